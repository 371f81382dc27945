"""The talent pool and submissions respect the candidate's visibility: only
profiles the agency may see, contact details only as the candidate allows,
and every other id answers exactly like a missing one.

alice and bob have profiles visible to recruiters with contact details shown
(recruiters/tests/conftest.py); each test hides or restricts what it needs.
"""

import pytest

from accounts.tests.factories import UserFactory
from jobs.tests.applications.conftest import make_application
from jobs.tests.factories import JobFactory
from notifications.models import Notification
from recruiters import services
from recruiters.models import TalentPoolEntry

BASE = "/api/v1/recruiters"
UNKNOWN = {"candidate": ["Unknown candidate."]}


def _profile(user, **fields):
    profile = user.candidate_profile
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save(update_fields=list(fields))
    return user


def _hidden(user):
    return _profile(user, visibility="hidden", show_contact_details=False)


def _add(client, candidate_id):
    response = client.post(f"{BASE}/pool/", {"candidate": candidate_id}, format="json")
    return response.status_code, response.json()


def test_hidden_profile_answers_like_a_missing_id(api_as, rita, agency, bob, olivia):
    """Regression: POST /recruiters/pool/ {"candidate": <any user
    id>} answered 201 with name, email and phone, hidden profiles too, and
    "Only candidates go into a talent pool." for other roles."""
    _profile(bob, phone="030 1234567")
    _hidden(bob)
    no_profile = UserFactory(email="noprofile@example.com", full_name="No Profile")
    staff = UserFactory(email="staff2@example.com", is_staff=True)
    client = api_as(rita)
    answers = {
        name: _add(client, pk)
        for name, pk in [
            ("missing", 987654321),
            ("hidden", bob.pk),
            ("employer", olivia.pk),
            ("recruiter", rita.pk),
            ("staff", staff.pk),
            ("candidate without a profile", no_profile.pk),
        ]
    }
    expected = (
        400,
        {
            "error": {
                "code": "invalid",
                "message": "candidate: Unknown candidate.",
                "fields": UNKNOWN,
            }
        },
    )
    assert answers == dict.fromkeys(answers, expected)
    assert not TalentPoolEntry.objects.exists()


@pytest.mark.parametrize(
    ("visibility", "show_contact", "email", "phone"),
    [
        ("public", True, "bob@example.com", "+49301234567"),
        ("public", False, "", ""),
        ("employers_and_recruiters", True, "bob@example.com", "+49301234567"),
        ("employers_and_recruiters", False, "", ""),
    ],
)
def test_contact_details_only_as_the_candidate_allows(
    api_as, rita, agency, bob, visibility, show_contact, email, phone
):
    _profile(
        bob,
        visibility=visibility,
        show_contact_details=show_contact,
        phone="030 1234567",
    )
    status, body = _add(api_as(rita), bob.pk)
    assert status == 201
    assert (body["candidate"], body["email"], body["phone"]) == (
        {"id": bob.pk, "full_name": "Bob Candidate"},
        email,
        phone,
    )


def test_the_recruiters_own_contact_details_are_kept(api_as, rita, agency, bob):
    _profile(bob, show_contact_details=False)
    response = api_as(rita).post(
        f"{BASE}/pool/",
        {"candidate": bob.pk, "email": "Bob@Met.Example", "phone": "030 7654321"},
        format="json",
    )
    assert (response.json()["email"], response.json()["phone"]) == (
        "bob@met.example",
        "+49307654321",
    )


def test_hidden_candidate_who_applied_through_the_agency(
    api_as, rita, agency, bob, client_job
):
    _hidden(bob)
    make_application(client_job, bob)  # a job the agency runs
    status, body = _add(api_as(rita), bob.pk)
    assert (status, body["email"]) == (201, "bob@example.com")


def test_hidden_candidate_who_applied_to_the_clients_own_job(
    api_as, rita, agency, bob, engagement
):
    _hidden(bob)
    make_application(JobFactory(company=engagement.client, published=True), bob)
    # Acme's team may see bob; the agency may not (it did not run that job).
    assert _add(api_as(rita), bob.pk) == (400, _add(api_as(rita), 987654321)[1])


def test_hidden_candidate_who_consented_to_a_submission(
    api_as, rita, agency, bob, engagement, client_job
):
    submission = services.submission_create(
        user=rita, engagement=engagement, job=client_job, candidate=bob
    )
    services.submission_accept(user=bob, submission=submission)
    TalentPoolEntry.objects.all().delete()
    _hidden(bob)
    status, body = _add(api_as(rita), bob.pk)
    assert (status, body["email"]) == (201, "bob@example.com")


def test_a_pending_submission_is_no_consent(
    api_as, rita, agency, bob, engagement, client_job
):
    services.submission_create(
        user=rita, engagement=engagement, job=client_job, candidate=bob
    )
    _hidden(bob)
    assert _add(api_as(rita), bob.pk)[0] == 400


