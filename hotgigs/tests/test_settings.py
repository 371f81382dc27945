"""Settings read from the environment.

Each case imports `hotgigs.settings` in a fresh subprocess with a controlled
environment and prints the values it cares about: the settings of this test
process are never reloaded.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PROBE = """
import json
from hotgigs import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "db_engine": s.DATABASES["default"]["ENGINE"],
    "db_name": str(s.DATABASES["default"]["NAME"]),
    "db_host": s.DATABASES["default"].get("HOST", ""),
    "db_conn_max_age": s.DATABASES["default"].get("CONN_MAX_AGE", 0),
    "db_health_checks": s.DATABASES["default"].get("CONN_HEALTH_CHECKS", False),
    "db_options": s.DATABASES["default"].get("OPTIONS", {}),
    "cache_backend": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION", ""),
    "cache_ignore_exceptions": s.CACHES["default"].get("OPTIONS", {}).get(
        "IGNORE_EXCEPTIONS", False
    ),
    "celery_eager": s.CELERY_TASK_ALWAYS_EAGER,
    "celery_broker": s.CELERY_BROKER_URL,
    "channel_backend": s.CHANNEL_LAYERS["default"]["BACKEND"],
    "email_backend": s.EMAIL_BACKEND,
    "email_host": getattr(s, "EMAIL_HOST", ""),
    "email_port": getattr(s, "EMAIL_PORT", None),
    "private_root": str(s.PRIVATE_ROOT),
    "media_root": str(s.MEDIA_ROOT),
    "private_location": str(s.STORAGES["private"]["OPTIONS"]["location"]),
    "allowed_hosts": s.ALLOWED_HOSTS,
    "secret_key": s.SECRET_KEY,
    "session_cookie_secure": s.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": s.CSRF_COOKIE_SECURE,
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "hsts": s.SECURE_HSTS_SECONDS,
    "proxy_ssl_header": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "throttle_rates": s.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
    "renderers": s.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"],
    "staticfiles": s.STORAGES["staticfiles"]["BACKEND"],
    "metrics_token": s.METRICS_TOKEN,
    "slow_request_ms": s.SLOW_REQUEST_MS,
    "jwt_access_seconds": s.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds(),
}))
"""

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-secret-key-for-the-settings-tests-0123456789abcdef",
    "ALLOWED_HOSTS": "hotgigs.example.com,www.hotgigs.example.com",
    "DATABASE_URL": "postgres://hotgigs:pw@db.internal:5432/hotgigs",
    "REDIS_URL": "redis://cache.internal:6379/1",
}


def clean_env(tmp_path, **variables):
    """Only what a Python process needs, plus the variables under test."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
    }
    env.update(variables)
    return env


