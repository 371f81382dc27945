"""The employer's whole job in a real browser: sign up with a new company, invite
a teammate, post a job with advice, see applicants ranked, run the pipeline
(keyboard move, note, rating, interview, rejection) and read the job's funnel."""

import pytest
from playwright.sync_api import expect

from candidates.tests.factories import make_profile
from companies.models import Company, Invitation
from e2e.conftest import off_loop, open_job
from hotgigs.testing.browser import (
    assert_accessible,
    fill_rich_text,
    finish_signup,
    screenshot,
)
from jobs.models import Application, Interview, Job
from jobs.services.applications import application_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-unusual-passphrase-42"


@pytest.fixture
def market(globex):
    """Other published jobs, so the posting advice has something to compare."""
    for n in range(3):
        open_job(
            globex,
            title="Python Developer",
            slug=f"python-developer-{n}",
            skills=["python", "django", "postgresql"],
            salary_min=55000 + n * 5000,
            salary_max=75000 + n * 5000,
        )


def sign_up_with_company(page):
    page.goto("/accounts/signup/")
    page.fill("input[name=full_name]", "Erin Employer")
    page.fill("input[name=email]", "erin@initrode.test")
    page.check("input[name=role][value=employer]")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    finish_signup(page, "erin@initrode.test")
    expect(page).not_to_have_url("/accounts/signup/")

    page.goto("/companies/new/")
    expect(page.locator("h1")).to_have_text("Create your company")
    page.get_by_role("button", name="Create").click()  # empty: errors by the fields
    expect(page.locator(".field-error").first).to_be_visible()
    assert_accessible(page, "employer-01-company-new-errors")
    page.get_by_label("Name").fill("Initrode")
    page.get_by_label("Headquarters city").fill("Berlin")
    page.get_by_label("Headquarters country").select_option("DE")
    page.get_by_role("button", name="Create").click()
    expect(page.locator(".messages")).to_contain_text("Initrode is ready")
    assert_accessible(page, "employer-02-company-settings")


def invite_teammate(page, company):
    page.goto(f"/companies/{company.slug}/team/")
    page.get_by_label("Email").fill("ted@initrode.test")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("body")).to_contain_text("ted@initrode.test — Member")
    assert_accessible(page, "employer-03-team")


def post_job(page):
    page.goto("/jobs/new/")
    page.get_by_label("Title").fill("Python Developer")
    fill_rich_text(
        page,
        "Description",
        "Build our Python and Django services with a small, kind team.",
    )
    page.get_by_label("Employment type").select_option("full_time")
    page.get_by_label("Experience level").select_option("mid")
    page.get_by_label("Remote policy").select_option("hybrid")
    page.get_by_label("City").fill("Berlin")
    page.get_by_label("Country").select_option("DE")
    page.get_by_label("Must-have skills").fill("Python, Django")
    page.get_by_label("Nice-to-have skills").fill("Docker")
    page.get_by_label("Salary min").fill("60000")
    page.get_by_label("Salary max").fill("80000")
    page.get_by_label("Salary currency").fill("EUR")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".job-preview")).to_contain_text("Python Developer")
    expect(page.locator(".job-preview .skills")).to_contain_text("Docker nice to have")
    assert_accessible(page, "employer-04-job-preview")
    # Advice on the typed draft, inside the form, before anything is saved.
    page.get_by_role("button", name="Get posting advice").click()
    expect(page.locator("#advice-heading")).to_have_text("Posting advice")
    expect(page.locator(".job-advice")).to_contain_text("PostgreSQL — in 3 of")
    expect(page.get_by_label("Title")).to_have_value("Python Developer")
    assert not Job.objects.filter(company__slug="initrode").exists()
    assert_accessible(page, "employer-04a-job-advice")
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator("h1")).to_have_text("My company's jobs")
    expect(page.locator("main")).to_contain_text("Python Developer")
    assert_accessible(page, "employer-04b-company-jobs")
    job = Job.objects.get(title="Python Developer", company__slug="initrode")
    assert job.status == "published"
    return job


