"""Per-application timelines: each application's stage history folded into one
`ApplicationTimeline` row, so the employer dashboard reads one narrow row per
application instead of joining and aggregating every `ApplicationEvent`.

`fold_sql` is the single definition of the fold (the furthest stage reached, the
time in each stage, the time to hire); the roll-up stores it for applications up
to `TimelineMark` (`timeline_refresh`) and the dashboard computes it live for the
applications touched since (`analytics.reports.pipeline.company_pipeline_stats`).
Marks are ids, not times: an event stored with a past `created_at` after the
refresh is still "since the mark".

PostgreSQL only: elsewhere (SQLite in development) the dashboards read the events
directly and the refresh does nothing.
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from analytics.models import TimelineMark
from jobs.models import PIPELINE, Stage

STAGE_RANK = {stage: rank for rank, stage in enumerate(PIPELINE)}
TIMED_STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]
# The stored columns, in `fold_sql`'s order after application_id.
FOLD_COLUMNS = [
    "company_id",
    "job_id",
    "created_at",
    "applied_on",
    "source",
    "reached",
    *[f"{stage}_days" for stage in TIMED_STAGES],
    "hire_days",
    "hired_on",
]


def rank_sql(column: str) -> str:
    """A stage column as its rank in PIPELINE (rejected and withdrawn: 0)."""
    whens = " ".join(
        f"WHEN '{stage.value}' THEN {rank}" for stage, rank in STAGE_RANK.items()
    )
    return f"(CASE {column} {whens} ELSE 0 END)"


def _first_move(*, into: str | None = None, out_of: str | None = None) -> str:
    """The time of an application's first move into or out of a stage (events whose
    stage does not change, notes and interviews, are no move)."""
    if into:
        where = f"e.to_stage = '{into}' AND e.from_stage <> '{into}'"
    else:
        where = f"e.from_stage = '{out_of}' AND e.to_stage <> '{out_of}'"
    return f"MIN(e.created_at) FILTER (WHERE {where})"


def _days(later: str, earlier: str) -> str:
    return f"EXTRACT(EPOCH FROM ({later} - {earlier}))::float8 / 86400"


# Per application, its events' aggregates in a LATERAL subquery: an index lookup
# per application (appevent_timeline_idx), whatever the planner guesses of how
# many applications there are (a CTE filtered by a flag is always "half").
_FOLD_SQL = """
    SELECT a.id AS application_id, a.company_id, a.job_id, a.created_at,
        (a.created_at AT TIME ZONE %(tz)s)::date AS applied_on, a.source,
        COALESCE(m.event_rank, {stage_rank}) AS reached,
        {stage_days},
        {hire_days} AS hire_days,
        (m.hired_at AT TIME ZONE %(tz)s)::date AS hired_on
    FROM ({applications}) a
    CROSS JOIN LATERAL (
        SELECT MAX({event_rank}) AS event_rank, {moves},
            {hired_at} AS hired_at
        FROM jobs_applicationevent e
        WHERE e.application_id = a.id {event_filter}
    ) m
"""


def fold_sql(applications: str, *, event_filter: str = "") -> str:
    """One row per application of the `applications` subquery (columns id,
    company_id, job_id, created_at, source, stage): application_id, then
    FOLD_COLUMNS. `event_filter` (an SQL condition on ``e``) limits the events;
    parameter ``tz``: the time zone of the days."""
    return _FOLD_SQL.format(
        event_rank=rank_sql("e.to_stage"),
        stage_rank=rank_sql("a.stage"),
        moves=", ".join(
            f"{_first_move(into=stage)} AS in_{stage}, "
            f"{_first_move(out_of=stage)} AS out_{stage}"
            for stage in TIMED_STAGES
        ),
        stage_days=", ".join(
            _days(f"m.out_{stage}", f"m.in_{stage}") + f" AS {stage}_days"
            for stage in TIMED_STAGES
        ),
        hire_days=_days("m.hired_at", "a.created_at"),
        hired_at=_first_move(into=Stage.HIRED),
        applications=applications,
        event_filter=f"AND {event_filter}" if event_filter else "",
    )


_APPLICATIONS = """
    SELECT a.id, j.company_id, a.job_id, a.created_at, a.source, a.stage
    FROM jobs_application a JOIN jobs_job j ON j.id = a.job_id
    WHERE a.id <= %(application_mark)s AND (
        a.id > %(old_application_mark)s
        OR a.id IN (
            SELECT application_id FROM jobs_applicationevent
            WHERE id > %(old_event_mark)s AND id <= %(event_mark)s
        )
        {recheck}
    )
"""

# Late commits: an application or event whose id was taken before a refresh but
# committed after it is folded by the next refresh that rechecks its day.
_RECHECK = """
        OR a.created_at >= %(recheck_since)s
        OR a.id IN (
            SELECT application_id FROM jobs_applicationevent
            WHERE created_at >= %(recheck_since)s AND id <= %(event_mark)s
        )
"""

_UPSERT_SQL = """
    INSERT INTO analytics_applicationtimeline (application_id, {columns})
    {fold}
    ON CONFLICT (application_id) DO UPDATE SET {updates}
"""


@transaction.atomic
def timeline_refresh(*, recheck_since: datetime.datetime | None = None) -> int:
    """Fold the applications created or moved since the mark, move the mark to the
    newest event and application; the number of timelines written.

    ``recheck_since``: also refold every application created or with an event since
    then (the nightly roll-up passes its first day: it catches rows committed late
    and makes a recomputed range exact). Idempotent: a timeline is a function of
    its application and events, so refolding writes the same row.
    """
    if connection.vendor != "postgresql":
        return 0
    mark, _ = TimelineMark.objects.select_for_update().get_or_create(pk=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM jobs_applicationevent),"
            " (SELECT COALESCE(MAX(id), 0) FROM jobs_application)"
        )
        event_mark, application_mark = cursor.fetchone()
        applications = _APPLICATIONS.format(
            recheck=_RECHECK if recheck_since is not None else ""
        )
        cursor.execute(
            _UPSERT_SQL.format(
                columns=", ".join(FOLD_COLUMNS),
                fold=fold_sql(applications, event_filter="e.id <= %(event_mark)s"),
                updates=", ".join(f"{c} = EXCLUDED.{c}" for c in FOLD_COLUMNS),
            ),
            {
                "event_mark": event_mark,
                "application_mark": application_mark,
                "old_event_mark": mark.event_id,
                "old_application_mark": mark.application_id,
                "recheck_since": recheck_since,
                "tz": timezone.get_current_timezone_name(),
            },
        )
        written = cursor.rowcount
    mark.event_id = max(mark.event_id, event_mark)
    mark.application_id = max(mark.application_id, application_mark)
    mark.refreshed_at = timezone.now()
    mark.save()
    return written
