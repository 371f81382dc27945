"""Request monitoring: time and SQL query count per request.

Every response carries a `Server-Timing` header (`app;dur=…`, `db;dur=…;desc="N
queries"`); every request writes one structured log line; slow requests are
logged at WARNING with their slowest SQL. Counters feed `/metrics`.
"""

import json
import logging
import os
import threading
import time

from django.conf import settings
from django.db import connections
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

# `_created` series say when a process started counting: noise once processes
# are added up, and absent in multiprocess mode anyway.
disable_created_metrics()

logger = logging.getLogger("hotgigs.requests")


class JsonFormatter(logging.Formatter):
    """One JSON object per log line, with any `extra` fields merged in."""

    RESERVED = set(vars(logging.makeLogRecord({})))

    def format(self, record):
        payload = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in self.RESERVED and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


class OutageLogFilter(logging.Filter):
    """One line per failure kind per interval from the loggers that report an
    outage on every call (the cache's Redis, the broker, live pushes).

    With the cache's Redis down, django-redis logs a full traceback for every
    ignored command (several per request). This handler filter lets the first
    record of a kind (logger, message template, exception class) through each
    `interval` seconds, as one line naming the exception instead of its
    traceback, with the number of records it held back since the last one
    (`suppressed`); records from other loggers pass untouched.
    """

    def __init__(self, loggers=(), interval=60):
        super().__init__()
        self.prefixes = tuple(loggers)
        self.interval = interval
        self.lock = threading.Lock()
        self.seen = {}  # kind -> (monotonic time let through, held back since)

    def _watched(self, name):
        return any(name == p or name.startswith(p + ".") for p in self.prefixes)

    def filter(self, record):
        if not self._watched(record.name):
            return True
        error = record.exc_info[1] if record.exc_info else None
        kind = (record.name, str(record.msg), type(error).__name__)
        now = time.monotonic()
        with self.lock:
            since, held = self.seen.get(kind, (None, 0))
            if since is not None and now - since < self.interval:
                self.seen[kind] = (since, held + 1)
                return False
            self.seen[kind] = (now, 0)
        if error is not None:
            record.error = f"{type(error).__name__}: {error}"[:300]
            record.exc_info = None
            record.exc_text = None
        if held:
            record.suppressed = held
        return True


class Metrics:
    """Request counters for `/metrics`, kept by prometheus_client.

    gunicorn runs several worker processes and each scrape reaches one of them,
    so counters kept per process would jump backwards between scrapes. With
    ``PROMETHEUS_MULTIPROC_DIR`` set (``gunicorn.conf.py`` sets and empties it
    at start-up) every process writes its values to files there and ``render``
    adds up every process's, including workers that have been recycled
    (prometheus_client's ``MultiProcessCollector``). Without it (``runserver``,
    tests) the values are this process's own.
    """

    BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

    def __init__(self, *, multiprocess_dir: str | None = None):
        self.multiprocess_dir = multiprocess_dir or os.environ.get(
            "PROMETHEUS_MULTIPROC_DIR"
        )
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "hotgigs_http_requests",
            "HTTP requests by method and status.",
            ["method", "status"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "hotgigs_http_request_duration_seconds",
            "Request duration.",
            buckets=self.BUCKETS,
            registry=self.registry,
        )
        self.queries = Counter(
            "hotgigs_db_queries",
            "SQL queries run by requests.",
            registry=self.registry,
        )

    def observe(self, method, status, seconds, queries):
        self.requests.labels(method=method, status=str(status)).inc()
        self.duration.observe(seconds)
        self.queries.inc(queries)

    def render(self) -> str:
        registry = self.registry
        if self.multiprocess_dir:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=self.multiprocess_dir)
        return generate_latest(registry).decode()


metrics = Metrics()


class QueryRecorder:
    """A database execute wrapper that counts queries and keeps the slowest."""

    def __init__(self):
        self.count = 0
        self.duration = 0.0
        self.slowest = (0.0, "")

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            self.count += 1
            self.duration += elapsed
            if elapsed > self.slowest[0]:
                self.slowest = (elapsed, sql)
            if elapsed * 1000 >= settings.SLOW_QUERY_MS:
                logger.warning(
                    "slow query",
                    extra={"duration_ms": round(elapsed * 1000, 1), "sql": sql[:2000]},
                )


class MonitoringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        recorder = QueryRecorder()
        start = time.perf_counter()
        with _wrap_all_connections(recorder):
            response = self.get_response(request)
        elapsed = time.perf_counter() - start
        response["Server-Timing"] = (
            f"app;dur={elapsed * 1000:.1f}, "
            f'db;dur={recorder.duration * 1000:.1f};desc="{recorder.count} queries"'
        )
        metrics.observe(request.method, response.status_code, elapsed, recorder.count)
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(elapsed * 1000, 1),
            "queries": recorder.count,
            "db_ms": round(recorder.duration * 1000, 1),
        }
        if elapsed * 1000 >= settings.SLOW_REQUEST_MS:
            fields["slowest_sql"] = recorder.slowest[1][:2000]
            logger.warning("slow request", extra=fields)
        else:
            logger.info("request", extra=fields)
        return response


class _wrap_all_connections:
    def __init__(self, recorder):
        self.recorder = recorder
        self.contexts = []

    def __enter__(self):
        for alias in connections:
            context = connections[alias].execute_wrapper(self.recorder)
            context.__enter__()
            self.contexts.append(context)

    def __exit__(self, *exc):
        for context in reversed(self.contexts):
            context.__exit__(*exc)
