"""Faults with the real servers: Redis stopped and started again, a
PostgreSQL connection dropped by the server.

The shared Redis and PostgreSQL servers are never stopped: Redis runs as our own
throwaway `redis-server` on another port. A PostgreSQL restart is simulated, not
done: the server terminates this test's own backend (`pg_terminate_backend`),
which is what a restart does to every connection, while restarting the shared
server would break the other test processes using it.

Elsewhere: a Celery worker SIGKILLed mid-task (hotgigs/tests/test_worker_lost.py),
task idempotency under retries (notifications/tests/test_delivery.py
`test_email_is_sent_at_most_once_when_the_task_runs_twice`, jobs/tests/
test_alerts.py), concurrent applies and stage moves (jobs/tests/applications/
test_concurrency.py), concurrent submissions and placements
(recruiters/tests/test_concurrency.py), the dead-Redis cases
(hotgigs/tests/test_outage.py).
"""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.db import close_old_connections, connection

REDIS_PORT = 6390


def _free(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _start_redis(tmp_path):
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        if not _free(REDIS_PORT):
            return process
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("redis-server did not start")


@pytest.fixture
def own_redis(settings, tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server not installed")
    if not _free(REDIS_PORT):
        pytest.skip(f"port {REDIS_PORT} is taken")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "KEY_PREFIX": "faults",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        },
        "limits": {
            "BACKEND": "hotgigs.limits_cache.FailoverRedisCache",
            "LOCATION": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "KEY_PREFIX": "faults",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
    server = {"process": _start_redis(tmp_path)}

    def stop():
        server["process"].kill()
        server["process"].wait(timeout=10)

    def start():
        server["process"] = _start_redis(tmp_path)

    yield type("Redis", (), {"stop": staticmethod(stop), "start": staticmethod(start)})
    if server["process"].poll() is None:
        server["process"].kill()
        server["process"].wait(timeout=10)


def _site_answers(client, api):
    return {
        "home": client.get("/").status_code,
        "jobs": client.get("/jobs/").status_code,
        "dashboard": client.get("/dashboard/").status_code,
        "api jobs": api.get("/api/v1/jobs/").status_code,
        "api me": api.get("/api/v1/me/").status_code,
    }


ALL_OK = {"home": 200, "jobs": 200, "dashboard": 200, "api jobs": 200, "api me": 200}


def test_redis_stopped_then_back_without_a_restart(own_redis, client, api_as, alice):
    client.force_login(alice)
    api = api_as(alice)
    cache.set("probe", "up", 30)
    assert cache.get("probe") == "up"
    assert _site_answers(client, api) == ALL_OK

    own_redis.stop()

    assert cache.get("probe") is None  # a miss, not an error
    assert _site_answers(client, api) == ALL_OK
    ready = client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json()["failed"] == ["cache"]

    own_redis.start()

    cache.set("probe", "again", 30)
    assert cache.get("probe") == "again"  # reconnected by itself
    assert _site_answers(client, api) == ALL_OK
    assert client.get("/health/ready").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_recovers_on_the_next_request(client):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert client.get("/health/ready").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()

    # The server drops this process's connection (a restart, a failover, an
    # idle-session kill): done from a second connection, as the server would.
    import psycopg2

    settings = connection.settings_dict
    killer = psycopg2.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
    )
    try:
        killer.autocommit = True
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        killer.close()

    # The request in flight on the dead connection fails, and readiness says why.
    in_flight = client.get("/health/ready")
    assert in_flight.status_code == 503
    assert in_flight.json()["failed"] == ["database"]

    # At the next request's start Django checks the persistent connection
    # (CONN_HEALTH_CHECKS; the test client suspends that signal, so send it as
    # the WSGI handler does) and reconnects: no restart needed.
    close_old_connections()
    recovered = client.get("/health/ready")
    assert recovered.status_code == 200
    assert client.get("/api/v1/jobs/").status_code == 200
