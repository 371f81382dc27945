"""Read-your-writes over a lagging replica (hotgigs/db_router.py reads from here).

A replica replays the primary's WAL a little later: whoever has just applied,
posted a job or saved a profile would, on the page the redirect leads to, read
the replica and see the change vanish. So after an unsafe request (POST, PUT,
PATCH, DELETE) answered below 500, the middleware notes the primary's WAL
position at that moment (``pg_current_wal_insert_lsn()``, at or past the commit
of anything the request wrote):

- in a cookie (``hg_wrote``: ``<lsn>~<unix time>``), for the browser;
- in the cache under the user (``ryw:user:<pk>``), for API clients that send a
  JWT and keep no cookies.

The person's next requests read from the primary while the replica's
``pg_last_wal_replay_lsn()`` is behind that position, and never longer than
``READ_YOUR_WRITES_MAX_SECONDS`` (a replica that far behind is an incident, not
a reason to load the primary for ever). Without a position (SQLite, the primary
unreachable) the mark is a short pin of ``READ_YOUR_WRITES_FALLBACK_SECONDS``.

A Celery task reads the primary: it is queued when the rows it works on commit
(an email to send, a document to read), and a worker takes it within
milliseconds, before the replica may have them; a claim (``UPDATE … WHERE
sent_at IS NULL``) followed by a read of the claimed row from the replica would
fail and leave the claim standing, the email never sent.

Each process looks at the replica at most every ``REPLICA_STATUS_TTL_SECONDS``;
a replica that cannot be reached sends every read to the primary until it answers
again (the failover drill: stopping the replica costs no 5xx). A replica that is
not in recovery (the test mirror, or one just promoted) is caught up by definition.
"""

import base64
import contextlib
import contextvars
import json
import logging
import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils.functional import empty

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
ROUTER = "hotgigs.db_router.PrimaryReplicaRouter"
COOKIE = "hg_wrote"
USER_KEY = "ryw:user:{pk}"
READ_YOUR_WRITES_FALLBACK_SECONDS = 5
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_LSN = re.compile(r"^([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})$")
CAUGHT_UP = float("inf")


def lsn_value(text):
    """'16/B374D848' -> an int that orders like the WAL; None if not an LSN."""
    match = _LSN.match(text or "")
    if not match:
        return None
    return (int(match[1], 16) << 32) + int(match[2], 16)


@dataclass(frozen=True)
class Mark:
    """Read from the primary until the replica has replayed `lsn` (an int, or
    None: simply until then), and never after `until` (unix time)."""

    lsn: int | None
    until: float

    def pins(self, replayed, now):
        if now >= self.until:
            return False
        return self.lsn is None or replayed < self.lsn

    @classmethod
    def parse(cls, value):
        """A mark from a cookie or cache value; None for anything malformed."""
        if not isinstance(value, str) or value.count("~") != 1 or len(value) > 40:
            return None
        lsn_text, until_text = value.split("~")
        if not until_text.isdigit():
            return None
        lsn = lsn_value(lsn_text)
        if lsn is None and lsn_text != "-":
            return None
        return cls(lsn=lsn, until=float(until_text))


# --- The replica, as this process last saw it -------------------------------------
_status_lock = threading.Lock()
_status = {"checked": float("-inf"), "reachable": True, "replayed": CAUGHT_UP}


def _probe_replica():
    """(reachable, replayed position) straight from the replica."""
    connection = connections[REPLICA]
    if connection.vendor != "postgresql":
        return True, CAUGHT_UP
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
            in_recovery, replayed = cursor.fetchone()
    except Exception:  # any failure means "read elsewhere"
        logger.warning("replica unreachable: reads go to the primary", exc_info=True)
        with contextlib.suppress(Exception):  # already broken: drop it
            connection.close()
        return False, None
    if not in_recovery:
        return True, CAUGHT_UP
    value = lsn_value(replayed)
    return True, value if value is not None else 0


def _status_ttl():
    # An unreachable replica is asked again less often: behind PgBouncer each
    # look waits for its query_wait_timeout.
    if _status["reachable"]:
        return settings.REPLICA_STATUS_TTL_SECONDS
    return settings.REPLICA_RETRY_SECONDS


def replica_status():
    """(reachable, replayed) at most REPLICA_STATUS_TTL_SECONDS old
    (REPLICA_RETRY_SECONDS while it cannot be reached)."""
    now = time.monotonic()
    if now - _status["checked"] < _status_ttl():
        return _status["reachable"], _status["replayed"]
    with _status_lock:
        if now - _status["checked"] >= _status_ttl():
            reachable, replayed = _probe_replica()
            _status.update(
                checked=time.monotonic(), reachable=reachable, replayed=replayed
            )
        return _status["reachable"], _status["replayed"]


