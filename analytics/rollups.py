"""Daily roll-ups: per job, per company, for the platform.

The same functions compute a day's numbers for the roll-up task (which stores
them) and for the dashboards' live part (days not rolled up yet, i.e. today), so
the two can never disagree. Views and impressions come from the event log;
applications and hires from the applications themselves (the source of truth).
"""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import Role
from analytics.cache import bump_version
from analytics.models import (
    DailyCompanyStats,
    DailyJobStats,
    DailyPlatformStats,
    Event,
    EventKind,
)
from analytics.timeline import timeline_refresh
from jobs.models import Application, ApplicationEvent, Job, Stage

JOB_FIELDS = ["views", "member_views", "search_impressions", "applies", "hires"]
COMPANY_FIELDS = [
    "views",
    "search_impressions",
    "applies",
    "hires",
    "jobs_published",
    "profile_views",
]
PLATFORM_FIELDS = [
    "new_candidates",
    "new_employers",
    "new_recruiters",
    "jobs_published",
    "applications",
    "hires",
    "searches",
    "job_views",
    "profile_views",
    "message_replies",
]


def _days(since, until):
    return Event.objects.filter(day__gte=since, day__lte=until)


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight starting `day` in the site time zone."""
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def _in_days(field, since, until):
    """created_at within [since, until] (whole days, in the site time zone)."""
    start = _day_start(since)
    end = _day_start(until + datetime.timedelta(days=1))
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _job_events(since, until, company_id, job_id):
    events = _days(since, until).filter(
        kind__in=[EventKind.JOB_VIEW, EventKind.SEARCH_IMPRESSION],
        job_id__isnull=False,
    )
    if company_id is not None:
        events = events.filter(company_id=company_id)
    if job_id is not None:
        events = events.filter(job_id=job_id)
    return (
        events.order_by()
        .values("job_id", "company_id", "day", "kind")
        .annotate(n=Count("pk"), members=Count("pk", filter=Q(user_id__isnull=False)))
    )


def _add_events(stats, companies, rows):
    for row in rows:
        key = (row["job_id"], row["day"])
        companies[row["job_id"]] = row["company_id"]
        if row["kind"] == EventKind.JOB_VIEW:
            stats[key]["views"] += row["n"]
            stats[key]["member_views"] += row["members"]
        else:
            stats[key]["search_impressions"] += row["n"]


def job_view_stats(*, since, until, company_id=None, job_id=None):
    """{(job_id, day): {views, member_views, search_impressions}}: the event part
    of `job_day_stats` alone (the employer dashboard's live views; applications
    and hires come from the pipeline statement)."""
    stats = defaultdict(
        lambda: dict.fromkeys(["views", "member_views", "search_impressions"], 0)
    )
    _add_events(stats, {}, _job_events(since, until, company_id, job_id))
    return dict(stats)


def job_day_stats(*, since, until, company_id=None, job_id=None):
    """{(job_id, day): {company_id, views, …}} for every job with activity."""
    stats = defaultdict(lambda: dict.fromkeys(JOB_FIELDS, 0))
    applications = Application.objects.filter(_in_days("created_at", since, until))
    hires = ApplicationEvent.objects.filter(
        _in_days("created_at", since, until), to_stage=Stage.HIRED
    )
    if company_id is not None:
        applications = applications.filter(job__company_id=company_id)
        hires = hires.filter(application__job__company_id=company_id)
    if job_id is not None:
        applications = applications.filter(job_id=job_id)
        hires = hires.filter(application__job_id=job_id)
    companies = {}
    _add_events(stats, companies, _job_events(since, until, company_id, job_id))
    for row in (
        applications.order_by()
        .annotate(date=TruncDate("created_at"))
        .values("job_id", "job__company_id", "date")
        .annotate(n=Count("pk"))
    ):
        stats[(row["job_id"], row["date"])]["applies"] += row["n"]
        companies[row["job_id"]] = row["job__company_id"]
    for row in (
        hires.order_by()
        .annotate(date=TruncDate("created_at"))
        .values("application__job_id", "application__job__company_id", "date")
        .annotate(n=Count("application", distinct=True))
    ):
        stats[(row["application__job_id"], row["date"])]["hires"] += row["n"]
        companies[row["application__job_id"]] = row["application__job__company_id"]
    return {
        key: {"company_id": companies[key[0]], **values}
        for key, values in stats.items()
    }


def company_day_stats(*, since, until, company_id=None):
    """{(company_id, day): {views, …}}: the jobs' numbers summed, plus company-level
    ones (jobs published, candidate profiles its people opened)."""
    stats = defaultdict(lambda: dict.fromkeys(COMPANY_FIELDS, 0))
    for (_job, day), row in job_day_stats(
        since=since, until=until, company_id=company_id
    ).items():
        target = stats[(row["company_id"], day)]
        for field in ["views", "search_impressions", "applies", "hires"]:
            target[field] += row[field]
    published = Job.objects.filter(_in_days("published_at", since, until))
    profile_views = _days(since, until).filter(
        kind=EventKind.PROFILE_VIEW, company_id__isnull=False
    )
    if company_id is not None:
        published = published.filter(company_id=company_id)
        profile_views = profile_views.filter(company_id=company_id)
    for row in (
        published.order_by()
        .annotate(date=TruncDate("published_at"))
        .values("company_id", "date")
        .annotate(n=Count("pk"))
    ):
        stats[(row["company_id"], row["date"])]["jobs_published"] += row["n"]
    for row in (
        profile_views.order_by().values("company_id", "day").annotate(n=Count("pk"))
    ):
        stats[(row["company_id"], row["day"])]["profile_views"] += row["n"]
    return dict(stats)


def platform_day_stats(*, since, until):
    """{day: {new_candidates, …}} for every day in [since, until] (zeros included)."""
    day_count = (until - since).days + 1
    stats = {
        since + datetime.timedelta(days=i): dict.fromkeys(PLATFORM_FIELDS, 0)
        for i in range(max(day_count, 0))
    }
    role_field = {
        Role.CANDIDATE: "new_candidates",
        Role.EMPLOYER: "new_employers",
        Role.RECRUITER: "new_recruiters",
    }
    for row in (
        get_user_model()
        .objects.filter(_in_days("date_joined", since, until))
        .order_by()
        .annotate(date=TruncDate("date_joined"))
        .values("role", "date")
        .annotate(n=Count("pk"))
    ):
        if row["role"] in role_field and row["date"] in stats:
            stats[row["date"]][role_field[row["role"]]] += row["n"]
    sources = [
        (Job.objects.filter(_in_days("published_at", since, until)), "published_at"),
        (
            Application.objects.filter(_in_days("created_at", since, until)),
            "created_at",
        ),
        (
            ApplicationEvent.objects.filter(
                _in_days("created_at", since, until), to_stage=Stage.HIRED
            ),
            "created_at",
        ),
    ]
    for (queryset, field), target in zip(
        sources, ["jobs_published", "applications", "hires"], strict=True
    ):
        for row in (
            queryset.order_by()
            .annotate(date=TruncDate(field))
            .values("date")
            .annotate(n=Count("pk"))
        ):
            if row["date"] in stats:
                stats[row["date"]][target] += row["n"]
    kind_field = {
        EventKind.SEARCH: "searches",
        EventKind.JOB_VIEW: "job_views",
        EventKind.PROFILE_VIEW: "profile_views",
        EventKind.MESSAGE_REPLY: "message_replies",
    }
    for row in (
        _days(since, until)
        .filter(kind__in=list(kind_field))
        .order_by()
        .values("day", "kind")
        .annotate(n=Count("pk"))
    ):
        stats[row["day"]][kind_field[row["kind"]]] += row["n"]
    return stats


def rolled_through():
    """The last day the roll-up stored (None before the first run)."""
    return DailyPlatformStats.objects.aggregate(last=Max("day"))["last"]


def analytics_rollup(*, since, until=None) -> dict:
    """Recompute and store the roll-ups of [since, until] (default: yesterday).

    Idempotent: the range's rows are replaced in one transaction, so re-running
    a day (late events, a fixed bug) gives the same tables. Also folds the
    applications created or moved since the last run (and every one with an event
    in the range) into their stored timelines (`analytics.timeline`). Bumps the
    cache version so every dashboard reads the new numbers.
    """
    until = until or timezone.localdate() - datetime.timedelta(days=1)
    if until < since:
        raise ValueError("The end of the range is before its start.")
    jobs = job_day_stats(since=since, until=until)
    companies = company_day_stats(since=since, until=until)
    platform = platform_day_stats(since=since, until=until)
    with transaction.atomic():
        for model in (DailyJobStats, DailyCompanyStats, DailyPlatformStats):
            model.objects.filter(day__gte=since, day__lte=until).delete()
        DailyJobStats.objects.bulk_create(
            [
                DailyJobStats(job_id=job_id, day=day, **values)
                for (job_id, day), values in jobs.items()
            ],
            batch_size=1000,
        )
        DailyCompanyStats.objects.bulk_create(
            [
                DailyCompanyStats(company_id=company_id, day=day, **values)
                for (company_id, day), values in companies.items()
            ],
            batch_size=1000,
        )
        DailyPlatformStats.objects.bulk_create(
            [DailyPlatformStats(day=day, **values) for day, values in platform.items()]
        )
        timelines = timeline_refresh(recheck_since=_day_start(since))
        transaction.on_commit(bump_version)
    return {
        "jobs": len(jobs),
        "companies": len(companies),
        "days": len(platform),
        "timelines": timelines,
    }
