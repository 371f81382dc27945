"""`/health/live` and `/health/ready`, including a dead database, cache and broker."""

import pytest
from django.db import OperationalError

from hotgigs import health
from hotgigs.tests.conftest import CLOSED_PORT

DEAD_REDIS = f"redis://127.0.0.1:{CLOSED_PORT}/0"
DEAD_POSTGRES = f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/hotgigs"


def test_live_answers_without_touching_anything(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_when_everything_is_up(client, db):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
        "failed": [],
    }


def test_ready_reports_a_failing_database(client, db, monkeypatch):
    def broken_database():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken_database)

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "database": "error: OperationalError",
            "cache": "ok",
            "broker": "ok",
        },
        "failed": ["database"],
    }


def test_ready_with_a_dead_database_in_a_real_process(request_in_subprocess):
    [live, ready] = request_in_subprocess(
        [{"path": "/health/live"}, {"path": "/health/ready"}],
        DATABASE_URL=DEAD_POSTGRES,
        DB_CONNECT_TIMEOUT="2",
    )

    assert live["status"] == 200
    assert ready["status"] == 503
    assert '"failed": ["database"]' in ready["body"]
    assert '"database": "error: OperationalError"' in ready["body"]


def test_ready_with_a_dead_redis_names_the_cache(request_in_subprocess):
    # django-redis ignores its errors (IGNORE_EXCEPTIONS): the check must notice
    # that nothing came back.
    [ready] = request_in_subprocess([{"path": "/health/ready"}], REDIS_URL=DEAD_REDIS)

    assert ready["status"] == 503
    assert '"failed": ["cache"]' in ready["body"]
    assert '"database": "ok"' in ready["body"]


def test_ready_with_a_dead_broker_names_the_broker(request_in_subprocess):
    [ready] = request_in_subprocess(
        [{"path": "/health/ready"}], CELERY_BROKER_URL=DEAD_REDIS
    )

    assert ready["status"] == 503
    assert '"failed": ["broker"]' in ready["body"]


def test_ready_with_a_live_redis_cache_and_broker(request_in_subprocess, settings):
    redis_url = settings.REDIS_URL
    if not redis_url:
        pytest.skip("needs REDIS_URL (a running Redis)")

    [ready] = request_in_subprocess(
        [{"path": "/health/ready"}], REDIS_URL=redis_url, CELERY_BROKER_URL=redis_url
    )

    assert ready["status"] == 200, ready["body"]
    assert '"failed": []' in ready["body"]


def test_ready_with_the_cache_dead_in_process(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
