"""Celery tasks for documents: thin wrappers over the services."""

from botocore.exceptions import BotoCoreError, ClientError
from celery import shared_task

# The module, not its names: the services queue these tasks, so either side
# may be imported first.
from documents import services


@shared_task(
    # Storage errors other than a missing file are transient (disk, network, S3).
    autoretry_for=(OSError, BotoCoreError, ClientError),
    retry_backoff=True,
    max_retries=3,
    acks_late=True,
)
def extract_document_text(document_id: int) -> str | None:
    """Extract the text of one document (idempotent: safe to retry)."""
    document = services.document_extract(document_id=document_id)
    return document.status if document is not None else None


@shared_task
def sweep_document_extractions() -> int:
    """Beat: queue again extractions still not done after the outbox grace period."""
    return services.documents_sweep_extractions()
