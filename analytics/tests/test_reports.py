import datetime

import pytest
from django.utils import timezone

from analytics.models import DailyJobStats, DailyPlatformStats, Event, EventKind
from analytics.reports.candidate import candidate_report
from analytics.reports.employer import company_report
from analytics.reports.platform import platform_report
from analytics.rollups import analytics_rollup
from analytics.tests.conftest import BASE, days, make_application
from jobs.models import Stage
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

SINCE = BASE.date() - datetime.timedelta(days=5)


def _report(company, **kwargs):
    return company_report(
        company_id=company.pk, since=SINCE, until=timezone.localdate(), **kwargs
    )


def test_funnel_counts_every_stage_reached_with_conversions(acme, funnel):
    report = _report(acme)

    assert [
        (r["step"], r["count"], r["conversion"]) for r in report["tables"]["funnel"]
    ] == [
        ("views", 12, None),
        ("applied", 5, 41.7),
        ("screening", 3, 60.0),
        ("interview", 2, 66.7),
        ("offer", 1, 50.0),
        ("hired", 1, 100.0),
    ]
    assert report["headline"] == {
        "views": 12,
        "applies": 5,
        "apply_rate": 41.7,
        "hires": 1,
        "median_days_to_hire": 10.0,
    }


def test_funnel_reads_rollups_and_live_days_alike(acme, funnel):
    analytics_rollup(since=SINCE, until=timezone.localdate() - datetime.timedelta(1))
    # The raw events of rolled-up days no longer matter: the roll-up holds them.
    Event.objects.filter(day__lt=timezone.localdate()).delete()

    report = _report(acme)

    assert report["tables"]["funnel"][0]["count"] == 12
    assert report["tables"]["jobs"][0]["views"] == 12


def test_median_time_in_each_stage(acme, funnel):
    rows = _report(acme)["tables"]["time_in_stage"]

    assert [(r["stage"], r["median_days"], r["applications"]) for r in rows] == [
        ("applied", 1.5, 4),  # c1 2d, c2 1d, c3 4d, c5 1d (c4 still there)
        ("screening", 2.5, 2),  # c1 3d, c2 2d
        ("interview", 3.0, 1),  # c1 3d (c3 still there)
        ("offer", 2.0, 1),
    ]


def test_sources_and_job_table(acme, funnel):
    report = _report(acme)

    assert {
        r["source"]: (r["applications"], r["share"])
        for r in report["tables"]["sources"]
    } == {
        "direct": (3, 60.0),
        "search": (1, 20.0),
        "recommendation": (0, 0.0),
        "alert": (0, 0.0),
        "recruiter": (1, 20.0),
    }
    assert report["tables"]["jobs"] == [
        {
            "job_id": funnel.pk,
            "title": "Acme engineer",
            "status": "published",
            "views": 12,
            "applies": 5,
            "apply_rate": 41.7,
            "days_open": 1,
        }
    ]


def test_weeks_trend_and_job_filter(acme, funnel, olivia):
    other = JobFactory(company=acme, slug="acme-other", published=True)
    make_application(other, olivia.__class__.objects.create(email="z@example.com"))

    report = _report(acme, job_id=funnel.pk)

    weeks = {r["week"]: r for r in report["tables"]["weeks"]}
    monday = (BASE.date() - datetime.timedelta(days=BASE.weekday())).isoformat()
    assert weeks[monday]["applies"] == 5
    assert weeks[monday]["views"] == 10
    assert sum(r["hires"] for r in weeks.values()) == 1
    assert [r["job_id"] for r in report["tables"]["jobs"]] == [funnel.pk]
    assert _report(acme)["headline"]["applies"] == 6


def test_date_range_keeps_only_applications_made_in_it(acme, funnel):
    later = company_report(
        company_id=acme.pk,
        since=BASE.date() + datetime.timedelta(days=1),
        until=timezone.localdate(),
    )
    assert later["headline"]["applies"] == 0
    assert later["headline"]["views"] == 2


