"""A cohort's pipeline figures, aggregated in the database.

One function, `pipeline_stats(applications)`, gives everything the employer
dashboard reads from the applications and their stage history:

- ``reached``: {rank in PIPELINE: applications whose furthest stage has that rank}
  (the highest stage among its events, or its current stage without events;
  rejected and withdrawn rank 0);
- ``in_stage``: {stage: Durations} of the times: between two consecutive
  stage-changing events of an application (notes and interview changes keep the
  stage and are skipped), the time counts for the stage the earlier one entered;
- ``to_hire``: Durations from each application's creation to its "hired" event;
- ``sources``: {source: applications};
- ``applies_by_day`` / ``hires_by_day``: {date: n} (site time zone; hires count
  applications).

On PostgreSQL it is ONE statement: the cohort is materialised once, durations come
from LAG() over each application's events and the medians from
PERCENTILE_CONT(0.5) WITHIN GROUP, so nothing proportional to the cohort crosses
the wire. Elsewhere (SQLite in development and tests) the same definitions run in
Python over a few simple queries. Both give the same answers.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from jobs.models import PIPELINE, ApplicationEvent, Stage

STAGE_RANK = {stage: rank for rank, stage in enumerate(PIPELINE)}


def _rank_of(field):
    """A stage column as its rank in PIPELINE (rejected and withdrawn: 0)."""
    return Case(
        *[
            When(**{field: stage}, then=Value(rank))
            for stage, rank in STAGE_RANK.items()
        ],
        default=Value(0),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Durations:
    """How long something took over a set of applications: count and median (days,
    unrounded)."""

    count: int
    median: float | None

    @classmethod
    def of(cls, seconds: list[float]) -> "Durations":
        values = [s / 86400 for s in seconds]
        return cls(len(values), statistics.median(values) if values else None)

    @property
    def median_days(self) -> float | None:
        """One decimal, like every figure on the dashboards."""
        return None if self.median is None else round(self.median, 1)


def pipeline_stats(applications) -> dict:
    """The cohort's funnel, stage times, sources and daily counts (see module)."""
    if connection.vendor == "postgresql":
        return _postgres(applications)
    return _python(applications)


# --- PostgreSQL: one set-based statement ------------------------------------------


def _rank_sql(column: str) -> str:
    whens = " ".join(
        f"WHEN '{stage.value}' THEN {rank}" for stage, rank in STAGE_RANK.items()
    )
    return f"(CASE {column} {whens} ELSE 0 END)"


# Uses jobs_applicationevent's appevent_timeline_idx (application_id, created_at)
# per cohort application when the cohort is a small share of the table; a hash
# join over one scan otherwise. The cohort itself comes from the caller's queryset.
_PIPELINE_SQL = """
WITH cohort AS MATERIALIZED ({cohort}),
ev AS MATERIALIZED (
    SELECT e.id, e.application_id, e.from_stage, e.to_stage, e.created_at
    FROM jobs_applicationevent e
    WHERE e.application_id IN (SELECT c.id FROM cohort c)
),
moves AS (
    SELECT ev.application_id, ev.to_stage, ev.created_at,
        LAG(ev.to_stage) OVER w AS prev_stage,
        LAG(ev.created_at) OVER w AS prev_at
    FROM ev
    WHERE ev.from_stage <> ev.to_stage
    WINDOW w AS (PARTITION BY ev.application_id ORDER BY ev.created_at, ev.id)
),
furthest AS (
    SELECT ev.application_id, MAX({event_rank}) AS rank
    FROM ev GROUP BY ev.application_id
)
SELECT 'stage', m.prev_stage, COUNT(*),
    PERCENTILE_CONT(0.5) WITHIN GROUP (
        ORDER BY EXTRACT(EPOCH FROM m.created_at - m.prev_at)::float8 / 86400
    )
FROM moves m WHERE m.prev_stage IS NOT NULL GROUP BY m.prev_stage
UNION ALL
SELECT 'hire', NULL, COUNT(*),
    PERCENTILE_CONT(0.5) WITHIN GROUP (
        ORDER BY EXTRACT(EPOCH FROM m.created_at - c.created_at)::float8 / 86400
    )
FROM moves m JOIN cohort c ON c.id = m.application_id
WHERE m.to_stage = %s
UNION ALL
SELECT 'reached', COALESCE(f.rank, {cohort_rank})::text, COUNT(*), NULL
FROM cohort c LEFT JOIN furthest f ON f.application_id = c.id
GROUP BY 2
UNION ALL
SELECT 'source', c.source, COUNT(*), NULL FROM cohort c GROUP BY c.source
UNION ALL
SELECT 'applied_day', (c.created_at AT TIME ZONE %s)::date::text, COUNT(*), NULL
FROM cohort c GROUP BY 2
UNION ALL
SELECT 'hired_day', (m.created_at AT TIME ZONE %s)::date::text,
    COUNT(DISTINCT m.application_id), NULL
FROM moves m WHERE m.to_stage = %s GROUP BY 2
"""


