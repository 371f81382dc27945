"""A Redis outage degrades caching and rate limits; pages and the API still answer."""

import pytest
from django.core.cache import cache

from hotgigs.tests.conftest import CLOSED_PORT

DEAD_REDIS = f"redis://127.0.0.1:{CLOSED_PORT}/0"


@pytest.fixture
def dead_redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    assert cache.get("anything") is None  # the dead cache answers "miss"


@pytest.mark.urls("hotgigs.tests.urls_api")
def test_api_and_throttles_still_work_without_redis(api, db, dead_redis_cache):
    response = api.get("/api/v1/echo/")

    assert response.status_code == 200
    assert response.json() == {"title": "hello", "count": 1}


def test_pages_still_work_without_redis(client, alice, dead_redis_cache):
    client.force_login(alice)

    assert client.get("/").status_code == 200
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert b"Welcome, Alice" in response.content


def test_login_rate_limit_fails_open_without_redis(client, alice, dead_redis_cache):
    from accounts.tests.factories import DEFAULT_PASSWORD

    response = client.post(
        "/accounts/login/", {"username": alice.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302


def test_whole_site_with_redis_down_in_a_real_process(request_in_subprocess):
    home, schema, api_401, live = request_in_subprocess(
        [
            {"path": "/"},
            {"path": "/api/schema/"},
            {"path": "/api/v1/no-such/"},
            {"path": "/health/live"},
        ],
        REDIS_URL=DEAD_REDIS,
        MIGRATE_FIRST="1",  # the home page reads live numbers from the database
    )

    assert home["status"] == 200
    assert "Find work you want" in home["body"]
    assert schema["status"] == 200
    assert api_401["status"] == 404
    assert live["status"] == 200
