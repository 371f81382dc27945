"""Notifications: the one entry point other apps call, `notify(...)`, and delivery.

Services that change state call `notify` inside `transaction.on_commit`, so a
rolled-back change never notifies anybody. `notify` honours each recipient's
preference for the kind (in-app on/off; email off, immediately or in the daily
digest), writes the rows, and on commit schedules one email task per immediate
notification and pushes the new unread count to each recipient's WebSocket group.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from hotgigs.outbox import enqueue
from notifications import live
from notifications.models import (
    EmailMode,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from notifications.selectors import effective_preferences
from notifications.tasks import send_notification_email, send_notification_emails

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


@dataclass(frozen=True)
class Pending:
    """One notification for `notify_each`: same kind, per-recipient content."""

    recipient_id: int
    title: str
    body: str = ""
    link: str = ""


def notify(
    *,
    recipients: Iterable,
    kind: NotificationKind | str,
    title: str,
    body: str = "",
    link: str = "",
    actor=None,
    about=None,
) -> list[Notification]:
    """Notify each recipient once (never the actor), as their preferences say.

    `about`: the person the text names, when not the actor; their name leaves
    the row when their account is deleted (notifications.privacy)."""
    actor_id = getattr(actor, "pk", None)
    user_ids = list(
        dict.fromkeys(user.pk for user in recipients if user.pk != actor_id)
    )
    return notify_each(
        kind=kind,
        items=[Pending(uid, title, body, link) for uid in user_ids],
        actor=actor,
        about=about,
    )


def notify_each(
    *, kind: NotificationKind | str, items: list[Pending], actor=None, about=None
) -> list[Notification]:
    """Bulk form of `notify` (job alerts): one preference query, one insert."""
    kind = NotificationKind(kind)
    prefs = effective_preferences({item.recipient_id for item in items}, kind)
    now = timezone.now()
    rows = []
    for item in items:
        in_app, email = prefs[item.recipient_id]
        if not in_app and email == EmailMode.OFF:
            continue
        rows.append(
            Notification(
                recipient_id=item.recipient_id,
                kind=kind,
                title=item.title[:200],
                body=item.body,
                link=item.link[:500],
                actor=actor,
                about=about,
                in_app=in_app,
                # A row that exists only for its email never counts as unread.
                read_at=None if in_app else now,
                email_mode=email,
            )
        )
    if not rows:
        return []
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows, batch_size=2000)
        transaction.on_commit(lambda: _deliver(created))
    return created


# Immediate emails of one bulk notify go out in tasks of this many (job alerts
# notify thousands at once: one broker message each would dominate the run).
EMAIL_CHUNK = 200


def _deliver(created: list[Notification]) -> None:
    """On commit: queue the immediate emails and push the unread counts. With the
    broker down nothing is lost: the rows are unsent, and the outbox sweeper
    (`notifications.tasks.sweep_notification_emails`) queues them later."""

    ids = [
        row.pk for row in created if row.email_mode == EmailMode.IMMEDIATE and row.pk
    ]
    for start in range(0, len(ids), EMAIL_CHUNK):
        chunk = ids[start : start + EMAIL_CHUNK]
        queued = (
            enqueue(send_notification_email, chunk[0])
            if len(chunk) == 1
            else enqueue(send_notification_emails, chunk)
        )
        if not queued:
            break
    _push_unread({row.recipient_id: row for row in created if row.in_app})


def _push_unread(latest_by_user: dict[int, Notification]) -> None:
    if not latest_by_user:
        return
    # Counted on the primary: the rows just written may not be on a replica yet
    # (this also runs in Celery tasks, outside any request).
    counts = dict(
        Notification.objects.using("default")
        .filter(recipient_id__in=list(latest_by_user), read_at__isnull=True)
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values_list("recipient_id", "n")
    )
    live.push_to_users(
        {
            user_id: {
                "type": "notification",
                "unread": counts.get(user_id, 0),
                "id": row.pk,
                "kind": row.kind,
                "title": row.title,
                "link": row.link,
            }
            for user_id, row in latest_by_user.items()
        }
    )


def push_unread_count(user) -> None:
    _push_unread_counts([user.pk])


def _push_unread_counts(user_ids) -> None:
    for user_id in user_ids:
        count = (
            Notification.objects.using("default")
            .filter(recipient_id=user_id, read_at__isnull=True)
            .count()
        )
        live.push_to_user(user_id, {"type": "notification", "unread": count})


# --- Reading ---------------------------------------------------------------------


def notification_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is None)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    changed = qs.update(read_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: _push_unread_counts([user.pk]))
    return changed


# --- Preferences -----------------------------------------------------------------


def preference_set(
    *, user, kind: str, in_app: bool | None = None, email: str | None = None
) -> NotificationPreference:
    if kind not in NotificationKind.values:
        raise ValidationError({"kind": f"Unknown notification kind “{kind}”."})
    if email is not None and email not in EmailMode.values:
        raise ValidationError({"email": f"Unknown email setting “{email}”."})
    current = effective_preferences([user.pk], kind)[user.pk]
    pref, _ = NotificationPreference.objects.update_or_create(
        user=user,
        kind=kind,
        defaults={
            "in_app": current[0] if in_app is None else bool(in_app),
            "email": current[1] if email is None else email,
        },
    )
    return pref


def unsubscribe_token(
    *, user_id: int, kind: str | None = None, kinds: Iterable[str] = ()
) -> str:
    """A signed link payload for one kind, or for every kind of a digest email."""
    chosen = list(dict.fromkeys([*([kind] if kind else []), *kinds]))
    if not chosen:
        raise ValueError("An unsubscribe token needs at least one kind.")
    return signing.dumps(
        {"u": user_id, "k": chosen[0] if len(chosen) == 1 else chosen},
        salt=UNSUBSCRIBE_SALT,
    )


def unsubscribe_parse(token: str) -> tuple[int, list[NotificationKind]]:
    """→ (user id, kinds); raises ``signing.BadSignature`` for a forged token."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=None)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("Malformed unsubscribe token.")
    kinds = data.get("k")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if (
        not isinstance(kinds, list)
        or not kinds
        or not all(k in NotificationKind.values for k in kinds)
    ):
        raise signing.BadSignature("Malformed unsubscribe token.")
    return data["u"], [NotificationKind(k) for k in kinds]


def kinds_label(kinds: Iterable) -> str:
    """“Job alert” · “Job alert” and “New message” · “A”, “B” and “C”."""
    labels = [f"“{NotificationKind(k).label}”" for k in kinds]
    if len(labels) < 2:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


@transaction.atomic
def unsubscribe(*, token: str):
    """Turn email off for the token's user and kinds; works without signing in."""

    user_id, kinds = unsubscribe_parse(token)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise signing.BadSignature("Unknown user.")
    for kind in kinds:
        preference_set(user=user, kind=kind, email=EmailMode.OFF)
    return user, kinds


def site_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path