def _postgres(applications) -> dict:
    cohort = applications.order_by().values("id", "created_at", "stage", "source")
    cohort_sql, cohort_params = cohort.query.sql_with_params()
    sql = _PIPELINE_SQL.format(
        cohort=cohort_sql,
        event_rank=_rank_sql("ev.to_stage"),
        cohort_rank=_rank_sql("c.stage"),
    )
    tz = timezone.get_current_timezone_name()
    params = [*cohort_params, Stage.HIRED.value, tz, tz, Stage.HIRED.value]
    stats = _empty()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for kind, key, n, median in rows:
        if kind == "stage":
            stats["in_stage"][key] = Durations(n, median)
        elif kind == "hire":
            stats["to_hire"] = Durations(n, median if n else None)
        elif kind == "reached":
            stats["reached"][int(key)] = n
        elif kind == "source":
            stats["sources"][key] = n
        elif kind == "applied_day":
            stats["applies_by_day"][datetime.date.fromisoformat(key)] = n
        else:
            stats["hires_by_day"][datetime.date.fromisoformat(key)] = n
    return stats


def _empty():
    return {
        "reached": {},
        "in_stage": {},
        "to_hire": Durations(0, None),
        "sources": {},
        "applies_by_day": {},
        "hires_by_day": {},
    }


# --- Elsewhere: the same definitions in Python -------------------------------------


def _python(applications) -> dict:
    stats = _empty()
    reached = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(rank=Max(_rank_of("to_stage")))
        .values("rank")
    )
    stats["reached"] = dict(
        applications.order_by()
        .annotate(reached=Coalesce(Subquery(reached), _rank_of("stage")))
        .values("reached")
        .annotate(n=Count("pk"))
        .values_list("reached", "n")
    )
    events = (
        ApplicationEvent.objects.filter(application__in=applications.values("pk"))
        .exclude(from_stage=F("to_stage"))
        .order_by("application_id", "created_at", "id")
        .values_list("application_id", "to_stage", "created_at")
    )
    applied_at = dict(applications.order_by().values_list("pk", "created_at"))
    in_stage, to_hire = defaultdict(list), []
    hires_by_day = defaultdict(set)
    previous = None
    for application_id, to_stage, at in events:
        if previous is not None and previous[0] == application_id:
            in_stage[previous[1]].append((at - previous[2]).total_seconds())
        previous = (application_id, to_stage, at)
        if to_stage == Stage.HIRED:
            to_hire.append((at - applied_at[application_id]).total_seconds())
            hires_by_day[timezone.localdate(at)].add(application_id)
    stats["in_stage"] = {stage: Durations.of(v) for stage, v in in_stage.items()}
    stats["to_hire"] = Durations.of(to_hire)
    stats["hires_by_day"] = {day: len(ids) for day, ids in hires_by_day.items()}
    stats["sources"] = dict(
        applications.order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values_list("source", "n")
    )
    stats["applies_by_day"] = dict(
        applications.order_by()
        .annotate(date=TruncDate("created_at"))
        .values("date")
        .annotate(n=Count("pk"))
        .values_list("date", "n")
    )
    return stats
