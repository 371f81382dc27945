"""`Cache-Control: private, no-store` on every answer to a signed-in request
(hotgigs/caching.py): personal data never lands in a shared or disk cache."""

import pytest

PRIVATE = "private, no-store"

pytestmark = pytest.mark.django_db

PERSONAL_API = [
    "/api/v1/applications/",
    "/api/v1/documents/",
    "/api/v1/candidates/me/",
    "/api/v1/notifications/",
    "/api/v1/conversations/",
    "/api/v1/saved-searches/",
    "/api/v1/me/",
    "/api/v1/me/export/",
]


@pytest.mark.parametrize("path", PERSONAL_API)
def test_personal_api_answers_are_private_and_not_stored(api_as, alice, path):
    response = api_as(alice).get(path)

    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == PRIVATE


def test_a_signed_in_page_is_private_and_not_stored(client, alice):
    client.force_login(alice)

    response = client.get("/documents/")

    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_signed_in_public_api_list_is_private_too(api_as, alice):
    # Public data, but fetched with a token: the answer may differ per person
    # (match scores, "applied" flags), so it is private as well.
    response = api_as(alice).get("/api/v1/jobs/")

    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_refused_token_answer_is_not_stored(api):
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = api.get("/api/v1/applications/")

    assert response.status_code == 401
    assert response["Cache-Control"] == PRIVATE


def test_anonymous_public_answers_are_left_to_caches(api, client):
    assert "Cache-Control" not in api.get("/api/v1/jobs/")
    assert "Cache-Control" not in client.get("/jobs/")


def test_a_304_for_a_signed_in_request_stays_private(api_as, alice):
    client = api_as(alice)
    first = client.get("/api/v1/applications/")

    again = client.get("/api/v1/applications/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["Cache-Control"] == PRIVATE


def test_a_view_that_chose_its_own_policy_keeps_it(client, alice):
    client.force_login(alice)

    response = client.get("/accounts/settings/")

    # never_cache: Django's stronger no-cache set, untouched.
    assert response["Cache-Control"] == (
        "max-age=0, no-cache, no-store, must-revalidate, private"
    )
