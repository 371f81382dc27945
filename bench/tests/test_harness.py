"""The harness end to end against a live server, and its small parts."""

import time

import pytest
from django.db import connection

from bench import Stack, report, run
from bench.load import parse_stats
from bench.scenarios import SCENARIOS, Scenario
from hotgigs.testing import deployed
from jobs.tests.factories import JobFactory

NEWEST = Scenario(
    "newest",
    "Job search API: newest",
    lambda ctx: "/api/v1/jobs/?sort=newest",
    modes=("warm",),
    floor=False,
)
MISSING = Scenario("missing", "An endpoint not built yet", lambda ctx: "/api/v1/nope/")
NEEDS_DATA = Scenario(
    "needs_data", "Needs a cursor", lambda ctx: f"/x/{ctx.tokens['employer']}"
)


def _stack(live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    return Stack(host=host, port=int(port))


@pytest.mark.django_db(transaction=True)
def test_a_scenario_end_to_end_over_http(live_server):
    JobFactory.create_batch(3, published=True)
    stack = _stack(live_server)
    logs = []

    results = run.run_scenarios(
        stack,
        run.Context(),
        [NEWEST, MISSING, NEEDS_DATA],
        n=3,
        rps_clients=0,
        log=logs.append,
    )

    warm = results["newest"]["warm"]
    assert warm["n"] == 3
    assert warm["statuses"] == {"200": 3}
    # Repeated identical searches come from the cache: no SQL at all.
    assert warm["queries"] == 0
    assert warm["p50"] <= warm["p95"] <= warm["p99"]
    assert "cold" not in results["newest"]
    assert results["missing"] == {
        "title": "An endpoint not built yet",
        "targets": {},
        "skipped": "not yet available (no such URL)",
    }
    assert results["needs_data"]["skipped"] == "not available (no data: KeyError)"
    assert logs[1] == "  missing: not yet available (no such URL)"
    # the run closed its keep-alive connection, so the server thread behind it
    # ended with its database session
    assert getattr(run._local, "conn", None) is None
    assert _other_sessions_drain() == 0


def _other_sessions_drain(seconds=10.0) -> int:
    """Sessions on the test database besides this one, once they have had
    `seconds` to close; 0 on SQLite (one process) and against a deployment
    (its web nodes and workers have sessions of their own)."""
    if connection.vendor != "postgresql" or deployed.BASE_URL:
        return 0
    deadline = time.monotonic() + seconds
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            (others,) = cursor.fetchone()
        if not others or time.monotonic() > deadline:
            return others
        time.sleep(0.1)


def test_the_results_table_lists_measured_and_skipped_scenarios():
    results = {
        "newest": {
            "title": "Newest",
            "targets": {"p50": 50, "p95": 150},
            "cold": {
                "p50": 40.0,
                "p95": 90.0,
                "p99": 99.0,
                "queries": 2,
                "statuses": {"200": 5},
            },
            "warm": {
                "p50": 5.0,
                "p95": 9.0,
                "p99": 9.5,
                "queries": 0,
                "statuses": {"200": 5},
            },
            "rps": 120.0,
            "floor": {"p50": 20.0, "ratio_p50": 2.0},
        },
        "missing": {"title": "Missing", "targets": {}, "skipped": "not yet available"},
    }
    data = {
        "date": "2026-11-28T12:00:00+00:00",
        "command": "python -m bench --quick",
        "size": {
            "name": "quick",
            "jobs": 20000,
            "companies": 400,
            "candidates": 4000,
            "applications": 40000,
        },
        "database": "hotgigs_bench_quick",
        "gunicorn": {"workers": 2, "threads": 8},
        "machine": {"nproc": 2, "memory": "23.0 GiB", "postgresql": "15.2"},
        "scenarios": results,
    }

    text = report.render(data, "bench/results/x.json")

    assert (
        "| Newest | 40.0 / 90.0 / 99.0 | 2 | 5.0 / 9.0 / 9.5 | 0 | 120.0 | 20.0 "
        "| 2.0 | cold p50 ≤ 50 ✅, cold p95 ≤ 150 ✅ |" in text
    )
    assert "| Missing | not yet available ||||||||" in text
    assert "Command: `python -m bench --quick`" in text


def test_readme_block_is_replaced_not_appended(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Bench\n\n<!-- results:quick -->\nOLD-BLOCK\n<!-- /results:quick -->\n"
    )
    data = {
        "date": "d",
        "command": "c",
        "database": "db",
        "size": {
            "name": "quick",
            "jobs": 1,
            "companies": 1,
            "candidates": 1,
            "applications": 1,
        },
        "gunicorn": {"workers": 2, "threads": 8},
    }

    report.update_readme(str(readme), data, "x.json")
    report.update_readme(str(readme), data, "x.json")

    text = readme.read_text()
    assert text.count("<!-- results:quick -->") == 1
    assert "OLD-BLOCK" not in text
    assert text.startswith("# Bench\n\n<!-- results:quick -->\nRun d")


def test_percentiles_and_server_timing():
    assert run.percentile([10, 20, 30, 40, 50], 50) == 30
    assert run.percentile([10, 20, 30, 40, 50], 95) == 48
    assert run.percentile([], 50) is None
    header = 'app;dur=12.5, db;dur=3.1;desc="4 queries"'
    assert run.queries_of({"Server-Timing": header}) == 4
    assert run.queries_of({}) is None


def test_locust_statistics_are_parsed(tmp_path):
    stats = tmp_path / "load_stats.csv"
    header = (
        "Type,Name,Request Count,Failure Count,Median Response Time,"
        "Average Response Time,Min Response Time,Max Response Time,"
        "Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,"
        "99%,99.9%,99.99%,100%\n"
    )
    stats.write_text(
        header
        + "GET,job detail,100,0,20,22,5,90,800,10.04,0,20,22,25,27,30,40,60,80,90,"
        "90,90\n"
        + ",Aggregated,300,1,25,27,5,400,900,30.26,0.1,25,27,30,33,40,60,90,120,"
        "300,400,400\n"
    )

    parsed = parse_stats(str(stats))

    assert parsed == {
        "requests": 300,
        "failures": 1,
        "p50": 25.0,
        "p95": 60.0,
        "p99": 120.0,
        "rps": 30.3,
        "by_name": {
            "job detail": {
                "requests": 100,
                "failures": 0,
                "p50": 20.0,
                "p95": 40.0,
                "p99": 80.0,
                "rps": 10.0,
            },
        },
    }


def test_scenario_names_are_unique():
    names = [s.name for s in SCENARIOS]
    assert len(names) == len(set(names))


@pytest.mark.django_db(transaction=True)
def test_the_upload_scenario_stores_and_extracts_a_new_resume_each_time(
    live_server, alice
):
    from rest_framework_simplejwt.tokens import RefreshToken

    from documents.models import Document

    upload = next(s for s in SCENARIOS if s.name == "document_upload")
    ctx = run.Context(
        tokens={"candidate": str(RefreshToken.for_user(alice).access_token)}
    )

    results = run.run_scenarios(
        _stack(live_server), ctx, [upload], n=2, rps_clients=0, log=[].append
    )

    assert results["document_upload"]["write"]["statuses"] == {"201": 2}
    documents = Document.objects.filter(owner=alice).order_by("pk")
    assert [d.status for d in documents] == ["ready", "ready"]
    assert [d.page_count for d in documents] == [3, 3]
    assert len({d.sha256 for d in documents}) == 2
    assert "Senior Python engineer" in documents[0].extracted_text


def test_the_floor_replays_reads_and_plan_probes_only():
    assert run.is_read("SELECT 1")
    assert run.is_read("  WITH x AS (SELECT 1) SELECT * FROM x")
    assert run.is_read("(SELECT id FROM a) UNION ALL (SELECT id FROM b)")
    assert run.is_read("EXPLAIN (FORMAT JSON) SELECT id FROM jobs_job")
    assert not run.is_read("EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1")
    assert not run.is_read("UPDATE jobs_job SET title = 'x'")
    assert not run.is_read("INSERT INTO t VALUES (1)")
    assert not run.is_read("SAVEPOINT s1")


def test_server_times_are_summarised_and_shown_beside_the_client_figures(tmp_path):
    from bench.load import parse_server_times

    dump = tmp_path / "server_times.json"
    dump.write_text('{"job detail": [4.0, 5.0, 6.0, 40.0], "apply": [20.0]}')

    server = parse_server_times(str(dump))

    assert server["n"] == 5
    assert server["by_name"]["apply"] == {
        "n": 1,
        "p50": 20.0,
        "p95": 20.0,
        "p99": 20.0,
        "mean": 20.0,
    }
    assert server["by_name"]["job detail"]["n"] == 4
    assert parse_server_times(str(tmp_path / "missing.json")) == {}

    load = {
        "users": 1000,
        "target_rate": 50.0,
        "seconds": 60,
        "rps": 50.1,
        "requests": 3000,
        "failures": 0,
        "p50": 60.0,
        "p95": 180.0,
        "p99": 250.0,
        "by_name": {
            "apply": {"requests": 10, "failures": 0, "p50": 70, "p95": 90, "p99": 95}
        },
        "server": server,
    }
    text = report.render(
        {
            "date": "2026-11-28T12:00:00+00:00",
            "command": "python -m bench load",
            "size": {
                "name": "full",
                "jobs": 1,
                "companies": 1,
                "candidates": 1,
                "applications": 1,
            },
            "database": "hotgigs_bench",
            "gunicorn": {"workers": 2, "threads": 8},
            "machine": {"nproc": 2},
            "load": load,
        },
        "bench/results/x.json",
    )
    assert "p95 180.0 ms, p99 250.0 ms** (target: no errors, p95 ≤ 300 ms: ✅)" in text
    assert f"(Server-Timing `app`): p50 {server['p50']} ms" in text
    assert "| apply | 10 | 0 | 70 | 90 | 95 | 20.0 / 20.0 |" in text
