"""Emails: notification emails (HTML and text parts from templates, a signed
unsubscribe link) and the outbox of other emails (`OutgoingEmail`), each sent at
most once: claimed with a conditional UPDATE, then sent; a failed send releases
the claim so a retry, or the outbox sweeper, sends it later."""

import base64
import datetime
import logging
from smtplib import SMTPRecipientsRefused

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hotgigs.outbox import enqueue, sweep_window

# The tasks and services call these functions and these queue the tasks: the
# modules, not their names, so any of them may be imported first.
from notifications import services as notification_services
from notifications import tasks as notification_tasks
from notifications.models import EmailMode, Notification, OutgoingEmail
from notifications.services import kinds_label, site_url, unsubscribe_token

logger = logging.getLogger(__name__)


def deliver(message: EmailMessage) -> None:
    """Hand one message to the mail server; raises when it was not accepted.

    The connection is opened and closed here: an error while closing it (after
    the server accepted the message) is logged, not raised, so a sent message is
    never released for a second send.
    """
    connection = get_connection()
    connection.open()
    try:
        connection.send_messages([message])
    finally:
        try:
            connection.close()
        except Exception:  # the message was accepted already
            logger.warning("closing the mail connection failed", exc_info=True)


def _send(
    *, user, subject: str, template: str, context: dict, kinds: list[str]
) -> None:
    # A digest mixes kinds: its one-click unsubscribe covers every kind in it.
    token = unsubscribe_token(user_id=user.pk, kinds=kinds)
    unsubscribe_url = site_url(reverse("notifications:unsubscribe", args=[token]))
    context = {
        **context,
        "user": user,
        "unsubscribe_url": unsubscribe_url,
        "kinds_label": kinds_label(kinds),
        "preferences_url": site_url(reverse("notifications:preferences")),
    }
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    deliver(message)


def send_notification_email(notification_id: int) -> bool:
    """Send one immediate notification by email; False when already claimed."""
    claimed_at = timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, email_mode=EmailMode.IMMEDIATE, emailed_at__isnull=True
    ).update(emailed_at=claimed_at)
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient", "actor").get(
        pk=notification_id
    )
    try:
        _send(
            user=notification.recipient,
            subject=notification.title,
            template="notification",
            context={
                "notification": notification,
                "link": site_url(notification.link) if notification.link else "",
            },
            kinds=[notification.kind],
        )
    except SMTPRecipientsRefused:
        # The address itself is refused: retrying cannot help; keep the claim.
        logger.warning("email for notification %s refused", notification_id)
        return False
    except Exception:
        # Not sent: release the claim so a retry may send it.
        Notification.objects.filter(pk=notification_id, emailed_at=claimed_at).update(
            emailed_at=None
        )
        raise
    return True


def send_digest(user_id: int) -> int:
    """One email with every digest notification waiting for this user."""
    claimed_at = timezone.now()
    due = Notification.objects.filter(
        recipient_id=user_id, email_mode=EmailMode.DIGEST, emailed_at__isnull=True
    )
    ids = list(due.values_list("id", flat=True)[:200])
    if not ids:
        return 0
    Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(
        emailed_at=claimed_at
    )
    rows = list(
        Notification.objects.filter(pk__in=ids, emailed_at=claimed_at).order_by(
            "created_at", "id"
        )
    )
    if not rows:
        return 0
    user = get_user_model().objects.get(pk=user_id)
    for row in rows:
        row.absolute_link = site_url(row.link) if row.link else ""
    try:
        _send(
            user=user,
            subject=f"Your HotGigs digest: {len(rows)} update"
            + ("s" if len(rows) != 1 else ""),
            template="digest",
            context={"notifications": rows},
            kinds=list(dict.fromkeys(row.kind for row in rows)),
        )
    except Exception:
        Notification.objects.filter(
            pk__in=[r.pk for r in rows], emailed_at=claimed_at
        ).update(emailed_at=None)
        raise
    return len(rows)


def digest_recipients() -> list[int]:
    return list(
        Notification.objects.filter(
            email_mode=EmailMode.DIGEST, emailed_at__isnull=True
        )
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )


# --- The outbox: emails that are not notifications ----------------------------------


