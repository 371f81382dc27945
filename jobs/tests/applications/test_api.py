"""Applications API: apply, scoped lists and details per persona, moves, withdrawal,
notes, ratings, saved jobs, bad input and query counts."""

import pytest

from jobs.models import Application, ApplicationNote, ApplicationRating, SavedJob
from jobs.tests.applications.conftest import make_application, make_document
from jobs.tests.factories import JobFactory


def apply_url(job):
    return f"/api/v1/jobs/{job.pk}/apply/"


def detail_url(application, suffix=""):
    return f"/api/v1/applications/{application.pk}/{suffix}"


# ——— apply ———————————————————————————————————————————————————————————————————


def test_apply_with_default_resume(api_as, alice, acme_job, alice_resume):
    response = api_as(alice).post(
        apply_url(acme_job), {"cover_letter": "Hi there"}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    application = Application.objects.get()
    assert body["id"] == application.pk
    assert body["stage"] == "applied"
    assert body["job"] == {
        "id": acme_job.pk,
        "title": "Backend Engineer",
        "slug": "backend",
        "company": "Acme",
    }
    assert body["resume"]["name"] == "Alice CV"
    assert body["resume"]["id"] == application.resume_id != alice_resume.pk
    assert body["cover_letter"] == "Hi there"
    assert [h["to_stage"] for h in body["history"]] == ["applied"]
    assert "notes" not in body and "ratings" not in body


def test_apply_twice_is_409(api_as, alice, acme_job):
    client = api_as(alice)
    assert client.post(apply_url(acme_job), {}, format="json").status_code == 201
    response = client.post(apply_url(acme_job), {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "conflict",
        "message": "You have already applied to this job.",
        "fields": {},
    }
    assert Application.objects.count() == 1


def test_apply_to_closed_job_is_400(api_as, alice, closed_job):
    response = api_as(alice).post(apply_url(closed_job), {}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "job": ["This job is not accepting applications."]
    }


def test_apply_to_unpublished_draft_is_404(api_as, alice, acme):
    draft = JobFactory(company=acme, slug="draft")
    assert api_as(alice).post(apply_url(draft), {}, format="json").status_code == 404
    assert api_as(alice).post("/api/v1/jobs/999999/apply/", {}).status_code == 404


def test_apply_with_foreign_document_is_400(api_as, alice, bob, acme_job):
    bobs = make_document(bob)
    response = api_as(alice).post(
        apply_url(acme_job), {"resume": bobs.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "resume": ["Choose one of your own documents."]
    }
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        {"resume": "abc"},
        {"resume": 987654},
        {"cover_letter_document": 987654},
        {"cover_letter": "x" * 20_001},
        {"cover_letter": ["a list"]},
    ],
)
def test_apply_bad_input_is_400(api_as, alice, acme_job, payload):
    response = api_as(alice).post(apply_url(acme_job), payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert Application.objects.count() == 0


def test_apply_as_employer_is_400_and_anonymous_401(api, api_as, olivia, acme_job):
    assert api_as(olivia).post(apply_url(acme_job), {}).status_code == 400
    assert api.post(apply_url(acme_job), {}).status_code == 401


# ——— list and detail per persona —————————————————————————————————————————————


@pytest.fixture
def pipeline_data(acme_job, globex_job, alice, bob, tom):
    a = make_application(acme_job, alice)
    b = make_application(acme_job, bob, stage="interview")
    g = make_application(globex_job, alice)
    ApplicationNote.objects.create(application=a, author=tom, body="Secret note")
    ApplicationRating.objects.create(application=a, rater=tom, score=4)
    return a, b, g


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_candidate_lists_only_own_applications(api_as, alice, pipeline_data):
    a, b, g = pipeline_data
    response = api_as(alice).get("/api/v1/applications/")
    assert response.status_code == 200
    assert ids(response) == [g.pk, a.pk]
    text = response.content.decode()
    assert "Secret note" not in text
    assert "average_rating" not in text and "ratings" not in text


def test_member_lists_company_applications_with_filters(api_as, tom, pipeline_data):
    a, b, g = pipeline_data
    client = api_as(tom)
    assert ids(client.get("/api/v1/applications/")) == [b.pk, a.pk]
    assert ids(client.get("/api/v1/applications/?stage=interview")) == [b.pk]
    rows = client.get(f"/api/v1/applications/?job={a.job_id}").json()["results"]
    assert [(r["id"], r["average_rating"]) for r in rows] == [(b.pk, None), (a.pk, 4.0)]


def test_outsider_lists_nothing_and_anonymous_401(
    api, api_as, eve, rita, pipeline_data
):
    a, b, g = pipeline_data
    assert ids(api_as(eve).get("/api/v1/applications/")) == [g.pk]  # her own company
    assert ids(api_as(rita).get("/api/v1/applications/")) == []
    assert api.get("/api/v1/applications/").status_code == 401


@pytest.mark.parametrize("query", ["stage=bogus", "job=abc", "cursor=zzz"])
def test_list_bad_filters_are_4xx(api_as, tom, pipeline_data, query):
    response = api_as(tom).get(f"/api/v1/applications/?{query}")
    assert response.status_code in (400, 404)
    assert "error" in response.json()


def test_detail_per_persona(
    api, api_as, alice, bob, olivia, tom, eve, sam, pipeline_data
):
    a, b, g = pipeline_data
    url = detail_url(a)

    team = api_as(tom).get(url).json()
    assert [n["body"] for n in team["notes"]] == ["Secret note"]
    assert team["ratings"] == [{"rater": "Tom Teammate", "score": 4}]
    assert team["average_rating"] == 4.0
    assert api_as(olivia).get(url).json()["notes"][0]["body"] == "Secret note"

    mine = api_as(alice).get(url)
    assert mine.status_code == 200
    assert "notes" not in mine.json() and "ratings" not in mine.json()
    assert "Secret note" not in mine.content.decode()

    for outsider in (bob, eve, sam):
        assert api_as(outsider).get(url).status_code == 404
    assert api.get(url).status_code == 401


def test_candidate_sees_polite_text_not_internal_reason(api_as, alice, acme_job):
    a = make_application(
        acme_job,
        alice,
        stage="rejected",
        rejection_reason="salary",
        rejection_note="Too expensive",
    )
    body = api_as(alice).get(detail_url(a)).json()
    assert body["stage"] == "rejected"
    assert body["message"].startswith("Thank you for your interest.")
    assert "rejection_reason" not in body and "rejection_note" not in body
    assert "Too expensive" not in str(body) and "salary" not in str(body)


def test_list_query_count_does_not_grow(
    api_as, tom, alice, acme_job, django_assert_max_num_queries
):
    from accounts.tests.factories import UserFactory

    client = api_as(tom)
    for n in range(3):
        make_application(acme_job, UserFactory(email=f"c{n}@example.com"))
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/applications/").json()["results"]) == 3
    for n in range(3, 15):
        make_application(acme_job, UserFactory(email=f"c{n}@example.com"))
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/applications/").json()["results"]) == 15


def test_candidate_list_query_count_does_not_grow(
    api_as, alice, django_assert_max_num_queries
):
    client = api_as(alice)
    for n in range(12):
        job = JobFactory(slug=f"j{n}", published=True)
        make_application(job, alice)
    with django_assert_max_num_queries(7):
        assert len(client.get("/api/v1/applications/").json()["results"]) == 12


# ——— transition ——————————————————————————————————————————————————————————————


def test_member_moves_an_application(api_as, tom, alice, alice_application):
    response = api_as(tom).post(
        detail_url(alice_application, "transition/"),
        {"to_stage": "screening", "note": "Call her"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["stage"] == "screening"
    assert [(e["from_stage"], e["to_stage"], e["note"]) for e in body["events"]] == [
        ("", "applied", ""),
        ("applied", "screening", "Call her"),
    ]


def test_refused_transition_is_409(api_as, tom, acme_job, alice):
    a = make_application(acme_job, alice, stage="hired")
    response = api_as(tom).post(
        detail_url(a, "transition/"), {"to_stage": "screening"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "An application in “Hired” cannot move to “Screening”."
    )


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"to_stage": "bogus"},
        {"to_stage": "withdrawn"},
        {"to_stage": "rejected"},
        {"to_stage": "rejected", "rejection_reason": "because"},
        {"to_stage": "screening", "rejection_reason": "skills"},
        {"to_stage": "screening", "notify_candidate": "maybe"},
    ],
)
def test_transition_bad_input_is_400(api_as, tom, alice_application, payload):
    response = api_as(tom).post(
        detail_url(alice_application, "transition/"), payload, format="json"
    )
    assert response.status_code == 400
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"


def test_transition_per_persona(api, api_as, alice, eve, sam, alice_application):
    url = detail_url(alice_application, "transition/")
    payload = {"to_stage": "screening"}
    assert api_as(alice).post(url, payload, format="json").status_code == 403
    assert api_as(eve).post(url, payload, format="json").status_code == 404
    assert api_as(sam).post(url, payload, format="json").status_code == 404
    assert api.post(url, payload, format="json").status_code == 401
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"


# ——— withdraw ————————————————————————————————————————————————————————————————


def test_candidate_withdraws(api_as, alice, alice_application):
    response = api_as(alice).post(
        detail_url(alice_application, "withdraw/"),
        {"reason": "Found one"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "withdrawn"
    again = api_as(alice).post(detail_url(alice_application, "withdraw/"), {})
    assert again.status_code == 409


def test_withdraw_per_persona(api_as, tom, bob, alice_application):
    url = detail_url(alice_application, "withdraw/")
    assert api_as(tom).post(url, {}).status_code == 403
    assert api_as(bob).post(url, {}).status_code == 404
    alice_application.refresh_from_db()
    assert alice_application.stage == "applied"


# ——— notes and ratings ———————————————————————————————————————————————————————


def test_notes_and_rating_for_team_only(api_as, alice, tom, eve, alice_application):
    notes = detail_url(alice_application, "notes/")
    created = api_as(tom).post(notes, {"body": "Great"}, format="json")
    assert created.status_code == 201
    assert created.json()["body"] == "Great"
    assert [n["body"] for n in api_as(tom).get(notes).json()] == ["Great"]
    assert api_as(alice).get(notes).status_code == 403
    assert api_as(alice).post(notes, {"body": "x"}).status_code == 403
    assert api_as(eve).get(notes).status_code == 404
    assert api_as(tom).post(notes, {"body": ""}, format="json").status_code == 400

    rating = detail_url(alice_application, "rating/")
    assert api_as(tom).put(rating, {"score": 5}, format="json").json() == {"score": 5}
    assert api_as(tom).put(rating, {"score": 3}, format="json").json() == {"score": 3}
    for bad in (0, 6, "x", None):
        assert api_as(tom).put(rating, {"score": bad}, format="json").status_code == 400
    assert api_as(alice).put(rating, {"score": 5}, format="json").status_code == 403
    assert api_as(eve).put(rating, {"score": 5}, format="json").status_code == 404
    assert list(ApplicationRating.objects.values_list("rater_id", "score")) == [
        (tom.pk, 3)
    ]
    assert ApplicationNote.objects.count() == 1


# ——— saved jobs ——————————————————————————————————————————————————————————————


def test_saved_jobs_list_create_delete(api, api_as, alice, bob, acme_job, closed_job):
    client = api_as(alice)
    created = client.post("/api/v1/saved-jobs/", {"job": acme_job.pk}, format="json")
    assert created.status_code == 201
    assert created.json()["job"]["slug"] == "backend"
    again = client.post("/api/v1/saved-jobs/", {"job": acme_job.pk}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == created.json()["id"]
    assert [
        r["job"]["id"] for r in client.get("/api/v1/saved-jobs/").json()["results"]
    ] == [acme_job.pk]
    saved_id = created.json()["id"]
    assert api_as(bob).delete(f"/api/v1/saved-jobs/{saved_id}/").status_code == 404
    assert api_as(bob).get("/api/v1/saved-jobs/").json()["results"] == []
    assert client.delete(f"/api/v1/saved-jobs/{saved_id}/").status_code == 204
    assert SavedJob.objects.count() == 0
    for bad in ({}, {"job": "x"}, {"job": 999999}, {"job": closed_job.pk}):
        assert client.post("/api/v1/saved-jobs/", bad, format="json").status_code == 400
    assert api.get("/api/v1/saved-jobs/").status_code == 401


def test_saving_a_draft_answers_like_a_missing_job(api_as, alice, acme):
    # No existence oracle on ids in a body.
    draft = JobFactory(company=acme, title="Secret plan")
    client = api_as(alice)

    draft_answer = client.post("/api/v1/saved-jobs/", {"job": draft.pk}, format="json")
    missing = client.post("/api/v1/saved-jobs/", {"job": 999999}, format="json")

    assert (draft_answer.status_code, draft_answer.json()) == (
        missing.status_code,
        missing.json(),
    )
    assert missing.json()["error"]["fields"] == {"job": ["No such job."]}
    assert SavedJob.objects.count() == 0
