"""Matching speed: rank 5,000 applicants, recommendations for one candidate.

    .venv/bin/python -m bench.matching_bench                 # engine only, no database
    .venv/bin/python -m bench.matching_bench --db hotgigs_bench_quick --explain

Engine: a ranking of generated candidates (matching/tests/generated.py) with the
real taxonomy's related links and categories, as the ranked page does it
(`order_candidates` of them all, `rank_candidates` explaining the first PAGE);
wall and CPU time, cold (term cache cleared) and warm, and the CPU of explaining
every row (`explain_all`); and `rank` of one candidate over 800 generated
jobs (the engine part of a recommendation). With `--db`: `recommendations_for`
(cache bypassed) for sampled candidates of a bench database (read-only), in a
process warmed as a web process is (`hotgigs.warmup`), p50/p95,
plus EXPLAIN ANALYZE of the SQL pre-filter with `--explain`. Prints one JSON
object at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the rows a ranking explains: the ranked page's (jobs.ranking.views.RANKED_PAGE_SIZE)
PAGE = 50


def _timed(fn, repeat: int, before=None):
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        if before:
            before()
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append((time.process_time() - c) * 1000)
        walls.append((time.perf_counter() - w) * 1000)
    return walls, cpus, result


def _summary(values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"min": round(values[0], 1), "p50": round(statistics.median(values), 1),
            "p95": round(p95, 1), "n": len(values)}  # fmt: skip


def bench_engine(count: int, repeat: int, *, idf: bool = False) -> dict:
    """`idf`: with document frequencies of the candidates' texts, as production
    scoring passes them (matching.selectors.scoring_context)."""
    from hotgigs.warmup import freeze_long_lived_state
    from matching.engine.scoring import order_candidates, rank_candidates
    from matching.engine.text import corpus_stats, term_counts
    from matching.tests.generated import file_context, make_candidates, make_job

    job = make_job()
    candidates = make_candidates(job, count)
    corpus = corpus_stats([c.text for c in candidates]) if idf else None
    context = file_context(corpus=corpus)
    words = sum(len(c.text.split()) for c in candidates) / count
    # as every web process runs after its warm-up (hotgigs.warmup): the
    # long-lived taxonomy and occupation index out of the collector's scans,
    # young collections every 50,000 allocations
    freeze_long_lived_state()

    def page(context):
        """As the ranked page and API: every candidate scored and ordered, the
        first page's rows explained."""
        order = order_candidates(job, candidates, context)
        first = {s.candidate_id for s in order[:PAGE]}
        rank_candidates(job, [c for c in candidates if c.id in first], context)
        return order

    cold = _timed(lambda: page(context), repeat, before=term_counts.cache_clear)
    warm = _timed(lambda: page(context), repeat)
    # the candidates prepared by an earlier ranking and kept by the process
    # (matching.engine.prepared), as when one application of the job changes
    cached = _kept(context)
    page(cached)
    kept = _timed(lambda: page(cached), repeat, before=term_counts.cache_clear)
    # every row explained, as rankings were before they explained only a page
    explained = _timed(
        lambda: rank_candidates(job, candidates, context),
        repeat,
        before=term_counts.cache_clear,
    )
    return {
        "candidates": count,
        "scored": len(cold[2]),
        "explained": PAGE,
        "avg_candidate_words": round(words),
        "job_skills": len(job.skills),
        "cold_wall_ms": _summary(cold[0]),
        "cold_cpu_ms": _summary(cold[1]),
        "warm_wall_ms": _summary(warm[0]),
        "warm_cpu_ms": _summary(warm[1]),
        "kept_cpu_ms": _summary(kept[1]),
        "explain_all_cold_cpu_ms": _summary(explained[1]),
    }


def _kept(context):
    """`context` with an empty cache of prepared sides, as production's."""
    from dataclasses import replace

    from matching.engine.prepared import PreparedCache, context_parts

    return replace(context, prepared=PreparedCache(context_parts(context)))


