"""axe-core on every main page, per role: no serious or critical violations.

The journeys check the pages they pass through (with their data filled in);
this sweeps the rest (lists, empty states, settings, error pages) so a page
nobody walks still gets checked.
All violations of a role are collected before failing, to fix them in one go.
"""

import pytest
from playwright.sync_api import expect

from candidates.tests.factories import make_profile
from e2e.conftest import open_job
from hotgigs.testing.browser import axe_violations, describe_violations, log_in
from jobs.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sweep(page, paths):
    problems = {}
    for path in paths:
        response = page.goto(path)
        assert response.status < 500, f"{path} answered {response.status}"
        expect(page.locator("h1").first).to_be_visible()
        assert "HotGigs" in page.title(), f"{path}: title {page.title()!r}"
        description = page.locator("meta[name=description]").get_attribute("content")
        assert description, f"{path} has no meta description"
        assert page.locator("html").get_attribute("lang") == "en"
        violations = axe_violations(page)
        if violations:
            problems[path] = describe_violations(violations)
    assert problems == {}, "\n".join(f"{p}:\n{v}" for p, v in problems.items())


@pytest.fixture
def world(acme, olivia, alice):
    job = open_job(acme, title="Backend Developer", slug="backend", skills=["python"])
    make_profile(alice, skills=["Python"], headline="Python developer")
    Application.objects.create(job=job, candidate=alice, stage="applied")
    return job


def test_public_pages(page, world):
    sweep(
        page,
        [
            "/",
            "/jobs/",
            "/jobs/?q=zzzz-nothing",
            "/jobs/backend/",
            "/jobs/backend/match/",
            "/companies/acme/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/no-such-page/",
        ],
    )


def test_candidate_pages(page, world, alice):
    log_in(page, alice)
    sweep(
        page,
        [
            "/dashboard/",
            "/saved-jobs/",
            "/recommendations/",
            "/notifications/preferences/",
            "/messages/",
            "/recruiter-requests/",
            "/insights/",
        ],
    )


def test_employer_pages(page, world, olivia):
    log_in(page, olivia)
    sweep(
        page,
        [
            "/dashboard/",
            "/jobs/backend/edit/",
            "/candidates/",
            "/companies/acme/settings/",
            "/agency-submissions/",
            "/insights/",
            "/messages/",
        ],
    )


def test_recruiter_pages(page, rita, agency):
    log_in(page, rita, next_url="/recruiter/")
    sweep(
        page,
        [
            "/recruiter/clients/",
            "/recruiter/pool/duplicates/",
            "/recruiter/submissions/",
            "/recruiter/reports/",
            "/insights/",
        ],
    )


def focused(page):
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {name: el.name || el.textContent.trim(), tag: el.tagName,
                  outline: style.outlineStyle + " " + style.outlineWidth};
        }"""
    )


def tab_to(page, name, limit=40):
    if focused(page)["name"] == name:  # e.g. an autofocused field
        return focused(page)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page)["name"] == name:
            return focused(page)
    raise AssertionError(f"Tab never reached {name!r}")


def test_log_in_with_the_keyboard_alone_and_see_where_focus_is(page, alice):
    from accounts.tests.factories import DEFAULT_PASSWORD

    page.goto("/")
    page.keyboard.press("Tab")
    assert focused(page) == {
        "name": "Skip to content",
        "tag": "A",
        "outline": "solid 3px",
    }
    page.goto("/accounts/login/")
    assert tab_to(page, "username")["outline"] == "solid 3px"
    page.keyboard.type(alice.email)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    page.keyboard.type(DEFAULT_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url("/dashboard/")
    # Keyboard focus on a button shows the ring too.
    assert tab_to(page, "Log out")["outline"] == "solid 3px"


def test_admin_change_forms(page, world, alice):
    """Staff work in the admin: its change forms (a job with its skills inline,
    an application, a candidate profile, a company) have no serious or critical
    violation, with the rich-text editor in place where a form has one."""
    from candidates.models import CandidateProfile

    alice.is_staff = alice.is_superuser = True
    alice.save()
    log_in(page, alice, next_url="/admin/")
    problems = {}
    for path in [
        f"/admin/jobs/job/{world.pk}/change/",
        "/admin/jobs/job/add/",
        f"/admin/jobs/application/{world.applications.get().pk}/change/",
        f"/admin/candidates/candidateprofile/{CandidateProfile.objects.get().pk}/change/",
        f"/admin/companies/company/{world.company.pk}/change/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        # The job, profile and company forms: the editor has replaced its textarea.
        if "application" not in path:
            expect(page.locator("[data-richtext-ready=true]")).to_have_count(1)
            expect(page.locator(".prose-editor [contenteditable=true]")).to_have_count(
                1
            )
        violations = axe_violations(page)
        if violations:
            problems[path] = describe_violations(violations)
    assert problems == {}, "\n".join(f"{p}:\n{v}" for p, v in problems.items())


def test_the_editor_toolbar_is_legible_without_its_icon_font(page, world, olivia):
    """Until the icon font loads, the toolbar shows its buttons' ligature names
    ("undo", "insert_link") as text; greyed-out buttons must still be legible."""
    page.route("**/*.woff*", lambda route: route.abort())
    log_in(page, olivia)
    sweep(page, ["/jobs/backend/edit/", "/companies/acme/settings/"])
