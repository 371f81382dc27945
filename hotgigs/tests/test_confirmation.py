"""Confirmation before destructive actions (hotgigs/confirmation.py): every
destructive form in the templates carries `{% confirm %}`; without JavaScript
an unconfirmed post gets a page that asks, and only the confirmed post acts."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.template.loader import get_template
from django.test import Client

from jobs.models import SavedSearch
from jobs.services.alerts import saved_search_create

TEMPLATE_ROOTS = [Path(settings.BASE_DIR) / "templates"] + sorted(
    Path(settings.BASE_DIR).glob("*/templates")
)
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
POST = re.compile(r"""method=["']?post\b""", re.I)
# A word of one of these in a form (button, hidden value, URL name, option)
# makes it destructive: it deletes, ends or cannot be undone.
DESTRUCTIVE = {
    "archive",
    "archived",
    "block",
    "cancel",
    "cancelled",
    "close",
    "closed",
    "decline",
    "delete",
    "end",
    "erase",
    "leave",
    "merge",
    "reject",
    "rejected",
    "remove",
    "revoke",
    "unsubscribe",
    "withdraw",
}
# Pages whose whole purpose is to confirm: reached by a link, they name the
# consequence, and their form is the "yes" (with a Cancel/Keep link).
CONFIRMATION_PAGES = {
    "confirm.html",
    "accounts/delete.html",
    "companies/confirm_remove.html",
    "documents/delete.html",
    "jobs/applications/withdraw.html",
    "notifications/unsubscribe.html",
}
# Forms that look destructive but are not, and why.
NOT_DESTRUCTIVE = {
    # "Remove" from saved jobs drops a bookmark; "Save" on the job brings it back.
    ("jobs/applications/saved_jobs.html", 'value="unsave"'),
    # A card's "Move" leaves "rejected" out of its stages: rejecting is on the
    # application page and in the bulk form, both confirmed.
    ("jobs/applications/pipeline.html", "pipeline-move"),
    # "Apply to my profile" only adds what is ticked; "end" is the printed
    # `e.end_year` of an education entry.
    ("ranking/resume_fill.html", 'name="education"'),
}
# Not part of what a form posts: links (a "Cancel" link leaves the form unsent),
# printed values ({{ e.end }}) and comments.
NOT_POSTED = re.compile(r"<a\b.*?</a>|\{\{.*?\}\}|\{#.*?#\}", re.S | re.I)


def _templates():
    for root in TEMPLATE_ROOTS:
        for path in sorted(root.rglob("*.html")):
            yield root, path.relative_to(root).as_posix(), path.read_text()


def destructive_forms():
    """(template name, form source) of every destructive POST form."""
    found = []
    for _root, name, source in _templates():
        if name in CONFIRMATION_PAGES:
            continue
        for form in FORM.findall(source):
            if not POST.search(form):
                continue
            if any(name == n and marker in form for n, marker in NOT_DESTRUCTIVE):
                continue
            words = set(re.findall(r"[a-z]+", NOT_POSTED.sub(" ", form).lower()))
            if words & DESTRUCTIVE:
                found.append((name, form))
    return found


def test_every_destructive_form_asks_for_confirmation():
    forms = destructive_forms()
    # The sweep finds the forms it is meant to find (a broken pattern that
    # matches nothing would pass every template).
    names = {name for name, _form in forms}
    assert {
        "jobs/alerts.html",
        "jobs/company_jobs.html",
        "candidates/search.html",
        "jobs/applications/team_detail.html",
        "jobs/applications/pipeline.html",
        "recruiters/_submissions_table.html",
        "recruiters/requests.html",
        "recruiters/duplicates.html",
    } <= names
    missing = [
        f"{name}: {form.splitlines()[0].strip()}"
        for name, form in forms
        if "{% confirm %}" not in form
    ]
    assert missing == [], (
        "Destructive forms without {% confirm %}…{% endconfirm %} "
        "(see hotgigs/confirmation.py):\n" + "\n".join(missing)
    )


