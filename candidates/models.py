from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from candidates.validators import validate_github, validate_linkedin
from hotgigs.countries import validate_country_code
from hotgigs.models import TimeStampedModel

# The shared vocabulary, re-exported: candidates code reads it from here.
from hotgigs.vocabulary import PERIODS_PER_YEAR as PERIODS_PER_YEAR
from hotgigs.vocabulary import DesiredEmploymentType, ExperienceLevel, SalaryPeriod

# Sane ceilings for what a candidate types (a page of text each).
SUMMARY_MAX_LENGTH = 5_000
DESCRIPTION_MAX_LENGTH = 5_000


class RemotePreference(models.TextChoices):
    ONSITE = "onsite", "On site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"
    ANY = "any", "Any"


class Availability(models.TextChoices):
    ACTIVELY_LOOKING = "actively_looking", "Actively looking"
    OPEN_TO_OFFERS = "open_to_offers", "Open to offers"
    NOT_LOOKING = "not_looking", "Not looking"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    EMPLOYERS_AND_RECRUITERS = (
        "employers_and_recruiters",
        "Employers and recruiters only",
    )
    HIDDEN = "hidden", "Hidden"


# A candidate's wanted employment types: the shared ones and freelance work.
EmploymentType = DesiredEmploymentType


class CandidateProfileQuerySet(models.QuerySet):
    def searchable(self):
        """Profiles that may appear in candidate search (never hidden ones)."""
        return self.exclude(visibility=Visibility.HIDDEN)


class CandidateProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidate_profile",
    )
    headline = models.CharField(max_length=200, blank=True)
    # Free text has a ceiling: pages and API answer a field error past it.
    summary = models.TextField(blank=True, max_length=SUMMARY_MAX_LENGTH)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166 code, upper case",
    )
    willing_to_relocate = models.BooleanField(default=False)
    remote_preference = models.CharField(
        max_length=16, choices=RemotePreference.choices, default=RemotePreference.ANY
    )
    years_experience = models.PositiveSmallIntegerField(
        "years of experience", default=0, validators=[MaxValueValidator(70)]
    )
    experience_level = models.CharField(
        max_length=16, choices=ExperienceLevel.choices, blank=True
    )
    desired_salary_min = models.PositiveIntegerField(null=True, blank=True)
    desired_salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, default="EUR")
    salary_period = models.CharField(
        max_length=8, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR
    )
    # Normalised to a yearly amount by the service, so budgets compare in one unit.
    desired_salary_min_yearly = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    desired_salary_max_yearly = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    employment_types = models.JSONField(
        default=list, blank=True, help_text="List of EmploymentType values."
    )
    availability = models.CharField(
        max_length=20,
        choices=Availability.choices,
        default=Availability.OPEN_TO_OFFERS,
    )
    available_from = models.DateField(null=True, blank=True)
    portfolio_url = models.URLField(blank=True)
    github_url = models.URLField("GitHub URL", blank=True, validators=[validate_github])
    linkedin_url = models.URLField(
        "LinkedIn URL", blank=True, validators=[validate_linkedin]
    )
    phone = models.CharField(max_length=32, blank=True)
    visibility = models.CharField(
        max_length=32,
        choices=Visibility.choices,
        default=Visibility.EMPLOYERS_AND_RECRUITERS,
    )
    show_contact_details = models.BooleanField(
        default=False,
        help_text="Show email, phone and links to every employer who can see the "
        "profile, not only to companies applied to.",
    )
    opt_out_of_matching = models.BooleanField(
        "opt out of automated match scoring", default=False
    )
    # Maintained by candidates.services (headline A, skills/titles B, summary C).
    search_vector = SearchVectorField(null=True, editable=False)
    # Plain-text copy of the searchable words for the SQLite fallback.
    search_document = models.TextField(blank=True, editable=False)
    # Bumped by the candidate's own edits; sorts "most recently active".
    last_active_at = models.DateTimeField(default=timezone.now)

    objects = CandidateProfileQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_salary_min__isnull=True)
                | Q(desired_salary_max__isnull=True)
                | Q(desired_salary_min__lte=F("desired_salary_max")),
                name="candidate_salary_min_lte_max",
            ),
        ]
        indexes = [
            # Candidate search: full-text match on the weighted vector.
            GinIndex(fields=["search_vector"], name="candidate_search_vector_gin"),
            # Candidate search: visibility + availability filters, sorted by activity.
            models.Index(
                fields=["visibility", "availability", "-last_active_at"],
                name="candidate_vis_avail_active_idx",
            ),
            # Candidate search, searchable profiles most recently active first
            # (recent sort, the relevance window of common words).
            models.Index(
                F("last_active_at").desc(),
                F("id").desc(),
                condition=~Q(visibility="hidden"),
                name="cand_searchable_active_idx",
            ),
            # Candidate search sorted by experience (years, then activity).
            models.Index(
                F("years_experience").desc(),
                F("last_active_at").desc(),
                F("id").desc(),
                condition=~Q(visibility="hidden"),
                name="cand_searchable_years_idx",
            ),
            # Candidate search: location filter (country, then city).
            models.Index(fields=["country", "city"], name="candidate_location_idx"),
            # Candidate search: years-of-experience range and sort.
            models.Index(
                fields=["visibility", "years_experience"],
                name="candidate_vis_years_idx",
            ),
            # Candidate search: desired salary overlapping a yearly budget.
            models.Index(
                fields=["desired_salary_min_yearly", "desired_salary_max_yearly"],
                name="candidate_salary_yearly_idx",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.headline or 'profile'}"

    def get_absolute_url(self):

        return reverse("candidates:detail", kwargs={"pk": self.pk})

    @property
    def location(self):
        return ", ".join(
            part for part in (self.city, self.region, self.country) if part
        )


class CandidateSkill(models.Model):
    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="skills"
    )
    # Null when the candidate typed a skill the taxonomy does not know; `name` keeps it.
    skill = models.ForeignKey(
        "matching.Skill",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate_skills",
    )
    name = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    years = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(70)]
    )

    class Meta:
        ordering = ["-level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5),
                name="candidate_skill_level_1_5",
            ),
            models.UniqueConstraint(
                fields=["profile", "skill"], name="candidate_skill_unique"
            ),
        ]
        indexes = [
            # Candidate search: skill filters (all-of / any-of) join by skill.
            models.Index(
                fields=["skill", "profile"], name="candidate_skill_lookup_idx"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.level}/5)"


