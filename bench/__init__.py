"""The HotGigs benchmark suite: dataset, harness, load test (see bench/README.md).

``python -m bench`` (``make bench``) builds the dataset, starts gunicorn over it,
measures every scenario over HTTP and runs a short load test.
"""

import os
from dataclasses import dataclass, field

BENCH_SECRET_KEY = "bench-secret-key-not-for-production-0123456789abcdef"
BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# DEBUG=false serves collected, hashed static files (manifest storage).
STATIC_ROOT = os.path.join(BASE_DIR, "var", "bench", "static")


@dataclass
class Stack:
    """Where the benchmarked stack lives and how gunicorn runs."""

    database: str = "hotgigs_bench"
    pg_url: str = "postgres://postgres@127.0.0.1:5432"
    redis_url: str = "redis://127.0.0.1:6379/14"
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 2
    threads: int = 8
    extra_env: dict = field(default_factory=dict)

    @property
    def database_url(self) -> str:
        return f"{self.pg_url.rstrip('/')}/{self.database}"

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def server_env(self, *, redis_url=None) -> dict:
        """The production-like environment gunicorn runs with."""
        env = dict(os.environ)
        env.pop("TESTING", None)
        env.update(
            {
                "DEBUG": "false",
                "TESTING": "false",
                "SECRET_KEY": BENCH_SECRET_KEY,
                "ALLOWED_HOSTS": self.host,
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url if redis_url is None else redis_url,
                "SECURE_SSL_REDIRECT": "false",
                "STATIC_ROOT": STATIC_ROOT,
                "SESSION_COOKIE_SECURE": "false",
                "CSRF_COOKIE_SECURE": "false",
                "SECURE_HSTS_SECONDS": "0",
                "BEHIND_PROXY": "false",
                "DB_CONN_MAX_AGE": "600",
                "DB_STATEMENT_TIMEOUT_MS": "5000",
                # One client IP makes every simulated user one "anonymous user":
                # the throttles would measure themselves, not the site.
                "API_THROTTLE_USER": "1000000/minute",
                "API_THROTTLE_USER_HOURLY": "100000000/hour",
                "API_THROTTLE_ANON": "1000000/minute",
                "API_THROTTLE_ANON_HOURLY": "100000000/hour",
                "API_THROTTLE_AUTH": "1000000/minute",
                "API_THROTTLE_AUTOCOMPLETE": "1000000/minute",
                "API_THROTTLE_AUTH_ACCOUNT": "1000000/minute",
                # The HTML pages' own per-IP throttle (hotgigs.request_guards):
                # at 50 req/s of the load mix, /jobs/ and job pages are ~570
                # a minute from the one IP, over its 300.
                "PAGE_THROTTLE_RATE": "1000000/m",
                "PAGE_THROTTLE_SEARCH_RATE": "1000000/m",
                "JWT_ACCESS_MINUTES": "240",
                "LOG_LEVEL": "WARNING",
                "REQUEST_LOG_LEVEL": "WARNING",
                "SLOW_REQUEST_MS": "100000",
                "SLOW_QUERY_MS": "100000",
            }
        )
        env.update(self.extra_env)
        return env


def setup_django(database_url: str) -> None:
    """Configure Django in this process against the bench database.

    The local-memory cache (no REDIS_URL): SQL captured here is the cold path.
    """
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")
    os.environ["SECRET_KEY"] = BENCH_SECRET_KEY
    os.environ["DEBUG"] = "false"
    os.environ["TESTING"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["STATIC_ROOT"] = STATIC_ROOT
    os.environ["BEHIND_PROXY"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["REQUEST_LOG_LEVEL"] = "ERROR"
    os.environ["SLOW_REQUEST_MS"] = "100000"
    os.environ["SLOW_QUERY_MS"] = "100000"
    # Tokens minted here must outlive the run (the server accepts 240 minutes).
    os.environ["JWT_ACCESS_MINUTES"] = "240"
    for key in ("API_THROTTLE_USER", "API_THROTTLE_ANON"):
        os.environ[key] = "1000000/minute"
    import django

    django.setup()
