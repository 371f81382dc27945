"""The ranking panels on pages jobs owns, computed by their views in one batch
each: the job page's "why" panel and similar jobs, and the pipeline board's
scores, per persona, with query counts that do not grow with the data."""

import pytest

from jobs.tests.ranking.wiring import alice_profile, backend_job, published_job
from matching.corpus import current_corpus
from matching.skills import get_taxonomy

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
    assert "87 / 100" in html
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
    get_taxonomy()  # built once per process, not per request
    current_corpus()  # its version is read once, then kept in the shared cache
    with django_assert_max_num_queries(20) as few:  # 8 of the page itself
        client.get(f"/jobs/{job.slug}/")
    for n in range(6):
        published_job(f"Python Engineer {n}", skills=("python", "docker"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/jobs/{job.slug}/").status_code == 200


# --- pipeline board ---------------------------------------------------------------


def test_board_cards_show_the_match_score_and_not_scored(client, tom, alice, bob, job):
    from candidates.tests.factories import make_profile
    from jobs.models import Application

    alice_profile(alice)
    make_profile(bob, skills=["Python"], opt_out_of_matching=True)
    mine = Application.objects.create(job=job, candidate=alice)
    theirs = Application.objects.create(job=job, candidate=bob)
    client.force_login(tom)

    response = client.get(f"/jobs/{job.slug}/pipeline/")

    html = response.content.decode()
    card = html.split(f'data-application="{mine.pk}"')[1].split("</article>")[0]
    assert '<p class="match-score muted" data-match-score>Match 87%</p>' in card
    card = html.split(f'data-application="{theirs.pk}"')[1].split("</article>")[0]
    assert "Match: not scored" in card
    assert "%" not in card.split("data-match-score>")[1].split("</p>")[0]


def test_board_card_without_a_profile_shows_no_score(client, tom, alice, job):
    from jobs.models import Application

    application = Application.objects.create(job=job, candidate=alice)
    client.force_login(tom)
    html = client.get(f"/jobs/{job.slug}/pipeline/").content.decode()
    card = html.split(f'data-application="{application.pk}"')[1].split("</article>")[0]
    assert "data-match-score" not in card


@pytest.mark.parametrize(
    ("persona", "status"),
    [("olivia", 200), ("tom", 200), ("eve", 404), ("alice", 404), ("sam", 404)],
)
def test_board_scores_are_for_the_team_only(
    client, request, alice, job, persona, status
):
    from jobs.models import Application

    alice_profile(alice)
    Application.objects.create(job=job, candidate=alice)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/jobs/{job.slug}/pipeline/")
    assert response.status_code == status
    assert (b"Match 87%" in response.content) is (status == 200)


def test_board_anonymous_is_sent_to_sign_in(client, job):
    response = client.get(f"/jobs/{job.slug}/pipeline/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_board_query_count_does_not_grow_with_applications(
    client, tom, job, django_assert_max_num_queries
):
    from accounts.tests.factories import UserFactory
    from candidates.tests.factories import make_profile
    from jobs.models import Application

    def apply(n):
        user = UserFactory(email=f"c{n}@example.com")
        make_profile(user, skills=["Python", "Django"], opt_out_of_matching=n % 3 == 0)
        Application.objects.create(job=job, candidate=user)

    for n in range(3):
        apply(n)
    client.force_login(tom)
    with django_assert_max_num_queries(20) as few:
        client.get(f"/jobs/{job.slug}/pipeline/")
    for n in range(3, 25):
        apply(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(f"/jobs/{job.slug}/pipeline/").content.decode()
    assert html.count("Match: not scored") == 9
    assert html.count("data-match-score>Match ") == 16
