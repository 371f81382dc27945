"""Interviews: schedule, reschedule, cancel; the .ics invitation and its email."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from hotgigs.errors import Conflict
from jobs.ics import escape_text, fold, interview_ics
from jobs.models import ApplicationEvent, Interview
from jobs.services.interviews import (
    interview_cancel,
    interview_reschedule,
    interview_schedule,
)
from jobs.tests.applications.conftest import future, make_application
from notifications.models import Notification

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def invitation():
    """The last email carrying an .ics (notifications may send their own mail)."""
    return [m for m in mail.outbox if m.attachments][-1]


@pytest.fixture
def interview(alice_application, olivia, tom):
    return interview_schedule(
        application=alice_application,
        actor=olivia,
        starts_at=future().replace(tzinfo=BERLIN),
        duration_minutes=45,
        timezone_name="Europe/Berlin",
        interviewers=[olivia, tom],
        location="Acme HQ, Room 3; 2nd floor",
    )


def test_schedule_writes_interview_event_notification_and_email(
    alice_application, olivia, tom, alice, django_capture_on_commit_callbacks
):
    starts = future().replace(tzinfo=BERLIN)
    with django_capture_on_commit_callbacks(execute=True):
        interview = interview_schedule(
            application=alice_application,
            actor=olivia,
            starts_at=starts,
            duration_minutes=45,
            timezone_name="Europe/Berlin",
            interviewers=[tom],
            video_url="https://meet.example.com/abc",
        )
    assert (interview.sequence, interview.status) == (0, "scheduled")
    assert list(interview.interviewers.all()) == [tom]
    event = ApplicationEvent.objects.filter(application=alice_application).last()
    assert (event.from_stage, event.to_stage) == ("applied", "applied")
    assert event.note.startswith("Interview scheduled for ")
    notification = Notification.objects.get()
    assert (notification.recipient_id, notification.kind) == (
        alice.pk,
        "interview_scheduled",
    )
    invitations = [m for m in mail.outbox if m.attachments]
    assert len(invitations) == 1
    message = invitations[0]
    assert message.to == ["alice@example.com"]
    name, content, mimetype = message.attachments[0]
    assert name == "invite.ics"
    assert mimetype == "text/calendar; charset=utf-8; method=REQUEST"
    assert "METHOD:REQUEST\r\n" in content
    utc = starts.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{utc}\r\n" in content


def test_ics_content(interview):
    text = interview_ics(interview)
    lines = text.split("\r\n")
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HotGigs//Interviews//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
    ]
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert f"UID:interview-{interview.pk}@hotgigs" in lines
    assert "SEQUENCE:0" in lines
    start = interview.starts_at.astimezone(datetime.UTC)
    end = start + datetime.timedelta(minutes=45)
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in lines
    assert f"DTEND:{end:%Y%m%dT%H%M%SZ}" in lines
    assert "LOCATION:Acme HQ\\, Room 3\\; 2nd floor" in lines
    assert "SUMMARY:Interview: Backend Engineer at Acme" in lines
    assert "STATUS:CONFIRMED" in lines
    assert all(len(line.encode()) <= 75 for line in lines)


def test_ics_escaping_and_folding():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    long = "DESCRIPTION:" + "é" * 100
    folded = fold(long)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == long


def test_reschedule_bumps_sequence_and_sends_update(
    interview, olivia, django_capture_on_commit_callbacks
):
    new_start = future(days=5).replace(tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        updated = interview_reschedule(
            interview=interview, actor=olivia, starts_at=new_start
        )
    assert (updated.sequence, updated.starts_at, updated.duration_minutes) == (
        1,
        new_start,
        45,
    )
    # The schedule and the change, each recorded with its own transaction.
    assert list(Notification.objects.order_by("id").values_list("kind", flat=True)) == [
        "interview_scheduled",
        "interview_changed",
    ]
    content = invitation().attachments[0][1]
    assert "SEQUENCE:1\r\n" in content
    assert f"UID:interview-{interview.pk}@hotgigs\r\n" in content


def test_cancel_sends_method_cancel(
    interview, olivia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = interview_cancel(interview=interview, actor=olivia)
    assert (cancelled.status, cancelled.sequence) == ("cancelled", 1)
    name, content, mimetype = invitation().attachments[0]
    assert mimetype.endswith("method=CANCEL")
    assert "METHOD:CANCEL\r\n" in content and "STATUS:CANCELLED\r\n" in content
    with pytest.raises(Conflict):
        interview_cancel(interview=interview, actor=olivia)
    with pytest.raises(Conflict):
        interview_reschedule(interview=interview, actor=olivia, duration_minutes=30)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"starts_at": datetime.datetime(2030, 1, 1, 10)}, "starts_at"),  # naive
        (
            {"starts_at": datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)},
            "starts_at",
        ),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 600}, "duration_minutes"),
        ({"timezone_name": "Mars/Olympus"}, "timezone"),
        ({"interviewers": []}, "interviewers"),
        ({"location": "", "video_url": ""}, "location"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
    ],
)
def test_schedule_bad_input(alice_application, olivia, changes, field):
    values = {
        "starts_at": future().replace(tzinfo=datetime.UTC),
        "duration_minutes": 60,
        "timezone_name": "UTC",
        "interviewers": [olivia],
        "location": "HQ",
    }
    values.update(changes)
    with pytest.raises(ValidationError) as info:
        interview_schedule(application=alice_application, actor=olivia, **values)
    assert field in info.value.message_dict
    assert Interview.objects.count() == 0


def test_interviewers_must_be_team_members(alice_application, olivia, eve):
    with pytest.raises(ValidationError) as info:
        interview_schedule(
            application=alice_application,
            actor=olivia,
            starts_at=future().replace(tzinfo=datetime.UTC),
            interviewers=[olivia, eve],
            location="HQ",
        )
    assert info.value.message_dict == {
        "interviewers": ["Interviewers must be members of the hiring team."]
    }


def test_no_interview_for_a_closed_application(acme_job, alice, olivia):
    application = make_application(acme_job, alice, stage="hired")
    with pytest.raises(Conflict):
        interview_schedule(
            application=application,
            actor=olivia,
            starts_at=future().replace(tzinfo=datetime.UTC),
            interviewers=[olivia],
            location="HQ",
        )


# ——— API ————————————————————————————————————————————————————————————————————


def test_api_schedule_patch_cancel(api_as, olivia, tom, alice, eve, alice_application):
    url = f"/api/v1/applications/{alice_application.pk}/interviews/"
    starts = future().astimezone(datetime.UTC)
    payload = {
        "starts_at": starts.isoformat(),
        "duration_minutes": 30,
        "timezone": "Europe/Berlin",
        "interviewers": [tom.pk],
        "video_url": "https://meet.example.com/x",
    }
    created = api_as(olivia).post(url, payload, format="json")
    assert created.status_code == 201
    body = created.json()
    assert (body["duration_minutes"], body["interviewers"], body["status"]) == (
        30,
        ["Tom Teammate"],
        "scheduled",
    )
    iid = body["id"]
    # The candidate sees it, but cannot create or change it.
    assert [i["id"] for i in api_as(alice).get(url).json()] == [iid]
    assert api_as(alice).post(url, payload, format="json").status_code == 403
    assert api_as(alice).patch(f"/api/v1/interviews/{iid}/", {}).status_code == 403
    assert api_as(eve).get(url).status_code == 404
    assert api_as(eve).get(f"/api/v1/interviews/{iid}/").status_code == 404
    assert api_as(alice).get(f"/api/v1/interviews/{iid}/").status_code == 200

    patched = api_as(tom).patch(
        f"/api/v1/interviews/{iid}/", {"duration_minutes": 90}, format="json"
    )
    assert (patched.status_code, patched.json()["duration_minutes"]) == (200, 90)
    assert patched.json()["sequence"] == 1
    bad = api_as(tom).patch(
        f"/api/v1/interviews/{iid}/", {"timezone": "Nowhere/Land"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {
        "timezone": ["“Nowhere/Land” is not a known time zone (e.g. Europe/Berlin)."]
    }
    cancelled = api_as(tom).post(f"/api/v1/interviews/{iid}/cancel/")
    assert cancelled.json()["status"] == "cancelled"
    assert api_as(tom).post(f"/api/v1/interviews/{iid}/cancel/").status_code == 409


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {
            "starts_at": "not a date",
            "duration_minutes": 30,
            "timezone": "UTC",
            "interviewers": [1],
            "location": "x",
        },
        {
            "starts_at": "2030-01-01T10:00:00Z",
            "duration_minutes": 30,
            "timezone": "UTC",
            "interviewers": [987654],
            "location": "x",
        },
        {
            "starts_at": "2030-01-01T10:00:00Z",
            "duration_minutes": -3,
            "timezone": "UTC",
            "interviewers": [1],
            "location": "x",
        },
    ],
)
def test_api_schedule_bad_input(api_as, olivia, alice_application, payload):
    url = f"/api/v1/applications/{alice_application.pk}/interviews/"
    response = api_as(olivia).post(url, payload, format="json")
    assert response.status_code == 400
    assert Interview.objects.count() == 0