def test_no_template_uses_the_javascript_only_attribute():
    """`data-confirm` asked only with JavaScript on; `{% confirm %}` asks
    either way."""
    assert [name for _r, name, s in _templates() if "data-confirm" in s] == []


def test_every_template_using_the_tag_loads_it():
    users = [name for _r, name, s in _templates() if "{% confirm %}" in s]
    assert len(users) >= 15
    for name in users:
        get_template(name)  # a missing {% load confirm %} fails to compile


def test_the_tag_renders_the_question_escaped_once():
    template = Template(
        "{% load confirm %}"
        '{% confirm %}Delete “{{ name }}”?\n  Really "now"{% endconfirm %}'
    )
    html = template.render(Context({"name": "R&D <team> O'Brien"}))
    assert html == (
        '<input type="hidden" name="_confirm" value="Delete “R&amp;D &lt;team&gt; '
        'O&#x27;Brien”? Really &quot;now&quot;">'
    )


@pytest.fixture
def alert(alice):
    return saved_search_create(
        user=alice, name="Rust & Go", query={"q": "rust"}, frequency="daily"
    )


QUESTION = "Delete the alert “Rust & Go”? Its emails stop."


@pytest.mark.django_db
def test_alerts_page_puts_the_question_in_the_delete_form(client, alice, alert):
    client.force_login(alice)
    html = client.get("/alerts/").content.decode()
    form = html.split(f'action="/alerts/{alert.pk}/delete/"')[1].split("</form>")[0]
    assert (
        '<input type="hidden" name="_confirm" value="Delete the alert '
        '“Rust &amp; Go”? Its emails stop.">'
    ) in form


@pytest.mark.django_db
def test_unconfirmed_post_asks_on_a_page_and_keeps_the_alert(client, alice, alert):
    client.force_login(alice)
    response = client.post(
        f"/alerts/{alert.pk}/delete/",
        {"_confirm": QUESTION, "tag": ["a", "b"]},
        HTTP_REFERER="http://testserver/alerts/?page=2",
    )

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "confirm.html"
    html = response.content.decode()
    assert (
        '<h1 id="confirm-question">Delete the alert “Rust &amp; Go”? '
        "Its emails stop.</h1>"
    ) in html
    form = html.split(f'<form method="post" action="/alerts/{alert.pk}/delete/">')[1]
    form = form.split("</form>")[0]
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form)
    assert [(n, v) for n, v in hidden if n != "csrfmiddlewaretoken"] == [
        ("_confirm", "Delete the alert “Rust &amp; Go”? Its emails stop."),
        ("tag", "a"),
        ("tag", "b"),
        ("_confirmed", "yes"),
    ]
    assert '<a class="button button-secondary" href="/alerts/?page=2">Cancel</a>' in (
        form.replace("http://testserver", "")
    )
    assert SavedSearch.objects.filter(pk=alert.pk).exists()


@pytest.mark.django_db
def test_confirmed_post_reaches_the_view(client, alice, alert):
    client.force_login(alice)
    response = client.post(
        f"/alerts/{alert.pk}/delete/", {"_confirm": QUESTION, "_confirmed": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/alerts/"
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()


@pytest.mark.django_db
def test_cancel_never_leads_to_another_site(client, alice, alert):
    client.force_login(alice)
    html = client.post(
        f"/alerts/{alert.pk}/delete/",
        {"_confirm": QUESTION},
        HTTP_REFERER="https://evil.example/phish",
    ).content.decode()
    assert '<a class="button button-secondary" href="/dashboard/">Cancel</a>' in html
    assert "evil.example" not in html


@pytest.mark.django_db
def test_forged_post_gets_the_csrf_page_not_a_confirmation(alice, alert):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(f"/alerts/{alert.pk}/delete/", {"_confirm": QUESTION})
    assert response.status_code == 403
    assert "Please confirm" not in response.content.decode()
    assert SavedSearch.objects.filter(pk=alert.pk).exists()


@pytest.mark.django_db
def test_posts_without_a_question_are_not_held(client, alice, alert):
    client.force_login(alice)
    response = client.post(f"/alerts/{alert.pk}/delete/")
    assert response.status_code == 302
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()
