"""Sign-up, login, logout, password change and reset, settings, dashboard."""

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import DEFAULT_PASSWORD

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
LOGOUT = "/accounts/logout/"
PASSWORD_CHANGE = "/accounts/password/change/"
PASSWORD_RESET = "/accounts/password/reset/"
SETTINGS = "/accounts/settings/"
DASHBOARD = "/dashboard/"

NEW_PASSWORD = "a-brand-new-passphrase"
SIGNUP_SENT_URL = "/accounts/signup/sent/"
SIGNUP_SENT_TEXT = b"Check your inbox: we sent an email to that address."
RESET_SENT = b"If an account exists for that address, we sent a link"


def signup_form(**overrides):
    data = {
        "full_name": "New Person",
        "email": "New@Example.com",
        "role": "candidate",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    data.update(overrides)
    return data


def test_home_page_renders(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert b"Find work you want" in response.content


# --- sign up --------------------------------------------------------------------


def test_signup_page_has_labelled_fields_and_csrf(client, db):
    response = client.get(SIGNUP)

    assert response.status_code == 200
    html = response.content.decode()
    assert "csrfmiddlewaretoken" in html
    for field in ("id_full_name", "id_email", "id_password1", "id_password2"):
        assert f'<label for="{field}">' in html
    assert "<legend>I am here to</legend>" in html


def confirm_link(message) -> str:
    return re.search(r"/accounts/signup/confirm/[^/\s]+/", message.body).group(0)


@pytest.mark.parametrize(
    ("role", "location"),
    [
        ("candidate", "/dashboard/"),
        ("employer", "/companies/new/"),
        ("recruiter", "/companies/new/"),
    ],
)
def test_signup_emails_a_link_that_creates_the_account_and_signs_in(
    client, db, role, location, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_form(role=role))

    assert response.status_code == 302
    assert response["Location"] == SIGNUP_SENT_URL
    assert SIGNUP_SENT_TEXT in client.get(SIGNUP_SENT_URL).content
    assert not User.objects.exists()
    link = confirm_link(mail.outbox[0])
    # Opening the link (a mail scanner does) creates nothing; the button does.
    shown = client.get(link)
    assert shown.status_code == 200
    assert b"New Person" in shown.content
    assert not User.objects.exists()

    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert confirmed["Location"] == location
    user = User.objects.get()
    assert (user.email, user.full_name, user.role) == (
        "new@example.com",
        "New Person",
        role,
    )
    assert user.check_password("a-long-unusual-passphrase")
    assert b"Welcome, New" in client.get(DASHBOARD).content
    used = client.post(link)
    assert used.status_code == 400
    assert b"This link is invalid or has expired" in used.content


def test_signup_page_answers_the_same_for_a_taken_email_and_tells_its_owner(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(SIGNUP, signup_form(email="ALICE@example.com"))
        new = client.post(SIGNUP, signup_form(email="nobody@example.com"))

    assert (taken.status_code, taken["Location"]) == (302, SIGNUP_SENT_URL)
    assert (new.status_code, new["Location"]) == (302, SIGNUP_SENT_URL)
    owner_mail, new_mail = mail.outbox
    assert owner_mail.to == ["alice@example.com"]
    assert "already has one" in owner_mail.body
    reset = re.search(r"/accounts/reset/[^\s]+/", owner_mail.body).group(0)
    assert client.get(reset, follow=True).status_code == 200
    assert new_mail.to == ["nobody@example.com"]
    assert User.objects.count() == 1


def test_signup_of_a_deactivated_address_answers_the_same_and_sends_nothing(
    client, alice, django_capture_on_commit_callbacks
):
    alice.is_active = False
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_form(email="alice@example.com"))

    assert response["Location"] == SIGNUP_SENT_URL
    assert mail.outbox == []


@pytest.mark.parametrize("token", ["x", "y" * 43, "z" * 300])
def test_a_bad_confirmation_link_is_a_400_page(client, db, token):
    for response in (
        client.get(f"/accounts/signup/confirm/{token}/"),
        client.post(f"/accounts/signup/confirm/{token}/"),
    ):
        assert response.status_code == 400
        assert b"This link is invalid or has expired" in response.content
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "nope"}, "email", "Enter a valid email address."),
        ({"role": "staff"}, "role", "Select a valid choice."),
        ({"full_name": ""}, "full_name", "This field is required."),
        ({"full_name": "n" * 151}, "full_name", "at most 150 characters"),
        ({"password2": "something-else-entirely"}, "password2", "do not match"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        (
            {"password1": "p" * 5000, "password2": "p" * 5000},
            "password1",
            "at most 4096",
        ),
    ],
)
def test_signup_shows_errors_next_to_fields(client, alice, overrides, field, message):
    response = client.post(SIGNUP, signup_form(**overrides))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert b'class="field-error"' in response.content
    assert User.objects.count() == 1
    # The typed values are kept (passwords are not).
    assert (
        response.context["form"]["full_name"].value()
        == signup_form(**overrides)["full_name"]
    )


