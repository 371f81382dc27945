"""What a company can do from a candidate's profile: message
them, and invite them to apply to one of its open jobs (a message in the
company's thread with the job's link: no application is created without the
candidate). Each rule is tested against the owner, a teammate, an outsider,
another candidate, anonymous and staff."""

import re

import pytest
from django.test import Client

from candidates.tests.factories import CandidateProfileFactory
from jobs.models import Application
from jobs.tests.factories import JobFactory
from notifications.messaging import company_block
from notifications.models import Conversation, Message

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def profile(alice):
    return CandidateProfileFactory(user=alice, headline="Payments engineer")


@pytest.fixture
def acme_job(acme, olivia):
    return JobFactory(
        company=acme, title="Payments Lead", slug="payments-lead", published=True
    )


@pytest.fixture
def globex_job(globex):
    return JobFactory(
        company=globex, title="Globex Dev", slug="globex-dev", published=True
    )


def options(html):
    return re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', html)


# --- the profile offers the actions --------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "links"),
    [
        ("olivia", ["Message Alice Candidate", "Invite to apply to a job"]),
        ("tom", ["Message Alice Candidate", "Invite to apply to a job"]),
        ("eve", ["Message Alice Candidate", "Invite to apply to a job"]),
        ("rita", ["Message Alice Candidate", "Add to your talent pool"]),
        ("alice", []),
        ("sam", []),
        (None, []),
    ],
)
def test_profile_shows_a_company_its_actions(request, acme, profile, persona, links):
    user = request.getfixturevalue(persona) if persona else None

    html = login(user).get(f"/candidates/{profile.pk}/").content.decode()

    nav = re.search(r'<nav class="link-row candidate-actions".*?</nav>', html, re.S)
    found = re.findall(r">([^<]+)</a>", nav.group(0)) if nav else []
    assert found == links


# --- invite to apply -----------------------------------------------------------------


def test_owner_invites_to_an_open_job_by_message(
    olivia, acme_job, globex_job, profile, settings
):
    settings.SITE_URL = "http://jobs.example:8123"
    client = login(olivia)
    page = client.get(f"/candidates/{profile.pk}/invite/").content.decode()

    response = client.post(
        f"/candidates/{profile.pk}/invite/", {"job": acme_job.pk, "note": "Hi Alice!"}
    )

    assert options(page) == [(str(acme_job.pk), "Payments Lead · Acme")]
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/messages/{conversation.pk}/"
    assert (conversation.company, conversation.candidate, conversation.application) == (
        acme_job.company,
        profile.user,
        None,
    )
    assert Message.objects.get().body == (
        "Olivia Owner at Acme invites you to apply to “Payments Lead”: "
        "http://jobs.example:8123/jobs/payments-lead/\n\nHi Alice!"
    )
    assert Application.objects.count() == 0


def test_teammate_invites_too(tom, acme_job, profile):
    response = login(tom).post(
        f"/candidates/{profile.pk}/invite/", {"job": acme_job.pk}
    )

    assert response.status_code == 302
    assert Message.objects.get().sender == tom


def test_outsider_cannot_invite_to_another_companys_job(eve, globex, acme_job, profile):
    response = login(eve).post(
        f"/candidates/{profile.pk}/invite/", {"job": acme_job.pk}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["job"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [("alice", 404), ("bob", 404), ("sam", 403), ("rita", 403), (None, 302)],
)
def test_candidates_staff_recruiters_and_anonymous_cannot_invite(
    request, agency, acme_job, profile, persona, status
):
    user = request.getfixturevalue(persona) if persona else None

    response = login(user).post(
        f"/candidates/{profile.pk}/invite/", {"job": acme_job.pk}
    )

    assert response.status_code == status
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"job": ""}, "job", "This field is required."),
        ({"job": "abc"}, "job", "Select a valid choice."),
        ({"job": "999999"}, "job", "Select a valid choice."),
        ({"job": "JOB", "note": "n" * 2001}, "note", "Ensure this value has at most"),
    ],
)
def test_bad_input_is_400_by_the_field(olivia, acme_job, profile, data, field, error):
    data = {k: (acme_job.pk if v == "JOB" else v) for k, v in data.items()}

    response = login(olivia).post(f"/candidates/{profile.pk}/invite/", data)

    assert response.status_code == 400
    assert error in str(response.context["form"].errors[field])
    assert Message.objects.count() == 0


def test_a_draft_job_is_not_offered(olivia, acme, profile):
    draft = JobFactory(company=acme, title="Secret", slug="secret")

    response = login(olivia).post(
        f"/candidates/{profile.pk}/invite/", {"job": draft.pk}
    )

    assert response.status_code == 400
    assert Message.objects.count() == 0


