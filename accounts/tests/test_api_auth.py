"""The auth endpoints: register, token, refresh, logout, and hostile tokens."""

import hashlib
import re
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.models import Role, User
from accounts.services import user_change_password, user_deactivate
from accounts.signup import LINK_INVALID
from accounts.tests.factories import DEFAULT_PASSWORD

REGISTER = "/api/v1/auth/register/"
REGISTER_CONFIRM = "/api/v1/auth/register/confirm/"
TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"
LOGOUT = "/api/v1/auth/logout/"
ME = "/api/v1/me/"

NEW_PASSWORD = "a-brand-new-passphrase"


def signup_payload(**overrides):
    payload = {
        "email": "Nina@Example.com",
        "password": "an-unusual-passphrase",
        "full_name": "Nina New",
        "role": "employer",
    }
    payload.update(overrides)
    return payload


def bearer(client, access):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def obtain(api, email, password=DEFAULT_PASSWORD):
    response = api.post(TOKEN, {"email": email, "password": password})
    assert response.status_code == 200, response.json()
    return response.json()


# --- register -------------------------------------------------------------------


SENT = {
    "detail": "Check your inbox: we sent an email to that address. Follow it to "
    "finish signing up."
}


def confirm_token(message) -> str:
    return re.search(r"/accounts/signup/confirm/([^/]+)/", message.body).group(1)


def test_register_answers_202_and_emails_a_link_that_creates_the_account(
    api, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(REGISTER, signup_payload())

    assert (response.status_code, response.json()) == (202, SENT)
    assert User.objects.count() == 0  # nothing until the address is confirmed
    (message,) = mail.outbox
    assert message.to == ["nina@example.com"]
    assert message.subject == "Confirm your email to finish signing up to HotGigs"

    confirmed = api.post(REGISTER_CONFIRM, {"token": confirm_token(message)})

    assert confirmed.status_code == 201
    user = User.objects.get()
    body = confirmed.json()
    assert body["user"] == {
        "id": user.pk,
        "email": "nina@example.com",
        "full_name": "Nina New",
        "role": "employer",
        "is_staff": False,
        "date_joined": body["user"]["date_joined"],
    }
    assert confirmed["Cache-Control"] == "private, no-store"
    assert user.check_password("an-unusual-passphrase")
    assert bearer(api, body["access"]).get(ME).json()["email"] == "nina@example.com"
    # The link works once.
    again = api.post(REGISTER_CONFIRM, {"token": confirm_token(message)})
    assert again.status_code == 400
    assert again.json()["error"]["fields"] == {"token": [LINK_INVALID]}


def test_register_ignores_is_staff_and_superuser(
    api, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        api.post(
            REGISTER,
            signup_payload(is_staff=True, is_superuser=True, role="candidate"),
        )
    api.post(REGISTER_CONFIRM, {"token": confirm_token(mail.outbox[0])})

    user = User.objects.get()
    assert (user.is_staff, user.is_superuser, user.role) == (False, False, "candidate")


def test_register_answers_the_same_for_a_taken_email_and_tells_its_owner(
    api, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taken = api.post(REGISTER, signup_payload(email="ALICE@example.COM"))
        new = api.post(REGISTER, signup_payload(email="nobody@example.com"))

    assert (taken.status_code, taken.json()) == (new.status_code, new.json())
    assert (taken.status_code, taken.json()) == (202, SENT)
    assert User.objects.count() == 1
    owner_mail, new_mail = mail.outbox
    assert owner_mail.to == ["alice@example.com"]
    assert owner_mail.subject == (
        "Someone tried to sign up to HotGigs with your address"
    )
    assert "/accounts/reset/" in owner_mail.body
    assert "/accounts/signup/confirm/" not in owner_mail.body
    assert new_mail.to == ["nobody@example.com"]
    alice.refresh_from_db()
    assert alice.check_password(DEFAULT_PASSWORD)  # nothing changed


@pytest.mark.parametrize(
    "token", ["", "x", "nope" * 100, "a" * 43, ["list"], {"a": 1}, None]
)
def test_register_confirm_refuses_bad_tokens(api, db, token):
    response = api.post(REGISTER_CONFIRM, {"token": token}, format="json")

    assert response.status_code == 400
    assert User.objects.count() == 0


def test_register_confirm_refuses_an_expired_link(
    api, db, django_capture_on_commit_callbacks
):
    from accounts.models import PendingSignup

    with django_capture_on_commit_callbacks(execute=True):
        api.post(REGISTER, signup_payload())
    PendingSignup.objects.update(created_at=timezone.now() - timedelta(days=3))

    response = api.post(REGISTER_CONFIRM, {"token": confirm_token(mail.outbox[0])})

    assert response.json()["error"]["fields"] == {"token": [LINK_INVALID]}
    assert User.objects.count() == 0


def test_only_a_hash_of_the_link_token_is_stored(
    api, db, django_capture_on_commit_callbacks
):
    from accounts.models import PendingSignup

    with django_capture_on_commit_callbacks(execute=True):
        api.post(REGISTER, signup_payload())
    token = confirm_token(mail.outbox[0])

    (pending,) = PendingSignup.objects.all()
    assert pending.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(PendingSignup.objects.values().get())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"role": "admin"}, "role"),
        ({"role": "staff"}, "role"),
        ({"role": ["candidate"]}, "role"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "x" * 250 + "@example.com"}, "email"),
        ({"email": 42}, "email"),
        ({"full_name": ""}, "full_name"),
        ({"full_name": "n" * 151}, "full_name"),
        ({"full_name": {"first": "Nina"}}, "full_name"),
        ({"password": "short"}, "password"),
        ({"password": "12345678901"}, "password"),
        ({"password": "password123"}, "password"),
        ({"password": "nina@example.com", "email": "nina@example.com"}, "password"),
        ({"password": "p" * 5000}, "password"),
    ],
)
def test_register_rejects_bad_fields(api, db, overrides, field):
    response = api.post(REGISTER, signup_payload(**overrides))

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert User.objects.count() == 0


