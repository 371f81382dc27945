"""Celery tasks: thin wrappers over the roll-up service."""

import datetime

from celery import shared_task
from django.utils import timezone

from analytics.rollups import analytics_rollup
from analytics.timeline import timeline_refresh

# The nightly run recomputes a few days back: late events (a transaction that
# committed after midnight) and a missed night are picked up without a backfill.
NIGHTLY_LOOKBACK_DAYS = 3


@shared_task
def rollup_recent_days():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return analytics_rollup(
        since=yesterday - datetime.timedelta(days=NIGHTLY_LOOKBACK_DAYS - 1),
        until=yesterday,
    )


@shared_task
def refresh_timelines():
    """Fold the applications created or moved since the last refresh, so the
    dashboards' live part stays minutes of activity instead of a whole day."""
    return timeline_refresh()
