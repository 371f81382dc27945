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

The dashboard calls `company_pipeline_stats`, which gives the same answer for a
company's (or a job's) cohort from the stored per-application timelines
(`analytics.timeline`): it reads one stored row per application and folds live
only the applications created or moved since the timelines' mark.
`pipeline_stats` stays the reference computation from the events (the bench and
the equivalence tests compare the two).
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

from analytics.models import TimelineMark
from analytics.rollups import _in_days
from analytics.timeline import STAGE_RANK, TIMED_STAGES, fold_sql, rank_sql
from jobs.models import Application, ApplicationEvent, Stage


def cohort(*, company_id, since, until, job_id=None):
    """The applications a company's dashboard counts: created in the date range
    (whole days, site time zone), of one job or all the company's jobs."""
    applications = Application.objects.filter(
        _in_days("created_at", since, until), job__company_id=company_id
    )
    if job_id is not None:
        applications = applications.filter(job_id=job_id)
    return applications


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
        COALESCE(
            MAX({event_rank}) FILTER (WHERE e.id IS NOT NULL), {cohort_rank}
        ) AS reached,
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
        event_rank=rank_sql("e.to_stage"),
        cohort_rank=rank_sql("a.stage"),
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
    return _read(sql, params)


def _read(sql, params) -> dict:
    """Run a statement of (kind, key, n, median) rows into the stats' dict."""
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


# --- A company's cohort from the stored timelines -----------------------------------


# `moved`: applications with an event since the mark (a PK range scan of the
# events). Those of the cohort, and the company's applications made since the
# mark, are folded live from all their events; every other application of the
# cohort is its stored timeline. A stored row above the application mark (a mark
# read before a refresh) counts as new. The medians are ordered-set aggregates
# over the stored day durations (the same float8 values the fold computes); the
# counts two hash aggregates, per job and per (day applied, furthest stage,
# source, day hired) cell, which `company_pipeline_stats` sums into the figures
# _PIPELINE_SQL counts one by one.
_COMPANY_SQL = """
WITH moved AS MATERIALIZED (
    SELECT DISTINCT application_id AS id FROM jobs_applicationevent
    WHERE id > %(event_mark)s
),
per_app AS MATERIALIZED (
    SELECT {columns} FROM analytics_applicationtimeline t
    WHERE {cohort} AND t.application_id <= %(application_mark)s
        AND NOT EXISTS (SELECT FROM moved WHERE moved.id = t.application_id)
    UNION ALL
    SELECT {columns} FROM ({live}) t
)
SELECT 'stage', s.stage, NULL::bigint, NULL::date, NULL::int, NULL::text, NULL::date,
    s.n, s.median
FROM (
    SELECT {medians},
        COUNT(hire_days) AS hire_n,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY hire_days) AS hire_median
    FROM per_app
) m CROSS JOIN LATERAL (VALUES {unpivot}) s(stage, n, median)
WHERE s.n > 0
UNION ALL
SELECT CASE WHEN GROUPING(job_id) = 0 THEN 'job' ELSE 'cell' END, NULL,
    job_id, applied_on, reached, source, hired_on, COUNT(*), NULL
FROM per_app
GROUP BY GROUPING SETS ((job_id), (applied_on, reached, source, hired_on))
"""

# The cohort's applications to fold live: made since the mark, or stored and moved.
# A moved application's timeline is probed by primary key (OFFSET 0 keeps the
# LATERAL a nested loop): the planner, trusting the table's perfect id order,
# would rather walk every timeline in id order to merge-join a few thousand ids.
_LIVE_APPLICATIONS = """
    SELECT a.id, j.company_id, a.job_id, a.created_at, a.source, a.stage
    FROM jobs_application a JOIN jobs_job j ON j.id = a.job_id
    WHERE a.id > %(application_mark)s AND j.company_id = %(company)s
        AND a.created_at >= %(start)s AND a.created_at < %(end)s {job}
    UNION ALL
    SELECT t.application_id, t.company_id, t.job_id, t.created_at, t.source,
        (SELECT stage FROM jobs_application WHERE id = t.application_id)
    FROM moved CROSS JOIN LATERAL (
        SELECT * FROM analytics_applicationtimeline t
        WHERE t.application_id = moved.id AND {cohort}
            AND t.application_id <= %(application_mark)s
        OFFSET 0
    ) t
"""

