from celery import shared_task

from matching.services import text_corpus_refresh


@shared_task
def refresh_text_corpus() -> int:
    """Beat: recompute the text component's document frequencies (daily)."""
    return text_corpus_refresh().doc_count