def run_python(code, env, *args):
    return subprocess.run(
        [sys.executable, *(["-c", code] if code else []), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(tmp_path, **variables):
    result = run_python(PROBE, clean_env(tmp_path, **variables))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_with_no_variables_are_the_embedded_parts(tmp_path):
    values = load(tmp_path)

    assert values["DEBUG"] is True
    assert values["db_engine"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(tmp_path / "var" / "db.sqlite3")
    assert values["cache_backend"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["celery_eager"] is True
    assert values["celery_broker"] == ""
    assert values["channel_backend"] == "channels.layers.InMemoryChannelLayer"
    assert values["email_backend"] == "django.core.mail.backends.console.EmailBackend"
    assert values["private_root"] == str(tmp_path / "var" / "private")
    assert values["private_location"] == str(tmp_path / "var" / "private")
    assert values["media_root"] == str(tmp_path / "var" / "media")
    assert values["allowed_hosts"] == ["127.0.0.1", "localhost", "testserver"]
    assert values["session_cookie_secure"] is False
    assert values["ssl_redirect"] is False
    assert values["hsts"] == 0
    rates = values["throttle_rates"]
    assert rates["user_minute"] == "100/minute"
    assert rates["user_hour"] == "1000/hour"
    assert rates["anon_minute"] == "100/minute"
    assert rates["anon_hour"] == "1000/hour"
    assert rates["auth"] == "10/minute"
    assert values["metrics_token"] == ""
    assert values["jwt_access_seconds"] == 300.0


def test_default_var_dir_is_under_the_project(tmp_path):
    env = clean_env(tmp_path)
    del env["VAR_DIR"]
    result = run_python(PROBE, env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["db_name"] == str(BASE_DIR / "var" / "db.sqlite3")
    assert values["private_root"] == str(BASE_DIR / "var" / "private")


def test_database_url_switches_to_postgresql_with_persistent_connections(tmp_path):
    values = load(tmp_path, DATABASE_URL="postgres://u:p@db.internal:5433/hg")

    assert values["db_engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "hg"
    assert values["db_host"] == "db.internal"
    assert values["db_conn_max_age"] == 600
    assert values["db_health_checks"] is True
    assert values["db_options"] == {
        "options": "-c statement_timeout=30000 -c jit=off",
        "connect_timeout": 5,
    }


@pytest.mark.postgres
@pytest.mark.django_db
def test_web_connections_have_a_statement_timeout_and_no_jit():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("30s",)


def test_redis_url_switches_cache_and_channel_layer(tmp_path):
    values = load(tmp_path, REDIS_URL="redis://cache.internal:6379/3")

    assert values["cache_backend"] == "django_redis.cache.RedisCache"
    assert values["cache_location"] == "redis://cache.internal:6379/3"
    assert values["cache_ignore_exceptions"] is True
    assert values["channel_backend"] == "channels_redis.core.RedisChannelLayer"
    # Redis alone does not make Celery leave eager mode: that needs a broker URL.
    assert values["celery_eager"] is True


def test_celery_broker_url_turns_off_eager_tasks(tmp_path):
    values = load(tmp_path, CELERY_BROKER_URL="redis://broker.internal:6379/0")

    assert values["celery_eager"] is False
    assert values["celery_broker"] == "redis://broker.internal:6379/0"


def test_email_host_switches_to_smtp(tmp_path):
    values = load(tmp_path, EMAIL_HOST="smtp.example.com", EMAIL_PORT="2525")

    assert values["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_host"] == "smtp.example.com"
    assert values["email_port"] == 2525


def test_email_maildir_delivers_into_a_folder_and_smtp_wins(tmp_path):
    maildir = load(tmp_path, EMAIL_MAILDIR=str(tmp_path / "mail"))
    both = load(tmp_path, EMAIL_MAILDIR="/x", EMAIL_HOST="smtp.example.com")

    assert maildir["email_backend"] == "notifications.backends.MaildirEmailBackend"
    assert both["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"


def test_storage_roots_can_be_moved(tmp_path):
    values = load(tmp_path, PRIVATE_ROOT="/srv/private", MEDIA_ROOT="/srv/media")

    assert values["private_location"] == "/srv/private"
    assert values["media_root"] == "/srv/media"


def test_throttle_rates_and_monitoring_are_configurable(tmp_path):
    values = load(
        tmp_path,
        API_THROTTLE_USER="5/minute",
        API_THROTTLE_ANON="2/minute",
        METRICS_TOKEN="scrape-me",
        SLOW_REQUEST_MS="250",
        JWT_ACCESS_MINUTES="15",
    )

    assert values["throttle_rates"]["user_minute"] == "5/minute"
    assert values["throttle_rates"]["anon_minute"] == "2/minute"
    assert values["throttle_rates"]["user_hour"] == "1000/hour"
    assert values["metrics_token"] == "scrape-me"
    assert values["slow_request_ms"] == 250
    assert values["jwt_access_seconds"] == 900.0


def test_production_variables_are_secure_by_default(tmp_path):
    values = load(tmp_path, **PRODUCTION)

    assert values["DEBUG"] is False
    assert values["allowed_hosts"] == ["hotgigs.example.com", "www.hotgigs.example.com"]
    assert values["secret_key"] == PRODUCTION["SECRET_KEY"]
    assert values["session_cookie_secure"] is True
    assert values["csrf_cookie_secure"] is True
    assert values["ssl_redirect"] is True
    assert values["hsts"] == 31_536_000
    assert values["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["renderers"] == ["rest_framework.renderers.JSONRenderer"]
    # whitenoise's compressed manifest storage, rewriting JS module imports too.
    assert values["staticfiles"] == "hotgigs.staticfiles.StaticFilesStorage"


def test_debug_false_without_secret_key_fails_clearly(tmp_path):
    env = clean_env(tmp_path, DEBUG="false")

    result = run_python(PROBE, env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is false." in (
        result.stderr
    )


@pytest.mark.parametrize("value", ["false", "0", "no", "off", "False"])
def test_debug_accepts_the_usual_false_spellings(tmp_path, value):
    values = load(tmp_path, DEBUG=value, SECRET_KEY="x" * 60)
    assert values["DEBUG"] is False


@pytest.mark.parametrize("value", ["flase", "ture", "2", "nein"])
def test_a_misspelt_yes_no_variable_stops_start_up(tmp_path, value):
    env = clean_env(tmp_path, DEBUG=value, SECRET_KEY="x" * 60)

    result = run_python(PROBE, env)

    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: DEBUG must be one of 0, 1, false, no, off, on, "
        f"true, yes, not {value!r}." in result.stderr
    )


def test_check_deploy_passes_with_only_the_production_variables(tmp_path):
    result = run_python(
        None,
        clean_env(tmp_path, **PRODUCTION),
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_static_storage_hashes_module_imports():
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    from hotgigs.staticfiles import StaticFilesStorage

    assert issubclass(StaticFilesStorage, CompressedManifestStaticFilesStorage)
    assert StaticFilesStorage.support_js_module_import_aggregation is True
