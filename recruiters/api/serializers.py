"""Input and output shapes of the recruiters API (money as strings, 2 places)."""

from rest_framework import serializers

from recruiters.models import (
    ClientEngagement,
    EngagementStatus,
    FeeType,
    Placement,
    PlacementSplit,
    PlacementStatus,
    PoolSource,
    Submission,
    TalentPoolEntry,
)

# Ids beyond a 64-bit integer overflow the database (a 500): refuse them here.
MAX_ID = 2**63 - 1


class RecruiterUserRefListSerializer(serializers.ListSerializer):
    """A many-to-many has no order of its own: answer in the order people
    were added (by id), the same on every database."""

    def to_representation(self, data):
        people = data.all() if hasattr(data, "all") else data
        return super().to_representation(sorted(people, key=lambda user: user.pk))


class RecruiterUserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()

    class Meta:
        list_serializer_class = RecruiterUserRefListSerializer


class RecruiterCompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class EngagementSerializer(serializers.ModelSerializer):
    agency = RecruiterCompanyRefSerializer(read_only=True)
    client = RecruiterCompanyRefSerializer(read_only=True)
    recruiters = RecruiterUserRefSerializer(many=True, read_only=True)
    # Often empty (a proposal names no contact), so a plain string in the
    # schema: "" is not a valid `format: email`.
    contact_email = serializers.CharField(
        read_only=True, help_text="The client contact's email; empty when none given."
    )

    class Meta:
        model = ClientEngagement
        fields = [
            "id",
            "agency",
            "client",
            "status",
            "fee_type",
            "fee_percent",
            "flat_fee",
            "currency",
            "guarantee_days",
            "payment_terms_days",
            "contact_name",
            "contact_email",
            "contact_phone",
            "recruiters",
            "allow_client_pipeline_view",
            "unclaimed_client",
            "responded_at",
            "ended_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EngagementTermsInputSerializer(serializers.Serializer):
    """The terms of an engagement, as either side gives them."""

    fee_type = serializers.ChoiceField(choices=FeeType.choices, required=False)
    fee_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
    )
    flat_fee = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(required=False, max_length=3)
    guarantee_days = serializers.IntegerField(
        min_value=0, max_value=730, required=False
    )
    payment_terms_days = serializers.IntegerField(
        min_value=0, max_value=365, required=False
    )
    contact_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(
        required=False, allow_blank=True, max_length=32
    )
    allow_client_pipeline_view = serializers.BooleanField(required=False)


class ClientEngagementInputSerializer(EngagementTermsInputSerializer):
    """The client's team engages an agency: ``agency`` is the agency's slug,
    ``client`` the slug of your company (default: the first you manage)."""

    agency = serializers.SlugField(max_length=220)
    client = serializers.SlugField(required=False, max_length=220)


class EngagementInputSerializer(serializers.Serializer):
    """Create: ``client`` (an employer's slug) or ``client_name`` (new company).
    Update: terms, contact, recruiters, status active/paused."""

    client = serializers.SlugField(required=False, max_length=220)
    client_name = serializers.CharField(required=False, max_length=200)
    status = serializers.ChoiceField(
        choices=[EngagementStatus.ACTIVE, EngagementStatus.PAUSED], required=False
    )
    fee_type = serializers.ChoiceField(choices=FeeType.choices, required=False)
    fee_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
    )
    flat_fee = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(required=False, max_length=3)
    guarantee_days = serializers.IntegerField(
        min_value=0, max_value=730, required=False
    )
    payment_terms_days = serializers.IntegerField(
        min_value=0, max_value=365, required=False
    )
    contact_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(
        required=False, allow_blank=True, max_length=32
    )
    recruiters = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=200,
    )
    allow_client_pipeline_view = serializers.BooleanField(required=False)


class TagListField(serializers.ListField):
    child = serializers.CharField(max_length=50)


class PoolEntrySerializer(serializers.ModelSerializer):
    candidate = RecruiterUserRefSerializer(read_only=True)
    tags = serializers.SerializerMethodField()

    class Meta:
        model = TalentPoolEntry
        fields = [
            "id",
            "candidate",
            "email",
            "phone",
            "tags",
            "notes",
            "source",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_tags(self, obj) -> list[str]:
        return [t.name for t in obj.tags.all()]


class PoolEntryInputSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    tags = TagListField(required=False, max_length=30)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    source = serializers.ChoiceField(choices=PoolSource.choices, required=False)


class DuplicateGroupSerializer(serializers.Serializer):
    entries = PoolEntrySerializer(many=True)


class MergeInputSerializer(serializers.Serializer):
    keep = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    merge = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class SubmissionJobRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    company = RecruiterCompanyRefSerializer()


class SubmissionSerializer(serializers.ModelSerializer):
    agency = RecruiterCompanyRefSerializer(read_only=True)
    job = SubmissionJobRefSerializer(read_only=True)
    candidate = RecruiterUserRefSerializer(read_only=True)
    recruiter = RecruiterUserRefSerializer(read_only=True, allow_null=True)
    application = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    engagement = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "agency",
            "engagement",
            "job",
            "candidate",
            "recruiter",
            "pitch",
            "status",
            "application",
            "responded_at",
            "created_at",
        ]
        read_only_fields = fields


class SubmissionInputSerializer(serializers.Serializer):
    job = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    candidate = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    pitch = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class PlacementSplitSerializer(serializers.ModelSerializer):
    recruiter = RecruiterUserRefSerializer(read_only=True)

    class Meta:
        model = PlacementSplit
        fields = ["recruiter", "percent", "amount"]
        read_only_fields = fields


class PlacementSerializer(serializers.ModelSerializer):
    splits = PlacementSplitSerializer(many=True, read_only=True)
    candidate = RecruiterUserRefSerializer(read_only=True)
    job = serializers.PrimaryKeyRelatedField(read_only=True)
    engagement = serializers.PrimaryKeyRelatedField(read_only=True)
    application = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id",
            "application",
            "engagement",
            "candidate",
            "job",
            "agreed_annual_salary",
            "currency",
            "fee",
            "fee_override_reason",
            "start_date",
            "status",
            "invoiced_at",
            "paid_at",
            "cancelled_at",
            "is_fall_off",
            "splits",
            "created_at",
        ]
        read_only_fields = fields


class PlacementCreateSerializer(serializers.Serializer):
    application = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    agreed_annual_salary = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(required=False, max_length=3)
    start_date = serializers.DateField(required=False, allow_null=True)


class PlacementTermsSerializer(serializers.Serializer):
    agreed_annual_salary = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False
    )
    currency = serializers.CharField(required=False, max_length=3)
    start_date = serializers.DateField(required=False)


class FeeInputSerializer(serializers.Serializer):
    fee = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    reason = serializers.CharField(max_length=20000)


class SplitInputSerializer(serializers.Serializer):
    recruiter = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )


class SplitsInputSerializer(serializers.Serializer):
    splits = SplitInputSerializer(many=True, allow_empty=False, max_length=50)


class PlacementTransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlacementStatus.choices)


class ReportRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    submissions = serializers.IntegerField()
    interviews = serializers.IntegerField()
    placements = serializers.IntegerField()
    fall_offs = serializers.IntegerField()
    fees_invoiced = serializers.DecimalField(max_digits=14, decimal_places=2)
    fees_paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    commission = serializers.DecimalField(max_digits=14, decimal_places=2)
    fill_rate = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True
    )
    time_to_fill_days = serializers.FloatField(allow_null=True)


class ReportSerializer(serializers.Serializer):
    by = serializers.ChoiceField(choices=["recruiter", "client"])
    rows = ReportRowSerializer(many=True)
