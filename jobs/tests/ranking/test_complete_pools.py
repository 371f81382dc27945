"""Pools draw from skills, text and occupation together, and recommendations
score sort by match's default window too: a relevant job or profile is never
left out because it shares no linked skill, "Recommended for you" never misses
a job "sort by match" shows, and every pool stays bounded with a fixed number of
queries."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import UserFactory
from candidates.tests.factories import make_profile
from jobs.ranking import builders, pools, selectors
from jobs.services import refresh_search_vectors
from jobs.tests.ranking.wiring import published_job
from matching.corpus import current_corpus
from matching.occupations import get_occupation_index
from matching.process_state import forget_process_state
from matching.services import occupations_load
from matching.skills import get_taxonomy

pytestmark = pytest.mark.django_db

RECS = "/api/v1/ai/recommendations/"
OCCUPATIONS = (
    Path(__file__).resolve().parents[3]
    / "matching"
    / "tests"
    / "fixtures"
    / "occupations_subset.json"
)


@pytest.fixture
def occupations(db):
    """The 15-occupation subset of O*NET (Cooks, Restaurant among them)."""
    occupations_load(data=json.loads(OCCUPATIONS.read_text(encoding="utf-8")))
    forget_process_state()  # the index is rebuilt from the loaded rows


def _candidate(profile):
    profile = builders.profiles_for_scoring().get(pk=profile.pk)
    return profile, builders.candidate_data_for(profile)


def ranked_url(job):
    return f"/api/v1/ai/jobs/{job.pk}/candidates/"


def test_a_job_sharing_no_linked_skill_is_recommended_by_its_title_words(
    api_as, alice, without_window
):
    """Before: a profile with linked skills drew only from the skills pool."""
    profile = make_profile(
        alice, headline="Data Engineer", skills=["Python"], country="DE"
    )
    data_job = published_job(
        "Data Engineer",
        skills=(),
        days_ago=5,
        country="DE",
        description="<p>Data Engineer: build Python data pipelines.</p>",
    )
    for n in range(3):
        published_job(f"Python Tester {n}", skills=("python",), country="DE")
    refresh_search_vectors()  # factories write rows directly (PostgreSQL)
    profile, candidate = _candidate(profile)
    by_skills = pools._union_ids(
        pools._job_skill_parts(profile=profile, candidate=candidate, now=timezone.now())
    )
    assert data_job.pk not in by_skills

    rows = api_as(alice).get(RECS).json()

    assert rows[0]["job"]["id"] == data_job.pk
    assert data_job.pk in pools.recommendation_pool(
        profile=profile, candidate=candidate
    )


def test_a_candidate_sharing_no_linked_skill_is_ranked_for_the_job(
    api_as, olivia, acme
):
    job = published_job(
        "Data Engineer",
        skills=("python",),
        company=acme,
        description="<p>Build Python data pipelines.</p>",
    )
    engineer = make_profile(
        UserFactory(),
        headline="Data Engineer",
        summary="Python data pipelines, every day.",
        country="DE",
    )
    barista = make_profile(UserFactory(), headline="Barista", skills=["Python"])
    assert not engineer.skills.exists()

    rows = api_as(olivia).get(ranked_url(job)).json()["results"]

    assert {r["candidate"] for r in rows} == {engineer.pk, barista.pk}
    assert next(r for r in rows if r["candidate"] == engineer.pk)["match"]["score"] > 0


def test_an_alternative_title_of_the_same_occupation_links_job_and_person(
    api_as, alice, olivia, acme, occupations, without_window
):
    """ "Line Cook" and "Chef De Partie" share no word and no skill; both are
    titles of O*NET's "Cooks, Restaurant"."""
    assert get_occupation_index().infer("Chef De Partie", limit=1)[0].code == (
        "35-2014.00"
    )
    assert set(pools.pool_words("Line Cook")).isdisjoint(
        pools.pool_words("Chef De Partie")
    )
    assert "chef" in pools.occupation_words(["Line Cook"])
    cook = make_profile(alice, headline="Line Cook", country="DE")
    partie = published_job("Chef De Partie", skills=(), country="DE", company=acme)
    published_job("Python Developer", skills=("python",), country="DE")
    refresh_search_vectors()

    recommended = [row["job"]["id"] for row in api_as(alice).get(RECS).json()]
    ranked = api_as(olivia).get(ranked_url(partie)).json()["results"]

    assert recommended == [partie.pk]
    assert [r["candidate"] for r in ranked] == [cook.pk]