def bench_rank_jobs(jobs: int = 800, people: int = 40) -> dict:
    """The engine part of a recommendation: `rank` of one candidate over `jobs`
    generated jobs (the recommendation pools at 1M hold 757–890), for `people`
    candidates, cold term cache, with idf."""
    from hotgigs.warmup import freeze_long_lived_state
    from matching.engine.scoring import rank
    from matching.engine.text import corpus_stats, term_counts
    from matching.tests.generated import file_context, make_candidates, make_jobs

    pool = make_jobs(jobs, seed=4)
    candidates = make_candidates(pool[0], people + 1, seed=6)  # the last fills
    context = file_context(corpus=corpus_stats([j.text for j in pool]))
    freeze_long_lived_state()  # as hotgigs.warmup does
    out = {"jobs": jobs, "candidates": people}
    # cold: nothing kept; kept: the jobs prepared by an earlier candidate's
    # ranking, as the process keeps them (matching.engine.prepared)
    cached = _kept(context)
    rank(candidates[-1], pool, cached, limit=20)
    for name, ctx in (("cold_cpu_ms", context), ("kept_cpu_ms", cached)):
        cpus = []
        for candidate in candidates[:-1]:
            term_counts.cache_clear()
            started = time.process_time()
            rank(candidate, pool, ctx, limit=20)
            cpus.append((time.process_time() - started) * 1000)
        out[name] = _summary(cpus)
    return out


def _setup_django():
    """Django on the bench database (`main` points DATABASE_URL at it before
    anything reads the settings)."""
    import django

    django.setup()


def bench_recommendations(db: str, samples: int, explain: bool) -> dict:
    _setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from candidates.models import CandidateProfile
    from hotgigs.warmup import warm_process
    from jobs.ranking import builders, selectors
    from jobs.ranking.pools import candidate_pool_for_job, recommendation_pool
    from matching import selectors as matching_selectors

    # as every web process starts (gunicorn's post_worker_init): the taxonomy,
    # idf table, occupation index and word vectors built, then frozen out of
    # the collector's scans; without it, full collections rescanning them
    # made the tail (~50 ms of collection a request on average, round 10)
    warm_process()

    profiles = list(
        builders.profiles_for_scoring(
            CandidateProfile.objects.filter(skills__isnull=False).distinct()
        ).order_by("id")[:samples]
    )
    out = {"database": db, "candidates": len(profiles)}
    # cold: the process keeps no prepared job and no job's data (both emptied
    # before each request); kept: the jobs the earlier requests read and
    # prepared are kept, as a web process keeps them (jobs.ranking.builders,
    # matching.engine.prepared)
    for mode in ("cold", "kept"):
        walls, cpus, sql_ms, queries = [], [], [], []
        for profile in profiles:
            if mode == "cold":
                matching_selectors._prepared["cache"] = None
                builders.kept_jobs.clear()
            key_version = selectors.jobs_version
            selectors.jobs_version = lambda: f"bench-{time.time_ns()}"  # a miss
            try:
                with CaptureQueriesContext(connection) as captured:
                    w, c = time.perf_counter(), time.process_time()
                    selectors.recommendations_for(profile=profile)
                    cpus.append((time.process_time() - c) * 1000)
                    walls.append((time.perf_counter() - w) * 1000)
            finally:
                selectors.jobs_version = key_version
            queries.append(len(captured))
            captured_sql = captured.captured_queries
            sql_ms.append(sum(float(q["time"]) for q in captured_sql) * 1000)
        out[f"{mode}_wall_ms"] = _summary(walls)
        out[f"{mode}_cpu_ms"] = _summary(cpus)
        out[f"{mode}_sql_ms"] = _summary(sql_ms)
        out["queries"] = max(queries)
    pools = []
    for profile in profiles:
        candidate = builders.candidate_data_for(profile)
        pools.append(len(recommendation_pool(profile=profile, candidate=candidate)))
    out["pool_size"] = _summary(pools)
    if explain and profiles:
        from jobs.models import Job

        profile = profiles[0]
        candidate = builders.candidate_data_for(profile)
        with CaptureQueriesContext(connection) as captured:
            recommendation_pool(profile=profile, candidate=candidate)
        sql = captured.captured_queries[-1]["sql"]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            out["explain_pool"] = [row[0] for row in cursor.fetchall()]
        out["jobs_published"] = Job.objects.published().count()
        job = builders.jobs_for_scoring(Job.objects.published()).order_by("-id")[0]
        job_data = builders.job_data_for(job)
        for name, call in (
            (
                "explain_candidate_pool",
                lambda: candidate_pool_for_job(job_data),
            ),
            ("explain_similar_pool", lambda: selectors.similar_jobs(job=job)),
        ):
            key_version = selectors.jobs_version
            selectors.jobs_version = lambda: f"bench-{time.time_ns()}"
            try:
                with CaptureQueriesContext(connection) as captured:
                    w = time.perf_counter()
                    call()
                    wall = (time.perf_counter() - w) * 1000
            finally:
                selectors.jobs_version = key_version
            pool_sql = next(
                q["sql"] for q in captured.captured_queries if " UNION " in q["sql"]
            )
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + pool_sql)
                out[name] = [row[0] for row in cursor.fetchall()]
            out[name.replace("explain_", "") + "_wall_ms"] = round(wall, 1)
    return out


