"""The employer dashboard: a company's (or one job's) hiring funnel and performance.

Cohort rule: the applications counted are those *made* in the date range; each
counts for every pipeline stage it reached (its furthest stage in the
ApplicationEvent history, so a skip from applied to interview also passes
screening). Views are the job views in the range (one per viewer per job per day).
"""

from collections import defaultdict

from django.db.models import Sum
from django.utils import timezone

from analytics.cache import HISTORY_TTL, cached
from analytics.models import DailyJobStats
from analytics.reports.common import fold_weeks, iso, rate, split_range
from analytics.reports.pipeline import STAGE_RANK, Durations, company_pipeline_stats
from analytics.rollups import job_view_stats
from jobs.models import Job, JobStatus, Source, Stage

FUNNEL_TIMED_STAGES = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]
NONE = Durations(0, None)


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
        stats = job_view_stats(
            since=live[0], until=live[1], company_id=company_id, job_id=job_id
        )
        for (job, day), row in stats.items():
            per_job[job]["views"] += row["views"]
            per_job[job]["impressions"] += row["search_impressions"]
            per_day[day]["views"] += row["views"]
    return per_job, per_day


def _funnel(reached, total_views):
    """Views, then every pipeline stage with the applications that reached it."""
    rows = [{"step": "views", "label": "Views", "count": total_views}]
    for stage, rank in STAGE_RANK.items():
        count = sum(n for r, n in reached.items() if r is not None and r >= rank)
        rows.append({"step": stage.value, "label": stage.label, "count": count})
    previous = None
    for row in rows:
        row["conversion"] = (
            rate(row["count"], previous) if previous is not None else None
        )
        previous = row["count"]
    return rows


def _jobs_table(company_id, job_id, per_job, applies_by_job):
    jobs = Job.objects.filter(company_id=company_id)
    if job_id is not None:
        jobs = jobs.filter(pk=job_id)
    today = timezone.localdate()
    rows = []
    for job in jobs.order_by("-published_at", "-id").only(
        "id", "title", "status", "published_at", "closed_at", "updated_at"
    ):
        views = per_job.get(job.pk, {}).get("views", 0)
        applies = applies_by_job.get(job.pk, 0)
        if job.published_at is None:
            days_open = None
        else:
            still_open = job.status in {JobStatus.PUBLISHED, JobStatus.PAUSED}
            # A job closed outside the services (no closed_at) by its last change.
            closed_at = job.closed_at or job.updated_at
            end = (
                today if still_open or not closed_at else timezone.localdate(closed_at)
            )
            days_open = max((end - timezone.localdate(job.published_at)).days, 0)
        rows.append(
            {
                "job_id": job.pk,
                "title": job.title,
                "status": job.status,
                "views": views,
                "applies": applies,
                "apply_rate": rate(applies, views),
                "days_open": days_open,
            }
        )
    return rows


def _compute(company_id, job_id, since, until):
    per_job, per_day = _views(company_id, job_id, since, until)
    total_views = sum(row["views"] for row in per_job.values())
    stats = company_pipeline_stats(
        company_id=company_id, since=since, until=until, job_id=job_id
    )
    funnel = _funnel(stats["reached"], total_views)
    in_stage = stats["in_stage"]
    sources = stats["sources"]
    applies = funnel[1]["count"]
    daily = defaultdict(lambda: {"views": 0, "applies": 0, "hires": 0})
    for day, row in per_day.items():
        daily[day]["views"] += row["views"]
    for day, n in stats["applies_by_day"].items():
        daily[day]["applies"] += n
    for day, n in stats["hires_by_day"].items():
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
            "median_days_to_hire": stats["to_hire"].median_days,
        },
        "tables": {
            "funnel": funnel,
            "time_in_stage": [
                {
                    "stage": stage.value,
                    "label": stage.label,
                    "median_days": in_stage.get(stage, NONE).median_days,
                    "applications": in_stage.get(stage, NONE).count,
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
            "jobs": _jobs_table(company_id, job_id, per_job, stats["applies_by_job"]),
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
