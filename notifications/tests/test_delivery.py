"""notify(): preferences, email (immediate, digest, at most once), unsubscribe."""

import smtplib

import pytest
from django.conf import settings
from django.core import mail

from jobs.models import Stage
from jobs.services.applications import application_transition
from notifications import emails, services
from notifications.models import EmailMode, Notification, NotificationKind
from notifications.tasks import send_email_digests, send_notification_email

pytestmark = pytest.mark.django_db


def test_stage_change_notifies_only_the_candidate_in_app_and_by_email(
    alice_application, olivia, tom, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=alice_application, to_stage=Stage.SCREENING, actor=olivia
        )
    rows = list(Notification.objects.values_list("recipient__email", "kind"))
    assert rows == [("alice@example.com", NotificationKind.STAGE_CHANGED)]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "Your application for Backend moved to Screening"
    html = message.alternatives[0][0]
    assert "/notifications/unsubscribe/" in html
    assert "/notifications/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_the_actor_is_never_notified(alice, olivia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[alice, olivia, alice],
            kind=NotificationKind.NEW_MESSAGE,
            title="Hi",
            actor=olivia,
        )
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
        "alice@example.com"
    ]


def test_in_app_off_keeps_the_email_but_hides_the_row(
    alice, django_capture_on_commit_callbacks
):
    services.preference_set(user=alice, kind=NotificationKind.JOB_ALERT, in_app=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[alice], kind=NotificationKind.JOB_ALERT, title="X")
    row = Notification.objects.get()
    assert (row.in_app, row.read_at is not None) == (False, True)
    assert len(mail.outbox) == 1
    from notifications.selectors import notifications_for, unread_notification_count

    assert list(notifications_for(alice)) == []
    assert unread_notification_count(alice) == 0


def test_everything_off_creates_nothing(alice, django_capture_on_commit_callbacks):
    services.preference_set(
        user=alice, kind=NotificationKind.JOB_ALERT, in_app=False, email="off"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.notify(
                recipients=[alice], kind=NotificationKind.JOB_ALERT, title="X"
            )
            == []
        )
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_email_is_sent_at_most_once_when_the_task_runs_twice(alice):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("notifications.services._deliver", lambda created: None)
        (row,) = services.notify(
            recipients=[alice], kind=NotificationKind.NEW_MESSAGE, title="Hello"
        )
    assert send_notification_email.apply(args=[row.pk]).get() is True
    assert send_notification_email.apply(args=[row.pk]).get() is False
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.emailed_at is not None


def test_a_failed_send_releases_the_claim_for_the_retry(alice, monkeypatch):
    monkeypatch.setattr("notifications.services._deliver", lambda created: None)
    (row,) = services.notify(
        recipients=[alice], kind=NotificationKind.NEW_MESSAGE, title="Hello"
    )

    def broken(**kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(emails, "_send", broken)
    with pytest.raises(ConnectionError):
        emails.send_notification_email(row.pk)
    row.refresh_from_db()
    assert row.emailed_at is None
    monkeypatch.undo()
    assert emails.send_notification_email(row.pk) is True


def test_digest_groups_waiting_notifications_into_one_email(
    olivia, django_capture_on_commit_callbacks
):
    # New applications default to the daily digest.
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("First", "Second"):
            services.notify(
                recipients=[olivia], kind=NotificationKind.NEW_APPLICATION, title=title
            )
    assert mail.outbox == []
    assert send_email_digests.apply().get() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your HotGigs digest: 2 updates"
    assert "First" in mail.outbox[0].body and "Second" in mail.outbox[0].body
    assert send_email_digests.apply().get() == 0
    assert len(mail.outbox) == 1


def test_unsubscribe_link_works_without_login_and_turns_email_off(client, alice):
    token = services.unsubscribe_token(user_id=alice.pk, kind="job_alert")
    url = f"/notifications/unsubscribe/{token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop receiving “Job alert” emails?" in page.content.decode()
    assert client.post(url).status_code == 200
    pref = alice.notification_preferences.get(kind="job_alert")
    assert (pref.in_app, pref.email) == (True, EmailMode.OFF)


@pytest.mark.parametrize("token", ["garbage", "eyJ1IjoxfQ:forged:sig"])
def test_a_forged_unsubscribe_token_is_refused(client, alice, token):
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert not alice.notification_preferences.exists()


def test_real_smtp_server_receives_the_email(alice, settings):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("notifications.services._deliver", lambda created: None)
            (row,) = services.notify(
                recipients=[alice], kind=NotificationKind.NEW_MESSAGE, title="Ping"
            )
        assert emails.send_notification_email(row.pk) is True
    finally:
        controller.stop()
    assert len(received) == 1
    assert received[0].rcpt_tos == ["alice@example.com"]
    content = received[0].content.decode()
    assert "Subject: Ping" in content
    assert "text/html" in content and "text/plain" in content


def test_digest_unsubscribe_link_covers_every_kind_in_the_digest(
    olivia, client, django_capture_on_commit_callbacks
):
    # Both kinds default to the daily digest.
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[olivia], kind=NotificationKind.NEW_APPLICATION, title="Apply"
        )
        services.notify(
            recipients=[olivia],
            kind=NotificationKind.PLACEMENT_RECORDED,
            title="Placed",
        )
    assert send_email_digests.apply().get() == 1
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert (
        "Unsubscribe from “New application” and “Placement recorded” emails:"
        in message.body
    )
    assert "“New application” and “Placement recorded”" in html
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix(settings.SITE_URL.rstrip("/"))
    assert path.startswith("/notifications/unsubscribe/")
    assert path in message.body and path in html
    page = client.get(path)
    assert (
        "Stop receiving “New application” and “Placement recorded” emails?"
        in page.content.decode()
    )
    assert client.post(path).status_code == 200
    assert dict(olivia.notification_preferences.values_list("kind", "email")) == {
        "new_application": "off",
        "placement_recorded": "off",
    }
    # Nothing of those kinds is emailed any more.
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[olivia], kind=NotificationKind.NEW_APPLICATION, title="Next"
        )
    assert send_email_digests.apply().get() == 0
    assert len(mail.outbox) == 1


