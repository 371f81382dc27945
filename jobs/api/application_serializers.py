"""Serializers of the applications API: separate input and output shapes, and a
separate candidate shape that has no notes, ratings or internal reasons."""

from rest_framework import serializers

from jobs.models import (
    CANDIDATE_REJECTION_TEXT,
    Application,
    ApplicationEvent,
    ApplicationNote,
    Interview,
    RejectionReason,
    SavedJob,
    Stage,
)
from jobs.services.applications import COVER_LETTER_MAX_LENGTH, NOTE_MAX_LENGTH

# ——— input ——————————————————————————————————————————————————————————————————


class ApplyInputSerializer(serializers.Serializer):
    resume = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of one of your resumes."
    )
    cover_letter = serializers.CharField(
        required=False, allow_blank=True, max_length=COVER_LETTER_MAX_LENGTH
    )
    cover_letter_document = serializers.IntegerField(required=False, allow_null=True)


class ApplicationTransitionInputSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(
        choices=[s for s in Stage.values if s != Stage.WITHDRAWN]
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_LENGTH
    )
    rejection_reason = serializers.ChoiceField(
        choices=RejectionReason.choices, required=False, allow_null=True
    )
    rejection_note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_LENGTH
    )
    notify_candidate = serializers.BooleanField(required=False, default=True)


class ApplicationWithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_LENGTH
    )


class ApplicationNoteInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=NOTE_MAX_LENGTH)


class ApplicationRatingInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5)


class InterviewScheduleInputSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(help_text="ISO 8601 with an offset.")
    duration_minutes = serializers.IntegerField(min_value=5, max_value=480)
    timezone = serializers.CharField(max_length=64, help_text="e.g. Europe/Berlin")
    interviewers = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, max_length=20
    )
    location = serializers.CharField(required=False, allow_blank=True, max_length=300)
    video_url = serializers.URLField(required=False, allow_blank=True)


class InterviewPatchSerializer(InterviewScheduleInputSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class SavedJobInputSerializer(serializers.Serializer):
    job = serializers.IntegerField()


# ——— output —————————————————————————————————————————————————————————————————


class ApplicationJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    company = serializers.CharField(source="company.name")


class ApplicationDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    content_type = serializers.CharField()


class ApplicationStageEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationEvent
        fields = ["from_stage", "to_stage", "created_at"]


class ApplicationTeamEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.full_name", default=None)

    class Meta:
        model = ApplicationEvent
        fields = ["id", "from_stage", "to_stage", "note", "actor", "created_at"]


class ApplicationNoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", default=None)

    class Meta:
        model = ApplicationNote
        fields = ["id", "body", "author", "created_at"]


class InterviewSerializer(serializers.ModelSerializer):
    ends_at = serializers.DateTimeField()
    interviewers = serializers.SerializerMethodField()

    class Meta:
        model = Interview
        fields = [
            "id",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "timezone",
            "location",
            "video_url",
            "status",
            "sequence",
            "interviewers",
        ]

    def get_interviewers(self, interview) -> list[str]:
        return [u.full_name or u.email for u in interview.interviewers.all()]


class CandidateApplicationSerializer(serializers.ModelSerializer):
    """What the candidate sees: never notes, ratings or the internal reason."""

    job = ApplicationJobSerializer()
    resume = ApplicationDocumentSerializer(allow_null=True)
    cover_letter_document = ApplicationDocumentSerializer(allow_null=True)
    history = ApplicationStageEventSerializer(source="stage_events", many=True)
    interviews = InterviewSerializer(many=True)
    next_step = serializers.CharField()
    message = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "job",
            "stage",
            "source",
            "created_at",
            "stage_changed_at",
            "next_step",
            "message",
            "resume",
            "cover_letter",
            "cover_letter_document",
            "history",
            "interviews",
        ]

    def get_message(self, application) -> str:
        return CANDIDATE_REJECTION_TEXT if application.stage == Stage.REJECTED else ""


class ApplicantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    email = serializers.EmailField()
    headline = serializers.SerializerMethodField()

    def get_headline(self, user) -> str:
        profile = getattr(user, "candidate_profile", None)
        return profile.headline if profile else ""


class TeamApplicationListSerializer(serializers.ModelSerializer):
    job = ApplicationJobSerializer()
    candidate = ApplicantSerializer()
    average_rating = serializers.FloatField(allow_null=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "job",
            "candidate",
            "stage",
            "source",
            "created_at",
            "stage_changed_at",
            "average_rating",
            "rejection_reason",
        ]


class TeamApplicationSerializer(TeamApplicationListSerializer):
    resume = ApplicationDocumentSerializer(allow_null=True)
    cover_letter_document = ApplicationDocumentSerializer(allow_null=True)
    events = ApplicationTeamEventSerializer(many=True)
    notes = ApplicationNoteSerializer(many=True)
    ratings = serializers.SerializerMethodField()
    interviews = InterviewSerializer(many=True)

    class Meta(TeamApplicationListSerializer.Meta):
        fields = [
            *TeamApplicationListSerializer.Meta.fields,
            "rejection_note",
            "withdrawal_reason",
            "resume",
            "cover_letter",
            "cover_letter_document",
            "events",
            "notes",
            "ratings",
            "interviews",
        ]

    def get_ratings(self, application) -> list[dict]:
        return [
            {"rater": r.rater.full_name or r.rater.email, "score": r.score}
            for r in application.ratings.all()
        ]


class SavedJobSerializer(serializers.ModelSerializer):
    job = ApplicationJobSerializer()

    class Meta:
        model = SavedJob
        fields = ["id", "job", "created_at"]
