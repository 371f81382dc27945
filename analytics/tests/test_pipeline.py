"""The cohort statistics: set-based SQL on PostgreSQL, Python elsewhere, one answer."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import UserFactory
from analytics.reports.pipeline import (
    Durations,
    _postgres,
    _python,
    cohort,
    pipeline_stats,
)
from analytics.tests.conftest import BASE, days, make_application
from jobs.models import Application, ApplicationEvent, Source, Stage

pytestmark = pytest.mark.django_db

SINCE = BASE.date() - datetime.timedelta(days=5)


@pytest.fixture
def uneven(funnel, acme_job):
    """The funnel plus c6 (source alert): screening after 6h, a note (screening →
    screening) at +1d that is not a move, offer at +2d (skipping interview), hired
    at +3d."""
    c6 = make_application(
        acme_job,
        UserFactory(email="c6@example.com"),
        source=Source.ALERT,
        path=[
            (Stage.SCREENING, BASE + datetime.timedelta(hours=6)),
            (Stage.OFFER, days(2)),
            (Stage.HIRED, days(3)),
        ],
    )
    ApplicationEvent.objects.create(
        application=c6,
        from_stage=Stage.SCREENING,
        to_stage=Stage.SCREENING,
        created_at=days(1),
    )
    return funnel


def _cohort(company):
    return cohort(company_id=company.pk, since=SINCE, until=timezone.localdate())


def test_stats_by_hand(acme, uneven):
    stats = pipeline_stats(_cohort(acme))

    # Ranks: c1 hired 4, c2 screening 1, c3 interview 2, c4 0, c5 0, c6 hired 4.
    assert stats["reached"] == {0: 2, 1: 1, 2: 1, 4: 2}
    assert {s: (d.count, d.median_days) for s, d in stats["in_stage"].items()} == {
        "applied": (5, 1.0),  # c1 2d, c2 1d, c3 4d, c5 1d, c6 0.25d
        "screening": (3, 2.0),  # c1 3d, c2 2d, c6 1.75d (the note is no move)
        "interview": (1, 3.0),  # c1 (c3 is still there)
        "offer": (2, 1.5),  # c1 2d, c6 1d
    }
    assert stats["to_hire"] == Durations(2, 6.5)  # c1 10d, c6 3d
    assert stats["sources"] == {"direct": 3, "search": 1, "recruiter": 1, "alert": 1}
    assert stats["applies_by_day"] == {BASE.date(): 6}
    assert stats["hires_by_day"] == {days(10).date(): 1, days(3).date(): 1}


def test_an_empty_cohort(acme):
    stats = pipeline_stats(_cohort(acme))

    assert stats["reached"] == {}
    assert stats["in_stage"] == {}
    assert stats["to_hire"] == Durations(0, None)
    assert stats["to_hire"].median_days is None
    assert stats["sources"] == {}


@pytest.mark.postgres
def test_postgres_and_python_paths_agree(acme, uneven, django_assert_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    applications = _cohort(acme)

    with django_assert_num_queries(1):
        in_sql = _postgres(applications)
    in_python = _python(applications)

    def rounded(stats):
        return {
            **stats,
            "in_stage": {
                s: (d.count, d.median_days) for s, d in stats["in_stage"].items()
            },
            "to_hire": (stats["to_hire"].count, stats["to_hire"].median_days),
        }

    assert rounded(in_sql) == rounded(in_python)


def test_an_application_without_events_counts_at_its_stage(acme, acme_job):
    quiet = Application.objects.create(
        job=acme_job, candidate=UserFactory(email="quiet@example.com")
    )
    Application.objects.filter(pk=quiet.pk).update(
        stage=Stage.INTERVIEW, created_at=BASE
    )
    applications = _cohort(acme)

    assert pipeline_stats(applications)["reached"] == {2: 1}
    assert _python(applications)["reached"] == {2: 1}


def test_jobs_table_applies_per_job_and_days_open_of_a_closed_job(acme, uneven):
    from analytics.reports.employer import company_report
    from jobs.models import Job, JobStatus
    from jobs.tests.factories import JobFactory

    closed = JobFactory(company=acme, slug="acme-closed", published=True)
    Job.objects.filter(pk=closed.pk).update(
        status=JobStatus.CLOSED,
        published_at=days(-30),
        closed_at=days(-10),
        updated_at=days(5),  # a later change (archiving, say) does not count
    )
    # Closed outside the services, without a closing time: its last change.
    legacy = JobFactory(company=acme, slug="acme-legacy", published=True)
    Job.objects.filter(pk=legacy.pk).update(
        status=JobStatus.ARCHIVED, published_at=days(-30), updated_at=days(-20)
    )
    make_application(closed, UserFactory(email="late@example.com"), at=days(1))

    rows = company_report(company_id=acme.pk, since=SINCE, until=timezone.localdate())[
        "tables"
    ]["jobs"]

    by_id = {row["job_id"]: row for row in rows}
    assert (by_id[uneven.pk]["applies"], by_id[uneven.pk]["days_open"]) == (6, 1)
    assert (by_id[closed.pk]["applies"], by_id[closed.pk]["days_open"]) == (1, 20)
    assert by_id[closed.pk]["status"] == "closed"
    assert (by_id[legacy.pk]["applies"], by_id[legacy.pk]["days_open"]) == (0, 10)


def test_page_lists_fifty_jobs_and_the_csv_all(client, olivia, acme, funnel):
    from django.urls import reverse

    from jobs.tests.factories import JobFactory

    for i in range(50):
        JobFactory(company=acme, slug=f"acme-many-{i}", published=True)
    client.force_login(olivia)

    html = client.get(reverse("analytics:insights")).content.decode()
    csv = b"".join(
        client.get(reverse("analytics:export", args=["jobs"])).streaming_content
    ).decode()

    assert "The 50 most recently published of 51 jobs" in html
    assert html.count("<td>published</td>") == 50
    assert len(csv.splitlines()) == 52  # header + 51 jobs