def test_register_lists_every_missing_field(api, db):
    response = api.post(REGISTER, {})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "email": ["This field is required."],
        "password": ["This field is required."],
        "full_name": ["This field is required."],
        "role": ["This field is required."],
    }


def test_register_rejects_malformed_json(api, db):
    response = api.post(
        REGISTER, data='{"email": "x@example.com",', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert User.objects.count() == 0


def test_register_rejects_a_json_list(api, db):
    response = api.post(REGISTER, [signup_payload()], format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


# --- token ----------------------------------------------------------------------


def test_token_accepts_the_email_in_any_case(api, alice):
    data = obtain(api, "  ALICE@Example.com")

    assert set(data) == {"access", "refresh"}
    access = AccessToken(data["access"])
    assert access["user_id"] == str(alice.pk)
    assert access.lifetime == settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"]
    me = bearer(api, data["access"]).get(ME)
    assert me.status_code == 200
    assert me.json()["email"] == "alice@example.com"
    alice.refresh_from_db()
    assert alice.last_login is not None


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "alice@example.com", "password": "wrong-password"},
        {"email": "nobody@example.com", "password": DEFAULT_PASSWORD},
    ],
)
def test_token_refuses_bad_credentials_without_saying_which(api, alice, payload):
    response = api.post(TOKEN, payload)

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "no_active_account",
            "message": "No active account found with the given credentials",
            "fields": {},
        }
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_token_refuses_an_inactive_account(api, alice):
    alice.is_active = False
    alice.save()

    response = api.post(TOKEN, {"email": alice.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "no_active_account"


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["email", "password"]),
        ({"email": "alice@example.com"}, ["password"]),
        ({"password": DEFAULT_PASSWORD}, ["email"]),
        ({"email": "a" * 300, "password": "x"}, ["email"]),
        ({"email": "alice@example.com", "password": "x" * 5000}, ["password"]),
        ({"email": ["alice@example.com"], "password": "x"}, ["email"]),
    ],
)
def test_token_rejects_bad_input(api, alice, payload, fields):
    response = api.post(TOKEN, payload, format="json")

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == fields


