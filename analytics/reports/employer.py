"""The employer dashboard: a company's (or one job's) hiring funnel and performance.

Cohort rule: the applications counted are those *made* in the date range; each
counts for every pipeline stage it reached (its furthest stage in the
ApplicationEvent history, so a skip from applied to interview also passes
screening). Views are the job views in the range (one per viewer per job per day).
"""

from collections import defaultdict

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from analytics.cache import HISTORY_TTL, cached
from analytics.models import DailyJobStats
from analytics.reports.common import (
    fold_weeks,
    iso,
    median_days,
    rate,
    split_range,
)
from analytics.rollups import _in_days, job_day_stats
from jobs.models import (
    PIPELINE,
    Application,
    ApplicationEvent,
    Job,
    JobStatus,
    Source,
    Stage,
)

STAGE_RANK = {stage: rank for rank, stage in enumerate(PIPELINE)}
FUNNEL_TIMED_STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]


def _rank_of(field):
    return Case(
        *[
            When(**{field: stage}, then=Value(rank))
            for stage, rank in STAGE_RANK.items()
        ],
        default=Value(0),
        output_field=IntegerField(),
    )


def cohort(*, company_id, since, until, job_id=None):
    applications = Application.objects.filter(
        _in_days("created_at", since, until), job__company_id=company_id
    )
    if job_id is not None:
        applications = applications.filter(job_id=job_id)
    return applications


def _views_history(company_id, job_id, history):
    """Views and impressions per job and per day from the roll-up table."""
    if history is None:
        return {"per_job": {}, "per_day": {}}
    rows = DailyJobStats.objects.filter(
        company_id=company_id, day__gte=history[0], day__lte=history[1]
    )
    if job_id is not None:
        rows = rows.filter(job_id=job_id)
    per_job = {
        row["job_id"]: {"views": row["views"], "impressions": row["impressions"]}
        for row in rows.order_by()
        .values("job_id")
        .annotate(views=Sum("views"), impressions=Sum("search_impressions"))
    }
    per_day = {
        row["day"]: {"views": row["views"]}
        for row in rows.order_by().values("day").annotate(views=Sum("views"))
    }
    return {"per_job": per_job, "per_day": per_day}


def _views(company_id, job_id, since, until):
    history, live = split_range(since, until)
    params = {"company": company_id, "job": job_id, "range": history}
    views = cached(
        "employer_views",
        params,
        lambda: _views_history(company_id, job_id, history),
        ttl=HISTORY_TTL,
    )
    per_job = defaultdict(lambda: {"views": 0, "impressions": 0})
    per_day = defaultdict(lambda: {"views": 0})
    for key, values in views["per_job"].items():
        per_job[key] = dict(values)
    for key, values in views["per_day"].items():
        per_day[key] = dict(values)
    if live is not None:
        stats = job_day_stats(
            since=live[0], until=live[1], company_id=company_id, job_id=job_id
        )
        for (job, day), row in stats.items():
            per_job[job]["views"] += row["views"]
            per_job[job]["impressions"] += row["search_impressions"]
            per_day[day]["views"] += row["views"]
    return per_job, per_day


def _funnel(applications, total_views):
    reached = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(rank=Max(_rank_of("to_stage")))
        .values("rank")
    )
    by_rank = dict(
        applications.order_by()
        .annotate(reached=Coalesce(Subquery(reached), _rank_of("stage")))
        .values("reached")
        .annotate(n=Count("pk"))
        .values_list("reached", "n")
    )
    rows = [{"step": "views", "label": "Views", "count": total_views}]
    for stage, rank in STAGE_RANK.items():
        count = sum(n for r, n in by_rank.items() if r is not None and r >= rank)
        rows.append({"step": stage.value, "label": stage.label, "count": count})
    previous = None
    for row in rows:
        row["conversion"] = (
            rate(row["count"], previous) if previous is not None else None
        )
        previous = row["count"]
    return rows


