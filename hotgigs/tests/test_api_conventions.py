"""The API conventions every endpoint inherits: one error shape, pagination,
throttles, ETags, gzip and sparse fieldsets."""

import gzip
import json
import logging

import pytest
from rest_framework.throttling import SimpleRateThrottle

from accounts.tests.factories import UserFactory
from companies.tests.factories import CompanyFactory
from hotgigs.api.pagination import COUNT_CAP, PageNumberPagination, capped_count

pytestmark = [pytest.mark.urls("hotgigs.tests.urls_api"), pytest.mark.django_db]


def error(code, message, fields=None):
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


# --- The one error shape ---


def test_400_invalid_input_names_each_field(api):
    response = api.post("/api/v1/echo/", {"title": "x" * 21, "count": 0}, format="json")

    assert response.status_code == 400
    assert response.json() == error(
        "invalid",
        "title: Ensure this field has no more than 20 characters.",
        {
            "title": ["Ensure this field has no more than 20 characters."],
            "count": ["Ensure this value is greater than or equal to 1."],
        },
    )


def test_400_nested_and_bare_messages_keep_the_documented_shape():
    from rest_framework.exceptions import ValidationError

    from hotgigs.api.errors import exception_handler

    # What a nested serializer (many=True), a ListField and a service's bare
    # string give DRF; the body lists strings per field, the part's path first.
    detail = {
        "skills": [{}, {"skill": ["This field is required."]}],
        "tags": {2: ["Ensure this field has no more than 50 characters."]},
        "application": "No such application.",
    }

    response = exception_handler(ValidationError(detail), {})

    assert response.status_code == 400
    assert response.data == error(
        "invalid",
        "skills: 1.skill: This field is required.",
        {
            "skills": ["1.skill: This field is required."],
            "tags": ["2: Ensure this field has no more than 50 characters."],
            "application": ["No such application."],
        },
    )


def test_400_malformed_json_body(api):
    response = api.generic(
        "POST", "/api/v1/echo/", '{"title": "x",', content_type="application/json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error"]["code"] == "parse_error"
    assert body["error"]["message"].startswith("JSON parse error")
    assert body["error"]["fields"] == {}


def test_valid_input_is_accepted(api):
    response = api.post("/api/v1/echo/", {"title": "ok", "count": 2}, format="json")

    assert response.status_code == 201
    assert response.json() == {"title": "ok", "count": 2}


def test_401_without_credentials_says_how_to_authenticate(api):
    response = api.get("/api/v1/private/")

    assert response.status_code == 401
    assert response.json() == error(
        "not_authenticated", "Authentication credentials were not provided."
    )
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_401_with_a_tampered_token(api, alice, api_as):
    client = api_as(alice)
    header = client._credentials["HTTP_AUTHORIZATION"]
    client.credentials(HTTP_AUTHORIZATION=header[:-3] + "abc")

    response = client.get("/api/v1/private/")

    assert response.status_code == 401
    assert response.json() == error(
        "token_not_valid", "Given token not valid for any token type"
    )


def test_authenticated_request_passes(alice, api_as):
    response = api_as(alice).get("/api/v1/private/")

    assert response.status_code == 200
    assert response.json() == {"email": "alice@example.com"}


def test_403_in_the_error_shape(alice, api_as):
    response = api_as(alice).get("/api/v1/forbidden/")

    assert response.status_code == 403
    assert response.json() == error(
        "permission_denied", "You do not have permission to perform this action."
    )


def test_404_from_a_view_in_the_error_shape(api):
    response = api.get("/api/v1/fail/missing/")

    assert response.status_code == 404
    assert response.json() == error("not_found", "Not found.")


@pytest.mark.parametrize("debug", [False, True])
def test_404_for_an_unknown_api_url_is_json_even_with_debug(api, settings, debug):
    settings.DEBUG = debug

    response = api.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == error("not_found", "Not found.")


def test_405_in_the_error_shape(api):
    response = api.put("/api/v1/echo/", {}, format="json")

    assert response.status_code == 405
    assert response.json() == error("method_not_allowed", 'Method "PUT" not allowed.')