def email_enqueue(message: EmailMessage, *, purpose: str) -> OutgoingEmail:
    """Record `message` in the outbox inside the caller's transaction; it is
    sent by a task on commit (or by the sweeper, when the broker was down)."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    attachments = []
    for filename, content, mimetype in message.attachments:
        if isinstance(content, bytes):
            attachments.append(
                {
                    "filename": filename,
                    "content": base64.b64encode(content).decode("ascii"),
                    "mimetype": mimetype,
                    "base64": True,
                }
            )
        else:
            attachments.append(
                {"filename": filename, "content": content, "mimetype": mimetype}
            )
    with transaction.atomic():
        outgoing = OutgoingEmail.objects.create(
            purpose=purpose,
            from_email=message.from_email or "",
            to=list(message.to),
            subject=message.subject,
            body=message.body,
            html=html,
            attachments=attachments,
            headers=dict(message.extra_headers),
        )
        transaction.on_commit(lambda pk=outgoing.pk: queue_outgoing_emails([pk]))
    return outgoing


def queue_outgoing_emails(ids: list[int]) -> None:
    send_outgoing_email = notification_tasks.send_outgoing_email
    for pk in ids:
        if not enqueue(send_outgoing_email, pk):
            break  # the broker is down: the sweeper queues the rest later


def _message(outgoing: OutgoingEmail) -> EmailMessage:
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=outgoing.from_email or None,
        to=outgoing.to,
        headers=outgoing.headers or None,
    )
    if outgoing.html:
        message.attach_alternative(outgoing.html, "text/html")
    for item in outgoing.attachments:
        content = item["content"]
        if item.get("base64"):
            content = base64.b64decode(content)
        message.attach(item["filename"], content, item["mimetype"])
    return message


def send_outgoing_email(outgoing_id: int) -> bool:
    """Send one outbox email; False when it was sent (or claimed) already."""
    claimed_at = timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=outgoing_id, sent_at__isnull=True).update(
        sent_at=claimed_at, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    outgoing = OutgoingEmail.objects.get(pk=outgoing_id)
    try:
        deliver(_message(outgoing))
    except SMTPRecipientsRefused as exc:
        # The address itself is refused: retrying cannot help; keep the claim.
        OutgoingEmail.objects.filter(pk=outgoing_id).update(
            last_error=f"refused: {exc}"[:200]
        )
        logger.warning("outbox email %s refused", outgoing_id)
        return False
    except Exception as exc:
        OutgoingEmail.objects.filter(pk=outgoing_id, sent_at=claimed_at).update(
            sent_at=None, last_error=f"{type(exc).__name__}: {exc}"[:200]
        )
        raise
    return True


SENT_KEPT_DAYS = 7


def sweep_outgoing_emails(now=None) -> int:
    """Queue again the outbox emails still unsent after the grace period; delete
    sent ones after a week (their bodies hold links that act for the user)."""
    now = now or timezone.now()
    oldest, newest = sweep_window(now)
    ids = list(
        OutgoingEmail.objects.filter(
            sent_at__isnull=True, created_at__gte=oldest, created_at__lte=newest
        )
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    queue_outgoing_emails(ids)
    OutgoingEmail.objects.filter(
        sent_at__lt=now - datetime.timedelta(days=SENT_KEPT_DAYS)
    ).delete()
    return len(ids)


# At most this many rows are queued again per sweep and kind: a long outage's
# backlog drains over a few sweeps instead of one flood of messages.
SWEEP_BATCH = 5000


def sweep_notification_emails(now=None) -> int:
    """Queue again the immediate notification emails still unsent after the grace
    period (the broker was down on commit, or retries ran out while the mail
    server was): in chunks, each notification claimed on its own when sent."""
    EMAIL_CHUNK = notification_services.EMAIL_CHUNK
    send_notification_emails = notification_tasks.send_notification_emails

    oldest, newest = sweep_window(now)
    ids = list(
        Notification.objects.filter(
            email_mode=EmailMode.IMMEDIATE,
            emailed_at__isnull=True,
            created_at__gte=oldest,
            created_at__lte=newest,
        )
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    for start in range(0, len(ids), EMAIL_CHUNK):
        if not enqueue(send_notification_emails, ids[start : start + EMAIL_CHUNK]):
            break  # the broker is down: the next sweep tries again
    return len(ids)
