"""The matching panels on pages owned by lower apps (matching_tags): the job page's
"why" panel and similar jobs, and the pipeline board's scores, per persona, with
query counts that do not grow with the data."""

import pytest

from matching.tests.wiring import alice_profile, backend_job, published_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(acme):
    return backend_job(acme)


def test_job_page_shows_the_candidate_their_why_panel_and_similar_jobs(
    client, alice, job
):
    alice_profile(alice)
    similar = published_job("Backend Developer Python", skills=("python", "django"))
    published_job("Nurse", skills=("critical-care-nursing",))
    client.force_login(alice)

    html = client.get(f"/jobs/{job.slug}/").content.decode()

    assert "Your match: " in html
    assert "93 / 100" in html
    assert 'id="similar-heading"' in html
    assert (
        f'<a href="{similar.get_absolute_url()}">Backend Developer Python</a>' in html
    )
    assert "Nurse" not in html


def test_job_page_without_a_profile_invites_the_candidate_to_create_one(
    client, bob, job
):
    client.force_login(bob)
    html = client.get(f"/jobs/{job.slug}/").content.decode()
    assert "Your match: " not in html
    assert "to see how you match." in html
    assert 'href="/profile/"' in html


@pytest.mark.parametrize("persona", ["olivia", "eve", "rita", "sam", None])
def test_job_page_shows_others_similar_jobs_only(client, request, job, persona):
    similar = published_job("Backend Developer Python", skills=("python", "django"))
    if persona:
        client.force_login(request.getfixturevalue(persona))

    html = client.get(f"/jobs/{job.slug}/").content.decode()

    assert "Your match: " not in html
    assert similar.get_absolute_url() in html
    assert ("Sign in</a> as a candidate" in html) is (persona is None)


def test_draft_job_page_shows_the_team_no_similar_jobs(client, olivia, acme):
    draft = backend_job(acme, slug="draft-backend", published=False, status="draft")
    published_job("Backend Developer Python", skills=("python", "django"))
    client.force_login(olivia)
    html = client.get(f"/jobs/{draft.slug}/").content.decode()
    assert 'id="similar-heading"' not in html
    assert "Your match: " not in html


def test_job_page_query_count_does_not_grow_with_similar_jobs(
    client, alice, job, django_assert_max_num_queries
):
    alice_profile(alice)
    published_job("Backend Developer Python", skills=("python", "django"))
    client.force_login(alice)
    with django_assert_max_num_queries(20) as few:  # 8 of the page itself
        client.get(f"/jobs/{job.slug}/")
    for n in range(6):
        published_job(f"Python Engineer {n}", skills=("python", "docker"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/jobs/{job.slug}/").status_code == 200
