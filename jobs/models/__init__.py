"""Jobs app models, one module per sub-domain, re-exported here."""

from jobs.models.jobs import (
    PERIODS_PER_YEAR,
    EmploymentType,
    ExperienceLevel,
    Job,
    JobQuerySet,
    JobSkill,
    JobStatus,
    RemotePolicy,
    SalaryPeriod,
    yearly,
)

__all__ = [
    "PERIODS_PER_YEAR",
    "EmploymentType",
    "ExperienceLevel",
    "Job",
    "JobQuerySet",
    "JobSkill",
    "JobStatus",
    "RemotePolicy",
    "SalaryPeriod",
    "yearly",
]
