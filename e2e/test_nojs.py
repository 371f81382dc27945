"""The core flows with JavaScript switched off: search, apply, move a card on
the board, read notifications, confirm a destructive action; and what site.js
adds with it on: confirm dialogs, export progress, local times."""

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from e2e.conftest import open_job
from hotgigs.testing.browser import log_in, screenshot
from jobs.models import Application, SavedSearch
from jobs.services.alerts import saved_search_create
from notifications.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Delete the alert “Rust & Go”? Its emails stop."


def _alert(user):
    return saved_search_create(
        user=user, name="Rust & Go", query={"q": "rust"}, frequency="daily"
    )


@pytest.fixture
def jobs(acme, globex):
    return [
        open_job(acme, title="Backend Developer", slug="backend", skills=["python"]),
        open_job(globex, title="Data Engineer", slug="data", city="Paris"),
    ]


def test_search_apply_and_read_notifications_without_javascript(
    new_page, jobs, alice, olivia
):
    page = new_page(java_script_enabled=False)
    log_in(page, alice, next_url="/jobs/")

    page.get_by_label("Keywords").fill("backend")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("1 job")
    page.get_by_role("link", name="Backend Developer").first.click()
    page.get_by_role("link", name="Apply").click()
    page.get_by_label("Cover letter", exact=True).fill("Hello without scripts.")
    page.get_by_role("button", name="Send application").click()
    expect(page.locator("#application-stage")).to_have_text("Applied")
    assert Application.objects.get().candidate == alice

    # The employer moves the card on the board, also without JavaScript.
    board = new_page(java_script_enabled=False)
    log_in(board, olivia, next_url="/jobs/backend/pipeline/")
    application = Application.objects.get()
    card = board.locator(f'[data-application="{application.pk}"]')
    card.get_by_label("Move Alice Candidate to").select_option("interview")
    card.get_by_role("button", name="Move").click()
    expect(board.locator('[data-stage="interview"] [data-count]')).to_have_text("1")
    expect(board.locator('[data-stage="applied"] [data-count]')).to_have_text("0")
    screenshot(board, "nojs-pipeline-moved")
    application.refresh_from_db()
    assert application.stage == "interview"

    # The candidate reads the notification; the header count says so first.
    page.goto("/dashboard/")
    expect(page.locator("[data-unread-count]")).to_have_text("1")
    page.get_by_role("link", name="Notifications, 1 unread").click()
    expect(page.locator(".notification-list li")).to_have_count(1)
    expect(page.locator(".notification-list")).to_contain_text("Backend Developer")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator("[data-unread-count]")).to_have_text("0")
    screenshot(page, "nojs-notifications")
    assert (
        Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 0
    )


def test_destructive_actions_have_a_confirm_page_without_javascript(
    new_page, jobs, alice
):
    page = new_page(java_script_enabled=False)
    log_in(page, alice, next_url="/jobs/backend/apply/")
    page.get_by_role("button", name="Send application").click()
    page.goto("/applications/")
    page.get_by_role("link", name="Withdraw").click()
    expect(page.locator("h1")).to_have_text(
        "Withdraw your application to Backend Developer?"
    )
    page.get_by_role("button", name="Withdraw").click()  # not confirmed
    expect(page.locator(".field-error")).to_have_text("This field is required.")
    assert Application.objects.get().stage == "applied"

    # A one-click form marked {% confirm %}: the server asks on a page.
    alert = _alert(alice)
    page.goto("/alerts/")
    page.get_by_role("button", name="Delete the alert Rust & Go").click()
    expect(page.locator("h1")).to_have_text(QUESTION)
    screenshot(page, "nojs-confirm-page")
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url("/alerts/")
    assert SavedSearch.objects.filter(pk=alert.pk).exists()
    page.get_by_role("button", name="Delete the alert Rust & Go").click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".messages")).to_have_text("Deleted the alert “Rust & Go”.")
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()


