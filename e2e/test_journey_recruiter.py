"""The recruiter's whole job in a real browser: add a client, post a job for it,
find a candidate in search, submit them, record the placement and read the
commission report."""

import pytest
from playwright.sync_api import expect

from candidates.tests.factories import make_profile
from e2e.conftest import off_loop
from hotgigs.testing.browser import (
    assert_accessible,
    fill_rich_text,
    log_in,
    screenshot,
)
from jobs.models import Application, Job
from jobs.services.applications import application_transition
from recruiters.models import Placement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_journey(page, new_page, rita, agency, acme, olivia, alice, bob):
    make_profile(alice, skills=["Go"], headline="Go developer", city="Berlin")
    make_profile(bob, skills=["Java"], headline="Java developer", city="Paris")
    log_in(page, rita, next_url="/recruiter/")
    assert_accessible(page, "recruiter-01-dashboard")

    # Add Acme as a client on 20 % of first-year salary (bad input first).
    page.goto("/recruiter/clients/new/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field-invalid", has_text="Existing client")).to_contain_text(
        "Choose an existing client or name a new one."
    )
    assert_accessible(page, "recruiter-02-client-errors")
    page.get_by_label("Existing client (company address name)").fill("acme")
    page.locator("select[name=fee_type]").select_option("percent")
    page.locator("input[name=fee_percent]").fill("20")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Acme")
    expect(page.get_by_text("20.00% of first-year salary")).to_be_visible()
    assert_accessible(page, "recruiter-03-client")

    # Acme's owner accepts the proposal: only then may the agency act for Acme.
    owner = new_page()
    log_in(owner, olivia, next_url="/agency-engagements/")
    assert_accessible(owner, "recruiter-03b-client-proposal")
    owner.get_by_role("button", name="Accept").click()
    expect(owner.get_by_text("You accepted Hire Partners")).to_be_visible()
    page.reload()

    # Post a job for the client and publish it.
    page.get_by_role("link", name="Post a job for Acme").click()
    page.get_by_label("Title").fill("Go Engineer")
    fill_rich_text(page, "Description", "Write Go services for Acme.")
    page.get_by_label("Employment type").select_option("full_time")
    page.get_by_label("Experience level").select_option("mid")
    page.get_by_label("Remote policy").select_option("remote")
    page.get_by_label("Country").select_option("DE")
    assert_accessible(page, "recruiter-04-job-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Go Engineer” is saved as a draft.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("“Go Engineer” is now published.")).to_be_visible()
    job = Job.objects.get(title="Go Engineer")
    assert (job.company_id, job.agency_id, job.status) == (
        acme.pk,
        agency.pk,
        "published",
    )

    # Find a Go developer in candidate search and put her in the pool.
    page.goto("/candidates/")
    page.get_by_label("Keywords").fill("Go developer")
    page.get_by_role("button", name="Search", exact=True).click()
    cards = page.locator(".candidate-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Alice Candidate")
    assert_accessible(page, "recruiter-05-candidate-search")
    cards.first.get_by_role("link", name="Alice Candidate", exact=True).click()
    page.get_by_role("link", name="Add to your talent pool").click()
    page.get_by_label("Tags").fill("go, berlin")
    page.get_by_role("button", name="Add to pool").click()
    expect(page.get_by_text("Alice Candidate is in your talent pool.")).to_be_visible()
    assert_accessible(page, "recruiter-06-pool")

    # Submit her; she accepts in her own browser.
    page.get_by_role("link", name="Submit").first.click()
    page.get_by_label("Client job").select_option(str(job.pk))
    page.get_by_label("Pitch note").fill("Five years of Go, lives in Berlin.")
    assert_accessible(page, "recruiter-07-submit")
    page.get_by_role("button", name="Ask the candidate").click()
    expect(page.locator("td .pill").first).to_have_text("Waiting for the candidate")
    candidate = new_page()
    log_in(candidate, alice, next_url="/recruiter-requests/")
    expect(candidate.get_by_text("Go Engineer at Acme")).to_be_visible()
    assert_accessible(candidate, "recruiter-08-candidate-request")
    candidate.get_by_role("button", name="Accept").click()
    expect(candidate.get_by_text("You applied through the agency.")).to_be_visible()

    # The client hires her.
    application = Application.objects.get(job=job)
    off_loop(
        application_transition,
        application=application,
        to_stage="hired",
        actor=olivia,
    )

    # Record the placement: 20 % of 85,000.00 = 17,000.00; invoice, get paid.
    page.goto("/recruiter/placements/")
    assert_accessible(page, "recruiter-09-placements")
    page.get_by_role("link", name="Record placement").click()
    page.get_by_label("Agreed annual salary").fill("85000")
    page.get_by_role("button", name="Record placement").click()
    expect(page.locator("#placement-fee")).to_have_text("17000.00 EUR")
    page.get_by_role("button", name="Invoiced").click()
    page.get_by_role("button", name="Paid").click()
    expect(page.locator(".facts .pill").first).to_have_text("Paid")
    assert_accessible(page, "recruiter-10-placement")
    assert Placement.objects.get().status == "paid"

    # The commission report.
    page.goto("/recruiter/reports/")
    by_client = page.locator("section", has_text="By client").locator("tbody tr")
    expect(by_client).to_have_count(1)
    expect(by_client.first.locator("td")).to_have_text(
        [
            "Acme",
            "1",
            "1",
            "1",
            "0",
            "17000.00",
            "17000.00",
            "17000.00",
            "100.00%",
            "0",
        ],
    )
    screenshot(page, "recruiter-11-reports")
    assert_accessible(page)
    assert page.js_errors == [] and candidate.js_errors == []
