"""Inputs that used to answer 500: each now answers a
clear 4xx (or a 503 when the database is down), in the JSON error shape for
the API and a plain page for HTML."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError

from hotgigs.tests.conftest import CLOSED_PORT
from jobs.tests.applications.conftest import make_application
from jobs.tests.factories import JobFactory
from notifications import messaging

FORGED_CURSOR = "cD0yMDI2"  # base64 of "p=2026": a position that is no date


def error(code, message, fields=None):
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


@pytest.fixture
def acme_job(acme, olivia):
    return JobFactory(company=acme, posted_by=olivia, published=True, title="Backend")


@pytest.fixture
def conversation(acme_job, alice, olivia):
    application = make_application(acme_job, alice)
    return messaging.conversation_start_for_application(
        user=olivia, application=application, body="Hello Alice"
    )


# --- Candidate search with an unknown skill -----------------------------------------


def test_candidate_search_api_with_an_unknown_skill_finds_nobody(api_as, olivia, acme):
    response = api_as(olivia).get("/api/v1/candidates/?skills=nosuchskill")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_candidate_search_page_with_an_unknown_skill_finds_nobody(client, olivia, acme):
    client.force_login(olivia)

    response = client.get("/candidates/?skills=nosuchskill")

    assert response.status_code == 200


def test_estimated_rows_of_a_query_that_cannot_match_is_zero(db):
    from hotgigs.search import estimated_rows, top_ids
    from jobs.models import Job

    nothing = Job.objects.filter(pk__in=[])

    assert estimated_rows(nothing) == 0
    fenced = top_ids(nothing, ["-id"], 10, fenced=True)
    assert list(Job.objects.filter(pk__in=fenced)) == []


# --- Forged cursors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("alice", "/api/v1/applications/"),
        ("alice", "/api/v1/notifications/"),
        ("olivia", "/api/v1/company-jobs/"),
        ("alice", "/api/v1/saved-jobs/"),
    ],
)
@pytest.mark.parametrize(
    "cursor",
    [
        FORGED_CURSOR,
        "cD0lMDA=",  # p=%00
        "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5",  # p=99999999999999999999999
        "bz0tMQ==",  # o=-1
        "%00",
        "not base64!",
    ],
)
def test_a_forged_cursor_is_404(request, api_as, acme, persona, url, cursor):
    user = request.getfixturevalue(persona)

    response = api_as(user).get(url, {"cursor": cursor})

    assert response.status_code in (400, 404)
    assert response.json()["error"]["code"] in ("not_found", "bad_request")


def test_a_forged_cursor_on_conversation_messages_is_404(api_as, alice, conversation):
    url = f"/api/v1/conversations/{conversation.pk}/messages/"

    response = api_as(alice).get(url, {"cursor": FORGED_CURSOR})

    assert response.status_code == 404
    assert response.json() == error("not_found", "Invalid cursor")


def test_a_real_cursor_still_pages(api_as, alice, acme):
    from notifications.models import Notification

    for n in range(25):
        Notification.objects.create(recipient=alice, kind="new_message", title=f"{n}")
    client = api_as(alice)

    first = client.get("/api/v1/notifications/").json()
    second = client.get(first["next"]).json()

    assert len(first["results"]) == 20
    assert len(second["results"]) == 5


# --- Nested objects with missing keys ---------------------------------------------


def test_patching_a_job_with_a_skill_item_missing_its_skill_is_400(
    api_as, olivia, acme_job
):
    response = api_as(olivia).patch(
        f"/api/v1/jobs/{acme_job.pk}/", {"skills": [{"a": 1}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == error(
        "invalid",
        "skills: 0.skill: This field is required.",
        {"skills": ["0.skill: This field is required."]},
    )


# --- NUL characters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/recruiters/pool/duplicates/"),
        ("get", "/api/v1/recruiters/reports/"),
        ("post", "/api/v1/recruiters/clients/"),
        ("post", "/api/v1/recruiters/pool/"),
        ("post", "/api/v1/recruiters/submissions/"),
    ],
)
@pytest.mark.parametrize("persona", ["alice", "rita"])
def test_a_nul_in_the_query_string_is_400(
    request, api_as, agency, persona, method, url
):
    client = api_as(request.getfixturevalue(persona))

    response = getattr(client, method)(f"{url}?agency=a%00b", {}, format="json")

    assert response.status_code == 400
    assert response.json() == error(
        "bad_request", "Null characters are not allowed in the address."
    )


def test_a_nul_in_a_page_address_is_a_400_page(client, db):
    response = client.get("/jobs/?q=a%00b")

    assert response.status_code == 400
    assert b"Null characters are not allowed" in response.content


def test_a_nul_in_a_json_body_is_400(api_as, rita, agency):
    response = api_as(rita).post(
        "/api/v1/recruiters/clients/", {"client": "a\x00b"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


# --- Very long query strings ---------------------------------------------------------


def test_an_over_long_api_query_string_is_a_json_414(api, db, settings):
    response = api.get("/api/v1/jobs/?q=" + "a" * 1024 * 1024)

    assert response.status_code == 414
    assert response.json() == error(
        "uri_too_long",
        f"The query string is longer than {settings.QUERY_STRING_MAX_BYTES} bytes.",
    )


def test_an_over_long_page_query_string_is_a_plain_414_page(client, db):
    response = client.get("/jobs/?q=" + "a" * 5000)

    assert response.status_code == 414
    assert b"Address too long" in response.content


def test_a_query_string_at_the_limit_is_served(api, db, settings):
    q = "a" * (settings.QUERY_STRING_MAX_BYTES - len("q="))

    assert api.get("/api/v1/jobs/?q=" + q).status_code != 414


def test_gunicorn_passes_long_request_lines_to_django():
    """gunicorn's own 414 is an HTML page: it leaves the limit to Django."""
    import runpy

    from hotgigs.tests.conftest import BASE_DIR

    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))

    assert config["limit_request_line"] == 0  # no limit of its own: Django's holds


# --- The database unreachable ---------------------------------------------------


@contextmanager
def _database_down(monkeypatch):
    """Every new query fails as with the server gone (undone before teardown,
    which needs the database)."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        yield


def test_api_answers_503_when_the_database_is_down(api, db, monkeypatch):
    with _database_down(monkeypatch):
        response = api.get("/api/v1/jobs/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == error(
        "unavailable", "The service is briefly unavailable. Please retry in a moment."
    )


def test_pages_answer_503_when_the_database_is_down(client, db, monkeypatch):
    client.raise_request_exception = False
    with _database_down(monkeypatch):
        response = client.get("/jobs/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Back in a moment" in response.content


DEAD_POSTGRES = f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/hotgigs"


def test_a_dead_database_is_a_503_in_a_real_process(request_in_subprocess):
    page, api_list = request_in_subprocess(
        [{"path": "/jobs/"}, {"path": "/api/v1/jobs/"}],
        DATABASE_URL=DEAD_POSTGRES,
        DB_CONNECT_TIMEOUT="2",
        DEBUG="false",
        TESTING="true",  # static files without a collected manifest
        SECRET_KEY="x" * 50,
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
    )

    assert page["status"] == 503
    assert page["headers"]["Retry-After"] == "30"
    assert "Back in a moment" in page["body"]
    assert api_list["status"] == 503
    assert '"code":"unavailable"' in api_list["body"]
    assert api_list["headers"]["Retry-After"] == "30"
