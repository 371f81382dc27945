"""Pages: apply, my applications, withdraw, saved jobs, the pipeline board and the
team's application page, per persona, with bad input and query counts."""

import datetime

import pytest
from django.urls import reverse

from jobs.models import (
    Application,
    ApplicationNote,
    ApplicationRating,
    Interview,
    SavedJob,
)
from jobs.tests.applications.conftest import future, make_application, make_document


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


# ——— apply ———————————————————————————————————————————————————————————————————


def test_apply_page_preselects_default_resume(as_user, alice, acme_job, alice_resume):
    make_document(alice, name="Old CV")
    response = as_user(alice).get("/jobs/backend/apply/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{alice_resume.pk}" selected>Alice CV</option>' in html
    assert 'for="id_cover_letter"' in html
    assert "csrfmiddlewaretoken" in html


def test_apply_page_posts_and_redirects(as_user, alice, acme_job, alice_resume):
    response = as_user(alice).post(
        "/jobs/backend/apply/",
        {"resume": alice_resume.pk, "cover_letter": "Dear Acme"},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/applications/{application.pk}/"
    assert application.cover_letter == "Dear Acme"
    assert application.resume.snapshot_of_id == alice_resume.pk
    # Applying again goes to the existing application.
    again = as_user(alice).get("/jobs/backend/apply/")
    assert again["Location"] == f"/applications/{application.pk}/"


def test_apply_with_foreign_resume_shows_error(as_user, alice, bob, acme_job):
    bobs = make_document(bob)
    response = as_user(alice).post("/jobs/backend/apply/", {"resume": bobs.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Application.objects.count() == 0


def test_apply_to_closed_job_is_404_and_anonymous_logs_in(
    client, as_user, alice, closed_job, acme_job
):
    assert as_user(alice).get(f"/jobs/{closed_job.slug}/apply/").status_code == 404
    client.logout()
    response = client.get("/jobs/backend/apply/")
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_employer_cannot_apply(as_user, olivia, acme_job):
    response = as_user(olivia).post("/jobs/backend/apply/", {})
    assert response.status_code == 302
    assert Application.objects.count() == 0


# ——— my applications and withdrawal ——————————————————————————————————————————


def test_my_applications_lists_stages_dates_next_step(
    as_user, alice, acme_job, globex_job, bob, django_assert_max_num_queries
):
    make_application(acme_job, alice, stage="interview")
    make_application(globex_job, alice)
    make_application(acme_job, bob)
    client = as_user(alice)
    client.get("/applications/")
    with django_assert_max_num_queries(6):
        response = client.get("/applications/")
    html = response.content.decode()
    assert html.count("<tr>") == 3  # header + 2 rows
    assert "Backend Engineer" in html and "Globex Analyst" in html
    assert "You are invited to interview; watch for the invitation." in html
    assert "Bob" not in html


def test_my_applications_query_count_is_flat(
    as_user, alice, django_assert_max_num_queries
):
    from jobs.tests.factories import JobFactory

    for n in range(15):
        make_application(JobFactory(slug=f"p{n}", published=True), alice)
    client = as_user(alice)
    client.get("/applications/")
    with django_assert_max_num_queries(6):
        assert client.get("/applications/").status_code == 200


def test_withdraw_with_confirmation(as_user, alice, alice_application):
    client = as_user(alice)
    url = f"/applications/{alice_application.pk}/withdraw/"
    assert "Yes, withdraw my application" in client.get(url).content.decode()
    refused = client.post(url, {"reason": "No"})
    assert refused.status_code == 400
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"
    done = client.post(url, {"reason": "Found a job", "confirm": "on"})
    assert done.status_code == 302
    alice_application.refresh_from_db()
    assert (alice_application.stage, alice_application.withdrawal_reason) == (
        "withdrawn",
        "Found a job",
    )
    # Twice: a clear message, no change.
    again = client.post(url, {"confirm": "on"})
    assert again.status_code == 302


def test_withdraw_per_persona(as_user, bob, tom, alice_application):
    url = f"/applications/{alice_application.pk}/withdraw/"
    assert as_user(bob).post(url, {"confirm": "on"}).status_code == 404
    assert as_user(tom).post(url, {"confirm": "on"}).status_code == 404
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"


# ——— application detail: candidate vs team ———————————————————————————————————


@pytest.fixture
def annotated(alice_application, tom):
    ApplicationNote.objects.create(
        application=alice_application, author=tom, body="Secret note"
    )
    ApplicationRating.objects.create(application=alice_application, rater=tom, score=4)
    return alice_application


def test_detail_per_persona(
    client, as_user, alice, bob, olivia, tom, eve, sam, annotated
):
    url = f"/applications/{annotated.pk}/"
    candidate_html = as_user(alice).get(url).content.decode()
    assert "Secret note" not in candidate_html
    assert "4/5" not in candidate_html and "rating" not in candidate_html.lower()
    assert "Applied" in candidate_html

    for member in (olivia, tom):
        html = as_user(member).get(url).content.decode()
        assert "Secret note" in html
        assert "average rating 4.0/5" in html

    for outsider in (bob, eve, sam):
        assert as_user(outsider).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_candidate_sees_polite_rejection_not_the_reason(as_user, alice, acme_job):
    application = make_application(
        acme_job,
        alice,
        stage="rejected",
        rejection_reason="salary",
        rejection_note="Too pricey",
    )
    html = as_user(alice).get(f"/applications/{application.pk}/").content.decode()
    assert "Thank you for your interest." in html
    assert "Too pricey" not in html and "Salary expectations" not in html


def test_team_detail_query_count(
    as_user, tom, annotated, django_assert_max_num_queries
):
    from jobs.services.applications import application_note_add

    client = as_user(tom)
    url = f"/applications/{annotated.pk}/"
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        assert client.get(url).status_code == 200
    for n in range(10):
        application_note_add(application=annotated, author=tom, body=f"note {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


# ——— moves, notes, ratings on pages ———————————————————————————————————————————


def test_move_from_card_and_reject_with_reason(
    as_user, tom, alice, alice_application, django_capture_on_commit_callbacks
):
    client = as_user(tom)
    url = f"/applications/{alice_application.pk}/move/"
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(
            url, {"to_stage": "interview", "next": "/jobs/backend/pipeline/"}
        )
    assert (moved.status_code, moved["Location"]) == (302, "/jobs/backend/pipeline/")
    alice_application.refresh_from_db()
    assert alice_application.stage == "interview"

    no_reason = client.post(url, {"to_stage": "rejected"})
    assert no_reason.status_code == 400
    assert "This field is required." in no_reason.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        rejected = client.post(
            url,
            {
                "to_stage": "rejected",
                "rejection_reason": "experience",
                "notify_candidate": "",
            },
        )
    assert rejected.status_code == 302
    alice_application.refresh_from_db()
    assert (alice_application.stage, alice_application.rejection_reason) == (
        "rejected",
        "experience",
    )
    from notifications.models import Notification

    # The move to interview told alice; the rejection (box unticked) did not.
    assert list(Notification.objects.values_list("kind", flat=True)) == [
        "stage_changed"
    ]


@pytest.mark.parametrize(
    "payload",
    [{}, {"to_stage": "bogus"}, {"to_stage": "applied"}, {"to_stage": "withdrawn"}],
)
def test_move_bad_input(as_user, tom, alice_application, payload):
    response = as_user(tom).post(f"/applications/{alice_application.pk}/move/", payload)
    assert response.status_code == 400
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"


def test_move_out_of_hired_shows_message(as_user, tom, acme_job, alice):
    application = make_application(acme_job, alice, stage="offer")
    client = as_user(tom)
    client.post(f"/applications/{application.pk}/move/", {"to_stage": "hired"})
    response = client.post(
        f"/applications/{application.pk}/move/", {"to_stage": "hired"}, follow=True
    )
    assert response.status_code == 400  # hired is no longer a choice


def test_team_actions_per_persona(as_user, alice, eve, bob, alice_application):
    pk = alice_application.pk
    for user in (alice, eve, bob):
        client = as_user(user)
        assert (
            client.post(
                f"/applications/{pk}/move/", {"to_stage": "screening"}
            ).status_code
            == 404
        )
        assert (
            client.post(f"/applications/{pk}/notes/", {"body": "x"}).status_code == 404
        )
        assert (
            client.post(f"/applications/{pk}/rating/", {"score": 5}).status_code == 404
        )
        assert client.get(f"/applications/{pk}/interviews/new/").status_code == 404
    assert ApplicationNote.objects.count() == 0
    assert ApplicationRating.objects.count() == 0


def test_note_and_rating_forms(as_user, tom, alice_application):
    client = as_user(tom)
    pk = alice_application.pk
    assert (
        client.post(f"/applications/{pk}/notes/", {"body": "Solid"}).status_code == 302
    )
    assert client.post(f"/applications/{pk}/notes/", {"body": ""}).status_code == 400
    assert client.post(f"/applications/{pk}/rating/", {"score": 4}).status_code == 302
    assert client.post(f"/applications/{pk}/rating/", {"score": 9}).status_code == 400
    assert client.post(f"/applications/{pk}/rating/", {"score": "x"}).status_code == 400
    assert list(ApplicationNote.objects.values_list("body", flat=True)) == ["Solid"]
    assert list(ApplicationRating.objects.values_list("score", flat=True)) == [4]


# ——— interviews on pages ————————————————————————————————————————————————————


def test_schedule_reschedule_cancel_and_ics(
    as_user, tom, olivia, alice, eve, alice_application
):
    client = as_user(tom)
    pk = alice_application.pk
    day = future().date()
    response = client.post(
        f"/applications/{pk}/interviews/new/",
        {
            "date": day.isoformat(),
            "time": "10:30",
            "timezone": "America/New_York",
            "duration_minutes": 30,
            "interviewers": [olivia.pk],
            "location": "Zoom",
        },
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert interview.local_starts_at.strftime("%H:%M") == "10:30"
    assert interview.starts_at.utcoffset() == datetime.timedelta(0)

    bad = client.post(
        f"/applications/{pk}/interviews/{interview.pk}/edit/",
        {"date": "x", "time": "25:00", "timezone": "Bogus/Zone", "duration_minutes": 0},
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "is not a known time zone" in html

    ics_url = f"/applications/{pk}/interviews/{interview.pk}.ics"
    ics = as_user(alice).get(ics_url)
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"METHOD:REQUEST" in ics.content
    assert as_user(eve).get(ics_url).status_code == 404

    client = as_user(tom)
    assert (
        client.post(f"/applications/{pk}/interviews/{interview.pk}/cancel/").status_code
        == 302
    )
    interview.refresh_from_db()
    assert interview.status == "cancelled"
    candidate_html = as_user(alice).get(f"/applications/{pk}/").content.decode()
    assert "Cancelled" in candidate_html


# ——— pipeline board ——————————————————————————————————————————————————————————


def test_board_per_persona(client, as_user, olivia, tom, alice, eve, sam, acme_job):
    url = "/jobs/backend/pipeline/"
    assert as_user(olivia).get(url).status_code == 200
    assert as_user(tom).get(url).status_code == 200
    for user in (alice, eve, sam):
        assert as_user(user).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_board_columns_counts_cards(as_user, tom, alice, bob, acme_job):
    from candidates.tests.factories import CandidateProfileFactory

    CandidateProfileFactory(user=alice, headline="Python wizard")
    a = make_application(acme_job, alice, stage="interview")
    make_application(acme_job, bob)
    ApplicationRating.objects.create(application=a, rater=tom, score=5)

    response = as_user(tom).get("/jobs/backend/pipeline/")
    columns = {c["stage"].value: c for c in response.context["columns"]}
    assert {k: c["count"] for k, c in columns.items()} == {
        "applied": 1,
        "screening": 0,
        "interview": 1,
        "offer": 0,
        "hired": 0,
        "rejected": 0,
        "withdrawn": 0,
    }
    html = response.content.decode()
    assert "Python wizard" in html
    assert "Rating 5.0/5" in html
    assert 'src="/static/js/pipeline.js"' in html
    assert f'<select name="to_stage" id="move-{a.pk}">' in html


def test_board_query_count_is_flat(
    as_user, tom, acme_job, django_assert_max_num_queries
):
    from accounts.tests.factories import UserFactory

    client = as_user(tom)
    for n in range(3):
        make_application(acme_job, UserFactory(email=f"b{n}@example.com"))
    # 9 for the board, 4 for the match scores batch
    # (jobs.ranking.selectors.applicant_scores_for)
    with django_assert_max_num_queries(13) as few:
        client.get("/jobs/backend/pipeline/")
    for n in range(3, 30):
        make_application(
            acme_job, UserFactory(email=f"b{n}@example.com"), stage="screening"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/jobs/backend/pipeline/")


def test_bulk_move_and_reject(as_user, tom, alice, bob, acme_job):
    a = make_application(acme_job, alice)
    b = make_application(acme_job, bob, stage="hired")
    client = as_user(tom)
    url = "/jobs/backend/pipeline/bulk/"
    response = client.post(
        url,
        {"action": "move", "to_stage": "screening", "applications": [a.pk, b.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 moved.",
        "1 skipped: their stage does not allow it.",
    ]
    assert dict(Application.objects.values_list("pk", "stage")) == {
        a.pk: "screening",
        b.pk: "hired",
    }

    no_reason = client.post(
        url, {"action": "reject", "applications": [a.pk]}, follow=True
    )
    assert "Choose a reason to reject." in no_reason.content.decode()
    client.post(
        url, {"action": "reject", "rejection_reason": "skills", "applications": [a.pk]}
    )
    a.refresh_from_db()
    assert (a.stage, a.rejection_reason) == ("rejected", "skills")


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"action": "explode"},
        {"action": "move", "to_stage": "screening", "applications": ["x"]},
        {"action": "move", "to_stage": "screening", "applications": [999999]},
    ],
)
def test_bulk_bad_input_changes_nothing(as_user, tom, alice, acme_job, payload):
    a = make_application(acme_job, alice)
    response = as_user(tom).post("/jobs/backend/pipeline/bulk/", payload)
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.stage == "applied"


def test_bulk_by_outsider_is_404(as_user, eve, alice, acme_job):
    a = make_application(acme_job, alice)
    response = as_user(eve).post(
        "/jobs/backend/pipeline/bulk/",
        {"action": "move", "to_stage": "screening", "applications": [a.pk]},
    )
    assert response.status_code == 404


# ——— saved jobs ——————————————————————————————————————————————————————————————


def test_save_and_unsave(as_user, alice, acme_job, closed_job):
    client = as_user(alice)
    client.post("/jobs/backend/save/", {"action": "save"})
    client.post("/jobs/backend/save/", {"action": "save"})
    assert list(SavedJob.objects.values_list("job__slug", flat=True)) == ["backend"]
    html = client.get(reverse("jobs:saved-jobs")).content.decode()
    assert "Backend Engineer" in html
    client.post(
        "/jobs/backend/save/", {"action": "unsave", "next": "https://evil.example/"}
    )
    assert SavedJob.objects.count() == 0
    response = client.post(f"/jobs/{closed_job.slug}/save/", {"action": "save"})
    assert response.status_code == 302
    assert SavedJob.objects.count() == 0
    assert client.get("/jobs/backend/save/").status_code == 405


def test_job_page_shows_apply_save_and_pipeline(client, as_user, alice, tom, acme_job):
    html = client.get("/jobs/backend/").content.decode()
    assert 'href="/jobs/backend/apply/"' in html
    assert 'action="/jobs/backend/save/"' not in html  # anonymous: no save button
    client = as_user(alice)
    assert 'value="save"' in client.get("/jobs/backend/").content.decode()
    client.post("/jobs/backend/save/", {"action": "save"})
    html = client.get("/jobs/backend/").content.decode()
    assert 'value="unsave"' in html
    make_application(acme_job, alice)
    assert "You applied — Applied" in client.get("/jobs/backend/").content.decode()
    html = as_user(tom).get("/jobs/backend/").content.decode()
    assert 'href="/jobs/backend/pipeline/"' in html
    assert 'href="/jobs/backend/apply/"' not in html


def test_empty_posts_are_submits(as_user, alice, tom, acme_job, alice_resume):
    client = as_user(alice)
    response = client.post("/jobs/backend/apply/", {})
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.resume.snapshot_of_id == alice_resume.pk  # the default
    assert (
        client.post(f"/applications/{application.pk}/withdraw/", {}).status_code == 400
    )
    client = as_user(tom)
    url = f"/applications/{application.pk}/interviews/new/"
    assert client.post(url, {}).status_code == 400
    assert Interview.objects.count() == 0


def test_bulk_cannot_withdraw(as_user, tom, alice, acme_job):
    a = make_application(acme_job, alice)
    response = as_user(tom).post(
        "/jobs/backend/pipeline/bulk/",
        {"action": "move", "to_stage": "withdrawn", "applications": [a.pk]},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.stage == "applied"


def test_interview_time_is_written_in_its_own_zone_with_its_label(
    as_user, tom, olivia, alice, alice_application
):
    # 14:30 in Berlin on a winter day is 13:30 UTC: the page must say 14:30
    # Europe/Berlin (as the email and .ics do), never the UTC clock time.
    day = datetime.date(future().year + 1, 1, 15)
    response = as_user(tom).post(
        f"/applications/{alice_application.pk}/interviews/new/",
        {
            "date": day.isoformat(),
            "time": "14:30",
            "timezone": "Europe/Berlin",
            "duration_minutes": 45,
            "interviewers": [olivia.pk],
            "location": "Room 2",
        },
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    stamp = (
        f'<time datetime="{day.isoformat()}T13:30:00+00:00" '
        f'data-zone="Europe/Berlin" data-format="datetime">'
        f"{day:%A} {day.day} January {day.year}, 14:30 Europe/Berlin</time>"
    )
    for user in (tom, alice):
        html = as_user(user).get(f"/applications/{alice_application.pk}/").content
        assert stamp in html.decode(), user
    assert interview.starts_at.hour == 13