def test_employer_journey(page, market, alice, bob):
    sign_up_with_company(page)
    company = Company.objects.get(name="Initrode")
    invite_teammate(page, company)
    assert Invitation.objects.filter(company=company, email="ted@initrode.test")
    job = post_job(page)

    # Advice for the posting, against the comparable jobs on the market.
    page.goto(f"/jobs/{job.slug}/advice/")
    expect(page.locator("main")).to_contain_text("PostgreSQL — in 3 of")
    assert_accessible(page, "employer-05-advice")

    # Two candidates apply.
    make_profile(alice, skills=["Python", "Django"], headline="Python developer")
    make_profile(bob, skills=["Java"], headline="Java developer")
    for person in (alice, bob):
        off_loop(application_submit, candidate=person, job=job)

    page.goto(f"/jobs/{job.slug}/ranked/?applicants_only=true")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Alice Candidate")  # the better match first
    expect(rows.nth(1)).to_contain_text("Bob Candidate")
    assert_accessible(page, "employer-06-ranked")

    # The board, by keyboard only: focus the card's select, choose, press Enter.
    alice_app = Application.objects.get(candidate=alice)
    bob_app = Application.objects.get(candidate=bob)
    page.goto(f"/jobs/{job.slug}/pipeline/")
    expect(page.locator('[data-stage="applied"] [data-count]')).to_have_text("2")
    assert_accessible(page, "employer-07-pipeline")
    select = page.locator(f"#move-{alice_app.pk}")
    select.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(select).to_be_focused()
    select.select_option("screening")
    page.keyboard.press("Tab")
    expect(
        page.locator(f'[data-application="{alice_app.pk}"] button:focus-visible')
    ).to_have_text("Move")
    page.keyboard.press("Enter")
    expect(page.locator('[data-stage="screening"] [data-count]')).to_have_text("1")
    expect(page.locator('[data-stage="applied"] [data-count]')).to_have_text("1")
    screenshot(page, "employer-08-pipeline-moved")

    # Alice's application: move on with a note, rate, schedule an interview.
    page.goto(f"/applications/{alice_app.pk}/")
    page.get_by_label("Move to").select_option("interview")
    page.get_by_label("Note for the team (optional)").fill("Strong Django work.")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator("#application-stage")).to_have_text("Interview")
    page.get_by_label("Your rating").select_option("4")
    page.get_by_role("button", name="Save rating").click()
    expect(page.locator("main")).to_contain_text("Erin Employer: 4/5")
    expect(page.locator("main")).to_contain_text("Strong Django work.")
    page.get_by_label("Private note").fill("Ask about the Django 5 upgrade.")
    page.get_by_role("button", name="Add note").click()
    notes = page.locator("section", has=page.get_by_role("heading", name="Team notes"))
    expect(notes.locator("article")).to_have_count(1)
    expect(notes.locator("article")).to_contain_text("Ask about the Django 5 upgrade.")
    assert_accessible(page, "employer-09-application")
    page.get_by_role("link", name="Schedule an interview").click()
    page.get_by_label("Date").fill("2031-03-14")
    page.get_by_label("Time", exact=True).fill("10:30")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_label("Erin Employer").check()
    page.get_by_label("Video link").fill("https://meet.example.com/initrode")
    assert_accessible(page, "employer-10-interview")
    page.get_by_role("button", name="Schedule and send the invitation").click()
    expect(page.locator("body")).to_contain_text("Interview scheduled.")
    assert Interview.objects.get().application == alice_app

    # Bob: reject with a reason (the reason is required), after a confirmation.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.goto(f"/applications/{bob_app.pk}/")
    page.get_by_role("button", name="Reject").click()
    expect(page.locator(".field-error").first).to_be_visible()
    page.get_by_label("Reason", exact=True).select_option("skills")
    page.get_by_role("button", name="Reject").click()
    expect(page.locator("#application-stage")).to_have_text("Rejected")
    assert asked == ["Reject Bob Candidate? This ends the application."] * 2
    bob_app.refresh_from_db()
    assert (bob_app.stage, bob_app.rejection_reason) == ("rejected", "skills")

    # The job's funnel.
    page.goto(f"/insights/jobs/{job.pk}/")
    expect(page.locator("h1")).to_have_text("Insights: Python Developer")
    funnel = page.locator("table", has=page.locator("caption", has_text="Funnel"))
    expect(funnel.locator("tr", has_text="Applied")).to_contain_text("2")
    assert_accessible(page, "employer-11-funnel")
    assert page.js_errors == []
