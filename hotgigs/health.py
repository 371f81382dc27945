"""Health checks: `/health/live` (the process answers) and `/health/ready`
(database, cache and broker reachable; 503 naming the one that failed)."""

import hmac
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from hotgigs.celery import app
from hotgigs.monitoring import metrics


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"health:{uuid.uuid4().hex}"
    # django-redis swallows errors (IGNORE_EXCEPTIONS); a failed round trip shows up
    # as a value that did not come back.
    cache.set(key, "ok", 5)
    if cache.get(key) != "ok":
        raise RuntimeError("cache round trip failed")
    cache.delete(key)


def check_broker():
    if not settings.CELERY_BROKER_URL:
        return  # tasks run inline: there is no broker to reach

    with app.connection_for_write() as connection:
        # One quick attempt: a readiness probe must answer fast, not retry.
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            results[name] = f"error: {exc.__class__.__name__}"
    failed = [name for name, result in results.items() if result != "ok"]
    status = 503 if failed else 200
    return JsonResponse(
        {
            "status": "ok" if not failed else "unavailable",
            "checks": results,
            "failed": failed,
        },
        status=status,
    )


@never_cache
def metrics_view(request):
    """Prometheus metrics for staff, or with `Authorization: Bearer <METRICS_TOKEN>`."""
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    allowed = (request.user.is_authenticated and request.user.is_staff) or (
        bool(token) and hmac.compare_digest(header.encode(), f"Bearer {token}".encode())
    )
    if not allowed:
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(
        metrics.render(), content_type="text/plain; version=0.0.4; charset=utf-8"
    )
