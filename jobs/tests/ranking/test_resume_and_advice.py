"""/api/v1/ai/resume-analysis/ on real PDF/DOCX files and /api/v1/ai/job-advice/
against hand-computed percentiles; pages for both, fill-my-profile on confirmation."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import CandidateProfile
from documents.pdf_writer import build_pdf
from jobs.tests.ranking.wiring import alice_profile, backend_job, published_job
from matching.services import occupations_load

OCCUPATIONS_FIXTURE = (
    Path(__file__).resolve().parents[3]
    / "matching"
    / "tests"
    / "fixtures"
    / "occupations_subset.json"
)

pytestmark = pytest.mark.django_db

RESUME = "/api/v1/ai/resume-analysis/"
ADVICE = "/api/v1/ai/job-advice/"

RESUME_LINES = [
    "Alice Candidate",
    "alice@example.com  +49 30 1234567  github.com/alice",
    "Summary",
    "Backend developer building Python services.",
    "Experience",
    "Backend Developer, Initech  Jan 2019 - Dec 2022",
    "- Cut API latency by 40% with PostgreSQL tuning",
    "- Responsible for Django upgrades",
    "Education",
    "BSc Computer Science, TU Berlin 2018",
    "Skills",
    "Python, Django, PostgreSQL, Docker",
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
def upload(django_capture_on_commit_callbacks):
    from documents.services import document_upload

    def make(owner, data, filename):
        with django_capture_on_commit_callbacks(execute=True):
            document = document_upload(
                owner=owner, file=SimpleUploadedFile(filename, data), kind="resume"
            )
        document.refresh_from_db()
        return document

    return make


def docx_bytes(lines):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, filename",
    [(build_pdf([RESUME_LINES]), "cv.pdf"), (docx_bytes(RESUME_LINES), "cv.docx")],
)
def test_resume_analysis_of_a_real_file(api_as, alice, upload, acme, data, filename):
    document = upload(alice, data, filename)
    job = backend_job(acme)
    from jobs.models import JobSkill
    from matching.models import Skill

    JobSkill.objects.create(job=job, skill=Skill.objects.get(slug="kubernetes"))

    response = api_as(alice).post(
        RESUME, {"document": document.pk, "job": job.pk}, format="json"
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["contact"]["emails"] == ["alice@example.com"]
    assert body["contact"]["phones"] == ["+49301234567"]
    assert body["contact"]["links"] == ["github.com/alice"]
    assert body["sections"] == ["summary", "experience", "education", "skills"]
    assert {s["skill"]["name"] for s in body["skills"]} >= {
        "Python", "Django", "PostgreSQL", "Docker"
    }  # fmt: skip
    assert body["experience_years"] == 3.9
    assert (body["roles"][0]["title"], body["roles"][0]["company"]) == (
        "Backend Developer",
        "Initech",
    )
    assert (body["roles"][0]["start_label"], body["roles"][0]["end_label"]) == (
        "2019-01",
        "2022-12",
    )
    assert body["headline"] == "Backend Developer"
    assert body["contact"]["name"] == "Alice Candidate"
    assert body["contact"]["phone_region"] == "US"  # nothing says a country
    assert body["education"][0] == {
        "degree": "BSc",
        "field": "Computer Science",
        "school": "TU Berlin",
        "year": 2018,
        "line": "BSc Computer Science, TU Berlin 2018",
    }
    codes = [(s["code"], s["severity"]) for s in body["suggestions"]]
    assert ("weak_verb", "low") in codes
    assert ("missing_job_skill", "medium") in codes
    kubernetes = next(
        s for s in body["suggestions"] if s["code"] == "missing_job_skill"
    )
    assert kubernetes["message"] == (
        "The job asks for Kubernetes; show it if you have it."
    )
    assert body["score"] == sum(body["score_parts"].values())
    assert body["profile_proposal"]["headline"] == "Backend Developer"


def test_resume_analysis_per_persona_and_bad_input(
    api, api_as, alice, bob, olivia, upload
):
    document = upload(alice, build_pdf([RESUME_LINES]), "cv.pdf")
    assert api.post(RESUME, {"document": document.pk}).status_code == 401
    assert api_as(bob).post(RESUME, {"document": document.pk}).status_code == 404
    assert api_as(olivia).post(RESUME, {"document": document.pk}).status_code == 403
    client = api_as(alice)
    for payload in ({}, {"document": "x"}, {"document": -1}, {"document": 2**40}):
        assert client.post(RESUME, payload, format="json").status_code == 400
    assert client.post(RESUME, {"document": 999999}).status_code == 404
    bad_job = {"document": document.pk, "job": 999999}
    assert client.post(RESUME, bad_job, format="json").status_code == 404


def test_resume_analysis_of_a_failed_document_is_400(api_as, alice, upload):
    document = upload(alice, build_pdf([RESUME_LINES]), "cv.pdf")
    document.status = "failed"
    document.save(update_fields=["status"])

    response = api_as(alice).post(RESUME, {"document": document.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "document": ["The document is failed, not ready."]
    }


def test_fill_my_profile_previews_then_applies_on_confirmation(client, alice, upload):
    alice_profile(alice, headline="")
    document = upload(alice, docx_bytes(RESUME_LINES), "cv.docx")
    client.force_login(alice)
    url = f"/resume-analysis/{document.pk}/fill/"

    preview = client.get(url)
    assert preview.status_code == 200
    assert b"Backend Developer" in preview.content
    profile = CandidateProfile.objects.get(user=alice)
    assert profile.headline == ""  # nothing written by the preview

    response = client.post(
        url, {"headline": "1", "skills": ["postgresql"], "experience": "1"}
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.headline == "Backend Developer"
    assert profile.years_experience == 5  # years not ticked: unchanged
    assert sorted(profile.skills.values_list("name", flat=True)) == [
        "Django", "PostgreSQL", "Python"
    ]  # fmt: skip
    assert list(profile.experience.values_list("title", "employer_name")) == [
        ("Backend Developer", "Initech")
    ]
    assert profile.education.count() == 0  # education not ticked


def test_fill_my_profile_of_someone_elses_document_is_404(client, alice, bob, upload):
    document = upload(alice, build_pdf([RESUME_LINES]), "cv.pdf")
    client.force_login(bob)

    assert client.get(f"/resume-analysis/{document.pk}/fill/").status_code == 404
    assert client.post(f"/resume-analysis/{document.pk}/fill/").status_code == 404


def test_resume_analysis_page(client, alice, bob, olivia, upload):
    document = upload(alice, build_pdf([RESUME_LINES]), "cv.pdf")
    client.force_login(alice)

    response = client.get("/resume-analysis/", {"document": document.pk})
    assert response.status_code == 200
    assert b"Fill my profile from this resume" in response.content
    assert client.get("/resume-analysis/", {"document": "x"}).status_code == 400
    client.force_login(bob)
    assert client.get("/resume-analysis/", {"document": document.pk}).status_code == 400
    client.force_login(olivia)
    assert client.get("/resume-analysis/").status_code == 403


# --- job-posting advice -----------------------------------------------------


@pytest.fixture
def comparables(acme):
    """Four published 'Python Developer' jobs (senior, DE, EUR) with yearly
    midpoints 60k, 70k, 80k, 100k; a French one; and a different title."""
    specs = [
        ((50000, 70000), ("python", "django"), "DE"),
        ((60000, 80000), ("python", "django"), "DE"),
        ((70000, 90000), ("python", "docker"), "DE"),
        ((90000, 110000), ("python",), "DE"),
        ((20000, 30000), ("python",), "FR"),
    ]
    jobs = [
        published_job(
            f"Senior Python Developer {'(m/f/d)' if i % 2 else ''}".strip(),
            skills=skills,
            experience_level="senior",
            country=country,
            salary_min=low,
            salary_max=high,
            salary_min_yearly=low,
            salary_max_yearly=high,
            salary_currency="EUR",
        )
        for i, ((low, high), skills, country) in enumerate(specs)
    ]
    published_job("Python Developer Advocate", skills=("public-speaking",))
    return jobs


DRAFT = {
    "title": "Python Developer",
    "description": "We are looking for a rockstar developer. Competitive salary.",
    "skills": ["Python"],
    "level": "senior",
    "country": "DE",
    "salary_currency": "EUR",
}


def test_advice_percentiles_and_skills_against_hand_computed_values(
    api_as, olivia, comparables
):
    response = api_as(olivia).post(ADVICE, DRAFT, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    # sorted midpoints 60k 70k 80k 100k: ranks 0.75, 1.5, 2.25
    assert body["salary_band"] == {
        "p25": 67500.0,
        "p50": 75000.0,
        "p75": 85000.0,
        "sample_size": 4,
        "currency": "EUR",
        "basis": "same title, level and country",
    }
    assert body["comparable_jobs"] == 5
    assert body["suggested_skills"] == [
        {"name": "Django", "jobs": 2, "share": 0.4},
        {"name": "Docker", "jobs": 1, "share": 0.2},
    ]
    assert [w["term"] for w in body["wording"]] == ["rockstar"]
    # a short description is "too short" (it was reported "missing")
    assert body["missing_fields"] == ["salary"]
    assert body["too_short"] == ["description"]
    assert body["description_words"] == 9
    assert body["vague"] == ["competitive salary"]
    assert (body["occupation"], body["comparable_by_occupation"]) == (None, 0)


def test_advice_widens_the_salary_comparables_and_says_so(api_as, olivia, comparables):
    draft = DRAFT | {"country": "FR"}

    body = api_as(olivia).post(ADVICE, draft, format="json").json()

    # one French job only → same title and level (all five), midpoints 25k…100k
    assert body["salary_band"]["basis"] == "same title and level"
    assert body["salary_band"]["sample_size"] == 5
    assert body["salary_band"]["p50"] == 70000.0


def test_advice_counts_visible_candidates_at_60_plus(api_as, olivia, acme, alice, bob):
    from candidates.tests.factories import make_profile

    alice_profile(alice)
    make_profile(bob, skills=["Python"], opt_out_of_matching=True)
    make_profile(skills=["Python"], visibility="hidden")
    job = backend_job(acme, published=False, slug="draft")

    body = api_as(olivia).post(ADVICE, {"job": job.pk}, format="json").json()

    assert body["candidates_at_60_plus"] == 1
    assert body["candidates_scored"] == 1  # opted-out and hidden are never scored


def test_advice_per_persona_and_bad_input(
    api, api_as, alice, eve, globex, olivia, acme
):
    job = backend_job(acme)
    assert api.post(ADVICE, DRAFT, format="json").status_code == 401
    assert api_as(alice).post(ADVICE, DRAFT, format="json").status_code == 403
    assert api_as(eve).post(ADVICE, {"job": job.pk}, format="json").status_code == 404
    client = api_as(olivia)
    for payload in (
        {},
        {"title": ""},
        {"title": "x", "level": "guru"},
        {"title": "x", "salary_min": 10, "salary_max": 5},
        {"title": "x", "country": "Germany"},
        {"title": "x", "skills": "Python"},
        {"job": job.pk, "title": "x"},
        {"job": "abc"},
    ):
        response = client.post(ADVICE, payload, format="json")
        assert response.status_code == 400, payload


def test_advice_page_per_persona(client, olivia, tom, eve, globex, alice, acme):
    job = backend_job(acme)
    url = f"/jobs/{job.slug}/advice/"
    for member in (olivia, tom):
        client.force_login(member)
        response = client.get(url)
        assert response.status_code == 200
        assert b"Posting advice" in response.content
    client.force_login(eve)
    assert client.get(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_advice_finds_comparable_jobs_by_occupation_too(api_as, olivia, acme):
    occupations_load(data=json.loads(OCCUPATIONS_FIXTURE.read_text(encoding="utf-8")))
    for title in ["Line Cook", "Restaurant Cook", "Grill Cook", "Cook Supervisor"]:
        published_job(title, skills=("python",))
    published_job("Python Developer", skills=("python",))

    response = api_as(olivia).post(
        ADVICE, {"title": "Line Cook", "description": "Cook."}, format="json"
    )

    body = response.json()
    assert response.status_code == 200, body
    assert body["occupation"] == {"code": "35-2014.00", "title": "Cooks, Restaurant"}
    # Line Cook by title; Restaurant Cook and Grill Cook by occupation
    assert body["comparable_jobs"] == 3
    assert body["comparable_by_occupation"] == 2


def test_advice_page_says_a_short_description_is_too_short(client, olivia, acme):
    occupations_load(data=json.loads(OCCUPATIONS_FIXTURE.read_text(encoding="utf-8")))
    job = published_job(
        "Line Cook",
        skills=("python",),
        company=acme,
        description="<p>Cook our menu.</p>",
    )
    published_job("Restaurant Cook", skills=("python",))
    client.force_login(olivia)

    response = client.get(f"/jobs/{job.slug}/advice/")

    text = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert (
        "The description is too short: 3 words; job seekers look for at least 80."
        in text
    )
    assert "Read as the occupation Cooks, Restaurant (35-2014.00): 1 of the" in text