def bench_rank_profiles(count: int, repeat: int) -> dict:
    """End to end as `ranked_applicants` does it, over up to `count` profiles of
    the bench database: load them, build their data from rows, rank for a job."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jobs.models import Job
    from jobs.ranking import builders, selectors

    job = builders.jobs_for_scoring(Job.objects.published()).order_by("-id").first()
    ids = list(
        builders.profiles_for_ranking()
        .order_by("id")
        .values_list("id", flat=True)[:count]
    )

    def run():  # as the ranked page: every profile ordered, the first page explained
        profiles = list(builders.profiles_for_ranking().filter(id__in=ids))
        rows = selectors._rank_rows(job, profiles, {})
        selectors.explain_rows(ranking=rows, rows=rows[:PAGE])
        return rows

    ranking_key = selectors._ranking_key
    out = {"profiles": len(ids)}
    for mode in ("cold", "cached"):
        walls, cpus, sql_ms = [], [], []
        for _ in range(repeat):
            if mode == "cold":  # a key never seen: the ranking is computed
                selectors._ranking_key = lambda *a: f"bench:{time.time_ns()}"
            try:
                with CaptureQueriesContext(connection) as captured:
                    w, c = time.perf_counter(), time.process_time()
                    rows = run()
                    cpus.append((time.process_time() - c) * 1000)
                    walls.append((time.perf_counter() - w) * 1000)
            finally:
                selectors._ranking_key = ranking_key
            queries = captured.captured_queries
            sql_ms.append(sum(float(q["time"]) for q in queries) * 1000)
        out[mode] = {
            "rows": len(rows),
            "wall_ms": _summary(walls),
            "cpu_ms": _summary(cpus),
            "sql_ms": _summary(sql_ms),
            "queries": len(captured),
        }
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", default="", help="bench database for recommendations")
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    # the engine's context reads the word vectors' path from the settings (no
    # database is touched without --db)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")
    if args.db:  # before the engine part reads the settings
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    report = {"load_average": os.getloadavg()}
    report["rank_candidates"] = bench_engine(args.candidates, args.repeat)
    print("rank_candidates:", json.dumps(report["rank_candidates"]), flush=True)
    report["rank_candidates_idf"] = bench_engine(args.candidates, args.repeat, idf=True)
    print("rank_candidates_idf:", json.dumps(report["rank_candidates_idf"]), flush=True)
    report["rank_jobs"] = bench_rank_jobs()
    print("rank_jobs:", json.dumps(report["rank_jobs"]), flush=True)
    if args.db:
        report["recommendations"] = bench_recommendations(
            args.db, args.samples, args.explain
        )
        for name in ("explain_pool", "explain_candidate_pool", "explain_similar_pool"):
            print(name)
            for line in report["recommendations"].pop(name, []):
                print("  ", line)
        report["rank_profiles"] = bench_rank_profiles(args.candidates, args.repeat)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
