"""The resume-analysis page's target job, chosen by title (search box backed by
/api/v1/ai/target-jobs/), and "Fill my profile" writing title, location,
experience and education rows from a real DOCX."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import CandidateProfile
from jobs.models import JobStatus
from jobs.tests.ranking.wiring import alice_profile, published_job

pytestmark = pytest.mark.django_db

TARGET_JOBS = "/api/v1/ai/target-jobs/"
PAGE = "/resume-analysis/"

RESUME_LINES = [
    "Oliver Bennett",
    "oliver.bennett@example.co.uk | 020 7946 0018 | London, United Kingdom",
    "Experience",
    "Senior Software Engineer | Stripeway Inc.",
    "2019-03 – Present",
    "- Led the move of 40 services to Kubernetes.",
    "Software Engineer | Rocket Analytics",
    "2016-09 – 2019-02",
    "Education",
    "BSc Computer Science, University of Leeds, 2016",
    "Skills",
    "Python, Django, PostgreSQL",
]


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def resume(alice, django_capture_on_commit_callbacks):
    import docx

    from documents.services import document_upload

    document = docx.Document()
    for line in RESUME_LINES:
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = document_upload(
            owner=alice,
            file=SimpleUploadedFile("cv.docx", data.getvalue()),
            kind="resume",
        )
    uploaded.refresh_from_db()
    return uploaded


@pytest.fixture
def jobs(acme):
    made = {
        "python": published_job("Python Developer", company=acme, days_ago=2),
        "senior": published_job("Senior Python Developer", company=acme, days_ago=1),
        "nurse": published_job("Registered Nurse", company=acme, days_ago=3),
        "draft": published_job("Python Developer Draft", company=acme),
    }
    made["draft"].status = JobStatus.DRAFT
    made["draft"].save(update_fields=["status"])
    return made


# --- API ----------------------------------------------------------------------


def test_target_jobs_by_title_words_newest_first(api_as, alice, jobs):
    response = api_as(alice).get(TARGET_JOBS, {"q": "python developer"})

    assert response.status_code == 200
    assert [(j["title"], j["company"], j["slug"]) for j in response.json()] == [
        ("Senior Python Developer", "Acme", jobs["senior"].slug),
        ("Python Developer", "Acme", jobs["python"].slug),
    ]  # the draft is never offered
    assert api_as(alice).get(TARGET_JOBS, {"q": "nurse"}).json()[0]["id"] == (
        jobs["nurse"].pk
    )
    assert api_as(alice).get(TARGET_JOBS, {"q": "welder"}).json() == []


def test_target_jobs_personas_and_bad_input(api, api_as, alice, olivia, jobs):
    assert api.get(TARGET_JOBS, {"q": "python"}).status_code == 401
    assert api_as(olivia).get(TARGET_JOBS, {"q": "python"}).status_code == 200
    for params in ({}, {"q": ""}, {"q": "p"}, {"q": " p "}, {"q": "x" * 101}):
        response = api_as(alice).get(TARGET_JOBS, params)
        assert response.status_code == 400, params
        assert "q" in response.json()["error"]["fields"]


def test_resume_analysis_api_reads_the_fields(api_as, alice, resume):
    response = api_as(alice).post(
        "/api/v1/ai/resume-analysis/", {"document": resume.pk}, format="json"
    )

    body = response.json()
    assert response.status_code == 200
    assert body["contact"]["name"] == "Oliver Bennett"
    assert body["contact"]["location"] == "London, United Kingdom"
    assert (body["contact"]["country"], body["contact"]["phone_region"]) == (
        "GB",
        "GB",
    )
    assert body["contact"]["phones"] == ["+442079460018"]
    assert body["headline"] == "Senior Software Engineer"
    assert [(r["title"], r["company"]) for r in body["roles"]] == [
        ("Senior Software Engineer", "Stripeway Inc."),
        ("Software Engineer", "Rocket Analytics"),
    ]
    assert "Rocket" not in {s["skill"]["name"] for s in body["skills"]}
    assert body["profile_proposal"]["headline"] == "Senior Software Engineer"


# --- page ---------------------------------------------------------------------


def test_page_offers_an_accessible_search_box(client, alice, resume):
    client.force_login(alice)

    html = client.get(PAGE).content.decode()

    assert '<label for="job_title">Target job (optional)</label>' in html
    assert 'list="target-job-options"' in html
    assert 'aria-describedby="job_title-hint"' in html
    assert 'aria-live="polite"' in html
    assert 'data-suggest-url="/api/v1/ai/target-jobs/"' in html
    assert "js/resume-analysis.js" in html


def test_page_picks_the_one_job_a_title_matches(client, alice, resume, jobs):
    client.force_login(alice)

    response = client.get(
        PAGE, {"document": resume.pk, "job_title": "registered nurse"}
    )

    assert response.status_code == 200
    assert response.context["job"] == jobs["nurse"]
    assert response.context["job_title"] == "Registered Nurse — Acme"
    assert b"Analysed against" in response.content


def test_page_offers_choices_when_several_jobs_match(client, alice, resume, jobs):
    client.force_login(alice)

    response = client.get(PAGE, {"document": resume.pk, "job_title": "python"})

    assert response.status_code == 200
    assert response.context["job"] is None
    assert response.context["job_choices"] == [jobs["senior"], jobs["python"]]
    assert response.context["error"] == (
        "Several open jobs match “python”; choose one below."
    )
    assert f"job={jobs['senior'].slug}".encode() in response.content


def test_page_exact_title_wins_among_several(client, alice, resume, jobs):
    client.force_login(alice)

    response = client.get(
        PAGE, {"document": resume.pk, "job_title": "Python Developer — Acme"}
    )

    assert response.context["job"] == jobs["python"]


def test_page_chosen_suggestion_and_bad_input(client, alice, resume, jobs):
    client.force_login(alice)
    chosen = {
        "document": resume.pk,
        "job": jobs["senior"].slug,
        "job_title": "Senior Python Developer — Acme",
    }
    assert client.get(PAGE, chosen).context["job"] == jobs["senior"]
    # The title was edited after choosing: the typed title wins.
    edited = dict(chosen, job_title="registered nurse")
    assert client.get(PAGE, edited).context["job"] == jobs["nurse"]

    none = client.get(PAGE, {"document": resume.pk, "job_title": "astronaut"})
    assert none.status_code == 200
    assert (
        none.context["error"]
        == "No open job matches “astronaut”; analysed without one."
    )
    assert none.context["analysis"] is not None
    draft = client.get(PAGE, {"document": resume.pk, "job": jobs["draft"].slug})
    assert draft.context["error"] == "No such job; analysed without one."
    long = client.get(PAGE, {"document": resume.pk, "job_title": "x" * 3000})
    assert long.status_code == 200
    assert len(long.context["job_title"]) == 200


def test_page_personas(client, alice, bob, olivia, resume):
    assert client.get(PAGE).status_code == 302  # anonymous: to sign in
    client.force_login(bob)
    assert client.get(PAGE, {"document": resume.pk}).status_code == 400
    client.force_login(olivia)
    assert client.get(PAGE).status_code == 403


# --- fill my profile ----------------------------------------------------------


def test_fill_writes_title_location_experience_and_education(client, alice, resume):
    alice_profile(alice, headline="", city="", country="", years_experience=0)
    client.force_login(alice)
    url = f"/resume-analysis/{resume.pk}/fill/"

    preview = client.get(url).content.decode()
    assert "Headline: Senior Software Engineer" in preview
    assert "Location: London (GB)" in preview
    assert "Senior Software Engineer at Stripeway Inc." in preview
    assert "BSc Computer Science, University of Leeds (2016)" in preview

    response = client.post(
        url, {"headline": "1", "location": "1", "experience": "1", "education": "1"}
    )

    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=alice)
    assert profile.headline == "Senior Software Engineer"
    assert (profile.city, profile.region, profile.country) == ("London", "", "GB")
    assert list(
        profile.experience.order_by("start_date").values_list(
            "title", "employer_name", "start_date", "end_date", "is_current"
        )
    ) == [
        ("Software Engineer", "Rocket Analytics", date(2016, 9, 1), date(2019, 2, 1),
         False),
        ("Senior Software Engineer", "Stripeway Inc.", date(2019, 3, 1), None, True),
    ]  # fmt: skip
    assert list(
        profile.education.values_list("school", "degree", "field_of_study", "end_year")
    ) == [("University of Leeds", "BSc", "Computer Science", 2016)]

    # A second confirmation adds nothing twice.
    client.post(url, {"headline": "1", "experience": "1", "education": "1"})
    assert (profile.experience.count(), profile.education.count()) == (2, 1)


def test_fill_applies_only_what_is_ticked(client, alice, resume):
    alice_profile(alice, headline="", city="Berlin", country="DE")
    client.force_login(alice)

    client.post(f"/resume-analysis/{resume.pk}/fill/", {"skills": ["nonexistent"]})

    profile = CandidateProfile.objects.get(user=alice)
    assert (profile.headline, profile.city, profile.country) == ("", "Berlin", "DE")
    assert (profile.experience.count(), profile.education.count()) == (0, 0)
    assert sorted(profile.skills.values_list("name", flat=True)) == ["Django", "Python"]
