"""Applications: a candidate's application to a job, its history, the team's notes,
ratings and interviews, and the candidate's saved jobs."""

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Q
from django.urls import reverse
from django.utils import timezone

from hotgigs.models import TimeStampedModel


class Stage(models.TextChoices):
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The forward path; rejected and withdrawn end an application from any open stage.
PIPELINE = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
OPEN_STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]
CLOSED_STAGES = [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN]
# Stages a team member may move an open application to, from each stage: any later
# stage of the pipeline (skipping is allowed, going back is not) or rejected. Only the
# candidate withdraws (application_withdraw); nothing leaves a closed stage.
TEAM_TRANSITIONS = {
    stage: {*PIPELINE[PIPELINE.index(stage) + 1 :], Stage.REJECTED}
    for stage in OPEN_STAGES
} | {stage: set() for stage in CLOSED_STAGES}

# What the candidate reads under each stage on "My applications".
NEXT_STEP = {
    Stage.APPLIED: "The hiring team will review your application.",
    Stage.SCREENING: "The hiring team is reviewing your profile and may contact you.",
    Stage.INTERVIEW: "You are invited to interview; watch for the invitation.",
    Stage.OFFER: "The company is preparing an offer for you.",
    Stage.HIRED: "Congratulations — you were hired.",
    Stage.REJECTED: "This application is closed.",
    Stage.WITHDRAWN: "You withdrew this application.",
}


class Source(models.TextChoices):
    DIRECT = "direct", "Direct"
    SEARCH = "search", "Search"
    RECOMMENDATION = "recommendation", "Recommendation"
    ALERT = "alert", "Job alert"
    RECRUITER = "recruiter", "Recruiter"


class RejectionReason(models.TextChoices):
    SKILLS = "skills", "Skills do not match"
    EXPERIENCE = "experience", "Not enough experience"
    LOCATION = "location", "Location or work permit"
    SALARY = "salary", "Salary expectations"
    POSITION_FILLED = "position_filled", "Position filled"
    OTHER_CANDIDATE = "other_candidate", "Another candidate was chosen"
    NO_SHOW = "no_show", "Did not attend the interview"
    OTHER = "other", "Other"


# The candidate never sees the internal reason, only this.
CANDIDATE_REJECTION_TEXT = (
    "Thank you for your interest. After careful consideration the team has decided "
    "not to move forward with your application. We wish you the best in your search."
)


class ApplicationQuerySet(models.QuerySet):
    def for_candidate(self, user):
        return self.filter(candidate=user)

    def for_member(self, user):
        """Applications to jobs of every company the user belongs to."""
        return self.filter(job__company__memberships__user=user)

    def open(self):
        return self.filter(stage__in=OPEN_STAGES)

    def with_rating(self):
        return self.annotate(average_rating=Avg("ratings__score"))


class Application(TimeStampedModel):
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.CASCADE, related_name="applications"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    stage = models.CharField(
        max_length=16, choices=Stage.choices, default=Stage.APPLIED
    )
    source = models.CharField(
        max_length=16, choices=Source.choices, default=Source.DIRECT
    )
    # A recruiter submitting on the candidate's behalf (recruiters issue).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_applications",
    )
    # Frozen snapshots (documents.document_snapshot): what the company received.
    resume = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications_as_resume",
    )
    cover_letter = models.TextField(blank=True)
    cover_letter_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications_as_cover_letter",
    )
    rejection_reason = models.CharField(
        max_length=32, choices=RejectionReason.choices, blank=True
    )
    rejection_note = models.TextField(blank=True)
    withdrawal_reason = models.TextField(blank=True)
    stage_changed_at = models.DateTimeField(default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job", "candidate"], name="application_job_candidate_unique"
            ),
            models.CheckConstraint(
                condition=~Q(stage="rejected") | ~Q(rejection_reason=""),
                name="application_rejected_has_reason",
            ),
        ]
        indexes = [
            # The pipeline board and its stage counts: a job's applications by stage.
            models.Index(fields=["job", "stage"], name="application_job_stage_idx"),
            # Analytics: a job's (or, over its jobs, a company's) applications made
            # in a date range (the dashboard cohort, the roll-up's applies per day).
            models.Index(
                fields=["job", "created_at"], name="application_job_created_idx"
            ),
            # "My applications": a candidate's applications, newest first.
            models.Index(
                fields=["candidate", "-created_at"],
                name="application_cand_created_idx",
            ),
        ]

    def __str__(self):
        # Admin titles and pickers: who, for what, where it stands (the admin
        # lists select the candidate and job with it).
        who = self.candidate.full_name or self.candidate.email
        return f"{who} for {self.job.title} ({self.get_stage_display()})"

    def get_absolute_url(self):
        return reverse("jobs:application-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        return self.stage in OPEN_STAGES

    @property
    def next_step(self):
        return NEXT_STEP[Stage(self.stage)]

    @property
    def allowed_team_stages(self):
        return sorted(TEAM_TRANSITIONS[Stage(self.stage)], key=_stage_order)


def _stage_order(stage):
    return list(Stage).index(Stage(stage))


class ApplicationEvent(models.Model):
    """One change of an application (stage move, withdrawal, note, interview)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The timeline of one application, oldest first.
            models.Index(
                fields=["application", "created_at"], name="appevent_timeline_idx"
            ),
        ]

    def __str__(self):
        """The move in words, as the admin's object titles show it."""
        if not self.from_stage:
            return self.get_to_stage_display()
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class ApplicationNote(TimeStampedModel):
    """A private note of the hiring team: never shown to the candidate."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The notes list on the team's application page.
            models.Index(fields=["application", "created_at"], name="appnote_list_idx"),
        ]

    def __str__(self):
        return f"Note on {self.application_id}"


class ApplicationRating(TimeStampedModel):
    """One 1–5 score per rater per application; the page shows the average."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="ratings"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "rater"], name="apprating_one_per_rater"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="apprating_score_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.score}/5 on {self.application_id}"


@functools.cache
def _known_timezones():
    return frozenset(zoneinfo.available_timezones())


def validate_timezone_name(value):
    if value not in _known_timezones():
        raise ValidationError(
            f"“{value}” is not a known time zone (e.g. Europe/Berlin)."
        )


class InterviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Interview(TimeStampedModel):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    starts_at = models.DateTimeField(help_text="Stored in UTC.")
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(8 * 60)]
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone_name],
        help_text="The zone the time is shown in, e.g. Europe/Berlin.",
    )
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="interviews_to_conduct", blank=True
    )
    location = models.CharField(max_length=300, blank=True)
    video_url = models.URLField(blank=True)
    status = models.CharField(
        max_length=16,
        choices=InterviewStatus.choices,
        default=InterviewStatus.SCHEDULED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # RFC 5545 SEQUENCE: bumped on every reschedule/cancel so calendars update.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="interview_duration_range",
            ),
        ]
        indexes = [
            # The interviews of one application, by time.
            models.Index(
                fields=["application", "starts_at"], name="interview_app_time_idx"
            ),
        ]

    def __str__(self):
        return f"Interview on {self.local_starts_at:%d %b %Y %H:%M} ({self.timezone})"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.timezone))

    @property
    def uid(self):
        return f"interview-{self.pk}@hotgigs"


class SavedJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "job"], name="savedjob_unique"),
        ]
        indexes = [
            # "Saved jobs" list of a user, newest first.
            models.Index(
                fields=["user", "-created_at"], name="savedjob_user_recent_idx"
            ),
        ]

    def __str__(self):
        return f"{self.user} saved {self.job.title}"
