from celery import shared_task

from recruiters.services import placements_reconcile


@shared_task
def reconcile_placements() -> int:
    """Beat: pending placements for hired, agency-submitted applications."""
    return placements_reconcile()
