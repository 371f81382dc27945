"""Notifications: the one entry point other apps call, `notify(...)`.

Services that change state call `notify` inside `transaction.on_commit`, so a
rolled-back change never notifies anybody. Delivery beyond the in-app row (email,
digests, live WebSocket push, preferences) is added by the notifications issue
behind this same function.
"""

from collections.abc import Iterable

from django.db import transaction

from notifications.models import Notification, NotificationKind


def notify(
    *,
    recipients: Iterable,
    kind: NotificationKind | str,
    title: str,
    body: str = "",
    link: str = "",
    actor=None,
) -> list[Notification]:
    """Create one in-app notification per recipient (the actor is never notified)."""
    actor_id = getattr(actor, "pk", None)
    unique = {user.pk: user for user in recipients if user.pk != actor_id}
    with transaction.atomic():
        return Notification.objects.bulk_create(
            Notification(
                recipient=user,
                kind=kind,
                title=title[:200],
                body=body,
                link=link,
                actor=actor,
            )
            for user in unique.values()
        )
