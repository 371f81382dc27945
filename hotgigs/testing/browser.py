"""Real-browser test harness: Playwright driving Debian's Chromium, headless.

Registered from the root conftest.py (`pytest_plugins`). A journey test asks
for `page` (a fresh browser context per test, its base URL the `live_server`)
and is marked `@pytest.mark.browser`:

    @pytest.mark.browser
    def test_journey(page):
        page.goto("/accounts/signup/")
        screenshot(page, "signup")

Where no Chromium is installed the browser tests skip with the reason; under
CI (`CI=true`) a missing Chromium fails them instead: CI always has it.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 15_000


def artifacts_dir() -> Path:
    return Path(os.environ.get("BROWSER_ARTIFACTS", "artifacts/screenshots"))


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG as $BROWSER_ARTIFACTS/<name>.png (default
    artifacts/screenshots/) and return its path."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "page"
    path = artifacts_dir() / f"{safe}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def _require_chromium():
    if os.path.exists(CHROMIUM):
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{message}; CI must run the browser tests.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the test session (per xdist worker)."""
    _require_chromium()
    # Playwright's sync API runs an event loop in this thread; the tests still
    # call the ORM synchronously (fixtures, assertions), which is safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
    except Exception:
        playwright.stop()
        raise
    yield instance
    instance.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh page (own cookies) whose relative URLs go to the live server.

    On a failing test a screenshot is saved as `FAILED-<test name>.png`."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        # Best effort: the test's own failure is what matters.
        with contextlib.suppress(Exception):
            screenshot(page, f"FAILED-{request.node.name}")
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
