"""The pure engine: every component at its edges, the cap, ties, explanations."""

import math

import pytest

from matching.engine.local import LocalProvider
from matching.engine.occupations import OccupationEntry, OccupationIndex
from matching.engine.scoring import OptedOut, rank, rank_candidates, score
from matching.engine.text import bm25, bm25_idf, corpus_stats
from matching.engine.types import (
    CandidateData,
    CandidateSkill,
    JobData,
    JobSkill,
    Salary,
    ScoringContext,
    yearly,
)

PY = CandidateSkill("python", "Python", years=5)
DJ = CandidateSkill("django", "Django", years=4)


def job(**kw):
    defaults = {
        "id": 10,
        "title": "Backend developer",
        "skills": (JobSkill("python", "Python"), JobSkill("django", "Django")),
        "city": "Berlin",
        "country": "DE",
        "remote_policy": "onsite",
    }
    return JobData(**(defaults | kw))


def candidate(**kw):
    defaults = {"id": 1, "skills": (PY, DJ), "city": "Berlin", "country": "DE"}
    return CandidateData(**(defaults | kw))


def comp(result, name):
    return result.component(name).score


def test_a_match_on_everything_but_repeated_words_scores_93_with_reasons():
    result = score(
        candidate(
            years_experience=5,
            level="senior",
            salary=Salary(60000, None, "EUR"),
            text="Backend developer Python Django",
        ),
        job(
            min_years=3,
            level="senior",
            salary=Salary(55000, 70000, "EUR"),
            text="Backend developer Python Django",
        ),
    )

    # the same words once each: BM25 gives 1 of the 2.2 a term can reach
    # (k1 + 1), √(1 / 2.2) = 67.42; the same text is 100 % alike; everything
    # else 100; no occupation index and no word vectors, so no occupation or
    # meaning component: (67.42 × 16 + 100 × 44 + 100 × 18) / 78
    assert result.component("text").score == 67.42
    assert result.component("similarity").score == 100.0
    assert result.component("similarity").reasons == (
        "the texts are 100% alike as a whole (TF-IDF cosine)",
    )
    assert result.precise == pytest.approx(
        (67.42 * 16 + 100 * 44 + 100 * 18) / 78, abs=1e-4
    )
    assert result.score == 93
    assert [c.name for c in result.components] == [
        "text",
        "similarity",
        "skills",
        "experience",
        "location",
        "salary",
    ]
    assert result.matched_skills == ("Python", "Django")
    assert result.partial_skills == ()
    assert result.missing_skills == ()
    assert result.explanation == (
        "all 2 required skills; 5 years of experience (3 asked); salary fits; "
        "same city (Berlin)"
    )


def test_the_issue_example_explanation():
    result = score(
        candidate(remote_preference="remote", salary=Salary(50000, None, "EUR")),
        job(
            skills=tuple(JobSkill(s, s.title()) for s in ["python", "django", "sql"])
            + (JobSkill("docker", "Docker"), JobSkill("redis", "Redis")),
            salary=Salary(50000, 65000, "EUR"),
        ),
    )

    assert result.explanation.startswith("2 of 5 required skills; salary fits; ")
    assert result.explanation.endswith(
        "the job is onsite in Berlin and you prefer remote; "
        "capped because required skills are missing"
    )


def test_skills_required_weigh_twice_nice_to_have():
    the_job = job(
        skills=(JobSkill("python", "Python"), JobSkill("rust", "Rust", required=False))
    )
    has_required = score(candidate(skills=(PY,)), the_job)
    has_nice = score(candidate(skills=(CandidateSkill("rust"),)), the_job)

    assert comp(has_required, "skills") == pytest.approx(100 * 2 / 3, abs=0.01)
    assert comp(has_nice, "skills") == pytest.approx(100 * 1 / 3, abs=0.01)


def test_skills_years_below_the_minimum_reduce_credit_with_a_floor():
    one_skill = (JobSkill("python", "Python", min_years=4),)
    two_years = candidate(skills=(CandidateSkill("python", years=2),))
    half_year = candidate(skills=(CandidateSkill("python", years=0.5),))
    unknown = candidate(skills=(CandidateSkill("python"),))

    assert comp(score(two_years, job(skills=one_skill)), "skills") == 50.0
    assert comp(score(half_year, job(skills=one_skill)), "skills") == 50.0
    assert comp(score(unknown, job(skills=one_skill)), "skills") == 80.0


def test_related_skills_give_partial_credit_and_are_reported():
    context = ScoringContext(related={"django": {"flask": 0.5}})
    result = score(
        candidate(skills=(DJ,)),
        job(skills=(JobSkill("flask", "Flask"),)),
        context,
    )

    assert comp(result, "skills") == 50.0
    assert result.partial_skills == ("Flask",)
    assert result.missing_skills == ()
    assert not result.capped


