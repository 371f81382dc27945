"""The dataset generator at the tiny size, into the test database."""

import io

import pytest
from django.conf import settings
from django.db import connection

from bench import dataset
from jobs.search import JobSearchParams, search_jobs

TINY = dataset.SIZES["tiny"]
# Skipped before any database setup on SQLite (the generator needs COPY).
ON_POSTGRES = pytest.mark.skipif(
    not settings.IS_POSTGRES, reason="the dataset needs PostgreSQL"
)


def _count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@ON_POSTGRES
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tiny_dataset_is_built_searchable_and_reused():
    logs = []

    report = dataset.build(size=TINY, progress=False, log=logs.append)

    assert report.built is True
    assert report.counts["accounts_user"] == TINY.companies + TINY.candidates == 64
    assert report.counts["companies_company"] == 4
    assert report.counts["companies_membership"] == 4
    assert report.counts["jobs_job"] == 60
    assert report.counts["candidates_candidateprofile"] == 60
    assert 0 < report.counts["jobs_application"] <= TINY.applications
    assert _count("jobs_job WHERE search_vector IS NULL") == 0
    assert _count("candidates_candidateprofile WHERE search_vector IS NULL") == 0
    # The secondary indexes dropped for the load are back.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'job_search_vector_gin'"
        )
        assert cursor.fetchone()[0] == 1
    assert _count(dataset.INDEX_TABLE) == 0
    # The bench candidates have no applications: the apply scenario uses them.
    assert (
        _count(
            "jobs_application a JOIN accounts_user u ON u.id = a.candidate_id "
            f"WHERE u.email = 'candidate1@{dataset.EMAIL_DOMAIN}'"
        )
        == 0
    )
    # Every description says "team": the common-word search matches every job.
    result = search_jobs(JobSearchParams(q="team"), page_size=5)
    assert result.count == 60
    assert len(result.results) == 5

    again = dataset.build(size=TINY, progress=False, log=logs.append)

    assert again.built is False
    assert again.counts == report.counts
    assert logs[-1] == "dataset tiny v1 present: reusing it"


@pytest.mark.postgres
@ON_POSTGRES
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_another_size_in_the_same_database_is_refused():
    dataset.build(size=TINY, progress=False, log=lambda _: None)

    with pytest.raises(RuntimeError, match="holds dataset tiny v1; pass --rebuild"):
        dataset.build(size=dataset.SIZES["quick"], progress=False, log=print)


@pytest.mark.skipif(settings.IS_POSTGRES, reason="SQLite only")
def test_sqlite_is_refused():
    with pytest.raises(RuntimeError, match="needs PostgreSQL"):
        dataset.build(size=TINY, progress=False)


def test_line_stream_reads_in_chunks_and_counts_rows():
    class Bar:
        n = 0

        def update(self, k):
            self.n += k

    bar = Bar()
    stream = dataset.LineStream((f"{i}\tx\n" for i in range(5)), bar)

    assert stream.read(7) == "0\tx\n1\tx"
    assert stream.read() == "\n2\tx\n3\tx\n4\tx\n"
    assert stream.read(10) == ""
    assert bar.n == 5


def test_copy_rows_appends_filler_columns():
    class Cursor:
        def copy_expert(self, sql, stream, size):
            self.sql, self.data = sql, stream.read()

    cursor = Cursor()

    dataset.copy_rows(
        cursor, "t", ["a", "b"], [("1", "x"), ("2", r"\N")], filler={"c": "f"}
    )

    assert cursor.sql == "COPY t (a, b, c) FROM STDIN"
    assert cursor.data == "1\tx\tf\n2\t\\N\tf\n"
    assert isinstance(dataset.LineStream([]), io.TextIOBase)
