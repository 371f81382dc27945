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
