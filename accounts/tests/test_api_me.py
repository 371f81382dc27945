"""`/api/v1/me/`: profile, password change, export and deletion."""

import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from accounts.models import User
from accounts.tests.factories import DEFAULT_PASSWORD

ME = "/api/v1/me/"
PASSWORD = "/api/v1/me/password/"
EXPORT = "/api/v1/me/export/"
DELETE = "/api/v1/me/delete/"
TOKEN = "/api/v1/auth/token/"
REFRESH = "/api/v1/auth/token/refresh/"

NEW_PASSWORD = "a-brand-new-passphrase"


@pytest.mark.parametrize("path", [ME, PASSWORD, EXPORT, DELETE])
def test_me_endpoints_need_authentication(api, db, path):
    response = api.get(path) if path in (ME, EXPORT) else api.post(path, {})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("persona", ["alice", "olivia", "rita", "sam"])
def test_me_shows_each_persona_only_themselves(api_as, request, persona):
    user = request.getfixturevalue(persona)

    response = api_as(user).get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "is_staff": user.is_staff,
        "date_joined": response.json()["date_joined"],
    }
    assert response["Cache-Control"] == "private, no-store"


def test_me_works_with_a_session_too(client, alice):
    client.force_login(alice)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"


def test_patch_me_changes_name_and_email(api_as, alice):
    response = api_as(alice).patch(
        ME, {"full_name": "  Alice Renamed ", "email": "Alice.New@Example.com"}
    )

    assert response.status_code == 200
    assert response.json()["full_name"] == "Alice Renamed"
    assert response.json()["email"] == "alice.new@example.com"
    alice.refresh_from_db()
    assert (alice.full_name, alice.email) == ("Alice Renamed", "alice.new@example.com")


def test_patch_me_ignores_role_and_is_staff(api_as, alice):
    response = api_as(alice).patch(
        ME, {"role": "employer", "is_staff": True, "is_superuser": True, "id": 999}
    )

    assert response.status_code == 200
    assert response.json()["role"] == "candidate"
    assert response.json()["is_staff"] is False
    alice.refresh_from_db()
    assert (alice.role, alice.is_staff, alice.is_superuser, alice.pk != 999) == (
        "candidate",
        False,
        False,
        True,
    )


def test_patch_me_refuses_an_email_taken_in_another_case(api_as, alice, bob):
    response = api_as(alice).patch(ME, {"email": "BOB@example.com"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "email": ["An account with this email address already exists."]
    }
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_patch_me_keeps_own_email_in_another_case(api_as, alice):
    response = api_as(alice).patch(ME, {"email": "ALICE@EXAMPLE.COM"})

    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "nope"}, "email"),
        ({"email": ""}, "email"),
        ({"email": "a" * 250 + "@example.com"}, "email"),
        ({"full_name": ""}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "n" * 151}, "full_name"),
        ({"full_name": ["x"]}, "full_name"),
    ],
)
def test_patch_me_rejects_bad_input(api_as, alice, payload, field):
    response = api_as(alice).patch(ME, payload, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    alice.refresh_from_db()
    assert (alice.email, alice.full_name) == ("alice@example.com", "Alice Candidate")


def test_patch_me_rejects_malformed_json(api_as, alice):
    response = api_as(alice).patch(
        ME, data='{"full_name": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


@pytest.mark.parametrize("method", ["put", "delete"])
def test_me_allows_only_get_and_patch(api_as, alice, method):
    response = getattr(api_as(alice), method)(ME, {})

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


# --- password -----------------------------------------------------------------------


def test_password_change_revokes_every_earlier_token(api, api_as, alice):
    old = api.post(TOKEN, {"email": alice.email, "password": DEFAULT_PASSWORD}).json()
    client = api_as(alice)

    response = client.post(
        PASSWORD, {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD}
    )

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert alice.tokens_valid_after is not None
    # The token that made the request, and the pair from before, are refused.
    assert client.get(ME).status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {old['access']}")
    assert api.get(ME).status_code == 401
    api.credentials()
    assert api.post(REFRESH, {"refresh": old["refresh"]}).status_code == 401
    assert (
        OutstandingToken.objects.filter(
            user=alice, blacklistedtoken__isnull=True
        ).count()
        == 1  # only the pair just issued
    )
    # The new pair works, and so does signing in with the new password.
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
    assert api.get(ME).status_code == 200
    api.credentials()
    assert api.post(REFRESH, {"refresh": response.json()["refresh"]}).status_code == 200
    login = api.post(TOKEN, {"email": alice.email, "password": NEW_PASSWORD})
    assert login.status_code == 200


def test_password_change_with_a_wrong_old_password(api_as, alice):
    client = api_as(alice)

    response = client.post(
        PASSWORD, {"old_password": "wrong", "new_password": NEW_PASSWORD}
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "old_password": ["The current password is incorrect."]
    }
    alice.refresh_from_db()
    assert alice.check_password(DEFAULT_PASSWORD)
    assert client.get(ME).status_code == 200


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["new_password", "old_password"]),
        ({"old_password": DEFAULT_PASSWORD, "new_password": "short"}, ["new_password"]),
        (
            {"old_password": DEFAULT_PASSWORD, "new_password": "12345678901"},
            ["new_password"],
        ),
        (
            {"old_password": DEFAULT_PASSWORD, "new_password": "x" * 5000},
            ["new_password"],
        ),
        (
            {"old_password": DEFAULT_PASSWORD, "new_password": "alice@example.com"},
            ["new_password"],
        ),
    ],
)
def test_password_change_rejects_bad_input(api_as, alice, payload, fields):
    response = api_as(alice).post(PASSWORD, payload, format="json")

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == fields
    alice.refresh_from_db()
    assert alice.check_password(DEFAULT_PASSWORD)
    assert alice.tokens_valid_after is None


# --- export and delete --------------------------------------------------------------


def test_export_answers_the_account_section(api_as, alice):
    response = api_as(alice).get(EXPORT)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["account"] == {
        "id": alice.pk,
        "email": "alice@example.com",
        "full_name": "Alice Candidate",
        "role": "candidate",
        "is_active": True,
        "is_staff": False,
        "date_joined": alice.date_joined.isoformat(),
        "last_login": None,
        "security_log": [],
    }


def test_delete_with_the_password_deletes_the_account(api_as, alice, bob):
    client = api_as(alice)

    response = client.post(DELETE, {"password": DEFAULT_PASSWORD})

    assert response.status_code == 204
    assert list(User.objects.values_list("email", flat=True)) == ["bob@example.com"]
    assert client.get(ME).status_code == 401


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "This field is required."),
        ({"password": "wrong"}, "The password is incorrect."),
        (
            {"password": "x" * 5000},
            "Ensure this field has no more than 4096 characters.",
        ),
    ],
)
def test_delete_without_the_right_password_keeps_the_account(
    api_as, alice, payload, message
):
    response = api_as(alice).post(DELETE, payload, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"password": [message]}
    assert User.objects.filter(pk=alice.pk).exists()


def test_delete_needs_post(api_as, alice):
    response = api_as(alice).get(DELETE)

    assert response.status_code == 405
    assert User.objects.filter(pk=alice.pk).exists()
