"""A Celery worker killed mid-task: the task runs again and its effect
happens once.

Real processes: `celery -A hotgigs worker` subprocesses with a Redis broker, over
this test's committed PostgreSQL database, run the real beat task
`jobs.tasks.notify_expiring_jobs`. The task is held mid-run by a lock this test
takes from a second connection (as a slow query or a lock wait would hold it in
production), the worker is SIGKILLed there, and the task must run to its end
exactly once more:

- the whole worker killed (the node or container dies) between two jobs: the
  message was never acknowledged (`task_acks_late`), Redis hands it to the next
  worker after the visibility timeout (1 s here, an hour in production);
- only the pool process running the task killed (the OOM killer) between a
  job's "told" marker and its notifications: the worker rejects the message back
  to the queue at once (`task_reject_on_worker_lost`), and the marker and the
  notifications must be one transaction, or the team is never told.

The broker is this test process's own Redis database (the one its cache uses;
each xdist worker has its own), emptied before and after every test. Skipped
without `REDIS_URL` or PostgreSQL.
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from jobs.models import JobExpiryNotice
from jobs.tests.factories import JobFactory
from notifications.models import Notification

BASE_DIR = Path(__file__).resolve().parents[2]
TASK = "jobs.tasks.notify_expiring_jobs"
WAIT = 90  # seconds; the CI machine may be busy, the test usually takes ~10 s

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)"
    ),
]


def _database_url(application_name):
    db = connection.settings_dict
    return (
        f"postgres://{db['USER'] or ''}:{db['PASSWORD'] or ''}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        f"?application_name={application_name}"
    )


def _connect():
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=db["NAME"],
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )


def _children(pid):
    """Process ids whose parent is `pid` (the worker's pool processes)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after_name = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(after_name[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _wait_for(predicate, what):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Workers:
    """Start `celery worker` processes on the test database; kill them."""

    def __init__(self, tmp_path):
        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL only")
        self.tmp_path = tmp_path
        self.name = f"hotgigs-worker-test-{uuid.uuid4().hex[:8]}"
        self.broker_url = settings.REDIS_URL
        self.processes = []
        self.logs = []

    def start(self, **variables):
        log = self.tmp_path / f"worker-{len(self.processes)}.log"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.tmp_path),
            "VAR_DIR": str(self.tmp_path / "var"),
            "DATABASE_URL": _database_url(self.name),
            "CELERY_BROKER_URL": self.broker_url,
            **variables,
        }
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    *("-m", "celery", "-A", "hotgigs", "worker"),
                    *("--pool", "prefork", "--concurrency", "1"),
                    *("--hostname", f"{self.name}-{len(self.processes)}@%h"),
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    *("--loglevel", "INFO"),
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, pool included
            )
        self.processes.append(process)
        self.logs.append(log)
        return process

    def send_task(self):
        producer = Celery(broker=self.broker_url)
        try:
            return producer.send_task(TASK).id
        finally:
            producer.close()

    def backend_waiting_on_a_lock(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE application_name = %s AND wait_event_type = 'Lock'",
                [self.name],
            )
            return cursor.fetchone()[0] > 0

    def kill_group(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def log_text(self):
        return "".join(log.read_text(errors="replace") for log in self.logs)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                self.kill_group(process)
        # Backends of killed workers go away when the server notices; make sure,
        # so the database can be flushed and dropped.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s",
                [self.name],
            )


@pytest.fixture
def workers(tmp_path):
    started = Workers(tmp_path)
    yield started
    started.stop_all()


@pytest.fixture
def locker():
    """A second database connection whose open transaction holds a lock."""
    conn = _connect()
    yield conn
    conn.rollback()
    conn.close()


@pytest.fixture
def expiring_jobs(acme, globex):
    """Acme's job expires first, Globex's second: the task tells them in order."""
    now = timezone.now()
    soon = JobFactory(
        company=acme,
        published=True,
        title="Soon",
        expires_at=now + datetime.timedelta(days=1),
    )
    later = JobFactory(
        company=globex,
        published=True,
        title="Later",
        expires_at=now + datetime.timedelta(days=2),
    )
    return soon, later


def _told():
    return sorted(
        Notification.objects.filter(kind="job_expiring").values_list(
            "recipient__email", "title"
        )
    )


def _noticed():
    return sorted(JobExpiryNotice.objects.values_list("job__title", flat=True))


