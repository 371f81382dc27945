"""Security headers, HTTPS in production, secure cookies and CSRF on forms."""

import os
import subprocess
import sys

import pytest
from django.test import Client

from accounts.tests.factories import DEFAULT_PASSWORD
from hotgigs.tests.test_settings import BASE_DIR, PRODUCTION

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self' ws: wss:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def parse_csp(header):
    directives = [part.strip().split(" ", 1) for part in header.split(";")]
    return dict(directives)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/no-such/"])
def test_security_headers_on_pages_and_api(client, db, path):
    response = client.get(path)

    assert parse_csp(response["Content-Security-Policy"]) == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_hsts_over_plain_http(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000

    assert not client.get("/").has_header("Strict-Transport-Security")


def test_hsts_over_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_production_redirects_to_https_sets_hsts_and_secure_cookies(
    request_in_subprocess, tmp_path
):
    env = dict(
        PRODUCTION,
        DATABASE_URL="",
        REDIS_URL="",
        ALLOWED_HOSTS="testserver",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    # Production serves collected, hashed static files: collect them first.
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=dict(os.environ, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr
    plain, https, proxied, health, login = request_in_subprocess(
        [
            {"path": "/"},
            {"path": "/health/live", "secure": True},
            {
                "path": "/health/live",
                "headers": {"HTTP_X_FORWARDED_PROTO": "https"},
            },
            {"path": "/health/live"},
            {"path": "/accounts/login/", "secure": True},
        ],
        **env,
    )

    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://testserver/"
    assert https["headers"]["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    # Behind the load balancer, X-Forwarded-Proto says the request was HTTPS.
    assert proxied["status"] == 200
    assert "Strict-Transport-Security" in proxied["headers"]
    # Load balancers probe health over plain HTTP.
    assert health["status"] == 200
    assert "Strict-Transport-Security" not in health["headers"]
    assert login["status"] == 200
    assert login["cookies"]["csrftoken"]["secure"] is True


def test_csrf_is_enforced_on_page_forms(db, alice):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/accounts/login/", {"username": alice.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 403
    assert b"Your form expired or came from another site" in response.content
    assert b"<title>Not allowed" in response.content


def test_csrf_token_from_the_form_is_accepted(db, alice):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value

    response = client.post(
        "/accounts/login/",
        {
            "username": alice.email,
            "password": DEFAULT_PASSWORD,
            "csrfmiddlewaretoken": token,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_every_page_form_carries_a_csrf_token(client, db):
    for path in ["/accounts/login/", "/accounts/signup/"]:
        html = client.get(path).content.decode()
        assert html.count('<form method="post"') == html.count(
            'name="csrfmiddlewaretoken"'
        ), path


def test_api_with_session_auth_needs_csrf(db, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(
        "/api/v1/auth/token/refresh/", {}, content_type="application/json"
    )

    # The token endpoints take no session: the refresh body is validated instead.
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