def test_confirm_dialogs_with_javascript(page, jobs, alice):
    """site.js asks the {% confirm %} question before the form is sent:
    "Cancel" sends nothing, "OK" deletes without the server asking again."""
    alert = _alert(alice)
    log_in(page, alice, next_url="/alerts/")
    asked = []
    answer = {"accept": False}

    def reply(dialog):
        asked.append((dialog.type, dialog.message))
        if answer["accept"]:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", reply)
    delete = page.get_by_role("button", name="Delete the alert Rust & Go")
    delete.click()
    expect(delete).to_be_visible()
    assert asked == [("confirm", QUESTION)]
    assert SavedSearch.objects.filter(pk=alert.pk).exists()

    answer["accept"] = True
    delete.click()
    expect(page.locator(".messages")).to_have_text("Deleted the alert “Rust & Go”.")
    expect(page.locator(".empty")).to_contain_text("No alerts yet.")
    assert asked == [("confirm", QUESTION)] * 2
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()
    assert page.js_errors == []


def test_export_downloads_with_progress(page, jobs, olivia):
    """A[data-export]: site.js fetches the CSV, shows its progress (rows of
    X-Total-Rows) in a labelled <progress> and a status line, then saves it
    under the server's file name."""
    log_in(page, olivia, next_url="/insights/")
    link = page.get_by_role(
        "link", name="Download CSV of Funnel (conversion in % of the step before)"
    )
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "employer-funnel.csv"
    lines = Path(download.value.path()).read_text().splitlines()
    assert lines[0] == "step,label,count,conversion"
    assert [line.split(",")[0] for line in lines[1:]] == [
        "views",
        "applied",
        "screening",
        "interview",
        "offer",
        "hired",
    ]
    status = page.locator("[data-export-status]")
    expect(status.get_by_role("status")).to_have_text(
        "Downloaded employer-funnel.csv (6 rows)."
    )
    progress = status.get_by_role("progressbar", name="Progress of Download CSV")
    expect(progress).to_have_attribute("value", "100")
    expect(link).not_to_have_attribute("aria-busy", "true")
    screenshot(page, "export-progress")
    assert page.js_errors == []


def test_times_show_in_the_viewers_time_zone(new_page, jobs, alice):
    """<time datetime> is rendered in UTC; site.js rewrites it in the viewer's
    zone and keeps the full value in the title."""
    page = new_page(timezone_id="Asia/Tokyo", locale="en-GB")
    log_in(page, alice, next_url="/jobs/backend/apply/")
    page.get_by_role("button", name="Send application").click()
    applied_at = Application.objects.get().created_at
    in_tokyo = applied_at.astimezone(ZoneInfo("Asia/Tokyo"))
    stamp = page.locator("#main time").first
    expect(stamp).to_have_attribute("data-localised", "")
    expect(stamp).to_have_attribute(
        "title", f"{in_tokyo:%-d %b %Y, %H:%M} (Asia/Tokyo)"
    )
    expect(stamp).to_have_text(f"{in_tokyo:%-d %b %Y}")


def test_an_interview_shows_in_the_viewers_zone_with_its_own_beside_it(
    new_page, jobs, alice
):
    """14:30 in Berlin (13:30 UTC in January) seen from New York: 08:30 there,
    named, with the interview's own time and zone beside it."""
    import datetime

    from jobs.models import Interview

    application = Application.objects.create(job=jobs[0], candidate=alice)
    year = datetime.date.today().year + 1
    Interview.objects.create(
        application=application,
        starts_at=datetime.datetime(year, 1, 15, 13, 30, tzinfo=datetime.UTC),
        duration_minutes=45,
        timezone="Europe/Berlin",
        location="Room 2",
    )
    page = new_page(timezone_id="America/New_York", locale="en-GB")
    log_in(page, alice, next_url=f"/applications/{application.pk}/")
    stamp = page.locator("time[data-zone]")
    expect(stamp).to_have_attribute("data-localised", "")
    expect(stamp).to_have_text(
        f"15 Jan {year}, 08:30 America/New_York (15 Jan {year}, 14:30 Europe/Berlin)"
    )
    berlin = new_page(timezone_id="Europe/Berlin", locale="en-GB")
    log_in(berlin, alice, next_url=f"/applications/{application.pk}/")
    expect(berlin.locator("time[data-zone]")).to_have_text(
        f"15 Jan {year}, 14:30 Europe/Berlin"
    )
