"""The audit log of security-relevant actions, and the session/lockout cases the
token tests do not cover."""

import pytest
from django.test import Client

from accounts.models import AuditLog
from accounts.services import (
    user_change_password,
    user_deactivate,
    user_delete_account,
    user_export_data,
)
from accounts.tests.factories import DEFAULT_PASSWORD

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"
AUDIT_ADMIN = "/admin/accounts/auditlog/"


def entries():
    return list(
        AuditLog.objects.order_by("id").values_list(
            "action", "actor_label", "target_type", "ip_address"
        )
    )


# --- what gets recorded ------------------------------------------------------------


def test_page_login_and_failed_login_are_recorded_with_the_address(client, alice):
    client.post(LOGIN, {"username": "alice@example.com", "password": "wrong"})
    client.post(
        LOGIN,
        {"username": "nobody@example.com", "password": "x"},
        REMOTE_ADDR="10.1.2.3",
    )
    client.post(LOGIN, {"username": alice.email, "password": DEFAULT_PASSWORD})

    assert entries() == [
        ("login_failed", "alice@example.com", "", "127.0.0.1"),
        ("login_failed", "nobody@example.com", "", "10.1.2.3"),
        ("login", "alice@example.com", "", "127.0.0.1"),
    ]
    assert AuditLog.objects.get(action="login").actor == alice


def test_api_sign_in_and_failure_are_recorded(api, alice):
    api.post(TOKEN, {"email": alice.email, "password": "wrong"})
    api.post(TOKEN, {"email": alice.email, "password": DEFAULT_PASSWORD})

    assert entries() == [
        ("login_failed", "alice@example.com", "", "127.0.0.1"),
        ("token_obtained", "alice@example.com", "", "127.0.0.1"),
    ]


def test_the_log_never_holds_a_password(client, alice):
    client.post(LOGIN, {"username": alice.email, "password": "s3cret-guess"})

    row = AuditLog.objects.get()
    assert "s3cret-guess" not in str(row.details)
    assert row.details == {}


def test_password_change_deactivation_export_and_deletion_are_recorded(alice, bob):
    user_change_password(user=alice, new_password="another-long-passphrase")
    user_export_data(user=alice)
    user_deactivate(user=bob)
    bob_id = bob.pk
    user_delete_account(user=bob)

    assert entries() == [
        ("password_changed", "alice@example.com", "accounts.user", None),
        ("data_exported", "alice@example.com", "accounts.user", None),
        ("account_deactivated", "", "accounts.user", None),
        ("account_deleted", f"user #{bob_id}", "accounts.user", None),
    ]
    deleted = AuditLog.objects.get(action="account_deleted")
    # Forgotten: no email left in the entry about the deleted account.
    assert (deleted.target_id, deleted.target_label) == (str(bob_id), "")


