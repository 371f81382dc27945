"""Browser journey: a candidate applies, the employer moves them to interview by
drag and drop and schedules it, the candidate sees the new stage."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import DEFAULT_PASSWORD
from hotgigs.testing.browser import screenshot
from jobs.models import Application, Interview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("input[name=username], input[name=email]").first.fill(user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(next_url)


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_apply_move_schedule_and_see_the_stage(
    page, alice, olivia, tom, acme_job, alice_resume
):
    csp = []
    page.on(
        "console",
        lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None,
    )

    # The candidate applies from the job page with her default resume.
    log_in(page, alice, "/jobs/backend/")
    page.get_by_role("link", name="Apply").click()
    expect(page.get_by_label("Resume")).to_have_value(str(alice_resume.pk))
    page.get_by_label("Cover letter", exact=True).fill(
        "I would love to build your backend."
    )
    screenshot(page, "applications-01-apply")
    page.get_by_role("button", name="Send application").click()
    expect(page.locator("#application-stage")).to_have_text("Applied")
    log_out(page)

    # The employer drags the card from Applied to Interview on the board.
    application = Application.objects.get()
    log_in(page, olivia, "/jobs/backend/pipeline/")
    card = page.locator(f'[data-application="{application.pk}"]')
    expect(page.locator('[data-stage="applied"] [data-count]')).to_have_text("1")
    screenshot(page, "applications-02-board")
    card.drag_to(page.locator('[data-stage="interview"]'))
    expect(page.locator('[data-stage="interview"] [data-count]')).to_have_text("1")
    expect(page.locator('[data-stage="applied"] [data-count]')).to_have_text("0")
    screenshot(page, "applications-03-board-moved")

    # …and schedules the interview from the application page.
    page.get_by_role("link", name="Alice Candidate").click()
    page.get_by_role("link", name="Schedule an interview").click()
    page.get_by_label("Date").fill("2031-03-14")
    page.get_by_label("Time", exact=True).fill("10:30")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_label("Tom Teammate").check()
    page.get_by_label("Video link").fill("https://meet.example.com/acme")
    page.get_by_role("button", name="Schedule and send the invitation").click()
    expect(page.locator("body")).to_contain_text("Interview scheduled.")
    log_out(page)

    # The candidate sees the new stage and the interview.
    log_in(page, alice, "/applications/")
    expect(page.locator("table")).to_contain_text("Interview")
    page.get_by_role("link", name="Backend Engineer").click()
    expect(page.locator("#application-stage")).to_have_text("Interview")
    expect(page.locator("body")).to_contain_text("Add to calendar (.ics)")
    screenshot(page, "applications-04-candidate-sees-interview")

    assert Application.objects.get().stage == "interview"
    assert Interview.objects.get().timezone == "Europe/Berlin"
    assert csp == []
    assert page.js_errors == []
