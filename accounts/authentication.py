from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's authentication, refusing tokens issued before the user's
    `tokens_valid_after` (set on password change and deactivation)."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        cutoff = user.tokens_valid_after
        if cutoff is not None and validated_token.get("iat", 0) < int(
            cutoff.timestamp()
        ):
            raise AuthenticationFailed(
                "Token is no longer valid.", code="token_not_valid"
            )
        return user
