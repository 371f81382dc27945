"""Periodic candidate tasks (Celery beat, hotgigs.settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from candidates.search import refresh_vocabulary


@shared_task
def refresh_search_vocabulary() -> dict:
    """Rebuild the words candidate search's "Did you mean …" suggests."""

    return refresh_vocabulary()