def test_a_job_already_applied_to_is_refused_by_the_field(olivia, acme_job, profile):
    Application.objects.create(job=acme_job, candidate=profile.user)

    response = login(olivia).post(
        f"/candidates/{profile.pk}/invite/", {"job": acme_job.pk}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["job"] == [
        "Alice Candidate already applied to this job."
    ]


def test_a_candidate_who_blocked_the_company_is_not_invited(
    olivia, acme, acme_job, profile
):
    company_block(candidate=profile.user, company=acme)

    response = login(olivia).post(
        f"/candidates/{profile.pk}/invite/", {"job": acme_job.pk}
    )

    assert response.status_code == 403
    assert "does not accept messages from you" in response.content.decode()
    assert Message.objects.count() == 0


def test_a_hidden_profile_is_not_found(olivia, acme_job, profile):
    profile.visibility = "hidden"
    profile.save()

    response = login(olivia).get(f"/candidates/{profile.pk}/invite/")

    assert response.status_code == 404


def test_without_open_jobs_the_page_links_to_posting_one(olivia, acme, profile):
    html = login(olivia).get(f"/candidates/{profile.pk}/invite/").content.decode()

    assert 'href="/jobs/new/">Post a job</a>' in html
    assert "Send the invitation" not in html


# --- message -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["olivia", "tom"])
def test_company_members_message_a_candidate(request, acme, profile, persona):
    user = request.getfixturevalue(persona)
    client = login(user)
    page = client.get(f"/candidates/{profile.pk}/message/")

    response = client.post(
        f"/candidates/{profile.pk}/message/", {"company": acme.pk, "body": "Hello"}
    )

    assert page.status_code == 200
    # One company: it is not asked for.
    assert 'type="hidden" name="company"' in page.content.decode()
    conversation = Conversation.objects.get()
    assert response["Location"] == f"/messages/{conversation.pk}/"
    assert (conversation.company, conversation.candidate) == (acme, profile.user)
    assert Message.objects.get().body == "Hello"


def test_message_bad_input_is_400(olivia, acme, profile, globex):
    client = login(olivia)

    empty = client.post(
        f"/candidates/{profile.pk}/message/", {"company": acme.pk, "body": "  "}
    )
    foreign = client.post(
        f"/candidates/{profile.pk}/message/", {"company": globex.pk, "body": "Hi"}
    )

    assert empty.status_code == 400
    assert empty.context["form"].errors["body"] == ["This field is required."]
    assert foreign.status_code == 400
    assert "Select a valid choice" in str(foreign.context["form"].errors["company"])
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 404), ("bob", 404), ("sam", 404), (None, 302)]
)
def test_only_company_members_message(request, acme, profile, persona, status):
    user = request.getfixturevalue(persona) if persona else None

    response = login(user).post(
        f"/candidates/{profile.pk}/message/", {"company": acme.pk, "body": "Hi"}
    )

    assert response.status_code == status
    assert Message.objects.count() == 0


def test_a_blocked_company_cannot_message(olivia, acme, profile):
    company_block(candidate=profile.user, company=acme)

    response = login(olivia).post(
        f"/candidates/{profile.pk}/message/", {"company": acme.pk, "body": "Hi"}
    )

    assert response.status_code == 403
    assert Message.objects.count() == 0


# --- the API -------------------------------------------------------------------------


def test_api_invite_by_the_jobs_team(api_as, olivia, acme_job, profile):
    response = api_as(olivia).post(
        f"/api/v1/jobs/{acme_job.pk}/invite/",
        {"candidate": profile.pk, "note": "Hi"},
        format="json",
    )

    conversation = Conversation.objects.get()
    assert response.status_code == 201
    assert response.json() == {
        "conversation": conversation.pk,
        "job": acme_job.pk,
        "candidate": profile.pk,
    }
    assert Message.objects.get().body.endswith("/jobs/payments-lead/\n\nHi")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("tom", 201), ("eve", 403), ("alice", 403), ("bob", 403), ("sam", 403)],
)
def test_api_invite_per_persona(
    request, api_as, globex, acme_job, profile, persona, status
):
    user = request.getfixturevalue(persona)

    response = api_as(user).post(
        f"/api/v1/jobs/{acme_job.pk}/invite/", {"candidate": profile.pk}, format="json"
    )

    assert response.status_code == status
    assert Message.objects.count() == (1 if status == 201 else 0)


def test_api_invite_of_a_profile_the_team_cannot_see_is_404(
    api_as, olivia, acme_job, profile
):
    profile.visibility = "hidden"
    profile.save()

    response = api_as(olivia).post(
        f"/api/v1/jobs/{acme_job.pk}/invite/", {"candidate": profile.pk}, format="json"
    )

    assert response.status_code == 404
    assert Message.objects.count() == 0


def test_api_invite_anonymous_is_401(api, acme_job, profile):
    response = api.post(
        f"/api/v1/jobs/{acme_job.pk}/invite/", {"candidate": profile.pk}, format="json"
    )

    assert response.status_code == 401


AT_LEAST_1 = "Ensure this value is greater than or equal to 1."
NOTE_2000 = "Ensure this field has no more than 2000 characters."
APPLIED = "Alice Candidate already applied to this job."


@pytest.mark.parametrize(
    ("body", "status", "fields"),
    [
        ({}, 400, {"candidate": ["This field is required."]}),
        ({"candidate": "x"}, 400, {"candidate": ["A valid integer is required."]}),
        ({"candidate": 0}, 400, {"candidate": [AT_LEAST_1]}),
        ({"candidate": 999999}, 404, {}),
        ({"candidate": "PROFILE", "note": "n" * 2001}, 400, {"note": [NOTE_2000]}),
        ({"candidate": "PROFILE", "applied": True}, 400, {"job": [APPLIED]}),
    ],
)  # fmt: skip
def test_api_invite_bad_input(api_as, olivia, acme_job, profile, body, status, fields):
    if body.pop("applied", False):
        Application.objects.create(job=acme_job, candidate=profile.user)
    body = {k: (profile.pk if v == "PROFILE" else v) for k, v in body.items()}

    response = api_as(olivia).post(
        f"/api/v1/jobs/{acme_job.pk}/invite/", body, format="json"
    )

    assert response.status_code == status
    assert response.json()["error"].get("fields", {}) == fields
    assert Message.objects.count() == 0
