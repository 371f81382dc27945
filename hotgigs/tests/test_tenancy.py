"""Tenancy: no list endpoint returns another tenant's rows, and no serializer
lets a client write a field that is not theirs to set.

The world and personas are the authorisation matrix's
(hotgigs/tests/authz_world.py, hotgigs/tests/authz_matrix.py)."""

import pytest
from django.urls import reverse

from hotgigs.tests.authz_matrix import PERSONAS
from hotgigs.tests.test_authz_matrix import _clients, world  # noqa: F401

# List endpoint → the world rows it may show, and which of them each persona
# sees (personas not named see none of them).
LISTS = {
    "application-list": (
        ["application", "hired_application", "bob_application"],
        {
            "alice": {"application", "hired_application"},
            "bob": {"bob_application"},
            "olivia": {"application", "hired_application"},
            "tom": {"application", "hired_application"},
            "eve": {"bob_application"},
        },
    ),
    "document-list": (
        ["document", "bob_document"],
        {"alice": {"document"}, "bob": {"bob_document"}},
    ),
    "saved-search-list": (
        ["saved_search", "bob_saved_search"],
        {"alice": {"saved_search"}, "bob": {"bob_saved_search"}},
    ),
    "saved-candidate-search-list": (
        ["saved_candidate_search", "eve_saved_candidate_search"],
        {"olivia": {"saved_candidate_search"}, "eve": {"eve_saved_candidate_search"}},
    ),
    "notification-list": (
        ["notification", "bob_notification"],
        {"alice": {"notification"}, "bob": {"bob_notification"}},
    ),
    "saved-job-list": (["saved_job"], {"alice": {"saved_job"}}),
    "conversation-list": (
        ["conversation"],
        {
            "alice": {"conversation"},
            "olivia": {"conversation"},
            "tom": {"conversation"},
        },
    ),
    "recruiter-client-list": (["engagement"], {"rita": {"engagement"}}),
    "recruiter-pool-list": (["pool_entry"], {"rita": {"pool_entry"}}),
    "recruiter-submission-list": (
        ["placed_submission", "pending_submission"],
        {
            "rita": {"placed_submission", "pending_submission"},
            "alice": {"placed_submission", "pending_submission"},
            # The client's team sees a submission only once the candidate consented.
            "olivia": {"placed_submission"},
            "tom": {"placed_submission"},
        },
    ),
    "recruiter-placement-list": (["placement"], {"rita": {"placement"}}),
    "candidate-me-experience-list": (["experience"], {"alice": {"experience"}}),
    "candidate-me-education-list": (["education"], {"alice": {"education"}}),
    "candidate-me-skill-list": (["alice_skill"], {"alice": {"alice_skill"}}),
}


def _ids(response):
    if response.status_code != 200:
        return set()
    body = response.json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return {row["id"] for row in rows}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_list_endpoints_show_only_the_callers_rows(request, world, name):  # noqa: F811
    candidates, visible = LISTS[name]
    by_id = {getattr(world, attr).pk: attr for attr in candidates}
    clients = _clients(request, world, "api")

    seen = {}
    for persona in PERSONAS:
        response = clients[persona].get(reverse(name), {"page_size": 100})
        assert response.status_code < 500
        ids = _ids(response)
        seen[persona] = {by_id[i] for i in ids if i in by_id}

    assert seen == {p: visible.get(p, set()) for p in PERSONAS}


