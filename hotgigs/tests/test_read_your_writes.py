"""Read-your-writes (hotgigs/read_your_writes.py) with "replica" mirroring "default".

The replica's replay position is what `_probe_replica` answers; tests set it to
"behind" or "caught up" (the real lag is met in hotgigs/tests/test_cluster.py).
"""

import json
import os
import re
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import RequestFactory, override_settings

from hotgigs import read_your_writes as ryw

ROUTED = override_settings(DATABASE_ROUTERS=[ryw.ROUTER])
BEHIND = (True, 0)
CAUGHT_UP = (True, ryw.CAUGHT_UP)
UNREACHABLE = (False, None)


@pytest.fixture(autouse=True)
def _fresh_replica_status():
    ryw.forget_replica_status()
    yield
    ryw.forget_replica_status()
    connections["replica"].close()


@pytest.fixture
def replica(monkeypatch):
    """replica(status): what the next look at the replica finds."""
    found = {"status": CAUGHT_UP, "probes": 0}

    def probe():
        found["probes"] += 1
        return found["status"]

    monkeypatch.setattr(ryw, "_probe_replica", probe)

    def set_status(status):
        found["status"] = status
        ryw.forget_replica_status()
        return found

    return set_status


def _in_request(request):
    """Run the next statements as if inside `request` (what the middleware does)."""
    return ryw._current.set(ryw._RequestMarks(request))


def _sql_on(alias, func):
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connections[alias].execute_wrapper(record):
        result = func()
    return result, queries


# --- Marks ---------------------------------------------------------------------------
def test_lsn_values_order_like_the_wal():
    assert ryw.lsn_value("0/FFFFFFFF") == 0xFFFFFFFF
    assert ryw.lsn_value("1/0") == 1 << 32
    assert ryw.lsn_value("16/B374D848") == (0x16 << 32) + 0xB374D848
    assert ryw.lsn_value("0/FFFFFFFF") < ryw.lsn_value("1/0")


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "~",
        "0/1",
        "0/1~",
        "~123",
        "0/1~12x",
        "zz/1~123",
        "0/1~1~2",
        "1/123456789~5",
        "-1/0~5",
        "0/1~" + "9" * 40,
        123,
    ],
)
def test_malformed_marks_are_ignored(value):
    assert ryw.Mark.parse(value) is None


def test_marks_parse_a_position_or_a_pin():
    assert ryw.Mark.parse("A/10~1700000000") == ryw.Mark(
        lsn=(10 << 32) + 16, until=1700000000.0
    )
    assert ryw.Mark.parse("-~1700000000") == ryw.Mark(lsn=None, until=1700000000.0)


def test_a_mark_pins_until_the_replica_replays_past_it_or_it_expires():
    mark = ryw.Mark(lsn=1000, until=200.0)

    assert mark.pins(replayed=999, now=100.0) is True
    assert mark.pins(replayed=1000, now=100.0) is False
    assert mark.pins(replayed=999, now=200.0) is False


def test_a_pin_without_position_holds_until_it_expires():
    pin = ryw.Mark(lsn=None, until=200.0)

    assert pin.pins(replayed=ryw.CAUGHT_UP, now=199.0) is True
    assert pin.pins(replayed=ryw.CAUGHT_UP, now=200.0) is False


# --- Routing -------------------------------------------------------------------------
def test_a_marked_request_reads_the_primary_while_the_replica_is_behind(replica):
    request = RequestFactory().get(
        "/", HTTP_COOKIE=f"{ryw.COOKIE}=0/10~{int(time.time()) + 30}"
    )
    token = _in_request(request)
    try:
        replica(BEHIND)
        assert ryw.must_read_primary() is True
        replica((True, 0x10))
        assert ryw.must_read_primary() is False
    finally:
        ryw._current.reset(token)


def test_once_a_request_writes_its_later_reads_go_to_the_primary(replica):
    from accounts.models import User
    from hotgigs.db_router import PrimaryReplicaRouter

    router = PrimaryReplicaRouter()
    replica(CAUGHT_UP)
    token = _in_request(RequestFactory().post("/"))
    try:
        with ROUTED:
            assert router.db_for_read(User) == "replica"
            assert router.db_for_write(User) == "default"
            assert router.db_for_read(User) == "default"
    finally:
        ryw._current.reset(token)
    with ROUTED:  # the next request starts afresh
        assert router.db_for_read(User) == "replica"


def test_a_celery_task_reads_the_primary_and_gives_the_request_its_state_back(
    replica,
):
    """A task is queued when its rows commit and runs before the replica has
    them: its reads go to the primary. An eager task runs inside a request,
    whose own routing comes back when it ends."""
    from celery.signals import task_postrun, task_prerun

    from accounts.models import User
    from hotgigs.db_router import PrimaryReplicaRouter

    router = PrimaryReplicaRouter()
    replica(CAUGHT_UP)
    token = _in_request(RequestFactory().get("/"))
    try:
        with ROUTED:
            before = router.db_for_read(User)
            task_prerun.send(sender=None, task_id="t-1", task=None)
            during = router.db_for_read(User)
            task_postrun.send(sender=None, task_id="t-1", task=None)
            after = router.db_for_read(User)
    finally:
        ryw._current.reset(token)

    assert (before, during, after) == ("replica", "default", "replica")


