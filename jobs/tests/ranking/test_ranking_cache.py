"""Candidates ranked for a job: a bounded pool of visible profiles, and the ranking
cached under a key of everything it depends on."""

import pytest

from candidates import services as candidate_services
from candidates.tests.factories import make_profile
from jobs.models import Application, Job
from jobs.ranking import builders, pools, selectors
from jobs.tests.ranking.wiring import alice_profile, backend_job
from matching.corpus import current_corpus
from matching.skills import get_taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(acme):
    return backend_job(acme)


@pytest.fixture
def applied(job, alice, bob):
    """alice (87) and bob (Python only) applied; carol applied and opted out."""
    alice_profile(alice)
    make_profile(bob, skills=["Python"], city="Berlin", country="DE")
    carol = make_profile(skills=["Python", "Django"], opt_out_of_matching=True)
    for user in (alice, bob, carol.user):
        Application.objects.create(job=job, candidate=user)
    get_taxonomy(), current_corpus()  # once per process, not per request
    return carol


def _scores(rows):
    return [(row.profile.pk, row.score and row.score.precise) for row in rows]


def test_a_repeated_ranking_is_read_from_the_cache_with_the_same_rows(
    job, applied, django_assert_num_queries
):
    first = selectors.ranked_applicants(job=job)

    # applications, profiles, the job's skills; not the candidates' skills and
    # experience, and no scoring
    with django_assert_num_queries(3):
        again = selectors.ranked_applicants(job=job)

    assert [r.score for r in again] == [r.score for r in first]
    assert [r.profile.pk for r in again] == [r.profile.pk for r in first]
    assert first[0].score.score == 87
    assert (first[-1].profile.pk, first[-1].score) == (applied.pk, None)
    # the rows carry scores; `explain_rows` explains the rows a page shows
    assert {r.result for r in again} == {None}


def test_a_profile_change_gives_a_new_ranking(job, applied, alice, bob):
    before = _scores(selectors.ranked_applicants(job=job))
    bob_profile = bob.candidate_profile
    candidate_services.candidate_skill_save(
        profile=bob_profile, name="Django", level=3, years=1
    )
    candidate_services.profile_changed(profile=bob_profile)

    after = _scores(selectors.ranked_applicants(job=job))

    assert before[1][0] == bob_profile.pk and after[1][0] == bob_profile.pk
    assert after[1][1] > before[1][1]  # bob has both required skills now
    assert after[0] == before[0]


def test_a_job_change_gives_a_new_ranking(job, applied):
    before = _scores(selectors.ranked_applicants(job=job))
    job.min_years_experience = 10
    job.save(update_fields=["min_years_experience"])

    after = _scores(selectors.ranked_applicants(job=job))

    # alice has 5 years, not 10: experience 100 → 75, at weight 5 of 87 (no
    # occupation loaded: every weight but occupation's)
    assert after[0][1] == round(before[0][1] - 25 * 5 / 87, 4)


def test_opting_out_is_seen_at_once_despite_the_cache(job, applied, alice):
    selectors.ranked_applicants(job=job)
    profile = alice.candidate_profile
    profile.opt_out_of_matching = True
    candidate_services.profile_save(profile=profile)

    rows = selectors.ranked_applicants(job=job)

    alice_row = next(r for r in rows if r.profile.pk == profile.pk)
    assert alice_row.score is None
    assert alice_row.not_scored_reason == "not scored at the candidate's request"


def test_the_visible_pool_takes_the_newest_profiles_per_skill(job, monkeypatch):
    """The backend job's skills: Python, Django, Docker (+ related ones): 2 per
    skill; hidden profiles never, opted-out ones listed unscored."""
    monkeypatch.setattr(pools, "CANDIDATE_POOL_PER_SKILL", 2)
    monkeypatch.setattr(pools, "CANDIDATE_POOL_SKILLS", 1)  # Django only
    django = [make_profile(skills=["Django"]) for _ in range(4)]
    hidden = make_profile(skills=["Django"], visibility="hidden")
    job_data = builders.job_data_for(builders.jobs_for_scoring().get(pk=job.pk))

    pool = pools.candidate_pool_for_job(job_data)

    assert [s.slug for s in job_data.skills][0] == "django"
    assert pool == [django[3].pk, django[2].pk]
    assert hidden.pk not in pool

    out = make_profile(skills=["Django"], opt_out_of_matching=True)
    rows = selectors.ranked_candidates_for_job(job=job)
    assert [(r.profile.pk, r.score is None) for r in rows][-1] == (out.pk, True)
    assert {r.profile.pk for r in rows} == {out.pk, django[3].pk}


def test_explain_rows_explains_the_rows_given_as_scoring_each_pair(
    job, applied, alice, bob, django_assert_num_queries
):
    rows = selectors.ranked_applicants(job=job)

    # scored by this call: the job's and the candidates' data came with the rows
    with django_assert_num_queries(0):
        shown = selectors.explain_rows(ranking=rows, rows=rows[1:])

    assert [r.profile.pk for r in shown] == [bob.candidate_profile.pk, applied.pk]
    bob_row, carol_row = shown
    expected = selectors.match_for_employer(
        profile=builders.profile_for_scoring(bob), job=Job.objects.get(pk=job.pk)
    )
    assert bob_row.result == expected
    assert (bob_row.score.precise, bob_row.score.score) == (
        expected.precise,
        expected.score,
    )
    assert (carol_row.score, carol_row.result) == (None, None)
    again = selectors.ranked_applicants(job=job)  # the order read from the cache
    with django_assert_num_queries(0):  # nothing to explain, or explained before
        assert selectors.explain_rows(ranking=again, rows=again[2:]) == again[2:]
        assert selectors.explain_rows(ranking=again, rows=[]) == []
        assert selectors.explain_rows(ranking=again, rows=again[1:]) == shown
    with django_assert_num_queries(2):  # the candidates' skills and experience
        (first,) = selectors.explain_rows(ranking=again, rows=again[:1])
    assert first.result == selectors.match_for_employer(
        profile=builders.profile_for_scoring(alice), job=Job.objects.get(pk=job.pk)
    )
    assert first.result.score == 87


def test_explanations_follow_the_ranking_they_belong_to(job, applied, bob):
    """Explanations are kept under the ranking's key: a profile change gives
    a new ranking and new explanations, never the old ones."""
    rows = selectors.ranked_applicants(job=job)
    before = selectors.explain_rows(ranking=rows, rows=rows)[1].result
    bob_profile = bob.candidate_profile
    candidate_services.candidate_skill_save(
        profile=bob_profile, name="Django", level=3, years=1
    )
    candidate_services.profile_changed(profile=bob_profile)

    rows = selectors.ranked_applicants(job=job)
    after = selectors.explain_rows(ranking=rows, rows=rows)[1].result

    assert after.candidate_id == bob_profile.pk
    assert "Django" in after.matched_skills and "Django" not in before.matched_skills
    assert after.score == rows[1].score.score > before.score
