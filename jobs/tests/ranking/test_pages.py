"""Matching pages per persona: the why panel, similar jobs, recommendations and
ranked candidates (opt-out shown unscored), with flat query counts."""

import pytest

from candidates.tests.factories import make_profile
from jobs.models import Application
from jobs.tests.ranking.wiring import alice_profile, backend_job, published_job
from matching.skills import get_taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(acme):
    return backend_job(acme)


def test_job_match_page_shows_the_why_panel_to_the_candidate(client, alice, job):
    alice_profile(alice)
    similar = published_job("Backend Developer Python", skills=("python", "django"))
    published_job("Nurse", skills=("critical-care-nursing",))
    client.force_login(alice)

    response = client.get(f"/jobs/{job.slug}/match/")

    assert response.status_code == 200
    result = response.context["result"]
    assert result.score == 87
    assert [c.name for c in result.components] == [
        "text", "similarity", "meaning", "skills", "experience", "location",
        "salary",
    ]  # fmt: skip
    assert response.context["similar"] == [similar]
    assert b"87 / 100" in response.content
    assert b"Docker" in response.content


def test_job_match_page_for_others_shows_similar_jobs_only(client, olivia, job):
    response = client.get(f"/jobs/{job.slug}/match/")
    assert response.status_code == 200
    assert response.context["result"] is None
    client.force_login(olivia)
    assert client.get(f"/jobs/{job.slug}/match/").context["result"] is None
    assert client.get("/jobs/no-such-job/match/").status_code == 404


def test_recommendations_page(client, alice, olivia, job):
    alice_profile(alice)
    client.force_login(alice)

    response = client.get("/recommendations/")

    assert response.status_code == 200
    assert [(j.pk, r.score) for j, r in response.context["rows"]] == [(job.pk, 87)]
    client.force_login(olivia)
    assert client.get("/recommendations/").status_code == 403
    client.logout()
    assert client.get("/recommendations/").status_code == 302


def test_ranked_page_per_persona_and_opt_out(
    client,
    olivia,
    tom,
    eve,
    globex,
    alice,
    bob,
    sam,
    job,
    django_assert_max_num_queries,
):
    alice_profile(alice)
    out = make_profile(bob, skills=["Python"], opt_out_of_matching=True)
    for user in (alice, bob):
        Application.objects.create(job=job, candidate=user)
    url = f"/jobs/{job.slug}/ranked/?applicants_only=true"
    get_taxonomy()

    client.force_login(olivia)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.profile.pk, r.result.score if r.result else None) for r in rows] == [
        (alice.candidate_profile.pk, 87),
        (out.pk, None),
    ]
    assert b"Not scored at the candidate's request." in response.content
    assert b"Missing: Docker" in response.content  # the shown rows are explained
    client.force_login(tom)
    assert client.get(url).status_code == 200
    for outsider, status in ((eve, 404), (sam, 404), (alice, 403)):
        client.force_login(outsider)
        assert client.get(url).status_code == status
    client.logout()
    assert client.get(url).status_code == 302