def test_an_unmarked_request_reads_the_replica_even_when_it_lags(replica):
    token = _in_request(RequestFactory().get("/"))
    try:
        replica(BEHIND)
        assert ryw.must_read_primary() is False
    finally:
        ryw._current.reset(token)


def test_an_expired_mark_reads_the_replica(replica):
    request = RequestFactory().get(
        "/", HTTP_COOKIE=f"{ryw.COOKIE}=0/10~{int(time.time()) - 1}"
    )
    token = _in_request(request)
    try:
        replica(BEHIND)
        assert ryw.must_read_primary() is False
    finally:
        ryw._current.reset(token)


def test_a_mark_beyond_the_longest_pin_is_ignored(replica, settings):
    settings.READ_YOUR_WRITES_MAX_SECONDS = 30
    replica(BEHIND)
    for until, expected in ((time.time() + 25, True), (time.time() + 3600, False)):
        request = RequestFactory().get(
            "/", HTTP_COOKIE=f"{ryw.COOKIE}=0/10~{int(until)}"
        )
        token = _in_request(request)
        try:
            assert ryw.must_read_primary() is expected
        finally:
            ryw._current.reset(token)


def test_an_unreachable_replica_sends_every_read_to_the_primary(replica):
    replica(UNREACHABLE)

    assert ryw.must_read_primary() is True  # outside any request too


def test_the_replica_is_asked_at_most_once_per_ttl(replica, settings):
    settings.REPLICA_STATUS_TTL_SECONDS = 60
    found = replica(CAUGHT_UP)

    for _ in range(5):
        ryw.must_read_primary()

    assert found["probes"] == 1


@pytest.mark.django_db
def test_the_user_mark_follows_an_api_client_without_cookies(replica, alice, bob):
    cache.set(ryw.USER_KEY.format(pk=alice.pk), f"0/10~{int(time.time()) + 30}", 30)
    replica(BEHIND)
    for user, expected in ((alice, True), (bob, False)):
        request = RequestFactory().get("/api/v1/me/")
        request.user = user
        token = _in_request(request)
        try:
            assert ryw.must_read_primary() is expected
        finally:
            ryw._current.reset(token)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header, expected",
    [
        ("alice", True),  # before authentication ran: the token's claim
        ("bob", False),
        ("Bearer not.a.token", False),
        ("Bearer e30.e30.x", False),  # {} claims
        ("Bearer W10.W10.x", False),  # [] claims
        ("Basic YWxpY2U6eA==", False),
        ("Bearer " + "a." * 3000, False),
    ],
)
def test_the_token_claim_routes_the_authentication_read_itself(
    replica, alice, bob, header, expected
):
    from rest_framework_simplejwt.tokens import RefreshToken

    cache.set(ryw.USER_KEY.format(pk=alice.pk), f"0/10~{int(time.time()) + 30}", 30)
    replica(BEHIND)
    if header in ("alice", "bob"):
        user = alice if header == "alice" else bob
        header = f"Bearer {RefreshToken.for_user(user).access_token}"
    token = _in_request(RequestFactory().get("/api/v1/me/", HTTP_AUTHORIZATION=header))
    try:
        assert ryw.must_read_primary() is expected
    finally:
        ryw._current.reset(token)


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_session_of_a_marked_browser_is_read_from_the_primary(
    client, alice, replica
):
    client.force_login(alice)
    replica(BEHIND)

    with ROUTED:
        _, unmarked = _sql_on("replica", lambda: client.get("/api/v1/me/"))
        client.cookies[ryw.COOKIE] = f"0/10~{int(time.time()) + 30}"
        response, marked = _sql_on("replica", lambda: client.get("/api/v1/me/"))

    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"
    assert any("django_session" in sql for sql in unmarked)
    assert [
        sql for sql in marked if "django_session" in sql or "accounts_user" in sql
    ] == []


# --- Marking -------------------------------------------------------------------------
MARK = re.compile(r"^(?P<lsn>[0-9A-F]{1,8}/[0-9A-F]{1,8}|-)~(?P<until>\d+)$")


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_write_marks_the_writer_with_the_primary_position(
    api_as, alice, replica, settings
):
    client = api_as(alice)

    with ROUTED:
        before = time.time()
        response = client.patch(
            "/api/v1/me/", {"full_name": "Alice Moved"}, format="json"
        )

    assert response.status_code == 200
    cookie = response.cookies[ryw.COOKIE]
    match = MARK.match(cookie.value)
    assert match, cookie.value
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    if settings.IS_POSTGRES:
        assert match["lsn"] != "-"
        assert before + 30 <= int(match["until"]) <= time.time() + 31
        assert 29 <= int(cookie["max-age"]) <= 31
    else:  # no WAL position: the short pin
        assert match["lsn"] == "-"
        assert before + 5 <= int(match["until"]) <= time.time() + 6
    # API clients keep no cookies: the same mark under the user, for as long.
    assert cache.get(ryw.USER_KEY.format(pk=alice.pk)) == cookie.value


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reads_and_failed_requests_mark_nobody(api_as, alice, replica):
    client = api_as(alice)

    with ROUTED:
        read = client.get("/api/v1/me/")
        refused = client.patch("/api/v1/me/", {"email": "not an email"}, format="json")
        wrong_method = client.post("/api/v1/me/", {}, format="json")

    assert read.status_code == 200
    assert ryw.COOKIE not in read.cookies
    # A 4xx may have written nothing, but marking it costs one short pin at most.
    assert refused.status_code == 400
    assert wrong_method.status_code == 405
    assert ryw.COOKIE in refused.cookies


