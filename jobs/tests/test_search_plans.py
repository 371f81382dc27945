"""Both search plans (fenced bitmap collection, index walk) give the same answers.

The plan is picked by the planner's estimate (``jobs.search._fenced``); on a test
database every estimate is small, so each plan is forced here in turn.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict

from hotgigs import search as fts
from jobs import search as job_search
from jobs.search import JobSearchForm, JobSearchParams, search_jobs
from jobs.tests.test_search import catalogue  # noqa: F401 - the shared fixture

QUERIES = [
    "",
    "q=python",
    "q=python&sort=newest",
    "q=python&sort=salary",
    "q=python&country=DE&remote_policy=hybrid",
    "q=developer or engineer or lead",
    "country=DE",
    "country=DE&sort=salary",
    "employment_type=contract&country=US",
    "q=python&country=DE",
    "employment_type=full_time,contract&sort=newest",
    "skills=python&sort=relevance",
    "q=nonexistentword",
    # Filters only, three of them with and without a country
    # (job_pub_filters_recent_idx through jobs.search._covered).
    "experience_level=senior&employment_type=full_time&remote_policy=hybrid",
    "country=DE&experience_level=senior,lead&employment_type=full_time",
    "country=DE&experience_level=lead&remote_policy=remote,hybrid",
    "experience_level=senior",
]


def every_page(query_string, page_size=1):
    form = JobSearchForm(QueryDict(query_string))
    assert form.is_valid(), form.errors
    params, cursor, pages = form.params(), None, []
    while True:
        page = search_jobs(params, cursor=cursor, page_size=page_size)
        pages.append(([r["title"] for r in page.results], page.facets, page.count))
        if not page.next_cursor:
            return pages
        cursor = page.next_cursor


def _first_select(captured) -> str:
    """The first statement that is not the planner's estimate (EXPLAIN)."""
    return next(
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith("EXPLAIN")
    )


@pytest.fixture
def force_plan(monkeypatch):
    def force(fenced: bool):
        cache.clear()  # plans and answers are cached
        monkeypatch.setattr(
            fts, "prefer_fenced", lambda queryset, *, limit, **kwargs: fenced
        )

    return force


@pytest.mark.postgres
@pytest.mark.parametrize("query_string", QUERIES)
def test_fenced_and_walking_plans_agree(catalogue, force_plan, query_string):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("The plans differ on PostgreSQL only")
    force_plan(fenced=True)
    fenced = every_page(query_string)
    force_plan(fenced=False)
    walked = every_page(query_string)
    assert fenced == walked
    assert fenced[0][0] or query_string == "q=nonexistentword"


