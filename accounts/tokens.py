"""Refresh tokens that know their family.

Every refresh token issued at sign-in starts a family: its `fam` claim is its
own `jti`, and each rotation (POST /auth/token/refresh/) hands the claim on to
the new token. Rotation blacklists the token it consumed, so a refresh token
presented again after rotation is a copy in someone else's hands (or the
owner's, after a thief already used it): `accounts.services.
refresh_token_family_revoke` then blacklists every outstanding token of that
family, and whoever holds the live one must sign in again.
"""

from rest_framework_simplejwt.exceptions import TokenBackendError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

FAMILY_CLAIM = "fam"


def token_family(payload: dict) -> str:
    """The family id: the `fam` claim, or for a family's first token issued
    before the claim existed, its own jti."""
    return str(payload.get(FAMILY_CLAIM) or payload.get(api_settings.JTI_CLAIM, ""))


class FamilyRefreshToken(RefreshToken):
    def __init__(self, token=None, verify=True):
        super().__init__(token, verify)
        if token is not None and FAMILY_CLAIM not in self.payload:
            # Issued before families: it heads its own, which rotation hands on.
            self.payload[FAMILY_CLAIM] = token_family(self.payload)

    @classmethod
    def for_user(cls, user):
        token = super().for_user(user)  # recorded as outstanding
        token[FAMILY_CLAIM] = token[api_settings.JTI_CLAIM]
        OutstandingToken.objects.filter(jti=token[api_settings.JTI_CLAIM]).update(
            token=str(token)
        )
        return token


def reused_token_payload(raw: str) -> dict | None:
    """The payload of a genuine, unexpired refresh token that is blacklisted
    (presented again after rotation or logout), else None."""
    from rest_framework_simplejwt.state import token_backend

    try:
        payload = token_backend.decode(raw, verify=True)  # signature and expiry
    except TokenBackendError:
        return None
    if payload.get(api_settings.TOKEN_TYPE_CLAIM) != "refresh":
        return None
    jti = payload.get(api_settings.JTI_CLAIM)
    blacklisted = OutstandingToken.objects.filter(
        jti=jti, blacklistedtoken__isnull=False
    ).exists()
    return payload if blacklisted else None