def test_related_credit_is_symmetric_and_takes_the_best_link():
    context = ScoringContext(
        related={"flask": {"django": 0.4}, "python": {"flask": 0.3}}
    )
    result = score(candidate(), job(skills=(JobSkill("flask", "Flask"),)), context)

    assert comp(result, "skills") == 40.0


def test_a_job_without_linked_skills_scores_0_for_skills_and_counts_by_text():
    # was a neutral 50, which lifted unrelated jobs above a person's own occupation
    no_text = score(candidate(), job(skills=()))
    with_text = score(
        candidate(text="python django backend services"),
        job(skills=(), text="backend services in python"),
    )

    assert comp(no_text, "skills") == 0.0
    assert no_text.component("skills").reasons == ("the job lists no linked skills",)
    assert comp(no_text, "text") == 0.0
    # location 100 × 5, experience 50 × 5 and salary 50 × 2, of 78
    assert comp(no_text, "similarity") == 0.0
    assert no_text.precise == pytest.approx((500 + 250 + 100) / 78, abs=1e-4)
    assert comp(with_text, "skills") == 0.0
    assert comp(with_text, "text") == 58.39  # 3 of 4 query words, once: √(3 / 8.8)


def test_an_unrelated_job_without_skills_ranks_below_the_persons_own_job():
    person = candidate(text="python django backend developer")
    own = job(id=1, text="backend developer python django")
    unrelated = job(id=2, skills=(), text="registered nurse wound care icu")

    ranked = rank(person, [unrelated, own])

    assert [r.job_id for r in ranked] == [1, 2]


EXCEL = CandidateSkill("microsoft-excel", "Microsoft Excel")
RARITY = ScoringContext(rarity={"microsoft-excel": 0.07})


def test_a_shared_generic_tool_is_weak_evidence():
    only_excel = job(skills=(JobSkill("microsoft-excel", "Microsoft Excel"),))

    result = score(candidate(skills=(EXCEL,)), only_excel, RARITY)

    # 7 % of the component from the tool, the rest from the text (none here)
    assert comp(result, "skills") == 7.0
    assert comp(score(candidate(skills=(EXCEL,)), only_excel), "skills") == 100.0


def test_skills_weigh_by_rarity_and_a_missing_generic_tool_never_caps():
    the_job = job(
        skills=(JobSkill("python", "Python"), JobSkill("microsoft-excel", "Excel"))
    )

    has_python = score(candidate(skills=(PY,)), the_job, RARITY)
    has_excel = score(candidate(skills=(EXCEL,)), the_job, RARITY)

    assert comp(has_python, "skills") == 93.46  # 2 of 2.14
    assert not has_python.capped
    assert comp(has_excel, "skills") == 6.54  # 0.14 of 2.14
    assert has_excel.capped  # Python is missing: cap 95 + 5 × 0 of 1
    assert has_excel.missing_skills == ("Python",)


def test_missing_required_skills_cap_the_total():
    the_job = job(
        skills=tuple(JobSkill(s, s) for s in ["python", "django", "go", "rust"])
    )
    result = score(candidate(), the_job)

    # coverage 2/4 → cap 0.95 + 0.05 × 0.5 = 0.975; total scaled by 0.975
    uncapped = (0 * 16 + 0 * 44 + 50 * 6 + 50 * 5 + 100 * 5 + 50 * 2) / 78
    assert result.capped
    assert result.precise == pytest.approx(uncapped * 0.975, abs=1e-4)
    assert result.precise == 14.375
    assert result.missing_skills == ("go", "rust")


def test_no_required_skill_at_all_scales_the_total_by_the_cap_floor():
    result = score(
        candidate(skills=()),
        job(skills=(JobSkill("python", "Python"),), remote_policy="remote"),
    )

    assert result.capped
    # (location 100 × 5 + experience 50 × 5 + salary 50 × 2) / 78 × 0.95
    assert result.precise == pytest.approx(850 / 78 * 0.95, abs=1e-4)


@pytest.mark.parametrize(
    ("cand_level", "job_level", "expected"),
    [
        ("senior", "senior", 100.0),
        ("mid", "senior", 60.0),
        ("junior", "senior", 20.0),
        ("lead", "senior", 85.0),
        ("executive", "mid", 60.0),
    ],
)
def test_experience_level_edges(cand_level, job_level, expected):
    result = score(candidate(level=cand_level), job(level=job_level))

    assert comp(result, "experience") == expected


