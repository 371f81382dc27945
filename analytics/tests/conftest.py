"""Hand-made hiring data with known answers (see the docstring of `funnel`)."""

import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from analytics.models import Event, EventKind
from jobs.models import Application, ApplicationEvent, Source, Stage
from jobs.tests.factories import JobFactory

BASE = (timezone.now() - datetime.timedelta(days=20)).replace(
    hour=12, minute=0, second=0, microsecond=0
)


def days(n):
    return BASE + datetime.timedelta(days=n)


def make_application(job, candidate, *, path=(), source=Source.DIRECT, at=BASE):
    """An application made at `at`, then moved along `path` [(stage, when)]."""
    application = Application.objects.create(
        job=job, candidate=candidate, source=source
    )
    ApplicationEvent.objects.create(
        application=application, from_stage="", to_stage=Stage.APPLIED, created_at=at
    )
    current = Stage.APPLIED
    for stage, when in path:
        ApplicationEvent.objects.create(
            application=application,
            from_stage=current,
            to_stage=stage,
            created_at=when,
        )
        current = stage
    Application.objects.filter(pk=application.pk).update(
        created_at=at,
        stage=current,
        rejection_reason="skills" if current == Stage.REJECTED else "",
    )
    application.refresh_from_db()
    return application


def view_events(job, *, count, day, kind=EventKind.JOB_VIEW):
    Event.objects.bulk_create(
        [
            Event(
                kind=kind,
                day=day,
                job_id=job.pk,
                company_id=job.company_id,
                viewer_key=f"a{day}{i}",
            )
            for i in range(count)
        ]
    )


@pytest.fixture
def acme_job(acme):
    return JobFactory(
        company=acme, title="Acme engineer", slug="acme-engineer", published=True
    )


@pytest.fixture
def globex_job(globex):
    return JobFactory(
        company=globex, title="Globex analyst", slug="globex-analyst", published=True
    )


@pytest.fixture
def funnel(acme_job, globex_job):
    """Five Acme applications made on BASE (+ one for Globex that must not count).

    c1 applied → screening +2d → interview +5d → offer +8d → hired +10d
    c2 applied → screening +1d → rejected +3d
    c3 applied → interview +4d (skips screening: still counts for it)
    c4 applied (source search)
    c5 applied → withdrawn +1d (source recruiter)
    Views: 10 on BASE's day, 2 today. Expected funnel 12 → 5 → 3 → 2 → 1 → 1.
    """
    people = [UserFactory(email=f"c{i}@example.com") for i in range(1, 6)]
    make_application(
        acme_job,
        people[0],
        path=[
            (Stage.SCREENING, days(2)),
            (Stage.INTERVIEW, days(5)),
            (Stage.OFFER, days(8)),
            (Stage.HIRED, days(10)),
        ],
    )
    make_application(
        acme_job,
        people[1],
        path=[
            (Stage.SCREENING, days(1)),
            (Stage.REJECTED, days(3)),
        ],
    )
    make_application(acme_job, people[2], path=[(Stage.INTERVIEW, days(4))])
    make_application(acme_job, people[3], source=Source.SEARCH)
    make_application(
        acme_job, people[4], source=Source.RECRUITER, path=[(Stage.WITHDRAWN, days(1))]
    )
    make_application(globex_job, people[0], path=[(Stage.HIRED, days(1))])
    view_events(acme_job, count=10, day=BASE.date())
    view_events(acme_job, count=2, day=timezone.localdate())
    view_events(globex_job, count=7, day=BASE.date())
    return acme_job
