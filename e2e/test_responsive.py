"""Key pages on a 375 px wide phone: nothing scrolls sideways (wide tables and
the pipeline board scroll inside their own boxes)."""

import pytest

from candidates.tests.factories import make_profile
from e2e.conftest import open_job
from hotgigs.testing.browser import PHONE, log_in, screenshot
from jobs.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def too_wide(page, paths):
    wide = {}
    for path in paths:
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE["width"]:
            screenshot(page, f"phone-too-wide{path}")
            wide[path] = width
    return wide


@pytest.fixture
def world(acme, olivia, alice):
    job = open_job(
        acme,
        title="Senior Backend Developer (Python, Django, PostgreSQL)",
        slug="backend",
        skills=["python", "django", "postgresql"],
    )
    make_profile(alice, skills=["Python"], headline="Python developer")
    Application.objects.create(job=job, candidate=alice, stage="applied")
    return job


def test_public_pages_fit_a_phone(new_page, world):
    page = new_page(viewport=PHONE)
    assert too_wide(page, ["/", "/jobs/", "/jobs/backend/", "/accounts/signup/"]) == {}
    screenshot(page, "phone-signup")
    page.goto("/")
    screenshot(page, "phone-home")


def test_candidate_pages_fit_a_phone(new_page, world, alice):
    page = new_page(viewport=PHONE)
    log_in(page, alice)
    paths = [
        "/dashboard/",
        "/profile/",
        "/documents/",
        "/applications/",
        "/jobs/backend/match/",
        "/notifications/",
        "/messages/",
        "/accounts/settings/",
    ]
    assert too_wide(page, paths) == {}


def test_employer_pages_fit_a_phone(new_page, world, olivia):
    page = new_page(viewport=PHONE)
    log_in(page, olivia)
    paths = [
        "/dashboard/",
        "/company-jobs/",
        "/jobs/new/",
        "/jobs/backend/pipeline/",
        f"/applications/{world.applications.get().pk}/",
        "/candidates/",
        "/companies/acme/team/",
        "/insights/",
    ]
    assert too_wide(page, paths) == {}
    page.goto("/jobs/backend/pipeline/")
    screenshot(page, "phone-pipeline")


def test_recruiter_pages_fit_a_phone(new_page, rita, agency):
    page = new_page(viewport=PHONE)
    log_in(page, rita, next_url="/recruiter/")
    paths = ["/recruiter/", "/recruiter/clients/new/", "/recruiter/reports/"]
    assert too_wide(page, paths) == {}
