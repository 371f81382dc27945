"""Quick measure: 100k job alerts over a day's new jobs (issue 8).

Run: DATABASE_URL=... .venv/bin/python bench/job_alerts_fanout.py
Creates its own users/jobs/alerts in the configured database (use a scratch one).
Email/live delivery is stubbed: this measures matching, deliveries and notifications.
"""

import datetime
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")
django.setup()

from django.utils import timezone  # noqa: E402

import notifications.services as ns  # noqa: E402
from accounts.models import User  # noqa: E402
from companies.models import Company  # noqa: E402
from jobs import alerts  # noqa: E402
from jobs.models import Job, JobStatus, SavedSearch  # noqa: E402

ALERTS = int(os.environ.get("ALERTS", 100_000))
JOBS = int(os.environ.get("JOBS", 2_000))
CITIES = ["Berlin", "Paris", "London", "Madrid", "Rome", "Vienna", "Oslo", "Prague"]

ns._deliver = lambda created: None
now = timezone.now()
tag = str(int(time.time()))
company = Company.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}")
users = User.objects.bulk_create(
    User(email=f"bench{tag}-{i}@example.com", full_name="B") for i in range(5_000)
)
Job.objects.bulk_create(
    Job(
        company=company,
        title=f"Job {i}",
        slug=f"bench-{tag}-{i}",
        description="x",
        city=CITIES[i % len(CITIES)],
        remote_policy=("onsite", "hybrid", "remote")[i % 3],
        experience_level=("entry", "mid", "senior", "lead")[i % 4],
        country="DE",
        status=JobStatus.PUBLISHED,
        published_at=now - datetime.timedelta(minutes=i % 1400),
    )
    for i in range(JOBS)
)
queries = [
    {"city": c, "remote_policy": [r], "experience_level": [e]}
    for c in CITIES
    for r in ("onsite", "hybrid", "remote")
    for e in ("entry", "mid", "senior", "lead")
] + [{"city": c} for c in CITIES]
rows = []
for i in range(ALERTS):
    clean, key = alerts.normalize_alert_query(queries[i % len(queries)])
    rows.append(
        SavedSearch(
            user=users[i % len(users)],
            name="a",
            query=clean,
            query_key=key,
            frequency="daily",
            last_run_at=now - datetime.timedelta(days=1, minutes=1),
        )
    )
SavedSearch.objects.bulk_create(rows, batch_size=5000)
started = time.perf_counter()
stats = alerts.alerts_run(frequency="daily", now=now)
print(stats, f"{time.perf_counter() - started:.1f}s")