def forget_replica_status():
    """Look at the replica again on the next read (tests, after a failover)."""
    _status.update(checked=float("-inf"), reachable=True, replayed=CAUGHT_UP)


# --- This request's marks ------------------------------------------------------------
class _RequestMarks:
    def __init__(self, request):
        self.request = request
        self.wrote = False
        self.cookie_mark = Mark.parse(request.COOKIES.get(COOKIE))
        self.user_mark = None
        self.user_checked = False

    def resolved_user(self):
        """The request's user if authentication has already run (never runs it:
        that would read the session from the database, from inside the router)."""
        user = self.request.__dict__.get("user")
        if user is None:
            return None
        wrapped = getattr(user, "_wrapped", user)
        if wrapped is empty or not getattr(wrapped, "is_authenticated", False):
            return None
        return wrapped

    def claimed_user_pk(self):
        """The user id a bearer token claims, read without verifying it: the JWT
        authentication itself reads the user, before anyone knows who it is, and
        that read must already see the primary. Only routing depends on it: a
        forged id reads someone's marked rows from the primary, not other rows."""
        header = self.request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer" or token.count(".") != 2 or len(token) > 4096:
            return None
        payload = token.split(".")[1]
        try:
            claims = json.loads(
                base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
            )
        except (ValueError, TypeError):
            return None
        if not isinstance(claims, dict):
            return None
        pk = claims.get(settings.SIMPLE_JWT.get("USER_ID_CLAIM", "user_id"))
        return str(pk) if isinstance(pk, int | str) and str(pk).isdigit() else None

    def marks(self):
        if not self.user_checked:
            user = self.resolved_user()
            pk = user.pk if user is not None else self.claimed_user_pk()
            if pk is not None:
                self.user_checked = True
                self.user_mark = Mark.parse(cache.get(USER_KEY.format(pk=pk)))
        return [mark for mark in (self.cookie_mark, self.user_mark) if mark]


_current = contextvars.ContextVar("read_your_writes", default=None)


class _TaskState:
    """A Celery task's: no person's marks, every read on the primary."""

    wrote = True

    def marks(self):
        return []


_task_tokens = {}


def task_started(task_id):
    """Celery's task_prerun (hotgigs/celery.py): the task reads the primary."""
    _task_tokens[task_id] = _current.set(_TaskState())


def task_ended(task_id):
    """Celery's task_postrun: back to the caller's state (an eager task runs
    inside a request)."""
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        _current.reset(token)


def enabled():
    return REPLICA in connections.settings and ROUTER in settings.DATABASE_ROUTERS


def note_write():
    """The current request writes: its later reads go to the primary."""
    state = _current.get()
    if state is not None:
        state.wrote = True


def must_read_primary():
    """True when this read may not go to the replica: it cannot be reached, the
    current request has written, or its person wrote something the replica has
    not replayed yet."""
    state = _current.get()
    if state is not None and state.wrote:
        return True
    reachable, replayed = replica_status()
    if not reachable:
        return True
    if state is None:
        return False
    now = time.time()
    # A mark's end is at most the longest pin away: a cookie forged to last for
    # ever does not keep its holder on the primary.
    latest = now + settings.READ_YOUR_WRITES_MAX_SECONDS + 1
    return any(
        mark.pins(replayed, now) and mark.until <= latest for mark in state.marks()
    )


def primary_position():
    """The primary's WAL insert position (text), or None where there is none."""
    connection = connections[PRIMARY]
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            return cursor.fetchone()[0]
    except Exception:  # fall back to a short pin
        logger.warning("primary WAL position unavailable: short pin", exc_info=True)
        return None


def mark_value(position, now):
    if position is None:
        return f"-~{int(now + READ_YOUR_WRITES_FALLBACK_SECONDS) + 1}"
    return f"{position}~{int(now + settings.READ_YOUR_WRITES_MAX_SECONDS) + 1}"


class ReadYourWritesMiddleware:
    """Marks writers (see the module docstring); names the node in X-Served-By."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        active = enabled()
        token = _current.set(_RequestMarks(request)) if active else None
        try:
            response = self.get_response(request)
            if (
                active
                and request.method in UNSAFE_METHODS
                and response.status_code < 500
            ):
                self.mark(request, response)
        finally:
            if token is not None:
                _current.reset(token)
        if settings.NODE_NAME:
            response["X-Served-By"] = settings.NODE_NAME
        return response

    def mark(self, request, response):
        now = time.time()
        value = mark_value(primary_position(), now)
        mark = Mark.parse(value)
        response.set_cookie(
            COOKIE,
            value,
            max_age=max(1, int(mark.until - now)),
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        user = _current.get().resolved_user()
        if user is not None:
            cache.set(USER_KEY.format(pk=user.pk), value, max(1, int(mark.until - now)))
