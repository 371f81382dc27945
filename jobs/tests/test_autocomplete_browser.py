"""Browser: the job-search combobox, by keyboard only."""

import pytest
from playwright.sync_api import expect

from hotgigs.search import replace_vocabulary
from matching.tests.factories import SkillFactory

pytestmark = pytest.mark.browser


def test_skill_combobox_keyboard_flow(page, db):
    SkillFactory(name="Qwyxlang", slug="qwyxlang")
    SkillFactory(name="QwyxFlow Pro", slug="qwyxflow-pro")
    replace_vocabulary(
        scope="jobs", kind="word", counts={"kubernetes": 30, "kubectl": 5}
    )
    page.goto("/jobs/")
    skills = page.get_by_role("combobox", name="Skills (all of, comma-separated)")
    expect(skills).to_have_attribute("aria-expanded", "false")

    # Typing opens the listbox; Down moves through the options, wrapping.
    skills.focus()
    page.keyboard.type("qwy")
    listbox = page.get_by_role(
        "listbox", name="Skills (all of, comma-separated) suggestions"
    )
    expect(listbox.get_by_role("option")).to_have_text(["Qwyxlang", "QwyxFlow Pro"])
    expect(skills).to_have_attribute("aria-expanded", "true")
    status = page.locator(".combobox", has=page.locator("#id_skills")).get_by_role(
        "status"
    )
    expect(status).to_have_text("2 suggestions, use up and down arrows")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = listbox.get_by_role("option", name="QwyxFlow Pro")
    expect(second).to_have_attribute("aria-selected", "true")
    expect(skills).to_have_attribute(
        "aria-activedescendant", second.get_attribute("id")
    )
    page.keyboard.press("ArrowDown")  # wraps to the first
    expect(listbox.get_by_role("option", name="Qwyxlang")).to_have_attribute(
        "aria-selected", "true"
    )
    page.keyboard.press("ArrowUp")  # and back to the last
    # Enter picks the active option (the slug) instead of submitting.
    page.keyboard.press("Enter")
    expect(skills).to_have_value("qwyxflow-pro")
    expect(skills).to_have_attribute("aria-expanded", "false")
    assert page.url.endswith("/jobs/")

    # A second skill completes after the comma; Escape closes, then clears.
    page.keyboard.type(", qwyxl")
    expect(listbox.get_by_role("option")).to_have_text(["Qwyxlang"])
    page.keyboard.press("Escape")
    expect(skills).to_have_attribute("aria-expanded", "false")
    expect(skills).to_have_value("qwyxflow-pro, qwyxl")

    # A typo in the keywords box offers the close spelling, flagged.
    keywords = page.get_by_role("combobox", name="Keywords")
    keywords.focus()
    page.keyboard.type("senior kuberen")
    kw_list = page.get_by_role("listbox", name="Keywords suggestions")
    expect(kw_list.get_by_role("option")).to_have_text(["kubernetes (did you mean)"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(keywords).to_have_value("senior kubernetes")

    # With nothing active, Enter submits the form as a plain input would.
    page.keyboard.press("Enter")
    page.wait_for_url("**q=senior+kubernetes**")
    assert "skills=qwyxflow-pro%2C+qwyxl" in page.url
    assert page.js_errors == []
