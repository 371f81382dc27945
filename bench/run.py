"""The harness: start gunicorn over the bench database, measure every scenario.

Measured from this process over HTTP (keep-alive, one request at a time for
latency; several threads for throughput). Per scenario and mode: p50/p95/p99,
requests per second, SQL queries per request (from the ``Server-Timing`` header
that ``hotgigs.monitoring`` adds) and, for query-bound reads, the ratio to a
floor: the same SQL, captured by running the same request in this process
(``django.test.Client`` + ``CaptureQueriesContext``, cache empty) and replayed
directly through psycopg2.

Cold = the bench Redis database flushed before every request (app cache empty;
PostgreSQL's buffers stay warm). Warm = the same request repeated.
"""

import datetime
import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench import BASE_DIR, Stack, setup_django

RESULTS_DIR = os.path.join(BASE_DIR, "bench", "results")
README = os.path.join(BASE_DIR, "bench", "README.md")
LOG_DIR = os.path.join(BASE_DIR, "var", "bench")
TIMING = re.compile(r'db;dur=([\d.]+);desc="(\d+) queries"')
APP_TIMING = re.compile(r"app;dur=([\d.]+)")


# --- Database and server ---


def ensure_database(stack: Stack, *, rebuild=False):
    import psycopg2

    admin = psycopg2.connect(f"{stack.pg_url.rstrip('/')}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        if rebuild:
            cursor.execute(f'DROP DATABASE IF EXISTS "{stack.database}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [stack.database])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{stack.database}"')
    admin.close()


class Server:
    """gunicorn hotgigs.wsgi on loopback, production settings, as a child process."""

    def __init__(self, stack: Stack, *, redis_url=None, port=None, name="gunicorn"):
        self.stack = stack
        self.env = stack.server_env(redis_url=redis_url)
        self.port = port or stack.port
        self.name = name
        self.process = None

    @property
    def command(self):
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "hotgigs.wsgi:application",
            "--bind",
            f"{self.stack.host}:{self.port}",
            "--workers",
            str(self.stack.workers),
            "--threads",
            str(self.stack.threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "30",
            "--graceful-timeout",
            "10",
            "--keep-alive",
            "5",
            "--backlog",
            "2048",
        ]

    def __enter__(self):
        os.makedirs(LOG_DIR, exist_ok=True)
        self.log = open(os.path.join(LOG_DIR, f"{self.name}.log"), "ab")
        self.process = subprocess.Popen(
            self.command, cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=self.log
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                status, _, _ = request(
                    self.stack.host, self.port, "GET", "/health/live"
                )
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /health/live within 60 s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def collectstatic(stack: Stack):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=stack.server_env(),
        check=True,
    )


# --- HTTP ---


_local = threading.local()


def _connection(host, port):
    conn = getattr(_local, "conn", None)
    if conn is None or _local.key != (host, port):
        conn = http.client.HTTPConnection(host, port, timeout=30)
        _local.conn, _local.key = conn, (host, port)
    return conn


def close_connection():
    """Close this thread's keep-alive connection (`request`). The server
    thread that serves it, and that thread's database connection, live as long
    as it does: a harness left in a long-lived process (the test suite) would
    otherwise hold a session on the database until the process exits."""
    conn = getattr(_local, "conn", None)
    if conn is not None:
        conn.close()
        _local.conn = None


def request(host, port, method, path, *, headers=None, body=None):
    """One request on this thread's keep-alive connection → (status, headers, ms)."""
    headers = dict(headers or {})
    payload = None
    if isinstance(body, tuple):  # (bytes, content type): an upload
        payload, headers["Content-Type"] = body
    elif body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    for attempt in range(2):
        conn = _connection(host, port)
        try:
            start = time.perf_counter()
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            # Case-insensitive: a proxy (HAProxy) sends header names lower-case.
            return response.status, response.headers, elapsed
        except (http.client.HTTPException, ConnectionError):
            conn.close()
            _local.conn = None
            if attempt:
                raise
    raise AssertionError("unreachable")


def queries_of(headers) -> int | None:
    match = TIMING.search(headers.get("Server-Timing", ""))
    return int(match.group(2)) if match else None


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(latencies):
    return {
        "n": len(latencies),
        "p50": round(percentile(latencies, 50), 1),
        "p95": round(percentile(latencies, 95), 1),
        "p99": round(percentile(latencies, 99), 1),
        "mean": round(statistics.fmean(latencies), 1),
    }


# --- Context: ids, tokens and cursors the scenarios use ---


@dataclass
class Context:
    job_id: int = 0
    job_slug: str = ""
    busy_job_id: int = 0
    busy_job_slug: str = ""
    skill_word: str = "python"
    country: str = "DE"
    deep_cursor: str = ""
    deep_page: int = 0
    mid_word: str = "nursing"
    mid_deep_cursor: str = ""
    mid_deep_relevance_cursor: str = ""
    typo_word: str = "pyhton"
    tokens: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)
    candidate_id: int = 0
    apply_jobs: list = field(default_factory=list)

    def next_apply_job(self):
        return self.apply_jobs.pop()

    def headers(self, auth):
        if auth in ("candidate", "employer"):
            return {"Authorization": f"Bearer {self.tokens[auth]}"}
        if auth == "employer_session":
            return {"Cookie": f"sessionid={self.cookies['employer']}"}
        return {}


