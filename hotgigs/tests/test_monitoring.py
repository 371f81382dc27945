"""Monitoring middleware (Server-Timing, one log line per request, slow request
and slow query logs) and the `/metrics` endpoint."""

import json
import logging
import os
import re
import runpy
import subprocess
import sys

import pytest
from django.conf import settings

from hotgigs.monitoring import JsonFormatter, Metrics

SERVER_TIMING = re.compile(
    r'^app;dur=(?P<app>\d+\.\d), db;dur=(?P<db>\d+\.\d);desc="(?P<n>\d+) queries"$'
)


def request_records(caplog):
    return [r for r in caplog.records if r.name == "hotgigs.requests"]


def test_server_timing_counts_the_queries(client, db):
    response = client.get("/health/ready")

    match = SERVER_TIMING.match(response["Server-Timing"])
    assert match, response["Server-Timing"]
    # SELECT 1 for the database check; the cache is local memory.
    assert match["n"] == "1"


def test_server_timing_without_queries(client, db):
    match = SERVER_TIMING.match(client.get("/health/live")["Server-Timing"])

    assert match["n"] == "0"
    assert float(match["db"]) == 0.0


def test_one_structured_log_line_per_request(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="hotgigs.requests"):
        client.get("/health/ready?probe=1")

    [record] = request_records(caplog)
    assert record.levelname == "INFO"
    assert record.message == "request"
    assert record.method == "GET"
    assert record.path == "/health/ready"
    assert record.status == 200
    assert record.queries == 1
    assert record.duration_ms >= 0

    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "request"
    assert line["logger"] == "hotgigs.requests"
    assert line["status"] == 200
    assert line["queries"] == 1
    assert set(line) >= {"time", "level", "method", "path", "duration_ms", "db_ms"}


def test_slow_request_is_logged_with_its_slowest_sql(client, db, caplog, settings):
    settings.SLOW_REQUEST_MS = 0

    with caplog.at_level(logging.INFO, logger="hotgigs.requests"):
        client.get("/health/ready")

    [record] = [r for r in request_records(caplog) if r.message == "slow request"]
    assert record.levelname == "WARNING"
    assert record.slowest_sql == "SELECT 1"
    assert record.queries == 1


def test_slow_query_is_logged_with_its_sql(client, db, caplog, settings):
    settings.SLOW_QUERY_MS = 0

    with caplog.at_level(logging.WARNING, logger="hotgigs.requests"):
        client.get("/health/ready")

    [record] = [r for r in request_records(caplog) if r.message == "slow query"]
    assert record.sql == "SELECT 1"
    assert record.duration_ms >= 0


def test_fast_requests_do_not_warn(client, db, caplog, settings):
    settings.SLOW_REQUEST_MS = 60_000
    settings.SLOW_QUERY_MS = 60_000

    with caplog.at_level(logging.WARNING, logger="hotgigs.requests"):
        client.get("/health/ready")

    assert request_records(caplog) == []


def test_json_formatter_includes_exceptions():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", ("here",), sys.exc_info()
        )
    line = json.loads(JsonFormatter().format(record))

    assert line["message"] == "failed here"
    assert line["level"] == "ERROR"
    assert "ValueError: boom" in line["exc"]


def test_metrics_render_in_prometheus_format():
    metrics = Metrics()
    metrics.observe("GET", 200, 0.03, 2)
    metrics.observe("POST", 201, 0.3, 5)

    text = metrics.render()

    assert 'hotgigs_http_requests_total{method="GET",status="200"} 1' in text
    assert 'hotgigs_http_requests_total{method="POST",status="201"} 1' in text
    assert 'hotgigs_http_request_duration_seconds_bucket{le="0.025"} 0' in text
    assert 'hotgigs_http_request_duration_seconds_bucket{le="0.05"} 1' in text
    assert 'hotgigs_http_request_duration_seconds_bucket{le="0.5"} 2' in text
    assert 'hotgigs_http_request_duration_seconds_bucket{le="+Inf"} 2' in text
    assert "hotgigs_http_request_duration_seconds_count 2" in text
    assert "hotgigs_db_queries_total 7" in text
    assert "# TYPE hotgigs_http_requests_total counter" in text
    assert text.endswith("\n")


# --- /metrics access ---


def test_metrics_for_staff(client, sam):
    client.force_login(sam)
    client.get("/health/live")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert 'hotgigs_http_requests_total{method="GET",status="200"}' in (
        response.content.decode()
    )


@pytest.mark.parametrize("persona", ["alice", "olivia", "rita"])
def test_metrics_forbidden_for_non_staff(client, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/metrics")

    assert response.status_code == 403
    assert response.content == b"Forbidden\n"


def test_metrics_forbidden_for_anonymous(client, db):
    assert client.get("/metrics").status_code == 403


def test_metrics_with_the_right_token(client, db, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")

    assert response.status_code == 200
    assert b"hotgigs_db_queries_total" in response.content


@pytest.mark.parametrize(
    "header", ["Bearer wrong", "Bearer s3cret-scrape-toke", "s3cret-scrape-token", ""]
)
def test_metrics_with_a_wrong_token(client, db, settings, header):
    settings.METRICS_TOKEN = "s3cret-scrape-token"

    response = client.get("/metrics", HTTP_AUTHORIZATION=header)

    assert response.status_code == 403


def test_metrics_without_a_configured_token_refuses_any_bearer(client, db, settings):
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer").status_code == 403


# --- /metrics across gunicorn's worker processes ---

WORKER = """
import sys
from hotgigs.monitoring import Metrics
metrics = Metrics()
for _ in range(int(sys.argv[1])):
    metrics.observe("GET", 200, 0.03, 2)
metrics.observe("POST", 201, 3.0, 1)
"""


def run_worker(folder, requests):
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    subprocess.run(
        [sys.executable, "-c", WORKER, str(requests)],
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
        timeout=120,
    )


def test_two_worker_processes_counts_add_up(tmp_path):
    run_worker(tmp_path, 3)
    run_worker(tmp_path, 4)

    text = Metrics(multiprocess_dir=str(tmp_path)).render()

    assert 'hotgigs_http_requests_total{method="GET",status="200"} 7.0' in text
    assert 'hotgigs_http_requests_total{method="POST",status="201"} 2.0' in text
    assert 'hotgigs_http_request_duration_seconds_bucket{le="0.05"} 7.0' in text
    assert 'hotgigs_http_request_duration_seconds_bucket{le="+Inf"} 9.0' in text
    assert "hotgigs_http_request_duration_seconds_count 9.0" in text
    assert "hotgigs_db_queries_total 16.0" in text


def test_gunicorn_gives_every_instance_an_empty_metrics_folder(tmp_path, monkeypatch):
    folder = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    folder.mkdir()
    (folder / "counter_123.db").write_bytes(b"stale")

    config["on_starting"](None)

    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(folder)
    assert folder.is_dir()
    assert list(folder.iterdir()) == []


def test_gunicorn_names_a_metrics_folder_per_bind_address(monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.2:8001")

    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))

    assert config["metrics_dir"].endswith("hotgigs-metrics-127.0.0.2_8001")
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
