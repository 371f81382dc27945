"""Hostile input: script payloads in every text that is shown back, formula
injection in CSV exports, and malformed requests (oversized, deeply nested,
invalid UTF-8, wrong content type, absurd numbers, SQL- and regex-looking search
strings) → a clear 4xx or an empty result, never a 500."""

import csv
import io
import json
import re

import pytest
from django.core import mail
from django.test import Client

from hotgigs.tests.test_authz_matrix import world  # noqa: F401

XSS = [
    "<script>alert('x1')</script>",
    '<img src=x onerror=alert("x2")>',
    '"><svg onload=alert("x3")>',
    "<a href=\"javascript:alert('x4')\">click</a>",
    "</textarea><iframe src=javascript:alert(5)></iframe>",
]
PAYLOAD = " ".join(XSS)

# JSON-LD is data (its "<" are escaped as \u003c), not a script that runs.
LIVE_SCRIPT = re.compile(
    r"<script(?![^>]*application/ld\+json)[^>]*>[^<]*alert", re.IGNORECASE
)
HANDLER = re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"<[a-z][^<>]*(href|src)\s*=\s*[\"']?\s*javascript:", re.I)
FRAME = re.compile(r"<iframe", re.IGNORECASE)


def assert_inert(html: str, where: str):
    assert not LIVE_SCRIPT.search(html), f"live <script> in {where}"
    # Escaped text inside a quoted attribute is inert; a breakout would need a
    # real quote, which would end the value before the handler.
    html = re.sub(r'"[^"]*"', '""', html)
    assert not HANDLER.search(html), f"inline event handler in {where}"
    assert not JS_URL.search(html), f"javascript: URL in {where}"
    assert not FRAME.search(html), f"<iframe> in {where}"


@pytest.fixture
def hostile(world, alice, olivia, acme):  # noqa: F811
    """The world with a payload in every text field that pages show back."""
    from candidates.models import CandidateProfile
    from notifications.messaging import message_send

    alice.full_name = f"Alice {XSS[1]}"
    alice.save(update_fields=["full_name"])
    olivia.full_name = f"Olivia {XSS[2]}"
    olivia.save(update_fields=["full_name"])
    acme.name = f"Acme {XSS[0]}"
    acme.description = f"<p>We build {PAYLOAD}</p>"
    acme.save(update_fields=["name", "description"])
    world.job.title = f"Engineer {XSS[0]}"
    world.job.description = f"<p>Join us {PAYLOAD}</p>"
    world.job.save(update_fields=["title", "description"])
    CandidateProfile.objects.filter(user=alice).update(headline=f"Dev {XSS[2]}")
    world.document.name = f"CV {XSS[1]}"
    world.document.original_filename = f"{XSS[1]}.pdf"
    world.document.save(update_fields=["name", "original_filename"])
    message_send(user=alice, conversation=world.conversation, body=PAYLOAD)
    return world


PAGES = [
    ("anon", lambda w: f"/jobs/{w.job.slug}/"),
    ("anon", lambda w: f"/companies/{w.acme.slug}/"),
    ("anon", lambda w: f"/jobs/?q={PAYLOAD}"),
    ("olivia", lambda w: f"/candidates/{w.alice_profile.pk}/"),
    ("olivia", lambda w: f"/candidates/?q={PAYLOAD}"),
    ("olivia", lambda w: f"/jobs/{w.job.slug}/pipeline/"),
    ("olivia", lambda w: f"/applications/{w.application.pk}/"),
    ("olivia", lambda w: f"/messages/{w.conversation.pk}/"),
    ("olivia", lambda w: "/messages/"),
    ("olivia", lambda w: f"/companies/{w.acme.slug}/team/"),
    ("alice", lambda w: f"/messages/{w.conversation.pk}/"),
    ("alice", lambda w: "/documents/"),
    ("alice", lambda w: "/applications/"),
    ("alice", lambda w: "/profile/"),
    ("alice", lambda w: "/dashboard/"),
    ("rita", lambda w: "/recruiter/pool/"),
    ("rita", lambda w: "/recruiter/submissions/"),
]


@pytest.mark.parametrize(("persona", "url"), PAGES, ids=[str(i) for i in range(17)])
def test_payloads_are_inert_in_pages(request, hostile, persona, url):
    client = Client()
    if persona != "anon":
        client.force_login(request.getfixturevalue(persona))
    path = url(hostile)

    response = client.get(path)

    assert response.status_code == 200, path
    assert_inert(response.content.decode(), path)


def test_payloads_are_inert_in_the_api_json(api_as, hostile, olivia):
    # JSON is data, not markup; it must still be served as JSON, never as HTML.
    response = api_as(olivia).get(f"/api/v1/conversations/{hostile.conversation.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_payloads_are_inert_in_emails(
    hostile, olivia, acme, django_capture_on_commit_callbacks
):
    from companies.services import invitation_create

    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(user=olivia, company=acme, email="someone@example.com")

    (message,) = mail.outbox
    assert acme.name in message.subject + message.body  # plain text shows the name
    for html, mime in getattr(message, "alternatives", []):
        if mime == "text/html":
            assert_inert(html, "invitation email")


