"""A cohort's pipeline figures, aggregated in the database.

One function, `pipeline_stats(applications)`, gives everything the employer
dashboard reads from the applications and their stage history:

- ``reached``: {rank in PIPELINE: applications whose furthest stage has that rank}
  (the highest stage among its events, or its current stage without events;
  rejected and withdrawn rank 0);
- ``in_stage``: {stage: Durations} of the time from an application's first move
  into a stage to its first move out of it (moves are events whose stage changes:
  notes and interview changes keep it). The pipeline only moves forward, so a
  stage is entered at most once and this is the time between the two consecutive
  moves around it; an application still in a stage does not count for it;
- ``to_hire``: Durations from each application's creation to its move to hired;
- ``sources``: {source: applications}; ``applies_by_job``: {job id: applications};
- ``applies_by_day`` / ``hires_by_day``: {date: n} (site time zone; hires count
  applications).

On PostgreSQL it is ONE statement: a row per application with its move times
(conditional MIN() per stage), the medians by PERCENTILE_CONT(0.5) WITHIN GROUP
and the counts by GROUPING SETS over those rows, so nothing proportional to the
cohort crosses the wire. Elsewhere (SQLite in development and tests) the same
definitions run in Python over a few simple queries. Both give the same answers.
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
TIMED_STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]


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


def _moves_sql(stage: str) -> str:
    return (
        f"MIN(e.created_at) FILTER (WHERE e.to_stage = '{stage}' "
        f"AND e.from_stage <> '{stage}') AS in_{stage}, "
        f"MIN(e.created_at) FILTER (WHERE e.from_stage = '{stage}' "
        f"AND e.to_stage <> '{stage}') AS out_{stage}"
    )


# One pass over the cohort's events (a hash join, or appevent_timeline_idx
# (application_id, created_at) per application when the cohort is a small share of
# the table), one hash aggregate to a row per application, then the medians
# (PERCENTILE_CONT over the durations unpivoted by stage) and the counts (GROUPING
# SETS) over those rows. No per-event sort or window: measured faster than LAG()
# over the events at 200,000 applications (bench/analytics_bench.py).
_PIPELINE_SQL = """
WITH per_app AS MATERIALIZED (
    SELECT a.job_id, a.created_at, a.source,
        COALESCE(MAX({event_rank}), {cohort_rank}) AS reached,
        {moves},
        MIN(e.created_at) FILTER (
            WHERE e.to_stage = 'hired' AND e.from_stage <> 'hired'
        ) AS hired_at
    FROM ({cohort}) a
    LEFT JOIN jobs_applicationevent e ON e.application_id = a.id
    GROUP BY a.id, a.job_id, a.created_at, a.source, a.stage
)
SELECT 'stage', v.stage, COUNT(*),
    PERCENTILE_CONT(0.5) WITHIN GROUP (
        ORDER BY EXTRACT(EPOCH FROM v.took)::float8 / 86400
    )
FROM per_app p CROSS JOIN LATERAL (VALUES {durations}) v(stage, took)
WHERE v.took IS NOT NULL
GROUP BY v.stage
UNION ALL
SELECT CASE
        WHEN GROUPING(p.reached) = 0 THEN 'reached'
        WHEN GROUPING(p.source) = 0 THEN 'source'
        WHEN GROUPING(p.applied_day) = 0 THEN 'applied_day'
        WHEN GROUPING(p.hired_day) = 0 THEN 'hired_day'
        ELSE 'job'
    END,
    COALESCE(
        p.reached::text, p.source, p.applied_day::text, p.hired_day::text,
        p.job_id::text
    ),
    COUNT(*), NULL
FROM (
    SELECT job_id, reached, source,
        (created_at AT TIME ZONE %s)::date AS applied_day,
        (hired_at AT TIME ZONE %s)::date AS hired_day
    FROM per_app
) p
GROUP BY GROUPING SETS (
    (p.reached), (p.source), (p.applied_day), (p.hired_day), (p.job_id)
)
"""


def pipeline_sql(applications) -> tuple[str, list]:
    """The statement and its parameters (the bench EXPLAINs it too)."""
    cohort = applications.order_by().values(
        "id", "job_id", "created_at", "stage", "source"
    )
    cohort_sql, cohort_params = cohort.query.sql_with_params()
    sql = _PIPELINE_SQL.format(
        cohort=cohort_sql,
        event_rank=_rank_sql("e.to_stage"),
        cohort_rank=_rank_sql("a.stage"),
        moves=", ".join(_moves_sql(stage) for stage in TIMED_STAGES),
        durations=", ".join(
            [f"('{s}', p.out_{s} - p.in_{s})" for s in TIMED_STAGES]
            + ["('hire', p.hired_at - p.created_at)"]
        ),
    )
    tz = timezone.get_current_timezone_name()
    return sql, [*cohort_params, tz, tz]


def _postgres(applications) -> dict:
    sql, params = pipeline_sql(applications)
    stats = _empty()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for kind, key, n, median in rows:
        if key is None:  # a grouping set's NULL group: hires not made, say
            continue
        if kind == "stage" and key == "hire":
            stats["to_hire"] = Durations(n, median)
        elif kind == "stage":
            stats["in_stage"][key] = Durations(n, median)
        elif kind == "reached":
            stats["reached"][int(key)] = n
        elif kind == "source":
            stats["sources"][key] = n
        elif kind == "job":
            stats["applies_by_job"][int(key)] = n
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
        "applies_by_job": {},
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
        .values_list("application_id", "from_stage", "to_stage", "created_at")
    )
    moved_in, moved_out = {}, {}
    for application_id, from_stage, to_stage, at in events:
        for first, key in ((moved_in, to_stage), (moved_out, from_stage)):
            key = (application_id, key)
            if key not in first or at < first[key]:
                first[key] = at
    in_stage = {}
    for stage in TIMED_STAGES:
        in_stage[stage] = [
            (moved_out[(application_id, stage)] - at).total_seconds()
            for (application_id, entered), at in moved_in.items()
            if entered == stage and (application_id, stage) in moved_out
        ]
    applied_at = dict(applications.order_by().values_list("pk", "created_at"))
    to_hire, hires_by_day = [], defaultdict(int)
    for (application_id, stage), at in moved_in.items():
        if stage == Stage.HIRED:
            to_hire.append((at - applied_at[application_id]).total_seconds())
            hires_by_day[timezone.localdate(at)] += 1
    stats["in_stage"] = {stage: Durations.of(v) for stage, v in in_stage.items() if v}
    stats["to_hire"] = Durations.of(to_hire)
    stats["hires_by_day"] = dict(hires_by_day)
    stats["sources"] = dict(
        applications.order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values_list("source", "n")
    )
    stats["applies_by_job"] = dict(
        applications.order_by()
        .values("job_id")
        .annotate(n=Count("pk"))
        .values_list("job_id", "n")
    )
    stats["applies_by_day"] = dict(
        applications.order_by()
        .annotate(date=TruncDate("created_at"))
        .values("date")
        .annotate(n=Count("pk"))
        .values_list("date", "n")
    )
    return stats
