"""The employer dashboard at scale: 500 jobs, 200,000 applications.

    .venv/bin/python -m bench.analytics_bench [--rebuild] [--requests 20]

Builds (once; a marker table makes later runs reuse it) a scratch database
``hg_analyticsperf_data``: one employer company with 500 published jobs, 20,000
candidates applying to 10 jobs each (200,000 applications over the last 80 days)
with a realistic stage history (~518,000 ApplicationEvent rows, notes included),
job views as analytics events (rolled up for past days by the real roll-up, which
also folds the per-application timelines; live for today), then a busy day's
activity after that roll-up (2,500 new applications, 4,000 stage moves) that the
dashboard must fold live. Users and jobs by bulk_create, applications, events and
views by COPY.

Then measures the employer dashboard in this process through Django's test client
with the Redis cache (``--redis-url``, FLUSHDB before every cold request):

- cold: cache flushed before each request (PostgreSQL's buffers stay warm);
- warm: the same request repeated within the cache's lifetime;

for the API (``/api/v1/analytics/dashboard/``) and the page (``/insights/``),
p50/p95/max and SQL queries per request; plus the cohort statistics alone from
the stored timelines (what the dashboard runs), by the one statement over the
events and by the Python path (what it ran before), checked equal, and the plans.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time

DB_NAME = "hg_analyticsperf_data"
MARKER = "analytics_bench_dataset"
VERSION = 2
JOBS = 500
CANDIDATES = 20_000
APPLICATIONS_PER_CANDIDATE = 10  # 200,000 applications
DAYS = 80
VIEWS_PER_JOB_DAY = 6
# Activity after the last roll-up (a day's worth at this company: 200,000
# applications and ~320,000 moves over 80 days).
NEW_TODAY = 2_500
MOVES_TODAY = 4_000


def setup(pg_url: str, redis_url: str) -> None:
    import psycopg2

    conn = psycopg2.connect(f"{pg_url.rstrip('/')}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DB_NAME}"')
    conn.close()
    from bench import BENCH_SECRET_KEY, STATIC_ROOT

    os.environ.update(
        {
            "DATABASE_URL": f"{pg_url.rstrip('/')}/{DB_NAME}",
            "REDIS_URL": redis_url,
            "DJANGO_SETTINGS_MODULE": "hotgigs.settings",
            "SECRET_KEY": BENCH_SECRET_KEY,
            "DEBUG": "false",
            "TESTING": "false",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": STATIC_ROOT,
            "BEHIND_PROXY": "false",
            "LOG_LEVEL": "WARNING",
            "REQUEST_LOG_LEVEL": "ERROR",
            "SLOW_REQUEST_MS": "100000",
            "SLOW_QUERY_MS": "100000",
            "DB_STATEMENT_TIMEOUT_MS": "0",
            "API_THROTTLE_USER": "1000000/minute",
            "API_THROTTLE_USER_HOURLY": "100000000/hour",
        }
    )
    import django

    django.setup()
    if not os.path.exists(os.path.join(STATIC_ROOT, "staticfiles.json")):
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)


def _marker(cursor):
    cursor.execute("SELECT to_regclass(%s)", [MARKER])
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(f"SELECT version, counts FROM {MARKER}")
    row = cursor.fetchone()
    if row is None:
        return None
    counts = json.loads(row[1]) if isinstance(row[1], str) else row[1]
    return {"version": row[0], "counts": counts}


def build(*, rebuild: bool, log=print) -> dict:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        marker = _marker(cursor)
    if marker and marker["version"] == VERSION and not rebuild:
        log(f"dataset present: {marker['counts']}")
        return marker["counts"]
    counts = _generate(log)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER} (version int, counts jsonb)"
        )
        cursor.execute(f"DELETE FROM {MARKER}")
        cursor.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s)", [VERSION, json.dumps(counts)]
        )
    return counts


def _ts(value: datetime.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f+00")


def _history(rng, start, now):
    """[(from, to, at)] of one application: applied, then moves, sometimes notes."""
    events = [("", "applied", start)]
    stage, at = "applied", start
    for nxt, p_move in (("screening", 0.45), ("interview", 0.5), ("offer", 0.45)):
        at = at + datetime.timedelta(seconds=rng.uniform(0.3, 7) * 86400)
        if at >= now:
            return events, stage
        if rng.random() < 0.15:  # a note: not a move
            events.append((stage, stage, at))
        if rng.random() < p_move:
            events.append((stage, nxt, at))
            stage = nxt
        else:
            ending = "rejected" if rng.random() < 0.7 else None
            if ending:
                events.append((stage, ending, at))
                stage = ending
            return events, stage
    at = at + datetime.timedelta(seconds=rng.uniform(0.5, 5) * 86400)
    if at < now and rng.random() < 0.6:
        events.append((stage, "hired", at))
        stage = "hired"
    return events, stage


def _generate(log) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import Role, User
    from analytics.rollups import analytics_rollup
    from bench.dataset import _required_fillers, copy_rows
    from companies.models import Company, CompanyKind, Membership
    from jobs.models import Job, JobStatus

    started = time.monotonic()
    rng = random.Random(9)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE accounts_user, companies_company, jobs_job, jobs_application,"
            " jobs_applicationevent, analytics_event, analytics_dailyjobstats,"
            " analytics_dailycompanystats, analytics_dailyplatformstats"
            " RESTART IDENTITY CASCADE"
        )
    password = make_password("bench-password-1")
    with transaction.atomic():
        owner = User.objects.create(
            email="analytics-owner@bench.hotgigs.test",
            full_name="Analytics Owner",
            role=Role.EMPLOYER,
            password=password,
        )
        company = Company.objects.create(
            kind=CompanyKind.EMPLOYER, name="Bench Analytics Co", slug="bench-analytics"
        )
        Membership.objects.create(company=company, user=owner, role="owner")
        Job.objects.bulk_create(
            [
                Job(
                    company=company,
                    posted_by=owner,
                    title=f"Engineer {i}",
                    slug=f"bench-analytics-{i}",
                    status=JobStatus.PUBLISHED if i % 10 else JobStatus.CLOSED,
                    published_at=now - datetime.timedelta(days=DAYS + 5 - i % 30),
                )
                for i in range(JOBS)
            ],
            batch_size=500,
        )
        User.objects.bulk_create(
            [
                User(
                    email=f"analytics-cand{k}@bench.hotgigs.test",
                    full_name=f"Candidate {k}",
                    role=Role.CANDIDATE,
                    password=password,
                )
                for k in range(CANDIDATES)
            ],
            batch_size=2000,
        )
    job_ids = list(Job.objects.filter(company=company).values_list("pk", flat=True))
    candidate_ids = list(
        User.objects.filter(role=Role.CANDIDATE).values_list("pk", flat=True)
    )
    log(f"users and jobs: {time.monotonic() - started:.1f} s")

    applications, events = [], []
    sources = ["direct"] * 5 + ["search"] * 3 + ["recommendation", "alert", "recruiter"]
    app_id = 0
    for k, candidate in enumerate(candidate_ids):
        for j in range(APPLICATIONS_PER_CANDIDATE):
            app_id += 1
            job = job_ids[(k * 7 + j * 50) % JOBS]
            start = now - datetime.timedelta(seconds=rng.uniform(3600, DAYS * 86400))
            history, stage = _history(rng, start, now)
            applications.append(
                (
                    str(app_id),
                    str(job),
                    str(candidate),
                    stage,
                    rng.choice(sources),
                    "skills" if stage == "rejected" else "",
                    _ts(start),
                    _ts(history[-1][2]),
                )
            )
            events.extend(
                (str(app_id), frm, to, _ts(at), "") for frm, to, at in history
            )
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        columns = [
            "id",
            "job_id",
            "candidate_id",
            "stage",
            "source",
            "rejection_reason",
            "created_at",
            "updated_at",
        ]
        filler = _required_fillers(cursor, "jobs_application", columns)
        filler.pop("stage_changed_at", None)
        columns.append("stage_changed_at")
        copy_rows(
            cursor,
            "jobs_application",
            columns,
            (row + (row[-1],) for row in applications),
            filler=filler,
        )
        columns = ["application_id", "from_stage", "to_stage", "created_at", "note"]
        copy_rows(
            cursor,
            "jobs_applicationevent",
            columns,
            events,
            filler=_required_fillers(cursor, "jobs_applicationevent", columns),
        )
        today = timezone.localdate()
        views = (
            (
                "job_view",
                (today - datetime.timedelta(days=d)).isoformat(),
                _ts(now),
                str(job),
                str(company.pk),
                f"v{job}-{d}-{n}",
                "",
                "",
            )
            for job in job_ids
            for d in range(DAYS + 1)
            for n in range(VIEWS_PER_JOB_DAY)
        )
        columns = [
            "kind",
            "day",
            "created_at",
            "job_id",
            "company_id",
            "viewer_key",
            "source",
            "query",
        ]
        copy_rows(
            cursor,
            "analytics_event",
            columns,
            views,
            filler=_required_fillers(cursor, "analytics_event", columns),
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('jobs_application', 'id'), %s)",
            [app_id],
        )
        cursor.execute("VACUUM ANALYZE")  # outside a transaction: autocommit
    log(
        f"{len(applications):,} applications, {len(events):,} events copied: "
        f"{time.monotonic() - started:.1f} s"
    )
    analytics_rollup(
        since=today - datetime.timedelta(days=DAYS),
        until=today - datetime.timedelta(days=1),
    )
    log(f"rolled up: {time.monotonic() - started:.1f} s")
    new, moved = _after_rollup(company, job_ids, candidate_ids, now)
    with raw.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after the roll-up
    log(f"{new} applications and {moved} moves since: {time.monotonic() - started:.1f}")
    return {
        "company": company.pk,
        "owner": owner.email,
        "jobs": JOBS,
        "applications": len(applications),
        "application_events": len(events),
        "view_events": JOBS * (DAYS + 1) * VIEWS_PER_JOB_DAY,
        "applications_since_rollup": new,
        "moves_since_rollup": moved,
        "build_seconds": round(time.monotonic() - started, 1),
    }


def _after_rollup(company, job_ids, candidate_ids, now):
    """Today after the roll-up: new applications and stage moves (ORM writes, like
    the services'), all later than the timelines' mark."""
    from jobs.models import PIPELINE, Application, ApplicationEvent, Stage

    new = Application.objects.bulk_create(
        [
            Application(
                job_id=job_ids[(k * 7 + 1) % JOBS],  # not among its 10 applications
                candidate_id=candidate_ids[k],
                source="direct",
            )
            for k in range(NEW_TODAY)
        ],
        batch_size=1000,
    )
    events = [
        ApplicationEvent(
            application=a, from_stage="", to_stage=Stage.APPLIED, created_at=now
        )
        for a in new
    ]
    open_stages = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]
    still_open = list(
        Application.objects.filter(stage__in=open_stages, pk__lt=new[0].pk)
        .order_by("pk")
        .values_list("pk", "stage")
    )
    moving = still_open[:: max(len(still_open) // MOVES_TODAY, 1)][:MOVES_TODAY]
    for pk, stage in moving:
        events.append(
            ApplicationEvent(
                application_id=pk,
                from_stage=stage,
                to_stage=PIPELINE[PIPELINE.index(stage) + 1],
                created_at=now,
            )
        )
    ApplicationEvent.objects.bulk_create(events, batch_size=2000)
    for stage in reversed(open_stages):
        Application.objects.filter(
            pk__in=[pk for pk, s in moving if s == stage]
        ).update(stage=PIPELINE[PIPELINE.index(stage) + 1], stage_changed_at=now)
    return len(new), len(moving)


def _pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def _summary(times, queries):
    return {
        "p50": round(statistics.median(times), 1),
        "p95": round(_pct(times, 95), 1),
        "max": round(max(times), 1),
        "queries": max(queries),
        "n": len(times),
    }


def measure(*, requests: int, owner_email: str, since=None) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.models import User

    owner = User.objects.get(email=owner_email)
    page = Client()
    page.force_login(owner)
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(owner).access_token}"
    )
    query = f"?since={since}" if since else ""
    targets = {
        "api": (api, f"/api/v1/analytics/dashboard/{query}"),
        "page": (page, f"/insights/{query}"),
    }
    results = {}
    for name, (client, url) in targets.items():
        client.get(url)  # connections, templates, imports
        for mode in ("cold", "warm"):
            times, queries = [], []
            for _ in range(requests):
                if mode == "cold":
                    cache.clear()
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
                queries.append(len(captured))
            results[f"{name}_{mode}"] = _summary(times, queries)
    return results


def measure_pipeline(*, company_id: int, runs: int = 5, python: bool = True) -> dict:
    """The cohort statistics alone, three ways, checked equal: from the stored
    timelines (the dashboard), by one statement over the events, in Python."""
    from django.db import connection

    from analytics.reports.common import default_range
    from analytics.reports.pipeline import (
        _postgres,
        _python,
        cohort,
        company_pipeline_sql,
        company_pipeline_stats,
        pipeline_sql,
        timeline_mark,
    )

    since, until = default_range()
    applications = cohort(company_id=company_id, since=since, until=until)
    paths = {
        "timelines": lambda: company_pipeline_stats(
            company_id=company_id, since=since, until=until
        ),
        "events_sql": lambda: _postgres(applications),
    }
    if python:
        paths["python"] = lambda: _python(applications)
    out = {}
    for name, fn in paths.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - start) * 1000)
        out[name] = {"p50": round(statistics.median(times), 1), "result": result}

    def comparable(stats):
        return {
            **stats,
            "in_stage": {
                s: (d.count, d.median_days) for s, d in stats["in_stage"].items()
            },
            "to_hire": (stats["to_hire"].count, stats["to_hire"].median_days),
        }

    reference = out["events_sql"]["result"]
    plans = {}
    for name, (sql, params) in {
        "timelines": company_pipeline_sql(
            company_id=company_id, since=since, until=until, mark=timeline_mark()
        ),
        "events_sql": pipeline_sql(applications),
    }.items():
        with connection.cursor() as cursor:
            # As company_pipeline_stats runs it (the old statement ran with JIT).
            jit = "SET LOCAL jit = off; " if name == "timelines" else ""
            cursor.execute(jit + "EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plans[name] = [row[0] for row in cursor.fetchall()]
    return {
        **{f"{name}_ms": values["p50"] for name, values in out.items()},
        # Unrounded medians and every count: the timelines give exactly the same.
        "timelines_identical": out["timelines"]["result"] == reference,
        "python_equal": all(
            comparable(v["result"]) == comparable(reference) for v in out.values()
        ),
        "medians": {
            **{s: d.median_days for s, d in reference["in_stage"].items()},
            "to_hire": reference["to_hire"].median_days,
        },
        "plans": plans,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--plan", action="store_true", help="print the SQL plans")
    parser.add_argument(
        "--no-python",
        dest="python",
        action="store_false",
        help="skip the slow Python path of the cohort statistics",
    )
    args = parser.parse_args(argv)
    setup(args.pg_url, args.redis_url)
    counts = build(rebuild=args.rebuild)
    print(json.dumps(counts))
    pipeline = measure_pipeline(company_id=counts["company"], python=args.python)
    plans = pipeline.pop("plans")
    print(json.dumps(pipeline, default=str))
    if args.plan:
        for name, plan in plans.items():
            print(f"--- {name}\n" + "\n".join(plan))
    results = measure(requests=args.requests, owner_email=counts["owner"])
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
