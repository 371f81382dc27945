import pytest
from django.test import Client

from candidates.models import CandidateProfile, SavedCandidateSearch
from matching.tests.factories import SkillFactory


def management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def profile_post(**overrides):
    data = {
        "headline": "Backend developer",
        "summary": "",
        "remote_preference": "remote",
        "years_experience": "5",
        "experience_level": "senior",
        "salary_currency": "EUR",
        "salary_period": "year",
        "availability": "actively_looking",
        "visibility": "public",
        **management("skills"),
        **management("experience"),
        **management("education"),
        "skills-0-name": "python",
        "skills-0-level": "4",
        "skills-0-years": "3",
    }
    data.update(overrides)
    return data


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_candidate_saves_profile_with_rows(alice):
    SkillFactory(name="Python", slug="python")
    client = login(alice)
    assert client.get("/profile/").status_code == 200
    response = client.post("/profile/", profile_post())
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=alice)
    assert profile.headline == "Backend developer"
    assert [(s.name, s.skill.slug, s.level) for s in profile.skills.all()] == [
        ("Python", "python", 4)
    ]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"desired_salary_min": "9", "desired_salary_max": "1"}, "desired_salary_max"),
        ({"github_url": "https://gitlab.com/a"}, "github_url"),
        ({"years_experience": "-2"}, "years_experience"),
        ({"skills-0-level": "9"}, "skills-0-level"),
        ({"country": "Germany"}, "country"),
    ],
)
def test_profile_bad_input_keeps_what_was_typed(alice, overrides, field):
    client = login(alice)
    response = client.post(
        "/profile/", profile_post(headline="Kept headline", **overrides)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Kept headline"' in html
    assert "field-error" in html
    assert CandidateProfile.objects.get(user=alice).headline == ""


def test_profile_editor_is_for_candidates(olivia):
    assert login(olivia).get("/profile/").status_code == 403
    assert Client().get("/profile/").status_code == 302


def test_search_page_bad_input_is_400(olivia):
    response = login(olivia).get("/candidates/", {"years_min": "x"})
    assert response.status_code == 400


def test_search_page_query_count(olivia, django_assert_max_num_queries):
    from candidates.tests.factories import make_profile

    for n in range(6):
        make_profile(skills=["Python"], headline=f"Dev {n}")
    client = login(olivia)
    with django_assert_max_num_queries(10):
        response = client.get("/candidates/")
    html = response.content.decode()
    assert html.count("candidate-card") == 6
    assert '<h2 id="candidate-results-heading">6 candidates</h2>' in html


def test_saved_search_page_flow(olivia, eve):
    client = login(olivia)
    response = client.post(
        "/candidates/saved/", {"name": "Go people", "query": "skills=go&city=Berlin"}
    )
    assert response.status_code == 302
    saved = SavedCandidateSearch.objects.get(owner=olivia)
    assert saved.params == {"skills": "go", "city": "Berlin"}
    html = client.get("/candidates/").content.decode()
    assert "?city=Berlin&amp;skills=go" in html
    assert (
        client.post(
            "/candidates/saved/", {"name": "Go people", "query": ""}
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/candidates/saved/", {"name": "Bad", "query": "years_min=x"}
        ).status_code
        == 400
    )
    other = login(eve).post(f"/candidates/saved/{saved.pk}/delete/")
    assert other.status_code == 404
    assert client.post(f"/candidates/saved/{saved.pk}/delete/").status_code == 302
    assert SavedCandidateSearch.objects.count() == 0