@pytest.mark.django_db
def test_without_the_router_nothing_is_marked(api_as, alice):
    response = api_as(alice).patch("/api/v1/me/", {"full_name": "A"}, format="json")

    assert response.status_code == 200
    assert ryw.COOKIE not in response.cookies
    assert cache.get(ryw.USER_KEY.format(pk=alice.pk)) is None


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
@pytest.mark.parametrize("value", ["garbage", "0/1~x", "~", "9/9~" + "9" * 30])
def test_a_forged_or_broken_mark_is_ignored(client, alice, replica, value):
    client.force_login(alice)
    client.cookies[ryw.COOKIE] = value
    replica(BEHIND)

    with ROUTED:
        response = client.get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"


# --- The node's name ---------------------------------------------------------------
@pytest.mark.django_db
def test_each_web_node_names_itself(client, settings):
    settings.NODE_NAME = "web7"
    assert client.get("/health/live")["X-Served-By"] == "web7"

    settings.NODE_NAME = ""
    assert "X-Served-By" not in client.get("/health/live")


# --- Settings behind PgBouncer ------------------------------------------------------
POOLING_PROBE = """
import json
from hotgigs import settings as s
print(json.dumps({
    alias: {
        "no_server_cursors": db.get("DISABLE_SERVER_SIDE_CURSORS", False),
        "options": db.get("OPTIONS", {}).get("options"),
    }
    for alias, db in s.DATABASES.items()
} | {"routers": getattr(s, "DATABASE_ROUTERS", [])}))
"""


@pytest.mark.parametrize("pooling", ["true", "false"])
def test_transaction_pooling_turns_off_server_cursors_and_session_options(
    tmp_path, pooling
):
    from hotgigs.tests.test_settings import clean_env, run_python

    result = run_python(
        POOLING_PROBE,
        clean_env(
            tmp_path,
            DATABASE_URL="postgres://postgres@127.0.0.1:6433/hotgigs",
            DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:6434/hotgigs",
            DB_TRANSACTION_POOLING=pooling,
        ),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    assert values["routers"] == [ryw.ROUTER]
    for alias in ("default", "replica"):
        if pooling == "true":
            assert values[alias] == {"no_server_cursors": True, "options": None}
        else:
            assert values[alias] == {
                "no_server_cursors": False,
                "options": "-c statement_timeout=30000 -c jit=off",
            }


# SQL that leaves state on the server connection (keywords as the code writes
# them, upper case).
SESSION_STATE = re.compile(
    r"pg_(try_)?advisory_(un)?lock(_shared)?\(|SET SESSION |LISTEN \w"
    r"|PREPARE \w+ AS|DECLARE .* WITH HOLD"
)


def test_the_code_keeps_no_session_state_a_pooled_connection_would_lose():
    """Under transaction pooling the server connection changes between
    transactions: a session-level advisory lock, a session SET, LISTEN or a
    prepared statement or held cursor would stay behind on a connection another
    client gets next. Transaction-level forms (pg_advisory_xact_lock, SET LOCAL)
    are safe; the cluster drill takes them through PgBouncer."""
    root = Path(__file__).resolve().parents[2]
    skipped = {".venv", "var", "tests", "migrations", "bench", "e2e", ".git"}
    offending = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name not in skipped]
        for name in files:
            if name.endswith(".py"):
                path = Path(folder, name)
                lines = path.read_text().splitlines()
                offending += [
                    f"{path.relative_to(root)}:{number}"
                    for number, line in enumerate(lines, 1)
                    if SESSION_STATE.search(line)
                ]

    assert offending == []
    assert SESSION_STATE.search("cursor.execute('SELECT pg_advisory_lock(1)')")
    assert not SESSION_STATE.search("SELECT pg_advisory_xact_lock(1)")


def test_an_unreachable_replica_is_asked_again_less_often(replica, settings):
    settings.REPLICA_STATUS_TTL_SECONDS = 0
    settings.REPLICA_RETRY_SECONDS = 60
    found = replica(UNREACHABLE)

    for _ in range(5):
        assert ryw.must_read_primary() is True

    assert found["probes"] == 1
    found["status"] = CAUGHT_UP
    ryw.forget_replica_status()
    assert ryw.must_read_primary() is False
    assert found["probes"] == 2
