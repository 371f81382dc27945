from django.conf import settings
from django.db import models
from django.urls import reverse

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


class Company(TimeStampedModel):
    kind = models.CharField(
        max_length=16, choices=CompanyKind.choices, default=CompanyKind.EMPLOYER
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True, help_text="Sanitised rich text.")
    website = models.URLField(blank=True)
    industry = models.CharField(max_length=100, blank=True)
    size = models.CharField(max_length=16, choices=CompanySize.choices, blank=True)
    hq_city = models.CharField("headquarters city", max_length=100, blank=True)
    hq_region = models.CharField("headquarters region", max_length=100, blank=True)
    hq_country = models.CharField(
        "headquarters country", max_length=2, blank=True, help_text="ISO 3166 code"
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
