"""Messaging: who may start, read and send; blocking; escaping; API and pages."""

import pytest
from django.core.exceptions import PermissionDenied

from candidates.models import Visibility
from candidates.tests.factories import CandidateProfileFactory
from notifications import messaging
from notifications.models import Message, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(alice_application, olivia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return messaging.conversation_start_for_application(
            user=olivia, application=alice_application, body="Hello Alice"
        )


def test_team_message_notifies_the_candidate_only(thread, alice):
    assert list(Notification.objects.values_list("recipient__email", "kind")) == [
        ("alice@example.com", "new_message")
    ]


def test_candidate_reply_notifies_the_team(
    thread, alice, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        messaging.message_send(user=alice, conversation=thread, body="Hi!")
    assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == [
        "olivia@acme.test",
        "tom@acme.test",
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("alice", 200),
        ("olivia", 200),
        ("tom", 200),
        ("bob", 404),
        ("eve", 404),
        ("sam", 404),
    ],
)
def test_conversation_page_per_persona(
    client, thread, request, persona, status, globex
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/messages/{thread.pk}/").status_code == status


def test_anonymous_is_sent_to_login(client, thread):
    response = client.get(f"/messages/{thread.pk}/")
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_body_is_escaped_and_links_are_safe(client, thread, alice):
    messaging.message_send(
        user=alice,
        conversation=thread,
        body="<script>alert(1)</script> see https://example.com/x?a=1&b=2",
    )
    client.force_login(alice)
    html = client.get(f"/messages/{thread.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'rel="nofollow noopener noreferrer"' in html


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_bad_bodies_are_refused(api_as, thread, alice, body):
    response = api_as(alice).post(
        f"/api/v1/conversations/{thread.pk}/messages/", {"body": body}, format="json"
    )
    assert response.status_code == 400
    assert Message.objects.count() == 1


def test_block_stops_the_company_but_not_the_candidate(api_as, thread, alice, tom):
    messaging.company_block(candidate=alice, company=thread.company)
    response = api_as(tom).post(
        f"/api/v1/conversations/{thread.pk}/messages/", {"body": "hi"}, format="json"
    )
    assert response.status_code == 403
    ok = api_as(alice).post(
        f"/api/v1/conversations/{thread.pk}/messages/", {"body": "bye"}, format="json"
    )
    assert ok.status_code == 201


def test_direct_message_follows_profile_visibility_and_blocks(
    olivia, acme, bob, rita, agency, eve
):
    profile = CandidateProfileFactory(user=bob, visibility=Visibility.HIDDEN)
    with pytest.raises(PermissionDenied):
        messaging.conversation_start_direct(
            user=olivia, company=acme, candidate=bob, body="hi"
        )
    profile.visibility = Visibility.EMPLOYERS_AND_RECRUITERS
    profile.save()
    conversation = messaging.conversation_start_direct(
        user=rita, company=agency, candidate=bob, body="Hi Bob"
    )
    assert conversation.company == agency
    with pytest.raises(PermissionDenied):  # eve is not a member of Acme
        messaging.conversation_start_direct(
            user=eve, company=acme, candidate=bob, body="hi"
        )
    messaging.company_block(candidate=bob, company=acme)
    with pytest.raises(PermissionDenied):
        messaging.conversation_start_direct(
            user=olivia, company=acme, candidate=bob, body="hi"
        )


def test_unread_and_read_receipts(api_as, thread, alice, olivia):
    listing = api_as(alice).get("/api/v1/conversations/").json()
    assert [(c["id"], c["unread"]) for c in listing["results"]] == [(thread.pk, True)]
    assert api_as(alice).get("/api/v1/notifications/unread-count/").json() == {
        "unread": 1,
        "unread_conversations": 1,
    }
    assert (
        api_as(alice).post(f"/api/v1/conversations/{thread.pk}/read/").status_code
        == 204
    )
    listing = api_as(alice).get("/api/v1/conversations/").json()
    assert listing["results"][0]["unread"] is False
    assert (
        api_as(olivia).get("/api/v1/conversations/").json()["results"][0]["unread"]
        is False
    )


def test_conversation_list_query_count(
    api_as, thread, alice, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = api_as(alice).get("/api/v1/conversations/")
    assert response.status_code == 200


def test_messages_are_rate_limited(api_as, thread, alice, settings):
    settings.MESSAGE_RATE = "2/minute"
    client = api_as(alice)
    url = f"/api/v1/conversations/{thread.pk}/messages/"
    codes = [
        client.post(url, {"body": "x"}, format="json").status_code for _ in range(3)
    ]
    assert codes == [201, 201, 429]
