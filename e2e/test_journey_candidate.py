"""The candidate's whole job in a real browser: sign up, build the profile from a
resume, search, read the match, apply, follow the stage, reply, withdraw,
download their data and leave."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import User
from documents.pdf_writer import build_pdf
from e2e.conftest import off_loop, open_job
from hotgigs.testing.browser import assert_accessible, finish_signup, log_in, screenshot
from jobs.models import Application
from jobs.services.applications import application_submit, application_transition
from notifications.messaging import conversation_start_for_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-unusual-passphrase-42"
RESUME_LINES = [
    "Carla Candidate",
    "carla@example.com  +49 30 1234567  github.com/carla",
    "Summary",
    "Backend developer building Python services.",
    "Experience",
    "Backend Developer, Initech  Jan 2019 - Dec 2022",
    "- Cut API latency by 40% with PostgreSQL tuning",
    "Education",
    "BSc Computer Science, TU Berlin 2018",
    "Skills",
    "Python, Django, PostgreSQL, Docker",
]


@pytest.fixture
def jobs(acme, globex):
    return {
        "backend": open_job(
            acme,
            title="Backend Developer",
            slug="backend-developer",
            skills=["python", "django"],
            nice=["docker"],
            remote_policy="onsite",
        ),
        "data": open_job(
            globex,
            title="Data Engineer",
            slug="data-engineer",
            skills=["python"],
            remote_policy="remote",
        ),
        "frontend": open_job(
            globex,
            title="Frontend Developer",
            slug="frontend-developer",
            skills=["javascript"],
            city="Paris",
            country="FR",
            remote_policy="onsite",
        ),
    }


def sign_up(page):
    page.goto("/accounts/signup/")
    page.fill("input[name=full_name]", "Carla Candidate")
    page.fill("input[name=email]", "carla@example.com")
    page.check("input[name=role][value=candidate]")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    assert_accessible(page, "candidate-01-signup")
    page.get_by_role("button", name="Sign up").click()
    finish_signup(page, "carla@example.com")
    expect(page).to_have_url("/dashboard/")
    expect(page.locator("h1")).to_contain_text("Carla")


def build_profile(page):
    page.goto("/profile/")
    assert_accessible(page, "candidate-02-profile-empty")
    # Each section saves on its own (basics, then preferences).
    page.get_by_label("City").fill("Berlin")
    page.get_by_label("Country").select_option("DE")
    page.get_by_role("button", name="Save basics").click()
    expect(page.locator(".messages")).to_contain_text("Basics saved.")
    expect(page.get_by_label("Country")).to_have_value("DE")
    page.get_by_label("Salary currency").fill("eur")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".messages")).to_contain_text("Preferences saved.")
    expect(page.get_by_label("Salary currency")).to_have_value("EUR")


def upload_resume(page, tmp_path):
    resume = tmp_path / "carla-cv.pdf"
    resume.write_bytes(build_pdf([RESUME_LINES]))
    page.goto("/documents/")
    expect(page.locator(".empty").first).to_be_visible()
    page.get_by_label("File", exact=True).set_input_files(str(resume))
    page.get_by_role("button", name="Upload").click()
    row = page.locator("tr[data-document-id]")
    expect(row).to_have_count(1)
    # Extraction runs after the upload; the status ends "Ready".
    for _ in range(10):
        if row.locator(".pill-ok").count():
            break
        page.wait_for_timeout(300)
        page.goto("/documents/")
    expect(row.locator(".document-status")).to_contain_text("Ready")
    expect(row).to_contain_text("carla-cv.pdf")
    assert_accessible(page, "candidate-03-documents")


def accept_suggestions(page):
    page.goto("/resume-analysis/")
    page.get_by_role("button", name="Analyse").click()
    expect(page.locator("h2").first).to_contain_text("Score:")
    assert_accessible(page, "candidate-04-resume-analysis")
    page.get_by_role("link", name="Fill my profile from this resume").click()
    expect(page.locator("h1")).to_contain_text("Fill my profile")
    expect(page.locator("input[name=skills][value=python]")).to_be_checked()
    expect(page.locator("input[name=skills][value=django]")).to_be_checked()
    assert_accessible(page, "candidate-05-resume-fill")
    page.get_by_role("button", name="Apply to my profile").click()


def test_candidate_journey(page, new_page, jobs, olivia, tmp_path):
    sign_up(page)
    build_profile(page)
    upload_resume(page, tmp_path)
    accept_suggestions(page)
    carla = User.objects.get(email="carla@example.com")
    skills = set(carla.candidate_profile.skills.values_list("skill__slug", flat=True))
    assert {"python", "django"} <= skills

    # Search with filters: keywords + remote policy narrow the list.
    page.goto("/jobs/?q=developer")
    expect(page.locator("#results-heading")).to_have_text("2 jobs")
    page.get_by_label("Country").select_option("DE")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results-heading")).to_have_text("1 job")
    expect(page.locator(".job-results")).to_contain_text("Backend Developer")
    expect(page.locator(".job-results")).not_to_contain_text("Frontend Developer")
    assert_accessible(page, "candidate-06-search")

    # Open the job, read how she matches.
    page.get_by_role("link", name="Backend Developer").first.click()
    expect(page.locator("h1")).to_have_text("Backend Developer")
    assert_accessible(page, "candidate-07-job")
    page.goto("/jobs/backend-developer/match/")
    panel = page.locator(".match-panel")
    expect(panel).to_contain_text("/ 100")
    expect(panel.locator("dd").first).to_contain_text("Python")
    expect(panel.locator("dd").first).to_contain_text("Django")
    expect(panel.locator("dd").last).to_have_text("none")  # no missing skills
    assert_accessible(page, "candidate-08-match")

    # Apply with the uploaded resume, then to a second job.
    for slug in ("backend-developer", "data-engineer"):
        page.goto(f"/jobs/{slug}/")
        page.get_by_role("link", name="Apply").click()
        page.get_by_label("Cover letter", exact=True).fill("I would love to.")
        assert_accessible(page)
        page.get_by_role("button", name="Send application").click()
        expect(page.locator("#application-stage")).to_have_text("Applied")
    screenshot(page, "candidate-09-applied")
    assert Application.objects.filter(candidate=carla).count() == 2

    # The employer moves her to screening and writes to her.
    backend = Application.objects.get(candidate=carla, job=jobs["backend"])
    off_loop(
        application_transition,
        application=backend,
        to_stage="screening",
        actor=olivia,
    )
    off_loop(
        conversation_start_for_application,
        user=olivia,
        application=backend,
        body="Hi Carla, when can you talk?",
    )

    page.goto("/applications/")
    table = page.locator("table")
    expect(table.locator("tr", has_text="Backend Developer")).to_contain_text(
        "Screening"
    )
    assert_accessible(page, "candidate-10-applications")
    page.goto("/notifications/")
    expect(page.locator(".notification-list")).to_contain_text("Backend Developer")
    assert_accessible(page, "candidate-11-notifications")

    # Reply to the message.
    page.goto("/messages/")
    page.get_by_role("link", name="Acme").first.click()
    expect(page.locator(".message-list")).to_contain_text("when can you talk?")
    page.get_by_role("textbox", name="Message").fill("Tomorrow at ten works for me.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".message-list")).to_contain_text("Tomorrow at ten")
    assert_accessible(page, "candidate-12-conversation")

    # Withdraw the other application (a confirmation page first).
    page.goto("/applications/")
    page.locator("tr", has_text="Data Engineer").get_by_role(
        "link", name="Withdraw"
    ).click()
    expect(page.locator("h1")).to_contain_text("Withdraw your application")
    assert_accessible(page, "candidate-13-withdraw")
    page.get_by_label("Reason (optional)").fill("I took another offer.")
    page.get_by_label("Yes, withdraw my application").check()
    page.get_by_role("button", name="Withdraw").click()
    expect(page.locator(".messages")).to_contain_text("withdrawn")
    expect(page.locator("tr", has_text="Data Engineer")).to_contain_text("Withdrawn")

    # Download her data.
    page.goto("/accounts/settings/")
    assert_accessible(page, "candidate-14-settings")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["account"]["email"] == "carla@example.com"

    # Delete the account: a confirmation page asks for the password.
    page.get_by_role("link", name="Delete my account").click()
    assert_accessible(page, "candidate-15-delete")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".field-error").first).to_be_visible()  # nothing given
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".messages")).to_contain_text("deleted")
    assert not User.objects.filter(email="carla@example.com").exists()
    assert page.js_errors == []


@pytest.mark.postgres
def test_candidate_sees_the_stage_change_live(
    new_page, asgi_live_server, acme, olivia, alice
):
    """The employer moves the card in their browser; the candidate's header
    badge counts the notification without a reload (WebSocket, live.js)."""
    job = open_job(acme, title="Backend Developer", slug="backend", skills=["python"])
    application = off_loop(application_submit, candidate=alice, job=job)
    candidate = new_page(base_url=asgi_live_server)
    log_in(candidate, alice, next_url="/applications/")
    badge = candidate.locator("[data-unread-count]")
    expect(badge).to_have_text("0")
    candidate.evaluate("window.stillTheSamePage = true")

    employer = new_page(base_url=asgi_live_server)
    log_in(employer, olivia, next_url="/jobs/backend/pipeline/")
    card = employer.locator(f'[data-application="{application.pk}"]')
    card.get_by_label("Move Alice Candidate to").select_option("screening")
    card.get_by_role("button", name="Move").click()
    expect(employer.locator('[data-stage="screening"] [data-count]')).to_have_text("1")

    expect(badge).to_have_text("1")
    assert candidate.evaluate("window.stillTheSamePage") is True
    screenshot(candidate, "candidate-live-badge")
    assert candidate.js_errors == [] and employer.js_errors == []
