"""Demo analytics: a few weeks of job views and searches, then the roll-ups.

Idempotent: views are de-duplicated per viewer per day by the database, and the
searches are only added once (they are keyed by their demo viewer keys).
"""

import datetime
import random

from django.utils import timezone

from analytics.models import Event, EventKind
from analytics.rollups import analytics_rollup
from jobs.models import Job

DAYS = 28
QUERIES = ["python", "django developer", "data engineer", "remote", "react", "devops"]


def seed(*, options, log):
    rng = random.Random(options.get("seed", 42))
    today = timezone.localdate()
    jobs = list(Job.objects.published().values_list("id", "company_id")[:200])
    events = []
    for back in range(1, DAYS + 1):
        day = today - datetime.timedelta(days=back)
        for job_id, company_id in jobs:
            for viewer in range(rng.randint(0, 6)):
                events.append(
                    Event(
                        kind=EventKind.JOB_VIEW,
                        day=day,
                        job_id=job_id,
                        company_id=company_id,
                        viewer_key=f"ademo{viewer}",
                    )
                )
    if not Event.objects.filter(kind=EventKind.SEARCH, viewer_key="ademo").exists():
        for back in range(1, DAYS + 1):
            day = today - datetime.timedelta(days=back)
            events += [
                Event(
                    kind=EventKind.SEARCH,
                    day=day,
                    viewer_key="ademo",
                    query=rng.choice(QUERIES),
                )
                for _ in range(rng.randint(5, 30))
            ]
    Event.objects.bulk_create(events, ignore_conflicts=True, batch_size=2000)
    analytics_rollup(since=today - datetime.timedelta(days=DAYS))
    log(f"analytics: {len(events)} demo events, roll-ups for the last {DAYS} days")
