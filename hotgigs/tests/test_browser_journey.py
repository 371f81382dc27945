"""The first real-browser journey: sign up, log out, log in, see the dashboard."""

import pytest
from playwright.sync_api import expect

from hotgigs.testing.browser import finish_signup, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "a-long-unusual-passphrase-42"


def test_candidate_signs_up_logs_out_logs_in_and_sees_the_dashboard(page):
    # Sign up as a candidate.
    page.goto("/accounts/signup/")
    expect(page).to_have_title("Sign up — HotGigs")
    page.fill("input[name=full_name]", "Jane Journey")
    page.fill("input[name=email]", "jane@example.com")
    page.check("input[name=role][value=candidate]")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    screenshot(page, "journey-01-signup")
    page.get_by_role("button", name="Sign up").click()
    finish_signup(page, "jane@example.com")

    expect(page).to_have_url("/dashboard/")
    expect(page.locator("h1")).to_contain_text("Jane")
    expect(page.locator(".nav-user")).to_have_text("Jane Journey")
    screenshot(page, "journey-02-dashboard-after-signup")

    # Log out.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.locator(".nav-user")).to_have_count(0)

    # The dashboard now asks to log in; log in there.
    page.goto("/dashboard/")
    expect(page).to_have_url("/accounts/login/?next=/dashboard/")
    page.locator("input[name=username], input[name=email]").first.fill(
        "JANE@example.com"
    )
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url("/dashboard/")
    expect(page.locator("h1")).to_contain_text("Jane")
    expect(page.get_by_role("link", name="Home", exact=True)).to_be_visible()
    screenshot(page, "journey-03-dashboard-after-login")
    assert page.js_errors == []


def test_wrong_password_shows_an_error_next_to_the_form(page, alice):
    page.goto("/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(alice.email)
    page.fill("input[name=password]", "not-her-password")
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url("/accounts/login/")
    expect(page.get_by_role("alert").first).to_be_visible()
    screenshot(page, "login-wrong-password")


def test_api_docs_render_offline_under_the_csp(page, live_server):
    violations = []
    outside = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    def on_request(request):
        if not request.url.startswith((live_server.url, "data:")):
            outside.append(request.url)

    page.on("console", on_console)
    page.on("request", on_request)

    page.goto("/api/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("HotGigs API")
    screenshot(page, "api-docs")
    assert outside == []
    assert violations == []
