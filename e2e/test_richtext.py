"""The rich-text editor in a real browser: it loads from the site's own static
files (no request leaves the site, no CSP violation), formats, and saves HTML that
the server keeps; with JavaScript off the bare textarea keeps plain text's shape."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from candidates.models import CandidateProfile
from candidates.tests.factories import CandidateProfileFactory
from hotgigs.testing.browser import assert_accessible, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def profile(alice):
    return CandidateProfileFactory(
        user=alice,
        headline="Payments engineer",
        summary="<p>Old summary.</p>",
        years_experience=6,
        visibility="public",
    )


def test_editor_loads_from_the_site_formats_and_saves(page, live_server, profile):
    hosts, console_errors = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on(
        "console",
        lambda message: message.type == "error" and console_errors.append(message.text),
    )
    log_in(page, profile.user, next_url="/profile/")
    # Chromium reports a refused inline style or script on the console; this also
    # names the file and line of any refused while typing.
    page.evaluate(
        """() => document.addEventListener("securitypolicyviolation", (e) =>
        console.error("CSP " + e.violatedDirective + " " + e.sourceFile + ":"
        + e.lineNumber + ":" + e.columnNumber + " " + e.sample))"""
    )

    editor = page.get_by_role("textbox", name="Summary")
    expect(editor).to_be_visible()
    expect(editor).to_have_attribute("contenteditable", "true")
    expect(editor).to_contain_text("Old summary.")
    expect(page.locator("textarea[name=summary]")).to_be_hidden()
    # The toolbar is the package's, with its icon font from its static files.
    expect(page.locator(".prose-menubar")).to_be_visible()

    # Undo does nothing before the first edit: greyed out, and said so.
    undo = page.locator('.prose-menubar__button[title="undo"]')
    expect(undo).to_have_attribute("aria-disabled", "true")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Payments at scale.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Python")  # the "- " input rule starts a bulleted list
    page.keyboard.press("Enter")
    page.keyboard.type("PostgreSQL")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    page.keyboard.press("Control+b")
    page.keyboard.type("Open to remote")
    expect(undo).to_have_attribute("aria-disabled", "false")
    screenshot(page, "richtext-editor-profile")
    assert_accessible(page, "profile with the editor")

    page.locator("textarea[name=summary]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).first.click()
    expect(page.get_by_text("saved")).to_be_visible()

    assert CandidateProfile.objects.get(pk=profile.pk).summary == (
        "<p>Payments at scale.</p><ul><li><p>Python</p></li><li><p>PostgreSQL</p>"
        "</li></ul><p><strong>Open to remote</strong></p>"
    )
    assert hosts == {urlsplit(live_server.url).netloc}
    refused = [e for e in console_errors if "Content Security Policy" in e]
    assert refused + [e for e in console_errors if e.startswith("CSP")] == []


def test_without_javascript_the_textarea_keeps_plain_text(new_page, profile):
    page = new_page(java_script_enabled=False)
    log_in(page, profile.user, next_url="/profile/")
    summary = page.locator("textarea[name=summary]")
    expect(summary).to_be_visible()

    summary.fill("Payments at scale.\n\nI bring:\n- Python\n- PostgreSQL")
    summary.locator("xpath=ancestor::form").locator("button[type=submit]").first.click()

    assert CandidateProfile.objects.get(pk=profile.pk).summary == (
        "<p>Payments at scale.</p><p>I bring:</p><ul><li>Python</li>"
        "<li>PostgreSQL</li></ul>"
    )
    page.goto(f"/candidates/{profile.pk}/")
    expect(page.locator(".richtext li")).to_have_text(["Python", "PostgreSQL"])
