from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    NEW_APPLICATION = "new_application", "New application"
    STAGE_CHANGED = "stage_changed", "Application stage changed"
    INTERVIEW_SCHEDULED = "interview_scheduled", "Interview scheduled"
    INTERVIEW_CHANGED = "interview_changed", "Interview changed"
    REJECTION = "rejection", "Application not taken forward"
    NEW_MESSAGE = "new_message", "New message"
    JOB_ALERT = "job_alert", "Job alert"
    JOB_EXPIRING = "job_expiring", "Job about to expire"
    TEAM_INVITATION = "team_invitation", "Team invitation"
    SUBMISSION_REQUEST = "submission_request", "Recruiter submission request"
    PLACEMENT_RECORDED = "placement_recorded", "Placement recorded"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The notification centre and API feed: a user's newest first.
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                name="notification_feed_idx",
            ),
            # The header badge: count of a user's unread notifications.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
