from django.contrib.auth import password_validation
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import (
    PasswordField,
    TokenObtainPairSerializer,
    TokenRefreshSerializer,
)
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.utils import get_md5_hash_password

from accounts.forms import PASSWORD_MAX_LENGTH
from accounts.models import Role, User
from accounts.services import refresh_token_family_revoke
from accounts.tokens import FamilyRefreshToken, reused_token_payload, token_family

TOKEN_MAX_LENGTH = 4096


class UserSerializer(serializers.ModelSerializer):
    """A user as the API shows it to themselves."""

    class Meta:
        model = User
        fields = ("id", "email", "full_name", "role", "is_staff", "date_joined")
        read_only_fields = fields


class RegisterInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True
    )
    full_name = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices)


class RegisterConfirmInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class RegisteredSerializer(serializers.Serializer):
    user = UserSerializer()
    access = serializers.CharField()
    refresh = serializers.CharField()


class MeInputSerializer(serializers.Serializer):
    """What a user may change about themselves; other keys are ignored."""

    email = serializers.EmailField(max_length=254, required=False)
    full_name = serializers.CharField(max_length=150, required=False)


class PasswordChangeInputSerializer(serializers.Serializer):
    old_password = serializers.CharField(
        max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True
    )
    new_password = serializers.CharField(
        max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True
    )

    def validate_old_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("The current password is incorrect.")
        return value

    def validate_new_password(self, value):
        password_validation.validate_password(value, user=self.context["request"].user)
        return value


class PasswordConfirmInputSerializer(serializers.Serializer):
    password = serializers.CharField(
        max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True
    )

    def validate_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("The password is incorrect.")
        return value


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AccessTokenSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField(
        help_text="The new refresh token (rotation): the one sent is now void."
    )


class EmailTokenObtainSerializer(TokenObtainPairSerializer):
    """email (any case) + password → access + refresh (a new token family)."""

    token_class = FamilyRefreshToken

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = serializers.CharField(write_only=True, max_length=254)
        self.fields["password"] = PasswordField(max_length=PASSWORD_MAX_LENGTH)


class RevocationAwareRefreshSerializer(TokenRefreshSerializer):
    """simplejwt's rotation, also refusing refresh tokens of deleted users and
    tokens issued before a password change or a revocation."""

    refresh = serializers.CharField(max_length=TOKEN_MAX_LENGTH)

    default_error_messages = {
        "no_active_account": "No active account found for the given token.",
        "revoked": "Token is no longer valid.",
    }

    token_class = FamilyRefreshToken

    def validate(self, attrs):
        try:
            token = FamilyRefreshToken(attrs["refresh"])  # TokenError → 401
        except TokenError:
            self._revoke_family_if_reused(attrs["refresh"])
            raise
        user_id = token.payload.get(api_settings.USER_ID_CLAIM)
        user = User.objects.filter(pk=user_id).first() if user_id else None
        if user is None or not user.is_active:
            raise AuthenticationFailed(
                self.error_messages["no_active_account"], "no_active_account"
            )
        claim = token.payload.get(api_settings.REVOKE_TOKEN_CLAIM)
        if claim != get_md5_hash_password(user.password):
            raise AuthenticationFailed(
                self.error_messages["revoked"], "token_not_valid"
            )
        cutoff = user.tokens_valid_after
        if cutoff is not None and token.payload.get("iat", 0) < int(cutoff.timestamp()):
            raise AuthenticationFailed(
                self.error_messages["revoked"], "token_not_valid"
            )
        return super().validate(attrs)

    def _revoke_family_if_reused(self, raw):
        """A genuine refresh token already rotated away: its whole family goes."""
        payload = reused_token_payload(raw)
        if payload is None:
            return
        user = User.objects.filter(pk=payload.get(api_settings.USER_ID_CLAIM)).first()
        if user is not None:
            refresh_token_family_revoke(
                user=user,
                family=token_family(payload),
                request=self.context.get("request"),
            )


class LogoutInputSerializer(serializers.Serializer):
    refresh = serializers.CharField(max_length=TOKEN_MAX_LENGTH)
