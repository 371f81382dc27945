"""Browser: the candidate's header badge updates live, without a reload, when the
employer's team moves their application: the service runs in this test process,
the page is served by daphne in a subprocess, and the event crosses the Redis
channel layer to the candidate's WebSocket (static/js/live.js).

(The same journey with the employer in a second browser context, where the move
happens inside the server process, is e2e/test_journey_candidate.py.)
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connections

from hotgigs.testing.browser import log_in, screenshot
from jobs.models import Stage
from jobs.services.applications import application_transition

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def _off_loop(function, /, **kwargs):
    """Playwright's sync API keeps an event loop in this thread, where the live
    push (async_to_sync) refuses to run: call the service from a plain thread."""

    def call():
        try:
            return function(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


@pytest.fixture
def candidate_page(new_page, asgi_live_server):
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL: the server and the test share the channel layer")
    return new_page(base_url=asgi_live_server)


def test_badge_counts_a_stage_change_live(candidate_page, alice_application, olivia):
    from playwright.sync_api import expect

    page = candidate_page
    log_in(page, alice_application.candidate, next_url="/applications/")
    badge = page.locator("[data-unread-count]")
    expect(badge).to_have_text("0")
    page.evaluate("window.stillTheSamePage = true")

    _off_loop(
        application_transition,
        application=alice_application,
        to_stage=Stage.SCREENING,
        actor=olivia,
    )
    expect(badge).to_have_text("1")
    _off_loop(
        application_transition,
        application=alice_application,
        to_stage=Stage.INTERVIEW,
        actor=olivia,
    )
    expect(badge).to_have_text("2")
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot(page, "notifications-live-badge")
    assert page.js_errors == []
