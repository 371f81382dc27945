"""/api/v1/ai/: match, recommendations, ranked candidates — per persona, exact
values, bad input, opt-out on every path and query counts."""

import pytest

from candidates.tests.factories import make_profile
from jobs.models import Application
from jobs.tests.ranking.wiring import alice_profile, backend_job, published_job
from matching.corpus import current_corpus
from matching.occupations import get_occupation_index
from matching.skills import get_taxonomy

pytestmark = pytest.mark.django_db

MATCH = "/api/v1/ai/match/"
RECS = "/api/v1/ai/recommendations/"


def ranked_url(job):
    return f"/api/v1/ai/jobs/{job.pk}/candidates/"


@pytest.fixture
def job(acme):
    return backend_job(acme)


@pytest.fixture
def profile(alice):
    return alice_profile(alice)


EXPECTED_COMPONENTS = [
    {"name": "text", "score": 75.38, "weight": 16.0,
     "reasons": ["text relevance (BM25) 57% of the best possible"]},
    {"name": "similarity", "score": 87.71, "weight": 44.0,
     "reasons": ["the texts are 77% alike as a whole (TF-IDF cosine)"]},
    {"name": "meaning", "score": 90.36, "weight": 9.0,
     "reasons": ["the texts are 90% alike in meaning (word vectors)"]},
    {
        "name": "skills",
        "score": 83.0,
        "weight": 6.0,
        "reasons": ["all 2 required skills", "0 of 1 nice-to-have skills",
                    "missing Docker"],
    },
    {
        "name": "experience",
        "score": 100.0,
        "weight": 5.0,
        "reasons": ["mid level matches", "5 years of experience (3 asked)"],
    },
    {"name": "location", "score": 100.0, "weight": 5.0,
     "reasons": ["same city (Berlin)"]},
    {"name": "salary", "score": 100.0, "weight": 2.0, "reasons": ["salary fits"]},
]  # fmt: skip


def test_candidate_gets_her_own_score_with_components(api_as, alice, job, profile):
    response = api_as(alice).get(MATCH, {"job": job.pk})

    assert response.status_code == 200
    body = response.json()
    assert body["score"] == 87
    assert body["capped"] is False
    assert body["components"] == EXPECTED_COMPONENTS
    assert body["matched_skills"] == ["Django", "Python"]
    assert body["partial_skills"] == []
    assert body["missing_skills"] == ["Docker"]
    assert body["explanation"] == (
        "all 2 required skills; 5 years of experience (3 asked); salary fits; "
        "same city (Berlin)"
    )


def test_an_opted_out_candidate_still_sees_her_own_score(api_as, alice, job, alice_out):
    response = api_as(alice).get(MATCH, {"job": job.pk})

    assert response.status_code == 200
    assert response.json()["score"] == 87


@pytest.fixture
def alice_out(alice):
    return alice_profile(alice, opt_out_of_matching=True)


def test_team_scores_a_candidate_phrased_for_employers(
    api_as, olivia, tom, job, profile
):
    for member in (olivia, tom):
        response = api_as(member).get(MATCH, {"job": job.pk, "candidate": profile.pk})
        assert response.status_code == 200
        assert response.json()["score"] == 87
        assert response.json()["candidate"] == profile.pk


def test_team_gets_409_for_a_candidate_who_opted_out(api_as, olivia, job, alice_out):
    response = api_as(olivia).get(MATCH, {"job": job.pk, "candidate": alice_out.pk})

    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "This candidate opted out of automated match scoring; "
        "their profile is not scored for employers."
    )


def test_match_per_persona(api, api_as, bob, eve, globex, rita, sam, job, profile):
    query = {"job": job.pk, "candidate": profile.pk}
    assert api.get(MATCH, query).status_code == 401
    assert api_as(bob).get(MATCH, query).status_code == 403  # a candidate
    assert api_as(eve).get(MATCH, query).status_code == 404  # another company
    assert api_as(rita).get(MATCH, query).status_code == 404
    assert api_as(sam).get(MATCH, query).status_code == 404
    # an employer has no score of their own
    assert api_as(eve).get(MATCH, {"job": job.pk}).status_code == 403


def test_match_hidden_profile_is_404_unless_applied(api_as, olivia, alice, job):
    hidden = alice_profile(alice, visibility="hidden")
    query = {"job": job.pk, "candidate": hidden.pk}
    assert api_as(olivia).get(MATCH, query).status_code == 404

    Application.objects.create(job=job, candidate=alice)
    assert api_as(olivia).get(MATCH, query).status_code == 200


@pytest.mark.parametrize(
    "query",
    [{}, {"job": "x"}, {"job": 0}, {"job": 2**40}, {"job": 1, "candidate": "y"}],
)
def test_match_bad_input_is_400(api_as, alice, profile, query):
    response = api_as(alice).get(MATCH, query)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_match_unknown_or_draft_job_is_404_for_a_candidate(
    api_as, alice, acme, profile
):
    draft = backend_job(acme, slug="draft-job", published=False)
    assert api_as(alice).get(MATCH, {"job": draft.pk}).status_code == 404
    assert api_as(alice).get(MATCH, {"job": 999999}).status_code == 404


# --- recommendations ---------------------------------------------------------


