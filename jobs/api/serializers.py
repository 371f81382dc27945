"""Job API serializers: separate shapes for search results, detail and input."""

from rest_framework import serializers

from companies.models import Company
from hotgigs.api.fields import SparseFieldsetMixin
from jobs.models import (
    EmploymentType,
    ExperienceLevel,
    Job,
    JobSkill,
    JobStatus,
    RemotePolicy,
    SalaryPeriod,
)
from jobs.services.invites import NOTE_MAX_LENGTH


class CompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class AgencyRefSerializer(serializers.Serializer):
    """The recruiting agency that runs a job for its company (null for none)."""

    name = serializers.CharField()
    slug = serializers.CharField()


class LocationSerializer(serializers.Serializer):
    city = serializers.CharField(allow_blank=True)
    region = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)


class SalarySerializer(serializers.Serializer):
    min = serializers.IntegerField(allow_null=True)
    max = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField()
    period = serializers.ChoiceField(choices=SalaryPeriod.choices)


class JobSearchResultSerializer(SparseFieldsetMixin, serializers.Serializer):
    """One search hit (built from cached plain data: no database access)."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    company = CompanyRefSerializer()
    agency = AgencyRefSerializer(
        allow_null=True,
        help_text="The recruiting agency running this job for the company.",
    )
    location = LocationSerializer()
    employment_type = serializers.CharField(allow_blank=True)
    experience_level = serializers.CharField(allow_blank=True)
    remote_policy = serializers.CharField(allow_blank=True)
    salary = SalarySerializer(allow_null=True)
    published_at = serializers.DateTimeField()
    match_score = serializers.IntegerField(
        required=False,
        help_text="With sort=match only: your match score for the job, 0–100.",
    )


_DATETIME = serializers.DateTimeField()
_RESULT_FIELDS = tuple(JobSearchResultSerializer._declared_fields)


def search_results_data(results: list[dict], *, fields: str | None = None) -> list:
    """``JobSearchResultSerializer(results, many=True).data`` (the same JSON,
    ``?fields=`` included) without DRF's per-request field deep copies and
    per-value attribute look-ups: the results are cached plain dicts already,
    and serialising 20 of them was half of a cached search's time
    (bench/README.md). Equivalence: jobs/tests/test_search_results_data.py."""
    names = _RESULT_FIELDS
    if fields:
        keep = {name.strip() for name in fields.split(",") if name.strip()}
        if keep & set(names):
            names = tuple(name for name in names if name in keep)
    return [_result_data(item, names) for item in results]


def _result_data(item: dict, names: tuple) -> dict:
    out = {}
    for name in names:
        if name not in item:
            continue  # match_score: only with sort=match
        value = item[name]
        if value is None:
            out[name] = None
        elif name == "company":
            out[name] = {
                "id": int(value["id"]),
                "name": str(value["name"]),
                "slug": str(value["slug"]),
            }
        elif name == "agency":
            out[name] = {"name": str(value["name"]), "slug": str(value["slug"])}
        elif name == "location":
            out[name] = {
                key: None if value[key] is None else str(value[key])
                for key in ("city", "region", "country")
            }
        elif name == "salary":
            out[name] = {
                "min": None if value["min"] is None else int(value["min"]),
                "max": None if value["max"] is None else int(value["max"]),
                "currency": str(value["currency"]),
                "period": value["period"],
            }
        elif name == "published_at":
            out[name] = _DATETIME.to_representation(value)
        elif name in ("id", "match_score"):
            out[name] = int(value)
        else:
            out[name] = str(value)
    return out


class LocationFacetSerializer(serializers.Serializer):
    city = serializers.CharField()
    country = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    employment_type = serializers.DictField(child=serializers.IntegerField())
    experience_level = serializers.DictField(child=serializers.IntegerField())
    remote_policy = serializers.DictField(child=serializers.IntegerField())
    locations = LocationFacetSerializer(many=True)


class SearchSuggestionSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, help_text="The corrected keywords.")
    skills = serializers.CharField(
        required=False, help_text="The corrected skill slugs, comma-separated."
    )
    city = serializers.CharField(required=False, help_text="The corrected city.")
    url = serializers.URLField(help_text="This search with the corrections.")


class JobSearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text="Matches: exact, unless count_is_estimate (then the planner's "
        "estimate, or a floor when count_is_lower_bound). Exact up to 10,000."
    )
    count_is_estimate = serializers.BooleanField()
    count_is_lower_bound = serializers.BooleanField(
        help_text="count is a floor: more than count jobs match."
    )
    count_display = serializers.CharField(
        help_text='The count as the page shows it: "1,241", "about 410,000", "10,000+".'
    )
    count_capped = serializers.BooleanField(
        help_text="Deprecated: the same as count_is_estimate."
    )
    facets_are_estimates = serializers.BooleanField(
        help_text="The facet counts are the newest matches' shares of the "
        "estimated count, not exact."
    )
    suggestion = SearchSuggestionSerializer(
        allow_null=True, help_text='"Did you mean …": the corrected search.'
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = JobSearchResultSerializer(many=True)
    facets = FacetsSerializer(
        help_text="Counts over every match (estimates when facets_are_estimates)."
    )


class JobSkillSerializer(serializers.ModelSerializer):
    skill = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="skill.name", read_only=True)

    class Meta:
        model = JobSkill
        fields = ["skill", "name", "is_required", "min_years"]
        read_only_fields = fields


class JobSerializer(SparseFieldsetMixin, serializers.ModelSerializer):
    """A job in full (detail, create/update answers)."""

    company = CompanyRefSerializer(read_only=True)
    agency = AgencyRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The recruiting agency running this job for the company.",
    )
    skills = JobSkillSerializer(source="job_skills", many=True, read_only=True)
    other_skills = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Skills as written that the taxonomy does not link (kept).",
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "company",
            "agency",
            "description",
            "skills",
            "other_skills",
            "employment_type",
            "experience_level",
            "min_years_experience",
            "city",
            "region",
            "country",
            "remote_policy",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "openings",
            "status",
            "published_at",
            "expires_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        # read_only_fields drop allow_blank: say that these may be empty.
        extra_kwargs = {
            name: {"allow_blank": True}
            for name in ("employment_type", "experience_level", "remote_policy")
        }


class CompanyJobSerializer(serializers.ModelSerializer):
    """A row of "my company's jobs" (any status)."""

    company = CompanyRefSerializer(read_only=True)
    agency = AgencyRefSerializer(read_only=True, allow_null=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "company",
            "agency",
            "status",
            "published_at",
            "expires_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class JobSkillInputSerializer(serializers.Serializer):
    skill = serializers.CharField(
        max_length=120,
        help_text=(
            "A skill slug from the taxonomy, or the skill as written: it is linked "
            "to the taxonomy when it can be, else kept as free text "
            "(`other_skills`)."
        ),
    )
    is_required = serializers.BooleanField(default=True)
    min_years = serializers.IntegerField(
        min_value=0, max_value=50, required=False, allow_null=True
    )


class JobInputSerializer(serializers.Serializer):
    """Create (with ``company``) or update a job. The service checks the rest."""

    company = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(), help_text="Only on create."
    )
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        allow_blank=True, required=False, max_length=50_000
    )
    skills = JobSkillInputSerializer(many=True, required=False, max_length=50)
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, allow_blank=True, required=False
    )
    experience_level = serializers.ChoiceField(
        choices=ExperienceLevel.choices, allow_blank=True, required=False
    )
    min_years_experience = serializers.IntegerField(
        min_value=0, max_value=50, required=False, allow_null=True
    )
    city = serializers.CharField(max_length=100, allow_blank=True, required=False)
    region = serializers.CharField(max_length=100, allow_blank=True, required=False)
    country = serializers.CharField(max_length=2, allow_blank=True, required=False)
    remote_policy = serializers.ChoiceField(
        choices=RemotePolicy.choices, allow_blank=True, required=False
    )
    salary_min = serializers.IntegerField(
        min_value=0, max_value=2_000_000_000, required=False, allow_null=True
    )
    salary_max = serializers.IntegerField(
        min_value=0, max_value=2_000_000_000, required=False, allow_null=True
    )
    salary_currency = serializers.CharField(
        max_length=3, allow_blank=True, required=False
    )
    salary_period = serializers.ChoiceField(
        choices=SalaryPeriod.choices, required=False
    )
    openings = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None or self.partial:
            self.fields.pop("company")
        if self.partial:
            self.fields["title"].required = False

    def validate_skills(self, value):
        # On PATCH DRF makes every nested field optional too (partial applies to
        # the whole tree): an item without its skill must still be refused.
        missing = [{} if "skill" in item else {"skill": [REQUIRED]} for item in value]
        if any(missing):
            raise serializers.ValidationError(missing)
        return value


REQUIRED = serializers.Field.default_error_messages["required"]


class JobStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=JobStatus.choices)


class JobInviteInputSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        help_text="The candidate profile's id (as in /api/v1/candidates/).",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_LENGTH, default=""
    )


class JobInviteSerializer(serializers.Serializer):
    conversation = serializers.IntegerField(
        help_text="The company's direct thread with the candidate, which holds "
        "the invitation (/api/v1/conversations/{id}/)."
    )
    job = serializers.IntegerField()
    candidate = serializers.IntegerField()
