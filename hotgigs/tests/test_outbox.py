"""Deferred work survives a broker and a mail-server outage.

A real Redis broker and a real SMTP server (aiosmtpd), each stopped and started
again by the test; the tasks the broker holds are run in this process as a
worker would (hotgigs/tests/outage_servers.py). The end-to-end run with real
`celery worker` and beat processes is hotgigs/tests/test_outbox_worker.py.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from companies.models import Invitation
from documents.models import Document
from documents.tests import corpus
from jobs.tests.applications.conftest import future, make_application
from jobs.tests.factories import JobFactory
from notifications import emails, tasks
from notifications.models import Notification, OutgoingEmail

SWEEPERS = (
    "notifications.tasks.sweep_notification_emails",
    "notifications.tasks.sweep_outgoing_emails",
    "documents.tasks.sweep_document_extractions",
)


@pytest.fixture(autouse=True)
def outbox_settings(settings, tmp_path):
    settings.OUTBOX_GRACE_SECONDS = 0  # sweep what is not done, at once
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


def _sweep():
    """What beat does every OUTBOX_SWEEP_SECONDS: run each sweeper."""
    from hotgigs.celery import app

    return {name.rsplit(".", 1)[1]: app.tasks[name]() for name in SWEEPERS}


def _web_actions(client, api_as, alice, olivia, acme):
    """Alice uploads a resume; Olivia invites a new teammate and schedules an
    interview with Alice. → the status of each answer."""
    client.force_login(alice)
    upload = client.post(
        reverse("documents:upload"),
        {"file": SimpleUploadedFile("cv.docx", corpus.docx_resume()), "kind": "resume"},
    )
    client.force_login(olivia)
    invite = client.post(
        "/companies/acme/team/", {"email": "new@acme.test", "role": "member"}
    )
    application = make_application(JobFactory(company=acme, published=True), alice)
    interview = api_as(olivia).post(
        f"/api/v1/applications/{application.pk}/interviews/",
        {
            "starts_at": future().astimezone(datetime.UTC).isoformat(),
            "duration_minutes": 30,
            "timezone": "Europe/Berlin",
            "interviewers": [olivia.pk],
            "location": "Acme HQ",
        },
        format="json",
    )
    return upload.status_code, invite.status_code, interview.status_code


def _unsent():
    return {
        "documents processing": Document.objects.filter(status="processing").count(),
        "notification emails": Notification.objects.filter(
            email_mode="immediate", emailed_at__isnull=True
        ).count(),
        "outbox emails": OutgoingEmail.objects.filter(sent_at__isnull=True).count(),
    }


NOTHING_LEFT = {
    "documents processing": 0,
    "notification emails": 0,
    "outbox emails": 0,
}


def test_broker_and_mail_server_down_then_back_nothing_lost_nothing_twice(
    broker,
    smtp,
    client,
    api_as,
    alice,
    olivia,
    acme,
    django_capture_on_commit_callbacks,
):
    # Given the broker and the mail server both down,
    # when users act on the site, every answer is a success (no 5xx),
    with django_capture_on_commit_callbacks(execute=True):
        assert _web_actions(client, api_as, alice, olivia, acme) == (302, 302, 201)

    # and the work is recorded: the document waits, three emails wait.
    assert _unsent() == {
        "documents processing": 1,
        "notification emails": 1,  # Alice's "interview scheduled"
        "outbox emails": 2,  # the invitation, the interview's .ics
    }
    assert sorted(OutgoingEmail.objects.values_list("purpose", "to")) == [
        ("interview", ["alice@example.com"]),
        ("invitation", ["new@acme.test"]),
    ]

    # When the broker is back: nothing was queued while it was down; the
    # sweepers queue each piece of work once.
    broker.start()
    assert broker.take() == []
    assert _sweep() == {
        "sweep_notification_emails": 1,
        "sweep_outgoing_emails": 2,
        "sweep_document_extractions": 1,
    }
    document = Document.objects.get()
    notification = Notification.objects.get(email_mode="immediate")
    invitation_email, interview_email = OutgoingEmail.objects.order_by("purpose")[::-1]
    assert sorted(broker.peek()) == sorted(
        [
            ("documents.tasks.extract_document_text", [document.pk], {}),
            ("notifications.tasks.send_notification_emails", [[notification.pk]], {}),
            ("notifications.tasks.send_outgoing_email", [interview_email.pk], {}),
            ("notifications.tasks.send_outgoing_email", [invitation_email.pk], {}),
        ]
    )

    # A worker runs them while the mail server is still down: the document is
    # read; each email fails, its claim is released for a retry.
    results = dict(broker.work())
    assert results["documents.tasks.extract_document_text"] == "ready"
    assert results["notifications.tasks.send_outgoing_email"] == (
        "ConnectionRefusedError"
    )
    assert results["notifications.tasks.send_notification_emails"] == (
        "ConnectionRefusedError"
    )
    assert _unsent() == {
        "documents processing": 0,
        "notification emails": 1,
        "outbox emails": 2,
    }
    interview_email.refresh_from_db()
    assert (interview_email.attempts, interview_email.last_error[:22]) == (
        1,
        "ConnectionRefusedError",
    )
    assert smtp.received() == []

    # When the mail server is back, the next sweep queues the emails again and
    # each is sent once.
    smtp.start()
    assert _sweep() == {
        "sweep_notification_emails": 1,
        "sweep_outgoing_emails": 2,
        "sweep_document_extractions": 0,
    }
    broker.work()
    assert _unsent() == NOTHING_LEFT
    assert smtp.received() == [
        ("alice@example.com", "Interview scheduled for " + _job_title()),
        ("alice@example.com", "Interview scheduled for " + _job_title()),
        ("new@acme.test", "Join Acme on HotGigs"),
    ]
    ics = [m for m in smtp.messages if m.get_content_type() == "multipart/mixed"]
    assert [p.get_filename() for p in ics[0].iter_attachments()] == ["invite.ics"]

    # Then nothing is sent twice: a sweep finds nothing, and the tasks delivered
    # again (a redelivered message, a retry) send nothing.
    assert _sweep() == {
        "sweep_notification_emails": 0,
        "sweep_outgoing_emails": 0,
        "sweep_document_extractions": 0,
    }
    assert broker.take() == []
    assert tasks.send_outgoing_email(invitation_email.pk) is False
    assert tasks.send_notification_emails([notification.pk]) == 0
    assert len(smtp.messages) == 3


def _job_title():
    return Notification.objects.get(email_mode="immediate").title.removeprefix(
        "Interview scheduled for "
    )


def test_the_sweepers_leave_fresh_and_given_up_work_alone(
    broker, settings, alice, django_capture_on_commit_callbacks
):
    from notifications.services import notify

    settings.OUTBOX_GRACE_SECONDS = 300
    settings.OUTBOX_GIVE_UP_SECONDS = 3600
    with django_capture_on_commit_callbacks(execute=True):
        fresh = notify(recipients=[alice], kind="stage_changed", title="Fresh")[0]
        old = notify(recipients=[alice], kind="stage_changed", title="Old")[0]
        given_up = notify(recipients=[alice], kind="stage_changed", title="Gone")[0]
    now = fresh.created_at
    Notification.objects.filter(pk=old.pk).update(
        created_at=now - datetime.timedelta(minutes=10)
    )
    Notification.objects.filter(pk=given_up.pk).update(
        created_at=now - datetime.timedelta(hours=2)
    )
    broker.start()

    assert emails.sweep_notification_emails() == 1
    assert broker.take() == [
        ("notifications.tasks.send_notification_emails", [[old.pk]], {})
    ]


def test_a_sweep_with_the_broker_down_logs_and_raises_nothing(
    broker, alice, caplog, django_capture_on_commit_callbacks
):
    from notifications.services import notify

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[alice], kind="stage_changed", title="One")
        notify(recipients=[alice], kind="stage_changed", title="Two")

    assert emails.sweep_notification_emails() == 2  # found, none queued
    failures = [r for r in caplog.records if r.name == "hotgigs.outbox"]
    # One line per attempt: the two notifies and the sweep, which stops at its
    # first failure instead of trying every chunk.
    assert [r.getMessage() for r in failures] == [
        "could not queue notifications.tasks.send_notification_email; "
        "the sweeper will queue it again"
    ] * 2 + [
        "could not queue notifications.tasks.send_notification_emails; "
        "the sweeper will queue it again"
    ]


def test_an_invitation_email_is_recorded_with_the_invitation(
    olivia, acme, mailoutbox, django_capture_on_commit_callbacks
):
    from companies.services import invitation_create

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation = invitation_create(user=olivia, company=acme, email="new@acme.test")
        # Before the commit the email is already recorded, in the same transaction.
        outgoing = OutgoingEmail.objects.get()
        assert (outgoing.purpose, outgoing.to, outgoing.sent_at) == (
            "invitation",
            ["new@acme.test"],
            None,
        )
    assert len(callbacks) == 1
    (message,) = mailoutbox
    assert message.to == ["new@acme.test"]
    assert f"/invitations/{invitation.token}/" in message.body
    outgoing.refresh_from_db()
    assert outgoing.sent_at is not None and outgoing.attempts == 1
    assert Invitation.objects.count() == 1


def test_sent_outbox_emails_are_purged_after_a_week(db, settings):
    from django.utils import timezone

    now = timezone.now()
    kept = OutgoingEmail.objects.create(purpose="x", to=["a@b.test"], subject="s")
    old = OutgoingEmail.objects.create(purpose="x", to=["a@b.test"], subject="s")
    OutgoingEmail.objects.filter(pk=kept.pk).update(
        sent_at=now - datetime.timedelta(days=6)
    )
    OutgoingEmail.objects.filter(pk=old.pk).update(
        sent_at=now - datetime.timedelta(days=8)
    )
    settings.OUTBOX_GRACE_SECONDS = 0

    assert emails.sweep_outgoing_emails(now=now) == 0
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [kept.pk]


def test_staff_see_the_outbox_in_the_admin_and_queue_unsent_emails_again(
    client, alice, mailoutbox
):
    from accounts.tests.factories import UserFactory

    unsent = OutgoingEmail.objects.create(
        purpose="invitation", to=["new@acme.test"], subject="Join Acme", body="Hi"
    )
    client.force_login(alice)
    assert client.get("/admin/notifications/outgoingemail/").status_code == 302
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get("/admin/notifications/outgoingemail/")
    assert listing.status_code == 200
    assert "Join Acme" in listing.content.decode()
    assert client.get("/admin/notifications/outgoingemail/add/").status_code == 403
    response = client.post(
        "/admin/notifications/outgoingemail/",
        {"action": "queue_again", "_selected_action": [unsent.pk]},
    )

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["new@acme.test"]]
    unsent.refresh_from_db()
    assert unsent.sent_at is not None


def test_sign_up_and_password_reset_emails_survive_both_outages(
    broker, smtp, client, alice, django_capture_on_commit_callbacks
):
    # Given the broker and the mail server down, a new person signs up, someone
    # signs up with Alice's address, and Alice asks for a password reset:
    # every answer is the usual redirect, and the three emails are recorded.
    signup = {"full_name": "Nina New", "role": "candidate"}
    signup |= {"password1": "a long passphrase 42", "password2": "a long passphrase 42"}
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post("/accounts/signup/", signup | {"email": "nina@example.com"}),
            client.post("/accounts/signup/", signup | {"email": "alice@example.com"}),
            client.post("/accounts/password/reset/", {"email": "alice@example.com"}),
        ]
    assert [a.status_code for a in answers] == [302, 302, 302]
    assert sorted(OutgoingEmail.objects.values_list("purpose", "to")) == [
        ("password_reset", ["alice@example.com"]),
        ("signup", ["alice@example.com"]),
        ("signup", ["nina@example.com"]),
    ]

    # When both are back, one sweep queues each once and each is sent once,
    broker.start()
    smtp.start()
    assert tasks.sweep_outgoing_emails() == 3
    broker.work()
    assert smtp.received() == [
        ("alice@example.com", "Reset your HotGigs password"),
        ("alice@example.com", "Someone tried to sign up to HotGigs with your address"),
        ("nina@example.com", "Confirm your email to finish signing up to HotGigs"),
    ]
    assert tasks.sweep_outgoing_emails() == 0
    assert broker.take() == []

    # and the confirmation link that arrived late still opens Nina's account.
    (confirmation,) = [m for m in smtp.messages if m["To"] == "nina@example.com"]
    link = next(
        word
        for word in confirmation.get_content().split()
        if "/accounts/signup/confirm/" in word
    )
    path = link[link.index("/accounts/") :]
    assert client.post(path).status_code == 302
    assert client.get("/dashboard/").context["user"].email == "nina@example.com"
