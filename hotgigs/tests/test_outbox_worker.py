"""The outbox end to end with real processes: a `celery worker` with
beat (`-B`) on this test's committed PostgreSQL database, a throwaway Redis broker
and an aiosmtpd server, both down while users act, then started again.

Nothing is lost (the document is read, every email arrives), nothing is sent
twice (one message per email, after retries and sweeps that overlapped), and no
request answers 5xx. Skipped without PostgreSQL (the worker process must see the
test's rows) or redis-server.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from documents.models import Document
from hotgigs.tests.test_outbox import _unsent, _web_actions
from hotgigs.tests.test_worker_lost import _database_url
from notifications.models import OutgoingEmail

BASE_DIR = Path(__file__).resolve().parents[2]
WAIT = 180  # seconds; a busy CI machine is slow, the test usually takes ~20 s

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _wait_for(predicate, what):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def worker(broker, smtp, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the worker process reads the test's rows")
    private = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private, "base_url": None},
        },
    }
    log = tmp_path / "worker.log"
    name = f"hotgigs-outbox-test-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "PRIVATE_ROOT": str(private),
        "DATABASE_URL": _database_url(name),
        "CELERY_BROKER_URL": broker.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
        # Sweep every second what is a second old; nothing else runs meanwhile.
        "OUTBOX_GRACE_SECONDS": "1",
        "OUTBOX_SWEEP_SECONDS": "1",
        **{
            f"BEAT_{entry}_SECONDS": "86400"
            for entry in (
                "RECRUITERS_RECONCILE_PLACEMENTS",
                "NOTIFICATION_EMAIL_DIGEST",
                "JOB_ALERTS_INSTANTLY",
                "JOB_ALERTS_DAILY",
                "JOB_ALERTS_WEEKLY",
                "NOTIFY_EXPIRING_JOBS",
                "CLOSE_EXPIRED_JOBS",
                "REFRESH_CHANGED_COMPANIES",
                "ANALYTICS_TIMELINES",
                "ANALYTICS_ROLLUP",
                "MATCHING_REFRESH_TEXT_CORPUS",
            )
        },
    }
    processes = []

    def start():
        with log.open("ab") as out:
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        *("-m", "celery", "-A", "hotgigs", "worker", "-B"),
                        *("--schedule", str(tmp_path / "beat-schedule")),
                        *("--pool", "prefork", "--concurrency", "1"),
                        *("--hostname", f"{name}@%h"),
                        "--without-gossip",
                        "--without-mingle",
                        *("--loglevel", "INFO"),
                    ],
                    cwd=BASE_DIR,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    yield type("Worker", (), {"start": staticmethod(start), "log": log})
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait(timeout=30)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s",
            [name],
        )


def test_real_worker_and_beat_deliver_everything_once_after_both_outages(
    worker, broker, smtp, client, api_as, alice, olivia, acme
):
    # Given the broker and the mail server down, users act: no 5xx.
    assert _web_actions(client, api_as, alice, olivia, acme) == (302, 302, 201)
    assert _unsent() == {
        "documents processing": 1,
        "notification emails": 1,
        "outbox emails": 2,
    }

    # When the worker (with beat) starts and then the broker comes back, the
    # sweepers queue the work: the document is read; the emails keep failing.
    worker.start()
    broker.start()
    _wait_for(
        lambda: Document.objects.get().status == "ready", "the document's extraction"
    )
    _wait_for(
        lambda: OutgoingEmail.objects.filter(attempts__gte=2).count() == 2,
        "two failed attempts per outbox email",
    )
    assert smtp.messages == []

    # When the mail server is back, every email arrives, once.
    smtp.start()
    _wait_for(
        lambda: (
            _unsent()
            == {"documents processing": 0, "notification emails": 0, "outbox emails": 0}
        ),
        "every email sent",
    )
    time.sleep(5)  # retries and sweeps still queued find nothing left to send
    title = "Interview scheduled for " + _job_title()
    assert smtp.received() == [
        ("alice@example.com", title),
        ("alice@example.com", title),
        ("new@acme.test", "Join Acme on HotGigs"),
    ]
    assert "ConnectionRefusedError" in worker.log.read_text(errors="replace")


def _job_title():
    from notifications.models import Notification

    return Notification.objects.get(email_mode="immediate").title.removeprefix(
        "Interview scheduled for "
    )