def test_signup_redirects_a_signed_in_user(client, alice):
    client.force_login(alice)

    assert client.get(SIGNUP)["Location"] == "/dashboard/"


def test_signup_is_rate_limited_per_ip(client, db):
    statuses = [
        client.post(
            SIGNUP, signup_form(email=f"p{i}@example.com", full_name="")
        ).status_code
        for i in range(10)
    ]

    blocked = client.post(SIGNUP, signup_form(email="late@example.com"))

    assert statuses == [200] * 10
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "60"
    assert b"Too many attempts" in blocked.content
    assert not User.objects.exists()


def test_signup_is_rate_limited_per_email(client, db):
    for _ in range(5):
        client.post(SIGNUP, signup_form(full_name=""))

    blocked = client.post(SIGNUP, signup_form(email="NEW@example.com "))

    assert blocked.status_code == 429
    assert not User.objects.exists()


# --- log in / log out -----------------------------------------------------------


def test_login_with_the_email_in_any_case(client, alice):
    response = client.post(
        LOGIN, {"username": "ALICE@Example.com", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get(DASHBOARD).context["user"] == alice


def test_login_follows_a_safe_next_only(client, alice):
    credentials = {"username": alice.email, "password": DEFAULT_PASSWORD}

    inside = client.post(LOGIN, {**credentials, "next": "/accounts/settings/"})
    client.logout()
    outside = client.post(LOGIN, {**credentials, "next": "https://evil.example/"})

    assert inside["Location"] == "/accounts/settings/"
    assert outside["Location"] == "/dashboard/"


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("alice@example.com", "wrong-password"),
        ("nobody@example.com", DEFAULT_PASSWORD),
        ("inactive@example.com", DEFAULT_PASSWORD),
    ],
)
def test_login_error_never_reveals_whether_the_account_exists(
    client, alice, username, password
):
    from accounts.tests.factories import UserFactory

    UserFactory(email="inactive@example.com", is_active=False)

    response = client.post(LOGIN, {"username": username, "password": password})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The email or password is incorrect."
    ]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "data",
    [{}, {"username": "x" * 300 + "@example.com", "password": "x"}, {"password": "x"}],
)
def test_login_rejects_bad_input(client, db, data):
    response = client.post(LOGIN, data)

    assert response.status_code == 200
    assert response.context["form"].errors


def test_login_is_rate_limited_per_account(client, alice, bob):
    for _ in range(5):
        client.post(LOGIN, {"username": "alice@example.com", "password": "guess"})

    blocked = client.post(
        LOGIN, {"username": "ALICE@example.com", "password": DEFAULT_PASSWORD}
    )
    other = client.post(LOGIN, {"username": bob.email, "password": DEFAULT_PASSWORD})

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "60"
    assert other.status_code == 302


