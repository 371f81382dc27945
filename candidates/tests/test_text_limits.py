"""Free text a candidate types has a ceiling: past it the
API answers a 400 naming the field and the page shows the error by the field;
nothing is saved. A 2 MiB summary used to be accepted."""

import pytest

from candidates.models import (
    DESCRIPTION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    CandidateProfile,
)
from candidates.tests.factories import CandidateProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(alice):
    return CandidateProfileFactory(user=alice, summary="Short and true.")


def test_the_api_refuses_a_summary_past_the_limit(api_as, alice, profile):
    client = api_as(alice)

    too_long = client.patch(
        "/api/v1/candidates/me/",
        {"summary": "x" * (SUMMARY_MAX_LENGTH + 1)},
        format="json",
    )
    huge = client.patch(
        "/api/v1/candidates/me/", {"summary": "x" * 2 * 1024 * 1024}, format="json"
    )
    at_limit = client.patch(
        "/api/v1/candidates/me/", {"summary": "y" * SUMMARY_MAX_LENGTH}, format="json"
    )

    assert too_long.status_code == 400
    assert too_long.json()["error"]["fields"] == {
        "summary": ["Ensure this field has no more than 5000 characters."]
    }
    assert huge.status_code in (400, 413)
    assert at_limit.status_code == 200
    # The summary is rich text: plain text is stored as its sanitised paragraph.
    assert CandidateProfile.objects.get().summary == (
        "<p>" + "y" * SUMMARY_MAX_LENGTH + "</p>"
    )


def test_the_api_refuses_an_experience_description_past_the_limit(
    api_as, alice, profile
):
    response = api_as(alice).post(
        "/api/v1/candidates/me/experience/",
        {
            "title": "Developer",
            "employer_name": "Initech",
            "start_date": "2020-01-01",
            "description": "d" * (DESCRIPTION_MAX_LENGTH + 1),
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["description"]
    assert profile.experience.count() == 0


def test_the_profile_page_shows_the_error_by_the_field(client, alice, profile):
    client.force_login(alice)
    page = client.get("/profile/")

    response = client.post(
        "/profile/summary/", {"summary": "x" * (SUMMARY_MAX_LENGTH + 1)}
    )

    assert response.status_code == 400
    summary = next(
        section["form"]
        for section in response.context["sections"]
        if section["name"] == "summary"
    )
    assert summary.errors["summary"] == [
        "Ensure this value has at most 5000 characters (it has 5001)."
    ]
    assert CandidateProfile.objects.get().summary == "Short and true."
    assert b'maxlength="5000"' in page.content
