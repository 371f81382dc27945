"""Recommendations read plain rows and the text of few jobs; same answers as
scoring every job of the pool from model instances."""

import pytest
from django.core.cache import cache

from matching import selectors
from matching.engine import scoring
from matching.providers import _load
from matching.tests.wiring import alice_profile, backend_job, published_job

pytestmark = pytest.mark.django_db


class RankOnlyProvider:
    """A provider without the optional `rank_top` (an embedding service, say)."""

    name = "rank-only"

    def score(self, candidate, job, context=None, *, audience="candidate"):
        return scoring.score(candidate, job, context, audience=audience)

    def rank(self, candidate, jobs, context=None, *, limit=None):
        return scoring.rank(candidate, jobs, context, limit=limit)

    def rank_candidates(self, job, candidates, context=None, *, limit=None):
        return scoring.rank_candidates(job, candidates, context, limit=limit)


@pytest.fixture
def jobs(acme):
    made = [backend_job(acme)]
    for i, skills in enumerate(
        [("python",), ("django",), ("python", "docker"), ("flask",), ("go", "python")]
        * 3
    ):
        made.append(
            published_job(
                f"Engineer {i}",
                skills=skills,
                days_ago=1 + i,
                description=f"<p>Python <b>team</b> {i} &amp; friends</p>",
                city="Berlin" if i % 2 else "Hamburg",
                country="DE",
            )
        )
    return made


def test_job_data_for_ids_equals_job_data_for_each_job(jobs):
    by_rows = {j.id: j for j in selectors.job_data_for_ids([j.pk for j in jobs])}

    for job in selectors.jobs_for_scoring().filter(pk__in=[j.pk for j in jobs]):
        assert by_rows[job.pk] == selectors.job_data_for(job)
    assert len(by_rows) == 16
    assert selectors.job_data_for_ids([]) == []


def test_pool_without_text_is_the_pool_and_loads_the_same_jobs(alice, jobs):
    profile = selectors.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    candidate = selectors.candidate_data_for(profile)
    pool = selectors.recommendation_pool(profile=profile, candidate=candidate)

    light, full_jobs = selectors._pool_without_text(
        profile=profile, candidate=candidate
    )

    assert [j.id for j in light] == pool
    assert {j.text for j in light} == {""}
    assert sorted(full_jobs(pool), key=lambda j: j.id) == sorted(
        selectors.job_data_for_ids(pool), key=lambda j: j.id
    )


def test_recommendations_equal_the_plain_rank_of_the_pool(alice, jobs, settings):
    profile = selectors.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    fast = [(job.pk, r) for job, r in selectors.recommendations_for(profile=profile)]

    settings.MATCHING_PROVIDER = f"{__name__}.RankOnlyProvider"
    _load.cache_clear()
    cache.clear()
    try:
        plain = [
            (job.pk, r) for job, r in selectors.recommendations_for(profile=profile)
        ]
    finally:
        _load.cache_clear()

    assert fast == plain
    assert len(fast) == 16
    assert fast[0][1].score == 94


def test_candidate_data_for_profiles_equals_candidate_data_for_each(alice, bob):
    from datetime import date

    from candidates.tests.factories import make_profile

    made = [
        alice_profile(alice, summary="Ten years of Python."),
        make_profile(
            bob, skills=["Django", "Basket weaving", "Go"], titles=["Dev", "Lead"]
        ),
        make_profile(skills=[]),
    ]
    made[1].experience.create(
        title="Now", employer_name="Acme", start_date=date(2023, 1, 1),
        description="Python services", is_current=True,
    )  # fmt: skip
    ids = [p.pk for p in made]

    rows = selectors.candidate_data_for_profiles(
        list(selectors.profiles_for_ranking().filter(pk__in=ids).order_by("pk"))
    )

    one_by_one = [
        selectors.candidate_data_for(p)
        for p in selectors.profiles_for_scoring().filter(pk__in=ids).order_by("pk")
    ]
    assert rows == one_by_one
    assert [s.slug for s in rows[1].skills] == ["django", "go"]  # weaving: text only
    assert "Basket weaving" in rows[1].text
    assert rows[1].text.endswith("Now Python services\nLead \nDev ")  # model order
    assert selectors.candidate_data_for_profiles([]) == []
