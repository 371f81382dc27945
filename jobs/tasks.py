from celery import shared_task

from jobs.services import jobs_close_expired


@shared_task
def close_expired_jobs() -> int:
    """Beat: close jobs past their expiry (search hides them already)."""
    return jobs_close_expired()
