"""A profile's country is an ISO 3166-1 alpha-2 code, checked once by the model
and read the same way by the profile page and the API (any case, stored upper)."""

import pytest
from django.core.exceptions import ValidationError

from candidates.models import CandidateProfile
from candidates.tests.factories import make_profile
from candidates.tests.test_pages import login

NOT_A_COUNTRY = "“XX” is not an ISO 3166-1 alpha-2 country code (e.g. DE, US)."


def test_the_model_refuses_a_code_that_is_no_country(alice):
    profile = make_profile(alice)
    profile.country = "XX"
    with pytest.raises(ValidationError) as info:
        profile.full_clean()
    assert info.value.message_dict == {"country": [NOT_A_COUNTRY]}
    profile.country = "DE"
    profile.full_clean()


@pytest.mark.parametrize(
    ("typed", "status", "stored"), [("de", 200, "DE"), ("", 200, ""), ("xx", 400, "")]
)
def test_the_api_stores_a_country_upper_case_or_refuses_it(
    alice, api_as, typed, status, stored
):
    client = api_as(alice)
    client.get("/api/v1/candidates/me/")
    response = client.patch("/api/v1/candidates/me/", {"country": typed}, format="json")
    assert response.status_code == status
    if status == 400:
        assert response.json()["error"]["fields"] == {"country": [NOT_A_COUNTRY]}
    assert CandidateProfile.objects.get(user=alice).country == stored


def test_the_profile_page_refuses_a_code_that_is_no_country(alice):
    client = login(alice)
    response = client.post("/profile/basics/", {"country": "XX"})
    assert response.status_code == 400
    assert NOT_A_COUNTRY in response.content.decode()
    assert CandidateProfile.objects.get(user=alice).country == ""

    response = client.post("/profile/basics/", {"country": "fr"})
    assert response.status_code == 302
    assert CandidateProfile.objects.get(user=alice).country == "FR"
