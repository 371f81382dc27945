"""Analytics: the raw event log and the daily roll-ups dashboards read.

Subjects are plain integers (job_id, company_id, candidate_id), not foreign keys:
`analytics.tracking` sits below the domain apps (it may import none of them), the
event log is append-only and must never cascade or lock a domain row, and the
roll-ups outlive the rows they summarise (a deleted job still counted yesterday).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class EventKind(models.TextChoices):
    JOB_VIEW = "job_view", "Job view"
    SEARCH = "search", "Job search"
    SEARCH_IMPRESSION = "search_impression", "Search impression"
    APPLY = "apply", "Application"
    PROFILE_VIEW = "profile_view", "Profile view"
    MESSAGE_REPLY = "message_reply", "Message reply"


# Kinds whose count means "people": one row per viewer per subject per day.
JOB_DEDUPED_KINDS = [EventKind.JOB_VIEW, EventKind.SEARCH_IMPRESSION]


class Event(models.Model):
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    job_id = models.BigIntegerField(null=True, blank=True)
    company_id = models.BigIntegerField(null=True, blank=True)
    # The candidate's *user* id (profile views, applies, replies).
    candidate_id = models.BigIntegerField(null=True, blank=True)
    # The signed-in viewer's user id; null for anonymous visitors.
    user_id = models.BigIntegerField(null=True, blank=True)
    # Who, for de-duplication: "u<id>" or "a<hash of session or IP + user agent>".
    viewer_key = models.CharField(max_length=40)
    source = models.CharField(max_length=24, blank=True)
    # Search events: the normalised query text (lower-case, single spaces).
    query = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            # A job view or search impression counts once per viewer per job per day.
            models.UniqueConstraint(
                fields=["kind", "job_id", "viewer_key", "day"],
                condition=Q(kind__in=JOB_DEDUPED_KINDS),
                name="event_job_once_per_viewer_day",
            ),
            # A profile view counts once per viewer per candidate per day.
            models.UniqueConstraint(
                fields=["candidate_id", "viewer_key", "day"],
                condition=Q(kind=EventKind.PROFILE_VIEW),
                name="event_profile_once_per_viewer_day",
            ),
        ]
        indexes = [
            # Roll-ups and the platform's live "today": events of a kind on a day.
            models.Index(fields=["day", "kind"], name="event_day_kind_idx"),
            # A job's live numbers for today and its per-job roll-up.
            models.Index(fields=["job_id", "day"], name="event_job_day_idx"),
            # A company's live numbers for today.
            models.Index(fields=["company_id", "day"], name="event_company_day_idx"),
            # A candidate's profile views by week.
            models.Index(
                fields=["candidate_id", "day"],
                condition=Q(kind="profile_view"),
                name="event_cand_profile_view_idx",
            ),
        ]

    def __str__(self):
        return f"{self.kind} on {self.day}"


class DailyJobStats(models.Model):
    job_id = models.BigIntegerField()
    company_id = models.BigIntegerField()
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    # Signed-in viewers among `views` (the rest are anonymous visitors).
    member_views = models.PositiveIntegerField(default=0)
    search_impressions = models.PositiveIntegerField(default=0)
    applies = models.PositiveIntegerField(default=0)
    hires = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "daily job statistics"
        verbose_name_plural = "daily job statistics"
        constraints = [
            models.UniqueConstraint(
                fields=["job_id", "day"], name="djs_job_day_unique"
            ),
        ]
        indexes = [
            # The company dashboard: every job's rows of a company in a date range.
            models.Index(fields=["company_id", "day"], name="djs_company_day_idx"),
        ]

    def __str__(self):
        return f"job {self.job_id} on {self.day}"


class DailyCompanyStats(models.Model):
    company_id = models.BigIntegerField()
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    search_impressions = models.PositiveIntegerField(default=0)
    applies = models.PositiveIntegerField(default=0)
    hires = models.PositiveIntegerField(default=0)
    jobs_published = models.PositiveIntegerField(default=0)
    profile_views = models.PositiveIntegerField(
        default=0, help_text="Candidate profiles the company's people opened."
    )

    class Meta:
        verbose_name = "daily company statistics"
        verbose_name_plural = "daily company statistics"
        constraints = [
            models.UniqueConstraint(
                fields=["company_id", "day"], name="dcs_company_day_unique"
            ),
        ]

    def __str__(self):
        return f"company {self.company_id} on {self.day}"


class DailyPlatformStats(models.Model):
    day = models.DateField(unique=True)
    new_candidates = models.PositiveIntegerField(default=0)
    new_employers = models.PositiveIntegerField(default=0)
    new_recruiters = models.PositiveIntegerField(default=0)
    jobs_published = models.PositiveIntegerField(default=0)
    applications = models.PositiveIntegerField(default=0)
    hires = models.PositiveIntegerField(default=0)
    searches = models.PositiveIntegerField(default=0)
    job_views = models.PositiveIntegerField(default=0)
    profile_views = models.PositiveIntegerField(default=0)
    message_replies = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "daily platform statistics"
        verbose_name_plural = "daily platform statistics"
        ordering = ["-day"]

    def __str__(self):
        return f"platform on {self.day}"


class ApplicationTimeline(models.Model):
    """An application's stage history folded into one row, for the employer
    dashboard (`analytics.timeline`).

    Derived data, rebuilt by the roll-up from the application and its events up to
    `TimelineMark`; the dashboard computes applications touched since the mark
    live, so these rows are never stale where they are read. Durations are days,
    unrounded, exactly as `analytics.reports.pipeline` computes them from events.
    """

    application = models.OneToOneField(
        "jobs.Application",
        on_delete=models.CASCADE,  # a deleted application leaves every figure
        primary_key=True,
        related_name="+",
    )
    company_id = models.BigIntegerField()
    job_id = models.BigIntegerField()
    created_at = models.DateTimeField()
    # Days in the site time zone, like every roll-up's `day` (a change of
    # TIME_ZONE needs `rollup_analytics --since <first day>`).
    applied_on = models.DateField()
    source = models.CharField(max_length=16)
    # Rank in jobs.models.PIPELINE of the furthest stage reached (its highest
    # event, or its stage without events); rejected and withdrawn rank 0.
    reached = models.PositiveSmallIntegerField()
    # From the first move into the stage to the first move out of it.
    applied_days = models.FloatField(null=True, blank=True)
    screening_days = models.FloatField(null=True, blank=True)
    interview_days = models.FloatField(null=True, blank=True)
    offer_days = models.FloatField(null=True, blank=True)
    # From the application to its first move to hired, and that move's day.
    hire_days = models.FloatField(null=True, blank=True)
    hired_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            # The company dashboard's cohort: a company's applications in a range.
            models.Index(
                fields=["company_id", "created_at"], name="timeline_company_idx"
            ),
            # A job's dashboard (`?job=`): one job's applications in a range.
            models.Index(fields=["job_id", "created_at"], name="timeline_job_idx"),
        ]

    def __str__(self):
        return f"timeline of application {self.application_id}"


class TimelineMark(models.Model):
    """How far `ApplicationTimeline` is built: one row (id 1).

    Rows hold the events with ids up to `event_id` of the applications with ids
    up to `application_id`; newer events and applications are read live.
    """

    event_id = models.BigIntegerField(default=0)
    application_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="timelinemark_single_row"),
        ]

    def __str__(self):
        return f"timelines through event {self.event_id}"