# --- fields a client may not write ------------------------------------------------
# (persona, method, URL name, URL kwargs from the world, payload,
#  the world object to re-read, its fields that must not change)
PROTECTED = [
    (
        "alice",
        "patch",
        "me",
        {},
        {
            "role": "employer",
            "is_staff": True,
            "is_superuser": True,
            "is_active": False,
        },
        "alice",
        ["role", "is_staff", "is_superuser", "is_active"],
    ),
    (
        "olivia",
        "patch",
        "company-detail",
        {"pk": "acme"},
        {"is_verified": True, "verified": True, "kind": "agency"},
        "acme",
        ["is_verified", "kind"],
    ),
    (
        "olivia",
        "patch",
        "job-detail",
        {"pk": "job"},
        {"company": "globex", "agency": "other_agency", "posted_by": "eve"},
        "job",
        ["company_id", "agency_id", "posted_by_id", "status"],
    ),
    (
        "olivia",
        "patch",
        "job-detail",
        {"pk": "job"},
        {"status": "archived"},
        "job",
        ["status"],
    ),
    (
        "alice",
        "patch",
        "document-detail",
        {"pk": "document"},
        {"owner": "bob", "status": "failed", "size": 1, "sha256": "0" * 64},
        "document",
        ["owner_id", "status", "size", "sha256"],
    ),
    (
        "alice",
        "patch",
        "candidate-me",
        {},
        {"user": "bob", "id": 999},
        "alice_profile",
        ["user_id", "id"],
    ),
    (
        "olivia",
        "patch",
        "interview-detail",
        {"pk": "interview"},
        {"application": "hired_application"},
        "interview",
        ["application_id"],
    ),
    (
        "rita",
        "patch",
        "recruiter-client-detail",
        {"pk": "engagement"},
        {"agency": "other_agency", "client": "globex"},
        "engagement",
        ["agency_id", "client_id"],
    ),
    (
        "rita",
        "post",
        "recruiter-placement-terms",
        {"pk": "placement"},
        {"fee": "1.00", "status": "paid", "candidate": "bob", "agency": "other_agency"},
        "placement",
        ["fee", "status", "agency_id"],
    ),
    (
        "alice",
        "patch",
        "saved-search-detail",
        {"pk": "saved_search"},
        {"user": "bob"},
        "saved_search",
        ["user_id"],
    ),
    (
        "olivia",
        "patch",
        "saved-candidate-search-detail",
        {"pk": "saved_candidate_search"},
        {"owner": "tom"},
        "saved_candidate_search",
        ["owner_id"],
    ),
    (
        "olivia",
        "patch",
        "company-member",
        {"pk": "acme", "membership_id": "tom_membership"},
        {"user": "eve", "company": "globex"},
        "tom_membership",
        ["user_id", "company_id"],
    ),
]


def _resolve(objects, request, value):
    """A world attribute or persona name → its primary key; anything else as is."""
    if isinstance(value, str) and hasattr(objects, value):
        return getattr(objects, value).pk
    if isinstance(value, str) and value in {"alice", "bob", "olivia", "tom", "eve"}:
        return request.getfixturevalue(value).pk
    return value


def _object(objects, request, name):
    if hasattr(objects, name):
        return getattr(objects, name)
    return request.getfixturevalue(name)


@pytest.mark.parametrize(
    ("persona", "method", "name", "kwargs", "payload", "target", "fields"),
    PROTECTED,
    ids=[f"{row[2]}-{'-'.join(row[4])}" for row in PROTECTED],
)
def test_protected_fields_cannot_be_written(
    request,
    world,  # noqa: F811
    persona,
    method,
    name,
    kwargs,
    payload,
    target,
    fields,
):
    obj = _object(world, request, target)
    before = {field: getattr(obj, field) for field in fields}
    url = reverse(
        name, kwargs={k: _resolve(world, request, v) for k, v in kwargs.items()}
    )
    client = _clients(request, world, "api")[persona]

    response = getattr(client, method)(
        url, {k: _resolve(world, request, v) for k, v in payload.items()}, format="json"
    )

    assert response.status_code < 500, response.content
    obj.refresh_from_db()
    assert {field: getattr(obj, field) for field in fields} == before


def test_applying_cannot_choose_the_candidate_or_the_stage(request, world, api_as):  # noqa: F811
    from jobs.models import Application

    response = api_as(request.getfixturevalue("alice")).post(
        reverse("job-apply", kwargs={"pk": world.globex_job.pk}),
        {"candidate": request.getfixturevalue("bob").pk, "stage": "hired"},
        format="json",
    )

    assert response.status_code == 201
    created = Application.objects.get(
        job=world.globex_job, candidate__email="alice@example.com"
    )
    assert created.stage == "applied"
    assert Application.objects.filter(job=world.globex_job).count() == 2  # + bob's own


def test_a_message_is_always_sent_as_the_caller(request, world, api_as):  # noqa: F811
    from notifications.models import Message

    alice = request.getfixturevalue("alice")
    response = api_as(alice).post(
        reverse("conversation-messages", kwargs={"pk": world.conversation.pk}),
        {"body": "Thanks!", "sender": request.getfixturevalue("olivia").pk},
        format="json",
    )

    assert response.status_code == 201
    assert Message.objects.get(body="Thanks!").sender == alice
