"""Reads for the notification centre, the header badges and the API."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from notifications.models import (
    DEFAULT_EMAIL_MODE,
    Conversation,
    ConversationReadMarker,
    EmailMode,
    Message,
    Notification,
    NotificationKind,
    NotificationPreference,
)

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def notifications_for(user, *, kind: str = "", unread: bool = False):
    qs = Notification.objects.filter(recipient=user, in_app=True).select_related(
        "actor"
    )
    if kind:
        qs = qs.filter(kind=kind)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_notification_count(user) -> int:
    # Served by notification_unread_idx (rows with in_app off are created read).
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for(user) -> list[dict]:
    """Every kind with its effective setting (saved row or default)."""
    saved = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    rows = []
    for kind in NotificationKind:
        pref = saved.get(kind.value)
        rows.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "in_app": pref.in_app if pref else True,
                "email": pref.email if pref else DEFAULT_EMAIL_MODE[kind],
            }
        )
    return rows


def effective_preferences(user_ids, kind) -> dict[int, tuple[bool, str]]:
    """user id → (in_app, email mode) for one kind, in one query."""
    default = (True, DEFAULT_EMAIL_MODE.get(kind, EmailMode.OFF))
    result = dict.fromkeys(user_ids, default)
    for user_id, in_app, email in NotificationPreference.objects.filter(
        user_id__in=list(user_ids), kind=kind
    ).values_list("user_id", "in_app", "email"):
        result[user_id] = (in_app, email)
    return result


# --- Conversations ------------------------------------------------------------------


def member_company_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    # companies sits above notifications: its Membership rows are reached through
    # the user's reverse relation, never imported.
    return list(user.memberships.values_list("company_id", flat=True))


def conversations_for(user):
    """The conversations a user takes part in (as the candidate or a team member),
    annotated with ``unread`` (a message from someone else after their marker)."""
    company_ids = user.memberships.values("company_id")
    last_read = Coalesce(
        Subquery(
            ConversationReadMarker.objects.filter(
                conversation=OuterRef("pk"), user=user
            ).values("last_read_at")[:1]
        ),
        Value(EPOCH),
    )
    newer = Message.objects.filter(
        conversation=OuterRef("pk"), created_at__gt=OuterRef("my_last_read")
    ).exclude(sender=user)
    return (
        Conversation.objects.filter(Q(candidate=user) | Q(company_id__in=company_ids))
        .select_related("candidate", "company", "application__job")
        .annotate(my_last_read=last_read)
        .annotate(unread=Exists(newer))
    )


def unread_conversation_count(user) -> int:
    return conversations_for(user).filter(unread=True).count()


def conversation_messages(conversation):
    return conversation.messages.select_related("sender")


def read_receipts(conversation) -> dict[int, datetime.datetime]:
    """user id → last read time for everybody who has read this conversation."""
    return dict(conversation.read_markers.values_list("user_id", "last_read_at"))


def header_counts(user) -> dict:
    """Both header badges in one query (two scalar subqueries)."""

    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("id"))
        .values("n")
    )
    conversations = (
        conversations_for(user)
        .filter(unread=True)
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("id"))
        .values("n")
    )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
            unread_conversations=Coalesce(
                Subquery(conversations, output_field=IntegerField()), 0
            ),
        )
        .values("unread", "unread_conversations")
        .first()
    )
    return row or {"unread": 0, "unread_conversations": 0}
