"""POST /api/v1/conversations/: a missing object and one the caller may not use
get the same answer (code and body), so ids cannot be probed."""

import pytest

from candidates.models import Visibility
from candidates.tests.factories import CandidateProfileFactory
from notifications import messaging
from notifications.models import Conversation

pytestmark = pytest.mark.django_db

URL = "/api/v1/conversations/"
MISSING = 987654

NO_APPLICATION = {
    "error": {
        "code": "not_found",
        "message": "No such application you can message about.",
        "fields": {},
    }
}
NO_CANDIDATE = {
    "error": {
        "code": "not_found",
        "message": "No such candidate you can message for that company.",
        "fields": {},
    }
}


def start(client, **body):
    return client.post(URL, {"body": "Hello", **body}, format="json")


@pytest.mark.parametrize(("persona", "status"), [("alice", 201), ("olivia", 201)])
def test_the_candidate_and_the_team_start_a_thread_about_the_application(
    api_as, request, alice_application, persona, status
):
    response = start(
        api_as(request.getfixturevalue(persona)), application=alice_application.pk
    )

    assert response.status_code == status, response.content
    assert response.json()["application"] == alice_application.pk


@pytest.mark.parametrize("persona", ["bob", "eve", "rita", "sam"])
def test_someone_elses_application_answers_like_a_missing_one(
    api_as, request, alice_application, persona, globex, agency
):
    client = api_as(request.getfixturevalue(persona))

    real = start(client, application=alice_application.pk)
    missing = start(client, application=MISSING)

    assert (real.status_code, real.json()) == (404, NO_APPLICATION)
    assert (missing.status_code, missing.json()) == (404, NO_APPLICATION)
    assert Conversation.objects.count() == 0


@pytest.fixture
def hidden_bob(bob):
    return CandidateProfileFactory(user=bob, visibility=Visibility.HIDDEN)


@pytest.fixture
def visible_alice(alice):
    return CandidateProfileFactory(
        user=alice, visibility=Visibility.EMPLOYERS_AND_RECRUITERS
    )


def test_a_member_messages_a_visible_candidate(
    api_as, olivia, acme, alice, visible_alice
):
    response = start(api_as(olivia), company=acme.pk, candidate=alice.pk)

    assert response.status_code == 201, response.content
    assert response.json()["candidate"] == {"id": alice.pk, "name": "Alice Candidate"}


def test_every_direct_refusal_answers_like_a_missing_candidate(
    api_as, olivia, tom, eve, acme, globex, alice, bob, visible_alice, hidden_bob
):
    attempts = {
        "missing candidate": (olivia, acme.pk, MISSING),
        "missing company": (olivia, MISSING, alice.pk),
        "hidden profile": (olivia, acme.pk, bob.pk),
        "not a candidate": (olivia, acme.pk, tom.pk),
        "not a member of the company": (eve, acme.pk, alice.pk),
    }

    answers = {
        name: start(api_as(user), company=company, candidate=candidate)
        for name, (user, company, candidate) in attempts.items()
    }

    assert {
        name: (r.status_code, r.json()) for name, r in answers.items()
    } == dict.fromkeys(attempts, (404, NO_CANDIDATE))
    assert Conversation.objects.count() == 0


def test_a_block_is_told_to_the_company_that_can_see_the_profile(
    api_as, olivia, acme, alice, visible_alice
):
    # Not an existence oracle: the company sees the profile anyway.
    messaging.company_block(candidate=alice, company=acme)

    response = start(api_as(olivia), company=acme.pk, candidate=alice.pk)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "This candidate does not accept messages from you."
    )


@pytest.mark.parametrize(
    "body",
    [
        {"application": 1, "company": 1, "candidate": 1},
        {"company": 1},
        {},
        {"application": "x"},
    ],
)
def test_malformed_bodies_are_a_400(api_as, olivia, body):
    response = olivia and api_as(olivia).post(
        URL, {"body": "Hello", **body}, format="json"
    )

    assert response.status_code == 400
