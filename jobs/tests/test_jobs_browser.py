"""Browser journey: an employer posts a job, it appears in search, a visitor
finds it with a filter and opens it."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import DEFAULT_PASSWORD
from hotgigs.testing.browser import fill_rich_text, screenshot
from matching.tests.factories import SkillFactory

pytestmark = pytest.mark.browser


def test_employer_posts_a_job_and_a_visitor_finds_it(page, olivia, acme):
    SkillFactory(name="Rust", slug="rust")
    csp_violations = []
    page.on(
        "console",
        lambda m: (
            csp_violations.append(m.text)
            if "Content Security Policy" in m.text
            else None
        ),
    )

    # The employer logs in and posts a contract job, previewing it first.
    page.goto("/accounts/login/?next=/jobs/new/")
    page.locator("input[name=username], input[name=email]").first.fill(olivia.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/jobs/new/")
    page.get_by_label("Title").fill("Rust Systems Engineer")
    # The description is written in the rich-text editor.
    fill_rich_text(page, "Description", "Write fast, safe Rust.")
    page.get_by_label("Employment type").select_option("contract")
    page.get_by_label("Experience level").select_option("senior")
    page.get_by_label("City").fill("Lisbon")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("Remote policy").select_option("hybrid")
    page.get_by_label("Must-have skills").fill("Rust")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".job-preview")).to_contain_text("Rust Systems Engineer")
    screenshot(page, "jobs-01-preview")
    page.get_by_role("button", name="Save and publish").click()
    expect(page).to_have_url("/company-jobs/")
    expect(page.locator("table")).to_contain_text("Rust Systems Engineer")
    expect(page.locator("table")).to_contain_text("Published")
    screenshot(page, "jobs-02-company-jobs")
    page.get_by_role("button", name="Log out").click()

    # A visitor searches, narrows with a filter and opens the job.
    page.goto("/jobs/?q=rust")
    expect(page.locator(".job-results")).to_contain_text("Rust Systems Engineer")
    page.get_by_label("Contract").check()  # the filter form re-submits itself
    page.wait_for_url("**employment_type=contract**")
    expect(page.locator(".job-results")).to_contain_text("Rust Systems Engineer")
    assert "employment_type=contract" in page.url
    screenshot(page, "jobs-03-search-filtered")
    page.get_by_role("link", name="Rust Systems Engineer").click()
    expect(page.locator("h1")).to_have_text("Rust Systems Engineer")
    expect(page.locator("article")).to_contain_text("Lisbon")
    expect(page.locator("article")).to_contain_text("Write fast, safe Rust.")
    screenshot(page, "jobs-04-detail")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert page.js_errors == []
    assert csp_violations == []