def _all_done(workers, task_id):
    # An email is claimed (emailed_at) before the backend prints it, so wait for
    # the print too: on a busy machine the claim can be seen well before it.
    log = workers.log_text()
    return (
        f"{TASK}[{task_id}] succeeded" in log
        and not Notification.objects.filter(
            kind="job_expiring", emailed_at__isnull=True
        ).exists()
        and all(_emails_sent(log))
    )


EVERYBODY_TOLD = [
    ("eve@globex.test", "“Later” expires on {later:%Y-%m-%d}"),
    ("olivia@acme.test", "“Soon” expires on {soon:%Y-%m-%d}"),
    ("tom@acme.test", "“Soon” expires on {soon:%Y-%m-%d}"),
]


def _everybody_told(soon, later):
    return [
        (email, title.format(soon=soon.expires_at, later=later.expires_at))
        for email, title in EVERYBODY_TOLD
    ]


def _runs_told(log, task_id):
    """How many teams each successful run of the task told (its return value)."""
    return re.findall(rf"{re.escape(TASK)}\[{task_id}\] succeeded in \S+: (\d+)", log)


def _emails_sent(log):
    """Emails per address, as the console email backend printed them."""
    return [
        len(re.findall(rf"^.*To: {re.escape(address)}$", log, flags=re.M))
        for address in ("olivia@acme.test", "tom@acme.test", "eve@globex.test")
    ]


def test_a_worker_killed_between_two_jobs_redelivers_and_each_team_is_told_once(
    workers, locker, expiring_jobs
):
    soon, later = expiring_jobs
    # Given another transaction inserting Globex's notice: the task blocks there,
    # after Acme's team was told and committed.
    with locker.cursor() as cursor:
        cursor.execute(
            "INSERT INTO jobs_jobexpirynotice (job_id, expires_at, created_at) "
            "VALUES (%s, %s, now())",
            [later.pk, later.expires_at],
        )
    first = workers.start(CELERY_VISIBILITY_TIMEOUT="1")
    task_id = workers.send_task()
    _wait_for(workers.backend_waiting_on_a_lock, "the task to block on Globex")
    assert _noticed() == ["Soon"]
    assert [email for email, _ in _told()] == ["olivia@acme.test", "tom@acme.test"]

    # When the whole worker dies mid-task, and the other transaction gives up.
    workers.kill_group(first)
    locker.rollback()
    time.sleep(1.5)  # past the visibility timeout: the next worker restores it
    workers.start(CELERY_VISIBILITY_TIMEOUT="1")

    # Then the next worker runs the task again: it tells Globex's team (1) and
    # skips Acme's, told before the kill; every notification is emailed once.
    _wait_for(lambda: _all_done(workers, task_id), "the redelivered task")
    log = workers.log_text()
    assert _runs_told(log, task_id) == ["1"]
    assert _noticed() == ["Later", "Soon"]
    assert _told() == _everybody_told(soon, later)
    assert _emails_sent(log) == [1, 1, 1]


@pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="finds the pool process in /proc"
)
def test_a_killed_pool_process_requeues_its_task_and_each_team_is_told_once(
    workers, locker, expiring_jobs
):
    soon, later = expiring_jobs
    # Given another transaction locking the notifications table against writes:
    # the task blocks while telling Acme's team, after recording its notice.
    with locker.cursor() as cursor:
        cursor.execute("LOCK TABLE notifications_notification IN EXCLUSIVE MODE")
    worker = workers.start()  # the production visibility timeout (an hour)
    task_id = workers.send_task()
    _wait_for(workers.backend_waiting_on_a_lock, "the task to block on Acme")
    (pool_process,) = _children(worker.pid)

    # When the pool process running the task is killed, and the lock released.
    os.kill(pool_process, signal.SIGKILL)
    locker.rollback()

    # Then the worker requeues the task at once, a new pool process runs it, and
    # both teams are told once, each notification emailed once.
    _wait_for(lambda: _all_done(workers, task_id), "the requeued task")
    log = workers.log_text()
    assert "WorkerLostError" in log
    assert _runs_told(log, task_id) == ["2"]
    assert worker.poll() is None  # the worker itself lived on
    assert _noticed() == ["Later", "Soon"]
    assert _told() == _everybody_told(soon, later)
    assert _emails_sent(log) == [1, 1, 1]
