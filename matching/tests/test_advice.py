"""Job-posting advice, numbers checked against hand-computed values."""

import pytest

from matching.engine.advice import (
    count_syllables,
    flesch_reading_ease,
    job_advice,
    percentile,
    salary_band,
    suggested_skills,
    title_key,
    wording_issues,
)


def test_percentiles_by_hand_linear_interpolation():
    values = [30000, 50000, 40000, 60000, 45000]  # sorted: 30 40 45 50 60 (k)

    # rank = (n − 1) × p / 100 = 4 × 0.25 = 1 → 40000
    assert percentile(values, 25) == 40000
    assert percentile(values, 50) == 45000
    assert percentile(values, 75) == 50000
    # 4 values: rank 0.75 → 10 + 0.75 × (20 − 10)
    assert percentile([10, 20, 30, 40], 25) == 17.5
    assert percentile([10, 20, 30, 40], 50) == 25.0
    assert percentile([10, 20, 30, 40], 75) == 32.5
    assert percentile([7], 90) == 7


def test_percentile_bad_input():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_salary_band_with_sample_size_and_minimum_sample():
    band = salary_band([10, 20, 30, 40, None])

    assert (band.p25, band.p50, band.p75, band.sample_size) == (17.5, 25.0, 32.5, 4)
    assert salary_band([10, 20]) is None


def test_title_key_drops_levels_and_brackets():
    assert title_key("Senior Python Developer (m/f/d)") == "python developer"
    assert title_key("Lead  python developer II") == "python developer"


def test_suggested_skills_by_cooccurrence():
    co = {"python developer": {"Django": 8, "Docker": 5, "Python": 10, "AWS": 5}}

    result = suggested_skills(
        "Senior Python Developer", co, {"python developer": 10}, current=["python"]
    )

    assert [(s.name, s.jobs, s.share) for s in result] == [
        ("Django", 8, 0.8),
        ("AWS", 5, 0.5),
        ("Docker", 5, 0.5),
    ]
    assert suggested_skills("Chef", co, {}) == []


def test_wording_issues_with_replacements_and_passages():
    text = "We want a rockstar ninja.\nJoin our young and dynamic team!\nPlain line."

    issues = wording_issues(text)

    assert [(i.term, i.replacement, i.passage) for i in issues] == [
        ("rockstar", "skilled", "We want a rockstar ninja."),
        ("ninja", "expert", "We want a rockstar ninja."),
        ("young and dynamic", "motivated", "Join our young and dynamic team!"),
    ]
    assert wording_issues("A skilled engineer, competitive pay.") == []
    assert [i.term for i in wording_issues("Be competitive.")] == ["competitive"]


def test_syllables_and_flesch_by_hand():
    assert [count_syllables(w) for w in ["cat", "table", "make", "reading", "the"]] == [
        1,
        2,
        1,
        2,
        1,
    ]
    # "The cat sat." 3 words, 1 sentence, 3 syllables
    assert flesch_reading_ease("The cat sat.") == round(
        206.835 - 1.015 * 3 - 84.6 * 1, 1
    )
    assert flesch_reading_ease("") == 0.0


def test_job_advice_puts_it_together():
    advice = job_advice(
        {
            "title": "Rockstar Python Developer",
            "description": "Competitive salary. Other duties as needed.",
            "skills": ["Python"],
            "remote_policy": "onsite",
        },
        cooccurrence={"rockstar python developer": {"Django": 3}},
        job_counts={"rockstar python developer": 4},
        comparable_salaries=[50000, 60000, 70000],
        candidate_scores=[59.9, 60, 88, 12],
    )

    # the short description is "too short", not "missing" (it was reported missing)
    assert advice.missing_fields == ("salary", "location", "level")
    assert advice.too_short == ("description",)
    assert advice.description_words == 6
    assert advice.vague == ("competitive salary", "other duties")
    assert [i.term for i in advice.wording] == ["rockstar"]
    assert [(s.name, s.share) for s in advice.suggested_skills] == [("Django", 0.75)]
    assert (advice.salary_band.p25, advice.salary_band.p50) == (55000.0, 60000.0)
    assert advice.candidates_at_threshold == 2
    assert advice.reading_level in {"easy", "plain", "fairly difficult", "difficult"}


def test_job_advice_on_an_empty_draft_does_not_crash():
    advice = job_advice({})

    assert advice.missing_fields == (
        "salary",
        "location",
        "skills",
        "level",
        "description",
    )
    assert advice.salary_band is None
    assert advice.candidates_at_threshold is None
    assert advice.suggested_skills == ()


@pytest.mark.parametrize(
    ("description", "missing", "too_short", "words"),
    [
        ("", ("description",), (), 0),
        ("   ", ("description",), (), 0),
        ("word " * 79, (), ("description",), 79),
        ("word " * 80, (), (), 80),
    ],
)
def test_a_short_description_is_too_short_and_an_empty_one_missing(
    description, missing, too_short, words
):
    advice = job_advice(
        {
            "title": "Line Cook",
            "description": description,
            "skills": ["Knife skills"],
            "salary_min": 30000,
            "city": "Berlin",
            "level": "mid",
        }
    )

    assert advice.missing_fields == missing
    assert advice.too_short == too_short
    assert advice.description_words == words