def test_token_rejects_malformed_json(api, db):
    response = api.post(TOKEN, data="{nope", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_token_ignores_a_stale_authorization_header(api, alice):
    bearer(api, "garbage.token.value")

    response = api.post(TOKEN, {"email": alice.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200


# --- hostile and stale access tokens --------------------------------------------


def _access_payload(user):
    return dict(AccessToken.for_user(user).payload)


def test_expired_access_token_is_refused(api, alice):
    token = AccessToken.for_user(alice)
    past = timezone.now() - timedelta(hours=1)
    token.set_iat(at_time=past)
    token.set_exp(from_time=past)

    response = bearer(api, str(token)).get(ME)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_tampered_access_token_is_refused(api, alice, bob):
    header, payload, signature = str(AccessToken.for_user(alice)).split(".")
    forged = jwt.encode(
        {**_access_payload(alice), "user_id": str(bob.pk)}, "k" * 32, algorithm="HS256"
    )
    forged_payload = forged.split(".")[1]

    response = bearer(api, f"{header}.{forged_payload}.{signature}").get(ME)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_alg_none_token_is_refused(api, alice):
    token = jwt.encode(_access_payload(alice), key=None, algorithm="none")

    response = bearer(api, token).get(ME)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_token_signed_with_another_key_is_refused(api, alice):
    token = jwt.encode(_access_payload(alice), "not-our-signing-key-" * 4, "HS256")

    response = bearer(api, token).get(ME)

    assert response.status_code == 401


def test_refresh_token_is_not_accepted_as_access_token(api, alice):
    refresh = RefreshToken.for_user(alice)

    response = bearer(api, str(refresh)).get(ME)

    assert response.status_code == 401


def test_access_token_stops_working_after_a_password_change(api, alice):
    tokens = obtain(api, alice.email)

    user_change_password(user=alice, new_password=NEW_PASSWORD)

    assert bearer(api, tokens["access"]).get(ME).status_code == 401
    api.credentials()
    refreshed = api.post(REFRESH, {"refresh": tokens["refresh"]})
    assert refreshed.status_code == 401


def test_access_token_before_tokens_valid_after_is_refused(api_as, alice):
    client = api_as(alice)
    alice.tokens_valid_after = timezone.now() + timedelta(seconds=2)
    alice.save()

    response = client.get(ME)

    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "token_not_valid",
        "message": "Token is no longer valid.",
        "fields": {},
    }


def test_tokens_stop_working_after_deactivation(api, api_as, alice):
    tokens = obtain(api, alice.email)
    client = api_as(alice)

    user_deactivate(user=alice)

    assert client.get(ME).status_code == 401
    assert bearer(api, tokens["access"]).get(ME).status_code == 401
    api.credentials()
    assert api.post(REFRESH, {"refresh": tokens["refresh"]}).status_code == 401


# --- refresh --------------------------------------------------------------------


def test_refresh_rotates_and_the_old_refresh_cannot_be_reused(api, alice):
    tokens = obtain(api, alice.email)

    first = api.post(REFRESH, {"refresh": tokens["refresh"]})
    assert first.status_code == 200
    assert set(first.json()) == {"access", "refresh"}
    assert first.json()["refresh"] != tokens["refresh"]
    assert bearer(api, first.json()["access"]).get(ME).status_code == 200
    api.credentials()

    reuse = api.post(REFRESH, {"refresh": tokens["refresh"]})
    assert reuse.status_code == 401
    assert reuse.json()["error"] == {
        "code": "token_not_valid",
        "message": "Token is blacklisted",
        "fields": {},
    }

    # The reuse revoked the whole family (accounts/tests/test_token_family.py).
    second = api.post(REFRESH, {"refresh": first.json()["refresh"]})
    assert second.status_code == 401


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({}, 400),
        ({"refresh": ""}, 400),
        ({"refresh": "x" * 5000}, 400),
        ({"refresh": "not.a.token"}, 401),
    ],
)
def test_refresh_rejects_bad_input(api, db, payload, status):
    response = api.post(REFRESH, payload)

    assert response.status_code == status
    assert "error" in response.json()