def test_payloads_are_inert_in_a_downloaded_filename(hostile, alice):
    client = Client()
    client.force_login(alice)

    response = client.get(f"/documents/{hostile.document.pk}/download")

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "<" not in disposition.split("filename*=")[0]
    assert '"' not in disposition.split('filename="')[1].split('"')[0]


# --- CSV exports: formula injection -------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]


def _cells(response):
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_recruiter_report_csv_neutralises_formulas(hostile, rita, acme):
    acme.name = FORMULAS[0]
    acme.save(update_fields=["name"])
    rita.full_name = FORMULAS[3]
    rita.save(update_fields=["full_name"])
    client = Client()
    client.force_login(rita)

    cells = []
    for by in ("client", "recruiter"):
        response = client.get("/recruiter/reports.csv", {"by": by})
        assert response.status_code == 200
        cells += _cells(response)

    assert "'" + FORMULAS[0] in cells
    assert "'" + FORMULAS[3] in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("table", ["funnel", "time_in_stage", "sources"])
def test_analytics_csv_exports_neutralise_formulas(hostile, olivia, table):
    for title in FORMULAS:
        hostile.job.title = title
    hostile.job.save(update_fields=["title"])
    client = Client()
    client.force_login(olivia)

    response = client.get(f"/insights/export/{table}.csv")

    assert response.status_code == 200
    assert not [c for c in _cells(response) if c.startswith(("=", "+", "@"))]


def test_safe_cell_neutralises_every_formula_prefix():
    from analytics.exports import safe_cell

    assert [safe_cell(v) for v in FORMULAS] == ["'" + v for v in FORMULAS]
    assert safe_cell("plain") == "plain"


# --- malformed requests --------------------------------------------------------------


def test_oversized_json_body_is_refused(api_as, alice):
    body = json.dumps({"full_name": "x" * 3_000_000})

    response = api_as(alice).generic(
        "PATCH", "/api/v1/me/", body, content_type="application/json"
    )

    assert response.status_code in (400, 413)
    alice.refresh_from_db()
    assert alice.full_name == "Alice Candidate"


def test_deeply_nested_json_is_a_parse_error(api_as, alice):
    body = "[" * 100_000 + "]" * 100_000

    response = api_as(alice).generic(
        "POST", "/api/v1/saved-searches/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_invalid_utf8_is_a_parse_error(api_as, alice):
    response = api_as(alice).generic(
        "PATCH",
        "/api/v1/me/",
        b'{"full_name": "\xff\xfe"}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_a_wrong_content_type_is_415(api_as, alice):
    response = api_as(alice).generic(
        "PATCH", "/api/v1/me/", "<full_name>x</full_name>", content_type="text/xml"
    )

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_a_huge_page_size_is_capped(api, hostile):
    response = api.get("/api/v1/companies/", {"page_size": 10**9})

    assert response.status_code == 200
    assert len(response.json()["results"]) <= 100


@pytest.mark.parametrize("page", ["0", "-1", "99999999999999999999", "abc"])
def test_absurd_page_numbers_are_404(api, db, page):
    response = api.get("/api/v1/companies/", {"page": page})

    assert response.status_code == 404


DETAIL_URLS = [
    "/api/v1/applications/{}/",
    "/api/v1/companies/{}/",
    "/api/v1/documents/{}/",
    "/api/v1/interviews/{}/",
    "/api/v1/saved-searches/{}/",
    "/api/v1/conversations/{}/",
    "/api/v1/saved-candidate-searches/{}/",
    "/api/v1/candidates/{}/",
    "/api/v1/jobs/{}/",
    "/api/v1/recruiters/placements/{}/",
    "/api/v1/recruiters/submissions/{}/",
]


@pytest.mark.parametrize("url", DETAIL_URLS)
@pytest.mark.parametrize("key", ["-1", "0", "99999999999999999999", "1e3", "%20"])
def test_absurd_ids_are_404(api_as, olivia, url, key):
    client = api_as(olivia)

    response = client.get(url.format(key))

    assert response.status_code == 404, response.content


SEARCHES = [
    "' OR 1=1 --",
    "'; DROP TABLE jobs_job; --",
    '" UNION SELECT password FROM accounts_user --',
    "(a+)+$",
    ".*[",
    "\\",
    "%_%",
    "& | ! :* <->",
    "\x00null",
    "x" * 5000,
]


@pytest.mark.parametrize("query", SEARCHES, ids=[str(i) for i in range(len(SEARCHES))])
def test_hostile_search_strings_are_never_a_500(api_as, client, hostile, olivia, query):
    api = api_as(olivia)
    client.force_login(olivia)

    answers = [
        api.get("/api/v1/jobs/", {"q": query}),
        api.get("/api/v1/candidates/", {"q": query}),
        api.get("/api/v1/ai/skills/", {"q": query}),
        api.get("/api/v1/recruiters/pool/", {"q": query}),
        client.get("/jobs/", {"q": query}),
        client.get("/candidates/", {"q": query}),
    ]

    assert [r.status_code for r in answers if r.status_code >= 500] == []
    for response in answers[:4]:
        if response.status_code == 200:
            body = response.json()
            rows = body["results"] if isinstance(body, dict) else body
            assert all(r.get("id") != -1 for r in rows)
