"""From each role's home every page of the role is within two clicks, through
links a user sees; and at 375 px no page of any role scrolls sideways.

The pages come from the URLconf (e2e/role_pages.py), filled with the demo
data (`seed_demo`), not from a hand list. One seeding serves every role, so
each test covers all four and reports every miss at once.
"""

import os

import pytest
from django.core.management import call_command
from django.urls import resolve

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from e2e.conftest import off_loop
from e2e.role_pages import role_pages
from hotgigs.testing.browser import PHONE, log_in, screenshot
from jobs.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOMES = {
    "candidate": ("candidate@hotgigs.test", "/dashboard/"),
    "employer": ("employer@hotgigs.test", "/dashboard/"),
    "recruiter": ("recruiter@hotgigs.test", "/dashboard/"),
    "staff": ("staff@hotgigs.test", "/dashboard/"),
}
# Screenshots of each role's main pages, at both widths, for a reviewer.
MAIN_PAGES = {
    "candidate": ["accounts:dashboard", "jobs:search", "jobs:detail",
                  "candidates:profile", "jobs:application-detail",
                  "ranking:recommendations"],
    "employer": ["accounts:dashboard", "jobs:company_jobs", "jobs:pipeline",
                 "jobs:application-detail", "candidates:search", "candidates:detail",
                 "analytics:insights", "jobs:create", "jobs:edit"],
    "recruiter": ["accounts:dashboard", "recruiters:dashboard", "recruiters:pool",
                  "recruiters:submissions", "recruiters:reports", "candidates:search"],
    "staff": ["accounts:dashboard", "analytics:insights", "candidates:search"],
}  # fmt: skip
# The staff's main pages are in the admin (not a role page of the crawl).
STAFF_ADMIN_PAGES = {
    "admin-index": "/admin/",
    "admin-jobs": "/admin/jobs/job/",
    "admin-job-change": "/admin/jobs/job/{job}/change/",
}

VISIBLE_LINKS = """() => Array.from(document.querySelectorAll("a[href]"))
  .filter(a => a.getClientRects().length > 0
    && getComputedStyle(a).visibility !== "hidden")
  .map(a => a.href)"""


@pytest.fixture
def demo(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with open(os.devnull, "w") as quiet:
        off_loop(call_command, "seed_demo", stdout=quiet)
    return {
        role: (User.objects.get(email=email), home)
        for role, (email, home) in HOMES.items()
    }


def _name_of(url, origin):
    if not url.startswith(origin):
        return None
    path = url[len(origin) :].split("#")[0].split("?")[0] or "/"
    try:
        match = resolve(path)
    except Exception:  # noqa: BLE001 - a link outside the URLconf (static, media)
        return None
    return match.view_name


def _links(page, origin):
    return {url for url in page.evaluate(VISIBLE_LINKS) if url.startswith(origin)}


def _two_clicks(page, origin, home):
    """The route names reachable from `home` in at most two clicks."""
    page.goto(home)
    first = {u.split("#")[0] for u in _links(page, origin)}
    reached = {_name_of(u, origin) for u in first}
    for url in sorted(first):
        if url.endswith((".csv", ".ics", ".json", "/download", "/export/")):
            continue
        if url[len(origin) :].startswith(("/api/", "/admin/")):
            continue  # not a page of a role: the API docs and the staff admin
        response = page.goto(url)
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        reached |= {_name_of(u, origin) for u in _links(page, origin)}
    return reached


def test_every_page_of_each_role_is_two_clicks_from_its_home(new_page, demo):
    missing, unfilled = {}, {}
    for role, (user, home) in demo.items():
        pages, unknown = role_pages(user)
        if unknown:
            unfilled[role] = unknown
        page = new_page()
        log_in(page, user, next_url=home, password=DEMO_PASSWORD)
        origin = page.url[: page.url.index("/", len("http://"))]
        reached = _two_clicks(page, origin, home)
        lost = sorted(p.name for p in pages if p.name not in reached)
        if lost:
            missing[role] = lost
        assert len(pages) > 10, (role, pages)
    assert (unfilled, missing) == ({}, {}), (
        f"routes with no filler in e2e/role_pages.py: {unfilled}; "
        f"pages more than two clicks from the role's home: {missing}"
    )


def test_no_page_of_any_role_scrolls_sideways_on_a_phone(new_page, demo):
    wide = {}
    for role, (user, home) in demo.items():
        pages, _ = role_pages(user)
        page = new_page(viewport=PHONE)
        log_in(page, user, next_url=home, password=DEMO_PASSWORD)
        for found in pages:
            page.goto(found.path)
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > PHONE["width"]:
                screenshot(page, f"phone-too-wide-{role}-{found.name}")
                wide[f"{role} {found.path}"] = width
        desktop = new_page()
        log_in(desktop, user, next_url=home, password=DEMO_PASSWORD)
        for found in pages:
            if found.name in MAIN_PAGES[role]:
                slug = found.name.replace(":", "-")
                page.goto(found.path)
                screenshot(page, f"{role}-{slug}-375")
                desktop.goto(found.path)
                screenshot(desktop, f"{role}-{slug}-1280")
        if role == "staff":
            job = Job.objects.published().order_by("pk").first()
            for name, path in STAFF_ADMIN_PAGES.items():
                for shown, size in ((page, 375), (desktop, 1280)):
                    shown.goto(path.format(job=job.pk))
                    screenshot(shown, f"staff-{name}-{size}")
    assert wide == {}


def test_the_menu_opens_without_javascript_on_a_phone(new_page, demo):
    user, home = demo["employer"]
    page = new_page(viewport=PHONE, java_script_enabled=False)
    log_in(page, user, next_url=home, password=DEMO_PASSWORD)
    post = page.locator("#nav-panel").get_by_text("Post a job", exact=True)
    assert not post.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert post.is_visible()
    post.click()
    assert page.url.endswith("/jobs/new/")
