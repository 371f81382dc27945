"""Job search sorted by match: a bounded window of
the search re-ranked by the signed-in candidate's match score.

Personas: alice, a candidate with a profile (Python and Django, in Berlin); bob, a
candidate who opted out of automated match scoring for employers (he still sorts
by his own score); carol, a candidate without a
profile; olivia, an employer; and anonymous visitors.
"""

import pytest
from django.core.cache import cache
from django.http import QueryDict

from accounts.tests.factories import UserFactory
from candidates import services as candidate_services
from candidates.tests.factories import make_profile
from jobs import search_match
from jobs.models import Job
from jobs.ranking import pools
from jobs.ranking.builders import profiles_for_scoring
from jobs.ranking.selectors import match_for_candidate
from jobs.search import JobSearchForm, search_jobs
from jobs.search_match import SortUnavailable, match_viewer_for
from jobs.tests.test_search import catalogue  # noqa: F401 - the shared fixture

LIST = "/api/v1/jobs/"


@pytest.fixture
def alice_profile(alice, catalogue):  # noqa: F811
    return make_profile(
        alice,
        skills=["Python", "Django"],
        city="Berlin",
        country="DE",
        remote_preference="any",
        years_experience=6,
        experience_level="senior",
        headline="Python developer",
    )


@pytest.fixture
def bob_opted_out(bob, catalogue):  # noqa: F811
    return make_profile(bob, skills=["Python"], opt_out_of_matching=True)


def search(query_string, user, **kwargs):
    form = JobSearchForm(QueryDict(query_string))
    assert form.is_valid(), form.errors
    return search_jobs(form.params(), viewer=match_viewer_for(user), **kwargs)


def expected_order(profile, jobs):
    """(title, score) best first by the engine's own one-pair score; equal
    scores keep the window's order (given by ``jobs``)."""
    profile = profiles_for_scoring().get(pk=profile.pk)
    scored = [
        (match_for_candidate(profile=profile, job=job), position, job)
        for position, job in enumerate(jobs)
    ]
    scored.sort(key=lambda item: (-item[0].precise, item[1]))
    return [(job.title, result.score) for result, _, job in scored]


def newest(*titles):
    return list(Job.objects.filter(title__in=titles).order_by("-published_at", "-id"))


def test_sort_by_match_orders_the_jobs_by_the_candidates_scores(alice, alice_profile):
    result = search("sort=match", alice)
    got = [(r["title"], r["match_score"]) for r in result.results]
    # Without keywords the window is the newest jobs (all four here).
    window = newest(
        "Senior Python Developer",
        "Data Engineer",
        "Engineering Lead",
        "Frontend Developer",
    )
    assert got == expected_order(alice_profile, window)
    # Both her skills, her city, her level: the Berlin Python job first; the
    # US data job (her Python skill, her words) above the Berlin lead job, which
    # lists no skill (no neutral value lifts it), then the React job.
    assert [title for title, _ in got] == [
        "Senior Python Developer",
        "Data Engineer",
        "Engineering Lead",
        "Frontend Developer",
    ]
    assert got[0][1] > got[1][1]
    assert result.sort == "match"
    assert (result.count, result.count_capped) == (4, False)


def test_with_keywords_the_window_is_the_search_matches(alice, alice_profile):
    result = search("q=python&sort=match", alice)
    titles = [r["title"] for r in result.results]
    # "python" matches three jobs; the React job is not in the window at all.
    window = newest("Senior Python Developer", "Data Engineer", "Engineering Lead")
    assert [(r["title"], r["match_score"]) for r in result.results] == (
        expected_order(alice_profile, window)
    )
    assert "Frontend Developer" not in titles


def test_filters_apply_before_matching(alice, alice_profile):
    result = search("country=US&sort=match", alice)
    assert [r["title"] for r in result.results] == ["Data Engineer"]


def test_the_window_is_bounded(alice, alice_profile, monkeypatch):
    scored = []
    real = search_match._scores

    def spy(profile_id, job_ids):
        scored.append(list(job_ids))
        return real(profile_id, job_ids)

    monkeypatch.setattr(search_match, "_scores", spy)
    monkeypatch.setattr(pools, "MATCH_WINDOW", 2)
    result = search("sort=match", alice)
    # Only the two newest jobs are scored and listed, best first.
    two_newest = newest(
        "Senior Python Developer",
        "Data Engineer",
        "Engineering Lead",
        "Frontend Developer",
    )[:2]
    assert scored == [[job.pk for job in two_newest]]
    assert [(r["title"], r["match_score"]) for r in result.results] == (
        expected_order(alice_profile, two_newest)
    )
    assert result.next_cursor is None
    # The facets and the count still describe the whole search.
    assert result.count == 4


def test_match_pages_follow_the_cursor(alice, alice_profile):
    everything = [r["title"] for r in search("sort=match", alice).results]
    seen, cursor, pages = [], None, 0
    while True:
        page = search("sort=match", alice, cursor=cursor, page_size=1)
        seen += [r["title"] for r in page.results]
        pages += 1
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert (seen, pages) == (everything, 4)
    back = search("sort=match", alice, cursor=page.previous_cursor, page_size=1)
    assert [r["title"] for r in back.results] == [everything[-2]]