def test_recommendations_hold_the_best_job_sort_by_match_shows(
    api_as, alice, monkeypatch
):
    """The best job of sort=match (default search) is older than what each
    part's bound keeps: only the shared window brings it into the pool."""
    monkeypatch.setattr(pools, "POOL_PER_SKILL", 1)
    monkeypatch.setattr(pools, "TEXT_POOL", 1)
    profile = make_profile(
        alice,
        headline="Backend Developer",
        skills=["Python"],
        city="Berlin",
        country="DE",
    )
    best = published_job(
        "Senior Python Backend Developer",
        days_ago=10,
        city="Berlin",
        country="DE",
        description="<p>Python backend services: APIs, queues, databases.</p>",
    )
    published_job("Frontend Developer", skills=(), days_ago=8, country="DE")
    published_job("Python Intern", days_ago=2, country="DE")
    published_job("Office Manager", skills=(), days_ago=1, country="DE")
    refresh_search_vectors()
    client = api_as(alice)

    by_match = client.get("/api/v1/jobs/", {"sort": "match"}).json()["results"]
    recommended = client.get(RECS).json()

    assert {r["id"] for r in by_match} == set(pools.default_match_window())
    assert by_match[0]["id"] == best.pk
    assert max(r["match_score"] for r in by_match) <= recommended[0]["match"]["score"]
    assert best.pk in [row["job"]["id"] for row in recommended]
    monkeypatch.setattr(pools, "MATCH_WINDOW", 0)
    profile, candidate = _candidate(profile)
    assert best.pk not in pools.recommendation_pool(
        profile=profile, candidate=candidate
    )


def test_the_recommendation_pool_is_bounded_with_fixed_queries(
    alice, occupations, monkeypatch
):
    monkeypatch.setattr(pools, "POOL_SKILLS", 1)
    monkeypatch.setattr(pools, "POOL_PER_SKILL", 2)
    monkeypatch.setattr(pools, "TEXT_POOL", 2)
    monkeypatch.setattr(pools, "OCCUPATION_POOL", 2)
    monkeypatch.setattr(pools, "MATCH_WINDOW", 3)
    bound = pools.recommendation_pool_bound()
    assert bound == 9
    profile, candidate = _candidate(
        make_profile(alice, headline="Line Cook", skills=["Python"], country="DE")
    )
    assert pools.occupation_words(candidate.titles)  # every part has a query

    def add_jobs(start):
        for n in range(start, start + 12):
            # skills, title words and the occupation all match; the oldest
            # published first, so the window differs from the newest ids
            published_job(f"Line Cook {n}", days_ago=1 + n % 5, country="DE")
        refresh_search_vectors()

    add_jobs(0)
    get_taxonomy(), get_occupation_index()  # once per process
    with CaptureQueriesContext(connection) as first:
        pool = pools.recommendation_pool(profile=profile, candidate=candidate)
    assert 0 < len(pool) <= bound
    add_jobs(12)
    with CaptureQueriesContext(connection) as second:
        pool = pools.recommendation_pool(profile=profile, candidate=candidate)
    assert 0 < len(pool) <= bound
    assert len(second.captured_queries) == len(first.captured_queries)
    # PostgreSQL: one UNION; SQLite: the skill, text, occupation and window parts
    parts = 1 if connection.features.supports_slicing_ordering_in_compound else 4
    assert len(first.captured_queries) == parts


def test_the_candidate_pool_is_bounded_with_fixed_queries(occupations, monkeypatch):
    monkeypatch.setattr(pools, "CANDIDATE_POOL_SKILLS", 1)
    monkeypatch.setattr(pools, "CANDIDATE_POOL_PER_SKILL", 2)
    monkeypatch.setattr(pools, "TEXT_POOL", 2)
    monkeypatch.setattr(pools, "OCCUPATION_POOL", 2)
    bound = pools.candidate_pool_bound()
    assert bound == 6
    job = published_job("Line Cook", skills=("python",))
    job_data = builders.job_data_for(builders.jobs_for_scoring().get(pk=job.pk))

    def add_profiles():
        for _ in range(10):
            make_profile(UserFactory(), headline="Line cook", skills=["Python"])

    add_profiles()
    get_taxonomy(), get_occupation_index()
    with CaptureQueriesContext(connection) as first:
        pool = pools.candidate_pool_for_job(job_data)
    assert 0 < len(pool) <= bound
    add_profiles()
    with CaptureQueriesContext(connection) as second:
        pool = pools.candidate_pool_for_job(job_data)
    assert 0 < len(pool) <= bound
    assert len(second.captured_queries) == len(first.captured_queries)
    parts = 1 if connection.features.supports_slicing_ordering_in_compound else 3
    assert len(first.captured_queries) == parts


def test_recommendations_run_a_fixed_number_of_queries_with_every_part(
    alice, occupations, django_assert_num_queries
):
    profile, _ = _candidate(
        make_profile(alice, headline="Line Cook", skills=["Python"], country="DE")
    )
    for n in range(3):
        published_job(f"Line Cook {n}", country="DE")
    refresh_search_vectors()
    get_taxonomy(), get_occupation_index(), current_corpus()  # once per process
    skills = len(pools.pool_skill_ids(["python"], limit=pools.POOL_SKILLS))
    pool_queries = (
        1 if connection.features.supports_slicing_ordering_in_compound else skills + 3
    )
    # pool (with its jobs' stamps), rows, skills, applied, page rows + their
    # skills
    with django_assert_num_queries(5 + pool_queries):
        selectors.recommendations_for(profile=profile)