class WorkExperience(models.Model):
    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="experience"
    )
    title = models.CharField(max_length=200)
    employer_name = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    is_current = models.BooleanField(default=False)
    description = models.TextField(blank=True, max_length=DESCRIPTION_MAX_LENGTH)

    class Meta:
        ordering = ["-is_current", "-start_date", "-id"]
        verbose_name_plural = "work experience"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="work_experience_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} at {self.employer_name}"


class Education(models.Model):
    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="education"
    )
    school = models.CharField(max_length=200)
    degree = models.CharField(max_length=200, blank=True)
    field_of_study = models.CharField(max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-end_year", "-start_year", "-id"]
        verbose_name_plural = "education"
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="education_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.degree or 'Studies'} at {self.school}"


class ProfileView(models.Model):
    """An employer or recruiter opened a profile (one row per viewer per day)."""

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="views"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidate_profile_views",
    )
    viewer_company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate_profile_views",
    )
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "viewer", "day"], name="profile_view_once_per_day"
            ),
        ]
        indexes = [
            # "N companies viewed your profile in the last 30 days".
            models.Index(fields=["profile", "day"], name="profile_view_recent_idx"),
        ]

    def __str__(self):
        return f"{self.viewer} viewed {self.profile_id} on {self.day}"


class SavedCandidateSearch(TimeStampedModel):
    """An employer's or recruiter's search, re-run with one click (`query_string`)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_candidate_searches",
    )
    name = models.CharField(max_length=100)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name_plural = "saved candidate searches"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="saved_candidate_search_name_unique"
            ),
        ]
        indexes = [
            # The owner's list of saved searches, newest first.
            models.Index(
                fields=["owner", "-created_at"], name="saved_cand_search_owner_idx"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def query_string(self):

        return urlencode(sorted((self.params or {}).items()), doseq=True)