@pytest.mark.parametrize(
    ("years", "expected"), [(0, 0.0), (2, 50.0), (4, 100.0), (9, 100.0), (None, 50.0)]
)
def test_experience_years_edges(years, expected):
    result = score(candidate(years_experience=years), job(min_years=4))

    assert comp(result, "experience") == expected


def test_experience_unknown_is_neutral():
    assert comp(score(candidate(), job()), "experience") == 50.0


@pytest.mark.parametrize(
    ("cand", "the_job", "expected"),
    [
        ({}, {}, 100.0),
        ({"city": "Munich"}, {}, 60.0),
        ({"city": "Munich", "willing_to_relocate": True}, {}, 85.0),
        ({"city": "Paris", "country": "FR"}, {}, 10.0),
        ({"city": "Paris", "country": "FR", "willing_to_relocate": True}, {}, 70.0),
        ({"remote_preference": "remote"}, {}, 50.0),
        ({"remote_preference": "remote"}, {"remote_policy": "hybrid"}, 75.0),
        ({"remote_preference": "onsite"}, {"remote_policy": "hybrid"}, 90.0),
        ({"country": "", "city": ""}, {}, 50.0),
        ({"city": "Lima", "country": "PE"}, {"remote_policy": "remote"}, 100.0),
        ({"remote_preference": "onsite"}, {"remote_policy": "remote"}, 80.0),
    ],
)
def test_location_and_remote_edges(cand, the_job, expected):
    result = score(candidate(**cand), job(**the_job))

    assert comp(result, "location") == expected


@pytest.mark.parametrize(
    ("wanted", "offered", "expected", "reason"),
    [
        (Salary(50000, None, "EUR"), Salary(40000, 60000, "EUR"), 100.0, "salary fits"),
        (
            Salary(30000, 35000, "EUR"),
            Salary(40000, 60000, "EUR"),
            100.0,
            "salary fits",
        ),
        (Salary(60000, None, "EUR"), Salary(40000, 60000, "EUR"), 100.0, "salary fits"),
        (
            Salary(66000, None, "EUR"),
            Salary(40000, 60000, "EUR"),
            60.0,
            "salary expectation 10% above the range",
        ),
        (
            Salary(90000, None, "EUR"),
            Salary(40000, 60000, "EUR"),
            0.0,
            "salary expectation 50% above the range",
        ),
        (
            Salary(50000, None, "GBP"),
            Salary(40000, 60000, "EUR"),
            50.0,
            "salary in GBP vs EUR, not compared",
        ),
        (None, Salary(40000, 60000, "EUR"), 50.0, "salary not known on both sides"),
    ],
)
def test_salary_edges(wanted, offered, expected, reason):
    result = score(candidate(salary=wanted), job(salary=offered))

    assert comp(result, "salary") == expected
    assert result.component("salary").reasons == (reason,)


def test_yearly_normalises_periods():
    assert yearly(4000, "month") == 48000.0
    assert yearly(20, "hour") == 41600.0
    assert yearly(None) is None


def test_text_is_bm25_as_a_share_of_the_best_and_0_without_text():
    texts = ["python django backend", "nurse icu patient care", "python services"]
    corpus = corpus_stats(texts)
    context = ScoringContext(corpus=corpus)
    same = score(
        candidate(text="python django backend"),
        job(text="python django backend"),
        context,
    )
    unrelated = score(
        candidate(text="nurse icu patient care"), job(text="python backend"), context
    )
    none = score(candidate(text=""), job(text="python backend"), context)

    # Σ bm25 over the query's terms ÷ (Σ idf × 2.2), then √
    best = sum(bm25_idf(t, corpus) for t in ("python", "django", "backend")) * 2.2
    expected = 100 * math.sqrt(
        bm25("python django backend", "python django backend", corpus) / best
    )
    assert comp(same, "text") == round(expected, 2) == 67.42
    assert comp(unrelated, "text") == 0.0
    assert comp(none, "text") == 0.0
    assert none.component("text").reasons == ("no text to compare (you gave none)",)


def test_text_alone_orders_jobs_exactly_as_bm25():
    jobs = [
        job(id=i, skills=(), text=t)
        for i, t in enumerate(
            [
                "python backend services and python tooling",
                "django web backend",
                "nurse icu patient care",
                "python django backend developer with a long description of "
                "everything the team does every day",
                "backend",
            ],
            start=1,
        )
    ]
    corpus = corpus_stats([j.text for j in jobs])
    person = candidate(skills=(), text="python django backend developer")
    by_bm25 = sorted(jobs, key=lambda j: (-bm25(person.text, j.text, corpus), j.id))

    ranked = rank(person, jobs, ScoringContext(corpus=corpus))

    assert [r.job_id for r in ranked] == [j.id for j in by_bm25] == [4, 1, 2, 5, 3]


