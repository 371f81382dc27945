"""The bench's load test (bench/locustfile.py, same mix) through the local cluster
and through one node over the same database, side by side (bench/README.md).

    deploy/local-cluster up
    eval "$(deploy/local-cluster env)"
    .venv/bin/python -m bench.cluster_load [users] [rate] [seconds]

"Cluster": HAProxy → two gunicorn nodes (1 worker × 4 threads each) → PgBouncer →
primary for writes, replica for reads. "One node": one gunicorn (2 workers × 4
threads, the same 8 threads) straight on the primary, no replica, no PgBouncer,
started here on port 8109 and stopped at the end. Both without throttles (the
cluster's web nodes are restarted so, then restarted as they were). The data is
the cluster's (seed_demo), not the 1M-job bench dataset. Prints a Markdown table.
"""

import json
import os
import subprocess
import sys
import time

import django
import requests

from bench import BASE_DIR
from bench.load import parse_stats

SINGLE_PORT = 8109
SCRIPT = os.path.join(BASE_DIR, "deploy", "local-cluster")
# As bench/__init__.py: one client address makes every simulated user one
# "anonymous user"; the throttles would measure themselves, not the site.
UNTHROTTLED = {
    "API_THROTTLE_USER": "1000000/minute",
    "API_THROTTLE_USER_HOURLY": "100000000/hour",
    "API_THROTTLE_ANON": "1000000/minute",
    "API_THROTTLE_ANON_HOURLY": "100000000/hour",
    "PAGE_THROTTLE_RATE": "1000000/m",
    "PAGE_THROTTLE_SEARCH_RATE": "1000000/m",
    "LOG_LEVEL": "WARNING",
    "REQUEST_LOG_LEVEL": "WARNING",
}


def restart_web_nodes(extra):
    """The cluster's web nodes again, with `extra` in their environment."""
    for node in ("web1", "web2"):
        for action in ("stop", "start"):
            subprocess.run(
                [SCRIPT, action, node], env=dict(os.environ, **extra), check=True
            )


def context():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")
    django.setup()
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.models import User
    from jobs.models import Job

    jobs = list(Job.objects.published().values_list("id", "slug"))
    candidates = User.objects.filter(email__startswith="demo-candidate-")[:20]
    return {
        "job_ids": [j[0] for j in jobs],
        "job_slugs": [j[1] for j in jobs],
        "words": ["engineer", "developer", "senior", "data", "manager", "design"],
        "countries": ["US", "DE", "GB"],
        "candidate_tokens": [
            str(RefreshToken.for_user(u).access_token) for u in candidates
        ],
    }


def locust(host, ctx, users, rate, seconds, name):
    prefix = os.path.join(BASE_DIR, "var", "bench", f"cluster_load_{name}")
    os.makedirs(os.path.dirname(prefix), exist_ok=True)
    env = dict(os.environ, BENCH_CONTEXT=json.dumps(ctx))
    env["BENCH_USER_RATE"] = str(rate / users)
    env["BENCH_SERVER_TIMES"] = f"{prefix}_server_times.json"
    with open(f"{prefix}.log", "wb") as log:
        subprocess.run(
            [sys.executable, "-m", "locust", "-f",
             os.path.join(BASE_DIR, "bench", "locustfile.py"), "--headless",
             "--host", host, "--users", str(users), "--spawn-rate",
             str(max(users // 5, 1)), "--run-time", f"{seconds}s", "--stop-timeout",
             "10", "--csv", prefix, "--only-summary", "--loglevel", "WARNING"],
            cwd=BASE_DIR, env=env, stdout=log, stderr=log, check=False,
        )  # fmt: skip
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    return parse_stats(f"{prefix}_stats.csv") | {"load": load}


def single_node():
    primary = os.environ["DATABASE_URL"].rsplit("@", 1)[1].split("/")[0]
    env = dict(os.environ, **UNTHROTTLED)
    env.pop("DATABASE_REPLICA_URL", None)
    with open(os.path.join(BASE_DIR, "deploy", "cluster.env")) as f:
        ports = f.read()
    pg_port = next(
        line.split("=")[1].split()[0]
        for line in ports.splitlines()
        if line.startswith("PG_PRIMARY_PORT=")
    )
    env.update(
        DATABASE_URL=f"postgres://postgres@{primary.split(':')[0]}:{pg_port}/hotgigs",
        DB_TRANSACTION_POOLING="false",
        HOTGIGS_NODE_NAME="single",
        GUNICORN_BIND=f"127.0.0.1:{SINGLE_PORT}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    process = subprocess.Popen(
        [os.path.join(BASE_DIR, ".venv", "bin", "gunicorn"),
         "hotgigs.wsgi:application"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(300):
        try:
            if requests.get(
                f"http://127.0.0.1:{SINGLE_PORT}/health/live", timeout=1
            ).ok:
                break
        except requests.RequestException:
            time.sleep(0.2)
    return process


def run_cluster(ctx, users, rate, seconds):
    restart_web_nodes(UNTHROTTLED)
    try:
        return locust(os.environ["SITE_URL"], ctx, users, rate, seconds, "cluster")
    finally:
        restart_web_nodes({})


def run_single(ctx, users, rate, seconds):
    process = single_node()
    try:
        return locust(
            f"http://127.0.0.1:{SINGLE_PORT}", ctx, users, rate, seconds, "single"
        )
    finally:
        process.terminate()
        process.wait(30)


def main(users=1000, rate=50.0, seconds=60):
    """Both runs, one after the other; CLUSTER_LOAD_ORDER=single-first swaps them
    (on a shared machine the load of the moment weighs on whichever runs second)."""
    ctx = context()
    runs = [
        ("cluster (proxy, 2 nodes, replica, PgBouncer)", run_cluster),
        ("one node (gunicorn on the primary)", run_single),
    ]
    if os.environ.get("CLUSTER_LOAD_ORDER") == "single-first":
        runs.reverse()
    results = {name: run(ctx, users, rate, seconds) for name, run in runs}
    print(f"{users} users, {rate}/s target, {seconds} s each, seed_demo data")
    print("| stack | requests | errors | req/s | p50 ms | p95 ms | p99 ms | load avg |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['requests']} | {r['failures']} | {r['rps']} | "
            f"{r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['load']} |"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        int(args[0]) if args else 1000,
        float(args[1]) if len(args) > 1 else 50.0,
        int(args[2]) if len(args) > 2 else 60,
    )
