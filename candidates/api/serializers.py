from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from candidates.forms import CandidateSearchForm, search_params_from_querydict
from candidates.models import (
    CandidateProfile,
    CandidateSkill,
    Education,
    EmploymentType,
    SavedCandidateSearch,
    WorkExperience,
)
from candidates.permissions import can_see_contact_details


class CountryCodeField(serializers.CharField):
    """A country code in any case, stored upper case; the model's validator (an
    ISO 3166-1 code) decides, as on the profile page."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "validators", CandidateProfile._meta.get_field("country").validators
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data).strip().upper()


class CandidateSkillSerializer(serializers.ModelSerializer):
    skill_slug = serializers.SlugRelatedField(
        source="skill",
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Null when the name is not in the skills taxonomy.",
    )
    level = serializers.IntegerField(min_value=1, max_value=5, default=3)
    years = serializers.IntegerField(min_value=0, max_value=70, default=0)

    class Meta:
        model = CandidateSkill
        fields = ["id", "name", "skill_slug", "level", "years"]


class WorkExperienceSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkExperience
        fields = [
            "id",
            "title",
            "employer_name",
            "start_date",
            "end_date",
            "is_current",
            "description",
        ]

    def validate(self, attrs):
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        current = attrs.get("is_current", getattr(self.instance, "is_current", False))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": "The end date must be after the start date."}
            )
        if current and end:
            raise serializers.ValidationError(
                {"end_date": "A current position has no end date."}
            )
        return attrs


class EducationSerializer(serializers.ModelSerializer):
    start_year = serializers.IntegerField(
        min_value=1900, max_value=2100, required=False, allow_null=True
    )
    end_year = serializers.IntegerField(
        min_value=1900, max_value=2100, required=False, allow_null=True
    )

    class Meta:
        model = Education
        fields = ["id", "school", "degree", "field_of_study", "start_year", "end_year"]

    def validate(self, attrs):
        start = attrs.get("start_year", getattr(self.instance, "start_year", None))
        end = attrs.get("end_year", getattr(self.instance, "end_year", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_year": "The end year must be after the start year."}
            )
        return attrs


PROFILE_FIELDS = [
    "headline",
    "summary",
    "city",
    "region",
    "country",
    "willing_to_relocate",
    "remote_preference",
    "years_experience",
    "experience_level",
    "desired_salary_min",
    "desired_salary_max",
    "salary_currency",
    "salary_period",
    "employment_types",
    "availability",
    "available_from",
    "portfolio_url",
    "github_url",
    "linkedin_url",
]


class MyProfileSerializer(serializers.ModelSerializer):
    """The candidate's own profile (input and output for /candidates/me/)."""

    employment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentType.choices),
        required=False,
        max_length=6,
    )
    years_experience = serializers.IntegerField(min_value=0, max_value=70)
    country = CountryCodeField(required=False, allow_blank=True, max_length=2)
    salary_currency = serializers.RegexField(r"^[A-Za-z]{3}$", required=False)
    skills = CandidateSkillSerializer(many=True, read_only=True)
    experience = WorkExperienceSerializer(many=True, read_only=True)
    education = EducationSerializer(many=True, read_only=True)

    class Meta:
        model = CandidateProfile
        fields = [
            "id",
            *PROFILE_FIELDS,
            "phone",
            "visibility",
            "show_contact_details",
            "opt_out_of_matching",
            "last_active_at",
            "skills",
            "experience",
            "education",
        ]
        read_only_fields = ["id", "last_active_at"]

    def validate(self, attrs):
        low = attrs.get(
            "desired_salary_min", getattr(self.instance, "desired_salary_min", None)
        )
        high = attrs.get(
            "desired_salary_max", getattr(self.instance, "desired_salary_max", None)
        )
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"desired_salary_max": "The maximum must be at least the minimum."}
            )
        if "salary_currency" in attrs:
            attrs["salary_currency"] = attrs["salary_currency"].upper()
        return attrs


class CandidateListSerializer(serializers.ModelSerializer):
    """A search result: no contact details, skills by name."""

    full_name = serializers.CharField(source="user.full_name")
    skills = serializers.SerializerMethodField()

    class Meta:
        model = CandidateProfile
        fields = [
            "id",
            "full_name",
            "headline",
            "city",
            "country",
            "remote_preference",
            "years_experience",
            "experience_level",
            "availability",
            "available_from",
            "willing_to_relocate",
            "last_active_at",
            "skills",
        ]

    def get_skills(self, profile) -> list[str]:
        return [row.name for row in profile.skills.all()]


class ContactSerializer(serializers.Serializer):
    email = serializers.EmailField()
    phone = serializers.CharField()


class CandidateDetailSerializer(serializers.ModelSerializer):
    """The profile as an employer sees it; `contact` is null unless allowed."""

    full_name = serializers.CharField(source="user.full_name")
    skills = CandidateSkillSerializer(many=True)
    experience = WorkExperienceSerializer(many=True)
    education = EducationSerializer(many=True)
    contact = serializers.SerializerMethodField()

    class Meta:
        model = CandidateProfile
        fields = [
            "id",
            "full_name",
            *PROFILE_FIELDS,
            "visibility",
            "last_active_at",
            "contact",
            "skills",
            "experience",
            "education",
        ]

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, profile):
        request = self.context["request"]
        if not can_see_contact_details(request.user, profile):
            return None
        return {"email": profile.user.email, "phone": profile.phone}


class SavedCandidateSearchSerializer(serializers.ModelSerializer):
    params = serializers.DictField(required=False)
    query_string = serializers.CharField(read_only=True)

    class Meta:
        model = SavedCandidateSearch
        fields = ["id", "name", "params", "query_string", "created_at"]
        read_only_fields = ["id", "query_string", "created_at"]

    def validate_params(self, value):

        query = QueryDict(mutable=True)
        for key, item in value.items():
            items = item if isinstance(item, list) else [item]
            query.setlist(key, [str(v) for v in items])
        form = CandidateSearchForm(query)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors.get_json_data())
        return search_params_from_querydict(query)
