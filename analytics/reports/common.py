"""Helpers every report shares: medians, rates, weeks, and history + live merging."""

import datetime
import statistics
from collections import defaultdict

from django.utils import timezone

from analytics.cache import HISTORY_TTL, cached
from analytics.rollups import rolled_through


def median_days(durations) -> float | None:
    """Median of timedeltas in days, one decimal; None with no data."""
    values = [d.total_seconds() / 86400 for d in durations]
    return round(statistics.median(values), 1) if values else None


def rate(part, whole) -> float | None:
    """A percentage with one decimal; None when the whole is 0."""
    return round(100 * part / whole, 1) if whole else None


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weeks_between(since, until):
    """Monday of every week touching [since, until], oldest first."""
    weeks, week = [], week_start(since)
    while week <= until:
        weeks.append(week)
        week += datetime.timedelta(days=7)
    return weeks


def fold_weeks(daily: dict, since, until, fields):
    """{day: {field: n}} → [{week, field…}] for every week in range (zeros too)."""
    totals = defaultdict(lambda: dict.fromkeys(fields, 0))
    for day, values in daily.items():
        if since <= day <= until:
            for field in fields:
                totals[week_start(day)][field] += values.get(field, 0)
    return [
        {"week": week.isoformat(), **totals[week]}
        for week in weeks_between(since, until)
    ]


def live_since():
    """First day the roll-up has not stored yet: dashboards compute it live.

    Cached under the roll-up version, so it costs a query once per roll-up.
    """
    last = cached("rolled_through", {}, rolled_through, ttl=HISTORY_TTL)
    return last + datetime.timedelta(days=1) if last else datetime.date.min


def split_range(since, until):
    """(history range or None, live range or None) of [since, until]."""
    first_live = max(live_since(), since)
    history = (since, min(until, first_live - datetime.timedelta(1)))
    live = (first_live, until)
    return (
        history if history[0] <= history[1] else None,
        live if live[0] <= live[1] else None,
    )


def default_range(days=84):
    until = timezone.localdate()
    return until - datetime.timedelta(days=days - 1), until


def iso(value):
    return value.isoformat() if value else None
