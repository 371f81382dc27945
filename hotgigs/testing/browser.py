"""Real-browser test harness: Playwright driving Debian's Chromium, headless.

Registered from the root conftest.py (`pytest_plugins`). A journey test asks
for `page` (a fresh browser context per test, its base URL the `live_server`)
and is marked `@pytest.mark.browser`:

    @pytest.mark.browser
    def test_journey(page):
        page.goto("/accounts/signup/")
        screenshot(page, "signup")

Other helpers:

- `new_page(**context_options)`: more pages, each in its own browser context
  (own cookies): a second user, JavaScript off (`java_script_enabled=False`),
  a phone (`viewport=PHONE`).
- `assert_accessible(page, name)`: runs axe-core (shipped inside
  axe-playwright-python, injected from the package: nothing is downloaded)
  on the page and fails on any serious or critical violation.
- `log_in(page, user)`: the login form, with the factories' default password.
- `finish_signup(page, email)`: after the sign-up form, follow the emailed
  confirmation link and confirm.
- `asgi_live_server`: the real ASGI server (daphne: HTTP and WebSockets) in a
  subprocess over the test database, for live updates; PostgreSQL only (an
  in-memory SQLite test database cannot be shared with another process).

Where no Chromium is installed the browser tests skip with the reason; under
CI (`CI=true`) a missing Chromium fails them instead: CI always has it.

With `E2E_BASE_URL` set, `live_server` is that running deployment instead
(`hotgigs/testing/deployed.py`; `deploy/local-cluster journeys`).
"""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from accounts.tests.factories import DEFAULT_PASSWORD
from hotgigs.testing import deployed

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
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
# axe-core impacts that fail a test; "minor" and "moderate" are reported only.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


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


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module.

    Playwright's sync API keeps an asyncio loop marked as running in this thread
    while it is started; `async_to_sync` (Channels tests) refuses to run under it.
    A module scope stops it before any other module's tests run in this worker.
    """
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


def _open_page(browser, default_base_url, **options):
    options.setdefault("viewport", DESKTOP)
    options.setdefault("base_url", default_base_url)
    context = browser.new_context(**options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    if options["base_url"] == default_base_url and not deployed.BASE_URL:
        # The WSGI live server has no WebSockets: answer live.js in the browser,
        # or its reconnect attempts keep hitting the server (and the database)
        # while the test ends and the database is flushed.
        context.route_web_socket(re.compile(r"/ws/"), lambda socket: socket.close())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


def _close_pages(pages, request):
    report = getattr(request.node, "rep_call", None)
    for number, page in enumerate(pages):
        if report is not None and report.failed:
            # Best effort: the test's own failure is what matters.
            suffix = f"-{number}" if number else ""
            with contextlib.suppress(Exception):
                screenshot(page, f"FAILED-{request.node.name}{suffix}")
        # Leave the site first, so no request of the page is still running on
        # the server when the test's database is flushed.
        with contextlib.suppress(Exception):
            page.goto("about:blank")
        page.context.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh page (own cookies) whose relative URLs go to the live server.

    On a failing test a screenshot is saved as `FAILED-<test name>.png`."""
    page = _open_page(browser, live_server.url)
    yield page
    _close_pages([page], request)


@pytest.fixture
def new_page(browser, live_server, request):
    """`new_page(**context_options)` → another page in its own browser context
    (own cookies), e.g. `new_page(java_script_enabled=False)` or
    `new_page(viewport=PHONE)`; all are closed after the test."""
    pages = []

    def make(**options):
        page = _open_page(browser, live_server.url, **options)
        pages.append(page)
        return page

    yield make
    _close_pages(pages, request)


def log_in(page, user, next_url="/dashboard/", password=None):
    """Log in through the login form and land on `next_url`."""
    from playwright.sync_api import expect

    if password is None:
        password = DEFAULT_PASSWORD
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("input[name=username], input[name=email]").first.fill(user.email)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(next_url)


def finish_signup(page, email):
    """After the sign-up form: open the confirmation link emailed to `email`
    (the live server shares this process's locmem outbox; a deployed site
    delivers into its Maildir) and confirm."""
    import re

    from django.core import mail
    from playwright.sync_api import expect

    expect(page).to_have_url("/accounts/signup/sent/")
    if deployed.BASE_URL:
        body = deployed.email_to(email)
    else:
        (message,) = [m for m in mail.outbox if email in m.to]
        body = message.body
    link = re.search(r"/accounts/signup/confirm/[^/\s]+/", body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Finish signing up").click()


def axe_violations(page, impacts=BLOCKING_IMPACTS) -> list[dict]:
    """axe-core's violations on the current page whose impact is in `impacts`.

    axe-core comes inside axe-playwright-python (`axe.min.js`) and is injected
    through the DevTools protocol, so the CSP does not block it and nothing is
    fetched from the network."""
    from axe_playwright_python.sync_playwright import Axe

    # A rich-text editor replaces its textarea once its module has loaded; check
    # the page as people use it, with the editor's toolbar in place, not the bare
    # textarea of a page scanned a moment too early.
    page.wait_for_function(
        "[...document.querySelectorAll('[data-richtext-editor]')]"
        ".every((t) => t.dataset.richtextReady === 'true')"
    )
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in impacts]


def describe_violations(violations) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(map(str, n["target"])) for n in violation["nodes"][:5]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"-> {'; '.join(targets)}"
        )
    return "\n".join(lines)


def assert_accessible(page, name: str | None = None):
    """Fail on serious/critical axe-core violations of the current page.

    With `name`, also save a screenshot under that name."""
    if name:
        screenshot(page, name)
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe_violations(violations)}"


@pytest.fixture
def axe():
    """The axe check as a fixture: `axe(page)` fails on serious/critical
    violations of the current page."""
    return assert_accessible


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(settings_dict) -> str:
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def asgi_live_server(transactional_db, settings, tmp_path):
    """The site served by daphne (HTTP + WebSocket) in a subprocess, over the
    test database; yields its base URL. Data the test commits is visible to it."""
    from django.db import connection

    if deployed.BASE_URL:  # its proxy sends /ws/ to its ASGI node
        yield deployed.BASE_URL
        return
    if connection.vendor != "postgresql":
        pytest.skip("the ASGI live server shares the database with another process")
    port = _free_port()
    root = Path(settings.BASE_DIR)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "DB_CONN_MAX_AGE": "0",
        "TESTING": "true",
        "DEBUG": "true",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PRIVATE_ROOT": str(tmp_path / "private"),
        "DJANGO_SETTINGS_MODULE": "hotgigs.settings",
    }
    env.pop("DATABASE_REPLICA_URL", None)
    log = (tmp_path / "daphne.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
        + ["hotgigs.asgi:application"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health/live", timeout=2):  # noqa: S310
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError(
                        "daphne did not start:\n"
                        + (tmp_path / "daphne.log").read_text()[-3000:]
                    ) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def fill_rich_text(page, label: str, text: str):
    """Type `text` into the rich-text editor labelled `label` (it replaces its
    textarea once static/js/richtext-editor.js has loaded)."""
    editor = page.locator(f'[contenteditable="true"][aria-label="{label}"]')
    editor.fill(text)
    return editor