@pytest.mark.postgres
def test_the_plan_follows_the_estimate_and_is_cached(
    catalogue,  # noqa: F811
    django_assert_num_queries,
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    cache.clear()
    params = JobSearchParams(q="python", country="DE")
    base = job_search.filtered_jobs(params)
    assert 1 <= fts.estimated_rows(base) <= 10
    # 1 estimated match of ~8 rows: fence when 1 ≤ limit × 8.
    with django_assert_num_queries(2):  # EXPLAIN + reltuples
        assert fts.prefer_fenced(base, limit=1) is True
    everything = job_search.filtered_jobs(JobSearchParams(sort="newest"))
    estimate = fts.estimated_rows(everything)
    assert fts.prefer_fenced(everything, limit=estimate) is True
    assert fts.prefer_fenced(everything, limit=0) is False

    with django_assert_num_queries(2):
        assert job_search._fenced(params, base) is True
    with django_assert_num_queries(0):  # cached per filter set, whatever the sort
        newest = JobSearchParams(q="python", country="DE", sort="newest")
        assert job_search._fenced(newest, base) is True
    # No filter at all: always the walk, without asking the planner.
    with django_assert_num_queries(0):
        assert job_search._fenced(JobSearchParams(sort="salary"), base) is False


@pytest.mark.postgres
def test_a_fenced_search_collects_matches_before_the_limit(catalogue):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    base = job_search.filtered_jobs(JobSearchParams(q="python"))
    ids = fts.top_ids(base, ["-published_at", "-id"], 2, fenced=True)
    fenced = list(
        base.model.objects.filter(id__in=ids)
        .order_by("-published_at", "-id")
        .values_list("title", flat=True)
    )
    assert fenced == ["Senior Python Developer", "Data Engineer"]
    sql = str(ids.sql)
    assert "OFFSET 0) AS fence" in sql
    assert sql.endswith("LIMIT 2")


@pytest.mark.postgres
def test_a_walk_with_a_country_merges_one_date_ordered_part_per_policy(
    catalogue,  # noqa: F811
    force_plan,
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from django.test.utils import CaptureQueriesContext

    force_plan(fenced=False)
    form = JobSearchForm(QueryDict("q=python&country=DE&remote_policy=hybrid,remote"))
    assert form.is_valid()
    with CaptureQueriesContext(connection) as captured:
        result = search_jobs(form.params())
    window = _first_select(captured)
    # One part per policy (job_pub_country_remote_idx), merged newest first.
    assert window.count("UNION ALL") == 1
    assert window.count("LIMIT 1001") == 3
    assert [r["title"] for r in result.results] == [
        "Senior Python Developer",
        "Engineering Lead",
    ]


@pytest.mark.postgres
def test_the_fence_is_weighed_against_the_rows_the_walk_passes(
    catalogue,  # noqa: F811
    force_plan,
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from django.test.utils import CaptureQueriesContext

    # No filter with its own date index: the walk passes every published job.
    assert job_search._walked(JobSearchParams(q="python")) is None
    # A level filter: the walk passes that level's jobs only, one part per level.
    params = JobSearchParams(experience_level=("lead", "senior"), sort="newest")
    walked = job_search._walked(params)
    assert sorted(walked.values_list("title", flat=True)) == [
        "Engineering Lead",
        "Senior Python Developer",
    ]
    force_plan(fenced=False)
    with CaptureQueriesContext(connection) as captured:
        result = search_jobs(params)
    assert _first_select(captured).count("UNION ALL") == 1
    assert [r["title"] for r in result.results] == [
        "Senior Python Developer",
        "Engineering Lead",
    ]


def test_covered_names_every_value_of_a_skipped_leading_filter(monkeypatch):
    """A level without type or policy reads as "any type, any policy" (the
    same rows: the check constraints), so all three index columns are
    conditions; nothing changes when the leading filters are given."""
    monkeypatch.setattr(fts, "uses_postgres_search", lambda: True)
    base = job_search.Job.objects.all()

    def where(**params):
        query = job_search._covered(JobSearchParams(**params), base).query
        return [
            (child.lhs.target.name, sorted(child.rhs)) for child in query.where.children
        ]

    policies = sorted(["", "onsite", "hybrid", "remote"])
    types = sorted(
        ["", "full_time", "part_time", "contract", "temporary"] + ["internship"]
    )
    assert where(experience_level=("senior",)) == [
        ("employment_type", types),
        ("remote_policy", policies),
    ]
    assert where(employment_type=("contract",), country="DE") == [
        ("remote_policy", policies)
    ]
    assert where(remote_policy=("remote",), experience_level=("lead",)) == [
        ("employment_type", types)
    ]
    assert where(remote_policy=("remote",), employment_type=("contract",)) == []
    assert where(country="DE") == []


@pytest.mark.postgres(
    reason="INCLUDE columns and partial indexes as PostgreSQL has them"
)
def test_the_covering_index_holds_every_column_the_window_reads(db):
    """The fence and the probe read WINDOW_FIELDS + expires_at under
    status = 'published': all in the index, so PostgreSQL can answer them
    with an index-only scan (the plan at 1M: bench/README.md)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["job_pub_filters_recent_idx"],
        )
        (definition,) = cursor.fetchone()
    assert definition.endswith(
        "(remote_policy, employment_type, experience_level, published_at DESC,"
        " id DESC) INCLUDE (country, city, expires_at)"
        " WHERE ((status)::text = 'published'::text)"
    )
    assert set(job_search.WINDOW_FIELDS) <= {
        "id",
        "published_at",
        "remote_policy",
        "employment_type",
        "experience_level",
        "country",
        "city",
    }


@pytest.mark.parametrize(
    "field, value",
    [("remote_policy", "moon"), ("employment_type", "forever")],
)
def test_unknown_policies_and_types_are_refused_by_the_database(acme, field, value):
    """_covered reads "any policy/type" as the list of them: the database
    guarantees there is no other value."""
    from django.db import IntegrityError, transaction

    from jobs.tests.factories import JobFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        JobFactory(company=acme, **{field: value})