def test_an_old_single_kind_token_still_works(client, alice):
    from django.core import signing

    token = signing.dumps(
        {"u": alice.pk, "k": "new_message"}, salt=services.UNSUBSCRIBE_SALT
    )
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert alice.notification_preferences.get().email == EmailMode.OFF


@pytest.mark.parametrize(
    "payload",
    [{"u": 1, "k": []}, {"u": 1, "k": ["job_alert", "nope"]}, {"u": "1", "k": "x"}],
)
def test_a_signed_but_malformed_token_is_refused(client, alice, payload):
    from django.core import signing

    token = signing.dumps(payload, salt=services.UNSUBSCRIBE_SALT)
    assert client.get(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert not alice.notification_preferences.exists()


def test_bulk_notify_sends_each_email_once_in_chunks(
    alice, bob, monkeypatch, django_capture_on_commit_callbacks
):
    from notifications import tasks

    chunks = []
    real = tasks.send_notification_emails.apply_async
    monkeypatch.setattr(services, "EMAIL_CHUNK", 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[alice, bob], kind=NotificationKind.NEW_MESSAGE, title="Hi"
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.com",
        "bob@example.com",
    ]
    monkeypatch.setattr(services, "EMAIL_CHUNK", 200)
    monkeypatch.setattr(
        tasks.send_notification_emails,
        "apply_async",
        lambda args, kwargs, **options: chunks.append(args[0]) or real(args, kwargs),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rows = services.notify(
            recipients=[alice, bob], kind=NotificationKind.NEW_MESSAGE, title="Again"
        )
    assert chunks == [[row.pk for row in rows]]
    assert len(mail.outbox) == 2
    # Running the chunk again (a retried task) sends nothing more.
    assert tasks.send_notification_emails.apply(args=[chunks[0]]).get() == 0
    assert len(mail.outbox) == 2


def _chunk_with_a_failure(alice, bob, monkeypatch, error):
    """Alice's email fails with `error`, Bob's goes through; the chunk task's
    retry is recorded instead of run. → (rows alice first, retried args)."""
    from notifications import tasks

    monkeypatch.setattr(services, "_deliver", lambda created: None)
    rows = services.notify(
        recipients=[alice, bob], kind=NotificationKind.NEW_MESSAGE, title="Hi"
    )
    rows.sort(key=lambda row: row.recipient_id != alice.pk)
    real_send = emails._send

    def flaky(*, user, **kwargs):
        if user.email == "alice@example.com":
            raise error
        real_send(user=user, **kwargs)

    retried = []

    def retry(*, args, exc, countdown):
        retried.append((args, type(exc), 0 <= countdown <= 30))
        return RuntimeError("retry")

    monkeypatch.setattr(emails, "_send", flaky)
    monkeypatch.setattr(tasks.send_notification_emails, "retry", retry)
    with pytest.raises(RuntimeError, match="retry"):
        tasks.send_notification_emails.run([row.pk for row in rows])
    return rows, retried


def test_a_refused_email_in_a_chunk_does_not_stop_the_others(alice, bob, monkeypatch):
    error = smtplib.SMTPDataError(554, b"Message rejected")
    rows, retried = _chunk_with_a_failure(alice, bob, monkeypatch, error)

    assert [m.to for m in mail.outbox] == [["bob@example.com"]]
    assert retried == [([[rows[0].pk]], smtplib.SMTPDataError, True)]
    assert Notification.objects.get(recipient=alice).emailed_at is None
    assert Notification.objects.get(recipient=bob).emailed_at is not None


def test_a_mail_server_down_stops_the_chunk_and_retries_the_rest(
    alice, bob, monkeypatch
):
    error = ConnectionRefusedError(111, "Connection refused")
    rows, retried = _chunk_with_a_failure(alice, bob, monkeypatch, error)

    # Bob's was not even tried: every send would have waited on the dead server.
    assert mail.outbox == []
    assert retried == [([[rows[0].pk, rows[1].pk]], ConnectionRefusedError, True)]
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def test_a_refused_address_is_not_retried(alice, monkeypatch):
    monkeypatch.setattr(services, "_deliver", lambda created: None)
    (row,) = services.notify(
        recipients=[alice], kind=NotificationKind.NEW_MESSAGE, title="Hi"
    )

    def refused(*, user, **kwargs):
        raise smtplib.SMTPRecipientsRefused({user.email: (550, b"No such user")})

    monkeypatch.setattr(emails, "_send", refused)

    assert emails.send_notification_email(row.pk) is False
    row.refresh_from_db()
    assert row.emailed_at is not None  # kept claimed: never sent, never retried
