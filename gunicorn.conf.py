"""gunicorn settings for HotGigs (gunicorn reads ./gunicorn.conf.py by default).

    gunicorn hotgigs.wsgi:application

Threads, because requests mostly wait on PostgreSQL and Redis; one worker per
CPU (WEB_CONCURRENCY); recycled now and then against slow leaks. WebSockets are
served by daphne (hotgigs.asgi) next to it. See docs/operations.md.
"""

import multiprocessing
import os
import re
import shutil
import tempfile

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
worker_class = "gthread"
timeout = 30  # below the load balancer's
graceful_timeout = 10
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
backlog = 2048
# No request-line limit of gunicorn's own: its 414 is an HTML page, while Django
# answers an over-long query string (QUERY_STRING_MAX_BYTES) with the API's JSON
# error or a plain page (hotgigs/request_guards.py). The proxy in front bounds
# the line (nginx: large_client_header_buffers) — see docs/operations.md.
limit_request_line = 0


def _control_socket_path(bind_address):
    """One control socket per instance (gunicorn's default path is one per user, so
    stopping one instance would remove another's): named after the bind address,
    in $XDG_RUNTIME_DIR or ~/.gunicorn like gunicorn's own default."""
    folder = os.environ.get("XDG_RUNTIME_DIR") or ""
    if not os.path.isdir(folder):
        folder = os.path.join(os.path.expanduser("~"), ".gunicorn")
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", bind_address).strip("_")
    return os.path.join(folder, f"gunicorn-{name}.ctl")


control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or _control_socket_path(bind)

# /metrics adds up every worker's counters (hotgigs.monitoring.Metrics): each
# process writes its values to files in this folder, one per instance (named
# after the bind address like the control socket) unless PROMETHEUS_MULTIPROC_DIR
# names one.
metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.path.join(
    tempfile.gettempdir(),
    "hotgigs-metrics-" + re.sub(r"[^A-Za-z0-9.-]+", "_", bind).strip("_"),
)


def on_starting(server):
    """In the master, before any worker imports prometheus_client: the workers
    inherit the folder, and a new instance counts from zero (a previous run's
    files go)."""
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, exist_ok=True)


def child_exit(server, worker):
    """A recycled worker's counters stay in the sums; its live gauges go."""
    # Not at module top: prometheus_client picks its per-process or
    # multiprocess values when first imported, and workers fork from here.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    """The app is loaded in this worker: warm it before it takes requests."""
    from hotgigs.warmup import warm_process

    worker.log.info("warmed: %s", ", ".join(warm_process()) or "nothing")