@pytest.mark.parametrize(
    ("persona", "status"),
    [("rex", 201), ("olivia", 403), ("alice", 403), ("sam", 403)],
)
def test_pool_add_per_persona(request, api_as, agency, bob, persona, status):
    user = request.getfixturevalue(persona)
    assert _add(api_as(user), bob.pk)[0] == status


def test_another_agency_adds_to_its_own_pool_only(api_as, ivan, rita, agency, bob):
    assert _add(api_as(ivan), bob.pk)[0] == 201
    entry = TalentPoolEntry.objects.get()
    assert entry.agency.slug == "other-agency"
    # ivan cannot name rita's agency.
    response = api_as(ivan).post(
        f"{BASE}/pool/?agency=hire-partners", {"candidate": bob.pk}, format="json"
    )
    assert response.status_code == 403


def test_pool_add_anonymous(api, bob):
    assert api.post(f"{BASE}/pool/", {"candidate": bob.pk}).status_code == 401


@pytest.mark.parametrize(
    "candidate", ["1\x00", "abc", -1, 0, None, [1], {"id": 1}, "9" * 30]
)
def test_pool_add_bad_input(api_as, rita, agency, candidate):
    response = api_as(rita).post(
        f"{BASE}/pool/", {"candidate": candidate}, format="json"
    )
    assert response.status_code == 400


def test_service_refuses_like_the_api(rita, agency, bob, olivia):
    from django.core.exceptions import ValidationError

    _hidden(bob)
    for candidate in (bob, olivia):
        with pytest.raises(ValidationError) as exc:
            services.talent_pool_add(user=rita, agency=agency, candidate=candidate)
        assert exc.value.message_dict == UNKNOWN


# --- pages ----------------------------------------------------------------------


def test_pool_add_page_applied_through_agency(client, rita, agency, bob, client_job):
    _hidden(bob)
    client.force_login(rita)
    assert client.get(f"/recruiter/pool/add/?candidate={bob.pk}").status_code == 404
    make_application(client_job, bob)
    assert client.get(f"/recruiter/pool/add/?candidate={bob.pk}").status_code == 200
    response = client.post("/recruiter/pool/add/", {"candidate": bob.pk})
    assert response.status_code == 302
    assert TalentPoolEntry.objects.get().email == "bob@example.com"


@pytest.mark.parametrize("value", ["²", "1" * 30, "", "-1"])
def test_pool_add_page_bad_ids_are_404(client, rita, agency, value):
    client.force_login(rita)
    assert client.get("/recruiter/pool/add/", {"candidate": value}).status_code == 404


def test_pool_add_page_null_character_is_400(client, rita, agency):
    # RequestShapeMiddleware answers a NUL anywhere in the query before routing.
    client.force_login(rita)
    response = client.get("/recruiter/pool/add/", {"candidate": "1\x00"})
    assert response.status_code == 400
    assert TalentPoolEntry.objects.count() == 0


def test_pool_add_page_contact_off(client, rita, agency, bob):
    _profile(bob, show_contact_details=False, phone="030 1234567")
    client.force_login(rita)
    client.post("/recruiter/pool/add/", {"candidate": bob.pk})
    entry = TalentPoolEntry.objects.get()
    assert (entry.email, entry.phone) == ("", "")


def test_duplicates_page_bad_ids(client, rita, agency):
    client.force_login(rita)
    response = client.post(
        "/recruiter/pool/duplicates/", {"keep": "²", "merge": "1" * 30}, follow=True
    )
    assert "Choose the entry to keep and the one to merge." in (
        response.content.decode()
    )


# --- submissions ------------------------------------------------------------------


def test_submission_of_a_hidden_candidate_answers_like_a_missing_one(
    api_as,
    rita,
    bob,
    olivia,
    engagement,
    client_job,
    django_capture_on_commit_callbacks,
):
    """Same class as the pool: a submission sent a consent request to any user
    id and answered with their name; other roles got their own message."""
    _hidden(bob)
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for pk in (987654321, bob.pk, olivia.pk, rita.pk):
            response = api_as(rita).post(
                f"{BASE}/submissions/",
                {"job": client_job.pk, "candidate": pk},
                format="json",
            )
            answers.append((response.status_code, response.json()["error"]["fields"]))
    assert answers == [(400, UNKNOWN)] * 4
    assert not Notification.objects.filter(recipient=bob).exists()


def test_submission_of_a_visible_candidate(api_as, rita, bob, engagement, client_job):
    response = api_as(rita).post(
        f"{BASE}/submissions/", {"job": client_job.pk, "candidate": bob.pk}
    )
    assert (response.status_code, response.json()["candidate"]) == (
        201,
        {"id": bob.pk, "full_name": "Bob Candidate"},
    )