# A stored timeline in `cohort(...)` (the company, job and creation time of an
# application never change).
_TIMELINE_COHORT = """t.company_id = %(company)s
        AND t.created_at >= %(start)s AND t.created_at < %(end)s"""


def company_pipeline_sql(*, company_id, since, until, job_id=None, mark=(0, 0)):
    """The statement and its parameters for `company_pipeline_stats`."""
    tz = timezone.get_current_timezone()
    days = [f"{stage}_days" for stage in TIMED_STAGES]
    cohort = _TIMELINE_COHORT
    if job_id is not None:
        cohort += " AND t.job_id = %(job)s"
    sql = _COMPANY_SQL.format(
        columns=", ".join(
            f"t.{c}"
            for c in ["job_id", "applied_on", "source", "reached", *days]
            + ["hire_days", "hired_on"]
        ),
        cohort=cohort,
        live=fold_sql(
            _LIVE_APPLICATIONS.format(
                job="AND a.job_id = %(job)s" if job_id is not None else "",
                cohort=cohort,
            )
        ),
        medians=", ".join(
            f"COUNT({c}) AS {c}_n, "
            f"PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {c}) AS {c}_median"
            for c in days
        ),
        unpivot=", ".join(
            [f"('{s}', m.{s}_days_n, m.{s}_days_median)" for s in TIMED_STAGES]
            + ["('hire', m.hire_n, m.hire_median)"]
        ),
    )
    params = {
        "event_mark": mark[0],
        "application_mark": mark[1],
        "company": company_id,
        "job": job_id,
        "start": datetime.datetime.combine(since, datetime.time.min, tzinfo=tz),
        "end": datetime.datetime.combine(
            until + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        ),
        "tz": timezone.get_current_timezone_name(),
    }
    return sql, params


def timeline_mark() -> tuple[int, int]:
    """(event id, application id) the stored timelines are built through.

    Any mark at or below the true one gives the same answer (more is folded
    live), so it may be cached; marks never go down.
    """
    mark = TimelineMark.objects.filter(pk=1).values_list("event_id", "application_id")
    return next(iter(mark), (0, 0))


def company_pipeline_stats(*, company_id, since, until, job_id=None, mark=None):
    """`pipeline_stats` of `cohort(...)`, from the stored timelines plus the
    applications touched since `mark` (default: the stored one). The
    same answer; reads one narrow row per application."""
    if connection.vendor != "postgresql":
        return _python(
            cohort(company_id=company_id, since=since, until=until, job_id=job_id)
        )
    sql, params = company_pipeline_sql(
        company_id=company_id,
        since=since,
        until=until,
        job_id=job_id,
        mark=mark if mark is not None else timeline_mark(),
    )
    stats = _empty()
    with connection.cursor() as cursor:
        # JIT compiles this statement for longer than it runs (its estimated cost
        # counts every live application's LATERAL). In one query string SET LOCAL
        # holds for this statement alone (or for the surrounding transaction).
        cursor.execute("SET LOCAL jit = off; " + sql, params)
        rows = cursor.fetchall()
    for kind, stage, job_id, applied_on, reached, source, hired_on, n, median in rows:
        if kind == "stage" and stage == "hire":
            stats["to_hire"] = Durations(n, median)
        elif kind == "stage":
            stats["in_stage"][stage] = Durations(n, median)
        elif kind == "job":
            stats["applies_by_job"][job_id] = n
        else:
            for key, value in (
                ("reached", reached),
                ("sources", source),
                ("applies_by_day", applied_on),
                ("hires_by_day", hired_on),
            ):
                if value is not None:
                    stats[key][value] = stats[key].get(value, 0) + n
    return stats
