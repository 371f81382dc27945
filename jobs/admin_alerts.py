"""Admin for job alerts (imported by jobs/admin.py)."""

from django.contrib import admin

from jobs.models import AlertDelivery, JobExpiryNotice, SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "last_run_at", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["name", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["query_key"]
    actions = ["run_now"]

    @admin.action(description="Reset last run (the next run looks back again)")
    def run_now(self, request, queryset):
        changed = queryset.update(last_run_at=None)
        self.message_user(request, f"{changed} alerts will run in full next time.")


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(admin.ModelAdmin):
    list_display = ["saved_search", "job", "created_at"]
    raw_id_fields = ["saved_search", "job"]
    search_fields = ["saved_search__name", "saved_search__user__email"]


@admin.register(JobExpiryNotice)
class JobExpiryNoticeAdmin(admin.ModelAdmin):
    list_display = ["job", "expires_at", "created_at"]
    raw_id_fields = ["job"]
