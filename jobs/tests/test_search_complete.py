"""Job search: complete paging in every order, honest counts, typo
suggestions. Small windows stand in for the 1,000-row ones."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hotgigs.models import SearchTerm
from hotgigs.search import round_estimate
from jobs import search as job_search
from jobs.search import JobSearchForm, refresh_vocabulary, search_jobs
from jobs.services import refresh_search_vectors
from jobs.tests.factories import JobFactory, JobSkillFactory
from matching.tests.factories import SkillFactory

TYPES = ["full_time", "part_time", "contract"]


@pytest.fixture
def small_windows(monkeypatch):
    """Window of 6 (5 ranked, facets from 5), counts exact up to 8."""
    monkeypatch.setattr(job_search, "FACET_CAP", 5)
    monkeypatch.setattr(job_search, "WINDOW", 6)
    monkeypatch.setattr(job_search, "RANK_CANDIDATES", 5)
    monkeypatch.setattr(job_search, "EXACT_LIMIT", 8)


def make_jobs(company, n, *, word="python"):
    now = timezone.now()
    jobs = []
    for i in range(n):
        # Titles vary how often the word appears, so relevance differs from
        # recency; salaries repeat to exercise the tie-breaks.
        title = f"{word.title()} Developer {i}" if i % 3 else f"{word} {word} lead {i}"
        jobs.append(
            JobFactory(
                company=company,
                title=title,
                description=f"<p>Work with {word} in Berlin.</p>",
                city="Berlin" if i % 2 else "Hamburg",
                country="DE",
                employment_type=TYPES[i % 3],
                salary_min=1000 * (i % 4) + 30000,
                salary_max=1000 * (i % 4) + 40000,
                salary_currency="EUR",
                status="published",
                published_at=now - datetime.timedelta(hours=i + 1),
            )
        )
    refresh_search_vectors()  # PostgreSQL: the factory saves no vector
    return jobs


def walk(params, page_size, *, backward_from_end=False):
    """Follow `next` from page 1 (and then `previous` back to the start)."""
    pages, cursor = [], None
    while True:
        page = search_jobs(params, cursor=cursor, page_size=page_size)
        pages.append([r["id"] for r in page.results])
        if not page.next_cursor:
            break
        cursor = page.next_cursor
        assert len(pages) < 100
    forward = [pk for ids in pages for pk in ids]
    if not backward_from_end:
        return forward, None
    back, cursor = [], page.previous_cursor
    while cursor:
        page = search_jobs(params, cursor=cursor, page_size=page_size)
        back = [r["id"] for r in page.results] + back
        cursor = page.previous_cursor
        assert len(back) < 1000
    return forward, back + pages[-1]


@pytest.mark.parametrize("sort", ["relevance", "newest", "salary"])
@pytest.mark.parametrize("page_size", [1, 2, 4, 7])
def test_following_next_reaches_every_match_exactly_once(
    small_windows, acme, sort, page_size
):
    jobs = make_jobs(acme, 14)
    make_jobs(acme, 2, word="golang")  # never matches
    form = JobSearchForm({"q": "python", "sort": sort})
    assert form.is_valid()
    forward, backward = walk(form.params(), page_size, backward_from_end=True)
    assert sorted(forward) == sorted(job.pk for job in jobs)
    assert len(forward) == len(set(forward)) == 14
    assert backward == forward


def test_relevance_ranks_the_window_then_continues_newest_first(small_windows, acme):
    jobs = make_jobs(acme, 10)
    form = JobSearchForm({"q": "python"})
    assert form.is_valid()
    forward, _ = walk(form.params(), 3)
    newest = [job.pk for job in jobs]  # made newest first
    # The 5 newest are ranked (title "python python lead" first), the rest
    # follow newest first.
    assert sorted(forward[:5]) == sorted(newest[:5])
    assert forward[0] in (jobs[0].pk, jobs[3].pk)
    assert forward[5:] == newest[5:]


def test_counts_are_exact_up_to_the_limit_beyond_the_window(small_windows, acme):
    make_jobs(acme, 8)
    form = JobSearchForm({"q": "python"})
    assert form.is_valid()
    result = search_jobs(form.params())
    assert (result.count, result.count_is_estimate) == (8, False)
    assert result.count_display == "8"
    assert not result.facets_are_estimates
    assert result.facets["employment_type"] == {
        "full_time": 3,
        "part_time": 3,
        "contract": 2,
        "internship": 0,
        "temporary": 0,
    } or set(result.facets["employment_type"]) >= {"full_time"}
    by_type = result.facets["employment_type"]
    assert (by_type["full_time"], by_type["part_time"], by_type["contract"]) == (
        3,
        3,
        2,
    )
    assert result.facets["locations"] == [
        {"city": "Berlin", "country": "DE", "count": 4},
        {"city": "Hamburg", "country": "DE", "count": 4},
    ]


def test_counts_over_the_limit_are_flagged_estimates(
    small_windows, acme, client, monkeypatch
):
    from django.db import connection

    make_jobs(acme, 11)
    if connection.vendor == "postgresql":
        # A fenced search counts every match exactly; a walked one that the
        # planner expects to be large shows the estimate.
        monkeypatch.setattr(
            job_search,
            "_plan",
            lambda *args, **kwargs: job_search.Plan(fenced=False, estimate=408_878),
        )
    form = JobSearchForm({"q": "python"})
    assert form.is_valid()
    result = search_jobs(form.params())
    assert result.count_is_estimate and result.facets_are_estimates
    if connection.vendor == "sqlite":
        # No planner estimate: what is known, a floor.
        assert (result.count, result.count_is_lower_bound) == (8, True)
        assert result.count_display == "8+"
    else:
        assert (result.count, result.count_is_lower_bound) == (408_878, False)
        assert result.count_display == "about 410,000"
    # Facets: the newest 5 matches' shares of the total (2 full-time of 5).
    share = result.facets["employment_type"]["full_time"]
    assert share == round_estimate(round(2 * result.count / 5))
    body = client.get(reverse("jobs:search"), {"q": "python"}).content.decode()
    assert f"{result.count_display} jobs" in body
    api = client.get("/api/v1/jobs/", {"q": "python"}).json()
    assert api["count_is_estimate"] is True
    assert api["facets_are_estimates"] is True
    assert api["count_capped"] is True
    assert api["count_display"] == result.count_display


def test_estimated_wording():
    from hotgigs.search import count_display, round_estimate

    assert round_estimate(408_878) == 410_000
    assert count_display(408_878, estimate=True) == "about 410,000"
    assert count_display(1_000, estimate=True, lower_bound=True) == "1,000+"
    assert count_display(1_241, estimate=False) == "1,241"
    assert round_estimate(87) == 87


def test_exact_counts_in_the_api(acme, client):
    make_jobs(acme, 3)
    api = client.get("/api/v1/jobs/", {"q": "python"}).json()
    assert (api["count"], api["count_is_estimate"], api["count_display"]) == (
        3,
        False,
        "3",
    )
    assert api["facets_are_estimates"] is False
    assert api["suggestion"] is None


# --- "Did you mean …" ---------------------------------------------------------------


@pytest.fixture
def vocabulary(acme):
    python = SkillFactory(name="Python", slug="python")
    SkillFactory(name="Kubernetes", slug="kubernetes")
    jobs = make_jobs(acme, 3) + make_jobs(acme, 2, word="kubernetes")
    make_jobs(acme, 2, word="accountant")
    JobSkillFactory(job=jobs[0], skill=python)
    counts = refresh_vocabulary()
    assert counts["skills"] >= 2
    return jobs


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("pyhton", "python"),
        ("kubernets", "kubernetes"),
        ("acountant", "accountant"),
        ("Pyhton developer", "python developer"),
        ("senior pyhton -java", "senior python -java"),
    ],
)
def test_a_misspelt_word_gets_did_you_mean(vocabulary, typed, expected):
    form = JobSearchForm({"q": typed})
    assert form.is_valid()
    assert search_jobs(form.params()).suggestion == {"q": expected}


@pytest.mark.parametrize("typed", ["python", "developer", "go", "xqzvwk"])
def test_known_short_unknowable_or_quoted_words_get_no_suggestion(vocabulary, typed):
    form = JobSearchForm({"q": typed})
    assert form.is_valid()
    assert search_jobs(form.params()).suggestion is None


def test_skills_and_cities_in_filters_get_suggestions(vocabulary):
    form = JobSearchForm({"skills": "pyhton", "city": "Berln"})
    assert form.is_valid()
    result = search_jobs(form.params())
    assert result.count == 0
    assert result.suggestion == {"skills": "python", "city": "Berlin"}


def test_suggestion_in_the_page_and_the_api(vocabulary, client):
    response = client.get(reverse("jobs:search"), {"q": "pyhton", "country": "DE"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'Did you mean <a href="?q=python&amp;country=DE">python</a>?' in body
    api = client.get("/api/v1/jobs/", {"q": "pyhton", "country": "DE"}).json()
    assert api["suggestion"] == {
        "q": "python",
        "url": "http://testserver/api/v1/jobs/?country=DE&q=python",
    }
    followed = client.get("/api/v1/jobs/", {"q": "python", "country": "DE"}).json()
    assert followed["count"] == 3


@pytest.mark.parametrize("q", ["pyhton" * 40, "\x00pyhton", "p%y_h\\ton", "'; drop"])
def test_suggestions_survive_hostile_input(vocabulary, client, q):
    response = client.get("/api/v1/jobs/", {"q": q})
    assert response.status_code in (200, 400)


def test_vocabulary_keeps_words_in_two_documents(vocabulary):
    words = set(
        SearchTerm.objects.filter(scope="jobs", kind="word").values_list(
            "term", flat=True
        )
    )
    assert {"python", "kubernetes", "accountant", "developer", "berlin"} <= words
    cities = dict(
        SearchTerm.objects.filter(scope="jobs", kind="city").values_list(
            "term", "documents"
        )
    )
    assert cities == {"Berlin": 3, "Hamburg": 4}


def test_refresh_task_rebuilds_the_vocabulary(vocabulary):
    from jobs.tasks import refresh_search_vocabulary

    SearchTerm.objects.filter(scope="jobs").delete()
    result = refresh_search_vocabulary()
    assert result["cities"] == 2
    assert SearchTerm.objects.filter(scope="jobs", term="python").exists()
