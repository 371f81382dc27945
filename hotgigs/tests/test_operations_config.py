"""Operator settings: one gunicorn control socket per instance, beat
intervals from the environment, outage logging rate-limited."""

import json
import logging
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from hotgigs.monitoring import JsonFormatter, OutageLogFilter
from hotgigs.tests.test_outage import DEAD_REDIS

BASE_DIR = Path(settings.BASE_DIR)


def _gunicorn_config(monkeypatch, **variables):
    for name in ("GUNICORN_BIND", "GUNICORN_CONTROL_SOCKET", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))


def test_each_gunicorn_instance_has_its_own_control_socket(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    first = _gunicorn_config(monkeypatch, GUNICORN_BIND="127.0.0.1:8000")
    second = _gunicorn_config(monkeypatch, GUNICORN_BIND="127.0.0.1:8001")
    unix = _gunicorn_config(monkeypatch, GUNICORN_BIND="unix:/run/hotgigs/web.sock")

    assert first["control_socket"] == str(
        tmp_path / ".gunicorn" / "gunicorn-127.0.0.1_8000.ctl"
    )
    assert second["control_socket"] == str(
        tmp_path / ".gunicorn" / "gunicorn-127.0.0.1_8001.ctl"
    )
    assert unix["control_socket"] == str(
        tmp_path / ".gunicorn" / "gunicorn-unix_run_hotgigs_web.sock.ctl"
    )


def test_the_control_socket_follows_xdg_runtime_dir_or_the_environment(
    monkeypatch, tmp_path
):
    runtime = _gunicorn_config(monkeypatch, XDG_RUNTIME_DIR=str(tmp_path))
    named = _gunicorn_config(
        monkeypatch, GUNICORN_CONTROL_SOCKET=str(tmp_path / "web-a.ctl")
    )

    assert runtime["control_socket"] == str(tmp_path / "gunicorn-127.0.0.1_8000.ctl")
    assert named["control_socket"] == str(tmp_path / "web-a.ctl")


BEAT_PROBE = """
import json
from hotgigs import settings as s
print(json.dumps({
    name: [entry["task"], str(entry["schedule"]), list(entry["args"])]
    for name, entry in s.CELERY_BEAT_SCHEDULE.items()
    if name.startswith(("outbox-", "job-alerts-instantly", "analytics-rollup"))
}))
"""


def _beat(**variables):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "hotgigs.settings",
        **variables,
    }
    done = subprocess.run(
        [sys.executable, "-c", BEAT_PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_beat_intervals_come_from_the_environment():
    assert _beat() == {
        "job-alerts-instantly": ["jobs.tasks.run_job_alerts", "300", ["instantly"]],
        "analytics-rollup": [
            "analytics.tasks.rollup_recent_days",
            "<crontab: 20 0 * * * (m/h/dM/MY/d)>",
            [],
        ],
        "outbox-notification-emails": [
            "notifications.tasks.sweep_notification_emails",
            "120",
            [],
        ],
        "outbox-outgoing-emails": [
            "notifications.tasks.sweep_outgoing_emails",
            "120",
            [],
        ],
        "outbox-document-extraction": [
            "documents.tasks.sweep_document_extractions",
            "120",
            [],
        ],
    }
    changed = _beat(
        BEAT_JOB_ALERTS_INSTANTLY_SECONDS="5",
        BEAT_ANALYTICS_ROLLUP_SECONDS="60",
        OUTBOX_SWEEP_SECONDS="10",
        BEAT_OUTBOX_DOCUMENT_EXTRACTION_SECONDS="3",
    )
    assert {name: entry[1] for name, entry in changed.items()} == {
        "job-alerts-instantly": "5",
        "analytics-rollup": "60",
        "outbox-notification-emails": "10",
        "outbox-outgoing-emails": "10",
        "outbox-document-extraction": "3",
    }


def test_a_bad_beat_interval_is_refused_at_start():
    with pytest.raises(subprocess.CalledProcessError) as failed:
        _beat(BEAT_JOB_ALERTS_INSTANTLY_SECONDS="often")
    assert "ValueError" in failed.value.stderr


def _record(name, message, error=None):
    exc_info = (type(error), error, None) if error else None
    return logging.LogRecord(name, logging.ERROR, __file__, 1, message, (), exc_info)


def test_outage_records_pass_once_per_kind_per_interval(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("hotgigs.monitoring.time.monotonic", lambda: clock[0])
    outage = OutageLogFilter(loggers=["django_redis", "hotgigs.outbox"], interval=60)
    refused = ConnectionRefusedError(111, "Connection refused")

    passed = [
        outage.filter(_record("django_redis.cache", "Exception ignored", refused)),
        outage.filter(_record("django_redis.cache", "Exception ignored", refused)),
        outage.filter(
            _record("django_redis.cache", "Exception ignored", TimeoutError())
        ),
        outage.filter(_record("hotgigs.outbox", "could not queue %s")),
        outage.filter(_record("jobs.views", "Exception ignored", refused)),
        outage.filter(_record("jobs.views", "Exception ignored", refused)),
    ]
    assert passed == [True, False, True, True, True, True]

    clock[0] += 61
    later = _record("django_redis.cache", "Exception ignored", refused)
    assert outage.filter(later) is True
    line = json.loads(JsonFormatter().format(later))
    assert (line["message"], line["error"], line["suppressed"]) == (
        "Exception ignored",
        "ConnectionRefusedError: [Errno 111] Connection refused",
        1,
    )
    assert "exc" not in line  # one line, no traceback


CACHE_OUTAGE_SCRIPT = """
import os
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "hotgigs.settings"
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
client = Client(raise_request_exception=False)
print("STATUS", [client.get("/jobs/").status_code for _ in range(10)])
"""


def test_a_cache_outage_logs_one_line_per_kind_in_a_real_process(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", CACHE_OUTAGE_SCRIPT],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "VAR_DIR": str(tmp_path / "var"),
            "REDIS_URL": DEAD_REDIS,
            # Longer than the run (the migration alone may take a minute here).
            "OUTAGE_LOG_INTERVAL_SECONDS": "3600",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert "STATUS [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]" in done.stdout
    logged = [
        json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")
    ]
    from_redis = [line for line in logged if line["logger"].startswith("django_redis")]
    # Ten requests, each with several failed cache commands: one line per kind.
    assert [(line["message"], line["error"][:21]) for line in from_redis] == [
        ("Exception ignored", "ConnectionInterrupted")
    ]
    assert not any("Traceback" in line.get("exc", "") for line in from_redis)
    assert "Traceback" not in done.stderr
