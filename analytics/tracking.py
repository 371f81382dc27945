"""The event sink: a low layer that any view or service may call. Imports no domain app.

    from analytics import tracking
    tracking.record(tracking.EventKind.JOB_VIEW, request=request, job_id=job.pk,
                    company_id=job.company_id, exclude_user_ids=team_ids)

How it stays cheap: a call builds its rows in memory and writes them with ONE
`INSERT … ON CONFLICT DO NOTHING` (`bulk_create(ignore_conflicts=True)`) — a
search page's 20 impressions are one statement, not 20, about a millisecond.
It runs inside a savepoint of the caller's transaction (if any): an event of a
rolled-back apply disappears with it, and a failed insert is logged and
swallowed without breaking the caller's transaction — analytics never breaks a
page. We chose this over a Celery task per event (the broker round trip costs
as much as the insert and adds a moving part) and over `on_commit` (it would
add callbacks to every service that records). De-duplication ("people" per
day) is the database's job: partial unique constraints on Event make a
repeated view a no-op, whatever the process.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from analytics.models import Event, EventKind
from hotgigs.clientip import client_ip

__all__ = ["EventKind", "is_bot", "normalize_query", "record", "record_search"]

logger = logging.getLogger(__name__)

# Crawlers, monitors, link previews and HTTP libraries: never counted.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|monitor|uptime|headless|lighthouse|"
    r"curl|wget|python-requests|httpx|aiohttp|go-http-client|java/|okhttp|"
    r"facebookexternalhit|scrapy|phantomjs|pingdom",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """An empty user agent counts as a bot: browsers always send one."""
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def normalize_query(text: str) -> str:
    return " ".join((text or "").lower().split())[:200]


def _viewer(request, user):
    """(user_id, viewer_key) — anonymous visitors by a salted hash, never raw IP."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.pk, f"u{user.pk}"
    if request is None:
        return None, "a"
    session = getattr(request, "session", None)
    basis = session.session_key if session is not None else None
    if not basis:
        basis = (client_ip(request) or "") + "|" + _user_agent(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{basis}".encode()).hexdigest()
    return None, "a" + digest[:32]


def _user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "") if request is not None else ""


def _enqueue(rows):
    if not rows:
        return
    try:
        with transaction.atomic():  # a savepoint: a failure leaves the caller intact
            Event.objects.bulk_create(rows, ignore_conflicts=True)
    except Exception:  # analytics must never break the page that records it
        logger.exception("analytics: could not record %d event(s)", len(rows))


def _skip(request, user_id, exclude_user_ids):
    if request is not None and is_bot(_user_agent(request)):
        return True
    return user_id is not None and user_id in set(exclude_user_ids or ())


def record(
    kind: str,
    *,
    request=None,
    user=None,
    job_id: int | None = None,
    company_id: int | None = None,
    candidate_id: int | None = None,
    source: str = "",
    query: str = "",
    exclude_user_ids=(),
    is_own_team: bool = False,
) -> None:
    """Record one event (with the caller's transaction, if any).

    `request` gives the viewer (and bot detection); services without a request
    pass `user`. The subject's own team (a job's company members, the candidate
    themself) must not count: pass their ids as `exclude_user_ids`, or
    `is_own_team=True` when the caller already knows the viewer is one of them.
    """
    user_id, viewer_key = _viewer(request, user)
    if is_own_team or _skip(request, user_id, exclude_user_ids):
        return
    now = timezone.now()
    _enqueue(
        [
            Event(
                kind=EventKind(kind),
                day=timezone.localdate(now),
                created_at=now,
                job_id=job_id,
                company_id=company_id,
                candidate_id=candidate_id,
                user_id=user_id,
                viewer_key=viewer_key,
                source=source[:24],
                query=normalize_query(query),
            )
        ]
    )


def record_search(*, request, query: str, results=()) -> None:
    """One search event plus an impression per (job_id, company_id) shown."""
    user_id, viewer_key = _viewer(request, None)
    if _skip(request, user_id, ()):
        return
    now = timezone.now()
    day = timezone.localdate(now)
    common = {"day": day, "created_at": now, "user_id": user_id}
    rows = [
        Event(
            kind=EventKind.SEARCH,
            viewer_key=viewer_key,
            query=normalize_query(query),
            **common,
        )
    ]
    rows += [
        Event(
            kind=EventKind.SEARCH_IMPRESSION,
            job_id=job_id,
            company_id=company_id,
            viewer_key=viewer_key,
            **common,
        )
        for job_id, company_id in results
    ]
    _enqueue(rows)
