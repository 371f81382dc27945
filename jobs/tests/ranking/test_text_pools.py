"""Pools are never empty when relevant items exist: a profile or job without
linked skills draws its pool from the text (title words), still bounded and with
the same place, recency, applied and visibility filters."""

import pytest

from accounts.tests.factories import UserFactory
from candidates.models import Visibility
from candidates.tests.factories import make_profile
from jobs.models import Application
from jobs.ranking import builders, pools
from jobs.services import refresh_search_vectors
from jobs.tests.ranking.wiring import published_job

pytestmark = pytest.mark.django_db

RECS = "/api/v1/ai/recommendations/"


def ranked_url(job):
    return f"/api/v1/ai/jobs/{job.pk}/candidates/"


@pytest.fixture
def cook(alice):
    # skills the taxonomy does not know: no linked skill at all
    return make_profile(
        alice,
        headline="Line Cook",
        city="Berlin",
        country="DE",
        skills=["Knife work", "Mise en place"],
    )


def test_a_profile_without_linked_skills_still_gets_recommendations(
    api_as, alice, cook, without_window
):
    line_cook = published_job("Line Cook", skills=(), country="DE")
    prep_cook = published_job("Prep Cook wanted", skills=(), country="DE")
    applied = published_job("Cook", skills=(), country="DE")
    Application.objects.create(job=applied, candidate=alice)
    published_job("Python Developer", skills=("python",), country="DE")
    published_job("Old cook job", skills=(), country="DE", days_ago=200)
    published_job("Cook in Paris", skills=(), country="FR")
    refresh_search_vectors()  # factories write rows directly (PostgreSQL)
    assert {s.skill_id for s in cook.skills.all()} == {None}

    response = api_as(alice).get(RECS)

    assert response.status_code == 200
    ids = {row["job"]["id"] for row in response.json()}
    assert ids == {line_cook.pk, prep_cook.pk}


def test_a_headline_without_content_words_gives_an_empty_pool(
    api_as, alice, without_window
):
    make_profile(alice, headline="Sr. II", country="DE")
    published_job("Line Cook", skills=(), country="DE")
    refresh_search_vectors()

    response = api_as(alice).get(RECS)

    assert response.status_code == 200
    assert response.json() == []


def test_the_text_pool_is_bounded(alice, cook, monkeypatch, without_window):
    monkeypatch.setattr(pools, "TEXT_POOL", 3)
    jobs = [published_job(f"Line Cook {n}", skills=(), country="DE") for n in range(5)]
    refresh_search_vectors()
    candidate = builders.candidate_data_for(
        builders.profiles_for_scoring().get(pk=cook.pk)
    )

    pool = pools.recommendation_pool(profile=cook, candidate=candidate)

    assert pool == [job.pk for job in reversed(jobs)][:3]


def test_a_job_without_linked_skills_still_ranks_visible_profiles(api_as, olivia, acme):
    job = published_job("Line Cook", skills=(), company=acme)
    visible = make_profile(UserFactory(), headline="Line cook", country="DE")
    make_profile(UserFactory(), headline="Line cook", visibility=Visibility.HIDDEN)
    make_profile(UserFactory(), headline="Python developer", skills=["Python"])

    response = api_as(olivia).get(ranked_url(job))

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["name"] for r in rows] == [visible.user.full_name]
