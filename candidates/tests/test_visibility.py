"""Visibility on every path × persona × visibility value (one table)."""

import pytest
from django.test import Client

from candidates.models import Visibility
from candidates.permissions import candidate_applied_to_company
from candidates.tests.factories import make_profile

PERSONAS = ["alice", "bob", "olivia", "rita", "anonymous", "sam"]

# persona → (search status, {visibility: detail outcome}); alice owns the profile.
# Detail outcomes: "ok", 403 (candidates), 404 (company users without access),
# "login" (anonymous: page redirects to login, API answers 401).
EXPECTED = {
    "alice": (403, {"public": "ok", "employers_and_recruiters": "ok", "hidden": "ok"}),
    "bob": (403, {"public": 403, "employers_and_recruiters": 403, "hidden": 403}),
    "olivia": (
        200,
        {"public": "ok", "employers_and_recruiters": "ok", "hidden": 404},
    ),
    "rita": (200, {"public": "ok", "employers_and_recruiters": "ok", "hidden": 404}),
    "anonymous": (
        "login",
        {"public": "ok", "employers_and_recruiters": "login", "hidden": "login"},
    ),
    "sam": (200, {"public": "ok", "employers_and_recruiters": "ok", "hidden": 404}),
}


@pytest.fixture
def people(alice, bob, olivia, rita, sam, acme, agency):
    return {"alice": alice, "bob": bob, "olivia": olivia, "rita": rita, "sam": sam}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("visibility", [v.value for v in Visibility])
def test_visibility_table(persona, visibility, people, api, api_as):
    profile = make_profile(
        people["alice"], headline="Unique zebra", visibility=visibility
    )
    user = people.get(persona)
    search_expected, detail_map = EXPECTED[persona]
    detail_expected = detail_map[visibility]

    page = Client()
    if user:
        page.force_login(user)
    client = api_as(user) if user else api

    # search page
    response = page.get("/candidates/", {"q": "zebra"})
    if search_expected == "login":
        assert response.status_code == 302
        assert "/login" in response["Location"]
    else:
        assert response.status_code == search_expected
    if search_expected == 200:
        found = "Unique zebra" in response.content.decode()
        assert found is (visibility != "hidden")

    # search API
    response = client.get("/api/v1/candidates/", {"q": "zebra"})
    if search_expected == "login":
        assert response.status_code == 401
    else:
        assert response.status_code == search_expected
    if search_expected == 200:
        ids = [row["id"] for row in response.json()["results"]]
        assert ids == ([] if visibility == "hidden" else [profile.pk])

    # detail page
    response = page.get(f"/candidates/{profile.pk}/")
    if detail_expected == "ok":
        assert response.status_code == 200
        assert "Unique zebra" in response.content.decode()
    elif detail_expected == "login":
        assert response.status_code == 302
    else:
        assert response.status_code == detail_expected

    # detail API
    response = client.get(f"/api/v1/candidates/{profile.pk}/")
    if detail_expected == "ok":
        assert response.status_code == 200
        assert response.json()["headline"] == "Unique zebra"
    elif detail_expected == "login":
        assert response.status_code == 401
    else:
        assert response.status_code == detail_expected
        assert "headline" not in response.json()


def test_applied_to_company_is_false_without_applications(alice, acme):
    assert candidate_applied_to_company(alice, [acme.pk]) is False
    assert candidate_applied_to_company(alice, []) is False


def test_hidden_profile_shown_to_company_applied_to(
    alice, olivia, eve, acme, globex, api_as
):
    from jobs.models import Application
    from jobs.tests.factories import JobFactory

    profile = make_profile(
        alice, headline="Quiet expert", phone="+49 30 1234", visibility="hidden"
    )
    olivia_api, eve_api = api_as(olivia), api_as(eve)
    assert olivia_api.get(f"/api/v1/candidates/{profile.pk}/").status_code == 404

    Application.objects.create(
        job=JobFactory(company=acme, published=True), candidate=alice
    )

    body = olivia_api.get(f"/api/v1/candidates/{profile.pk}/").json()
    assert body["headline"] == "Quiet expert"
    assert body["contact"] == {"email": "alice@example.com", "phone": "+49 30 1234"}
    page = Client()
    page.force_login(olivia)
    assert "Quiet expert" in page.get(f"/candidates/{profile.pk}/").content.decode()
    assert eve_api.get(f"/api/v1/candidates/{profile.pk}/").status_code == 404
    found = olivia_api.get("/api/v1/candidates/", {"q": "Quiet"}).json()["results"]
    assert found == []  # a hidden profile never appears in search


def test_contact_details_hidden_unless_shown(alice, olivia, acme, api_as):
    alice.refresh_from_db()
    profile = make_profile(alice, phone="+49 30 1234", visibility="public")
    client = api_as(olivia)
    body = client.get(f"/api/v1/candidates/{profile.pk}/").json()
    assert body["contact"] is None
    page = Client()
    page.force_login(olivia)
    html = page.get(f"/candidates/{profile.pk}/").content.decode()
    assert "alice@example.com" not in html and "+49 30 1234" not in html

    profile.show_contact_details = True
    profile.save()
    body = client.get(f"/api/v1/candidates/{profile.pk}/").json()
    assert body["contact"] == {"email": "alice@example.com", "phone": "+49 30 1234"}
    assert (
        "alice@example.com" in page.get(f"/candidates/{profile.pk}/").content.decode()
    )


def test_owner_sees_own_contact(alice, api_as):
    profile = make_profile(alice, phone="123", visibility="hidden")
    body = api_as(alice).get(f"/api/v1/candidates/{profile.pk}/").json()
    assert body["contact"] == {"email": "alice@example.com", "phone": "123"}
