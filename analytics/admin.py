import datetime

from django.contrib import admin, messages
from django.utils import timezone

from analytics.models import (
    ApplicationTimeline,
    DailyCompanyStats,
    DailyJobStats,
    DailyPlatformStats,
    Event,
    TimelineMark,
)
from analytics.rollups import analytics_rollup


class ReadOnlyAdmin(admin.ModelAdmin):
    """Analytics rows are written by the sink and the roll-up, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "kind",
        "job_id",
        "company_id",
        "candidate_id",
        "user_id",
        "source",
        "query",
    ]
    list_filter = ["kind", "day", "source"]
    search_fields = ["query", "=job_id", "=company_id", "=candidate_id", "=user_id"]
    date_hierarchy = "day"
    show_full_result_count = False  # the log is big: no exact count per page


@admin.action(description="Recompute the roll-ups of the selected days")
def recompute(modeladmin, request, queryset):
    days = list(queryset.order_by().values_list("day", flat=True).distinct())
    if not days:
        return
    counts = analytics_rollup(since=min(days), until=max(days))
    modeladmin.message_user(
        request,
        f"Recomputed {min(days)}..{max(days)}: {counts['days']} days, "
        f"{counts['jobs']} job-days.",
        messages.SUCCESS,
    )


@admin.action(description="Recompute the last 7 days")
def recompute_last_week(modeladmin, request, queryset):
    until = timezone.localdate() - datetime.timedelta(days=1)
    analytics_rollup(since=until - datetime.timedelta(days=6), until=until)
    modeladmin.message_user(request, "Recomputed the last 7 days.", messages.SUCCESS)


class RollupAdmin(ReadOnlyAdmin):
    actions = [recompute, recompute_last_week]
    date_hierarchy = "day"
    list_filter = ["day"]


@admin.register(DailyJobStats)
class DailyJobStatsAdmin(RollupAdmin):
    list_display = [
        "day",
        "job_id",
        "company_id",
        "views",
        "member_views",
        "search_impressions",
        "applies",
        "hires",
    ]
    search_fields = ["=job_id", "=company_id"]


@admin.register(DailyCompanyStats)
class DailyCompanyStatsAdmin(RollupAdmin):
    list_display = [
        "day",
        "company_id",
        "views",
        "search_impressions",
        "applies",
        "hires",
        "jobs_published",
        "profile_views",
    ]
    search_fields = ["=company_id"]


@admin.register(DailyPlatformStats)
class DailyPlatformStatsAdmin(RollupAdmin):
    list_display = [
        "day",
        "new_candidates",
        "new_employers",
        "new_recruiters",
        "jobs_published",
        "applications",
        "hires",
        "searches",
        "job_views",
        "profile_views",
        "message_replies",
    ]


@admin.register(ApplicationTimeline)
class ApplicationTimelineAdmin(ReadOnlyAdmin):
    """Derived rows (the roll-up refolds them): to look at, never to edit."""

    list_display = [
        "application_id",
        "company_id",
        "job_id",
        "applied_on",
        "source",
        "reached",
        "applied_days",
        "screening_days",
        "interview_days",
        "offer_days",
        "hire_days",
        "hired_on",
    ]
    list_filter = ["source", "reached"]
    search_fields = ["=application__id", "=job_id", "=company_id"]
    date_hierarchy = "applied_on"
    show_full_result_count = False  # one row per application: no exact count


@admin.register(TimelineMark)
class TimelineMarkAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "application_id", "refreshed_at"]
