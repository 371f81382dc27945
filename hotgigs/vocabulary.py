"""The job-market vocabulary jobs and candidates share: one definition of each
choice and its label, and the salary arithmetic, below both apps.

Stored values never change here (they are in every row and API answer); a label
is written once, so a job and a profile say "Full-time" the same way.
"""

from django.db import models


class EmploymentType(models.TextChoices):
    """What a job offers (``Job.employment_type``)."""

    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"


# What a candidate may want (``CandidateProfile.desired_employment_types``):
# every type a job offers, and freelance work, which no job posting offers.
DesiredEmploymentType = models.TextChoices(
    "DesiredEmploymentType",
    [(member.name, (member.value, member.label)) for member in EmploymentType]
    + [("FREELANCE", ("freelance", "Freelance"))],
)


class ExperienceLevel(models.TextChoices):
    """The same values on jobs and profiles, so the two can be compared."""

    ENTRY = "entry", "Entry"
    MID = "mid", "Mid"
    SENIOR = "senior", "Senior"
    LEAD = "lead", "Lead"
    EXECUTIVE = "executive", "Executive"


class SalaryPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    HOUR = "hour", "per hour"


# Salaries are compared per year: a month is 12 of them, an hour 2,080 (40 h × 52 w).
PERIODS_PER_YEAR = {
    SalaryPeriod.YEAR: 1,
    SalaryPeriod.MONTH: 12,
    SalaryPeriod.HOUR: 2080,
}


def yearly(amount, period):
    """An amount in `period` → per year (None stays None)."""
    if amount is None:
        return None
    return int(amount) * PERIODS_PER_YEAR[SalaryPeriod(period or SalaryPeriod.YEAR)]