def _stage_durations(applications):
    """(time to hire, {stage: [durations]}) from the cohort's stage history."""
    events = (
        ApplicationEvent.objects.filter(application__in=applications.values("pk"))
        # Notes and interview changes keep the stage: they are not moves.
        .exclude(from_stage=F("to_stage"))
        .order_by("application_id", "created_at", "id")
        .values_list("application_id", "from_stage", "to_stage", "created_at")
    )
    entered, in_stage, to_hire = {}, defaultdict(list), []
    applied_at = dict(applications.values_list("pk", "created_at"))
    for application_id, from_stage, to_stage, at in events:
        if from_stage and (application_id, from_stage) in entered:
            in_stage[from_stage].append(at - entered[(application_id, from_stage)])
        entered[(application_id, to_stage)] = at
        if to_stage == Stage.HIRED and application_id in applied_at:
            to_hire.append(at - applied_at[application_id])
    return to_hire, in_stage


def _jobs_table(company_id, job_id, since, until, per_job):
    jobs = Job.objects.filter(company_id=company_id)
    if job_id is not None:
        jobs = jobs.filter(pk=job_id)
    in_range = _in_days("applications__created_at", since, until)
    today = timezone.localdate()
    rows = []
    for job in (
        jobs.annotate(applies=Count("applications", filter=in_range))
        .order_by("-published_at", "-id")
        .only("id", "title", "slug", "status", "published_at", "updated_at")
    ):
        views = per_job.get(job.pk, {}).get("views", 0)
        if job.published_at is None:
            days_open = None
        else:
            # A closed job has no closing time of its own: its last change stands in.
            still_open = job.status in {JobStatus.PUBLISHED, JobStatus.PAUSED}
            end = today if still_open else timezone.localdate(job.updated_at)
            days_open = max((end - timezone.localdate(job.published_at)).days, 0)
        rows.append(
            {
                "job_id": job.pk,
                "title": job.title,
                "status": job.status,
                "views": views,
                "applies": job.applies,
                "apply_rate": rate(job.applies, views),
                "days_open": days_open,
            }
        )
    return rows


def _compute(company_id, job_id, since, until):
    applications = cohort(
        company_id=company_id, since=since, until=until, job_id=job_id
    )
    per_job, per_day = _views(company_id, job_id, since, until)
    total_views = sum(row["views"] for row in per_job.values())
    funnel = _funnel(applications, total_views)
    to_hire, in_stage = _stage_durations(applications)
    sources = dict(
        applications.order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values_list("source", "n")
    )
    applies = funnel[1]["count"]
    daily = defaultdict(lambda: {"views": 0, "applies": 0, "hires": 0})
    for day, row in per_day.items():
        daily[day]["views"] += row["views"]
    for day, n in (
        applications.order_by()
        .annotate(date=TruncDate("created_at"))
        .values("date")
        .annotate(n=Count("pk"))
        .values_list("date", "n")
    ):
        daily[day]["applies"] += n
    for day, n in (
        ApplicationEvent.objects.filter(
            application__in=applications.values("pk"), to_stage=Stage.HIRED
        )
        .order_by()
        .annotate(date=TruncDate("created_at"))
        .values("date")
        .annotate(n=Count("application", distinct=True))
        .values_list("date", "n")
    ):
        daily[day]["hires"] += n
    hires = funnel[-1]["count"]
    return {
        "filters": {
            "company_id": company_id,
            "job_id": job_id,
            "since": iso(since),
            "until": iso(until),
        },
        "headline": {
            "views": total_views,
            "applies": applies,
            "apply_rate": rate(applies, total_views),
            "hires": hires,
            "median_days_to_hire": median_days(to_hire),
        },
        "tables": {
            "funnel": funnel,
            "time_in_stage": [
                {
                    "stage": stage.value,
                    "label": stage.label,
                    "median_days": median_days(in_stage.get(stage, [])),
                    "applications": len(in_stage.get(stage, [])),
                }
                for stage in FUNNEL_TIMED_STAGES
            ],
            "sources": [
                {
                    "source": source.value,
                    "label": source.label,
                    "applications": sources.get(source, 0),
                    "share": rate(sources.get(source, 0), applies),
                }
                for source in Source
            ],
            "jobs": _jobs_table(company_id, job_id, since, until, per_job),
            "weeks": fold_weeks(daily, since, until, ["views", "applies", "hires"]),
        },
    }


def company_report(*, company_id: int, since, until, job_id: int | None = None):
    """The whole employer dashboard as plain data (cached for the live TTL)."""
    return cached(
        "employer",
        {"company": company_id, "job": job_id, "since": since, "until": until},
        lambda: _compute(company_id, job_id, since, until),
    )
