"""Notification emails: HTML and text parts from templates, a signed unsubscribe
link, and at-most-once sending (claim with a conditional UPDATE, then send)."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifications.models import EmailMode, Notification
from notifications.services import kinds_label, site_url, unsubscribe_token

logger = logging.getLogger(__name__)


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
    message.send()


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
