"""Notifications and messaging in the personal-data export and account erasure
(discovered by accounts/privacy.py).

Export: the person's notifications, preferences, blocks, their conversations
(as the candidate: the whole thread, both sides) and the messages they sent in
other threads (as a team member).

Erasure leaves no copy of the person's name or words in other people's rows:
- their own notifications, preferences, read markers and blocks go;
- a thread whose candidate they are goes for both sides (its subject names them);
- other people's notifications whose actor or `about` is the person keep only
  their kind (title = the kind's label, body = ERASED_NOTIFICATION);
- messages they sent in a company's threads keep their place in the thread with
  the body ERASED_MESSAGE (the other side's replies stay readable in order).
"""

from django.db.models import Case, Q, Value, When

from notifications.models import (
    CompanyBlock,
    Conversation,
    ConversationReadMarker,
    Message,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutgoingEmail,
)

ERASED_NOTIFICATION = "The person this was about deleted their account."
ERASED_MESSAGE = "(Message removed: the sender deleted their account.)"

# (model label, field) pairs holding a user key that this module exports and/or
# erases (checked by accounts/tests/test_privacy_coverage.py).
EXPORTED = {
    "notifications.Notification.recipient",
    "notifications.NotificationPreference.user",
    "notifications.Conversation.candidate",
    "notifications.Message.sender",
    "notifications.CompanyBlock.candidate",
}
ERASED = EXPORTED | {
    "notifications.Notification.actor",
    "notifications.Notification.about",
    "notifications.Conversation.started_by",
    "notifications.ConversationReadMarker.user",
}


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    notifications = Notification.objects.filter(recipient=user).order_by(
        "created_at", "id"
    )
    conversations = (
        Conversation.objects.filter(candidate=user)
        .select_related("company")
        .prefetch_related("messages__sender")
        .order_by("created_at", "id")
    )
    sent_elsewhere = (
        Message.objects.filter(sender=user)
        .exclude(conversation__candidate=user)
        .select_related("conversation__company")
        .order_by("created_at", "id")
    )
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "link": n.link,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
            }
            for n in notifications
        ],
        "preferences": [
            {"kind": p.kind, "in_app": p.in_app, "email": p.email}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "conversations": [
            {
                "company": c.company.name,
                "subject": c.subject,
                "created_at": _iso(c.created_at),
                "messages": [
                    {
                        "from_me": m.sender_id == user.pk,
                        "sender": m.sender.full_name if m.sender else None,
                        "body": m.body,
                        "sent_at": _iso(m.created_at),
                    }
                    for m in c.messages.all()
                ],
            }
            for c in conversations
        ],
        "messages_sent_for_a_company": [
            {
                "company": m.conversation.company.name,
                "conversation": m.conversation.subject,
                "body": m.body,
                "sent_at": _iso(m.created_at),
            }
            for m in sent_elsewhere
        ],
        "blocked_companies": [
            {"company": b.company.name, "blocked_at": _iso(b.created_at)}
            for b in CompanyBlock.objects.filter(candidate=user)
            .select_related("company")
            .order_by("created_at", "id")
        ],
    }


def erase(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    ConversationReadMarker.objects.filter(user=user).delete()
    CompanyBlock.objects.filter(candidate=user).delete()
    # The candidate's threads (messages and markers cascade): both sides' copy.
    Conversation.objects.filter(candidate=user).delete()
    Message.objects.filter(sender=user).update(body=ERASED_MESSAGE)
    Conversation.objects.filter(started_by=user).update(started_by=None)
    label = Case(
        *[When(kind=kind, then=Value(kind.label)) for kind in NotificationKind],
        default=Value("Notification"),
    )
    Notification.objects.filter(Q(actor=user) | Q(about=user)).update(
        title=label, body=ERASED_NOTIFICATION, actor=None, about=None
    )
    _erase_outgoing_emails(user)


def _erase_outgoing_emails(user) -> None:
    """The outbox keeps emails up to a week: drop those to the person and those
    naming them (an interview email to the team names the candidate; its
    application is gone with the account anyway)."""
    named = Q(subject__icontains=user.email) | Q(body__icontains=user.email)
    if user.full_name:
        named |= Q(subject__icontains=user.full_name) | Q(
            body__icontains=user.full_name
        )
    address = user.email.lower()
    to_them = [
        pk
        for pk, to in OutgoingEmail.objects.values_list("pk", "to").iterator()
        if address in {recipient.lower() for recipient in to}
    ]
    OutgoingEmail.objects.filter(named | Q(pk__in=to_them)).delete()
