"""`scoring._skill_scores`: every candidate's skills score and cap against one
job at once are the floats `_skills` gives pair by pair, on generated people
around generated jobs with the real taxonomy's links and categories, and on
the edges (no skills on either side, years of 0, unknown years, a job whose
must-haves are all generic tools)."""

from dataclasses import replace

import pytest

from matching.engine import scoring
from matching.engine.text import Bm25Idf
from matching.engine.types import CandidateSkill, JobSkill
from matching.tests.generated import (
    file_context,
    make_candidates,
    make_job,
)


@pytest.fixture(scope="module")
def context():
    return file_context()


def sides(job, candidates, context):
    idf = Bm25Idf(None)
    j = scoring._job_side(job, context, idf, None)
    cs, _ = scoring._candidate_sides(candidates, context, idf, None)
    return j, cs


def each_pair(cs, j):
    return [scoring._skills(c, j, explain=False) for c in cs]


def test_every_candidate_gets_the_floats_of_its_pair(context):
    everyone = []
    for seed, n_skills in [(3, 8), (7, 8), (11, 3), (19, 12), (5, 1)]:
        job = make_job(seed, n_skills=n_skills)
        j, cs = sides(job, make_candidates(job, 400, seed=seed + 1), context)

        scored = scoring._skill_scores(cs, j, context.categories)

        assert scored == each_pair(cs, j)  # exactly: same floats, same caps
        everyone += scored
    # the data reaches every branch: held skills, partial credit, caps or not
    assert 0 < sum(cap is None for _, cap in everyone) < len(everyone)
    assert len({score for score, _ in everyone}) > 100


def test_the_edges_give_the_floats_of_their_pairs(context):
    job = make_job(3, n_skills=6)
    slugs = [s.slug for s in job.skills]
    job = replace(
        job,
        skills=(
            replace(job.skills[0], min_years=3.0),
            replace(job.skills[1], min_years=None),
            *job.skills[2:],
        ),
    )
    people = make_candidates(job, 6, seed=2)
    people = [
        replace(people[0], skills=()),  # no skills at all
        replace(people[1], skills=(CandidateSkill(slugs[0], "x", years=0.0),)),
        replace(people[2], skills=(CandidateSkill(slugs[0], "x", years=None),)),
        replace(people[3], skills=(CandidateSkill(slugs[0], "x", years=30.0),)),
        replace(people[4], skills=(CandidateSkill("not-a-skill", "x"),)),
        people[5],
    ]
    j, cs = sides(job, people, context)
    assert scoring._skill_scores(cs, j, context.categories) == each_pair(cs, j)

    no_skills = replace(job, skills=())
    j, cs = sides(no_skills, people, context)
    assert scoring._skill_scores(cs, j, context.categories) == [(0.0, None)] * 6

    assert scoring._skill_scores([], sides(job, people, context)[0], {}) == []


def test_a_job_whose_must_haves_are_generic_tools_never_caps(context):
    job = make_job(7, n_skills=4)
    generic = replace(context, rarity={s.slug: 0.05 for s in job.skills if s.required})
    j, cs = sides(job, make_candidates(job, 200, seed=9), generic)
    assert j.capping == 0

    scored = scoring._skill_scores(cs, j, generic.categories)

    assert scored == each_pair(cs, j)
    assert all(cap is None for _, cap in scored)


def test_a_job_skill_without_links_or_category_still_matches_by_slug(context):
    job = make_job(3, n_skills=2)
    people = make_candidates(job, 50, seed=4)
    job = replace(
        job, skills=(JobSkill(slug="made-up-skill", name="Made up", required=True),)
    )
    people[0] = replace(people[0], skills=(CandidateSkill("made-up-skill", "m"),))
    j, cs = sides(job, people, context)

    scored = scoring._skill_scores(cs, j, context.categories)

    assert scored == each_pair(cs, j)
    assert scored[0] == (100.0, None)
    assert scored[1][1] is not None  # everyone else misses the must-have
