"""The staff dashboard: platform statistics over the roll-ups plus the live days."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from analytics.cache import HISTORY_TTL, cached
from analytics.models import DailyPlatformStats, Event, EventKind
from analytics.reports.common import fold_weeks, iso, split_range
from analytics.rollups import PLATFORM_FIELDS, platform_day_stats
from candidates.models import CandidateSkill
from jobs.models import Job, JobSkill

TOP_QUERIES = 20
TOP_SKILLS = 15


def _history(history):
    if history is None:
        return {}
    return {
        row.day: {field: getattr(row, field) for field in PLATFORM_FIELDS}
        for row in DailyPlatformStats.objects.filter(
            day__gte=history[0], day__lte=history[1]
        )
    }


def _skills():
    demand = dict(
        JobSkill.objects.filter(job__in=Job.objects.published())
        .order_by()
        .values("skill__name")
        .annotate(n=Count("job", distinct=True))
        .order_by("-n", "skill__name")
        .values_list("skill__name", "n")[:TOP_SKILLS]
    )
    supply_top = dict(
        CandidateSkill.objects.filter(skill__isnull=False)
        .order_by()
        .values("skill__name")
        .annotate(n=Count("profile", distinct=True))
        .order_by("-n", "skill__name")
        .values_list("skill__name", "n")[:TOP_SKILLS]
    )
    missing = [name for name in demand if name not in supply_top]
    supply = supply_top | dict(
        CandidateSkill.objects.filter(skill__name__in=missing)
        .order_by()
        .values("skill__name")
        .annotate(n=Count("profile", distinct=True))
        .values_list("skill__name", "n")
    )
    open_jobs = dict(
        JobSkill.objects.filter(
            job__in=Job.objects.published(),
            skill__name__in=[n for n in supply_top if n not in demand],
        )
        .order_by()
        .values("skill__name")
        .annotate(n=Count("job", distinct=True))
        .values_list("skill__name", "n")
    )
    names = list(demand) + [n for n in supply_top if n not in demand]
    return [
        {
            "skill": name,
            "open_jobs": demand.get(name, open_jobs.get(name, 0)),
            "candidates": supply.get(name, 0),
        }
        for name in names
    ]


def _compute(since, until):
    history, live = split_range(since, until)
    daily = cached(
        "platform_history",
        {"range": history},
        lambda: _history(history),
        ttl=HISTORY_TTL,
    )
    daily = dict(daily)
    if live is not None:
        daily.update(platform_day_stats(since=live[0], until=live[1]))
    totals = {
        field: sum(row[field] for row in daily.values()) for field in PLATFORM_FIELDS
    }
    users = get_user_model().objects.aggregate(
        total=Count("pk"),
        candidates=Count("pk", filter=Q(role="candidate")),
        employers=Count("pk", filter=Q(role="employer")),
        recruiters=Count("pk", filter=Q(role="recruiter")),
        staff=Count("pk", filter=Q(is_staff=True)),
    )
    queries = list(
        Event.objects.filter(kind=EventKind.SEARCH, day__gte=since, day__lte=until)
        .exclude(query="")
        .order_by()
        .values("query")
        .annotate(searches=Count("pk"))
        .order_by("-searches", "query")[:TOP_QUERIES]
    )
    return {
        "filters": {"since": iso(since), "until": iso(until)},
        "headline": {
            "users": users["total"],
            "open_jobs": Job.objects.published().count(),
            "applications": totals["applications"],
            "hires": totals["hires"],
            "searches": totals["searches"],
        },
        "tables": {
            "users_by_role": [
                {"role": "candidate", "users": users["candidates"]},
                {"role": "employer", "users": users["employers"]},
                {"role": "recruiter", "users": users["recruiters"]},
                {"role": "staff", "users": users["staff"]},
            ],
            "totals": [
                {"measure": field, "value": value} for field, value in totals.items()
            ],
            "weeks": fold_weeks(daily, since, until, PLATFORM_FIELDS),
            "top_queries": queries,
            "skills": _skills(),
        },
    }


def platform_report(*, since, until):
    return cached(
        "platform", {"since": since, "until": until}, lambda: _compute(since, until)
    )
