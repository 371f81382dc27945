from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import UserFactory
from candidates import services
from candidates.models import CandidateProfile, Visibility
from candidates.search import (
    CandidateSearchParams,
    search_candidate_ids,
    update_search_vector,
)
from candidates.tests.factories import make_profile
from matching.tests.factories import SkillFactory


def names(ids):
    by_id = dict(
        CandidateProfile.objects.filter(pk__in=ids).values_list("pk", "user__email")
    )
    return [by_id[i].split("@")[0] for i in ids]


def run(**kwargs):
    return set(names(search_candidate_ids(CandidateSearchParams(**kwargs))))


@pytest.fixture
def pool(db):
    SkillFactory(name="Python", slug="python")
    SkillFactory(name="Django", slug="django")
    SkillFactory(name="Go", slug="go")

    def person(handle, **fields):
        return make_profile(UserFactory(email=f"{handle}@ex.test"), **fields)

    return {
        "ana": person(
            "ana",
            skills=["Python", "Django"],
            titles=["Backend Engineer"],
            headline="Python backend developer",
            city="Berlin",
            country="DE",
            remote_preference="remote",
            years_experience=6,
            experience_level="senior",
            desired_salary_min=70000,
            desired_salary_max=90000,
            availability="actively_looking",
            willing_to_relocate=True,
        ),
        "ben": person(
            "ben",
            skills=["Python"],
            headline="Data analyst",
            city="Paris",
            country="FR",
            remote_preference="onsite",
            years_experience=2,
            experience_level="entry",
            desired_salary_min=3000,
            desired_salary_max=4000,
            salary_period="month",
            availability="open_to_offers",
            available_from=date(2030, 1, 1),
        ),
        "cid": person(
            "cid",
            skills=["Go"],
            titles=["Site Reliability Engineer"],
            headline="Infrastructure",
            city="Berlin",
            country="DE",
            remote_preference="hybrid",
            years_experience=12,
            experience_level="lead",
            availability="not_looking",
            visibility=Visibility.EMPLOYERS_AND_RECRUITERS,
        ),
        "dee": person(
            "dee",
            skills=["Python", "Go"],
            headline="Python hidden",
            years_experience=4,
            visibility=Visibility.HIDDEN,
        ),
    }


def test_no_filter_returns_every_searchable_profile_never_hidden(pool):
    assert run() == {"ana", "ben", "cid"}


def test_skills_all_of_and_any_of(pool):
    assert run(skills=("python", "django")) == {"ana"}
    assert run(skills=("django", "go"), skills_mode="any") == {"ana", "cid"}
    assert run(skills=("python",)) == {"ana", "ben"}
    # A slug that is no skill: nobody has all of them; "any" ignores it.
    assert run(skills=("python", "cobol")) == set()
    assert run(skills=("go", "cobol"), skills_mode="any") == {"cid"}
    assert run(skills=("cobol",), skills_mode="any") == set()


def test_location_remote_years_level(pool):
    assert run(city="berlin") == {"ana", "cid"}
    assert run(country="FR") == {"ben"}
    assert run(country="fr") == {"ben"}
    assert run(remote=("remote", "hybrid")) == {"ana", "cid"}
    assert run(years_min=3, years_max=10) == {"ana"}
    assert run(years_min=6) == {"ana", "cid"}
    assert run(levels=("entry", "lead")) == {"ben", "cid"}


def test_salary_overlaps_budget_normalised_to_year(pool):
    # ben wants 3000–4000 a month = 36000–48000 a year; cid states no salary.
    assert run(budget_min=40000, budget_max=60000) == {"ben"}
    assert run(budget_min=85000) == {"ana"}
    assert run(budget_max=5000, budget_period="month") == {"ben"}
    assert run(budget_max=30000) == set()


def test_availability_relocation_and_available_before(pool):
    assert run(availability=("actively_looking",)) == {"ana"}
    assert run(available_before=date(2029, 1, 1)) == {"ana"}
    assert run(available_before=date(2030, 1, 1)) == {"ana", "ben"}
    assert run(willing_to_relocate=True) == {"ana"}
    assert run(willing_to_relocate=False) == {"ben", "cid"}


def test_free_text_over_headline_skills_and_titles(pool):
    assert run(q="python") == {"ana", "ben"}
    assert run(q="reliability") == {"cid"}
    assert run(q="django") == {"ana"}
    assert run(q="nothing-matches-this") == set()


