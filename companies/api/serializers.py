from rest_framework import serializers

from companies.models import (
    Company,
    CompanySize,
    Invitation,
    Membership,
    MembershipRole,
)
from hotgigs.api.fields import SparseFieldsetMixin
from hotgigs.countries import COUNTRIES


class LogoSerializer(serializers.Serializer):
    original = serializers.CharField(allow_null=True)
    large = serializers.CharField(allow_null=True)
    small = serializers.CharField(allow_null=True)


class CompanySerializer(SparseFieldsetMixin, serializers.ModelSerializer):
    """What a company looks like to anyone (public)."""

    logo = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Company
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "description",
            "website",
            "industry",
            "size",
            "hq_city",
            "hq_region",
            "hq_country",
            "is_verified",
            "logo",
            "url",
            "created_at",
        ]
        read_only_fields = fields
        # read_only_fields drop allow_blank: say that these may be empty.
        extra_kwargs = {"website": {"allow_blank": True}, "size": {"allow_blank": True}}

    def get_logo(self, company) -> LogoSerializer:
        def url(field):
            return field.url if field else None

        return {
            "original": url(company.logo),
            "large": url(company.logo_large),
            "small": url(company.logo_small),
        }


class CompanyInputSerializer(serializers.Serializer):
    """Create/update input. `kind` must match the creator's role (optional);
    `is_verified` is for staff only."""

    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(
        choices=Company._meta.get_field("kind").choices, required=False
    )
    description = serializers.CharField(
        max_length=20_000, allow_blank=True, trim_whitespace=False, required=False
    )
    website = serializers.URLField(max_length=200, allow_blank=True, required=False)
    industry = serializers.CharField(max_length=100, allow_blank=True, required=False)
    size = serializers.ChoiceField(
        choices=CompanySize.choices, allow_blank=True, required=False
    )
    hq_city = serializers.CharField(max_length=100, allow_blank=True, required=False)
    hq_region = serializers.CharField(max_length=100, allow_blank=True, required=False)
    hq_country = serializers.CharField(max_length=2, allow_blank=True, required=False)
    is_verified = serializers.BooleanField(required=False)

    def validate_hq_country(self, value):
        value = value.strip().upper()
        if value and value not in COUNTRIES:
            raise serializers.ValidationError(
                f"“{value}” is not an ISO 3166-1 alpha-2 country code (e.g. DE)."
            )
        return value


class MemberUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()


class MembershipSerializer(serializers.ModelSerializer):
    user = MemberUserSerializer(read_only=True)
    joined_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "joined_at"]
        read_only_fields = fields


class MembershipRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MembershipRole.choices)


class InvitationInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(
        choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )


class InvitationSerializer(serializers.ModelSerializer):
    invited_by = serializers.EmailField(source="invited_by.email", default=None)

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "invited_by", "created_at", "expires_at"]
        read_only_fields = fields


class LogoUploadSerializer(serializers.Serializer):
    # A plain file: companies.logos decides by content whether it is an image.
    file = serializers.FileField(allow_empty_file=False)
