import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A throwaway Redis broker and SMTP server, stopped and started by outage tests.
from hotgigs.tests.outage_servers import broker, smtp  # noqa: F401

BASE_DIR = Path(__file__).resolve().parents[2]

# Runs requests through Django's test client in a fresh process, so the settings
# come from the environment given (a dead database, cache or broker) and this
# process's settings are never reloaded.
REQUEST_SCRIPT = """
import json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "hotgigs.settings"
django.setup()
from django.core.management import call_command
from django.test import Client
if os.environ.get("MIGRATE_FIRST"):
    call_command("migrate", verbosity=0)
out = []
for spec in json.loads(sys.argv[1]):
    response = Client(raise_request_exception=False).generic(
        spec.get("method", "GET"), spec["path"], secure=spec.get("secure", False),
        **spec.get("headers", {}),
    )
    out.append({
        "path": spec["path"],
        "status": response.status_code,
        "headers": dict(response.items()),
        "cookies": {
            name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"])}
            for name, m in response.cookies.items()
        },
        "body": b"".join(response.streaming_content if response.streaming
                         else [response.content]).decode("utf-8", "replace"),
    })
print("RESULT " + json.dumps(out))
"""


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The authorisation matrix's world (hotgigs/tests/authz_world.py) with its
    own personas (`.personas`: {"alice": User, …}), built once per test module
    (per worker) for tests that each would otherwise build it again, where
    building it takes longer than their requests (~0.6 s on PostgreSQL). It lives
    in a transaction rolled back at the end of the module; each test runs in a
    savepoint inside it (ask for `db` too, as ever), so nothing a test writes
    reaches the next one. Only for tests that do not change the world's objects
    in memory (they are shared) nor use the conftest persona fixtures (those
    would be other rows)."""
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from hotgigs.tests.authz_world import build_personas, build_world

    overridden = override_settings(
        STORAGES={
            **settings.STORAGES,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {
                    "location": tmp_path_factory.mktemp("world-private"),
                    "base_url": None,
                },
            },
        },
        PRIVATE_ACCEL_REDIRECT_PREFIX="",
    )
    overridden.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            personas = build_personas()
            world = build_world(**personas)
        world.personas = personas
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        overridden.disable()


CLOSED_PORT = 9  # "discard": nothing listens there on a test machine


@pytest.fixture
def request_in_subprocess(tmp_path):
    """`request_in_subprocess([{"path": …}], **env)` → the responses, as dicts."""

    def run(specs, **variables):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "VAR_DIR": str(tmp_path / "var"),
        }
        env.update(variables)
        result = subprocess.run(
            [sys.executable, "-c", REQUEST_SCRIPT, json.dumps(specs)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        lines = [
            line for line in result.stdout.splitlines() if line.startswith("RESULT ")
        ]
        assert result.returncode == 0 and lines, result.stdout + result.stderr
        return json.loads(lines[-1][len("RESULT ") :])

    return run
