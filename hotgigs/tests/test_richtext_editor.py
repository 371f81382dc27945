"""The rich-text editor (django-prose-editor's build, served from the package's own
static files) on job descriptions, company "about" and profile summaries, and the
no-JavaScript path: plain text typed into the bare textarea keeps its paragraphs
and "- " lists, and the same nh3 sanitiser runs on the way in and out."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from candidates.models import CandidateProfile
from candidates.tests.factories import CandidateProfileFactory, make_profile
from companies.models import Company
from hotgigs.richtext import RichTextarea
from jobs.models import Job
from jobs.tests.factories import JobFactory
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
    # The module loads the editor's styles itself (not render-blocking in <head>).
    assert (
        'data-richtext-styles="/static/django_prose_editor/material-icons.css '
        '/static/django_prose_editor/editor.css /static/css/richtext-editor.css"'
    ) in html
    # Plain text stored before the editor opens as paragraphs and a list.
    assert "&lt;p&gt;Line one&lt;/p&gt;&lt;ul&gt;&lt;li&gt;a&lt;/li&gt;" in html


def test_widget_assets_are_local_static_files_that_exist():
    media = RichTextarea().media
    rendered = str(media)

    assert re.findall(r'(?:href|src)="([^"]+)"', rendered) == [
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


# --- the admin: the same editor and sanitiser ----------------------------------------


class ChangeForm(HTMLParser):
    """What a browser submits from the admin's change form (its #…_form): every
    named input, select and textarea with its current value."""

    def __init__(self):
        super().__init__()
        self.data, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form or not attrs.get("name"):
            if tag == "option" and self.select and "selected" in attrs:
                self.data.append((self.select, attrs.get("value", "")))
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in {"submit", "file", "checkbox", "radio"}:
            self.data.append((attrs["name"], attrs.get("value", "")))
        elif tag == "input" and kind in {"checkbox", "radio"} and "checked" in attrs:
            self.data.append((attrs["name"], attrs.get("value", "on")))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data.append((self.textarea, ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            name, text = self.data[-1]
            self.data[-1] = (name, text + data)

    def post_data(self, **changes):
        data = {}
        for name, value in self.data:
            data.setdefault(name, []).append(value.lstrip("\n"))
        return {**data, **{name: [value] for name, value in changes.items()}}


def admin_save(client, url, **changes):
    """Open an admin change form and save it as a browser would, with changes."""
    page = client.get(url)
    form = ChangeForm()
    form.feed(page.content.decode())
    return page, client.post(url, form.post_data(**changes, _save="Save"))


@pytest.fixture
def admin_objects(acme, alice):
    job = JobFactory(company=acme, title="Payments Engineer")
    profile = make_profile(alice, headline="Payments engineer")
    return {"job": job, "company": acme, "profile": profile}


@pytest.mark.parametrize(
    ("name", "url", "field", "model", "country"),
    [
        ("job", "/admin/jobs/job/{pk}/change/", "description", Job, "country"),
        (
            "company",
            "/admin/companies/company/{pk}/change/",
            "description",
            Company,
            "hq_country",
        ),
        (
            "profile",
            "/admin/candidates/candidateprofile/{pk}/change/",
            "summary",
            CandidateProfile,
            "country",
        ),
    ],
)
def test_admin_change_form_has_the_editor_and_saving_sanitises(
    sam, admin_objects, name, url, field, model, country
):
    obj = admin_objects[name]
    url = url.format(pk=obj.pk)
    client = login(sam)

    page, response = admin_save(client, url, **{field: DIRTY})

    body = page.content.decode()
    # The pages' widget: one editor textarea with its styles, and the module.
    assert body.count("data-richtext-editor") == 1
    assert re.search(rf'<textarea name="{field}"[^>]*data-richtext-editor=""', body)
    assert "data-richtext-styles=" in body
    assert '<script src="/static/js/richtext-editor.js" type="module">' in body
    # The site's one country picker, as on the pages (names, storing the code).
    assert re.search(
        rf'<select name="{country}"[^>]*>\s*<option value=""( selected)?>—', body
    )
    assert re.search(r'<option value="DE"( selected)?>Germany</option>', body)
    if stored := getattr(obj, country):
        assert f'<option value="{stored}" selected>' in body
    assert response.status_code == 302, response.content.decode()[:2000]
    assert getattr(model.objects.get(pk=obj.pk), field) == DIRTY_CLEANED


def test_admin_keeps_plain_text_paragraphs_and_lists(sam, acme):
    client = login(sam)

    _, response = admin_save(
        client,
        f"/admin/companies/company/{acme.pk}/change/",
        description=TYPED_WITHOUT_EDITOR,
    )

    assert response.status_code == 302
    assert Company.objects.get(pk=acme.pk).description == KEPT
