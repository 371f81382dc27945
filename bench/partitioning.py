"""Declarative partitioning of applications by time, measured (docs/scaling.md).

    .venv/bin/python -m bench.partitioning postgres://…/scratch [rows]

Builds two tables of the shape of `jobs_application` (the columns the hot queries
touch) with the same generated rows — `rows` applications (default 2,000,000)
spread over 24 months, 50,000 jobs, 400,000 candidates, most applications
recent — one plain, one `PARTITION BY RANGE (created)` with a partition per month,
the same indexes on both; then times the queries that matter at 1B applications
and the monthly archive. Prints a Markdown table. Drops both tables at the end.
The database must be a scratch one (it creates `bench_app_*` tables).
"""

import statistics
import sys
import time

import psycopg2

MONTHS = 24
JOBS = 50_000
CANDIDATES = 400_000
REPEAT = 7

SCHEMA = """
DROP TABLE IF EXISTS bench_app_plain, bench_app_parted CASCADE;
CREATE TABLE bench_app_plain (
    id bigint NOT NULL, job_id int NOT NULL, candidate_id int NOT NULL,
    stage text NOT NULL, created timestamptz NOT NULL, PRIMARY KEY (id)
);
CREATE TABLE bench_app_parted (
    id bigint NOT NULL, job_id int NOT NULL, candidate_id int NOT NULL,
    stage text NOT NULL, created timestamptz NOT NULL, PRIMARY KEY (id, created)
) PARTITION BY RANGE (created);
"""

# Recent months hold more applications (a growing site): month m of 24 gets a
# share growing linearly. One INSERT … SELECT, the same rows in both tables.
GENERATE = """
INSERT INTO {table} (id, job_id, candidate_id, stage, created)
SELECT g,
       1 + (hashint4(g) & 2147483647) % {jobs},
       1 + (hashint4(g + 7) & 2147483647) % {candidates},
       (ARRAY['applied','screening','interview','offer','hired','rejected'])[
           1 + (hashint4(g + 13) & 2147483647) % 6],
       date_trunc('month', timestamptz '2026-12-01') - interval '{months} months'
         + interval '{months} months'
           * sqrt(((hashint4(g + 29) & 2147483647) % 1000000) / 1e6)
FROM generate_series(1, {rows}) AS g
"""

INDEXES = """
CREATE INDEX {table}_job_created ON {table} (job_id, created DESC);
CREATE INDEX {table}_candidate ON {table} (candidate_id, created DESC);
CREATE INDEX {table}_created ON {table} (created);
"""

QUERIES = {
    "a job's pipeline, last 30 days (employer page)": (
        "SELECT id, stage FROM {table} WHERE job_id = 4242 "
        "AND created >= timestamptz '2026-11-01' ORDER BY created DESC LIMIT 50"
    ),
    "a candidate's applications, all time (no partition key)": (
        "SELECT id, stage FROM {table} WHERE candidate_id = 4242 "
        "ORDER BY created DESC LIMIT 50"
    ),
    "applications per stage, last month (analytics)": (
        "SELECT stage, count(*) FROM {table} "
        "WHERE created >= timestamptz '2026-11-01' GROUP BY stage"
    ),
    "one application by id (no partition key)": (
        "SELECT stage FROM {table} WHERE id = 1234567"
    ),
}


def timed(cursor, sql):
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main(url, rows):
    connection = psycopg2.connect(url)
    connection.autocommit = True
    cursor = connection.cursor()
    cursor.execute("SET jit = off")
    cursor.execute(SCHEMA)
    for month in range(MONTHS + 1):
        cursor.execute(
            f"CREATE TABLE bench_app_parted_m{month:02d} PARTITION OF bench_app_parted "
            f"FOR VALUES FROM (date_trunc('month', timestamptz '2026-12-01') "
            f"- interval '{MONTHS - month} months') TO (date_trunc('month', "
            f"timestamptz '2026-12-01') - interval '{MONTHS - month - 1} months')"
        )
    report = []
    for table in ("bench_app_plain", "bench_app_parted"):
        started = time.perf_counter()
        cursor.execute(
            GENERATE.format(
                table=table, jobs=JOBS, candidates=CANDIDATES, months=MONTHS, rows=rows
            )
        )
        cursor.execute(INDEXES.format(table=table))
        cursor.execute(f"VACUUM ANALYZE {table}")
        report.append(
            (table, "load + index + analyze (s)", time.perf_counter() - started)
        )
    for name, sql in QUERIES.items():
        for table in ("bench_app_plain", "bench_app_parted"):
            report.append((table, f"{name} (ms, median of {REPEAT})",
                           timed(cursor, sql.format(table=table))))  # fmt: skip
    # Archiving the oldest month: DELETE on the plain table, DETACH + DROP on the
    # partitioned one.
    started = time.perf_counter()
    cursor.execute(
        "DELETE FROM bench_app_plain WHERE created < "
        "date_trunc('month', timestamptz '2026-12-01') - interval '23 months'"
    )
    deleted = cursor.rowcount
    report.append(("bench_app_plain", f"archive oldest month: DELETE {deleted} (ms)",
                   (time.perf_counter() - started) * 1000))  # fmt: skip
    started = time.perf_counter()
    cursor.execute("ALTER TABLE bench_app_parted DETACH PARTITION bench_app_parted_m00")
    cursor.execute("DROP TABLE bench_app_parted_m00")
    report.append(("bench_app_parted", "archive oldest month: DETACH + DROP (ms)",
                   (time.perf_counter() - started) * 1000))  # fmt: skip
    for table in ("bench_app_plain", "bench_app_parted"):
        cursor.execute(
            "SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indrelid "
            "WHERE c.relname = %s OR c.relname LIKE %s",
            (table, f"{table}_m%"),
        )
        report.append((table, "index size (MB)", cursor.fetchone()[0] / 2**20))
    cursor.execute("DROP TABLE bench_app_plain, bench_app_parted CASCADE")
    cursor.execute("SELECT version()")
    print(f"rows: {rows}; {cursor.fetchone()[0].split(',')[0]}")
    with open("/proc/loadavg") as loadavg:
        print(f"load average at the end: {' '.join(loadavg.read().split()[:3])}")
    print("| table | measure | value |\n|---|---|---|")
    for table, measure, value in report:
        print(f"| {table} | {measure} | {value:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000)
