"""Job alerts: a saved job search run on a schedule, and what each alert was sent."""

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

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "saved search (job alert)"
        verbose_name_plural = "saved searches (job alerts)"
        indexes = [
            # The alert runner: alerts of one frequency due since their last run.
            models.Index(
                fields=["frequency", "last_run_at"], name="savedsearch_due_idx"
            ),
            # A user's alerts list (page and API).
            models.Index(fields=["user", "-created_at"], name="savedsearch_user_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.user})"


class AlertDelivery(models.Model):
    """This alert has told its owner about this job: never again."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="deliveries"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "job"], name="alert_delivery_unique"
            )
        ]

    def __str__(self):
        return f"{self.saved_search_id} → job {self.job_id}"


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
