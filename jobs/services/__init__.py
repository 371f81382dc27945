"""Job services (writes), one module per sub-domain, re-exported here."""

from jobs.services.jobs import (
    TRANSITIONS,
    JobTransitionError,
    job_create,
    job_set_status,
    job_update,
    jobs_close_expired,
    jobs_refresh_changed_companies,
    jobs_refresh_company,
    publish_errors,
    refresh_search_vectors,
)

__all__ = [
    "TRANSITIONS",
    "JobTransitionError",
    "job_create",
    "job_set_status",
    "job_update",
    "jobs_close_expired",
    "jobs_refresh_changed_companies",
    "jobs_refresh_company",
    "publish_errors",
    "refresh_search_vectors",
]
