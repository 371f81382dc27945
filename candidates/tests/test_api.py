import pytest

from candidates.models import CandidateProfile, SavedCandidateSearch
from candidates.tests.factories import make_profile
from matching.tests.factories import SkillFactory


def test_me_is_created_on_first_access_and_patched(alice, api_as):
    client = api_as(alice)
    body = client.get("/api/v1/candidates/me/").json()
    assert body["headline"] == "" and body["skills"] == []
    response = client.patch(
        "/api/v1/candidates/me/",
        {
            "headline": "Pythonista",
            "desired_salary_min": 5000,
            "desired_salary_max": 6000,
            "salary_period": "month",
            "country": "de",
            "github_url": "https://github.com/alice",
        },
        format="json",
    )
    assert response.status_code == 200
    profile = CandidateProfile.objects.get(user=alice)
    assert (profile.headline, profile.country) == ("Pythonista", "DE")
    assert (profile.desired_salary_min_yearly, profile.desired_salary_max_yearly) == (
        60000,
        72000,
    )


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"desired_salary_min": 9, "desired_salary_max": 1}, "desired_salary_max"),
        ({"github_url": "https://gitlab.com/alice"}, "github_url"),
        ({"linkedin_url": "https://evil.test/in/alice"}, "linkedin_url"),
        ({"portfolio_url": "not a url"}, "portfolio_url"),
        ({"years_experience": -1}, "years_experience"),
        ({"visibility": "everyone"}, "visibility"),
        ({"country": "Germany"}, "country"),
        ({"employment_types": ["forever"]}, "employment_types"),
    ],
)
def test_me_bad_input(alice, api_as, payload, field):
    client = api_as(alice)
    client.get("/api/v1/candidates/me/")
    response = client.patch("/api/v1/candidates/me/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    profile = CandidateProfile.objects.get(user=alice)
    assert profile.github_url == "" and profile.desired_salary_min is None


@pytest.mark.parametrize("persona", ["olivia", "rita"])
def test_me_is_for_candidates_only(persona, request, api, api_as):
    user = request.getfixturevalue(persona)
    assert api_as(user).get("/api/v1/candidates/me/").status_code == 403
    assert api.get("/api/v1/candidates/me/").status_code == 401


def test_nested_skills_crud_links_taxonomy_and_refuses_duplicates(alice, api_as):
    SkillFactory(name="Python", slug="python")
    client = api_as(alice)
    response = client.post(
        "/api/v1/candidates/me/skills/", {"name": "python", "level": 4}, format="json"
    )
    assert response.status_code == 201
    assert response.json() | {"id": 0} == {
        "id": 0,
        "name": "Python",
        "skill_slug": "python",
        "level": 4,
        "years": 0,
    }
    skill_id = response.json()["id"]
    duplicate = client.post(
        "/api/v1/candidates/me/skills/", {"name": "Python"}, format="json"
    )
    assert duplicate.status_code == 409
    unknown = client.post(
        "/api/v1/candidates/me/skills/", {"name": "Basket weaving"}, format="json"
    )
    assert unknown.json()["skill_slug"] is None
    bad = client.post(
        "/api/v1/candidates/me/skills/", {"name": "Go", "level": 6}, format="json"
    )
    assert bad.status_code == 400 and "level" in bad.json()["error"]["fields"]
    assert client.delete(f"/api/v1/candidates/me/skills/{skill_id}/").status_code == 204
    names = [row["name"] for row in client.get("/api/v1/candidates/me/skills/").json()]
    assert names == ["Basket weaving"]


def test_nested_rows_are_scoped_to_the_owner(alice, bob, api_as):
    row = api_as(alice).post(
        "/api/v1/candidates/me/experience/",
        {"title": "Dev", "employer_name": "Initech", "start_date": "2020-01-01"},
        format="json",
    )
    assert row.status_code == 201
    url = f"/api/v1/candidates/me/experience/{row.json()['id']}/"
    assert api_as(bob).get(url).status_code == 404
    assert api_as(bob).delete(url).status_code == 404


def test_nested_experience_and_education_bad_input(alice, api_as):
    client = api_as(alice)
    response = client.post(
        "/api/v1/candidates/me/experience/",
        {
            "title": "Dev",
            "employer_name": "X",
            "start_date": "2020-01-01",
            "end_date": "2019-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()["error"]["fields"]
    response = client.post(
        "/api/v1/candidates/me/education/",
        {"school": "TU", "start_year": 2010, "end_year": 2005},
        format="json",
    )
    assert response.status_code == 400
    assert "end_year" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "query, field",
    [
        ({"years_min": "abc"}, "years_min"),
        ({"years_min": 5, "years_max": 1}, "years_max"),
        ({"remote": "moon"}, "remote"),
        ({"available_before": "yesterday"}, "available_before"),
        ({"sort": "random"}, "sort"),
    ],
)
def test_search_bad_input(olivia, api_as, query, field):
    response = api_as(olivia).get("/api/v1/candidates/", query)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_search_bad_cursor_is_400(olivia, api_as):
    # One answer for a bad cursor, as job search gives (hotgigs.search).
    response = api_as(olivia).get("/api/v1/candidates/", {"cursor": "!!!"})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_search_cursor_pagination_and_query_count(
    olivia, api_as, django_assert_max_num_queries
):
    for n in range(5):
        make_profile(skills=["Python", "Go"], headline=f"Dev {n}")
    client = api_as(olivia)
    with django_assert_max_num_queries(8):
        first = client.get("/api/v1/candidates/", {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert third["next"] is None
    ids = [r["id"] for page in (first, second, third) for r in page["results"]]
    assert len(ids) == 5 == len(set(ids))
    with django_assert_max_num_queries(8):
        client.get("/api/v1/candidates/", {"page_size": 100})


def test_saved_candidate_searches(olivia, eve, alice, api_as):
    client = api_as(olivia)
    response = client.post(
        "/api/v1/saved-candidate-searches/",
        {"name": "Berlin Python", "params": {"skills": "python", "city": "Berlin"}},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["query_string"] == "city=Berlin&skills=python"
    duplicate = client.post(
        "/api/v1/saved-candidate-searches/",
        {"name": "Berlin Python", "params": {}},
        format="json",
    )
    assert duplicate.status_code == 409
    bad = client.post(
        "/api/v1/saved-candidate-searches/",
        {"name": "Bad", "params": {"years_min": "x"}},
        format="json",
    )
    assert bad.status_code == 400
    assert SavedCandidateSearch.objects.count() == 1
    saved_id = response.json()["id"]
    assert api_as(eve).get("/api/v1/saved-candidate-searches/").json()["results"] == []
    url = f"/api/v1/saved-candidate-searches/{saved_id}/"
    assert api_as(eve).delete(url).status_code == 404
    assert api_as(alice).get("/api/v1/saved-candidate-searches/").status_code == 403
