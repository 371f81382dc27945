"""A refresh token reused after rotation revokes its whole family."""

import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import AuditAction, AuditLog
from accounts.tests.factories import DEFAULT_PASSWORD
from accounts.tokens import FAMILY_CLAIM, FamilyRefreshToken

TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"
ME = "/api/v1/me/"

pytestmark = pytest.mark.django_db


def sign_in(api, user):
    response = api.post(TOKEN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    return response.json()["refresh"]


def refresh(api, token):
    return api.post(REFRESH, {"refresh": token})


def test_sign_in_starts_a_family_that_rotation_hands_on(api, alice):
    first = sign_in(api, alice)
    second = refresh(api, first).json()["refresh"]

    first_claims = RefreshToken(first, verify=False).payload
    second_claims = RefreshToken(second, verify=False).payload
    assert first_claims[FAMILY_CLAIM] == first_claims["jti"]
    assert second_claims[FAMILY_CLAIM] == first_claims["jti"]
    assert second_claims["jti"] != first_claims["jti"]


def test_reusing_a_rotated_token_revokes_the_whole_family(api, alice):
    stolen = sign_in(api, alice)
    thief = refresh(api, stolen).json()["refresh"]
    thief_next = refresh(api, thief).json()["refresh"]

    reuse = refresh(api, stolen)  # the owner (or the thief) replays the old one

    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "token_not_valid"
    assert refresh(api, thief_next).status_code == 401
    assert not OutstandingToken.objects.filter(
        user=alice, blacklistedtoken__isnull=True
    ).exists()
    entry = AuditLog.objects.get(action=AuditAction.TOKENS_REVOKED)
    assert entry.actor == alice
    assert entry.details == {
        "reason": "refresh token reused after rotation",
        "revoked": 1,
    }


def test_other_families_of_the_same_user_live_on(api, alice):
    phone = sign_in(api, alice)
    laptop = sign_in(api, alice)
    phone_next = refresh(api, phone).json()["refresh"]

    assert refresh(api, phone).status_code == 401  # reuse: the phone's family goes

    assert refresh(api, phone_next).status_code == 401
    assert refresh(api, laptop).status_code == 200


def test_another_users_tokens_are_untouched(api, alice, bob):
    alice_token = sign_in(api, alice)
    bob_token = sign_in(api, bob)
    refresh(api, alice_token)

    refresh(api, alice_token)

    assert refresh(api, bob_token).status_code == 200


def test_an_invalid_or_expired_token_revokes_nothing(api, alice):
    live = sign_in(api, alice)
    forged = live[:-4] + ("AAAA" if not live.endswith("AAAA") else "BBBB")

    assert refresh(api, forged).status_code == 401
    assert refresh(api, "not.a.token").status_code == 401
    assert refresh(api, live).status_code == 200
    assert not AuditLog.objects.filter(action=AuditAction.TOKENS_REVOKED).exists()


def test_a_token_from_before_families_is_its_own_family(api, alice):
    old = RefreshToken.for_user(alice)  # issued without the claim
    rotated = refresh(api, str(old)).json()["refresh"]

    assert refresh(api, str(old)).status_code == 401
    assert refresh(api, rotated).status_code == 401


def test_password_change_answers_a_new_family(api_as, alice):
    response = api_as(alice).post(
        "/api/v1/me/password/",
        {"old_password": DEFAULT_PASSWORD, "new_password": "a-brand-new-one-9"},
    )

    assert response.status_code == 200
    claims = FamilyRefreshToken(response.json()["refresh"]).payload
    assert claims[FAMILY_CLAIM] == claims["jti"]
