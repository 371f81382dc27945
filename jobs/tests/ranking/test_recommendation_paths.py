"""Recommendations and the rows they are built from: the same answers as
scoring every job of the pool from model instances."""

import pytest
from django.db import connection

from candidates.tests.factories import make_profile
from jobs.ranking import builders, pools, selectors
from jobs.tests.ranking.wiring import alice_profile, backend_job, published_job
from matching.engine import scoring
from matching.selectors import scoring_context

pytestmark = pytest.mark.django_db


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
    by_rows = {j.id: j for j in builders.job_data_for_ids([j.pk for j in jobs])}

    for job in builders.jobs_for_scoring().filter(pk__in=[j.pk for j in jobs]):
        assert by_rows[job.pk] == builders.job_data_for(job)
    assert len(by_rows) == 16
    assert builders.job_data_for_ids([]) == []


def test_recommendations_are_the_rank_of_the_pool_that_shares_something(alice, jobs):
    profile = builders.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    candidate = builders.candidate_data_for(profile)
    pool = pools.recommendation_pool(profile=profile, candidate=candidate)
    expected = scoring.rank(
        candidate, builders.job_data_for_ids(pool), scoring_context(), limit=20
    )

    got = [(job.pk, r) for job, r in selectors.recommendations_for(profile=profile)]

    assert got == [(r.job_id, r) for r in expected]
    assert len(got) == 16
    assert got[0][1].score == 87


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

    rows = builders.candidate_data_for_profiles(
        list(builders.profiles_for_ranking().filter(pk__in=ids).order_by("pk"))
    )

    one_by_one = [
        builders.candidate_data_for(p)
        for p in builders.profiles_for_scoring().filter(pk__in=ids).order_by("pk")
    ]
    assert rows == one_by_one
    assert [s.slug for s in rows[1].skills] == ["django", "go"]  # weaving: text only
    assert "Basket weaving" in rows[1].text
    assert rows[1].text.endswith("Now Python services\nLead \nDev ")  # model order
    assert builders.candidate_data_for_profiles([]) == []


# --- the bounded pool ----------------------------------------------------------


@pytest.fixture
def python_jobs(db):
    """Eight published Python jobs (ids ascending) and a Rust one."""
    made = [published_job(f"Python Engineer {i}", days_ago=1 + i) for i in range(8)]
    published_job("Rust Engineer", skills=("rust",))
    return made


def _pool(profile):
    profile = builders.profiles_for_scoring().get(pk=profile.pk)
    candidate = builders.candidate_data_for(profile)
    return pools.recommendation_pool(profile=profile, candidate=candidate)


def test_pool_takes_the_newest_jobs_per_skill_and_no_more(
    alice, python_jobs, monkeypatch, without_window
):
    monkeypatch.setattr(pools, "POOL_PER_SKILL", 3)
    profile = make_profile(alice, skills=["Python"])

    pool = _pool(profile)

    assert pool == [j.pk for j in python_jobs[::-1][:3]]


def test_pool_leaves_out_applied_jobs_and_fills_in_with_the_next(
    alice, python_jobs, monkeypatch, without_window
):
    from jobs.models import Application

    monkeypatch.setattr(pools, "POOL_PER_SKILL", 3)
    profile = make_profile(alice, skills=["Python"])
    newest = python_jobs[-1]
    Application.objects.create(job=newest, candidate=alice)

    pool = _pool(profile)

    assert newest.pk not in pool
    assert pool == [j.pk for j in python_jobs[::-1][1:4]]
    recommended = [job.pk for job, _ in selectors.recommendations_for(profile=profile)]
    assert newest.pk not in recommended and len(recommended) == 3


def test_pool_counts_each_skill_up_to_the_skill_limit(
    alice, python_jobs, monkeypatch, without_window
):
    """Python and Rust (2 skills) × 3: the 3 newest Python jobs and the Rust one."""
    monkeypatch.setattr(pools, "POOL_PER_SKILL", 3)
    monkeypatch.setattr(pools, "POOL_SKILLS", 2)
    profile = make_profile(alice, skills=["Python", "Rust"])

    pool = _pool(profile)

    rust = builders.jobs_for_scoring().get(title="Rust Engineer")
    assert pool == [rust.pk] + [j.pk for j in python_jobs[::-1][:3]]


def test_an_opted_out_candidate_still_gets_her_own_recommendations(
    alice, python_jobs, without_window
):
    """Opting out stops scoring for employers, not for the candidate herself."""
    profile = make_profile(alice, skills=["Python"], opt_out_of_matching=True)

    rows = selectors.recommendations_for(
        profile=builders.profiles_for_scoring().get(pk=profile.pk)
    )

    assert len(rows) == 8
    assert {job.pk for job, _ in rows} == {j.pk for j in python_jobs}


def test_recommendations_run_a_fixed_number_of_queries(
    alice, python_jobs, django_assert_num_queries
):
    from matching.corpus import current_corpus
    from matching.occupations import get_occupation_index
    from matching.skills import get_taxonomy

    profile = builders.profiles_for_scoring().get(
        pk=make_profile(alice, skills=["Python", "Django", "Rust"]).pk
    )
    get_taxonomy(), current_corpus(), get_occupation_index()  # once per process
    # The pool is one UNION on PostgreSQL; SQLite cannot limit a UNION's parts,
    # so it runs one query per pool skill (the profile's and related skills)
    # and one for the sort-by-match window (no headline: no text or occupation).
    pool_queries = (
        1
        if connection.features.supports_slicing_ordering_in_compound
        else len(
            pools.pool_skill_ids(["python", "django", "rust"], limit=pools.POOL_SKILLS)
        )
        + 1
    )
    # pool (with its jobs' stamps), rows, skills, applied, page rows + their
    # skills
    with django_assert_num_queries(5 + pool_queries):
        selectors.recommendations_for(profile=profile)
    with django_assert_num_queries(3):  # cached ranking: applied, page rows, skills
        selectors.recommendations_for(profile=profile)


def test_similar_jobs_come_from_the_newest_jobs_per_skill(python_jobs, monkeypatch):
    monkeypatch.setattr(selectors, "SIMILAR_PER_SKILL", 2)
    oldest = builders.jobs_for_scoring().get(pk=python_jobs[0].pk)

    similar = selectors.similar_jobs(job=oldest)

    # the 2 highest ids; equally similar, so by id
    assert [j.pk for j in similar] == [python_jobs[-2].pk, python_jobs[-1].pk]


def test_similar_jobs_without_skills_read_the_newest_titles(python_jobs, monkeypatch):
    from jobs.models import JobSkill

    monkeypatch.setattr(selectors, "SIMILAR_TITLE_WINDOW", 4)
    lone = python_jobs[0]
    JobSkill.objects.filter(job=lone).delete()

    similar = selectors.similar_jobs(job=builders.jobs_for_scoring().get(pk=lone.pk))

    # the 4 newest published: "Rust Engineer", "Python Engineer 0" (itself), 1
    # and 2; the longest word of its title, "engineer", is in each
    assert {j.title for j in similar} == {
        "Rust Engineer", "Python Engineer 1", "Python Engineer 2"
    }  # fmt: skip
