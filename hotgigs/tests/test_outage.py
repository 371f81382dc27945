"""A Redis outage degrades caching and rate limits; pages and the API still answer."""

import pytest
from django.core.cache import cache, caches

from accounts.tests.factories import DEFAULT_PASSWORD
from hotgigs.tests.conftest import CLOSED_PORT

pytestmark = pytest.mark.usefixtures("still_ratelimit_clock")

DEAD_REDIS = f"redis://127.0.0.1:{CLOSED_PORT}/0"


def dead_redis_caches():
    """The production cache settings (hotgigs/settings.py) with Redis dead."""
    options = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, **options},
        },
        "limits": {
            "BACKEND": "hotgigs.limits_cache.FailoverRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": options,
        },
    }


@pytest.fixture
def dead_redis_cache(settings):
    settings.CACHES = dead_redis_caches()
    assert cache.get("anything") is None  # the dead cache answers "miss"
    caches["limits"].clear()  # the per-process fallback starts empty
    yield
    caches["limits"].clear()


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


def test_login_works_without_redis(client, alice, dead_redis_cache):
    response = client.post(
        "/accounts/login/", {"username": alice.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302


def test_login_page_limits_hold_without_redis(client, alice, dead_redis_cache):
    """Brute force on one account while Redis is down: counted in process memory."""
    statuses = [
        client.post(
            "/accounts/login/",
            {"username": alice.email, "password": f"wrong-{n}"},
            REMOTE_ADDR=f"10.9.0.{n}",  # a different IP every time
        ).status_code
        for n in range(7)
    ]

    assert statuses == [200] * 5 + [429] * 2


def test_api_sign_in_limits_hold_without_redis(api, alice, dead_redis_cache):
    statuses = [
        api.post(
            "/api/v1/auth/token/",
            {"email": alice.email, "password": f"wrong-{n}"},
            REMOTE_ADDR=f"10.9.1.{n}",
        ).status_code
        for n in range(7)
    ]

    assert statuses == [401] * 5 + [429] * 2


def test_api_per_ip_sign_in_limit_holds_without_redis(api, db, dead_redis_cache):
    statuses = [
        api.post(
            "/api/v1/auth/token/",
            {"email": f"nobody{n}@example.com", "password": "wrong"},
        ).status_code
        for n in range(12)
    ]

    assert statuses == [401] * 10 + [429] * 2


def test_general_throttles_may_degrade_without_redis(api, db, dead_redis_cache):
    """The anonymous API limit is not brute-force protection: with Redis down it
    lets requests through (documented in SECURITY.md)."""
    from rest_framework.throttling import SimpleRateThrottle

    rates = SimpleRateThrottle.THROTTLE_RATES
    old = rates["anon_minute"]
    rates["anon_minute"] = "2/minute"
    try:
        statuses = {api.get("/api/v1/jobs/").status_code for _ in range(4)}
    finally:
        rates["anon_minute"] = old

    assert statuses == {200}


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
