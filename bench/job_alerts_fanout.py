"""Measure: 100k job alerts over a day's new jobs.

Run against a scratch, migrated database (it adds its own users, jobs and alerts):

    DATABASE_URL=postgres://…/scratch REDIS_URL=redis://…/9 \\
        .venv/bin/python bench/job_alerts_fanout.py

Sizes: ALERTS (100,000), QUERIES distinct queries (2,000: city × remote policy ×
experience level × minimum salary, and text queries), JOBS published over the
last day (5,000), USERS (20,000). Every alert is a due daily alert. The run
writes real notifications, AlertRun rows and live pushes (to the Redis channel
layer when REDIS_URL is set); the email tasks are only counted (what they do per
email is measured by the email tests, not here).
"""

import datetime
import itertools
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

import notifications.tasks as nt  # noqa: E402
from accounts.models import User  # noqa: E402
from companies.models import Company  # noqa: E402
from jobs.models import AlertRun, Job, JobStatus, SavedSearch  # noqa: E402
from jobs.services import alerts  # noqa: E402
from jobs.services.jobs import refresh_search_vectors  # noqa: E402
from notifications.models import Notification  # noqa: E402

ALERTS = int(os.environ.get("ALERTS", 100_000))
QUERIES = int(os.environ.get("QUERIES", 2_000))
JOBS = int(os.environ.get("JOBS", 5_000))
USERS = int(os.environ.get("USERS", 20_000))
CITIES = [
    "Berlin", "Paris", "London", "Madrid", "Rome", "Vienna", "Oslo", "Prague",
    "Lisbon", "Dublin", "Warsaw", "Munich", "Hamburg", "Zurich", "Milan", "Lyon",
    "Porto", "Krakow", "Ghent", "Turin",
]  # fmt: skip
REMOTE = ("onsite", "hybrid", "remote")
LEVELS = ("entry", "mid", "senior", "lead")
WORDS = ["python", "django", "react", "golang", "devops", "data", "design", "sales"]

queued_emails = []
nt.send_notification_emails.delay = lambda ids: queued_emails.extend(ids)
nt.send_notification_email.delay = lambda pk: queued_emails.append(pk)


def distinct_queries(n):
    combos = itertools.product(
        [None, 40_000, 60_000, 80_000, 100_000, 120_000, 140_000, 160_000],
        CITIES,
        REMOTE,
        LEVELS,
    )
    text = ({"q": w, "city": c} for w in WORDS for c in CITIES)
    out = []
    for salary, city, remote, level in combos:
        query = {"city": city, "remote_policy": [remote], "experience_level": [level]}
        if salary:
            query["salary_min"] = salary
        out.append(query)
        if len(out) >= n - len(WORDS) * len(CITIES):
            break
    out += list(itertools.islice(text, n - len(out)))
    return out


now = timezone.now()
tag = str(int(time.time()))
t0 = time.perf_counter()
company = Company.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}")
users = User.objects.bulk_create(
    (User(email=f"bench{tag}-{i}@example.com", full_name="B") for i in range(USERS)),
    batch_size=5000,
)
Job.objects.bulk_create(
    (
        Job(
            company=company,
            title=f"{WORDS[i % len(WORDS)].title()} engineer {i}",
            slug=f"bench-{tag}-{i}",
            description=f"We use {WORDS[(i * 7) % len(WORDS)]} every day.",
            city=CITIES[i % len(CITIES)],
            remote_policy=REMOTE[i % 3],
            experience_level=LEVELS[(i // 60) % 4],
            country="DE",
            salary_min=30_000 + (i % 13) * 10_000,
            salary_max=60_000 + (i % 13) * 10_000,
            salary_min_yearly=30_000 + (i % 13) * 10_000,
            salary_max_yearly=60_000 + (i % 13) * 10_000,
            salary_currency="EUR",
            status=JobStatus.PUBLISHED,
            published_at=now - datetime.timedelta(seconds=(i * 86_000) // JOBS + 180),
        )
        for i in range(JOBS)
    ),
    batch_size=5000,
)
refresh_search_vectors(missing_only=True)
queries = [alerts.normalize_alert_query(q) for q in distinct_queries(QUERIES)]
SavedSearch.objects.bulk_create(
    (
        SavedSearch(
            user=users[i % len(users)],
            name=f"Alert {i}",
            query=queries[i % len(queries)][0],
            query_key=queries[i % len(queries)][1],
            frequency="daily",
            last_run_at=now - datetime.timedelta(days=1, minutes=1),
            matched_until=now - datetime.timedelta(days=1, minutes=1),
        )
        for i in range(ALERTS)
    ),
    batch_size=5000,
)
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print(
    f"setup: {USERS} users, {JOBS} jobs, {ALERTS} alerts over "
    f"{len({k for _, k in queries})} queries in {time.perf_counter() - t0:.1f}s"
)
notes_before = Notification.objects.count()
started, cpu = time.perf_counter(), time.process_time()
stats = alerts.alerts_run(frequency="daily", now=now)
elapsed = time.perf_counter() - started
print(stats, f"emails queued: {len(queued_emails)}")
print(
    f"fan-out: {elapsed:.1f}s wall, {time.process_time() - cpu:.1f}s CPU in Python "
    f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
)
print(
    "notifications written:",
    Notification.objects.count() - notes_before,
    "alert runs:",
    AlertRun.objects.filter(ran_at=now).count(),
)
started = time.perf_counter()
again = alerts.alerts_run(frequency="daily", now=now + datetime.timedelta(days=1))
print("next day, no new jobs:", again, f"{time.perf_counter() - started:.1f}s")
