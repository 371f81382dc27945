"""The shared vocabulary (hotgigs.vocabulary): one definition per choice, so jobs
and candidates store the same values under the same labels."""

import pytest

from candidates import models as candidate_models
from hotgigs.vocabulary import (
    PERIODS_PER_YEAR,
    DesiredEmploymentType,
    EmploymentType,
    yearly,
)
from jobs import models as job_models


def test_jobs_and_candidates_use_the_one_definition():
    assert job_models.EmploymentType is EmploymentType
    assert candidate_models.EmploymentType is DesiredEmploymentType
    assert job_models.ExperienceLevel is candidate_models.ExperienceLevel
    assert job_models.SalaryPeriod is candidate_models.SalaryPeriod
    assert job_models.PERIODS_PER_YEAR is candidate_models.PERIODS_PER_YEAR


def test_a_candidate_wants_every_job_type_by_the_same_label_or_freelance():
    assert DesiredEmploymentType.choices == [
        ("full_time", "Full-time"),
        ("part_time", "Part-time"),
        ("contract", "Contract"),
        ("temporary", "Temporary"),
        ("internship", "Internship"),
        ("freelance", "Freelance"),
    ]
    assert EmploymentType.choices == DesiredEmploymentType.choices[:-1]


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [(50_000, "year", 50_000), (4_000, "month", 48_000), (30, "hour", 62_400)],
)
def test_salaries_compare_per_year(amount, period, expected):
    assert yearly(amount, period) == expected
    assert yearly(None, period) is None
    assert PERIODS_PER_YEAR == {"year": 1, "month": 12, "hour": 2080}