def test_role_and_staff_changes_in_the_admin_are_recorded(client, sam, alice):
    client.force_login(sam)
    response = client.post(
        f"/admin/accounts/user/{alice.pk}/change/",
        {
            "email": alice.email,
            "full_name": alice.full_name,
            "role": "employer",
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )

    assert response.status_code == 302
    changes = AuditLog.objects.filter(actor=sam).exclude(action="login").order_by("id")
    assert [(e.action, e.target_id, e.details) for e in changes] == [
        (
            "role_changed",
            str(alice.pk),
            {"field": "role", "old": "candidate", "new": "employer"},
        ),
        (
            "staff_changed",
            str(alice.pk),
            {"field": "is_staff", "old": False, "new": True},
        ),
    ]


def test_membership_changes_are_recorded(olivia, tom, acme):
    from companies.models import Membership
    from companies.services import membership_change_role, membership_remove

    membership = Membership.objects.get(user=tom, company=acme)
    membership_change_role(user=olivia, membership=membership, role="admin")
    membership_remove(user=olivia, membership=membership)

    rows = AuditLog.objects.order_by("id")
    assert [(r.action, r.actor_label, r.target_label, r.details) for r in rows] == [
        (
            "membership_role_changed",
            "olivia@acme.test",
            "Acme",
            {"member": "tom@acme.test", "old": "member", "new": "admin"},
        ),
        (
            "membership_removed",
            "olivia@acme.test",
            "Acme",
            {"member": "tom@acme.test", "role": "admin"},
        ),
    ]


# --- who can read it ---------------------------------------------------------------


def test_staff_read_the_log_in_the_admin_and_cannot_edit_it(client, sam, alice):
    client.post(LOGIN, {"username": alice.email, "password": "wrong"})
    entry = AuditLog.objects.get()
    client.force_login(sam)

    listing = client.get(AUDIT_ADMIN, {"action__exact": "login_failed"})
    found = client.get(AUDIT_ADMIN, {"q": "alice@"})
    detail = client.get(f"{AUDIT_ADMIN}{entry.pk}/change/")
    edit = client.post(f"{AUDIT_ADMIN}{entry.pk}/change/", {"actor_label": "x"})
    delete = client.post(f"{AUDIT_ADMIN}{entry.pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200
    assert [e.pk for e in listing.context["cl"].result_list] == [entry.pk]
    assert [e.pk for e in found.context["cl"].result_list] == [entry.pk]
    assert detail.status_code == 200
    assert edit.status_code == 403
    assert delete.status_code == 403
    assert client.get(f"{AUDIT_ADMIN}add/").status_code == 403
    entry.refresh_from_db()
    assert entry.actor_label == "alice@example.com"


@pytest.mark.parametrize("persona", ["alice", "olivia", "rita"])
def test_non_staff_cannot_read_the_log(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(AUDIT_ADMIN)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- sessions ----------------------------------------------------------------------


def test_a_password_change_ends_the_other_sessions(alice):
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        browser.post(LOGIN, {"username": alice.email, "password": DEFAULT_PASSWORD})
    assert phone.get("/dashboard/").status_code == 200

    response = laptop.post(
        "/accounts/password/change/",
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )

    assert response.status_code == 302
    assert laptop.get("/dashboard/").status_code == 200  # the changing session stays
    ended = phone.get("/dashboard/")
    assert ended.status_code == 302
    assert ended["Location"].startswith("/accounts/login/")


def test_deactivation_ends_every_session(client, alice):
    client.post(LOGIN, {"username": alice.email, "password": DEFAULT_PASSWORD})
    assert client.get("/dashboard/").status_code == 200

    user_deactivate(user=alice)

    ended = client.get("/dashboard/")
    assert ended.status_code == 302
    assert ended["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/me/").status_code in (401, 403)


# --- lockout messages reveal nothing -----------------------------------------------


def test_api_lockout_answers_the_same_for_a_known_and_an_unknown_email(api, alice):
    def lock_out(email, address):
        for _ in range(5):
            api.post(TOKEN, {"email": email, "password": "guess"}, REMOTE_ADDR=address)
        return api.post(
            TOKEN, {"email": email, "password": "guess"}, REMOTE_ADDR=address
        )

    known = lock_out(alice.email, "10.0.0.1")
    unknown = lock_out("nobody@example.com", "10.0.0.2")
    assert (known.status_code, unknown.status_code) == (429, 429)
    assert known.json() == unknown.json()
    assert known["Retry-After"] == unknown["Retry-After"]


def test_page_lockout_answers_the_same_for_a_known_and_an_unknown_email(client, alice):
    def lock_out(email, address):
        for _ in range(5):
            client.post(
                LOGIN, {"username": email, "password": "guess"}, REMOTE_ADDR=address
            )
        return client.post(
            LOGIN, {"username": email, "password": "guess"}, REMOTE_ADDR=address
        )

    known = lock_out(alice.email, "10.0.0.1")
    unknown = lock_out("nobody@example.com", "10.0.0.2")

    assert (known.status_code, unknown.status_code) == (429, 429)
    assert known.content == unknown.content


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_email(
    client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/accounts/password/reset/", {"email": alice.email})
        unknown = client.post("/accounts/password/reset/", {"email": "no@example.com"})

    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    assert len(mailoutbox) == 1
