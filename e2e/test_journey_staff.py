"""Staff in a real browser: verify a company in Django admin, find a user, read
the platform dashboard."""

import pytest
from playwright.sync_api import expect

from companies.models import Company
from hotgigs.testing.browser import assert_accessible, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_journey(page, sam, acme, globex, alice, bob, rita):
    assert not Company.objects.get(slug="acme").is_verified
    log_in(page, sam, next_url="/admin/")
    expect(page.locator("#content h1")).to_contain_text("administration")
    screenshot(page, "staff-01-admin")

    # Verify Acme with the admin action.
    page.goto("/admin/companies/company/?q=acme")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    rows.first.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option("verify")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("verified")
    screenshot(page, "staff-02-company-verified")
    assert Company.objects.get(slug="acme").is_verified
    assert not Company.objects.get(slug="globex").is_verified

    # Find a user by part of the name.
    page.goto("/admin/accounts/user/")
    page.locator("#searchbar").fill("Alice")
    page.locator("#changelist-search input[type=submit]").click()
    users = page.locator("#result_list tbody tr")
    expect(users).to_have_count(1)
    expect(users.first).to_contain_text("alice@example.com")
    users.first.get_by_role("link", name="alice@example.com").click()
    expect(page.locator("input[name=email]")).to_have_value("alice@example.com")
    screenshot(page, "staff-03-user")

    # The platform dashboard.
    page.goto("/insights/")
    expect(page.locator("h1")).to_have_text("Platform statistics")
    by_role = page.locator(
        "table", has=page.locator("caption", has_text="Users by role")
    )
    # alice, bob and sam (staff, with the default role); olivia, tom, eve; rita.
    expect(by_role.locator("tbody tr")).to_have_text(
        ["candidate3", "employer3", "recruiter1", "staff1"]
    )
    assert_accessible(page, "staff-04-platform")
    assert page.js_errors == []