def test_a_repeated_match_search_runs_no_query_and_a_profile_change_reorders(
    alice, alice_profile, django_assert_num_queries
):
    first = search("sort=match", alice)
    viewer = match_viewer_for(alice)
    form = JobSearchForm(QueryDict("sort=match"))
    assert form.is_valid()
    with django_assert_num_queries(0):
        again = search_jobs(form.params(), viewer=viewer)
    assert again.results == first.results

    # She learns React and moves to Munich: the Munich React job climbs.
    candidate_services.candidate_skill_save(
        profile=alice_profile, name="React", level=5, years=8
    )
    alice_profile.city = "Munich"
    candidate_services.profile_save(profile=alice_profile)
    after = search("sort=match", alice)
    alice_profile.refresh_from_db()
    window = newest(
        "Senior Python Developer",
        "Data Engineer",
        "Engineering Lead",
        "Frontend Developer",
    )
    got = [(r["title"], r["match_score"]) for r in after.results]
    assert got == expected_order(alice_profile, window)
    before = {r["title"]: r["match_score"] for r in first.results}
    assert dict(got)["Frontend Developer"] > before["Frontend Developer"]


def test_who_may_sort_by_match(alice_profile, bob_opted_out, olivia, alice, bob):
    from django.contrib.auth.models import AnonymousUser

    carol = UserFactory(email="carol@example.com")
    assert match_viewer_for(alice).profile_id == alice_profile.pk
    for user, reason in [
        (AnonymousUser(), "signed-in candidates"),
        (olivia, "signed-in candidates"),
        (carol, "Create your candidate profile"),
    ]:
        with pytest.raises(SortUnavailable, match=reason):
            match_viewer_for(user)
    # Opting out hides bob's scores from employers, not from bob.
    assert match_viewer_for(bob).profile_id == bob_opted_out.pk


def test_api_sort_by_match_per_persona(
    api, api_as, alice, alice_profile, bob, bob_opted_out, olivia
):
    response = api_as(alice).get(LIST, {"sort": "match", "q": "python"})
    assert response.status_code == 200
    body = response.json()
    window = newest("Senior Python Developer", "Data Engineer", "Engineering Lead")
    assert [(r["title"], r["match_score"]) for r in body["results"]] == (
        expected_order(alice_profile, window)
    )
    carol = UserFactory(email="carol@example.com")
    for client, message in [
        (api, "Sorting by match is for signed-in candidates with a profile."),
        (
            api_as(olivia),
            "Sorting by match is for signed-in candidates with a profile.",
        ),
        (api_as(carol), "Create your candidate profile to sort jobs by match."),
    ]:
        response = client.get(LIST, {"sort": "match"})
        assert response.status_code == 400
        error = response.json()["error"]
        assert (error["code"], error["fields"]) == ("invalid", {"sort": [message]})
    response = api_as(bob).get(LIST, {"sort": "match", "q": "python"})
    assert response.status_code == 200
    assert [(r["title"], r["match_score"]) for r in response.json()["results"]] == (
        expected_order(bob_opted_out, window)
    )


def test_other_sorts_carry_no_match_score(api_as, alice, alice_profile):
    body = api_as(alice).get(LIST, {"q": "python"}).json()
    assert body["results"]
    assert all("match_score" not in r for r in body["results"])


def test_api_repeated_match_search_runs_only_the_viewer_queries(
    api_as, alice, alice_profile, django_assert_num_queries
):
    client = api_as(alice)
    first = client.get(LIST, {"sort": "match"}).json()
    # The JWT's user, then the profile's last change (the cache key): no search.
    with django_assert_num_queries(2):
        again = client.get(LIST, {"sort": "match"}).json()
    assert again == first


def test_page_sort_by_match(client, alice, alice_profile, olivia):
    response = client.get("/jobs/", {"sort": "match"})
    assert response.status_code == 400
    assert "Sorting by match is for signed-in candidates" in response.text
    client.force_login(olivia)
    assert client.get("/jobs/", {"sort": "match"}).status_code == 400
    client.force_login(alice)
    response = client.get("/jobs/", {"sort": "match"})
    assert response.status_code == 200
    best_title, best_score = expected_order(
        alice_profile,
        newest(
            "Senior Python Developer",
            "Data Engineer",
            "Engineering Lead",
            "Frontend Developer",
        ),
    )[0]
    assert f'{best_title}</a> <span class="pill">{best_score}% match</span>' in (
        response.text
    )


def test_the_match_order_is_cached_per_candidate(alice, alice_profile, bob, catalogue):  # noqa: F811
    make_profile(bob, skills=["React"], city="Munich", country="DE")
    mine = [r["title"] for r in search("sort=match", alice).results]
    theirs = [r["title"] for r in search("sort=match", bob).results]
    assert mine[0] == "Senior Python Developer"
    assert theirs[0] == "Frontend Developer"
    cache.clear()
    assert [r["title"] for r in search("sort=match", alice).results] == mine
