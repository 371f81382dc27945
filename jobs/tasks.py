from celery import shared_task

from jobs.ranking.services import text_corpus_refresh
from jobs.search import refresh_vocabulary
from jobs.services import jobs_close_expired, jobs_refresh_changed_companies
from jobs.services.alerts import alerts_run, jobs_notify_expiring


@shared_task
def close_expired_jobs() -> int:
    """Beat: close jobs past their expiry (search hides them already)."""
    return jobs_close_expired()


@shared_task
def refresh_changed_companies() -> int:
    """Beat: re-index the jobs of renamed companies (companies cannot call jobs)."""
    return jobs_refresh_changed_companies()


@shared_task
def run_job_alerts(frequency: str) -> dict:
    """Beat: run the due job alerts of one frequency (instantly/daily/weekly)."""

    return alerts_run(frequency=frequency)


@shared_task
def notify_expiring_jobs() -> int:
    """Beat: tell teams once that a job of theirs expires within three days."""

    return jobs_notify_expiring()


@shared_task
def refresh_search_vocabulary() -> dict:
    """Rebuild the words "Did you mean …" suggests (jobs.search.refresh_vocabulary)."""

    return refresh_vocabulary()


@shared_task
def refresh_text_corpus() -> int:
    """Beat: recompute the text component's document frequencies (daily)."""
    return text_corpus_refresh().doc_count
