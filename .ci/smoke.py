"""Smoke of the embedded default: the pages and API a first visitor touches answer."""

import os
import sys
from pathlib import Path

import django

# Run as `python .ci/smoke.py`: the project root is one level up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")
django.setup()

from django.test import Client  # noqa: E402

CHECKS = [
    ("/", 200),
    ("/accounts/login/", 200),
    ("/accounts/signup/", 200),
    ("/health/live", 200),
    ("/health/ready", 200),
    ("/api/schema/", 200),
    ("/api/docs/", 200),
    ("/api/v1/me/", 401),
    ("/api/v1/no-such-endpoint/", 404),
    ("/jobs/", 200),
    ("/api/v1/jobs/", 200),
    ("/dashboard/", 302),
    ("/static/css/site.css", 200),
]


def main():
    client = Client()
    failures = []
    for path, expected in CHECKS:
        status = client.get(path).status_code
        print(f"{status} {path}")
        if status != expected:
            failures.append(f"{path}: {status}, expected {expected}")
    response = client.post(
        "/api/v1/auth/token/",
        {"email": "candidate@hotgigs.test", "password": "hotgigs-demo"},
        content_type="application/json",
    )
    print(f"{response.status_code} POST /api/v1/auth/token/ (demo candidate)")
    if response.status_code != 200 or "access" not in response.json():
        failures.append("demo candidate cannot obtain a token")
    else:
        token = response.json()["access"]
        me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}")
        print(f"{me.status_code} /api/v1/me/ (demo candidate)")
        if me.status_code != 200:
            failures.append(f"/api/v1/me/: {me.status_code}")
    if client.login(email="candidate@hotgigs.test", password="hotgigs-demo"):
        dashboard = client.get("/dashboard/")
        print(f"{dashboard.status_code} /dashboard/ (demo candidate)")
        if dashboard.status_code != 200:
            failures.append(
                f"/dashboard/ as the demo candidate: {dashboard.status_code}"
            )
    else:
        failures.append("demo candidate cannot log in to the pages")
    if failures:
        print("smoke failed:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("smoke passed")


if __name__ == "__main__":
    main()