def test_409_conflict_in_the_error_shape(api):
    response = api.get("/api/v1/fail/conflict/")

    assert response.status_code == 409
    assert response.json() == error("conflict", "This job is already closed.")


def test_415_unsupported_media_type(api):
    response = api.generic(
        "POST", "/api/v1/echo/", "<title>x</title>", content_type="application/xml"
    )

    assert response.status_code == 415
    assert response.json() == error(
        "unsupported_media_type",
        'Unsupported media type "application/xml" in request.',
    )


@pytest.mark.parametrize("debug", [False, True])
def test_500_is_json_without_a_traceback(api, settings, caplog, debug):
    settings.DEBUG = debug

    with caplog.at_level(logging.ERROR, logger="hotgigs.api"):
        response = api.get("/api/v1/fail/crash/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == error("server_error", "Something went wrong on our side.")
    assert b"hunter2" not in response.content
    assert b"Traceback" not in response.content
    # The operators get the traceback in the log instead.
    [record] = [r for r in caplog.records if r.name == "hotgigs.api"]
    assert record.message == "unhandled API error"
    assert record.exc_info[0] is RuntimeError


def test_django_500_handler_answers_json_under_api(rf):
    from hotgigs.views import server_error

    response = server_error(rf.get("/api/v1/jobs/"))

    assert response.status_code == 500
    assert json.loads(response.content) == error(
        "server_error", "Something went wrong on our side."
    )


def test_django_500_handler_renders_the_page_without_the_request(rf):
    from hotgigs.views import server_error

    response = server_error(rf.get("/jobs/"))

    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"<title>Something went wrong" in response.content


# --- Throttles ---


@pytest.fixture
def low_rates(monkeypatch):
    """Throttle rates are read when a throttle is built: lower them for a test."""
    rates = SimpleRateThrottle.THROTTLE_RATES
    monkeypatch.setitem(rates, "user_minute", "3/minute")
    monkeypatch.setitem(rates, "anon_minute", "2/minute")


def test_429_per_user_with_retry_after(alice, bob, api_as, low_rates):
    client = api_as(alice)
    statuses = [client.get("/api/v1/private/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/private/")
    assert response.json() == error(
        "throttled", "Request was throttled. Expected available in 60 seconds."
    )
    assert response["Retry-After"] == "60"
    # Another user has a budget of their own.
    assert api_as(bob).get("/api/v1/private/").status_code == 200


def test_429_per_ip_for_anonymous_clients(api, low_rates):
    first_ip = [
        api.get("/api/v1/echo/", REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)
    ]

    assert first_ip == [200, 200, 429]
    assert api.get("/api/v1/echo/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_hourly_throttle_applies_too(api, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon_hour", "1/hour")

    assert api.get("/api/v1/echo/").status_code == 200
    response = api.get("/api/v1/echo/")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"


# --- Pagination ---


@pytest.fixture
def users(db):
    return [UserFactory(email=f"user{n:02}@example.com") for n in range(25)]


def test_page_number_pagination(api, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = api.get("/api/v1/users/?page=2&page_size=10")

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 25
    assert body["count_capped"] is False
    assert body["next"] == "http://testserver/api/v1/users/?page=3&page_size=10"
    assert body["previous"] == "http://testserver/api/v1/users/?page_size=10"
    assert [row["email"] for row in body["results"]] == [
        f"user{n:02}@example.com" for n in range(10, 20)
    ]


def test_last_page_has_no_next(api, users):
    body = api.get("/api/v1/users/?page=3&page_size=10").json()

    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/v1/users/?page=2&page_size=10"
    assert len(body["results"]) == 5


def test_page_size_is_capped(api, db):
    UserFactory.create_batch(105)

    body = api.get("/api/v1/users/?page_size=1000").json()

    assert len(body["results"]) == 100
    assert body["count"] == 105


def test_page_size_defaults_to_20(api, users):
    body = api.get("/api/v1/users/?page_size=abc").json()

    assert len(body["results"]) == 20


@pytest.mark.parametrize("page", ["0", "-1", "abc", "4"])
def test_invalid_page_is_404_in_the_error_shape(api, users, page):
    response = api.get(f"/api/v1/users/?page={page}&page_size=10")

    assert response.status_code == 404
    assert response.json() == error("not_found", "Invalid page.")


def test_empty_list_first_page_is_fine(api, db):
    body = api.get("/api/v1/users/").json()

    assert body == {
        "count": 0,
        "count_capped": False,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_count_is_capped_on_big_tables(db, users, monkeypatch, rf):
    from accounts.models import User
    from hotgigs.api import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    assert capped_count(User.objects.all(), cap=10) == 11

    from rest_framework.request import Request

    paginator = PageNumberPagination()
    request = Request(rf.get("/api/v1/users/"))
    paginator.paginate_queryset(User.objects.order_by("id"), request)
    body = paginator.get_paginated_response([]).data
    assert body["count"] == 10
    assert body["count_capped"] is True
    assert COUNT_CAP == 10_000


def test_cursor_pagination_walks_a_feed_newest_first(api, db):
    companies = [CompanyFactory(name=f"Company {n}") for n in range(5)]

    first = api.get("/api/v1/feed/?page_size=2").json()
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()

    names = [row["name"] for page in (first, second, third) for row in page["results"]]
    assert names == [company.name for company in reversed(companies)]
    assert first["previous"] is None
    assert "cursor=" in first["next"]
    assert third["next"] is None
    assert "count" not in first


def test_cursor_pagination_rejects_a_forged_cursor(api, db):
    response = api.get("/api/v1/feed/?cursor=not-a-cursor")

    assert response.status_code == 404
    assert response.json() == error("not_found", "Invalid cursor")


# --- Sparse fieldsets ---


def test_fields_keeps_only_the_named_fields(api, users):
    body = api.get("/api/v1/users/?page_size=2&fields=email,role").json()

    assert body["results"] == [
        {"email": "user00@example.com", "role": "candidate"},
        {"email": "user01@example.com", "role": "candidate"},
    ]


def test_fields_with_only_unknown_names_returns_everything(api, users):
    body = api.get("/api/v1/users/?page_size=1&fields=password,nope").json()

    assert set(body["results"][0]) == {"id", "email", "full_name", "role"}


# --- ETag and gzip ---


def test_get_has_an_etag_and_if_none_match_answers_304(api):
    first = api.get("/api/v1/echo/")
    etag = first["ETag"]

    second = api.get("/api/v1/echo/", HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200
    assert etag.startswith('"') or etag.startswith('W/"')
    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == etag


def test_a_changed_body_changes_the_etag(api, users):
    etag = api.get("/api/v1/users/")["ETag"]
    UserFactory(email="zed@example.com")

    response = api.get("/api/v1/users/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_no_etag_on_post_errors_or_streaming(api):
    post = api.post("/api/v1/echo/", {"title": "ok", "count": 1}, format="json")
    missing = api.get("/api/v1/fail/missing/")
    stream = api.get("/api/v1/stream/")

    assert not post.has_header("ETag")
    assert not missing.has_header("ETag")
    assert not stream.has_header("ETag")
    assert b"".join(stream.streaming_content) == b"a" * 500 + b"b" * 500


def test_if_none_match_does_not_apply_to_post(api):
    etag = api.get("/api/v1/echo/")["ETag"]

    response = api.post(
        "/api/v1/echo/",
        {"title": "ok", "count": 1},
        format="json",
        HTTP_IF_NONE_MATCH=etag,
    )

    assert response.status_code == 201


def test_large_responses_are_gzipped_when_asked(api):
    plain = api.get("/api/v1/big/")
    zipped = api.get("/api/v1/big/", HTTP_ACCEPT_ENCODING="gzip")

    assert not plain.has_header("Content-Encoding")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 5


def test_gzipped_response_still_answers_304(api):
    etag = api.get("/api/v1/big/", HTTP_ACCEPT_ENCODING="gzip")["ETag"]

    response = api.get(
        "/api/v1/big/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag
    )

    assert response.status_code == 304


def test_capped_count_counts_plain_lists_too():
    from hotgigs.api.pagination import capped_count

    assert capped_count([1, 2, 3]) == 3
