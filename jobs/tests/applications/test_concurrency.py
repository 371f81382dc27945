"""Races on PostgreSQL with real parallel connections: simultaneous applies and
simultaneous moves of the same application."""

import threading

import pytest
from django.db import close_old_connections, connection

from hotgigs.errors import Conflict
from jobs.models import Application, ApplicationEvent
from jobs.services.applications import application_submit, application_transition
from jobs.tests.applications.conftest import make_application, make_document

pytestmark = [
    pytest.mark.postgres(reason="row locks and parallel connections"),
    pytest.mark.django_db(transaction=True),
]


def run_together(n, work):
    """Start `n` threads that call `work(i)` at the same moment; collect results."""
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


def test_twenty_simultaneous_applies_make_one_application(acme_job, alice):
    make_document(alice, is_default=True)

    results = run_together(
        20, lambda i: application_submit(candidate=alice, job=acme_job)
    )

    oks = [r for kind, r in results if kind == "ok"]
    errors = [r for kind, r in results if kind == "error"]
    assert len(oks) == 1
    assert len(errors) == 19
    assert all(isinstance(e, Conflict) for e in errors), errors
    assert {str(e.detail) for e in errors} == {"You have already applied to this job."}
    assert Application.objects.filter(job=acme_job, candidate=alice).count() == 1
    application = Application.objects.get()
    assert list(application.events.values_list("to_stage", flat=True)) == ["applied"]
    # Only the winner's resume snapshot survived; the losers' were rolled back.
    from documents.models import Document

    assert Document.objects.filter(is_snapshot=True).count() == 1


def test_two_simultaneous_moves_keep_a_consistent_history(acme_job, alice, olivia, tom):
    application = make_application(acme_job, alice)
    actors = [olivia, tom]

    results = run_together(
        2,
        lambda i: application_transition(
            application=application, to_stage="screening", actor=actors[i]
        ),
    )

    kinds = sorted(kind for kind, _ in results)
    assert kinds == ["error", "ok"]
    error = next(r for kind, r in results if kind == "error")
    assert isinstance(error, Conflict)
    application.refresh_from_db()
    assert application.stage == "screening"
    history = list(
        ApplicationEvent.objects.filter(application=application).values_list(
            "from_stage", "to_stage"
        )
    )
    assert history == [("", "applied"), ("applied", "screening")]


def test_different_simultaneous_moves_chain_in_order(acme_job, alice, olivia, tom):
    """One moves to interview, the other rejects: whichever runs second sees the
    first one's stage, so the history is a chain without gaps."""
    application = make_application(acme_job, alice)

    def work(i):
        if i == 0:
            return application_transition(
                application=application, to_stage="interview", actor=olivia
            )
        return application_transition(
            application=application,
            to_stage="rejected",
            actor=tom,
            rejection_reason="skills",
        )

    run_together(2, work)

    events = list(
        ApplicationEvent.objects.filter(application=application).values_list(
            "from_stage", "to_stage"
        )
    )
    for previous, current in zip(events, events[1:], strict=False):
        assert current[0] == previous[1]
    application.refresh_from_db()
    assert application.stage == events[-1][1]
