"""Job alerts: saved job searches run by Celery beat, and "your job expires soon".

Fan-out, set-based so 100 000 alerts over a day's new jobs take minutes:

- Each alert keeps a high-water mark, ``matched_until``. A run covers the window
  ``(mark, cutoff]`` of ``published_at`` (set on a job's first publish only) and
  moves the mark to ``cutoff``: windows are disjoint and contiguous, so each new
  matching job reaches an alert once and never twice without a row per (alert,
  job). ``cutoff`` trails the clock by ``COMMIT_LAG`` so a job whose publishing
  transaction commits a little after its ``published_at`` is still caught.
- Due alerts are read in keyset batches ordered by ``query_key`` (the hash of the
  normalised query) and grouped: each distinct query runs once per batch, through
  the job search's own ``filtered_jobs``, returning only (id, published_at) newest
  first. Each alert's new jobs are then a prefix of that list (those after its
  mark), found by bisection; the jobs listed in digests (at most ``DIGEST_JOBS``
  per alert, the newest) are fetched once per batch.
- One digest notification per alert that matched (none otherwise) and one
  ``AlertRun`` audit row per digest, both bulk inserted; one UPDATE moves the marks.
"""

import bisect
import datetime
from collections import defaultdict
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from hotgigs import search as fts
from jobs.models import AlertFrequency, AlertRun, Job, JobExpiryNotice, SavedSearch
from jobs.search import JobSearchForm, filtered_jobs
from notifications.models import NotificationKind
from notifications.services import Pending, notify, notify_each, site_url

# Parameters an alert may hold: the search's filters (sorting and paging are not
# part of "which jobs match").
ALERT_PARAMETERS = frozenset(JobSearchForm.base_fields) - {"sort"}
PERIOD = {
    AlertFrequency.INSTANTLY: datetime.timedelta(0),
    AlertFrequency.DAILY: datetime.timedelta(days=1),
    AlertFrequency.WEEKLY: datetime.timedelta(days=7),
}
# A run considers jobs published up to this long ago, not up to now: publishing
# commits within moments of setting published_at, so nothing committed late is
# left behind a mark that already passed it.
COMMIT_LAG = datetime.timedelta(minutes=2)
MAX_ALERTS = 50
BATCH = 5000
# Jobs listed in one digest (the newest); the rest are "N more" on the search page.
DIGEST_JOBS = 20
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
    return clean, fts.params_digest(clean, length=64)


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
    cutoff = now - COMMIT_LAG
    stats = {"alerts": 0, "queries": 0, "notified": 0, "jobs_matched": 0}
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
                    "matched_until",
                    "created_at",
                )[:BATCH]
            )
            if not batch:
                break
            # Keyset over (query_key, id): a group split across batches runs its
            # query once per batch, and no alert is skipped.
            last = (batch[-1].query_key, batch[-1].pk)
            _run_batch(batch, now=now, cutoff=cutoff, stats=stats)
    return stats


def _run_batch(batch, *, now, cutoff, stats) -> None:
    groups = defaultdict(list)
    for alert in batch:
        groups[alert.query_key].append(alert)
    oldest = min(_mark(alert) for alert in batch)
    if (
        not Job.objects.published()
        .filter(published_at__gt=oldest, published_at__lte=cutoff)
        .exists()
    ):
        # Nothing published since the batch's oldest mark: no query can match.
        groups = {}
    matches = []  # (alert, mark, newest-first job ids after the mark)
    for alerts in groups.values():
        marks = {a.pk: _mark(a) for a in alerts}
        oldest = min(marks.values())
        if oldest >= cutoff:
            continue
        stats["queries"] += 1
        found = list(
            filtered_jobs(_params(alerts[0].query))
            .filter(published_at__gt=oldest, published_at__lte=cutoff)
            .order_by("-published_at", "-id")
            .values_list("id", "published_at")
        )
        if not found:
            continue
        # Ascending keys for bisection: jobs after a mark are a prefix of `found`.
        keys = [-published_at.timestamp() for _, published_at in found]
        for alert in alerts:
            count = bisect.bisect_left(keys, -marks[alert.pk].timestamp())
            if count:
                ids = [job_id for job_id, _ in found[:count]]
                matches.append((alert, marks[alert.pk], ids))
    listed = {
        job["id"]: job
        for job in Job.objects.filter(
            pk__in={i for _, _, ids in matches for i in ids[:DIGEST_JOBS]}
        ).values("id", "title", "slug", "company__name")
    }
    notified = notify_each(
        kind=NotificationKind.JOB_ALERT,
        items=[_digest(alert, ids, listed) for alert, _, ids in matches],
    )
    AlertRun.objects.bulk_create(
        [
            AlertRun(
                saved_search_id=alert.pk,
                ran_at=now,
                matched_from=mark,
                matched_until=cutoff,
                job_ids=ids[:DIGEST_JOBS],
                job_count=len(ids),
            )
            for alert, mark, ids in matches
        ],
        batch_size=2000,
    )
    SavedSearch.objects.filter(pk__in=[a.pk for a in batch]).update(
        last_run_at=now,
        matched_until=Greatest(Coalesce("matched_until", cutoff), cutoff),
    )
    stats["alerts"] += len(batch)
    stats["jobs_matched"] += sum(len(ids) for _, _, ids in matches)
    stats["notified"] += len(notified)


def _mark(alert):
    return alert.matched_until or alert.created_at


def _digest(alert, ids, listed) -> Pending:
    count = len(ids)
    search = "/jobs/?" + urlencode(
        {k: (",".join(v) if isinstance(v, list) else v) for k, v in alert.query.items()}
    )
    # Full URLs in the body: the email's text and HTML parts link every job.
    jobs_url = site_url("/jobs/")
    lines = [
        f"{job['title']} at {job['company__name']}: {jobs_url}{job['slug']}/"
        for job in (listed[i] for i in ids[:DIGEST_JOBS] if i in listed)
    ]
    if count > DIGEST_JOBS:
        lines.append(f"… and {count - DIGEST_JOBS} more: {site_url(search)}")
    noun = "job" if count == 1 else "jobs"
    return Pending(
        recipient_id=alert.user_id,
        title=f"{count} new {noun} for your alert “{alert.name}”"[:200],
        body="\n".join(lines),
        link=search,
    )


# --- Jobs about to expire -------------------------------------------------------------


def jobs_notify_expiring(*, now=None) -> int:
    """Tell each team once that a published job expires within three days.

    The notice row (once per job and expiry date) and the team's notifications
    are one transaction: a run killed between the two (a worker lost mid-task)
    leaves neither, so the task's next run tells the team, and a run that
    committed is never repeated. The emails go out on commit.
    """
    now = now or timezone.now()
    jobs = list(
        Job.objects.published()
        .filter(expires_at__lte=now + EXPIRY_WARNING)
        .select_related("company")
        .order_by("expires_at", "id")
    )
    told = 0
    for job in jobs:
        with transaction.atomic():
            _, created = JobExpiryNotice.objects.get_or_create(
                job=job, expires_at=job.expires_at
            )
            if not created:
                continue
            notify(
                recipients=list(job.company.members.all()),
                kind=NotificationKind.JOB_EXPIRING,
                title=f"“{job.title}” expires on {job.expires_at:%Y-%m-%d}",
                body="Extend it or let it close: after that date it leaves search.",
                link=job.get_absolute_url(),
            )
            told += 1
    return told