def test_websearch_syntax_means_the_same_on_every_database(pool):
    # -word excludes (it is not a required word), "phrases" stay phrases and
    # `or` joins alternatives: websearch_to_tsquery on PostgreSQL, the shared
    # hotgigs.search fallback on SQLite.
    assert run(q="python -django") == {"ben"}
    assert run(q="-python") == {"cid"}
    assert run(q="infrastructure -python") == {"cid"}
    assert run(q='"python backend"') == {"ana"}
    assert run(q="backend python") == {"ana"}
    assert run(q='"backend python"') == set()
    assert run(q="analyst or reliability") == {"ben", "cid"}


@pytest.mark.postgres(reason="the stored tsvector exists only on PostgreSQL")
def test_the_search_vector_weights_headline_skills_titles_summary(pool):
    ana = pool["ana"]
    CandidateProfile.objects.filter(pk=ana.pk).update(summary="Loves tests")
    update_search_vector([ana.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text = ("
            "setweight(to_tsvector('english', 'Python backend developer'), 'A')"
            " || setweight(to_tsvector('english', 'Python Django'), 'B')"
            " || setweight(to_tsvector('english', 'Backend Engineer'), 'B')"
            " || setweight(to_tsvector('english', 'Loves tests'), 'C'))::text,"
            " search_vector::text"
            " FROM candidates_candidateprofile WHERE id = %s",
            [ana.pk],
        )
        same, vector = cursor.fetchone()
    assert same, vector


def test_sorts(pool):
    CandidateProfile.objects.filter(pk=pool["ben"].pk).update(
        last_active_at=timezone.now() + timedelta(hours=1)
    )
    ids = search_candidate_ids(CandidateSearchParams(sort="experience"))
    assert names(ids) == ["cid", "ana", "ben"]
    ids = search_candidate_ids(CandidateSearchParams(sort="recent"))
    assert names(ids)[0] == "ben"


@pytest.mark.postgres
def test_relevance_ranks_headline_over_skill(pool):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text ranking")
    ids = search_candidate_ids(CandidateSearchParams(q="python"))
    assert names(ids) == ["ana", "ben"] or names(ids) == ["ben", "ana"]
    assert set(names(ids)) == {"ana", "ben"}


def test_results_are_cached_until_a_profile_changes(pool, django_assert_num_queries):
    params = CandidateSearchParams(city="Paris")
    assert names(search_candidate_ids(params)) == ["ben"]
    with django_assert_num_queries(0):
        search_candidate_ids(params)
    make_profile(UserFactory(email="eli@ex.test"), city="Paris")
    assert set(names(search_candidate_ids(params))) == {"ben", "eli"}


def test_a_repeated_api_search_runs_no_search_query_until_a_profile_changes(
    pool, olivia, api_as, django_assert_num_queries
):
    client = api_as(olivia)
    query = {"q": "python", "page_size": 1}
    first = client.get("/api/v1/candidates/", query).json()
    # The id list and the page of profiles are both cached: only the JWT's user.
    with django_assert_num_queries(1):
        again = client.get("/api/v1/candidates/", query).json()
    assert again == first
    second = client.get(first["next"]).json()
    assert [r["id"] for r in second["results"]] != [r["id"] for r in first["results"]]

    # A profile change shows at once (the search version is bumped).
    shown = CandidateProfile.objects.get(pk=first["results"][0]["id"])
    shown.headline = "Python platform lead"
    services.profile_save(profile=shown)
    after = client.get("/api/v1/candidates/", query).json()
    assert after["results"][0]["headline"] == "Python platform lead"


def test_a_renamed_candidate_shows_under_the_new_name_at_once(
    pool, olivia, api_as, django_capture_on_commit_callbacks
):
    from accounts.services import user_update_profile

    client = api_as(olivia)
    query = {"q": "python", "page_size": 1}
    first = client.get("/api/v1/candidates/", query).json()["results"][0]
    user = CandidateProfile.objects.get(pk=first["id"]).user
    with django_capture_on_commit_callbacks(execute=True):
        user_update_profile(user=user, full_name="Renamed Person")
    again = client.get("/api/v1/candidates/", query).json()["results"][0]
    assert (again["id"], again["full_name"]) == (first["id"], "Renamed Person")


def test_only_shown_fields_of_a_candidate_user_bump_the_search(
    pool, olivia, django_capture_on_commit_callbacks
):
    from candidates.search import search_version

    before = search_version()
    user = CandidateProfile.objects.first().user
    with django_capture_on_commit_callbacks(execute=True):
        user.save(update_fields=["last_login"])
        olivia.full_name = "Olivia Renamed"
        olivia.save(update_fields=["full_name"])
    assert search_version() == before
    with django_capture_on_commit_callbacks(execute=True):
        user.full_name = "Someone Else"
        user.save(update_fields=["full_name"])
    assert search_version() != before
