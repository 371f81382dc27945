"""Races on PostgreSQL with real parallel connections."""

import threading

import pytest
from django.db import close_old_connections, connection

from hotgigs.errors import Conflict
from jobs.models import Application
from recruiters import services
from recruiters.models import Placement, Submission

pytestmark = [
    pytest.mark.postgres(reason="row locks and parallel connections"),
    pytest.mark.django_db(transaction=True),
]


def run_together(n, work):
    barrier = threading.Barrier(n)
    results = [None] * n

    def target(i):
        close_old_connections()
        try:
            barrier.wait()
            results[i] = ("ok", work(i))
        except Exception as exc:  # noqa: BLE001 — the outcome is what we assert
            results[i] = ("error", exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_twenty_simultaneous_submissions_make_one(
    engagement, client_job, rita, rex, alice
):
    recruiters = [rita, rex]
    results = run_together(
        20,
        lambda i: services.submission_create(
            user=recruiters[i % 2],
            engagement=engagement,
            job=client_job,
            candidate=alice,
        ),
    )
    oks = [r for kind, r in results if kind == "ok"]
    errors = [r for kind, r in results if kind == "error"]
    assert len(oks) == 1
    assert len(errors) == 19
    assert all(isinstance(e, Conflict) for e in errors), errors
    assert {str(e.detail) for e in errors} == {
        "Alice Candidate has already been submitted to Backend Engineer."
    }
    assert Submission.objects.filter(job=client_job, candidate=alice).count() == 1


def test_accepting_twice_at_once_makes_one_application(submission, alice):
    results = run_together(
        5, lambda i: services.submission_accept(user=alice, submission=submission)
    )
    assert sorted(kind for kind, _ in results) == ["error"] * 4 + ["ok"]
    assert Application.objects.filter(candidate=alice).count() == 1


def test_ending_while_submitting_never_leaves_a_submission_on_an_ended_engagement(
    engagement, client_job, rita, bob
):
    def work(i):
        if i == 0:
            return services.engagement_end(user=rita, engagement=engagement)
        return services.submission_create(
            user=rita, engagement=engagement, job=client_job, candidate=bob
        )

    run_together(2, work)
    engagement.refresh_from_db()
    assert engagement.status == "ended"
    created = Submission.objects.filter(candidate=bob)
    # Either the submission won the lock (made before the end) or it was refused.
    assert all(s.created_at <= engagement.ended_at for s in created)


def test_two_placements_for_one_hire_make_one(hired, rita, rex, agency):
    from companies.models import MembershipRole

    agency.memberships.filter(user=rex).update(role=MembershipRole.ADMIN)
    people = [rita, rex]
    results = run_together(
        2,
        lambda i: services.placement_create_from_application(
            user=people[i], application=hired, agreed_annual_salary="85000"
        ),
    )
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    assert Placement.objects.count() == 1
