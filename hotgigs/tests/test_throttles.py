"""Throttles that cannot be dodged: the client IP behind proxies,
the admin's sign-in, minute refusals and the hourly budget, HTML pages."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import AuditAction, AuditLog
from accounts.tests.factories import DEFAULT_PASSWORD
from hotgigs.clientip import client_ip
from hotgigs.testing import THROTTLE_CLOCK

pytestmark = pytest.mark.usefixtures("still_ratelimit_clock")

# --- The client IP ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "192.0.2.10"),
        (0, "203.0.113.9", "192.0.2.10"),  # nobody trusted: header ignored
        (1, "", "192.0.2.10"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the right-most one
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (3, "203.0.113.9", "203.0.113.9"),  # fewer hops than proxies
        (1, "not-an-ip", None),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=forwarded
    )

    assert client_ip(request) == expected


def test_the_default_trusts_no_proxy():
    from django.conf import settings

    assert settings.TRUSTED_PROXY_COUNT == 0
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
    assert settings.RATELIMIT_IP_META_KEY == "hotgigs.clientip.ratelimit_ip"


@pytest.fixture
def low_anon_rate(monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon_minute", "3/minute")


def test_rotating_x_forwarded_for_does_not_dodge_the_anonymous_limit(
    api, db, low_anon_rate
):
    statuses = [
        api.get("/api/v1/jobs/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]


def test_rotating_x_forwarded_for_does_not_dodge_the_login_page_limit(client, db):
    statuses = [
        client.post(
            "/accounts/login/",
            {"username": f"nobody{n}@example.com", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(12)
    ]

    assert statuses == [200] * 10 + [429] * 2


def test_rotating_x_forwarded_for_does_not_dodge_the_api_sign_in_limit(api, db):
    statuses = [
        api.post(
            "/api/v1/auth/token/",
            {"email": f"nobody{n}@example.com", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(12)
    ]

    assert statuses == [401] * 10 + [429] * 2


def test_behind_one_proxy_the_right_most_address_is_the_client(
    api, db, settings, low_anon_rate
):
    settings.TRUSTED_PROXY_COUNT = 1

    def get(forwarded):
        return api.get(
            "/api/v1/jobs/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    # The client forges the left part; our proxy appended the real address.
    first = [get(f"198.51.100.{n}, 203.0.113.7") for n in range(4)]
    other_client = get("203.0.113.8")

    assert first == [200, 200, 200, 429]
    assert other_client == 200


def test_behind_one_proxy_the_login_page_limit_is_per_client(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def post(forwarded, n):
        return client.post(
            "/accounts/login/",
            {"username": f"nobody{n}@example.com", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    first = [post(f"198.51.100.{n}, 203.0.113.7", n) for n in range(11)]

    assert first == [200] * 10 + [429]
    assert post("203.0.113.8", 99) == 200


def test_the_audit_log_records_the_client_behind_the_proxy(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        "/accounts/login/",
        {"username": alice.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
    )

    entry = AuditLog.objects.get(action=AuditAction.LOGIN)
    assert entry.ip_address == "203.0.113.7"


def test_the_audit_log_ignores_a_forged_header_without_proxies(client, alice):
    client.post(
        "/accounts/login/",
        {"username": alice.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )

    entry = AuditLog.objects.get(action=AuditAction.LOGIN)
    assert entry.ip_address == "192.0.2.10"


# --- The admin's sign-in -----------------------------------------------------------


def test_admin_login_is_rate_limited_per_account(client, sam):
    statuses = [
        client.post(
            "/admin/login/",
            {"username": sam.email, "password": f"wrong-{n}"},
            REMOTE_ADDR=f"192.0.2.{n}",
        ).status_code
        for n in range(7)
    ]

    assert statuses == [200] * 5 + [429] * 2


def test_admin_login_is_rate_limited_per_ip(client, db):
    statuses = [
        client.post(
            "/admin/login/", {"username": f"staff{n}@example.com", "password": "x"}
        ).status_code
        for n in range(12)
    ]

    assert statuses == [200] * 10 + [429] * 2
    response = client.post("/admin/login/", {"username": "a@b.c", "password": "x"})
    assert response["Retry-After"] == "60"
    assert b"Too many attempts" in response.content


def test_admin_and_site_login_share_one_budget(client, sam):
    for n in range(5):
        client.post("/accounts/login/", {"username": sam.email, "password": f"w{n}"})

    response = client.post(
        "/admin/login/", {"username": sam.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 429


def test_admin_login_still_signs_staff_in(client, sam):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": sam.email, "password": DEFAULT_PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# --- Minute refusals and the hourly budget -----------------------------------------


def test_a_request_refused_by_the_minute_limit_does_not_count_hourly(
    api_as, alice, monkeypatch
):
    rates = SimpleRateThrottle.THROTTLE_RATES
    monkeypatch.setitem(rates, "user_minute", "2/minute")
    monkeypatch.setitem(rates, "user_hour", "5/hour")
    client = api_as(alice)

    statuses = [client.get("/api/v1/me/").status_code for _ in range(10)]

    assert statuses == [200, 200] + [429] * 8
    # One integer per window: what a request reads and writes does not grow.
    minute, hour = int(THROTTLE_CLOCK // 60), int(THROTTLE_CLOCK // 3600)
    assert cache.get(f"throttle:user_minute:{alice.pk}:{minute}") == 2
    assert cache.get(f"throttle:user_hour:{alice.pk}:{hour}") == 2


def test_the_next_minute_has_room_again_but_the_hour_keeps_counting(
    api_as, alice, monkeypatch
):
    rates = SimpleRateThrottle.THROTTLE_RATES
    monkeypatch.setitem(rates, "user_minute", "2/minute")
    monkeypatch.setitem(rates, "user_hour", "3/hour")
    client = api_as(alice)
    clock = [THROTTLE_CLOCK + 45]
    monkeypatch.setattr("hotgigs.api.throttling.now", lambda: clock[0])

    first_minute = [client.get("/api/v1/me/").status_code for _ in range(3)]
    refused = client.get("/api/v1/me/")
    clock[0] += 20  # 5 s into the next minute
    second_minute = [client.get("/api/v1/me/").status_code for _ in range(2)]
    hour_spent = client.get("/api/v1/me/")

    assert first_minute == [200, 200, 429]
    assert refused["Retry-After"] == "15"  # the minute's 15 s left
    assert second_minute == [200, 429]
    assert hour_spent["Retry-After"] == str(3600 - 65)


def test_the_hourly_limit_refuses_with_its_own_wait(api, db, monkeypatch):
    rates = SimpleRateThrottle.THROTTLE_RATES
    monkeypatch.setitem(rates, "anon_hour", "1/hour")

    assert api.get("/api/v1/jobs/").status_code == 200
    response = api.get("/api/v1/jobs/")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"


# --- HTML pages ----------------------------------------------------------------------


def test_search_pages_are_throttled_per_user(client, olivia, acme, settings):
    settings.PAGE_THROTTLE_SEARCH_RATE = "3/m"
    client.force_login(olivia)

    statuses = [client.get("/candidates/").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
    response = client.get("/candidates/")
    assert response["Retry-After"] == "60"
    assert b"Slow down" in response.content
    # Other pages still answer: the search budget is its own.
    assert client.get("/dashboard/").status_code == 200


def test_pages_are_throttled_per_ip_for_anonymous_visitors(client, db, settings):
    settings.PAGE_THROTTLE_RATE = "4/m"

    statuses = [client.get("/", REMOTE_ADDR="192.0.2.1").status_code for _ in range(5)]

    assert statuses == [200] * 4 + [429]
    assert client.get("/", REMOTE_ADDR="192.0.2.2").status_code == 200
    # A forged X-Forwarded-For is no way around it.
    assert (
        client.get(
            "/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.1"
        ).status_code
        == 429
    )


def test_job_search_page_has_the_search_budget(client, db, settings):
    settings.PAGE_THROTTLE_SEARCH_RATE = "2/m"

    statuses = [client.get("/jobs/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_health_static_and_api_are_not_page_throttled(client, db, settings):
    settings.PAGE_THROTTLE_RATE = "1/m"

    assert [client.get("/health/live").status_code for _ in range(3)] == [200] * 3
    assert [client.get("/api/v1/jobs/").status_code for _ in range(3)] == [200] * 3
