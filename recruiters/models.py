"""Recruiting agencies: client engagements, the talent pool, submissions (with the
candidate's consent) and placements with their fee and commission splits.

Money is always ``Decimal`` with two places and an ISO 4217 currency; the rounding
rules live in ``recruiters.money``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hotgigs.currencies import validate_currency_code
from hotgigs.models import TimeStampedModel

ZERO = Decimal("0.00")
HUNDRED = Decimal("100.00")


class FeeType(models.TextChoices):
    PERCENT = "percent", "Percentage of first-year salary"
    FLAT = "flat", "Flat fee"


class EngagementStatus(models.TextChoices):
    """proposed → active (the client accepts) | declined (the client declines);
    active ⇄ paused; proposed/active/paused → ended (either side ends it)."""

    PROPOSED = "proposed", "Proposed, waiting for the client"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    DECLINED = "declined", "Declined by the client"
    ENDED = "ended", "Ended"


# An engagement in one of these blocks another one for the same agency and client.
OPEN_ENGAGEMENT_STATUSES = ("proposed", "active", "paused")


class EngagementQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)

    def active(self):
        return self.filter(status=EngagementStatus.ACTIVE)

    def open(self):
        return self.filter(status__in=OPEN_ENGAGEMENT_STATUSES)

    def for_member(self, user):
        """Engagements of every agency the user belongs to."""
        return self.filter(agency__memberships__user=user)

    def for_client_member(self, user):
        """Engagements of every client company the user belongs to."""
        return self.filter(client__memberships__user=user)


class ClientEngagement(TimeStampedModel):
    """An agency working for a client company on agreed terms.

    The client consents: an agency's engagement with an existing employer starts
    as a *proposal* that an owner or admin of the client accepts (or declines).
    It starts active when the client's team creates it, or when the client is
    a company the agency itself listed (``unclaimed_client``: no members to ask).
    """

    agency = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="client_engagements"
    )
    client = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="agency_engagements",
    )
    fee_type = models.CharField(
        max_length=8, choices=FeeType.choices, default=FeeType.PERCENT
    )
    fee_percent = models.DecimalField(
        "fee (% of first-year salary)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
    )
    flat_fee = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    currency = models.CharField(
        max_length=3,
        default="EUR",
        validators=[validate_currency_code],
        help_text="ISO 4217 code of the flat fee and placements, e.g. EUR.",
    )
    guarantee_days = models.PositiveSmallIntegerField(
        "guarantee period (days)", default=90, validators=[MaxValueValidator(730)]
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        "payment terms (days)", default=30, validators=[MaxValueValidator(365)]
    )
    status = models.CharField(
        max_length=8,
        choices=EngagementStatus.choices,
        default=EngagementStatus.PROPOSED,
    )
    unclaimed_client = models.BooleanField(
        "client listed by the agency",
        default=False,
        help_text="The agency created the client company (no members to ask); "
        "its jobs say so.",
    )
    responded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the client accepted or declined."
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_name = models.CharField("client contact", max_length=150, blank=True)
    contact_email = models.EmailField("client contact email", blank=True)
    contact_phone = models.CharField("client contact phone", max_length=32, blank=True)
    recruiters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="client_engagements", blank=True
    )
    allow_client_pipeline_view = models.BooleanField(
        "client sees the pipelines",
        default=False,
        help_text="The client's team sees the pipelines of the jobs the agency runs.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EngagementQuerySet.as_manager()

    class Meta:
        constraints = [
            # One open (proposed, active or paused) engagement per agency and client.
            models.UniqueConstraint(
                fields=["agency", "client"],
                condition=Q(status__in=OPEN_ENGAGEMENT_STATUSES),
                name="engagement_open_agency_client_unique",
            ),
            models.CheckConstraint(
                condition=Q(fee_percent__isnull=True)
                | (Q(fee_percent__gte=0) & Q(fee_percent__lte=100)),
                name="engagement_fee_percent_0_100",
            ),
            models.CheckConstraint(
                condition=(Q(fee_type="percent") & Q(fee_percent__isnull=False))
                | (Q(fee_type="flat") & Q(flat_fee__isnull=False)),
                name="engagement_fee_matches_type",
            ),
            models.CheckConstraint(
                condition=~Q(agency=models.F("client")),
                name="engagement_agency_not_client",
            ),
        ]
        indexes = [
            # The clients list: an agency's engagements by status, newest first.
            models.Index(
                fields=["agency", "status", "-created_at"],
                name="engagement_agency_status_idx",
            ),
            # The client's side: which agencies work for this company.
            models.Index(fields=["client", "status"], name="engagement_client_idx"),
        ]

    def __str__(self):
        return f"{self.agency} → {self.client} ({self.status})"

    def get_absolute_url(self):
        return reverse("recruiters:client_detail", kwargs={"pk": self.pk})

    @property
    def is_active(self):
        return self.status == EngagementStatus.ACTIVE

    @property
    def is_proposed(self):
        return self.status == EngagementStatus.PROPOSED

    @property
    def is_open(self):
        return self.status in OPEN_ENGAGEMENT_STATUSES

    @property
    def terms_display(self):
        if self.fee_type == FeeType.FLAT:
            return f"{self.flat_fee} {self.currency} flat"
        return f"{self.fee_percent}% of first-year salary"


class Tag(models.Model):
    """A label in one agency's talent pool ("python", "shortlist-q3")."""

    agency = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="pool_tags"
    )
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="tag_agency_name")
        ]

    def __str__(self):
        return self.name


