"""The rich-text editor (django-prose-editor's build, served from the package's own
static files) on job descriptions, company "about" and profile summaries, and the
no-JavaScript path: plain text typed into the bare textarea keeps its paragraphs
and "- " lists, and the same nh3 sanitiser runs on the way in and out."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from candidates.models import CandidateProfile
from candidates.tests.factories import CandidateProfileFactory
from companies.models import Company
from hotgigs.richtext import RichTextarea
from jobs.models import Job
from matching.tests.factories import SkillFactory

TYPED_WITHOUT_EDITOR = (
    "I build payment systems.\r\n\r\nWhat I bring:\r\n- Python\r\n- PostgreSQL"
)
KEPT = (
    "<p>I build payment systems.</p><p>What I bring:</p>"
    "<ul><li>Python</li><li>PostgreSQL</li></ul>"
)
DIRTY = (
    '<p onclick="steal()">Hi <a href="javascript:alert(1)">me</a></p>'
    "<script>alert(1)</script><img src=x onerror=alert(1)>"
)
DIRTY_CLEANED = '<p>Hi <a rel="noopener noreferrer nofollow">me</a></p>'


def login(user):
    client = Client()
    client.force_login(user)
    return client


# --- the widget and its assets -------------------------------------------------------


def test_widget_marks_the_textarea_and_hands_the_editor_html():
    html = RichTextarea().render("summary", "Line one\n\n- a\n- b", {"id": "id_s"})

    assert 'data-richtext-editor=""' in html
    assert 'rows="10"' in html
    # Plain text stored before the editor opens as paragraphs and a list.
    assert "&lt;p&gt;Line one&lt;/p&gt;&lt;ul&gt;&lt;li&gt;a&lt;/li&gt;" in html


def test_widget_assets_are_local_static_files_that_exist():
    media = RichTextarea().media
    rendered = str(media)

    assert re.findall(r'(?:href|src)="([^"]+)"', rendered) == [
        "/static/django_prose_editor/material-icons.css",
        "/static/django_prose_editor/editor.css",
        "/static/css/richtext-editor.css",
        "/static/js/richtext-editor.js",
    ]
    assert 'type="module"' in rendered
    assert "http" not in rendered
    for name in (
        "django_prose_editor/material-icons.css",
        "django_prose_editor/material-icons.woff2",
        "django_prose_editor/editor.css",
        "django_prose_editor/editor.js",
        "css/richtext-editor.css",
        "js/richtext-editor.js",
    ):
        assert finders.find(name), name


def test_editor_module_imports_the_package_build_by_a_relative_path():
    module = Path(finders.find("js/richtext-editor.js")).read_text()
    imports = re.findall(r'from "([^"]+)"', module)

    # No bare specifier (it would need an inline import map, refused by the CSP)
    # and nothing from the network.
    assert imports == ["../django_prose_editor/editor.js"]
    built = Path(finders.find("django_prose_editor/editor.js")).read_text()
    assert "createTextareaEditor" in built
    assert not re.search(r"""(?:import|from)\s*["']https?://""", built)


def test_editor_fonts_load_from_the_package():
    css = Path(finders.find("django_prose_editor/material-icons.css")).read_text()

    assert re.findall(r"url\(([^)]+)\)", css) == ["./material-icons.woff2"]


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("alice", "/profile/"),
        ("olivia", "/jobs/new/"),
        ("olivia", "/companies/acme/settings/"),
    ],
)
def test_form_pages_load_the_editor(request, acme, persona, url):
    response = login(request.getfixturevalue(persona)).get(url)
    body = response.content.decode()

    assert response.status_code == 200
    assert '<script src="/static/js/richtext-editor.js" type="module">' in body
    assert body.count("data-richtext-editor") == 1
    assert "script-src 'self'" in response["Content-Security-Policy"]


# --- no JavaScript: plain text round trips ------------------------------------------


def test_profile_summary_typed_without_the_editor_keeps_paragraphs_and_lists(alice):
    client = login(alice)

    response = client.post("/profile/summary/", {"summary": TYPED_WITHOUT_EDITOR})

    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=alice)
    assert profile.summary == KEPT
    # Search and matching read the words, not the tags.
    assert "<" not in profile.search_document
    assert "What I bring: Python PostgreSQL" in profile.search_document
    page = client.get(f"/candidates/{profile.pk}/").content.decode()
    assert f'<div class="richtext">{KEPT}</div>' in page
    # Edited again: the textarea holds the stored HTML, escaped.
    form = client.get("/profile/").content.decode()
    assert "&lt;ul&gt;&lt;li&gt;Python&lt;/li&gt;" in form


def test_profile_summary_is_sanitised_on_the_way_in(alice):
    client = login(alice)

    client.post("/profile/summary/", {"summary": DIRTY})

    assert CandidateProfile.objects.get(user=alice).summary == DIRTY_CLEANED


def test_profile_summary_written_around_the_service_is_sanitised_on_the_way_out(
    alice, olivia, acme
):
    profile = CandidateProfileFactory(user=alice, visibility="public")
    CandidateProfile.objects.filter(pk=profile.pk).update(summary=DIRTY)

    page = login(olivia).get(f"/candidates/{profile.pk}/").content.decode()

    assert f'<div class="richtext">{DIRTY_CLEANED}</div>' in page
    assert "steal()" not in page
    assert "<script>alert" not in page


def test_company_about_typed_without_the_editor_round_trips(acme, olivia):
    client = login(olivia)

    response = client.post(
        "/companies/acme/settings/",
        {"action": "profile", "name": "Acme", "description": TYPED_WITHOUT_EDITOR},
    )

    assert response.status_code == 302
    assert Company.objects.get(pk=acme.pk).description == KEPT
    assert KEPT in client.get("/companies/acme/").content.decode()


def test_job_description_typed_without_the_editor_round_trips(acme, olivia):
    SkillFactory(name="Python", slug="python")
    client = login(olivia)
    form = {
        "company": acme.pk,
        "title": "Payments Engineer",
        "description": TYPED_WITHOUT_EDITOR,
        "employment_type": "full_time",
        "experience_level": "senior",
        "city": "Berlin",
        "country": "DE",
        "remote_policy": "hybrid",
        "salary_currency": "EUR",
        "salary_period": "year",
        "openings": "1",
        "skills": "Python",
        "action": "publish",
    }

    response = client.post("/jobs/new/", form)

    assert response.status_code == 302
    job = Job.objects.get()
    assert job.description == KEPT
    assert KEPT in client.get(f"/jobs/{job.slug}/").content.decode()
