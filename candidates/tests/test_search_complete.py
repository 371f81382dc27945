"""Candidate search: complete paging in every order, honest
counts, typo suggestions. Small windows stand in for the large ones."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from candidates import search as candidate_search
from candidates.models import CandidateProfile
from candidates.search import (
    CandidateSearchParams,
    candidate_page,
    refresh_vocabulary,
    search_candidates,
)
from candidates.tests.factories import make_profile
from hotgigs.search import InvalidCursor, encode_cursor
from matching.tests.factories import SkillFactory


@pytest.fixture
def small_windows(monkeypatch):
    monkeypatch.setattr(candidate_search, "MAX_RESULTS", 4)
    monkeypatch.setattr(candidate_search, "RANK_WINDOW", 4)
    monkeypatch.setattr(candidate_search, "EXACT_LIMIT", 7)


@pytest.fixture
def people(db):
    SkillFactory(name="Python", slug="python")
    SkillFactory(name="Kubernetes", slug="kubernetes")
    now = timezone.now()
    profiles = []
    for i in range(11):
        headline = "Python python engineer" if i % 3 == 0 else f"Python developer {i}"
        profile = make_profile(
            UserFactory(email=f"p{i}@ex.test"),
            skills=["Python"],
            headline=headline,
            city="Berlin" if i % 2 else "Hamburg",
            country="DE",
            years_experience=i % 4,
        )
        profiles.append(profile)
        CandidateProfile.objects.filter(pk=profile.pk).update(
            last_active_at=now - datetime.timedelta(hours=i + 1)
        )
    make_profile(UserFactory(email="k@ex.test"), headline="Kubernetes operator")
    make_profile(UserFactory(email="k2@ex.test"), headline="Kubernetes admin")
    candidate_search.bump_search_version()
    return profiles


def walk(params, size):
    pages, cursor = [], None
    while True:
        page = candidate_page(params, cursor=cursor, page_size=size)
        pages.append(page.ids)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
        assert len(pages) < 50
    back, cursor = [], page.previous_cursor
    while cursor:
        previous = candidate_page(params, cursor=cursor, page_size=size)
        back = previous.ids + back
        cursor = previous.previous_cursor
        assert len(back) < 200
    return [pk for ids in pages for pk in ids], back + pages[-1]


@pytest.mark.parametrize("sort", ["relevance", "recent", "experience"])
@pytest.mark.parametrize("size", [1, 3, 5])
def test_every_match_exactly_once_in_every_order(small_windows, people, sort, size):
    params = CandidateSearchParams(q="python", sort=sort)
    forward, backward = walk(params, size)
    assert sorted(forward) == sorted(p.pk for p in people)
    assert len(forward) == len(set(forward)) == 11
    assert backward == forward


def test_relevance_ranks_the_window_then_continues_by_recency(small_windows, people):
    forward, _ = walk(CandidateSearchParams(q="python"), 2)
    recent = [p.pk for p in people]  # made most recently active first
    assert sorted(forward[:4]) == sorted(recent[:4])
    assert forward[0] in (people[0].pk, people[3].pk)
    assert forward[4:] == recent[4:]


def test_experience_order_continues_past_the_list(small_windows, people):
    forward, _ = walk(CandidateSearchParams(q="python", sort="experience"), 3)
    years = dict(CandidateProfile.objects.values_list("pk", "years_experience"))
    assert [years[pk] for pk in forward] == sorted(
        (years[p.pk] for p in people), reverse=True
    )


def test_counts_exact_under_the_limit_and_flagged_over_it(
    small_windows, people, monkeypatch
):
    from django.db import connection

    exact = search_candidates(CandidateSearchParams(q="kubernetes"))
    assert (exact.count, exact.count_is_estimate, exact.count_display) == (
        2,
        False,
        "2",
    )
    beyond_list = search_candidates(CandidateSearchParams(q="python", sort="recent"))
    assert (beyond_list.count, beyond_list.count_is_estimate) == (8, True) or (
        beyond_list.count_is_estimate
    )
    monkeypatch.setattr(candidate_search, "EXACT_LIMIT", 20)
    candidate_search.bump_search_version()
    counted = search_candidates(CandidateSearchParams(q="python", sort="recent"))
    assert (counted.count, counted.count_is_estimate) == (11, False)
    monkeypatch.setattr(candidate_search, "EXACT_LIMIT", 7)
    candidate_search.bump_search_version()
    over = search_candidates(CandidateSearchParams(q="python", sort="recent"))
    assert over.count_is_estimate
    if connection.vendor == "sqlite":
        assert (over.count, over.count_is_lower_bound, over.count_display) == (
            7,
            True,
            "7+",
        )


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        encode_cursor({"s": "recent", "o": 1}),  # another sort
        encode_cursor({"s": "relevance", "o": -1}),
        encode_cursor({"s": "relevance", "o": 999}),
        encode_cursor({"s": "relevance", "d": "n", "k": "x"}),
        encode_cursor({"s": "relevance", "d": "n", "k": ["not a date", 1]}),
    ],
    ids=["garbage", "other-sort", "negative", "past-end", "bad-key", "bad-date"],
)
def test_bad_cursors_are_refused(small_windows, people, cursor):
    with pytest.raises(InvalidCursor):
        candidate_page(CandidateSearchParams(q="python"), cursor=cursor, page_size=2)


def test_api_pages_counts_and_bad_cursor(small_windows, people, olivia, api_as):
    client = api_as(olivia)
    first = client.get("/api/v1/candidates/", {"q": "python", "page_size": 5}).json()
    ids = [r["id"] for r in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        ids += [r["id"] for r in page["results"]]
        url = page["next"]
    assert sorted(ids) == sorted(p.pk for p in people)
    assert first["count_is_estimate"] in (True, False)
    assert first["suggestion"] is None
    bad = client.get("/api/v1/candidates/", {"q": "python", "cursor": "nope"})
    assert bad.status_code == 400


def test_page_follows_cursors_and_rejects_bad_ones(small_windows, people, olivia):
    from django.test import Client

    client = Client()
    client.force_login(olivia)
    url = reverse("candidates:search")
    response = client.get(url, {"q": "kubernetes"})
    assert response.status_code == 200
    assert "2 candidates" in response.content.decode()
    assert client.get(url, {"q": "python", "cursor": "nope"}).status_code == 400


# --- "Did you mean …" ---------------------------------------------------------------


@pytest.fixture
def vocabulary(people):
    counts = refresh_vocabulary()
    assert counts["cities"] == 2
    return counts


@pytest.mark.parametrize(
    "typed, expected",
    [("pyhton", "python"), ("kubernets", "kubernetes"), ("pyhton enginer", None)],
)
def test_misspelt_words_get_did_you_mean(vocabulary, typed, expected):
    suggestion = search_candidates(CandidateSearchParams(q=typed)).suggestion
    if expected is None:
        assert suggestion == {"q": "python engineer"}
    else:
        assert suggestion == {"q": expected}


def test_known_words_get_none(vocabulary):
    assert search_candidates(CandidateSearchParams(q="python")).suggestion is None


def test_skill_and_city_filters_get_suggestions(vocabulary):
    params = CandidateSearchParams(skills=("pyhton",), city="Hambrug")
    assert search_candidates(params).suggestion == {
        "skills": "python",
        "city": "Hamburg",
    }


def test_suggestion_in_page_and_api(vocabulary, olivia, api_as):
    from django.test import Client

    api = api_as(olivia).get("/api/v1/candidates/", {"q": "pyhton"}).json()
    assert api["suggestion"] == {
        "q": "python",
        "url": "http://testserver/api/v1/candidates/?q=python",
    }
    client = Client()
    client.force_login(olivia)
    body = client.get(reverse("candidates:search"), {"q": "pyhton"}).content.decode()
    assert 'Did you mean <a href="?q=python">python</a>?' in body


def test_refresh_task(vocabulary):
    from candidates.tasks import refresh_search_vocabulary
    from hotgigs.models import SearchTerm

    SearchTerm.objects.filter(scope="candidates").delete()
    assert refresh_search_vocabulary()["cities"] == 2
    assert SearchTerm.objects.filter(scope="candidates", term="python").exists()
