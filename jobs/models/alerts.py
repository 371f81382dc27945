"""Job alerts: a saved job search run on a schedule, and the digests it sent."""

from django.conf import settings
from django.db import models

from hotgigs.models import TimeStampedModel


class AlertFrequency(models.TextChoices):
    INSTANTLY = "instantly", "Instantly"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class SavedSearch(TimeStampedModel):
    """A candidate's job search saved as an alert.

    ``query`` holds the search parameters as the job search accepts them
    (validated by ``JobSearchForm``); ``query_key`` is a hash of their normalised
    form so the alert runner evaluates each distinct query once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts"
    )
    name = models.CharField(max_length=100)
    query = models.JSONField(default=dict)
    query_key = models.CharField(max_length=64, editable=False)
    frequency = models.CharField(
        max_length=16, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    last_run_at = models.DateTimeField(null=True, blank=True)
    # High-water mark: jobs published up to here were considered (null: from the
    # alert's creation). Only the alert runner moves it, always forwards.
    matched_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "saved search (job alert)"
        verbose_name_plural = "saved searches (job alerts)"
        indexes = [
            # The alert runner: due alerts of one frequency in keyset batches
            # ordered by (query_key, id), so identical queries sit together.
            models.Index(
                fields=["frequency", "query_key", "id"], name="savedsearch_run_idx"
            ),
            # A user's alerts list (page and API).
            models.Index(fields=["user", "-created_at"], name="savedsearch_user_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.user})"


class AlertRun(models.Model):
    """One digest an alert sent: the window it covered and the jobs it listed.

    "Each new matching job once, never twice" is kept by the alert's high-water
    mark (``SavedSearch.matched_until``): runs cover disjoint, contiguous windows
    ``(matched_from, matched_until]`` of ``published_at`` (set on a job's first
    publish only), so no per-(alert, job) row is needed. This row is the audit
    trail: one per digest, none for a run that matched nothing.
    """

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="runs"
    )
    ran_at = models.DateTimeField()
    matched_from = models.DateTimeField()
    matched_until = models.DateTimeField()
    # The newest jobs listed in the digest (capped); ``job_count`` is the total.
    job_ids = models.JSONField(default=list)
    job_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-ran_at", "-id"]
        indexes = [
            # Admin and support: an alert's digests, newest first.
            models.Index(fields=["saved_search", "-ran_at"], name="alertrun_alert_idx"),
        ]

    def __str__(self):
        return f"alert {self.saved_search_id}: {self.job_count} jobs at {self.ran_at}"


class JobExpiryNotice(models.Model):
    """The team of this job was told it is about to expire: once per expiry date."""

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job", "expires_at"], name="job_expiry_notice_unique"
            )
        ]

    def __str__(self):
        return f"job {self.job_id} expiring {self.expires_at:%Y-%m-%d}"