def test_refresh_refuses_an_access_token(api, alice):
    access = str(AccessToken.for_user(alice))

    response = api.post(REFRESH, {"refresh": access})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_refresh_of_a_deleted_user_is_refused_not_a_crash(api, alice):
    refresh = str(RefreshToken.for_user(alice))
    alice.delete()

    response = api.post(REFRESH, {"refresh": refresh})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "no_active_account"


def test_expired_refresh_token_is_refused(api, alice):
    token = RefreshToken.for_user(alice)
    token.set_exp(from_time=timezone.now() - timedelta(days=30))

    response = api.post(REFRESH, {"refresh": str(token)})

    assert response.status_code == 401


# --- logout ---------------------------------------------------------------------


def test_logout_blacklists_the_refresh_token(api, alice):
    tokens = obtain(api, alice.email)

    response = api.post(LOGOUT, {"refresh": tokens["refresh"]})

    assert response.status_code == 204
    assert BlacklistedToken.objects.filter(token__user=alice).count() == 1
    assert api.post(REFRESH, {"refresh": tokens["refresh"]}).status_code == 401
    again = api.post(LOGOUT, {"refresh": tokens["refresh"]})
    assert again.status_code == 401
    assert again.json()["error"]["message"] == "Token is blacklisted"


def test_logout_works_with_an_expired_access_token_header(api, alice):
    tokens = obtain(api, alice.email)
    bearer(api, "expired.or.garbage")

    assert api.post(LOGOUT, {"refresh": tokens["refresh"]}).status_code == 204


@pytest.mark.parametrize(
    ("payload", "status"),
    [({}, 400), ({"refresh": 12}, 401), ({"refresh": "nope"}, 401)],
)
def test_logout_rejects_bad_input(api, db, payload, status):
    response = api.post(LOGOUT, payload, format="json")

    assert response.status_code == status
    assert "error" in response.json()


# --- throttling -----------------------------------------------------------------


def test_token_endpoint_is_throttled_per_account(api, alice, bob):
    wrong = {"email": "ALICE@example.com", "password": "guess"}
    statuses = [api.post(TOKEN, wrong).status_code for _ in range(5)]

    blocked = api.post(TOKEN, {"email": alice.email, "password": DEFAULT_PASSWORD})

    assert statuses == [401] * 5
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert blocked.json()["error"]["code"] == "throttled"
    # Another account from the same IP is still allowed.
    other = api.post(TOKEN, {"email": bob.email, "password": DEFAULT_PASSWORD})
    assert other.status_code == 200


def test_token_endpoint_is_throttled_per_ip(api, alice):
    statuses = [
        api.post(TOKEN, {"email": f"guess{i}@example.com", "password": "x"}).status_code
        for i in range(10)
    ]

    blocked = api.post(TOKEN, {"email": alice.email, "password": DEFAULT_PASSWORD})

    assert statuses == [401] * 10
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert blocked.json()["error"]["code"] == "throttled"
    other_ip = api.post(
        TOKEN,
        {"email": alice.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert other_ip.status_code == 200


def test_register_is_throttled_per_ip(api, db):
    statuses = [
        api.post(REGISTER, signup_payload(email=f"n{i}@example.com")).status_code
        for i in range(10)
    ]

    blocked = api.post(REGISTER, signup_payload(email="late@example.com"))

    assert statuses == [202] * 10
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert blocked.json()["error"]["code"] == "throttled"
    assert not User.objects.filter(email="late@example.com").exists()


def test_role_choices_are_exactly_the_three_roles():
    assert Role.values == ["candidate", "employer", "recruiter"]
