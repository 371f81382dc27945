"""The stored per-application timelines give the employer dashboard exactly the
figures computed from the events (analytics.timeline, company_pipeline_stats)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.tests.factories import UserFactory
from analytics.models import ApplicationTimeline, TimelineMark
from analytics.reports import employer
from analytics.reports.pipeline import (
    Durations,
    cohort,
    company_pipeline_stats,
    pipeline_stats,
)
from analytics.rollups import analytics_rollup
from analytics.tests.conftest import BASE, days, make_application
from analytics.timeline import timeline_refresh
from jobs.models import Application, ApplicationEvent, Source, Stage
from jobs.tests.factories import JobFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres(reason="timelines are stored on PostgreSQL only"),
]

TODAY = timezone.localdate()
RANGES = [
    (BASE.date() - datetime.timedelta(days=5), TODAY),  # the dashboard's
    (BASE.date(), BASE.date()),  # one day
    (BASE.date() + datetime.timedelta(days=1), TODAY),  # after the cohort
    (BASE.date() - datetime.timedelta(days=60), BASE.date()),  # the old ones too
]


@pytest.fixture
def history(funnel, acme):
    """The funnel (c1…c5 on Acme's engineer job, one Globex application) plus a
    second Acme job: c6 screening after 6h, a note that is no move, offer at +2d
    skipping interview, hired at +3d; c7 applied 40 days before BASE, from a
    recommendation, rejected 2 days later."""
    ops = JobFactory(company=acme, title="Acme ops", slug="acme-ops", published=True)
    c6 = make_application(
        ops,
        UserFactory(email="c6@example.com"),
        source=Source.ALERT,
        path=[
            (Stage.SCREENING, BASE + datetime.timedelta(hours=6)),
            (Stage.OFFER, days(2)),
            (Stage.HIRED, days(3)),
        ],
    )
    _event(c6, Stage.SCREENING, Stage.SCREENING, days(1))
    make_application(
        ops,
        UserFactory(email="c7@example.com"),
        source=Source.RECOMMENDATION,
        at=days(-40),
        path=[(Stage.REJECTED, days(-38))],
    )
    return {"engineer": funnel, "ops": ops}


def _event(application, from_stage, to_stage, at):
    ApplicationEvent.objects.create(
        application=application,
        from_stage=from_stage,
        to_stage=to_stage,
        created_at=at,
    )
    Application.objects.filter(pk=application.pk).update(stage=to_stage)


def _application(email):
    return Application.objects.get(candidate__email=email, job__slug="acme-engineer")


def _activity_since_the_mark(history, globex_job):
    """Moves (with past times: ids, not times, are "since"), a note, a new
    application with a full path, one without any event, a deletion, and another
    company's move."""
    c4 = _application("c4@example.com")
    _event(c4, Stage.APPLIED, Stage.SCREENING, days(12))
    _event(c4, Stage.SCREENING, Stage.SCREENING, days(13))
    c3 = _application("c3@example.com")
    _event(c3, Stage.INTERVIEW, Stage.OFFER, days(14))
    _event(c3, Stage.OFFER, Stage.HIRED, days(15))
    _application("c5@example.com").delete()
    make_application(
        history["engineer"],
        UserFactory(email="c8@example.com"),
        source=Source.SEARCH,
        at=days(2),
        path=[(Stage.SCREENING, days(3)), (Stage.REJECTED, days(4))],
    )
    silent = Application.objects.create(
        job=history["ops"],
        candidate=UserFactory(email="c9@example.com"),
        stage=Stage.INTERVIEW,
    )
    Application.objects.filter(pk=silent.pk).update(created_at=days(1))
    globex = Application.objects.get(job=globex_job)
    _event(globex, Stage.HIRED, Stage.HIRED, days(2))


def _assert_timelines_match_the_events(company, jobs, mark=None):
    for since, until in RANGES:
        for job_id in [None, *(job.pk for job in jobs)]:
            stored = company_pipeline_stats(
                company_id=company.pk,
                since=since,
                until=until,
                job_id=job_id,
                mark=mark,
            )
            events = pipeline_stats(
                cohort(company_id=company.pk, since=since, until=until, job_id=job_id)
            )
            # Exactly: every count and the unrounded medians.
            assert stored == events, (since, until, job_id)


def test_stored_timelines_fold_each_application(history):
    assert timeline_refresh() == 8  # 7 applications, Globex's included

    c1 = ApplicationTimeline.objects.get(application=_application("c1@example.com"))
    assert (c1.company_id, c1.job_id, c1.applied_on, c1.source, c1.reached) == (
        history["engineer"].company_id,
        history["engineer"].pk,
        BASE.date(),
        "direct",
        4,
    )
    assert (
        c1.applied_days,
        c1.screening_days,
        c1.interview_days,
        c1.offer_days,
        c1.hire_days,
        c1.hired_on,
    ) == (2.0, 3.0, 3.0, 2.0, 10.0, days(10).date())
    c3 = ApplicationTimeline.objects.get(application=_application("c3@example.com"))
    # Still in interview: no time there yet, none in screening (skipped).
    assert (c3.reached, c3.applied_days, c3.screening_days, c3.interview_days) == (
        2,
        4.0,
        None,
        None,
    )
    mark = TimelineMark.objects.get()
    assert (mark.event_id, mark.application_id) == (
        ApplicationEvent.objects.order_by("-pk").first().pk,
        Application.objects.order_by("-pk").first().pk,
    )


def test_timelines_give_the_events_figures_before_and_after_activity(
    acme, history, globex_job
):
    jobs = [history["engineer"], history["ops"]]
    _assert_timelines_match_the_events(acme, jobs)  # nothing stored: all live

    timeline_refresh()
    _assert_timelines_match_the_events(acme, jobs)
    old_mark = (0, 0)

    _activity_since_the_mark(history, globex_job)
    _assert_timelines_match_the_events(acme, jobs)
    stored_mark = tuple(
        TimelineMark.objects.values_list("event_id", "application_id").get()
    )

    timeline_refresh()
    _assert_timelines_match_the_events(acme, jobs)
    # A mark read before a refresh (a cached one) gives the same answer.
    _assert_timelines_match_the_events(acme, jobs, mark=stored_mark)
    _assert_timelines_match_the_events(acme, jobs, mark=old_mark)


def test_the_figures_after_activity_by_hand(acme, history, globex_job):
    timeline_refresh()
    _activity_since_the_mark(history, globex_job)

    stats = company_pipeline_stats(
        company_id=acme.pk, since=BASE.date() - datetime.timedelta(days=5), until=TODAY
    )

    # c1 hired 4; c2 screening 1; c3 now hired 4; c4 now screening 1; c5 deleted;
    # c8 rejected after screening 1; c6 hired 4; c9 interview without events 2.
    assert stats["reached"] == {4: 3, 1: 3, 2: 1}
    assert stats["to_hire"] == Durations(3, 10.0)  # c6 3d, c1 10d, c3 15d
    assert stats["sources"] == {"direct": 4, "search": 2, "alert": 1}
    assert stats["applies_by_job"] == {history["engineer"].pk: 5, history["ops"].pk: 2}
    assert stats["hires_by_day"] == {
        days(3).date(): 1,
        days(10).date(): 1,
        days(15).date(): 1,
    }


def test_refresh_is_incremental_and_idempotent(acme, history, globex_job):
    assert timeline_refresh() == 8
    rows = list(ApplicationTimeline.objects.order_by("pk").values())

    assert timeline_refresh() == 0  # nothing new
    c4 = _application("c4@example.com")
    _event(c4, Stage.APPLIED, Stage.SCREENING, days(12))
    assert timeline_refresh() == 1  # only c4
    assert ApplicationTimeline.objects.get(application=c4).reached == 1

    # A recheck refolds every application with an event since then: after +11d,
    # c4's move alone; after -100d, all of them.
    assert timeline_refresh(recheck_since=days(11)) == 1
    assert timeline_refresh(recheck_since=days(-100)) == 8
    refolded = {
        row["application_id"]: row for row in ApplicationTimeline.objects.values()
    }
    for row in rows:
        if row["application_id"] != c4.pk:
            assert refolded[row["application_id"]] == row


def test_a_deleted_application_leaves_its_timeline(history):
    timeline_refresh()
    c5 = _application("c5@example.com")

    c5.delete()

    assert not ApplicationTimeline.objects.filter(application_id=c5.pk).exists()


def _report(company, job_id=None):
    cache.clear()
    since, until = RANGES[0]
    return employer._compute(company.pk, job_id, since, until)


def test_dashboard_from_timelines_equals_the_old_computation(
    acme, history, globex_job, monkeypatch
):
    """Funnel, time in stage, time to hire, sources, job table and weeks: the
    report from the roll-up's timelines plus today's activity equals the report
    computed from the events, for the company and for each job."""
    analytics_rollup(
        since=BASE.date() - datetime.timedelta(days=45),
        until=TODAY - datetime.timedelta(days=1),
    )
    assert ApplicationTimeline.objects.count() == 8
    _activity_since_the_mark(history, globex_job)
    targets = [None, history["engineer"].pk, history["ops"].pk]
    from_timelines = [_report(acme, job_id) for job_id in targets]

    monkeypatch.setattr(
        employer,
        "company_pipeline_stats",
        lambda **kw: pipeline_stats(cohort(**kw)),
    )
    from_events = [_report(acme, job_id) for job_id in targets]

    assert from_timelines == from_events
    company = from_timelines[0]
    assert [row["count"] for row in company["tables"]["funnel"]] == [12, 7, 7, 4, 3, 3]
    assert company["headline"]["median_days_to_hire"] == 10.0
    assert sum(week["hires"] for week in company["tables"]["weeks"]) == 3


def test_the_roll_up_keeps_timelines_idempotent(acme, history):
    until = TODAY - datetime.timedelta(days=1)
    since = BASE.date() - datetime.timedelta(days=45)

    first = analytics_rollup(since=since, until=until)
    rows = list(ApplicationTimeline.objects.order_by("pk").values())
    second = analytics_rollup(since=since, until=until)

    assert first["timelines"] == 8
    assert second["timelines"] == 8  # the range's applications, refolded
    assert list(ApplicationTimeline.objects.order_by("pk").values()) == rows


def test_staff_read_timelines_in_the_admin(client, sam, history):
    timeline_refresh()
    c1 = _application("c1@example.com")
    client.force_login(sam)

    listing = client.get(
        "/admin/analytics/applicationtimeline/",
        {"q": str(c1.pk), "reached__exact": "4"},
    )
    detail = client.get(f"/admin/analytics/applicationtimeline/{c1.pk}/change/")
    marks = client.get("/admin/analytics/timelinemark/")

    assert listing.status_code == detail.status_code == marks.status_code == 200
    assert c1.pk in [row.pk for row in listing.context["cl"].result_list]
    assert {row.reached for row in listing.context["cl"].result_list} == {4}
    assert b"View application timeline" in detail.content  # read-only
    assert b'name="_save"' not in detail.content
    assert client.get("/admin/analytics/applicationtimeline/add/").status_code == 403


def test_the_beat_task_folds_what_moved_every_quarter_hour(history, settings):
    from analytics.tasks import refresh_timelines

    entry = settings.CELERY_BEAT_SCHEDULE["analytics-timelines"]
    assert (entry["task"], entry["schedule"]) == (
        "analytics.tasks.refresh_timelines",
        15 * 60,
    )
    assert refresh_timelines.delay().get() == 8
    assert ApplicationTimeline.objects.count() == 8
    assert refresh_timelines() == 0
