"""Team invitations to an address that has an account notify that user (in the
app and by email, by their preferences) instead of the plain invitation email,
on commit only."""

import pytest
from django.db import transaction

from companies import services
from notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def test_inviting_an_existing_account_notifies_it_with_one_email(
    acme, olivia, bob, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            user=olivia, company=acme, email="BOB@example.com", role="admin"
        )

    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.actor) == (
        bob,
        NotificationKind.TEAM_INVITATION,
        olivia,
    )
    assert note.title == "Join Acme on HotGigs"
    assert note.body == "You are invited as admin."
    # No token in the stored notification: the invitee's own page, by id.
    assert note.link == f"/invitations/mine/{invitation.pk}/"
    # One email (the notification's), not the plain invitation email as well.
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([bob.email], "Join Acme on HotGigs")
    ]
    assert f"/invitations/mine/{invitation.pk}/" in mailoutbox[0].body


def test_inviting_an_address_without_an_account_notifies_nobody(
    acme, olivia, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(user=olivia, company=acme, email="new@example.com")
    assert Notification.objects.count() == 0
    assert [m.to for m in mailoutbox] == [["new@example.com"]]


def test_inactive_account_is_not_notified(
    acme, olivia, bob, django_capture_on_commit_callbacks
):
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(user=olivia, company=acme, email=bob.email)
    assert Notification.objects.count() == 0


def test_failed_or_rolled_back_invitation_notifies_nobody(
    acme, olivia, tom, bob, django_capture_on_commit_callbacks
):
    from django.core.exceptions import PermissionDenied, ValidationError

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied):
            services.invitation_create(user=tom, company=acme, email=bob.email)
        with pytest.raises(ValidationError):
            services.invitation_create(user=olivia, company=acme, email=tom.email)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.invitation_create(user=olivia, company=acme, email=bob.email)
        raise RuntimeError
    assert callbacks == []
    assert Notification.objects.count() == 0


def test_only_a_hash_of_the_token_is_stored_and_the_link_still_works(
    client, acme, olivia, bob, django_capture_on_commit_callbacks
):
    import hashlib

    from companies.models import Invitation

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            user=olivia, company=acme, email="new@example.com"
        )
    token = invitation.token

    stored = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(stored)
    assert Invitation.objects.get(pk=invitation.pk).token is None
    assert client.get(f"/invitations/{token}/").status_code == 200
    assert client.get(f"/invitations/{stored['token_hash']}/").status_code == 404


def test_the_invitees_token_free_page_is_theirs_only(
    client, acme, olivia, bob, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            user=olivia, company=acme, email="bob@example.com"
        )
    url = f"/invitations/mine/{invitation.pk}/"

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(alice)
    assert client.get(url).status_code == 404
    client.force_login(bob)
    assert client.get(url).status_code == 200
    accepted = client.post(url)
    assert accepted.status_code == 302
    assert acme.memberships.filter(user=bob).exists()


def test_the_invitation_admin_shows_no_token(
    client, sam, acme, olivia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            user=olivia, company=acme, email="new@example.com"
        )
    client.force_login(sam)

    page = client.get(f"/admin/companies/invitation/{invitation.pk}/change/")

    assert page.status_code == 200
    assert invitation.token.encode() not in page.content
    assert invitation.token_hash.encode() not in page.content
    assert b"token_hash" not in page.content
    assert b"Token hash" not in page.content