def test_login_is_rate_limited_per_ip(client, alice):
    for i in range(10):
        client.post(LOGIN, {"username": f"g{i}@example.com", "password": "guess"})

    blocked = client.post(
        LOGIN, {"username": alice.email, "password": DEFAULT_PASSWORD}
    )
    elsewhere = client.post(
        LOGIN,
        {"username": alice.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="10.9.8.7",
    )

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "60"
    assert elsewhere.status_code == 302


def test_login_page_get_is_not_rate_limited(client, db):
    statuses = {client.get(LOGIN).status_code for _ in range(15)}

    assert statuses == {200}


def test_logout_needs_post_and_ends_the_session(client, alice):
    client.force_login(alice)

    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get(DASHBOARD)["Location"] == "/accounts/login/?next=/dashboard/"


# --- dashboard and settings -----------------------------------------------------


def test_dashboard_needs_login(client, db):
    assert client.get(DASHBOARD)["Location"] == "/accounts/login/?next=/dashboard/"


def test_settings_page_shows_the_role_and_saves_name_and_email(client, olivia):
    client.force_login(olivia)
    page = client.get(SETTINGS)
    assert b'<span class="pill">Employer</span>' in page.content

    response = client.post(
        SETTINGS, {"full_name": "Olivia O.", "email": "Olivia@Acme.test"}
    )

    assert response.status_code == 302
    olivia.refresh_from_db()
    assert (olivia.full_name, olivia.email) == ("Olivia O.", "olivia@acme.test")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"full_name": "Olivia", "email": "TOM@acme.test"}, "email"),
        ({"full_name": "Olivia", "email": "bad"}, "email"),
        ({"full_name": "", "email": "olivia@acme.test"}, "full_name"),
        ({"full_name": "o" * 151, "email": "olivia@acme.test"}, "full_name"),
    ],
)
def test_settings_rejects_bad_input(client, olivia, tom, data, field):
    client.force_login(olivia)

    response = client.post(SETTINGS, data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    olivia.refresh_from_db()
    assert (olivia.full_name, olivia.email) == ("Olivia Owner", "olivia@acme.test")


def test_settings_needs_login(client, db):
    assert client.get(SETTINGS).status_code == 302


# --- password change --------------------------------------------------------------


def test_password_change_keeps_the_session_and_revokes_api_tokens(
    client, api_as, alice
):
    api_client = api_as(alice)
    client.force_login(alice)

    response = client.post(
        PASSWORD_CHANGE,
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == SETTINGS
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get(DASHBOARD).status_code == 200
    assert api_client.get("/api/v1/me/").status_code == 401


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {
                "old_password": "wrong",
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
            "old_password",
        ),
        (
            {
                "old_password": DEFAULT_PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": "different-one-here",
            },
            "new_password2",
        ),
        (
            {
                "old_password": DEFAULT_PASSWORD,
                "new_password1": "123",
                "new_password2": "123",
            },
            "new_password2",
        ),
    ],
)
def test_password_change_rejects_bad_input(client, alice, data, field):
    client.force_login(alice)

    response = client.post(PASSWORD_CHANGE, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password(DEFAULT_PASSWORD)
    assert alice.tokens_valid_after is None


# --- password reset -----------------------------------------------------------------


def test_password_reset_sends_a_working_link(
    client, alice, django_capture_on_commit_callbacks
):
    api_client = APIClient()
    api_client.credentials(
        HTTP_AUTHORIZATION="Bearer "
        + client.post(
            "/api/v1/auth/token/",
            {"email": alice.email, "password": DEFAULT_PASSWORD},
            content_type="application/json",
        ).json()["access"]
    )

    # The email is written to the outbox and sent once the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PASSWORD_RESET, {"email": "ALICE@example.com"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert RESET_SENT in client.get(response["Location"]).content
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "Reset your HotGigs password"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    assert f'href="http://testserver{link}"' in html

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done["Location"] == "/accounts/reset/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert api_client.get("/api/v1/me/").status_code == 401
    # The link works once.
    assert client.get(link, follow=True).context["validlink"] is False


def test_password_reset_for_an_unknown_email_looks_the_same(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(PASSWORD_RESET, {"email": alice.email})
        unknown = client.post(PASSWORD_RESET, {"email": "nobody@example.com"})

    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


def test_password_reset_rejects_a_malformed_email(client, db):
    response = client.post(PASSWORD_RESET, {"email": "not an email"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert mail.outbox == []


def test_password_reset_with_a_bad_token_says_the_link_expired(client, alice):
    response = client.get("/accounts/reset/MQ/not-a-token/")

    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert b"This link no longer works" in response.content


def test_password_reset_is_rate_limited_per_email(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(PASSWORD_RESET, {"email": alice.email})
        blocked = client.post(PASSWORD_RESET, {"email": "Alice@example.com"})

    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "60"
    assert len(mail.outbox) == 3


def test_password_reset_is_rate_limited_per_ip(client, db):
    for i in range(5):
        client.post(PASSWORD_RESET, {"email": f"x{i}@example.com"})

    blocked = client.post(PASSWORD_RESET, {"email": "y@example.com"})

    assert blocked.status_code == 429
