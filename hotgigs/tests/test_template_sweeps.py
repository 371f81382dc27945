"""Sweeps over every page template for the site-wide polish rules, so a new
page cannot forget them: its own title, and times of day the viewer's
browser can put in their time zone (site.js rewrites <time datetime>)."""

import re

from hotgigs.tests.test_confirmation import _templates

# A time of day printed with |date (H, G, g, h or P in the format).
TIME_OF_DAY = re.compile(r"""\{\{\s*([\w.]+)\|date:["'][^"']*[HGghP][^"']*["']""")
# Times deliberately shown in another zone than the viewer's, and why.
OTHER_ZONE = {
    # An interview is written in its own time zone, named next to it, inside a
    # <time data-zone> that site.js rewrites into the viewer's zone
    # (jobs/applications/_interview_time.html).
    "interview.local_starts_at",
}


def test_every_page_has_its_own_title():
    pages = {
        name: source
        for _root, name, source in _templates()
        if '{% extends "base.html" %}' in source
    }
    assert len(pages) > 60
    assert [n for n, source in pages.items() if "{% block title %}" not in source] == []


def test_times_of_day_are_in_time_elements():
    """A time of day in UTC is wrong for most viewers: print it inside
    <time datetime="{{ x|date:'c' }}"> so site.js shows it in theirs."""
    bare = []
    for _root, name, source in _templates():
        if name.startswith(("emails/", "registration/")):
            continue  # mail has no browser to convert it
        for line_no, line in enumerate(source.splitlines(), 1):
            for match in TIME_OF_DAY.finditer(line):
                value = match.group(1)
                if value in OTHER_ZONE:
                    continue
                if f"<time datetime=\"{{{{ {value}|date:'c' }}}}\">" not in line:
                    bare.append(f"{name}:{line_no}: {value}")
    assert bare == []


# Site links written by hand rather than by {% url %}, and why.
HAND_WRITTEN_LINKS = {
    # Error pages must render when the URLconf or the app is what failed.
    "500.html",
    "503.html",
}
SITE_HREF = re.compile(r"""href=["']/""")
ROLE_STRING = re.compile(r"""\buser\.role\s*[!=]=""")


def test_pages_link_by_url_name_and_check_roles_through_the_user():
    """Links come from {% url %} (a moved URL cannot leave a dead link) and role
    checks from User.is_candidate / is_employer / is_recruiter, not strings."""
    hand_written, role_strings = [], []
    for _root, name, source in _templates():
        if name.startswith("emails/"):
            continue  # mail links are absolute (site_links)
        for line_no, line in enumerate(source.splitlines(), 1):
            if SITE_HREF.search(line) and name not in HAND_WRITTEN_LINKS:
                hand_written.append(f"{name}:{line_no}")
            if ROLE_STRING.search(line):
                role_strings.append(f"{name}:{line_no}")
    assert hand_written == []
    assert role_strings == []