def test_recommendations_rank_and_exclude_applied_unpublished_expired(
    api_as, alice, acme, profile, job, django_assert_max_num_queries
):
    import datetime

    from django.utils import timezone

    python_only = published_job("Python Engineer", skills=("python",))
    applied = published_job("Django Developer", skills=("python", "django"))
    Application.objects.create(job=applied, candidate=alice)
    published_job("Old Python job", skills=("python",), days_ago=200)
    published_job(
        "Expired Python job",
        skills=("python",),
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    backend_job(acme, slug="a-draft", published=False)
    published_job("Nurse", skills=("critical-care-nursing",))

    response = api_as(alice).get(RECS)

    assert response.status_code == 200
    rows = response.json()
    # the backend job says what alice's profile says (text weighs most): first;
    # the Python-only job lacks nothing she has but says little
    assert [(r["job"]["id"], r["match"]["score"]) for r in rows] == [
        (job.pk, 87),
        (python_only.pk, 74),
    ]
    assert rows[0]["job"]["company"] == "Acme"


def test_recommendations_query_count_does_not_grow(api_as, alice, profile):
    client = api_as(alice)
    from django.core.cache import cache

    for i in range(5):
        published_job(f"Python Engineer {i}")
    get_taxonomy()  # built once per process, not per request
    get_occupation_index()  # likewise
    cache.clear()  # both calls with an empty cache (versions read back)
    with_5 = _count_queries(lambda: client.get(RECS))
    for i in range(45):
        published_job(f"More Python {i}")
    cache.clear()
    with_50 = _count_queries(lambda: client.get(RECS))

    assert with_5 == with_50


def _count_queries(call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = call()
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_recommendations_per_persona(api, api_as, olivia, bob):
    assert api.get(RECS).status_code == 401
    assert api_as(olivia).get(RECS).status_code == 403
    assert api_as(bob).get(RECS).json() == []  # no profile yet


def test_recommendations_are_cached_until_the_profile_or_jobs_change(
    api_as, alice, profile, job
):
    client = api_as(alice)
    assert [r["job"]["id"] for r in client.get(RECS).json()] == [job.pk]

    from jobs.search_cache import bump_search_version

    newer = published_job("Python Engineer")
    assert [r["job"]["id"] for r in client.get(RECS).json()] == [job.pk]  # cached
    bump_search_version()
    assert [r["job"]["id"] for r in client.get(RECS).json()] == [job.pk, newer.pk]


# --- ranked candidates ---------------------------------------------------------


@pytest.fixture
def applicants(job, alice, bob):
    """alice (87), bob (Python only), carol opted out; dave visible, not applied."""
    alice_profile(alice)
    make_profile(bob, skills=["Python"], city="Berlin", country="DE")
    carol = make_profile(skills=["Python", "Django"], opt_out_of_matching=True)
    dave = make_profile(skills=["Django"], city="Munich", country="DE")
    for user in (alice, bob, carol.user):
        Application.objects.create(job=job, candidate=user)
    return {"carol": carol, "dave": dave}


def test_team_ranks_applicants_opted_out_last_unscored(api_as, olivia, job, applicants):
    response = api_as(olivia).get(ranked_url(job), {"applicants_only": "true"})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["name"], r["scored"]) for r in rows] == [
        ("Alice Candidate", True),
        ("Bob Candidate", True),
        (applicants["carol"].user.full_name, False),
    ]
    assert rows[0]["match"]["score"] == 87
    assert rows[0]["stage"] == "applied"
    assert rows[2]["match"] is None
    assert rows[2]["not_scored_reason"] == "not scored at the candidate's request"


def test_every_page_of_a_ranking_is_explained_in_order(api_as, olivia, job, profile):
    """The ranking is ordered whole and each page explains its own rows: page 2
    carries the same explained results as scoring each of its candidates."""
    Application.objects.create(job=job, candidate=profile.user)
    for years in range(22):
        other = make_profile(skills=["Python", "Django"], years_experience=years)
        Application.objects.create(job=job, candidate=other.user)
    client = api_as(olivia)
    params = {"applicants_only": "true"}

    first = client.get(ranked_url(job), params).json()
    second = client.get(ranked_url(job), params | {"page": 2}).json()

    assert first["count"] == 23 and len(second["results"]) == 3
    scores = [r["match"]["score"] for r in first["results"] + second["results"]]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) > 1
    for row in second["results"]:
        direct = client.get(MATCH, {"job": job.pk, "candidate": row["candidate"]})
        assert row["match"] == direct.json()
        assert len(row["match"]["components"]) == 7


def test_ranking_includes_visible_matching_profiles(api_as, tom, job, applicants):
    rows = api_as(tom).get(ranked_url(job)).json()["results"]

    names = [r["name"] for r in rows]
    assert applicants["dave"].user.full_name in names
    dave = next(r for r in rows if r["name"] == applicants["dave"].user.full_name)
    assert dave["applied"] is False
    assert names[-1] == applicants["carol"].user.full_name


def test_ranking_per_persona(api, api_as, alice, eve, globex, sam, job, applicants):
    url = ranked_url(job)
    assert api.get(url).status_code == 401
    assert api_as(alice).get(url).status_code == 403
    assert api_as(eve).get(url).status_code == 404
    assert api_as(sam).get(url).status_code == 404
    assert api_as(eve).get("/api/v1/ai/jobs/999999/candidates/").status_code == 404


def test_ranking_bad_input(api_as, olivia, job, applicants):
    client = api_as(olivia)
    assert client.get(ranked_url(job), {"applicants_only": "maybe"}).status_code == 400
    assert client.get(ranked_url(job), {"page": "x"}).status_code == 404


def test_ranking_query_count_does_not_grow(api_as, olivia, job):
    client = api_as(olivia)

    def add(n):
        for _ in range(n):
            profile = make_profile(skills=["Python"])
            Application.objects.create(job=job, candidate=profile.user)

    add(5)
    get_taxonomy()  # built once per process, not per request
    get_occupation_index()  # likewise
    current_corpus()  # its version is read once, then kept in the shared cache
    with_5 = _count_queries(lambda: client.get(ranked_url(job)))
    add(45)
    with_50 = _count_queries(lambda: client.get(ranked_url(job)))

    assert with_5 == with_50
