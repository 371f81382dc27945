"""The load test: Locust headless at a constant arrival rate, bounded in time.

``users`` simulated users each make at most ``rate / users`` requests per second
(think time), for ``seconds``; loopback only. Returns errors, percentiles and the
sustained request rate from Locust's CSV statistics.
"""

import csv
import json
import os
import resource
import subprocess
import sys
import time

from bench import BASE_DIR

LOG_DIR = os.path.join(BASE_DIR, "var", "bench")
CANDIDATE_TOKENS = 20
JOB_SAMPLE = 20_000
SEARCH_WORDS = 400
COUNTRIES = 12


def search_words() -> list[str]:
    """Hundreds of real words of the dataset (its job-search vocabulary,
    hotgigs.models.SearchTerm), from rare to common, seeded: the load test
    searches what people would, not a handful the cache keeps warm."""
    import random

    from hotgigs.models import SearchTerm

    words = list(
        SearchTerm.objects.filter(
            scope="jobs", kind="word", documents__gte=20, term__regex=r"^[a-z]{4,}$"
        )
        .order_by("term")
        .values_list("term", flat=True)
    )
    if not words:
        return ["engineer", "developer", "senior", "team", "data"]
    return random.Random(20).sample(words, min(SEARCH_WORDS, len(words)))


def load_context(ctx) -> dict:
    """Ids, words and candidate tokens for the locustfile (read from the bench DB)."""
    from django.db.models import Count
    from rest_framework_simplejwt.tokens import RefreshToken

    from accounts.models import User
    from bench.dataset import BENCH_CANDIDATES, EMAIL_DOMAIN
    from jobs.models import Application, Job

    jobs = list(
        Job.objects.published().order_by("?").values_list("id", "slug")[:JOB_SAMPLE]
    )
    emails = [f"candidate{k}@{EMAIL_DOMAIN}" for k in range(2, BENCH_CANDIDATES + 1)]
    candidates = list(User.objects.filter(email__in=emails[:CANDIDATE_TOKENS]))
    Application.objects.filter(candidate__in=candidates).delete()
    return {
        "job_ids": [j[0] for j in jobs],
        "job_slugs": [j[1] for j in jobs],
        "words": search_words(),
        "countries": list(
            Job.objects.published()
            .order_by()
            .values_list("country", flat=True)
            .annotate(n=Count("id"))
            .order_by("-n")[:COUNTRIES]
        ),
        "candidate_tokens": [
            str(RefreshToken.for_user(u).access_token) for u in candidates
        ],
    }


def run(stack, ctx, *, users=1000, rate=100.0, seconds=60) -> dict:
    os.makedirs(LOG_DIR, exist_ok=True)
    prefix = os.path.join(LOG_DIR, "load")
    env = dict(os.environ)
    # A file, not the variable itself: at 1M jobs the context (20,000 slugs,
    # tokens) is longer than one environment string may be (128 KiB on Linux).
    context_file = f"{prefix}_context.json"
    with open(context_file, "w") as handle:
        json.dump(load_context(ctx), handle)
    env["BENCH_CONTEXT_FILE"] = context_file
    env["BENCH_USER_RATE"] = str(rate / users)
    env["BENCH_SERVER_TIMES"] = server_times = f"{prefix}_server_times.json"
    if os.path.exists(server_times):
        os.remove(server_times)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        os.path.join(BASE_DIR, "bench", "locustfile.py"),
        "--headless",
        "--host",
        stack.base_url,
        "--users",
        str(users),
        "--spawn-rate",
        str(max(users // 5, 1)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--csv",
        prefix,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with open(f"{prefix}.log", "wb") as log:
        subprocess.run(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=log, check=False
        )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return parse_stats(f"{prefix}_stats.csv") | {
        # The load generator's own CPU, as a share of the machine's cores over
        # the run: it competes with the site for the same two CPUs.
        "generator_cpu_seconds": round(cpu, 1),
        "generator_cpu_share": round(cpu / (wall * (os.cpu_count() or 1)), 3),
        "server": parse_server_times(server_times),
        "users": users,
        "target_rate": rate,
        "seconds": seconds,
    }


def parse_server_times(path) -> dict:
    """Percentiles of the server's own time (Server-Timing ``app``) per request
    name and over all, from the locustfile's dump; {} when it wrote none."""
    from bench.run import summary

    if not os.path.exists(path):
        return {}
    with open(path) as f:
        times = json.load(f)
    every = [value for values in times.values() for value in values]
    if not every:
        return {}
    return summary(every) | {"by_name": {n: summary(v) for n, v in times.items()}}


def parse_stats(path) -> dict:
    rows = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = row

    def pick(row):
        return {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
            "rps": round(float(row["Requests/s"]), 1),
        }

    total = pick(rows.pop("Aggregated"))
    total["by_name"] = {name: pick(row) for name, row in rows.items()}
    return total
