"""Messaging between a candidate and a company's team (employer or agency).

Access rules (pages and API share them):
- the candidate of a conversation and every member of its company see it; nobody
  else (staff read threads in the admin only);
- a thread tied to an application is started by its candidate or a member of the
  job's company;
- a direct thread is started by an employer or recruiter (a member of the company)
  from a candidate profile they may see (``candidates.permissions``), unless the
  candidate blocked the company;
- a candidate's block stops every message from that company's side.

Companies, candidates and jobs are higher layers: they are imported inside the
functions that need them.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from analytics import tracking
from candidates.models import CandidateProfile
from candidates.permissions import can_view_profile
from hotgigs.errors import NotAllowed
from notifications import live
from notifications.models import (
    MESSAGE_MAX_LENGTH,
    CompanyBlock,
    Conversation,
    ConversationReadMarker,
    Message,
    NotificationKind,
)
from notifications.selectors import member_company_ids, unread_conversation_count
from notifications.services import notify


def is_company_member(user, company_id) -> bool:
    return user.is_authenticated and company_id in member_company_ids(user)


def can_access_conversation(user, conversation: Conversation) -> bool:
    if not user.is_authenticated:
        return False
    return conversation.candidate_id == user.pk or is_company_member(
        user, conversation.company_id
    )


def is_blocked(*, candidate_id, company_id) -> bool:
    return CompanyBlock.objects.filter(
        candidate_id=candidate_id, company_id=company_id
    ).exists()


def can_message_about_application(user, application) -> bool:
    """The application's candidate or a member of the job's company."""
    return application.candidate_id == user.pk or is_company_member(
        user, application.job.company_id
    )


def can_message_candidate(user, *, company, candidate) -> bool:
    """A member of `company` may open a direct thread with `candidate`: a
    candidate whose profile the user may see (a block is checked separately, it
    is not a secret from a company that can see the profile)."""

    if not is_company_member(user, company.pk) or not candidate.is_candidate:
        return False
    profile = CandidateProfile.objects.filter(user=candidate).first()
    return profile is not None and can_view_profile(user, profile)


def _clean_body(body) -> str:
    body = (body or "").strip() if isinstance(body, str) else ""
    if not body:
        raise ValidationError({"body": "Write a message."})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"body": f"A message has at most {MESSAGE_MAX_LENGTH:,} characters."}
        )
    return body


def _team_members(company_id):
    return list(User.objects.filter(memberships__company_id=company_id))


@transaction.atomic
def conversation_start_for_application(*, user, application, body: str):
    """The application's candidate or a member of the job's company opens (or
    continues) the application's thread with a first message."""
    body = _clean_body(body)
    company_id = application.job.company_id
    if not can_message_about_application(user, application):
        raise NotAllowed("You cannot message about this application.")
    conversation = Conversation.objects.filter(application=application).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    candidate_id=application.candidate_id,
                    company_id=company_id,
                    application=application,
                    started_by=user,
                    subject=application.job.title[:200],
                )
        except IntegrityError:
            conversation = Conversation.objects.get(application=application)
    message_send(user=user, conversation=conversation, body=body)
    return conversation


@transaction.atomic
def conversation_start_direct(*, user, company, candidate, body: str):
    """A company member messages a candidate from their profile."""
    body = _clean_body(body)
    if not can_message_candidate(user, company=company, candidate=candidate):
        raise NotAllowed("This candidate cannot be messaged.")
    if is_blocked(candidate_id=candidate.pk, company_id=company.pk):
        raise NotAllowed("This candidate does not accept messages from you.")
    conversation = Conversation.objects.filter(
        candidate=candidate, company=company, application__isnull=True
    ).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    candidate=candidate,
                    company=company,
                    started_by=user,
                    subject=f"{company.name} and {candidate.full_name}"[:200],
                )
        except IntegrityError:
            conversation = Conversation.objects.get(
                candidate=candidate, company=company, application__isnull=True
            )
    message_send(user=user, conversation=conversation, body=body)
    return conversation


@transaction.atomic
def message_send(*, user, conversation: Conversation, body: str) -> Message:
    body = _clean_body(body)
    if not can_access_conversation(user, conversation):
        raise NotAllowed("You are not part of this conversation.")
    from_candidate = conversation.candidate_id == user.pk
    if not from_candidate and is_blocked(
        candidate_id=conversation.candidate_id, company_id=conversation.company_id
    ):
        raise NotAllowed("This candidate does not accept messages from you.")
    message = Message.objects.create(conversation=conversation, sender=user, body=body)
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=message.created_at
    )
    conversation.last_message_at = message.created_at
    _mark_read(user=user, conversation=conversation, at=message.created_at)
    if not from_candidate:  # the company's side answering: a message reply
        tracking.record(
            tracking.EventKind.MESSAGE_REPLY,
            user=user,
            company_id=conversation.company_id,
            candidate_id=conversation.candidate_id,
        )
    transaction.on_commit(lambda: _after_message(conversation, message, user))
    return message


def _after_message(conversation, message, sender) -> None:
    if conversation.candidate_id == sender.pk:
        recipients = _team_members(conversation.company_id)
        who = sender.full_name or "The candidate"
    else:
        recipients = [User.objects.get(pk=conversation.candidate_id)]
        who = f"{sender.full_name or 'Someone'} ({conversation.company.name})"
    recipients = [user for user in recipients if user.pk != sender.pk]
    notify(
        recipients=recipients,
        kind=NotificationKind.NEW_MESSAGE,
        title=f"New message from {who}"[:200],
        body=message.body[:300],
        link=conversation.get_absolute_url(),
        actor=sender,
    )
    for user in [*recipients, sender]:
        live.push_to_user(
            user.pk,
            {
                "type": "message",
                "conversation": conversation.pk,
                "id": message.pk,
                "sender": sender.full_name or sender.email,
                "mine": user.pk == sender.pk,
                "body": message.body,
                "created_at": message.created_at.isoformat(),
                "unread_conversations": unread_conversation_count(user),
            },
        )


def _mark_read(*, user, conversation, at) -> None:
    ConversationReadMarker.objects.update_or_create(
        conversation=conversation, user=user, defaults={"last_read_at": at}
    )


def conversation_mark_read(*, user, conversation: Conversation) -> None:
    if not can_access_conversation(user, conversation):
        raise NotAllowed("You are not part of this conversation.")
    _mark_read(user=user, conversation=conversation, at=timezone.now())


def company_block(*, candidate, company) -> CompanyBlock:
    if not candidate.is_candidate:
        raise NotAllowed("Only candidates can block companies.")
    block, _ = CompanyBlock.objects.get_or_create(candidate=candidate, company=company)
    return block


def company_unblock(*, candidate, company) -> None:
    CompanyBlock.objects.filter(candidate=candidate, company=company).delete()
