import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hotgigs.countries import validate_country_code
from hotgigs.models import TimeStampedModel


class CompanyKind(models.TextChoices):
    EMPLOYER = "employer", "Employer"
    AGENCY = "agency", "Recruiting agency"


class CompanySize(models.TextChoices):
    S1_10 = "1-10", "1–10 people"
    S11_50 = "11-50", "11–50 people"
    S51_200 = "51-200", "51–200 people"
    S201_1000 = "201-1000", "201–1,000 people"
    S1001_5000 = "1001-5000", "1,001–5,000 people"
    S5001_PLUS = "5001+", "5,001+ people"


class CompanyQuerySet(models.QuerySet):
    def employers(self):
        return self.filter(kind=CompanyKind.EMPLOYER)

    def agencies(self):
        return self.filter(kind=CompanyKind.AGENCY)

    def for_member(self, user):
        return self.filter(memberships__user=user)

    def verified(self):
        return self.filter(is_verified=True)


class Company(TimeStampedModel):
    kind = models.CharField(
        max_length=16, choices=CompanyKind.choices, default=CompanyKind.EMPLOYER
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(
        blank=True, max_length=20_000, help_text="Sanitised rich text."
    )
    website = models.URLField(blank=True)
    industry = models.CharField(max_length=100, blank=True)
    size = models.CharField(max_length=16, choices=CompanySize.choices, blank=True)
    hq_city = models.CharField("headquarters city", max_length=100, blank=True)
    hq_region = models.CharField("headquarters region", max_length=100, blank=True)
    hq_country = models.CharField(
        "headquarters country",
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166-1 alpha-2 code, e.g. DE",
    )
    is_verified = models.BooleanField("verified", default=False)
    logo = models.ImageField(upload_to="logos/", blank=True)
    logo_small = models.ImageField(upload_to="logos/", blank=True)
    logo_large = models.ImageField(upload_to="logos/", blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="companies"
    )

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "companies"
        indexes = [
            # Admin and staff filters: companies by kind and verified flag.
            models.Index(
                fields=["kind", "is_verified"], name="company_kind_verified_idx"
            ),
            # Directory filter ?industry= (and the admin's industry filter).
            models.Index(fields=["industry"], name="company_industry_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("companies:detail", kwargs={"slug": self.slug})

    @property
    def is_agency(self):
        return self.kind == CompanyKind.AGENCY


class MembershipRole(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


class Membership(TimeStampedModel):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"], name="membership_company_user_unique"
            ),
        ]
        indexes = [
            # "Which companies is this user in?" — every access check.
            models.Index(
                fields=["user", "company"], name="membership_user_company_idx"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.company} ({self.role})"

    @property
    def can_manage(self):
        return self.role in (MembershipRole.OWNER, MembershipRole.ADMIN)


def _invitation_token():
    # Referenced by migration 0002 (before tokens were stored hashed).
    return secrets.token_urlsafe(32)


def hash_invitation_token(token: str) -> str:
    """Invitations store only this digest of the emailed token: a copy of the
    table does not hold working links."""
    return hashlib.sha256(token.encode()).hexdigest()


INVITATION_LIFETIME = timedelta(days=7)


def _invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Not accepted and not expired: the link still works."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(TimeStampedModel):
    """An emailed invitation to join a company; accepting it creates a Membership."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(help_text="Stored lower-case.")
    role = models.CharField(
        max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    # The raw token, only in memory right after `issue_token()` (for the link
    # in the email); never stored.
    token: str | None = None

    class Meta:
        constraints = [
            # One pending invitation per company and address; re-inviting refreshes it.
            models.UniqueConstraint(
                fields=["company", "email"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_open_company_email_unique",
            ),
        ]
        indexes = [
            # The team page: pending invitations of a company, newest first.
            models.Index(
                fields=["company", "-created_at"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.company} ({self.role})"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.issue_token()
        super().save(*args, **kwargs)

    def issue_token(self) -> str:
        """A new link token (the old link stops working); the caller saves."""
        self.token = secrets.token_urlsafe(32)
        self.token_hash = hash_invitation_token(self.token)
        return self.token

    def get_absolute_url(self):
        # Token-free: the page for the signed-in invitee (the emailed link with
        # the token is built only when the token is issued).
        return reverse("companies:invitation-mine", kwargs={"pk": self.pk})

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_open(self):
        return self.accepted_at is None and not self.is_expired
