"""A company member's message in a conversation records one MESSAGE_REPLY event;
the candidate's own messages record none."""

import pytest

from analytics.models import Event, EventKind
from jobs.tests.applications.conftest import make_application
from jobs.tests.factories import JobFactory
from notifications import messaging

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(acme, olivia, alice):
    job = JobFactory(company=acme, posted_by=olivia, published=True, title="Backend")
    application = make_application(job, alice)
    return messaging.conversation_start_for_application(
        user=alice, application=application, body="A question about the role"
    )


def _replies():
    return list(
        Event.objects.filter(kind=EventKind.MESSAGE_REPLY).values_list(
            "user_id", "company_id", "candidate_id"
        )
    )


def test_candidate_messages_record_no_reply(thread, alice):
    messaging.message_send(user=alice, conversation=thread, body="And another")
    assert _replies() == []


def test_each_team_reply_is_recorded(thread, acme, alice, olivia, tom):
    messaging.message_send(user=olivia, conversation=thread, body="Happy to help")
    messaging.message_send(user=tom, conversation=thread, body="Me too")
    assert sorted(_replies()) == sorted(
        [(olivia.pk, acme.pk, alice.pk), (tom.pk, acme.pk, alice.pk)]
    )


def test_refused_message_records_nothing(thread, eve):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        messaging.message_send(user=eve, conversation=thread, body="Hi")
    assert _replies() == []