def test_repeat_is_served_from_cache(acme, funnel, django_assert_num_queries):
    first = _report(acme)
    with django_assert_num_queries(0):
        assert _report(acme) == first


def test_rollup_bumps_the_cache_version(
    acme, funnel, django_capture_on_commit_callbacks
):
    before = _report(acme)["headline"]["views"]
    view_events(funnel, day=timezone.localdate() - datetime.timedelta(days=1))
    assert _report(acme)["headline"]["views"] == before  # cached

    with django_capture_on_commit_callbacks(execute=True):
        analytics_rollup(since=SINCE)

    assert _report(acme)["headline"]["views"] == before + 3


def view_events(job, *, day):
    from analytics.tests.conftest import view_events as make

    make(job, count=3, day=day)


def test_rollup_rows_and_idempotence(acme, funnel):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    analytics_rollup(since=SINCE, until=yesterday)
    analytics_rollup(since=SINCE, until=yesterday)

    row = DailyJobStats.objects.get(job_id=funnel.pk, day=BASE.date())
    assert (row.views, row.applies, row.hires, row.company_id) == (10, 5, 0, acme.pk)
    assert DailyJobStats.objects.get(job_id=funnel.pk, day=days(10).date()).hires == 1
    platform = DailyPlatformStats.objects.get(day=BASE.date())
    assert (platform.applications, platform.job_views) == (6, 17)
    assert DailyPlatformStats.objects.count() == (yesterday - SINCE).days + 1


def test_candidate_report(alice, acme, globex):
    jobs = [JobFactory(company=acme, slug=f"cj-{i}") for i in range(4)]
    make_application(jobs[0], alice, path=[(Stage.SCREENING, days(2))])
    make_application(jobs[1], alice, path=[(Stage.REJECTED, days(4))])
    make_application(jobs[2], alice, path=[(Stage.WITHDRAWN, days(1))])
    make_application(jobs[3], alice)
    today = timezone.localdate()
    for i, viewer in enumerate(["u1", "u2", "u3"]):
        Event.objects.create(
            kind=EventKind.PROFILE_VIEW,
            candidate_id=alice.pk,
            viewer_key=viewer,
            day=today - datetime.timedelta(days=7 * i),
        )

    report = candidate_report(user=alice)

    assert report["headline"] == {
        "applications": 4,
        "response_rate": 50.0,
        "median_days_to_first_response": 3.0,
        "profile_views_last_12_weeks": 3,
    }
    assert {r["stage"]: r["applications"] for r in report["tables"]["stages"]} == {
        "applied": 1,
        "screening": 1,
        "interview": 0,
        "offer": 0,
        "hired": 0,
        "rejected": 1,
        "withdrawn": 1,
    }
    weeks = report["tables"]["profile_views"]
    assert len(weeks) in (12, 13)
    assert sum(w["views"] for w in weeks) == 3
    assert weeks[-1]["views"] == 1
    assert report["completeness"]["score"] == 0
    assert report["match_scores"] is None


def test_platform_report(sam, alice, olivia, rita, acme, funnel):
    today = timezone.localdate()
    Event.objects.bulk_create(
        [
            Event(kind=EventKind.SEARCH, day=today, viewer_key=f"a{i}", query=q)
            for i, q in enumerate(["python", "python", "=cmd", "rust", ""])
        ]
    )
    report = platform_report(since=SINCE, until=today)

    tables = report["tables"]
    assert tables["top_queries"] == [
        {"query": "python", "searches": 2},
        {"query": "=cmd", "searches": 1},
        {"query": "rust", "searches": 1},
    ]
    roles = {r["role"]: r["users"] for r in tables["users_by_role"]}
    # alice, five funnel candidates; olivia, tom, eve; rita; sam (a candidate too).
    assert roles == {"candidate": 7, "employer": 3, "recruiter": 1, "staff": 1}
    assert report["headline"]["searches"] == 5
    assert report["headline"]["applications"] == 6
    assert report["headline"]["hires"] == 2
    assert report["headline"]["open_jobs"] == 2
