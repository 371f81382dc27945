"""Admin for job alerts (imported by jobs/admin.py)."""

from django.contrib import admin

from jobs.models import AlertRun, JobExpiryNotice, SavedSearch


class AlertRunInline(admin.TabularInline):
    model = AlertRun
    extra = 0
    can_delete = False
    fields = ["ran_at", "matched_from", "matched_until", "job_count", "job_ids"]
    readonly_fields = fields
    ordering = ["-ran_at"]
    max_num = 0


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "frequency",
        "last_run_at",
        "matched_until",
        "created_at",
    ]
    list_filter = ["frequency"]
    search_fields = ["name", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["query_key", "matched_until"]
    inlines = [AlertRunInline]
    actions = ["run_now"]

    @admin.action(description="Make due at the next run (sent jobs are not sent again)")
    def run_now(self, request, queryset):
        # Only the schedule resets: the high-water mark keeps "never twice".
        changed = queryset.update(last_run_at=None)
        self.message_user(request, f"{changed} alerts are due at the next run.")


@admin.register(AlertRun)
class AlertRunAdmin(admin.ModelAdmin):
    list_display = ["saved_search", "ran_at", "job_count", "matched_until"]
    list_filter = ["saved_search__frequency"]
    date_hierarchy = "ran_at"
    raw_id_fields = ["saved_search"]
    search_fields = ["saved_search__name", "saved_search__user__email"]
    list_select_related = ["saved_search__user"]


@admin.register(JobExpiryNotice)
class JobExpiryNoticeAdmin(admin.ModelAdmin):
    list_display = ["job", "expires_at", "created_at"]
    raw_id_fields = ["job"]