def test_scores_are_deterministic():
    c = candidate(text="python developer", salary=Salary(1, None, "EUR"))
    j = job(text="python developer wanted", salary=Salary(1, 2, "EUR"))

    assert score(c, j) == score(c, j)


def test_rank_breaks_ties_by_job_id():
    jobs = [job(id=3), job(id=1), job(id=2), job(id=4, skills=(JobSkill("go", "Go"),))]

    assert [r.job_id for r in rank(candidate(), jobs)] == [1, 2, 3, 4]
    assert [r.job_id for r in rank(candidate(), jobs, limit=2)] == [1, 2]


def test_rank_candidates_ties_by_id_and_skips_opted_out():
    people = [
        candidate(id=5),
        candidate(id=2),
        candidate(id=9, opted_out=True),
        candidate(id=1, skills=()),
    ]

    results = rank_candidates(job(), people)

    assert [r.candidate_id for r in results] == [2, 5, 1]


def test_opted_out_candidate_is_never_scored_for_employers():
    with pytest.raises(OptedOut):
        score(candidate(opted_out=True), job(), audience="employer")


def test_employer_audience_speaks_of_the_candidate():
    result = score(candidate(remote_preference="remote"), job(), audience="employer")

    assert result.explanation.endswith(
        "the job is onsite in Berlin and the candidate prefers remote"
    )


def test_local_provider_is_the_default_seam(settings):
    from matching.providers import _load, get_provider

    _load.cache_clear()
    assert isinstance(get_provider(), LocalProvider)
    assert (
        get_provider().score(candidate(), job()).score
        == score(candidate(), job()).score
    )


OCCUPATIONS = OccupationIndex(
    [
        OccupationEntry(
            "15-1252.00",
            "Software Developers",
            "tech",
            ("Software Engineer", "Backend Developer"),
        ),
        OccupationEntry(
            "15-1253.00", "Software Quality Assurance Analysts", "tech", ("QA Tester",)
        ),
        OccupationEntry("29-1141.00", "Registered Nurses", "health", ("Staff Nurse",)),
    ]
)
WITH_OCCUPATIONS = ScoringContext(occupations=OCCUPATIONS)


@pytest.mark.parametrize(
    ("title", "expected", "reason"),
    [
        ("Senior Backend Developer", 100.0, "same occupation: Software Developers"),
        (
            "QA Tester",
            50.0,
            "a related occupation: Software Developers / "
            "Software Quality Assurance Analysts",
        ),
        (
            "Staff Nurse",
            0.0,
            "another occupation: Registered Nurses (not Software Developers)",
        ),  # fmt: skip
        ("Chief Happiness Officer", 0.0, "no occupation recognised in the job's title"),
    ],
)
def test_occupation_component_from_both_sides_titles(title, expected, reason):
    person = candidate(titles=("Software Engineer", "Staff Nurse"))

    result = score(person, job(title=title), WITH_OCCUPATIONS)

    assert comp(result, "occupation") == expected
    assert result.component("occupation").reasons == (reason,)
    assert result.component("occupation").weight == 15.0
    assert result.explanation.startswith(reason)


def test_occupation_from_the_first_words_of_the_text_without_titles():
    person = candidate(text="Senior software engineer building payment APIs.")
    nobody = candidate(text="Builds payment APIs.")

    known = score(person, job(title="Backend Developer"), WITH_OCCUPATIONS)
    unknown = score(nobody, job(title="Backend Developer"), WITH_OCCUPATIONS)

    assert comp(known, "occupation") == 100.0
    assert comp(unknown, "occupation") == 0.0
    assert unknown.component("occupation").reasons == (
        "no occupation recognised in your titles",
    )


def test_without_an_occupation_index_the_component_is_left_out_of_every_score():
    result = score(candidate(titles=("Software Engineer",)), job())

    assert result.component("occupation") is None
    assert [c.name for c in result.components] == [
        "text", "similarity", "skills", "experience", "location", "salary"
    ]  # fmt: skip


def test_a_persons_own_occupation_outranks_a_job_sharing_only_a_generic_tool():
    excel_job = (JobSkill("microsoft-excel", "Microsoft Excel"),)
    person = candidate(
        skills=(EXCEL,), titles=("Staff Nurse",), text="Staff nurse, wound care"
    )
    own = job(id=1, title="Registered Nurse", skills=(), text="Nurse on a ward")
    other = job(id=2, title="Software Engineer", skills=excel_job, text="Excel")
    context = ScoringContext(rarity=RARITY.rarity, occupations=OCCUPATIONS)

    ranked = rank(person, [other, own], context)

    assert [r.job_id for r in ranked] == [1, 2]
    assert [comp(r, "occupation") for r in ranked] == [100.0, 0.0]
