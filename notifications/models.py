"""Notifications, delivery preferences, and messaging between candidates and teams.

``Notification`` is the in-app row; its ``email_mode``/``emailed_at`` pair drives
email delivery (immediately or in the daily digest) and makes it at-most-once: a
sender claims a row with a conditional UPDATE on ``emailed_at IS NULL`` before it
sends. Messaging refers to companies and applications by string label only
(notifications sit below companies and jobs in the layers).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


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
    ENGAGEMENT = "engagement", "Agency engagement proposed, accepted or ended"


class EmailMode(models.TextChoices):
    OFF = "off", "Off"
    IMMEDIATE = "immediate", "Immediately"
    DIGEST = "digest", "Daily digest"


# Without a saved preference: in-app always on; email as below.
DEFAULT_EMAIL_MODE = {
    NotificationKind.NEW_APPLICATION: EmailMode.DIGEST,
    NotificationKind.JOB_EXPIRING: EmailMode.IMMEDIATE,
    NotificationKind.STAGE_CHANGED: EmailMode.IMMEDIATE,
    NotificationKind.INTERVIEW_SCHEDULED: EmailMode.IMMEDIATE,
    NotificationKind.INTERVIEW_CHANGED: EmailMode.IMMEDIATE,
    NotificationKind.REJECTION: EmailMode.IMMEDIATE,
    NotificationKind.NEW_MESSAGE: EmailMode.IMMEDIATE,
    NotificationKind.JOB_ALERT: EmailMode.IMMEDIATE,
    NotificationKind.TEAM_INVITATION: EmailMode.IMMEDIATE,
    NotificationKind.SUBMISSION_REQUEST: EmailMode.IMMEDIATE,
    NotificationKind.PLACEMENT_RECORDED: EmailMode.DIGEST,
    NotificationKind.ENGAGEMENT: EmailMode.IMMEDIATE,
}


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
    # The person the text names when that is not the actor (a candidate put
    # forward by a recruiter, a placed candidate): when either account is
    # deleted, the title and body are rewritten without them (notifications.privacy).
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # How this notification goes out by email (the recipient's preference when it
    # was created) and when it was claimed for sending (at most once).
    email_mode = models.CharField(
        max_length=16, choices=EmailMode.choices, default=EmailMode.OFF
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    # False when the recipient turned in-app off for this kind but still wants the
    # email: the row exists only to drive delivery (created read, hidden from feeds).
    in_app = models.BooleanField(default=True)

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
            # The daily digest: notifications still waiting for their digest email.
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(email_mode="digest", emailed_at__isnull=True),
                name="notification_digest_due_idx",
            ),
            # The outbox sweeper: immediate emails not sent after the grace period.
            models.Index(
                fields=["created_at"],
                condition=Q(email_mode="immediate", emailed_at__isnull=True),
                name="notification_email_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutgoingEmail(models.Model):
    """An email that is not a notification (an interview's .ics, a team invitation,
    a sign-up confirmation, a password-reset link),
    written in the same transaction as the change it tells about and sent by a task.

    The row is the outbox: `sent_at` is claimed with a conditional UPDATE before
    the message goes to the mail server (at most once), released when sending
    fails (retried), and the beat sweeper re-queues rows still unsent after the
    grace period (a broker outage, retries used up while the mail server was down).
    """

    created_at = models.DateTimeField(auto_now_add=True)
    # What it is, for the admin and the logs ("interview", "invitation").
    purpose = models.CharField(max_length=32)
    from_email = models.CharField(max_length=254, blank=True)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    # [{"filename", "content", "mimetype"}]: text attachments (.ics) as they are.
    attachments = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The outbox sweeper: emails not sent after the grace period.
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="outgoing_email_due_idx",
            ),
            # Purging sent emails (their bodies hold links) after a week.
            models.Index(
                fields=["sent_at"],
                condition=Q(sent_at__isnull=False),
                name="outgoing_email_sent_idx",
            ),
        ]

    def __str__(self):
        return f"{self.purpose}: {self.subject} → {', '.join(self.to)}"


class NotificationPreference(models.Model):
    """A user's choice for one kind; no row means the defaults."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    in_app = models.BooleanField(default=True)
    email = models.CharField(
        max_length=16, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_pref_user_kind_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}: in-app={self.in_app} email={self.email}"


class Conversation(models.Model):
    """A thread between one candidate and one company's team (employer or agency)."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidate_conversations",
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="conversations"
    )
    application = models.ForeignKey(
        "jobs.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            # One thread per application; one direct thread per candidate+company.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(application__isnull=False),
                name="conversation_application_unique",
            ),
            models.UniqueConstraint(
                fields=["candidate", "company"],
                condition=Q(application__isnull=True),
                name="conversation_direct_unique",
            ),
        ]
        indexes = [
            # The candidate's inbox, most recent first.
            models.Index(
                fields=["candidate", "-last_message_at"],
                name="conversation_candidate_idx",
            ),
            # A company team's inbox, most recent first.
            models.Index(
                fields=["company", "-last_message_at"],
                name="conversation_company_idx",
            ),
        ]

    def __str__(self):
        return self.subject or f"Conversation #{self.pk}"

    def get_absolute_url(self):
        return f"/messages/{self.pk}/"


class ConversationReadMarker(models.Model):
    """Read receipt: how far one participant has read one conversation."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="read_markers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="conversation_read_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} read #{self.conversation_id} at {self.last_read_at}"


MESSAGE_MAX_LENGTH = 5000


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="message_body_not_empty")
        ]
        indexes = [
            # A conversation's messages in order (page and API).
            models.Index(
                fields=["conversation", "created_at", "id"],
                name="message_conversation_idx",
            )
        ]

    def __str__(self):
        return f"Message #{self.pk} in #{self.conversation_id}"


class CompanyBlock(models.Model):
    """A candidate refuses messages from a company."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "company"], name="company_block_unique"
            )
        ]

    def __str__(self):
        return f"{self.candidate} blocks {self.company}"
