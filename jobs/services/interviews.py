"""Interviews: schedule, reschedule, cancel; the candidate gets an .ics by email.

Each change bumps the interview's SEQUENCE, writes an `ApplicationEvent` (stage
unchanged, the note says what happened) under the application's row lock, and on
commit notifies the candidate and emails the RFC 5545 invitation (METHOD:REQUEST,
or METHOD:CANCEL) as an attachment: both are recorded in the same transaction
(the notification row, an `OutgoingEmail`) and sent by tasks, so an SMTP or
broker outage delays them instead of losing them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from hotgigs.errors import Conflict
from jobs.ics import METHOD_CANCEL, METHOD_REQUEST, interview_ics
from jobs.models import Application, ApplicationEvent, Interview, InterviewStatus
from jobs.models.applications import validate_timezone_name
from notifications.emails import email_enqueue
from notifications.models import NotificationKind
from notifications.services import notify, site_url


def _lock_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("job__company", "candidate")
        .get(pk=application.pk)
    )


def _validate(
    *, application, starts_at, duration_minutes, tz, interviewers, location, video_url
):
    errors = {}
    if not isinstance(starts_at, datetime.datetime) or timezone.is_naive(starts_at):
        errors["starts_at"] = "Give a date and time with a time zone."
    elif starts_at <= timezone.now():
        errors["starts_at"] = "The interview must be in the future."
    if (
        isinstance(duration_minutes, bool)
        or not isinstance(duration_minutes, int)
        or not 5 <= duration_minutes <= 480
    ):
        errors["duration_minutes"] = "Give a duration from 5 to 480 minutes."
    try:
        validate_timezone_name(tz)
    except ValidationError as exc:
        errors["timezone"] = exc.messages[0]
    if not (location or "").strip() and not (video_url or "").strip():
        errors["location"] = "Give a place or a video link."
    if len(location or "") > 300:
        errors["location"] = "At most 300 characters."
    if video_url:
        try:
            URLValidator(schemes=["https", "http"])(video_url)
        except ValidationError:
            errors["video_url"] = "Give a full link starting with https://."
    member_ids = set(
        application.job.company.memberships.values_list("user_id", flat=True)
    )
    if not interviewers:
        errors["interviewers"] = "Choose at least one interviewer."
    elif any(user.pk not in member_ids for user in interviewers):
        errors["interviewers"] = "Interviewers must be members of the hiring team."
    if errors:
        raise ValidationError(errors)


def interview_schedule(
    *,
    application: Application,
    actor,
    starts_at: datetime.datetime,
    duration_minutes: int = 60,
    timezone_name: str = "UTC",
    interviewers=(),
    location: str = "",
    video_url: str = "",
) -> Interview:
    interviewers = list(interviewers)
    with transaction.atomic():
        locked = _lock_application(application)
        if not locked.is_open:
            raise Conflict("Interviews are only scheduled for open applications.")
        _validate(
            application=locked,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            tz=timezone_name,
            interviewers=interviewers,
            location=location,
            video_url=video_url,
        )
        interview = Interview.objects.create(
            application=locked,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            timezone=timezone_name,
            location=(location or "").strip(),
            video_url=(video_url or "").strip(),
            created_by=actor,
        )
        interview.interviewers.set(interviewers)
        _event(locked, actor, f"Interview scheduled for {_when(interview)}.")
        # In the same transaction: the notification and the email are recorded
        # with the change and sent on commit (hotgigs/outbox.py).
        _tell_candidate(
            interview, actor=actor, kind=NotificationKind.INTERVIEW_SCHEDULED
        )
    return interview


def interview_reschedule(
    *,
    interview: Interview,
    actor,
    starts_at: datetime.datetime | None = None,
    duration_minutes: int | None = None,
    timezone_name: str | None = None,
    interviewers=None,
    location: str | None = None,
    video_url: str | None = None,
) -> Interview:
    """Change any of the details; unchanged ones keep their value."""
    with transaction.atomic():
        locked = _lock_application(interview.application)
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        if interview.status == InterviewStatus.CANCELLED:
            raise Conflict("A cancelled interview cannot be changed.")
        if not locked.is_open:
            raise Conflict("The application is closed.")
        new = {
            "starts_at": interview.starts_at if starts_at is None else starts_at,
            "duration_minutes": (
                interview.duration_minutes
                if duration_minutes is None
                else duration_minutes
            ),
            "tz": interview.timezone if timezone_name is None else timezone_name,
            "interviewers": (
                list(interview.interviewers.all())
                if interviewers is None
                else list(interviewers)
            ),
            "location": interview.location if location is None else location,
            "video_url": interview.video_url if video_url is None else video_url,
        }
        _validate(application=locked, **new)
        interview.application = locked
        interview.starts_at = new["starts_at"]
        interview.duration_minutes = new["duration_minutes"]
        interview.timezone = new["tz"]
        interview.location = new["location"].strip()
        interview.video_url = new["video_url"].strip()
        interview.sequence += 1
        interview.save()
        interview.interviewers.set(new["interviewers"])
        _event(locked, actor, f"Interview moved to {_when(interview)}.")
        # In the same transaction: the notification and the email are recorded
        # with the change and sent on commit (hotgigs/outbox.py).
        _tell_candidate(interview, actor=actor, kind=NotificationKind.INTERVIEW_CHANGED)
    return interview


def interview_cancel(*, interview: Interview, actor) -> Interview:
    with transaction.atomic():
        locked = _lock_application(interview.application)
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        if interview.status == InterviewStatus.CANCELLED:
            raise Conflict("This interview is already cancelled.")
        interview.application = locked
        interview.status = InterviewStatus.CANCELLED
        interview.sequence += 1
        interview.save(update_fields=["status", "sequence", "updated_at"])
        _event(locked, actor, f"Interview of {_when(interview)} cancelled.")
        # In the same transaction: the notification and the email are recorded
        # with the change and sent on commit (hotgigs/outbox.py).
        _tell_candidate(interview, actor=actor, kind=NotificationKind.INTERVIEW_CHANGED)
    return interview


def _when(interview: Interview) -> str:
    return f"{interview.local_starts_at:%Y-%m-%d %H:%M} ({interview.timezone})"


def _event(application, actor, note):
    ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        from_stage=application.stage,
        to_stage=application.stage,
        note=note,
    )


def _tell_candidate(interview: Interview, *, actor, kind):
    application = interview.application
    job = application.job
    cancelled = interview.status == InterviewStatus.CANCELLED
    if kind == NotificationKind.INTERVIEW_SCHEDULED:
        title = f"Interview scheduled for {job.title}"
    elif cancelled:
        title = f"Interview for {job.title} cancelled"
    else:
        title = f"Interview for {job.title} changed"
    notify(
        recipients=[application.candidate],
        kind=kind,
        title=title,
        body=f"{_when(interview)}, {interview.duration_minutes} minutes.",
        link=application.get_absolute_url(),
        actor=actor,
    )
    method = METHOD_CANCEL if cancelled else METHOD_REQUEST
    message = EmailMessage(
        subject=title,
        body=(
            f"{title}: {_when(interview)}, {interview.duration_minutes} minutes.\n"
            f"Details: {site_url(application.get_absolute_url())}"
        ),
        to=[application.candidate.email],
    )
    message.attach(
        "invite.ics",
        interview_ics(interview, method=method),
        f"text/calendar; charset=utf-8; method={method}",
    )
    email_enqueue(message, purpose="interview")