def _mid_word(ctx, published, *, page_size, page=200):
    """A word in 1-3 % of the vocabulary's sample of jobs, its page ``page``
    cursors (newest; relevance, past the ranked window), and a misspelling of
    the skill word (two letters swapped) for the "Did you mean" scenario."""
    from hotgigs.models import SearchTerm
    from hotgigs.search import encode_cursor, websearch_query

    sample = min(published.count(), 100_000)
    word = (
        SearchTerm.objects.filter(
            scope="jobs",
            kind="word",
            documents__gte=sample // 100,
            documents__lte=sample * 3 // 100,
            term__regex=r"^[a-z]{6,}$",
        )
        .order_by("-documents", "term")
        .values_list("term", flat=True)
        .first()
    )
    if word:
        ctx.mid_word = word
    matches = published.filter(search_vector=websearch_query(ctx.mid_word))
    keys = matches.order_by("-published_at", "-id").values_list("published_at", "id")
    offset = page * page_size - 1
    key = keys[offset : offset + 1]
    if key:
        iso, pk = key[0][0].isoformat(), key[0][1]
        ctx.mid_deep_cursor = encode_cursor({"s": "newest", "d": "n", "k": [iso, pk]})
        ctx.mid_deep_relevance_cursor = encode_cursor(
            {"s": "relevance", "d": "n", "k": [iso, pk]}
        )
    skill = ctx.skill_word
    ctx.typo_word = (
        skill[:2] + skill[3] + skill[2] + skill[4:] if len(skill) > 4 else "pyhton"
    )


