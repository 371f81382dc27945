"""Prepared sides kept across calls (matching.engine.prepared): the same scores
with the cache as without it, on the call that fills it and on the calls that
read it; never a stale side; bounded; and the process's cache in
`scoring_context`."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from matching.engine import scoring
from matching.engine.prepared import PreparedCache, context_parts
from matching.engine.scoring import rank, rank_candidates, score
from matching.engine.text import corpus_stats
from matching.selectors import scoring_context
from matching.tests.generated import (
    file_context,
    make_candidates,
    make_job,
    make_jobs,
)


@pytest.fixture(scope="module")
def world():
    jobs = make_jobs(60, seed=4)
    candidates = make_candidates(jobs[0], 40, seed=6)
    context = file_context(corpus=corpus_stats([j.text for j in jobs]))
    return jobs, candidates, context


def kept(context, **sizes):
    return replace(context, prepared=PreparedCache(context_parts(context), **sizes))


def test_rankings_with_the_cache_equal_those_without_on_the_first_and_later_calls(
    world,
):
    jobs, candidates, context = world
    cached = kept(context)
    for candidate in candidates[:5]:
        plain = rank(candidate, jobs, context)
        assert rank(candidate, jobs, cached) == plain  # fills
        assert rank(candidate, jobs, cached) == plain  # reads
    plain = rank_candidates(jobs[3], candidates, context)
    assert rank_candidates(jobs[3], candidates, cached) == plain
    assert rank_candidates(jobs[3], candidates, cached) == plain
    assert len(cached.prepared.jobs) == 60
    assert len(cached.prepared.candidates) == 40


def test_a_ranking_reads_the_sides_kept_and_prepares_only_the_others(world):
    jobs, candidates, context = world
    cached = kept(context)
    rank_candidates(jobs[3], candidates[::2], cached)  # keeps every other one
    first = {c: cached.prepared.candidates.get(c) for c in candidates[::2]}
    assert len(cached.prepared.candidates) == 20

    assert rank_candidates(jobs[3], candidates, cached) == rank_candidates(
        jobs[3], candidates, context
    )
    assert len(cached.prepared.candidates) == 40
    assert all(cached.prepared.candidates.get(c) is side for c, side in first.items())
    rank(candidates[0], jobs[:30], cached)
    assert rank(candidates[0], jobs, cached) == rank(candidates[0], jobs, context)
    assert len(cached.prepared.jobs) == 60


def test_score_reads_the_cache_rankings_filled_and_agrees_with_them(world):
    jobs, candidates, context = world
    cached = kept(context)
    candidate = candidates[7]
    ranked = {r.job_id: r for r in rank(candidate, jobs, cached)}
    assert len(cached.prepared.jobs) == 60
    assert score(candidate, jobs[5], cached) == ranked[jobs[5].id]
    assert score(candidate, jobs[5], cached) == score(candidate, jobs[5], context)
    assert len(cached.prepared.jobs) == 60


def test_an_edited_job_or_candidate_is_prepared_again_never_served_stale(world):
    jobs, candidates, context = world
    cached = kept(context)
    job, candidate = jobs[0], candidates[0]
    before = score(candidate, job, cached)
    edited = replace(job, text=candidate.text)  # the person's own words
    after = score(candidate, edited, cached)
    assert after == score(candidate, edited, context)
    assert after.components[0].score > before.components[0].score  # text
    assert score(replace(candidate, text=""), job, cached).components[0].score == 0.0


def test_a_cache_is_not_read_under_other_context_parts(world):
    jobs, candidates, context = world
    cache = PreparedCache(context_parts(context))
    other = replace(context, corpus=corpus_stats([c.text for c in candidates]))
    under_other = replace(other, prepared=cache)
    assert cache.serves(replace(context, prepared=cache))
    assert not cache.serves(under_other)
    assert rank(candidates[0], jobs, under_other) == rank(candidates[0], jobs, other)
    assert len(cache.jobs) == len(cache.candidates) == 0


def test_each_table_keeps_at_most_its_size_least_recently_used_dropped(world):
    jobs, candidates, context = world
    cached = kept(context, jobs=3, candidates=2)
    table = cached.prepared.jobs
    for job in jobs[:3]:
        score(candidates[0], job, cached)
    score(candidates[0], jobs[0], cached)  # jobs[0] used again: jobs[1] is oldest
    score(candidates[1], jobs[3], cached)
    assert len(table) == 3
    assert table.get(jobs[1]) is None
    assert all(table.get(job) is not None for job in (jobs[0], jobs[2], jobs[3]))
    assert len(cached.prepared.candidates) == 2


def test_a_kept_jobs_memo_is_emptied_past_its_limit(world, monkeypatch):
    jobs, candidates, context = world
    monkeypatch.setattr(scoring, "MEMO_LIMIT", 3)
    cached = kept(context)
    rank_candidates(jobs[0], candidates, cached)
    memo = cached.prepared.jobs.get(jobs[0]).memo
    assert len(memo) > 3
    # the next call that reads the job empties it first
    assert scoring._job_side(jobs[0], cached, None, cached.prepared).memo == {}
    expected = rank_candidates(jobs[0], candidates, context)
    assert rank_candidates(jobs[0], candidates, cached) == expected


def test_threads_sharing_the_cache_get_the_scores_of_one_thread(world):
    jobs, candidates, context = world
    cached = kept(context, jobs=20)  # smaller than the pool: tables churn
    expected = [rank(c, jobs, context, limit=5) for c in candidates[:8]]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda c: rank(c, jobs, cached, limit=5), candidates[:8]))
    assert got == expected


@pytest.mark.django_db
def test_the_process_keeps_one_cache_until_the_taxonomy_changes(settings):
    from matching.models import Skill
    from matching.services import taxonomy_bump_version

    taxonomy_bump_version()  # a cache no earlier test has filled
    first = scoring_context()
    assert first.prepared is not None and first.prepared.serves(first)
    assert len(first.prepared.jobs) == 0
    job = make_job()
    score(make_candidates(job, 1)[0], job, first)
    second = scoring_context()
    assert second.prepared is first.prepared
    assert len(second.prepared.jobs) == 1
    Skill.objects.create(name="Zymurgy", slug="zymurgy", category="science")
    taxonomy_bump_version()
    third = scoring_context()
    assert third.prepared is not first.prepared
    assert len(third.prepared.jobs) == 0
    assert third.prepared.jobs.maxsize == settings.MATCHING_PREPARED["jobs"]
