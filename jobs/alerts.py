"""Job alerts: saved job searches run by Celery beat, and "your job expires soon".

Fan-out: due alerts are grouped by ``query_key`` (the hash of their normalised
query); each distinct query runs once, through the job search's own
``filtered_jobs``, over only the jobs published since the group's oldest last run.
Each alert then keeps the jobs newer than its own last run that it has not been
sent yet (``AlertDelivery`` is unique per alert and job: never twice), and gets
one digest notification per run — none when nothing matched. Deliveries and
notifications are written with bulk inserts.
"""

import datetime
import hashlib
import json
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jobs.models import AlertDelivery, AlertFrequency, Job, JobExpiryNotice, SavedSearch
from jobs.search import JobSearchForm, filtered_jobs
from notifications.models import NotificationKind
from notifications.services import Pending, notify, notify_each

# Parameters an alert may hold: the search's filters (sorting and paging are not
# part of "which jobs match").
ALERT_PARAMETERS = frozenset(JobSearchForm.base_fields) - {"sort"}
PERIOD = {
    AlertFrequency.INSTANTLY: datetime.timedelta(0),
    AlertFrequency.DAILY: datetime.timedelta(days=1),
    AlertFrequency.WEEKLY: datetime.timedelta(days=7),
}
# Jobs committed a little after their published_at are still caught: each run
# looks back this much further and AlertDelivery drops what was already sent.
OVERLAP = datetime.timedelta(minutes=10)
MAX_ALERTS = 50
BATCH = 5000
JOBS_LISTED = 10
EXPIRY_WARNING = datetime.timedelta(days=3)


def normalize_alert_query(query) -> tuple[dict, str]:
    """Validate ``query`` against the job search's parameters → (clean, key)."""
    if not isinstance(query, dict):
        raise ValidationError({"query": "The query must be an object."})
    unknown = sorted(set(query) - ALERT_PARAMETERS)
    if unknown:
        raise ValidationError(
            {"query": f"Unknown search parameters: {', '.join(unknown)}."}
        )
    data = {}
    for key, value in query.items():
        if isinstance(value, list):
            if not all(isinstance(v, str | int) for v in value):
                raise ValidationError({"query": f"{key}: use strings."})
            data[key] = [str(v) for v in value]
        elif isinstance(value, str | int) and not isinstance(value, bool):
            data[key] = str(value)
        elif value is not None:
            raise ValidationError({"query": f"{key}: unsupported value."})
    form = JobSearchForm(data)
    if not form.is_valid():
        errors = {f"query.{k}": v for k, v in form.errors.items()}
        raise ValidationError(errors)
    clean = {}
    for key, value in form.cleaned_data.items():
        if key == "sort" or value in (None, "", [], ()):
            continue
        clean[key] = (
            sorted(value) if isinstance(value, list) and key != "skills" else value
        )
    if not clean:
        raise ValidationError({"query": "Choose at least one search filter."})
    blob = json.dumps(clean, sort_keys=True, default=str)
    return clean, hashlib.sha256(blob.encode()).hexdigest()


def _params(clean: dict):
    form = JobSearchForm(
        {k: (",".join(v) if isinstance(v, list) else str(v)) for k, v in clean.items()}
    )
    form.is_valid()
    return form.params()


@transaction.atomic
def saved_search_create(*, user, name: str, query, frequency: str) -> SavedSearch:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the alert a name."})
    if len(name) > 100:
        raise ValidationError({"name": "At most 100 characters."})
    if frequency not in AlertFrequency.values:
        raise ValidationError({"frequency": f"Unknown frequency “{frequency}”."})
    if SavedSearch.objects.filter(user=user).count() >= MAX_ALERTS:
        raise ValidationError({"name": f"You can keep at most {MAX_ALERTS} alerts."})
    clean, key = normalize_alert_query(query)
    return SavedSearch.objects.create(
        user=user, name=name, query=clean, query_key=key, frequency=frequency
    )


@transaction.atomic
def saved_search_update(*, saved_search: SavedSearch, **fields) -> SavedSearch:
    if "name" in fields:
        name = (fields["name"] or "").strip()
        if not name or len(name) > 100:
            raise ValidationError({"name": "Give the alert a name (≤ 100 chars)."})
        saved_search.name = name
    if "frequency" in fields:
        if fields["frequency"] not in AlertFrequency.values:
            raise ValidationError({"frequency": "Unknown frequency."})
        saved_search.frequency = fields["frequency"]
    if "query" in fields:
        saved_search.query, saved_search.query_key = normalize_alert_query(
            fields["query"]
        )
    saved_search.save()
    return saved_search


