"""The cluster drill: deploy/local-cluster for real (PostgreSQL primary + streaming
replica behind PgBouncer, two web nodes and daphne behind HAProxy, Redis, two
Celery workers and beat), driven from outside through the proxy.

Skipped unless HOTGIGS_CLUSTER=1 (CI: `.ci/run`, step "cluster drill"). The
module stands the cluster up unless `deploy/local-cluster status` finds it running,
and takes it down again if it started it. The tests run in file order (the last
one promotes the replica): run with `-p no:randomly`.
"""

import json
import os
import re
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from hotgigs.testing.deployed import maildir_messages

BASE_DIR = Path(__file__).resolve().parents[2]
SCRIPT = BASE_DIR / "deploy" / "local-cluster"
PORTS = {
    name: int(value)
    for name, value in re.findall(
        r"^([A-Z0-9_]+)=(\d+)", (BASE_DIR / "deploy" / "cluster.env").read_text(), re.M
    )
}
PROXY = f"http://127.0.0.1:{PORTS['PROXY_PORT']}"
CANDIDATE = "candidate@hotgigs.test"
PASSWORD = "hotgigs-demo"  # accounts/demo.py
DELAY_MS = 3000
CLUSTER_DIR = Path(os.environ.get("CLUSTER_DIR", "/var/tmp/hotgigs-cluster"))
LOGS = CLUSTER_DIR / "log"
MAILDIR = CLUSTER_DIR / "mail"  # EMAIL_MAILDIR: every node's and worker's mail
WORKERS = ("worker1", "worker2")

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        os.environ.get("HOTGIGS_CLUSTER") != "1",
        reason="the cluster drill runs with HOTGIGS_CLUSTER=1 (deploy/local-cluster)",
    ),
]


