"""Serializers of /api/v1/ai/'s scores, recommendations, ranked candidates,
resume analysis and job-posting advice."""

from rest_framework import serializers

from jobs.models import ExperienceLevel, RemotePolicy, SalaryPeriod
from matching.api.serializers import SkillHitSerializer


class MatchComponentSerializer(serializers.Serializer):
    name = serializers.CharField()
    score = serializers.FloatField()
    weight = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class MatchResultSerializer(serializers.Serializer):
    job = serializers.IntegerField(source="job_id")
    candidate = serializers.IntegerField(source="candidate_id")
    score = serializers.IntegerField()
    capped = serializers.BooleanField()
    components = MatchComponentSerializer(many=True)
    matched_skills = serializers.ListField(child=serializers.CharField())
    partial_skills = serializers.ListField(child=serializers.CharField())
    missing_skills = serializers.ListField(child=serializers.CharField())
    explanation = serializers.CharField()


class MatchInput(serializers.Serializer):
    job = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    candidate = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False
    )


class JobBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    company = serializers.CharField(source="company.name")
    city = serializers.CharField()
    country = serializers.CharField()
    remote_policy = serializers.CharField()


class RecommendationSerializer(serializers.Serializer):
    job = JobBriefSerializer()
    match = MatchResultSerializer()


class RankedCandidateSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(source="profile.pk")
    name = serializers.CharField(source="profile.user.full_name")
    headline = serializers.CharField(source="profile.headline")
    applied = serializers.SerializerMethodField()
    stage = serializers.SerializerMethodField()
    scored = serializers.SerializerMethodField()
    not_scored_reason = serializers.CharField()
    match = MatchResultSerializer(source="result", allow_null=True)

    def get_applied(self, row) -> bool:
        return row.application is not None

    def get_stage(self, row) -> str | None:
        return row.application.stage if row.application else None

    def get_scored(self, row) -> bool:
        return row.score is not None


class RankedCandidatesInput(serializers.Serializer):
    applicants_only = serializers.BooleanField(required=False, default=False)


class ResumeAnalysisInput(serializers.Serializer):
    document = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    job = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class TargetJobsInput(serializers.Serializer):
    q = serializers.CharField(min_length=2, max_length=100, trim_whitespace=True)


class TargetJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    company = serializers.CharField(source="company.name")
    city = serializers.CharField()


class ResumeRoleSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    company = serializers.CharField(allow_blank=True)
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    start_label = serializers.CharField(help_text='"2019-03", or "2019" if no month')
    end_label = serializers.CharField(allow_null=True)
    years = serializers.FloatField()
    line = serializers.CharField()


class ResumeEducationSerializer(serializers.Serializer):
    degree = serializers.CharField()
    field = serializers.CharField(allow_blank=True)
    school = serializers.CharField(allow_blank=True)
    year = serializers.IntegerField(allow_null=True)
    line = serializers.CharField()


class ResumeSuggestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.CharField()
    message = serializers.CharField()
    passage = serializers.CharField()


class ResumeContactSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    location = serializers.CharField(allow_blank=True)
    country = serializers.CharField(
        allow_blank=True, help_text="ISO code of the resume's own place, or empty"
    )
    phone_region = serializers.CharField(help_text="Region phone numbers were read in")
    emails = serializers.ListField(child=serializers.CharField())
    phones = serializers.ListField(child=serializers.CharField())
    links = serializers.ListField(child=serializers.CharField())


class ResumeAnalysisSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    contact = ResumeContactSerializer()
    headline = serializers.CharField(
        allow_blank=True, help_text="The latest role's title, without its company"
    )
    sections = serializers.ListField(child=serializers.CharField())
    skills = SkillHitSerializer(many=True)
    experience_years = serializers.FloatField()
    roles = ResumeRoleSerializer(many=True)
    education = ResumeEducationSerializer(many=True)
    word_count = serializers.IntegerField()
    pages = serializers.FloatField()
    suggestions = ResumeSuggestionSerializer(many=True)
    score = serializers.IntegerField()
    score_parts = serializers.DictField(child=serializers.IntegerField())
    profile_proposal = serializers.DictField()


# The jobs app's own choices, so the schema shares one enum per field with it.
LEVEL_CHOICES = ExperienceLevel.choices
REMOTE_CHOICES = RemotePolicy.choices


class JobAdviceInput(serializers.Serializer):
    """Either `job` (a job of the member's company) or a draft's fields."""

    job = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(
        max_length=50_000, required=False, allow_blank=True
    )
    skills = serializers.ListField(
        child=serializers.CharField(max_length=120), max_length=50, required=False
    )
    level = serializers.ChoiceField(LEVEL_CHOICES, required=False, allow_blank=True)
    min_years = serializers.IntegerField(min_value=0, max_value=50, required=False)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, allow_blank=True)
    remote_policy = serializers.ChoiceField(
        REMOTE_CHOICES, required=False, allow_blank=True
    )
    salary_min = serializers.IntegerField(
        min_value=0, max_value=10**9, required=False, allow_null=True
    )
    salary_max = serializers.IntegerField(
        min_value=0, max_value=10**9, required=False, allow_null=True
    )
    salary_currency = serializers.RegexField(
        r"^[A-Za-z]{3}$", required=False, allow_blank=True
    )
    salary_period = serializers.ChoiceField(
        SalaryPeriod.choices, required=False, default="year"
    )

    def validate(self, attrs):
        if "job" in attrs:
            if len(attrs) > 2:  # job + the salary_period default
                raise serializers.ValidationError(
                    "Send either a job id or a draft's fields, not both."
                )
            return attrs
        if not (attrs.get("title") or "").strip():
            raise serializers.ValidationError(
                {"title": ["A draft needs a title (or send a job id)."]}
            )
        low, high = attrs.get("salary_min"), attrs.get("salary_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"salary_max": ["Must be at least the minimum salary."]}
            )
        return attrs


class SkillSuggestionSerializer(serializers.Serializer):
    name = serializers.CharField()
    jobs = serializers.IntegerField()
    share = serializers.FloatField()


class SalaryBandSerializer(serializers.Serializer):
    p25 = serializers.FloatField()
    p50 = serializers.FloatField()
    p75 = serializers.FloatField()
    sample_size = serializers.IntegerField()
    currency = serializers.CharField()
    basis = serializers.CharField()


class AdviceWordingSerializer(serializers.Serializer):
    term = serializers.CharField()
    why = serializers.CharField()
    replacement = serializers.CharField()
    passage = serializers.CharField()


class OccupationRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class JobAdviceSerializer(serializers.Serializer):
    suggested_skills = SkillSuggestionSerializer(many=True)
    comparable_jobs = serializers.IntegerField()
    salary_band = SalaryBandSerializer(allow_null=True)
    salary_basis = serializers.CharField()
    wording = AdviceWordingSerializer(many=True)
    comparable_by_occupation = serializers.IntegerField(
        help_text="Of the comparable jobs, those of the same inferred occupation "
        "with another title."
    )
    occupation = OccupationRefSerializer(
        allow_null=True, help_text="The occupation inferred from the title."
    )
    missing_fields = serializers.ListField(child=serializers.CharField())
    too_short = serializers.ListField(
        child=serializers.CharField(),
        help_text='Fields present but too short to help ("description": under 80 '
        "words).",
    )
    description_words = serializers.IntegerField()
    vague = serializers.ListField(child=serializers.CharField())
    reading_ease = serializers.FloatField()
    reading_level = serializers.CharField()
    candidates_at_60_plus = serializers.IntegerField()
    candidates_scored = serializers.IntegerField()