def _due(frequency, now):
    qs = SavedSearch.objects.filter(frequency=frequency)
    period = PERIOD[AlertFrequency(frequency)]
    if period:
        qs = qs.filter(Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - period))
    return qs


def alerts_run(*, frequency: str, now=None) -> dict:
    """Run every due alert of ``frequency``; → counts for logs and the bench."""
    now = now or timezone.now()
    stats = {"alerts": 0, "queries": 0, "notified": 0, "deliveries": 0}
    last = ("", 0)
    while True:
        with transaction.atomic():
            batch = list(
                _due(frequency, now)
                .filter(Q(query_key__gt=last[0]) | Q(query_key=last[0], id__gt=last[1]))
                .order_by("query_key", "id")
                .select_for_update(skip_locked=True, of=("self",))
                .only(
                    "id",
                    "user_id",
                    "name",
                    "query",
                    "query_key",
                    "last_run_at",
                    "created_at",
                )[:BATCH]
            )
            if not batch:
                break
            # Keyset over (query_key, id): a group split across batches runs its
            # query once per batch, and no alert is skipped.
            last = (batch[-1].query_key, batch[-1].pk)
            _run_batch(batch, now=now, stats=stats)
    return stats


def _run_batch(batch, *, now, stats) -> None:
    groups = defaultdict(list)
    for alert in batch:
        groups[alert.query_key].append(alert)
    deliveries, pending = [], []
    for alerts in groups.values():
        stats["queries"] += 1
        since = {a.pk: (a.last_run_at or a.created_at) - OVERLAP for a in alerts}
        oldest = min(since.values())
        jobs = list(
            filtered_jobs(_params(alerts[0].query))
            .filter(published_at__gt=oldest, published_at__lte=now)
            .order_by("-published_at", "-id")
            .values("id", "title", "slug", "published_at", "company__name")[:500]
        )
        if not jobs:
            continue
        sent = set(
            AlertDelivery.objects.filter(
                saved_search_id__in=[a.pk for a in alerts],
                job_id__in=[j["id"] for j in jobs],
            ).values_list("saved_search_id", "job_id")
        )
        for alert in alerts:
            fresh = [
                j
                for j in jobs
                if j["published_at"] > since[alert.pk]
                and (alert.pk, j["id"]) not in sent
            ]
            if not fresh:
                continue
            deliveries += [
                AlertDelivery(saved_search_id=alert.pk, job_id=j["id"]) for j in fresh
            ]
            pending.append(_digest(alert, fresh))
    AlertDelivery.objects.bulk_create(
        deliveries, batch_size=5000, ignore_conflicts=True
    )
    notified = notify_each(kind=NotificationKind.JOB_ALERT, items=pending)
    SavedSearch.objects.filter(pk__in=[a.pk for a in batch]).update(last_run_at=now)
    stats["alerts"] += len(batch)
    stats["deliveries"] += len(deliveries)
    stats["notified"] += len(notified)


def _digest(alert, jobs) -> Pending:
    count = len(jobs)
    lines = [
        f"{j['title']} at {j['company__name']}: /jobs/{j['slug']}/"
        for j in jobs[:JOBS_LISTED]
    ]
    if count > JOBS_LISTED:
        lines.append(f"… and {count - JOBS_LISTED} more.")
    noun = "job" if count == 1 else "jobs"
    return Pending(
        recipient_id=alert.user_id,
        title=f"{count} new {noun} for your alert “{alert.name}”"[:200],
        body="\n".join(lines),
        link="/jobs/?" + _querystring(alert.query),
    )


def _querystring(query: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(
        {k: (",".join(v) if isinstance(v, list) else v) for k, v in query.items()}
    )


# --- Jobs about to expire -------------------------------------------------------------


def jobs_notify_expiring(*, now=None) -> int:
    """Tell each team once that a published job expires within three days."""
    now = now or timezone.now()
    jobs = list(
        Job.objects.published()
        .filter(expires_at__lte=now + EXPIRY_WARNING)
        .select_related("company")
    )
    told = 0
    for job in jobs:
        with transaction.atomic():
            _, created = JobExpiryNotice.objects.get_or_create(
                job=job, expires_at=job.expires_at
            )
            if not created:
                continue
            members = list(job.company.members.all())
            transaction.on_commit(
                lambda job=job, members=members: notify(
                    recipients=members,
                    kind=NotificationKind.JOB_EXPIRING,
                    title=f"“{job.title}” expires on {job.expires_at:%Y-%m-%d}",
                    body="Extend it or let it close: after that date it leaves search.",
                    link=job.get_absolute_url(),
                )
            )
            told += 1
    return told