def cluster(*args, check=True):
    result = subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=900
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def sql_on(port, query):
    """One value straight from a PostgreSQL server of the cluster (no PgBouncer)."""
    result = subprocess.run(
        ["psql", "-X", "-qAt", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
         "-d", "hotgigs", "-c", query],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def on_replica(query):
    return sql_on(PORTS["PG_REPLICA_PORT"], query)


_tokens = {}


def token(email=CANDIDATE):
    """An access token, reused for 4 minutes (it lives 5): the drill signs in as
    few times as a person would, within the site's own sign-in limits (10 a
    minute per address, 5 per account), which the cluster keeps."""
    cached = _tokens.get(email)
    if cached and time.monotonic() - cached[0] < 240:
        return cached[1]
    response = requests.post(
        f"{PROXY}/api/v1/auth/token/",
        json={"email": email, "password": PASSWORD},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    _tokens[email] = (time.monotonic(), response.json()["access"])
    return _tokens[email][1]


def bearer(access):
    return {"Authorization": f"Bearer {access}"}


def _wait_until(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def topology():
    started = cluster("status", check=False).returncode != 0
    if started:
        cluster("up")
    yield PROXY
    cluster("delay", "0", check=False)
    if started and os.environ.get("HOTGIGS_CLUSTER_KEEP") != "1":
        cluster("down")


@pytest.fixture
def replica_delay(topology):
    """The replica applies commits DELAY_MS late for the test's duration."""
    cluster("delay", str(DELAY_MS))
    yield DELAY_MS
    cluster("delay", "0")


def test_the_proxy_balances_over_both_web_nodes(topology):
    served = [
        requests.get(f"{PROXY}/health/live", timeout=5).headers["X-Served-By"]
        for _ in range(6)
    ]

    assert sorted(set(served)) == ["web1", "web2"]
    assert on_replica("SELECT pg_is_in_recovery()") == "t"


def test_api_reads_its_own_write_through_a_lagging_replica(replica_delay):
    access = token()
    name = f"Casey API {uuid.uuid4().hex[:8]}"

    # Plain requests, no cookie jar: only the JWT says who this is.
    wrote = requests.patch(
        f"{PROXY}/api/v1/me/",
        json={"full_name": name},
        headers=bearer(access),
        timeout=10,
    )
    read = requests.get(f"{PROXY}/api/v1/me/", headers=bearer(access), timeout=10)
    on_the_replica = on_replica(
        f"SELECT full_name FROM accounts_user WHERE email = '{CANDIDATE}'"
    )

    assert wrote.status_code == 200, wrote.text
    assert read.status_code == 200
    assert read.json()["full_name"] == name
    # The replica had not replayed the write: the read above came from the primary.
    assert on_the_replica != name
    # …and it does replay it, a little later.
    deadline = time.monotonic() + DELAY_MS / 1000 + 10
    while time.monotonic() < deadline:
        if (
            on_replica(
                f"SELECT full_name FROM accounts_user WHERE email = '{CANDIDATE}'"
            )
            == name
        ):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the replica never replayed the write")


def test_browser_sees_its_own_write_after_the_redirect(replica_delay):
    pytest.importorskip("playwright")
    from playwright.sync_api import expect, sync_playwright

    from hotgigs.testing.browser import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    name = f"Casey Browser {uuid.uuid4().hex[:8]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(base_url=PROXY)
            context.set_default_timeout(15000)
            page = context.new_page()
            # Signing in writes the session on the primary; the redirect's page
            # reads it back while the replica is DELAY_MS behind.
            page.goto("/accounts/login/?next=/accounts/settings/")
            page.locator("input[name=username], input[name=email]").first.fill(
                CANDIDATE
            )
            page.fill("input[name=password]", PASSWORD)
            page.get_by_role("button", name="Log in").click()
            expect(page).to_have_url(f"{PROXY}/accounts/settings/")

            page.fill("input[name=full_name]", name)
            page.get_by_role("button", name="Save").click()

            expect(page).to_have_url(f"{PROXY}/accounts/settings/")
            expect(
                page.get_by_text("Your account settings were saved.")
            ).to_be_visible()
            expect(page.locator("input[name=full_name]")).to_have_value(name)
            on_the_replica = on_replica(
                f"SELECT full_name FROM accounts_user WHERE email = '{CANDIDATE}'"
            )
            assert on_the_replica != name
            served = {
                page.request.get("/health/live").headers["x-served-by"]
                for _ in range(4)
            }
            assert served == {"web1", "web2"}
        finally:
            browser.close()


def test_a_sign_up_email_goes_out_while_the_replica_lags(topology):
    """The email task runs as soon as the sign-up commits; it claims its outbox
    row on the primary and reads it back. Read from a replica that had not
    replayed the row, that read failed with the claim standing: the email was
    never sent. A task reads the primary (hotgigs/read_your_writes.py)."""
    address = f"nina-{uuid.uuid4().hex[:8]}@example.com"
    before = set(maildir_messages(MAILDIR))
    cluster("delay", "10000")
    try:
        answer = requests.post(
            f"{PROXY}/api/v1/auth/register/",
            json={"email": address, "password": "an-unusual-passphrase",
                  "full_name": "Nina New", "role": "employer"},
            timeout=10,
        )  # fmt: skip

        def delivered():
            return [
                message
                for key, message in maildir_messages(MAILDIR).items()
                if key not in before and address in message["To"]
            ]

        _wait_until(delivered, 10, "the confirmation email")
        on_the_replica = on_replica(
            "SELECT count(*) FROM notifications_outgoingemail "
            f"WHERE \"to\"::text LIKE '%{address}%'"
        )
    finally:
        cluster("delay", "0")

    assert answer.status_code == 202, answer.text
    (message,) = delivered()
    assert message["Subject"] == "Confirm your email to finish signing up to HotGigs"
    assert on_the_replica == "0"  # the task read the primary


def test_both_celery_workers_answer_on_the_shared_broker(topology):
    result = subprocess.run(
        ["bash", "-c", f'eval "$({SCRIPT} env)"; exec {BASE_DIR}/.venv/bin/celery '
         "-A hotgigs inspect ping --timeout 5 --json"],
        capture_output=True, text=True, timeout=60, cwd=BASE_DIR,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    names = sorted(name.split("@")[0] for name in answers)
    assert names == ["worker1", "worker2"]


def test_a_notification_reaches_a_socket_on_another_node(topology):
    """The employer listens on daphne; the candidate's application is served by a
    gunicorn node; the push crosses nodes through the cluster's Redis."""
    pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright

    from hotgigs.testing.browser import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    employer, candidate = token("employer@hotgigs.test"), token()
    theirs = requests.get(
        f"{PROXY}/api/v1/company-jobs/?page_size=50&status=published",
        headers=bearer(employer), timeout=10,
    ).json()["results"]  # fmt: skip
    mine = requests.get(
        f"{PROXY}/api/v1/applications/?page_size=100",
        headers=bearer(candidate),
        timeout=10,
    ).json()["results"]
    applied = {a["job"]["id"] if isinstance(a["job"], dict) else a["job"] for a in mine}
    job = next(j["id"] for j in theirs if j["id"] not in applied)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_context(base_url=PROXY).new_page()
            page.goto("/health/live")
            page.evaluate(
                """(token) => new Promise((resolve, reject) => {
                    window.messages = [];
                    const socket = new WebSocket(
                        `ws://${location.host}/ws/notifications/?token=${token}`);
                    socket.onmessage = (event) => {
                        window.messages.push(JSON.parse(event.data));
                        resolve();
                    };
                    socket.onclose = () => reject(new Error("socket closed"));
                })""",
                employer,
            )
            hello = page.evaluate("window.messages[0]")
            applying = requests.post(
                f"{PROXY}/api/v1/jobs/{job}/apply/", json={},
                headers=bearer(candidate), timeout=10,
            )  # fmt: skip
            page.wait_for_function(
                "window.messages.some((m) => m.type === 'notification')", timeout=20000
            )
            pushed = page.evaluate(
                "window.messages.filter((m) => m.type === 'notification')"
            )
        finally:
            browser.close()

    assert hello["type"] == "hello"
    assert applying.status_code == 201, applying.text
    assert applying.headers["X-Served-By"] in {"web1", "web2"}
    assert pushed[0]["unread"] == hello["unread"] + 1, (hello, pushed)


def in_cluster(code):
    """Run Python with Django set up on the cluster (through PgBouncer); the JSON
    it prints last."""
    result = subprocess.run(
        ["bash", "-c", f'eval "$({SCRIPT} env)"; exec {BASE_DIR}/.venv/bin/python '
         "manage.py shell -c \"$0\"", code],
        capture_output=True, text=True, timeout=120, cwd=BASE_DIR,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


EXPIRING = """
import datetime, json
from django.utils import timezone
from jobs.models import Job, JobExpiryNotice
from notifications.models import Notification
jobs = list(Job.objects.published()
            .filter(company__members__email='employer@hotgigs.test')
            .order_by('id').distinct()[:3])
soon = timezone.now() + datetime.timedelta(days=1)
Job.objects.filter(pk__in=[j.pk for j in jobs]).update(expires_at=soon)
JobExpiryNotice.objects.filter(job__in=jobs).delete()
Notification.objects.filter(kind='job_expiring').delete()
team = jobs[0].company.members.count()
print(json.dumps({'jobs': [j.pk for j in jobs], 'team': team}))
"""

TOLD = """
import json
from jobs.models import JobExpiryNotice
from notifications.models import Notification
print(json.dumps({
    'notices': sorted(JobExpiryNotice.objects.filter(job_id__in=%s)
                      .values_list('job_id', flat=True)),
    'told': sorted(map(list, Notification.objects.filter(kind='job_expiring')
                      .values_list('recipient_id', 'title'))),
}))
"""


def test_a_task_run_on_both_workers_at_once_tells_each_team_once(topology):
    from celery import Celery

    setup = in_cluster(EXPIRING)
    assert len(setup["jobs"]) == 3 and setup["team"] >= 1, setup
    producer = Celery(broker=f"redis://127.0.0.1:{PORTS['REDIS_PORT']}/1")
    try:
        sent = [
            producer.send_task("jobs.tasks.notify_expiring_jobs").id for _ in range(8)
        ]
    finally:
        producer.close()

    def succeeded_on(worker):
        text = (LOGS / f"{worker}.log").read_text(errors="replace")
        return {task for task in sent if f"[{task}] succeeded" in text}

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = {w: succeeded_on(w) for w in ("worker1", "worker2")}
        if len(done["worker1"] | done["worker2"]) == len(sent):
            break
        time.sleep(0.5)
    told = in_cluster(TOLD % setup["jobs"])

    assert sorted(done["worker1"] | done["worker2"]) == sorted(sent)
    assert done["worker1"] and done["worker2"], done  # both workers ran it
    assert told["notices"] == sorted(setup["jobs"])  # one notice per job
    # Each member told once per job, whichever worker got there first.
    assert len(told["told"]) == 3 * setup["team"]
    assert len({tuple(t) for t in told["told"]}) == len(told["told"])


POOLED_LOCKS = """
import json, threading
from django.db import DatabaseError, connection, transaction
from jobs.models import Job

job = Job.objects.order_by("pk").first()


def another_client():
    # Another thread: another connection to PgBouncer, as another web thread.
    seen = {}
    def look():
        try:
            with transaction.atomic():
                Job.objects.select_for_update(nowait=True).filter(pk=job.pk).first()
            seen["row"] = "free"
        except DatabaseError:
            seen["row"] = "locked"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(4242)")
            seen["advisory"] = "free" if cursor.fetchone()[0] else "held"
        connection.close()
    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    return seen


def backend(cursor):
    cursor.execute("SELECT pg_backend_pid()")
    return cursor.fetchone()[0]


with transaction.atomic(), connection.cursor() as cursor:
    first = backend(cursor)
    Job.objects.select_for_update().filter(pk=job.pk).first()
    cursor.execute("SELECT pg_advisory_xact_lock(4242)")
    during = another_client()
    last = backend(cursor)
after = another_client()
pks = list(Job.objects.order_by("pk").values_list("pk", flat=True))
print(json.dumps({
    "server_side_cursors": not connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"],
    "one_server_connection": first == last,
    "during": during,
    "after": after,
    "rows": len(pks),
    "iterated": list(
        Job.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=3)
    ) == pks,
}))
"""


def test_row_and_advisory_locks_hold_for_the_transaction_through_pgbouncer(
    topology,
):
    """Through PgBouncer in transaction pooling, as the nodes run: a
    transaction keeps one server connection, so `select_for_update` and a
    transaction-level advisory lock hold until it ends and are seen by another
    client; `iterator()` reads in chunks without server-side cursors (which
    would outlive the transaction, on a server connection another client may
    have by then)."""
    found = in_cluster(POOLED_LOCKS)

    assert found["server_side_cursors"] is False
    assert found["one_server_connection"] is True
    assert found["during"] == {"row": "locked", "advisory": "held"}
    assert found["after"] == {"row": "free", "advisory": "free"}
    assert found["rows"] > 3 and found["iterated"] is True


class WorkerLogs:
    """What each Celery worker has logged since this object was made."""

    def __init__(self):
        self.start = {w: (LOGS / f"{w}.log").stat().st_size for w in WORKERS}

    def since(self, worker):
        with open(LOGS / f"{worker}.log", "rb") as log:
            log.seek(self.start[worker])
            return log.read().decode(errors="replace")


def _primary():
    """A direct connection to the primary (not through PgBouncer): the drill's
    own, to hold a lock across statements."""
    import psycopg2

    return psycopg2.connect(
        host="127.0.0.1", port=PORTS["PG_PRIMARY_PORT"], user="postgres",
        dbname="hotgigs", application_name="cluster-drill",
    )  # fmt: skip


def _waiting_on_a_lock():
    return int(
        sql_on(
            PORTS["PG_PRIMARY_PORT"],
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'hotgigs' "
            "AND wait_event_type = 'Lock' AND application_name <> 'cluster-drill'",
        )
    )


def _unemailed():
    """Expiry notifications whose email no worker has claimed yet."""
    return int(
        sql_on(
            PORTS["PG_PRIMARY_PORT"],
            "SELECT count(*) FROM notifications_notification "
            "WHERE kind = 'job_expiring' AND email_mode = 'immediate' "
            "AND emailed_at IS NULL",
        )
    )


def _mail_settled():
    """No email delivered for a second: a claimed notification's email is
    delivered a moment after the claim is visible."""
    before = len(maildir_messages(MAILDIR))
    time.sleep(1)
    return len(maildir_messages(MAILDIR)) == before


def test_a_worker_killed_mid_task_leaves_it_to_the_other_which_runs_it_once(
    topology,
):
    """The expiry-warning task is held mid-run (after telling the first job's
    team, waiting on a lock the drill holds on the second job's notice, as a
    slow query would hold it), the worker running it is SIGKILLed with its pool,
    and the other worker takes the unacknowledged message after the visibility
    timeout and runs the task to its end: every team told once, every email
    sent once."""
    from celery import Celery

    # The emails of the previous test delivered first, so the count below is ours.
    _wait_until(lambda: not _unemailed(), 60, "earlier expiry emails")
    _wait_until(_mail_settled, 60, "earlier emails to be delivered")
    mail_before = set(maildir_messages(MAILDIR))
    setup = in_cluster(EXPIRING)
    jobs, team = setup["jobs"], setup["team"]
    logs = WorkerLogs()
    locker = _primary()
    try:
        with locker.cursor() as cursor:
            cursor.execute(
                "INSERT INTO jobs_jobexpirynotice (job_id, expires_at, created_at) "
                "SELECT id, expires_at, now() FROM jobs_job WHERE id = %s",
                [jobs[1]],
            )
        producer = Celery(broker=f"redis://127.0.0.1:{PORTS['REDIS_PORT']}/1")
        try:
            task = producer.send_task("jobs.tasks.notify_expiring_jobs").id
        finally:
            producer.close()
        sent = time.monotonic()
        _wait_until(_waiting_on_a_lock, 60, "the task to block on the second job")

        def received_by():
            return [w for w in WORKERS if f"[{task}] received" in logs.since(w)]

        _wait_until(received_by, 10, "the worker's log of the task")
        (holder,) = received_by()
        (other,) = set(WORKERS) - {holder}
        told_before_kill = in_cluster(TOLD % jobs)["told"]
        cluster("kill", holder)
        killed = time.monotonic()
    finally:
        locker.rollback()
        locker.close()

    def done():
        return f"[{task}] succeeded" in logs.since(other) and not _unemailed()

    try:
        _wait_until(done, 120, f"{other} to run the task {holder} was killed in")
        finished = time.monotonic()
        told = in_cluster(TOLD % jobs)
        titles = sorted({title for _, title in told["told"]})

        def emails():
            """Emails per job delivered since the test began (the subject is
            the notification's title; one that starts with a curly quote is
            encoded and folded, and reads back with a space before it)."""
            subjects = [
                message["Subject"].strip()
                for key, message in maildir_messages(MAILDIR).items()
                if key not in mail_before
            ]
            return [subjects.count(title) for title in titles]

        # The emails go out as tasks of their own on commit: wait for them.
        _wait_until(lambda: sum(emails()) >= 3 * team, 60, "the emails")
    finally:
        cluster("start", holder)

    print(
        f"\nworker lost mid-task: {holder} SIGKILLed {killed - sent:.1f}s after "
        f"the task was sent; {other} finished it {finished - killed:.1f}s after "
        f"the kill (visibility timeout 10 s)"
    )
    # Killed after telling the first job's team and before the second's.
    assert len(told_before_kill) == team, told_before_kill
    held, taken = logs.since(holder), logs.since(other)
    assert f"[{task}] succeeded" not in held
    assert f"[{task}] received" in taken
    # The rerun told the two teams left (its return value), the first was not
    # told again: one notice per job, each member told once per job.
    assert re.findall(rf"\[{task}\] succeeded in \S+: (\d+)", taken) == ["2"]
    assert told["notices"] == sorted(jobs)
    assert len(told["told"]) == 3 * team
    assert len({tuple(t) for t in told["told"]}) == 3 * team
    # Each of those notifications emailed once (the cluster's Maildir).
    assert emails() == [team, team, team]


def _hammer(
    seconds, session=None, headers=None, paths=("/", "/jobs/", "/api/v1/jobs/")
):
    """GET the paths round and round for `seconds`: [(status, node), …]."""
    client = session or requests
    answers = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in paths:
            try:
                response = client.get(f"{PROXY}{path}", headers=headers, timeout=10)
                answers.append(
                    (response.status_code, response.headers.get("X-Served-By"))
                )
            except requests.RequestException as exc:
                answers.append((exc.__class__.__name__, None))
    return answers


def test_stopping_the_replica_sends_reads_to_the_primary(topology):
    access = token()
    cluster("stop", "replica")
    try:
        answers = _hammer(4, headers=bearer(access))
    finally:
        cluster("start", "replica")

    assert len(answers) > 10
    assert [a for a in answers if a[0] != 200] == []


def test_stopping_a_web_node_loses_no_request(topology):
    cluster("stop", "web1")
    try:
        answers = _hammer(3)
    finally:
        cluster("start", "web1")
    # Back in rotation once the proxy's health check (every second) sees it.
    after, deadline = set(), time.monotonic() + 30
    while after != {"web1", "web2"} and time.monotonic() < deadline:
        response = requests.get(f"{PROXY}/health/live", timeout=5)
        after.add(response.headers["X-Served-By"])
        time.sleep(0.1)

    assert len(answers) > 10
    assert [a for a in answers if a[0] != 200] == []
    assert {node for _, node in answers} == {"web2"}
    assert after == {"web1", "web2"}


def test_restarting_redis_keeps_sessions_and_throttles(topology):
    session = requests.Session()
    page = session.get(f"{PROXY}/accounts/login/", timeout=10)
    assert page.status_code == 200
    signed_in = session.post(
        f"{PROXY}/accounts/login/",
        data={
            "username": CANDIDATE,
            "email": CANDIDATE,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{PROXY}/accounts/login/"},
        timeout=10,
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]

    cluster("stop", "redis")
    try:
        during = _hammer(2, session=session, paths=("/dashboard/", "/jobs/"))
    finally:
        cluster("start", "redis")
    after = session.get(f"{PROXY}/dashboard/", timeout=10, allow_redirects=False)
    ready = requests.get(f"{PROXY}/health/ready", timeout=10)
    keys = subprocess.run(
        ["redis-cli", "-p", str(PORTS["REDIS_PORT"]), "-n", "0", "--scan"],
        capture_output=True, text=True, timeout=10,
    ).stdout.split()  # fmt: skip

    # Without Redis the cache and throttles degrade; pages still answer.
    assert [a for a in during if a[0] != 200] == []
    assert after.status_code == 200  # still signed in: sessions live in PostgreSQL
    assert ready.status_code == 200
    assert any("throttle" in key or "rl:" in key for key in keys), keys[:20]


def test_promoting_the_replica_loses_no_committed_application(topology):
    access = token()
    jobs = requests.get(
        f"{PROXY}/api/v1/jobs/?page_size=50", headers=bearer(access), timeout=10
    ).json()["results"]
    mine = requests.get(
        f"{PROXY}/api/v1/applications/?page_size=100",
        headers=bearer(access),
        timeout=10,
    ).json()["results"]
    applied = {a["job"]["id"] if isinstance(a["job"], dict) else a["job"] for a in mine}
    todo = [job["id"] for job in jobs if job["id"] not in applied]
    assert len(todo) >= 10, "the demo candidate has too few jobs left to apply to"

    committed, already, failures, stop = [], [], [], threading.Event()

    def apply_in_turn():
        while todo and not stop.is_set():
            job = todo[0]
            try:
                response = requests.post(
                    f"{PROXY}/api/v1/jobs/{job}/apply/", json={},
                    headers=bearer(access), timeout=10,
                )  # fmt: skip
                status = response.status_code
            except requests.RequestException:
                status = None
            if status == 201:
                committed.append((time.monotonic(), job, response.json()["id"]))
                todo.pop(0)
            elif status == 409:
                # Applied already: an earlier attempt committed although its answer
                # was lost (cut off by the stop). Checked below; on to the next job.
                already.append((time.monotonic(), job))
                todo.pop(0)
            else:
                failures.append((time.monotonic(), job, status))
            time.sleep(0.1)

    writer = threading.Thread(target=apply_in_turn)
    writer.start()
    try:
        # Traffic before, during and after: a few applications on each side.
        _wait_until(lambda: len(committed) >= 3, 60, "applications before")
        promoting = time.monotonic()
        cluster("promote")
        promoted = time.monotonic()

        def after_promotion():
            return sum(c[0] > promoted for c in committed) >= 3 or not todo

        _wait_until(after_promotion, 60, "applications after the promotion")
    finally:
        stop.set()
        writer.join(30)

    before = [c for c in committed if c[0] < promoting]
    after = [c for c in committed if c[0] > promoting]
    assert before and after, (committed, failures)
    # Write unavailability: the longest wait between two committed applications
    # across the promotion (PgBouncer holds writes while its server is down, so
    # they wait rather than fail; a write cut off by the stop fails and is retried).
    times = [c[0] for c in committed]
    gap = max(b - a for a, b in zip(times, times[1:], strict=False))
    print(
        f"\nfailover: stop + promote + repoint took {promoted - promoting:.1f}s; "
        f"longest wait between two committed applications {gap:.1f}s "
        f"(0.1 s apart otherwise); {len(failures)} failed attempts (retried): "
        f"{sorted({f[2] for f in failures}, key=str)}; {len(already)} answered 409 "
        f"(committed before); {len(committed)} applications committed, "
        f"{len(after)} after the promotion"
    )
    # Every application that was answered 201 is on the promoted server…
    ids = ",".join(str(c[2]) for c in committed)
    found = on_replica(f"SELECT count(*) FROM jobs_application WHERE id IN ({ids})")
    assert int(found) == len(committed)
    # …and so is each one whose answer was lost, once.
    for _, job in already:
        count = on_replica(
            "SELECT count(*) FROM jobs_application a JOIN accounts_user u "
            f"ON u.id = a.candidate_id WHERE a.job_id = {job} "
            f"AND u.email = '{CANDIDATE}'"
        )
        assert count == "1", (job, count)
    assert on_replica("SELECT pg_is_in_recovery()") == "f"
    assert all(f[2] is None or f[2] >= 500 for f in failures), failures