def build_context(*, page_size=20, deep_page=500, apply_count=200) -> Context:
    """Ids, tokens and a deep cursor, read from the bench database (Django set up)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.models import User
    from bench.dataset import EMAIL_DOMAIN
    from documents.models import Document
    from documents.services import document_delete
    from hotgigs.search import encode_cursor
    from jobs.models import Application, Job

    ctx = Context()
    employer = User.objects.get(email=f"employer1@{EMAIL_DOMAIN}")
    candidate = User.objects.get(email=f"candidate1@{EMAIL_DOMAIN}")
    ctx.candidate_id = candidate.pk
    ctx.tokens = {
        "employer": str(RefreshToken.for_user(employer).access_token),
        "candidate": str(RefreshToken.for_user(candidate).access_token),
    }
    session = SessionStore()
    session["_auth_user_id"] = str(employer.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = employer.get_session_auth_hash()
    session.create()
    ctx.cookies["employer"] = session.session_key

    published = Job.objects.published()
    job = published.order_by("-published_at", "-id").values("id", "slug")[5]
    ctx.job_id, ctx.job_slug = job["id"], job["slug"]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT j.id, j.slug FROM jobs_job j
            JOIN jobs_application a ON a.job_id = j.id
            WHERE j.company_id = (SELECT company_id FROM companies_membership
                                  WHERE user_id = %s LIMIT 1)
            GROUP BY j.id ORDER BY count(*) DESC, j.id LIMIT 1
            """,
            [employer.pk],
        )
        row = cursor.fetchone()
        if row:
            ctx.busy_job_id, ctx.busy_job_slug = row
        cursor.execute(
            """
            SELECT s.name, count(*) FROM jobs_jobskill js
            JOIN matching_skill s ON s.id = js.skill_id
            GROUP BY s.name ORDER BY count(*) DESC LIMIT 1
            """
        )
        name = cursor.fetchone()[0]
        ctx.skill_word = re.sub(r"[^a-z0-9]+", " ", name.lower()).split()[0]
        cursor.execute(
            "SELECT country FROM jobs_job GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        )
        ctx.country = cursor.fetchone()[0]
    total = published.count()
    offset = min(deep_page * page_size, max(total - page_size, 0)) - 1
    ctx.deep_page = (offset + 1) // page_size + 1
    if offset >= 0:
        key = published.order_by("-published_at", "-id").values_list(
            "published_at", "id"
        )[offset]
        ctx.deep_cursor = encode_cursor(
            {"s": "newest", "d": "n", "k": [key[0].isoformat(), key[1]]}
        )
    _mid_word(ctx, published, page_size=page_size)
    # Apply as candidate1 to fresh jobs: clear earlier runs' applications first.
    for application in Application.objects.filter(candidate=candidate):
        application.delete()
    # The upload scenario stays inside candidate1's quota run after run.
    for document in Document.objects.visible().owned_by(candidate):
        document_delete(document=document)
    ctx.apply_jobs = list(
        published.order_by("?").values_list("id", flat=True)[:apply_count]
    )
    return ctx


# --- Floors ---


def capture_sql(scenario, ctx) -> list[str] | None:
    """The SQL the request runs on a cold cache, captured in this process."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # A view that fails here fails over HTTP too (measured as 5xx): no floor.
    client = Client(raise_request_exception=False)
    headers = {}
    if scenario.auth in ("candidate", "employer"):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {ctx.tokens[scenario.auth]}"
    elif scenario.auth == "employer_session":
        client.cookies["sessionid"] = ctx.cookies["employer"]
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(scenario.path(ctx), **headers)
    if response.status_code != 200:
        return None
    return [q["sql"] for q in captured.captured_queries]


def is_read(sql: str) -> bool:
    """A statement the floor replays: SELECT or WITH (a parenthesised UNION too),
    and the plan probes (EXPLAIN without ANALYZE) the search runs to pick a plan."""
    head = sql.lstrip(" \n(").upper()
    if head.startswith("EXPLAIN"):
        return "ANALYZE" not in head.split(")", 1)[0]
    return head.startswith(("SELECT", "WITH"))


def replay(stack: Stack, statements, repeat=30):
    """Run the captured SELECTs directly through psycopg2: the floor (ms per run)."""
    import psycopg2

    selects = [s for s in statements if is_read(s)]
    conn = psycopg2.connect(stack.database_url)
    conn.autocommit = True
    timings = []
    with conn.cursor() as cursor:
        for i in range(repeat + 3):
            start = time.perf_counter()
            for sql in selects:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            if i >= 3:  # the first runs warm the plan and buffers
                timings.append((time.perf_counter() - start) * 1000)
    conn.close()
    return {
        "p50": round(percentile(timings, 50), 2),
        "statements": len(selects),
        "skipped_writes": len(statements) - len(selects),
    }


# --- Measuring ---


def available(scenario, ctx) -> str | None:
    """None when the endpoint exists; otherwise why it is skipped."""
    from django.urls import Resolver404, resolve

    try:
        path = urlsplit(scenario.path(ctx)).path
    except (AttributeError, IndexError, KeyError) as exc:
        return f"not available (no data: {exc.__class__.__name__})"
    try:
        match = resolve(path)
    except Resolver404:
        return "not yet available (no such URL)"
    if match.url_name == "api-not-found" or "api_not_found" in repr(match.func):
        return "not yet available (no such URL)"
    return None


def flush_cache(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def measure(stack, scenario, ctx, mode, n, port=None, redis_url=None):
    port = port or stack.port
    headers = ctx.headers(scenario.auth)
    latencies, queries, statuses = [], [], {}
    path = scenario.path(ctx)
    if mode == "warm":
        request(stack.host, port, scenario.method, path, headers=headers)  # prime
    for _ in range(n):
        if mode == "cold":
            flush_cache(redis_url or stack.redis_url)
        if mode == "write":
            path = scenario.path(ctx)
        body = scenario.body(ctx) if scenario.body else None
        status, response_headers, ms = request(
            stack.host, port, scenario.method, path, headers=headers, body=body
        )
        statuses[status] = statuses.get(status, 0) + 1
        latencies.append(ms)
        q = queries_of(response_headers)
        if q is not None:
            queries.append(q)
    result = summary(latencies)
    result["statuses"] = {str(k): v for k, v in sorted(statuses.items())}
    result["queries"] = (
        sorted(set(queries)) if len(set(queries)) > 1 else (queries or [None])[0]
    )
    return result


def throughput(stack, scenario, ctx, *, threads=4, per_thread=25):
    """Warm requests/second with `threads` concurrent keep-alive clients."""
    headers = ctx.headers(scenario.auth)
    path = scenario.path(ctx)
    errors = []

    def worker():
        try:
            for _ in range(per_thread):
                status, _, _ = request(
                    stack.host, stack.port, scenario.method, path, headers=headers
                )
                if status >= 500:
                    errors.append(status)
        except OSError as exc:
            errors.append(repr(exc))

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - start
    return round(threads * per_thread / elapsed, 1), len(errors)


def run_scenarios(stack, ctx, scenarios, *, n, rps_clients=4, log=print):
    try:
        return _run_scenarios(stack, ctx, scenarios, n, rps_clients, log)
    finally:
        close_connection()


def _run_scenarios(stack, ctx, scenarios, n, rps_clients, log):
    results = {}
    for scenario in scenarios:
        reason = available(scenario, ctx)
        entry = {"title": scenario.title, "targets": scenario.targets}
        if reason:
            entry["skipped"] = reason
            results[scenario.name] = entry
            log(f"  {scenario.name}: {reason}")
            continue
        status, _, _ = request(
            stack.host,
            stack.port,
            "GET" if scenario.method == "GET" else "OPTIONS",
            scenario.path(ctx) if scenario.method == "GET" else "/health/live",
            headers=ctx.headers(scenario.auth),
        )
        if scenario.method == "GET" and status in (404, 405, 501):
            entry["skipped"] = f"not available (HTTP {status})"
            results[scenario.name] = entry
            log(f"  {scenario.name}: {entry['skipped']}")
            continue
        for mode in scenario.modes:
            entry[mode] = measure(stack, scenario, ctx, mode, n)
        if "warm" in scenario.modes and rps_clients:
            entry["rps"], entry["rps_errors"] = throughput(
                stack, scenario, ctx, threads=rps_clients
            )
        elif "write" in scenario.modes:
            entry["rps"] = round(1000 / entry["write"]["mean"], 1)
        if scenario.floor and scenario.method == "GET":
            statements = capture_sql(scenario, ctx)
            if statements:
                entry["floor"] = replay(stack, statements)
                base = entry.get("cold") or entry.get("warm")
                entry["floor"]["ratio_p50"] = round(
                    base["p50"] / max(entry["floor"]["p50"], 0.01), 1
                )
        results[scenario.name] = entry
        log(f"  {scenario.name}: {_short(entry)}")
    return results


def _short(entry):
    parts = []
    for mode in ("cold", "warm", "write"):
        if mode in entry:
            m = entry[mode]
            parts.append(
                f"{mode} p50={m['p50']} p95={m['p95']} q={m['queries']} {m['statuses']}"
            )
    if "floor" in entry:
        parts.append(f"floor={entry['floor']['p50']} ×{entry['floor']['ratio_p50']}")
    if "rps" in entry:
        parts.append(f"rps={entry['rps']}")
    return "; ".join(parts)


def redis_down(stack, ctx, scenarios, *, n=20, log=print):
    """The same scenarios with REDIS_URL at a closed port: slower, never 5xx."""
    closed = "redis://127.0.0.1:1/0"
    port = stack.port + 1
    results = {}
    with Server(stack, redis_url=closed, port=port, name="gunicorn-redis-down"):
        for scenario in scenarios:
            if available(scenario, ctx):
                continue
            results[scenario.name] = measure(
                stack, scenario, ctx, "warm", n, port=port, redis_url=closed
            )
            log(f"  redis down, {scenario.name}: {results[scenario.name]}")
    return results


# --- Environment and output ---


def machine():
    import psycopg2
    import redis

    def meminfo():
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        return f"{kb / 1024 / 1024:.1f} GiB"

    info = {
        "nproc": os.cpu_count(),
        "memory": meminfo(),
        "python": platform.python_version(),
        "kernel": platform.release(),
    }
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return info | {"_psycopg2": psycopg2.__version__, "_redis": redis.__version__}


def versions(stack):
    import psycopg2
    import redis

    conn = psycopg2.connect(stack.database_url)
    with conn.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    conn.close()
    info = redis.Redis.from_url(stack.redis_url).info("server")
    return {"postgresql": pg, "redis": info.get("redis_version")}


@contextmanager
def _timed(label, log):
    start = time.monotonic()
    yield
    log(f"{label}: {time.monotonic() - start:.1f} s")


def main(args, stack: Stack, log=print):
    from bench import dataset, load
    from bench.scenarios import NOT_MEASURED, SCENARIOS

    ensure_database(stack, rebuild=args.rebuild)
    setup_django(stack.database_url)
    size = dataset.SIZES[args.size]
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "python -m bench " + " ".join(sys.argv[1:]),
        "size": dataset.describe(size),
        "database": stack.database,
        "gunicorn": {
            "workers": stack.workers,
            "threads": stack.threads,
            "worker_class": "gthread",
        },
    }
    with _timed("dataset", log):
        built = dataset.build(size=size, rebuild=args.rebuild, log=log)
    report["dataset"] = {
        "built": built.built,
        "counts": built.counts,
        "seconds": built.seconds,
    }
    if args.command == "dataset":
        return 0
    report["machine"] = machine() | versions(stack)
    collectstatic(stack)
    chosen = [s for s in SCENARIOS if not args.only or s.name in args.only.split(",")]
    ctx = build_context()
    with Server(stack):
        if args.command in ("all", "run"):
            log(f"scenarios ({args.requests} requests per mode):")
            report["scenarios"] = run_scenarios(stack, ctx, chosen, n=args.requests)
            report["not_measured"] = NOT_MEASURED
        if args.command in ("all", "load"):
            log(
                f"load test: {args.load_users} users, {args.load_rate}/s, "
                f"{args.load_seconds} s"
            )
            report["load"] = load.run(
                stack,
                ctx,
                users=args.load_users,
                rate=args.load_rate,
                seconds=args.load_seconds,
            )
            log(f"  {report['load']}")
    if args.command in ("all", "run"):
        down = [
            s for s in chosen if s.name in ("search_text_filters", "job_detail_api")
        ]
        report["redis_down"] = redis_down(stack, ctx, down)
    write_results(report, readme=not args.no_readme)
    return 0


def _merge_previous(report):
    """A partial run (``run`` or ``load``) keeps the other parts of the last run."""
    import glob

    size = report["size"]["name"]
    previous = sorted(glob.glob(os.path.join(RESULTS_DIR, f"*-{size}.json")))
    if not previous:
        return
    with open(previous[-1]) as f:
        last = json.load(f)
    for key in ("scenarios", "not_measured", "redis_down", "load"):
        if key not in report and key in last:
            report[key] = last[key]
            origin = last.get("merged_from", {}).get(key, previous[-1])
            report.setdefault("merged_from", {})[key] = os.path.basename(origin)


def write_results(report, *, readme=True):
    os.makedirs(RESULTS_DIR, exist_ok=True)
    _merge_previous(report)
    stamp = report["date"].replace(":", "").replace("-", "")[:15]
    path = os.path.join(RESULTS_DIR, f"{stamp}-{report['size']['name']}.json")
    with open(path, "w") as f:
        json.dump(report, f, indent=2, default=str)
    print(f"results: {os.path.relpath(path, BASE_DIR)}")
    if readme:
        from bench.report import update_readme

        update_readme(README, report, os.path.relpath(path, BASE_DIR))
