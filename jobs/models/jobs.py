"""Jobs: a company's posting, its skills, and the queryset every reader starts from."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from hotgigs.countries import validate_country_code
from hotgigs.currencies import validate_currency_code
from hotgigs.models import TimeStampedModel

# The shared vocabulary, re-exported: jobs code reads it from jobs.models.
from hotgigs.vocabulary import PERIODS_PER_YEAR as PERIODS_PER_YEAR
from hotgigs.vocabulary import EmploymentType, ExperienceLevel, SalaryPeriod
from hotgigs.vocabulary import yearly as yearly


class JobStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    PAUSED = "paused", "Paused"
    CLOSED = "closed", "Closed"
    ARCHIVED = "archived", "Archived"


class RemotePolicy(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


PUBLISHED = Q(status=JobStatus.PUBLISHED)
# The salary sort key: the yearly maximum, -1 for "no salary" (sorts last).
# A signed output field: Django drops comparisons with -1 on a positive field.
SALARY_SORT_KEY = Coalesce(
    F("salary_max_yearly"), Value(-1), output_field=models.BigIntegerField()
)


class JobQuerySet(models.QuerySet):
    def published(self):
        """Public and searchable: published and not past its expiry."""
        now = timezone.now()
        return self.filter(PUBLISHED).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def for_company(self, company):
        return self.filter(company=company)

    def visible_to(self, user):
        """Published jobs for everyone; every job of their companies for members."""
        if user is None or not user.is_authenticated:
            return self.published()
        if user.is_staff:
            return self.all()
        now = timezone.now()
        public = PUBLISHED & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        return self.filter(public | Q(company__memberships__user=user)).distinct()


class Job(TimeStampedModel):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="jobs"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posted_jobs",
    )
    # The recruiting agency running this job for its client (recruiters issue).
    agency = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agency_jobs",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(
        blank=True, max_length=50_000, help_text="Sanitised rich text."
    )
    other_skills = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Skills as the employer wrote them that the taxonomy does not link: "
            "kept, shown, and read by matching as text."
        ),
    )
    skills = models.ManyToManyField(
        "matching.Skill", through="JobSkill", related_name="jobs", blank=True
    )
    employment_type = models.CharField(
        max_length=16, choices=EmploymentType.choices, blank=True
    )
    experience_level = models.CharField(
        max_length=16, choices=ExperienceLevel.choices, blank=True
    )
    min_years_experience = models.PositiveSmallIntegerField(
        "minimum years of experience",
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
    )
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166 alpha-2 code, e.g. DE.",
    )
    remote_policy = models.CharField(
        max_length=16, choices=RemotePolicy.choices, blank=True
    )
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(
        max_length=3,
        blank=True,
        validators=[validate_currency_code],
        help_text="ISO 4217 code, e.g. EUR.",
    )
    salary_period = models.CharField(
        max_length=8, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR
    )
    # Normalised per year by the service, for range filters and the salary sort.
    salary_min_yearly = models.PositiveBigIntegerField(null=True, blank=True)
    salary_max_yearly = models.PositiveBigIntegerField(null=True, blank=True)
    openings = models.PositiveSmallIntegerField(
        "number of openings",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # When the job was closed (set by the services; kept when it is archived):
    # "days open" on the employer dashboard ends here.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Weighted tsvector (A title, B skills, C company, D description), kept by the
    # services on PostgreSQL; null on SQLite, where search uses the fallback.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = JobQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="job_salary_min_lte_max",
                violation_error_message=(
                    "The maximum salary must be at least the minimum salary."
                ),
            ),
            # Search relies on these two: a filter without a remote policy (or
            # type) is read as "any of these" to lead job_pub_filters_recent_idx
            # (jobs.search._covered).
            models.CheckConstraint(
                condition=Q(remote_policy__in=["", *RemotePolicy.values]),
                name="job_remote_policy_valid",
                violation_error_message="Unknown remote policy.",
            ),
            models.CheckConstraint(
                condition=Q(employment_type__in=["", *EmploymentType.values]),
                name="job_employment_type_valid",
                violation_error_message="Unknown employment type.",
            ),
        ]
        indexes = [
            # Full-text search: search_vector @@ websearch_to_tsquery(q).
            GinIndex(fields=["search_vector"], name="job_search_vector_gin"),
            # Public list, newest first (default sort, keyset pages, posted within).
            models.Index(
                fields=["-published_at", "-id"],
                condition=PUBLISHED,
                name="job_published_recent_idx",
            ),
            # Search with a country (+ remote policy) filter: newest first walks
            # this, and rare text matches combine it with the GIN (BitmapAnd).
            models.Index(
                "country",
                "remote_policy",
                F("published_at").desc(),
                F("id").desc(),
                condition=PUBLISHED,
                name="job_pub_country_remote_idx",
            ),
            # Country + remote policy + ONE employment type: the walk
            # reads only matching rows instead of discarding the other types
            # after a heap read each (5,677 of 6,678 for DE + hybrid + contract).
            models.Index(
                "country",
                "remote_policy",
                "employment_type",
                F("published_at").desc(),
                F("id").desc(),
                condition=PUBLISHED,
                name="job_pub_ctry_remote_type_idx",
            ),
            # Filter-only searches over remote policy, employment type and
            # experience level (any of them, with or without a country, issue
            # 20): every column the search window reads is in the index, so a
            # fenced search collects its matches by an index-only scan instead
            # of a bitmap heap scan over ~20,000-48,000 scattered pages, and a
            # walk with one value of each reads its rows in date order.
            models.Index(
                "remote_policy",
                "employment_type",
                "experience_level",
                F("published_at").desc(),
                F("id").desc(),
                include=["country", "city", "expires_at"],
                condition=PUBLISHED,
                name="job_pub_filters_recent_idx",
            ),
            # Search with an employment-type filter (contract + US), newest first.
            models.Index(
                "employment_type",
                F("published_at").desc(),
                F("id").desc(),
                condition=PUBLISHED,
                name="job_pub_type_recent_idx",
            ),
            # Search with an experience-level filter (executive + remote), newest
            # first: one walk per level, merged (jobs.search._walk_branches).
            models.Index(
                "experience_level",
                F("published_at").desc(),
                F("id").desc(),
                condition=PUBLISHED,
                name="job_pub_level_recent_idx",
            ),
            # Filters: status + country/city + experience level.
            models.Index(
                fields=["status", "country", "city", "experience_level"],
                name="job_status_loc_level_idx",
            ),
            # Salary sort on published jobs: SALARY_SORT_KEY DESC, id DESC (no
            # salary sorts last; SQLite has no NULLS LAST in indexes).
            models.Index(
                SALARY_SORT_KEY.desc(),
                F("id").desc(),
                condition=PUBLISHED,
                name="job_salary_sort_idx",
            ),
            # "My company's jobs" and the company page: jobs of a company by status.
            models.Index(fields=["company", "status"], name="job_company_status_idx"),
            # close_expired_jobs: published/paused jobs past their expiry.
            models.Index(
                fields=["expires_at"],
                condition=Q(status__in=["published", "paused"])
                & Q(expires_at__isnull=False),
                name="job_open_expires_idx",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.company_id})"

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status == JobStatus.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class JobSkill(models.Model):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="job_skills")
    skill = models.ForeignKey(
        "matching.Skill", on_delete=models.PROTECT, related_name="job_skills"
    )
    is_required = models.BooleanField(
        "required", default=True, help_text="Required, or nice to have."
    )
    min_years = models.PositiveSmallIntegerField(
        "minimum years", null=True, blank=True, validators=[MaxValueValidator(50)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "skill"], name="jobskill_unique"),
        ]
        indexes = [
            # Skills filter ("all of"): jobs having a given skill.
            models.Index(fields=["skill", "job"], name="jobskill_skill_job_idx"),
        ]

    def __str__(self):
        return f"{self.skill} for {self.job_id}"
