"""After account deletion no copy of the person's name, address or words is left
anywhere in the database: a real candidate and a real team
member go through the real services, are deleted, and every text column of
every model is searched for them."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from accounts.models import AuditLog
from accounts.services import user_delete_account, user_export_data
from accounts.tests.factories import UserFactory
from analytics.models import Event, EventKind
from candidates.models import Visibility
from candidates.services import profile_view_record
from candidates.tests.factories import CandidateProfileFactory
from jobs.services.applications import application_submit, application_withdraw
from jobs.tests.factories import JobFactory
from notifications import messaging
from notifications.models import Message, Notification
from notifications.privacy import ERASED_MESSAGE, ERASED_NOTIFICATION
from recruiters.models import TalentPoolEntry

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_mentioning(*needles) -> list[tuple[str, str, str]]:
    """(model, field, value) for every text value holding any needle."""
    found = []
    lowered = [n.lower() for n in needles]
    for model in apps.get_models():
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                text = str(value).lower()
                if any(n in text for n in lowered):
                    found.append((model._meta.label, name, str(value)))
    return found


@pytest.fixture
def erin(db):
    return UserFactory(email="erin@example.com", full_name="Erin Erasable")


@pytest.fixture
def world(erin, olivia, tom, acme, rita, agency, django_capture_on_commit_callbacks):
    """Erin applies, writes to the team, withdraws, searches, is viewed and
    pooled; every copy the platform makes of her is made by the real code."""
    profile = CandidateProfileFactory(
        user=erin, visibility=Visibility.EMPLOYERS_AND_RECRUITERS
    )
    job = JobFactory(company=acme, posted_by=olivia, published=True, title="Backend")
    other = JobFactory(company=acme, posted_by=olivia, published=True, title="Data")
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(candidate=erin, job=job)
        application_submit(candidate=erin, job=other)
        messaging.conversation_start_for_application(
            user=erin, application=application, body="Hello from Erin"
        )
        messaging.conversation_start_direct(
            user=olivia, company=acme, candidate=erin, body="Hi Erin, a chat?"
        )
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(
            application=application, candidate=erin, reason="Erin found another job"
        )
    profile_view_record(profile=profile, viewer=olivia)
    Event.objects.create(
        kind=EventKind.SEARCH,
        day=timezone.localdate(),
        user_id=erin.pk,
        viewer_key=f"u{erin.pk}",
        query="erin erasable secret search",
    )
    TalentPoolEntry.objects.create(
        agency=agency, candidate=erin, email=erin.email, notes="Met Erin Erasable"
    )
    return {"application": application}


def test_the_world_really_holds_copies_of_erin(world, olivia):
    # Without this, the erasure test below could pass on an empty database.
    titles = set(
        Notification.objects.filter(recipient=olivia).values_list("body", flat=True)
    )
    assert "Erin Erasable applied." in titles
    assert "Hello from Erin" in titles
    assert rows_mentioning("Erasable", "erin@example.com", "Hello from Erin")


def test_nothing_of_erin_is_left_after_she_deletes_her_account(world, erin, olivia):
    erin_id = erin.pk

    user_delete_account(user=erin)

    assert rows_mentioning("Erasable", "erin@example.com", "Hello from Erin") == []
    assert sorted(
        Notification.objects.filter(recipient=olivia).values_list(
            "kind", "title", "body"
        )
    ) == [
        ("new_application", "New application", ERASED_NOTIFICATION),
        ("new_application", "New application", ERASED_NOTIFICATION),
        ("new_message", "New message", ERASED_NOTIFICATION),
        ("stage_changed", "Application stage changed", ERASED_NOTIFICATION),
    ]
    assert Message.objects.count() == 0  # her threads go for both sides
    assert list(
        Event.objects.filter(kind=EventKind.SEARCH).values_list("user_id", "query")
    ) == [(None, "")]
    assert list(AuditLog.objects.values_list("action", "actor_label")) == [
        ("account_deleted", f"user #{erin_id}")
    ]


def test_a_team_members_messages_and_name_leave_the_candidates_copy(
    alice, tom, acme, olivia, django_capture_on_commit_callbacks
):
    job = JobFactory(company=acme, posted_by=olivia, published=True, title="Backend")
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(candidate=alice, job=job)
        thread = messaging.conversation_start_for_application(
            user=tom, application=application, body="Hello from Tom"
        )
        messaging.message_send(user=alice, conversation=thread, body="Hi Tom!")

    user_delete_account(user=tom)

    assert list(thread.messages.values_list("sender__email", "body")) == [
        (None, ERASED_MESSAGE),
        ("alice@example.com", "Hi Tom!"),
    ]
    assert list(
        Notification.objects.filter(recipient=alice).values_list("title", "body")
    ) == [("New message", ERASED_NOTIFICATION)]
    assert rows_mentioning("Tom Teammate", "tom@acme.test", "Hello from Tom") == []


def test_erin_is_gone_from_cached_candidate_search(api_as, world, erin, olivia):
    client = api_as(olivia)
    before = client.get("/api/v1/candidates/").json()
    assert "Erin Erasable" in str(before)

    user_delete_account(user=erin)

    assert "Erin Erasable" not in str(client.get("/api/v1/candidates/").json())


def test_the_export_holds_every_section(world, erin):
    data = user_export_data(user=erin)

    assert [n["body"] for n in data["notifications"]["notifications"]] == [
        "Hi Erin, a chat?"
    ]
    assert [
        (c["subject"], [m["body"] for m in c["messages"]])
        for c in data["notifications"]["conversations"]
    ] == [
        ("Backend", ["Hello from Erin"]),
        ("Acme and Erin Erasable", ["Hi Erin, a chat?"]),
    ]
    assert [
        e["query"] for e in data["analytics"]["events"] if e["kind"] == "search"
    ] == ["erin erasable secret search"]
    assert data["analytics"]["views_of_my_profile"] == 0
    assert [e["notes"] for e in data["recruiters"]["talent_pool_entries"]] == [
        "Met Erin Erasable"
    ]
    assert [a["stage"] for a in data["jobs"]["applications"]] == [
        "withdrawn",
        "applied",
    ]
    assert data["notifications"]["preferences"] == []
    assert data["jobs"]["saved_searches"] == []
    assert data["recruiters"]["recruiter_requests"] == []
    assert set(data) == {
        "account",
        "companies",
        "candidates",
        "documents",
        "jobs",
        "notifications",
        "analytics",
        "recruiters",
    }
