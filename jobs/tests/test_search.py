"""The job search service: every filter and sort against the exact expected set."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from hotgigs.search import InvalidCursor, encode_cursor
from jobs.search import JobSearchForm, search_jobs
from jobs.services import job_update, refresh_search_vectors
from jobs.tests.factories import JobFactory, JobSkillFactory
from matching.tests.factories import SkillFactory


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def catalogue(acme, globex):
    """Four public jobs plus ones that must never appear."""
    python = SkillFactory(name="Python", slug="python")
    django_ = SkillFactory(name="Django", slug="django")
    sql = SkillFactory(name="SQL", slug="sql")
    react = SkillFactory(name="React", slug="react")
    jobs = {
        "py_berlin": JobFactory(
            company=acme,
            title="Senior Python Developer",
            description="<p>Build APIs with Django.</p>",
            city="Berlin",
            country="DE",
            remote_policy="hybrid",
            employment_type="full_time",
            experience_level="senior",
            salary_min=60000,
            salary_max=80000,
            salary_currency="EUR",
            status="published",
            published_at=days_ago(1),
        ),
        "data_remote": JobFactory(
            company=globex,
            title="Data Engineer",
            description="<p>Python pipelines and SQL warehouses.</p>",
            city="",
            country="US",
            remote_policy="remote",
            employment_type="contract",
            experience_level="mid",
            salary_min=5000,
            salary_max=7000,
            salary_currency="USD",
            salary_period="month",
            status="published",
            published_at=days_ago(10),
        ),
        "react_munich": JobFactory(
            company=acme,
            title="Frontend Developer",
            description="<p>React and TypeScript.</p>",
            city="Munich",
            country="DE",
            remote_policy="onsite",
            employment_type="part_time",
            experience_level="entry",
            salary_min=40,
            salary_max=50,
            salary_currency="EUR",
            salary_period="hour",
            status="published",
            published_at=days_ago(40),
        ),
        "lead": JobFactory(
            company=globex,
            title="Engineering Lead",
            description="<p>Lead a team; some Python welcome.</p>",
            city="Berlin",
            country="DE",
            remote_policy="remote",
            employment_type="full_time",
            experience_level="lead",
            status="published",
            published_at=days_ago(20),
        ),
    }
    hidden = [
        JobFactory(company=acme, title="Python Draft", status="draft"),
        JobFactory(
            company=acme,
            title="Python Paused",
            status="paused",
            published_at=days_ago(2),
        ),
        JobFactory(
            company=acme,
            title="Python Expired",
            status="published",
            published_at=days_ago(2),
            expires_at=timezone.now() - datetime.timedelta(minutes=5),
        ),
    ]
    for job, skill in [
        ("py_berlin", python),
        ("py_berlin", django_),
        ("data_remote", python),
        ("data_remote", sql),
        ("react_munich", react),
    ]:
        JobSkillFactory(job=jobs[job], skill=skill)
    JobSkillFactory(job=hidden[0], skill=python)
    refresh_search_vectors()
    return jobs


def titles(query_string="", **kwargs):
    from django.http import QueryDict

    form = JobSearchForm(QueryDict(query_string))
    assert form.is_valid(), form.errors
    result = search_jobs(form.params(), **kwargs)
    return [row["title"] for row in result.results]


NEWEST = [
    "Senior Python Developer",
    "Data Engineer",
    "Engineering Lead",
    "Frontend Developer",
]


@pytest.mark.parametrize(
    ("query_string", "expected"),
    [
        ("", NEWEST),
        ("skills=python", ["Senior Python Developer", "Data Engineer"]),
        ("skills=python,django", ["Senior Python Developer"]),
        ("skills=python,react", []),
        ("skills=no-such-skill", []),
        ("city=berlin", ["Senior Python Developer", "Engineering Lead"]),
        (
            "country=de",
            ["Senior Python Developer", "Engineering Lead", "Frontend Developer"],
        ),
        ("remote_policy=remote", ["Data Engineer", "Engineering Lead"]),
        (
            "remote_policy=onsite,hybrid",
            ["Senior Python Developer", "Frontend Developer"],
        ),
        (
            "employment_type=full_time&employment_type=part_time",
            ["Senior Python Developer", "Engineering Lead", "Frontend Developer"],
        ),
        ("employment_type=contract", ["Data Engineer"]),
        (
            "experience_level=senior,lead",
            ["Senior Python Developer", "Engineering Lead"],
        ),
        # Overlap, normalised per year: 60–80k EUR, 83.2–104k EUR (hourly).
        (
            "salary_min=70000&salary_currency=EUR",
            ["Senior Python Developer", "Frontend Developer"],
        ),
        ("salary_min=90000&salary_currency=EUR", ["Frontend Developer"]),
        ("salary_max=50000&salary_currency=EUR", []),
        ("salary_min=5000&salary_period=month&salary_currency=USD", ["Data Engineer"]),
        ("salary_min=81000&salary_max=82000", ["Data Engineer"]),
        ("salary_min=84000&salary_max=90000", ["Data Engineer", "Frontend Developer"]),
        ("company=acme", ["Senior Python Developer", "Frontend Developer"]),
        ("company=globex", ["Data Engineer", "Engineering Lead"]),
        ("company=nobody", []),
        ("posted_within_days=7", ["Senior Python Developer"]),
        ("posted_within_days=30", NEWEST[:3]),
        # Text: websearch syntax over title, skills, company and description.
        ("q=python", ["Senior Python Developer", "Data Engineer", "Engineering Lead"]),
        (
            "q=python&sort=newest",
            ["Senior Python Developer", "Data Engineer", "Engineering Lead"],
        ),
        ("q=python -django&sort=newest", ["Data Engineer", "Engineering Lead"]),
        ('q="data engineer"', ["Data Engineer"]),
        ("q=react or pipelines&sort=newest", ["Data Engineer", "Frontend Developer"]),
        ("q=globex&sort=newest", ["Data Engineer", "Engineering Lead"]),
        ("q=sql", ["Data Engineer"]),
        ("q=nonexistentword", []),
        # Combined.
        ("q=python&country=DE&remote_policy=hybrid", ["Senior Python Developer"]),
        ("q=python&skills=sql&employment_type=contract", ["Data Engineer"]),
        ("city=Berlin&experience_level=lead&company=globex", ["Engineering Lead"]),
        (
            "country=DE&salary_min=1&salary_currency=EUR&posted_within_days=30",
            ["Senior Python Developer"],
        ),
        # Sorts.
        (
            "sort=salary",
            [
                "Frontend Developer",
                "Data Engineer",
                "Senior Python Developer",
                "Engineering Lead",
            ],
        ),
        ("sort=relevance", NEWEST),  # no keywords: newest
    ],
)
def test_filters_and_sorts_give_the_exact_set(catalogue, query_string, expected):
    assert titles(query_string) == expected


def test_title_match_ranks_above_description_match(catalogue, acme):
    JobFactory(
        company=acme,
        title="Office Manager",
        description="<p>Keep the developers happy: coffee, developer tools.</p>",
        status="published",
        published_at=timezone.now(),
    )
    refresh_search_vectors()
    ranked = titles("q=developer")
    # Both title matches first (newest breaks ties), the description match last.
    assert sorted(ranked[:2]) == ["Frontend Developer", "Senior Python Developer"]
    assert ranked[2:] == ["Office Manager"]
    assert titles("q=developer&sort=newest")[0] == "Office Manager"


@pytest.mark.parametrize(
    "q",
    [
        'python "unclosed',
        "(((",
        "-",
        "!!&&|:*",
        "or",
        "' OR 1=1 --",
        "python\x07",
        "\u00fcber:*",
    ],
)
def test_broken_query_syntax_never_fails(catalogue, q):
    form = JobSearchForm({"q": q})
    assert form.is_valid()
    result = search_jobs(form.params())
    assert isinstance(result.results, list)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"q": "x" * 10_000}, "q"),
        ({"q": "\x00python"}, "q"),
        ({"employment_type": "gig"}, "employment_type"),
        ({"experience_level": "senior,guru"}, "experience_level"),
        ({"remote_policy": "moon"}, "remote_policy"),
        ({"salary_min": "90000", "salary_max": "1000"}, "salary_max"),
        ({"salary_min": "lots"}, "salary_min"),
        ({"salary_min": "-5"}, "salary_min"),
        ({"salary_currency": "EURO"}, "salary_currency"),
        ({"country": "XX"}, "country"),
        ({"posted_within_days": "0"}, "posted_within_days"),
        ({"sort": "random"}, "sort"),
        ({"skills": ",".join(f"s{i}" for i in range(11))}, "skills"),
    ],
)
def test_bad_parameters_are_form_errors(data, field):
    form = JobSearchForm(data)
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_facets_count_the_current_query(catalogue):
    form = JobSearchForm({"country": "DE"})
    assert form.is_valid()
    result = search_jobs(form.params())
    assert result.facets == {
        "employment_type": {
            "full_time": 2,
            "part_time": 1,
            "contract": 0,
            "temporary": 0,
            "internship": 0,
        },
        "experience_level": {
            "entry": 1,
            "mid": 0,
            "senior": 1,
            "lead": 1,
            "executive": 0,
        },
        "remote_policy": {"onsite": 1, "hybrid": 1, "remote": 1},
        "locations": [
            {"city": "Berlin", "country": "DE", "count": 2},
            {"city": "Munich", "country": "DE", "count": 1},
        ],
    }
    assert (result.count, result.count_capped) == (3, False)


@pytest.mark.parametrize("sort", ["newest", "salary", "relevance"])
def test_cursor_pages_forward_and_back(catalogue, sort):
    form = JobSearchForm({"sort": sort, "q": "developer or engineer or lead"})
    assert form.is_valid()
    params = form.params()
    everything = [r["title"] for r in search_jobs(params, page_size=10).results]
    assert len(everything) == 4
    seen, cursor, pages = [], None, []
    while True:
        page = search_jobs(params, cursor=cursor, page_size=1)
        pages.append(page)
        seen += [r["title"] for r in page.results]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen == everything
    assert pages[0].previous_cursor is None
    back = search_jobs(params, cursor=pages[-1].previous_cursor, page_size=1)
    assert [r["title"] for r in back.results] == [everything[-2]]


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        encode_cursor({"s": "salary", "d": "n", "k": [1, 2]}),  # other sort
        encode_cursor({"s": "newest", "d": "n", "k": ["not a date", 1]}),
        encode_cursor({"s": "newest", "d": "n"}),
        encode_cursor({"s": "relevance", "o": -3}),
    ],
    # Signed cursors differ per run; fixed ids keep xdist workers' collections equal.
    ids=["garbage", "empty", "other-sort", "bad-key", "no-key", "negative-offset"],
)
def test_bad_cursor_is_refused(catalogue, cursor):
    form = JobSearchForm({"q": "python", "sort": "newest"})
    assert form.is_valid()
    if cursor == "":
        assert search_jobs(form.params(), cursor=cursor).results  # no cursor
        return
    with pytest.raises(InvalidCursor):
        search_jobs(form.params(), cursor=cursor)


def test_a_repeated_search_runs_no_query_and_a_change_invalidates_it(
    catalogue, olivia, django_assert_num_queries, django_capture_on_commit_callbacks
):
    form = JobSearchForm({"q": "python", "country": "DE"})
    assert form.is_valid()
    first = search_jobs(form.params())
    with django_assert_num_queries(0):
        again = search_jobs(form.params())
    assert again.results == first.results

    with django_capture_on_commit_callbacks(execute=True):
        job_update(
            job=catalogue["lead"],
            user=None or catalogue["lead"].company.memberships.first().user,
            data={"title": "Python Lead"},
        )
    after = search_jobs(form.params())
    assert "Python Lead" in [r["title"] for r in after.results]
    assert "Engineering Lead" not in [r["title"] for r in after.results]


@pytest.mark.postgres
def test_postgres_uses_the_stored_vector(catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    catalogue["lead"].refresh_from_db()
    assert "'python':" in str(catalogue["lead"].search_vector)


def test_later_pages_reuse_the_facets(catalogue, django_assert_num_queries):
    form = JobSearchForm({"country": "DE"})
    assert form.is_valid()
    first = search_jobs(form.params(), page_size=1)
    with django_assert_num_queries(1):  # the page only
        second = search_jobs(form.params(), cursor=first.next_cursor, page_size=1)
    assert second.facets == first.facets
    assert [r["title"] for r in second.results] == ["Engineering Lead"]
