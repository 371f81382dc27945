"""Browser journey: a recruiter adds a client, posts a job for it, submits a
candidate who accepts, the client hires, and the placement shows the right fee."""

import pytest
from playwright.sync_api import expect

from hotgigs.testing.browser import fill_rich_text, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_places_a_candidate_with_a_client(
    new_page, rita, agency, acme, olivia, alice
):
    from candidates.tests.factories import CandidateProfileFactory
    from jobs.models import Job
    from recruiters.models import Placement

    CandidateProfileFactory(user=alice, headline="Go developer")
    recruiter = new_page()
    log_in(recruiter, rita, next_url="/recruiter/")

    # Add Acme as a client on 20 % of first-year salary.
    recruiter.goto("/recruiter/clients/new/")
    recruiter.fill("input[name=client]", "acme")
    recruiter.select_option("select[name=fee_type]", "percent")
    recruiter.fill("input[name=fee_percent]", "20")
    recruiter.get_by_role("button", name="Save").click()
    expect(recruiter.locator("h1")).to_have_text("Acme")
    expect(recruiter.get_by_text("20.00% of first-year salary")).to_be_visible()
    screenshot(recruiter, "recruiters-01-client")

    # Acme's owner accepts the proposal: only then may the agency act for Acme.
    expect(recruiter.get_by_text("must accept this proposal")).to_be_visible()
    owner = new_page()
    log_in(owner, olivia, next_url="/agency-engagements/")
    owner.get_by_role("button", name="Accept").click()
    expect(owner.get_by_text("You accepted Hire Partners")).to_be_visible()
    recruiter.reload()

    # Post a job for Acme and publish it.
    recruiter.get_by_role("link", name="Post a job for Acme").click()
    recruiter.fill("input[name=title]", "Go Engineer")
    fill_rich_text(recruiter, "Description", "Write Go services.")
    recruiter.select_option("select[name=employment_type]", "full_time")
    recruiter.select_option("select[name=experience_level]", "mid")
    recruiter.select_option("select[name=remote_policy]", "remote")
    recruiter.select_option("select[name=country]", "DE")
    recruiter.get_by_role("button", name="Save").click()
    expect(recruiter.get_by_text("“Go Engineer” is saved as a draft.")).to_be_visible()
    recruiter.get_by_role("button", name="Publish").click()
    expect(recruiter.get_by_text("“Go Engineer” is now published.")).to_be_visible()
    job = Job.objects.get(title="Go Engineer")
    assert (job.company_id, job.agency_id) == (acme.pk, agency.pk)

    # Put alice in the pool and submit her.
    recruiter.goto(f"/recruiter/pool/add/?candidate={alice.pk}")
    recruiter.fill("input[name=tags]", "go")
    recruiter.get_by_role("button", name="Add to pool").click()
    expect(
        recruiter.get_by_text("Alice Candidate is in your talent pool.")
    ).to_be_visible()
    recruiter.get_by_role("link", name="Submit").first.click()
    recruiter.select_option("select[name=job]", str(job.pk))
    recruiter.fill("textarea[name=pitch]", "Five years of Go.")
    recruiter.get_by_role("button", name="Ask the candidate").click()
    expect(recruiter.locator("td .pill").first).to_have_text(
        "Waiting for the candidate"
    )
    screenshot(recruiter, "recruiters-02-submitted")

    # Alice accepts the request.
    candidate = new_page()
    log_in(candidate, alice, next_url="/recruiter-requests/")
    expect(candidate.get_by_text("Go Engineer at Acme")).to_be_visible()
    candidate.get_by_role("button", name="Accept").click()
    expect(candidate.get_by_text("You applied through the agency.")).to_be_visible()

    # Olivia hires her from Acme's pipeline.
    client = new_page()
    log_in(client, olivia, next_url=f"/jobs/{job.slug}/pipeline/")
    from jobs.models import Application

    application = Application.objects.get(job=job)
    assert (application.source, application.submitted_by) == ("recruiter", rita)
    card = client.locator(f"form:has(#move-{application.pk})")
    card.locator("select").select_option("hired")
    card.get_by_role("button", name="Move").click()
    expect(client.locator(f"#move-{application.pk}")).to_have_count(0)
    application.refresh_from_db()
    assert application.stage == "hired"

    # Rita records the placement: 20 % of 85,000.00 = 17,000.00.
    recruiter.goto("/recruiter/placements/")
    recruiter.get_by_role("link", name="Record placement").click()
    recruiter.fill("input[name=agreed_annual_salary]", "85000")
    recruiter.get_by_role("button", name="Record placement").click()
    expect(recruiter.locator("#placement-fee")).to_have_text("17000.00 EUR")
    screenshot(recruiter, "recruiters-04-placement")
    recruiter.goto("/recruiter/placements/")
    expect(recruiter.locator("td.fee")).to_have_text("17000.00 EUR")
    assert Placement.objects.get().fee == 17000
    assert (
        recruiter.js_errors == []
        and candidate.js_errors == []
        and client.js_errors == []
    )
