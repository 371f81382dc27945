"""RFC 5545 calendar invitations for interviews, written by hand (no dependency).

`interview_ics(interview, method=...)` returns the text of a VCALENDAR with one
VEVENT: METHOD REQUEST for a new or moved interview, CANCEL for a cancelled one. The
UID stays the same for the life of the interview and SEQUENCE grows with every
change, so calendar clients update the event instead of adding a second one. Times
are written in UTC (the `Z` form), which every client understands without a
VTIMEZONE block; the interview's own time zone is named in the description.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from jobs.models import Interview, InterviewStatus

PRODID = "-//HotGigs//Interviews//EN"
METHOD_REQUEST = "REQUEST"
METHOD_CANCEL = "CANCEL"


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (§3.1), never inside a UTF-8 character."""
    out, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size = " ", 1  # continuation lines start with one space
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def interview_ics(interview: Interview, *, method: str | None = None) -> str:
    if method is None:
        cancelled = interview.status == InterviewStatus.CANCELLED
        method = METHOD_CANCEL if cancelled else METHOD_REQUEST
    application = interview.application
    job = application.job
    company = job.company
    summary = f"Interview: {job.title} at {company.name}"
    local = interview.local_starts_at
    description_lines = [
        f"Interview for {job.title} at {company.name}.",
        f"Local time: {local:%A %d %B %Y %H:%M} ({interview.timezone}).",
        f"Duration: {interview.duration_minutes} minutes.",
    ]
    if interview.video_url:
        description_lines.append(f"Video link: {interview.video_url}")
    link = settings.SITE_URL.rstrip("/") + application.get_absolute_url()
    description_lines.append(f"Details: {link}")
    organizer = settings.DEFAULT_FROM_EMAIL
    if "<" in organizer:
        organizer = organizer.split("<", 1)[1].rstrip(">")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{interview.uid}",
        f"SEQUENCE:{interview.sequence}",
        f"DTSTAMP:{utc_stamp(timezone.now())}",
        f"DTSTART:{utc_stamp(interview.starts_at)}",
        f"DTEND:{utc_stamp(interview.ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description_lines))}",
    ]
    if interview.location:
        lines.append(f"LOCATION:{escape_text(interview.location)}")
    elif interview.video_url:
        lines.append(f"LOCATION:{escape_text(interview.video_url)}")
    if interview.video_url:
        lines.append(f"URL:{interview.video_url}")
    lines.append(f"ORGANIZER;CN={_param(company.name)}:mailto:{organizer}")
    candidate = application.candidate
    lines.append(
        f"ATTENDEE;CN={_param(candidate.full_name or candidate.email)};ROLE=REQ-"
        f"PARTICIPANT;RSVP=TRUE:mailto:{candidate.email}"
    )
    status = "CANCELLED" if method == METHOD_CANCEL else "CONFIRMED"
    lines += [f"STATUS:{status}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def _param(value: str) -> str:
    """A parameter value: quoted, with the characters quoting cannot carry removed."""
    cleaned = str(value).replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f'"{cleaned}"'