class PoolSource(models.TextChoices):
    SEARCH = "search", "Candidate search"
    APPLIED = "applied", "Applied through the agency"
    MANUAL = "manual", "Added by hand"


class TalentPoolEntry(TimeStampedModel):
    """A platform candidate on an agency's list.

    ``email`` and ``phone`` are the agency's copies (phone in E.164), kept for
    duplicate detection: two entries with the same email or phone are the same
    person and can be merged.
    """

    agency = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="pool_entries"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(blank=True, help_text="Stored lower-case.")
    phone = models.CharField(max_length=32, blank=True, help_text="E.164.")
    tags = models.ManyToManyField(Tag, related_name="entries", blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(
        max_length=8, choices=PoolSource.choices, default=PoolSource.MANUAL
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "talent pool entry"
        verbose_name_plural = "talent pool entries"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "candidate"], name="pool_agency_candidate_unique"
            ),
        ]
        indexes = [
            # The pool list: an agency's entries, newest first.
            models.Index(
                fields=["agency", "-created_at"], name="pool_agency_recent_idx"
            ),
            # Duplicate detection: same email / same phone within an agency.
            models.Index(fields=["agency", "email"], name="pool_agency_email_idx"),
            models.Index(fields=["agency", "phone"], name="pool_agency_phone_idx"),
        ]

    def __str__(self):
        return f"{self.candidate} in {self.agency}"


class SubmissionStatus(models.TextChoices):
    PENDING_CONSENT = "pending_consent", "Waiting for the candidate"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A submission in one of these blocks another one for the same candidate and job.
LIVE_SUBMISSION = Q(status__in=["pending_consent", "accepted"])


class SubmissionQuerySet(models.QuerySet):
    def for_member(self, user):
        return self.filter(agency__memberships__user=user)

    def for_client_member(self, user):
        return self.filter(job__company__memberships__user=user)


class Submission(TimeStampedModel):
    """A recruiter proposes a candidate for a client job; the candidate consents."""

    agency = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="submissions"
    )
    engagement = models.ForeignKey(
        ClientEngagement, on_delete=models.PROTECT, related_name="submissions"
    )
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.CASCADE, related_name="submissions"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="submission_requests",
    )
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="submissions_made",
    )
    pitch = models.TextField("pitch note", blank=True)
    status = models.CharField(
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING_CONSENT,
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    application = models.OneToOneField(
        "jobs.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        constraints = [
            # Once per candidate per job while pending or accepted; decides races.
            models.UniqueConstraint(
                fields=["job", "candidate"],
                condition=LIVE_SUBMISSION,
                name="submission_live_job_candidate_unique",
            ),
        ]
        indexes = [
            # The agency's submissions list, newest first.
            models.Index(
                fields=["agency", "-created_at"], name="submission_agency_recent_idx"
            ),
            # /recruiter-requests/: a candidate's requests by status.
            models.Index(
                fields=["candidate", "status"], name="submission_candidate_idx"
            ),
            # The client's view: submissions to a job.
            models.Index(fields=["job", "status"], name="submission_job_idx"),
        ]

    def __str__(self):
        return f"{self.candidate} → {self.job} ({self.status})"

    @property
    def is_pending(self):
        return self.status == SubmissionStatus.PENDING_CONSENT


class PlacementStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    INVOICED = "invoiced", "Invoiced"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


class PlacementQuerySet(models.QuerySet):
    def for_member(self, user):
        return self.filter(agency__memberships__user=user)

    def counted(self):
        """Placements that fill an opening (not cancelled)."""
        return self.exclude(status=PlacementStatus.CANCELLED)


class Placement(TimeStampedModel):
    """A hire made through the agency, and what it earns."""

    application = models.OneToOneField(
        "jobs.Application", on_delete=models.PROTECT, related_name="placement"
    )
    submission = models.OneToOneField(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement",
    )
    agency = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="placements"
    )
    engagement = models.ForeignKey(
        ClientEngagement, on_delete=models.PROTECT, related_name="placements"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.PROTECT, related_name="placements"
    )
    agreed_annual_salary = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    currency = models.CharField(
        max_length=3, validators=[validate_currency_code], default="EUR"
    )
    fee = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    fee_override_reason = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.PENDING
    )
    invoiced_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    is_fall_off = models.BooleanField(
        "fall-off",
        default=False,
        help_text="Cancelled within the guarantee period after the start date.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PlacementQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="placement_fee_gte_0"),
        ]
        indexes = [
            # The placements list: an agency's placements by status, newest first.
            models.Index(
                fields=["agency", "status", "-created_at"],
                name="placement_agency_status_idx",
            ),
            # Reports per client: placements of an engagement.
            models.Index(fields=["engagement", "status"], name="placement_eng_idx"),
        ]

    def __str__(self):
        return f"{self.candidate} at {self.job} ({self.status})"


class PlacementSplit(models.Model):
    """A recruiter's share of a placement's fee; shares sum to 100.00."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="splits"
    )
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(HUNDRED)],
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)

    class Meta:
        ordering = ["-percent", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "recruiter"], name="split_placement_recruiter"
            ),
            models.CheckConstraint(
                condition=Q(percent__gt=0) & Q(percent__lte=100),
                name="split_percent_0_100",
            ),
        ]
        indexes = [
            # Reports per recruiter: commission earned by a recruiter.
            models.Index(fields=["recruiter"], name="split_recruiter_idx"),
        ]

    def __str__(self):
        return f"{self.recruiter}: {self.percent}%"
