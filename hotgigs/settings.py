"""HotGigs settings: one module, read from the environment.

With no variables set the project runs on the embedded defaults (SQLite under
`var/`, local-memory cache, inline Celery tasks, in-memory channel layer, console
email, private files under `var/`). Setting `DATABASE_URL`, `REDIS_URL`,
`CELERY_BROKER_URL`, `EMAIL_HOST` … switches each part to its production form.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envbool(name, default):
    """A yes/no variable; a typo ("flase", "ture") stops start-up instead of
    being read as False."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of {', '.join(sorted(_TRUE | _FALSE))}, not {value!r}."
    )


def envint(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def envlist(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)
# Under pytest the suite needs a few test-only switches (fast hashing, no manifest).
TESTING = envbool("TESTING", "pytest" in sys.modules)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-default"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "template_partials",
    "channels",
    "csp",
    # The rich-text editor's static files (hotgigs.richtext.RichTextarea).
    "django_prose_editor",
    "hotgigs",
    "accounts",
    "companies",
    "matching",
    "candidates",
    "documents",
    "jobs",
    "notifications",
    "analytics",
    "recruiters",
]

MIDDLEWARE = [
    "hotgigs.monitoring.MonitoringMiddleware",
    # 414 for an over-long query string, 400 for a NUL in the address, before
    # anything reads the request (hotgigs/request_guards.py).
    "hotgigs.request_guards.RequestShapeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # After a write, this person reads from the primary until the replica has
    # caught up; names the node in X-Served-By (hotgigs/read_your_writes.py).
    "hotgigs.read_your_writes.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # `Cache-Control: private, no-store` on every signed-in answer (hotgigs/caching.py).
    "hotgigs.caching.PrivateResponsesMiddleware",
    # HTML pages per user or per IP; the API has its own throttles.
    "hotgigs.request_guards.PageThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Asks before a destructive post that JavaScript did not (hotgigs/confirmation.py).
    "hotgigs.confirmation.ConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "hotgigs.api.etag.ConditionalGetMiddleware",
    # Turns django-ratelimit's Ratelimited into RATELIMIT_VIEW (429 + Retry-After).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # An application error (hotgigs.errors) a page did not catch: its status and
    # message, never a 500 (hotgigs/views.py).
    "hotgigs.views.DomainErrorMiddleware",
]

ROOT_URLCONF = "hotgigs.urls"
WSGI_APPLICATION = "hotgigs.wsgi.application"
ASGI_APPLICATION = "hotgigs.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hotgigs.context_processors.site",
                "notifications.context_processors.header_counts",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=envint("DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A runaway query is cut off instead of holding a worker forever.
        timeout_ms = envint("DB_STATEMENT_TIMEOUT_MS", 30000)
        options = DATABASES["default"].setdefault("OPTIONS", {})
        # JIT compilation costs 40 ms to seconds per statement and pays off only
        # for long analytical scans, which web requests should not run.
        options["options"] = f"-c statement_timeout={timeout_ms} -c jit=off"
        # An unreachable database fails fast (health checks, requests) instead of
        # hanging on the operating system's TCP timeout.
        options.setdefault("connect_timeout", envint("DB_CONNECT_TIMEOUT", 5))
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
# Read replica (hotgigs/db_router.py): reads go to "replica", writes and anything
# inside a transaction to "default". Under tests "replica" mirrors "default" (same
# database) so the router can be tested; the router is installed only with a URL.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=envint("DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] == DATABASES["default"]["ENGINE"]:
        DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["hotgigs.db_router.PrimaryReplicaRouter"]
elif TESTING:
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# Read-your-writes (hotgigs/read_your_writes.py): after a write, the writer reads
# from the primary until the replica has replayed past it, at most this long.
READ_YOUR_WRITES_MAX_SECONDS = envint("READ_YOUR_WRITES_MAX_SECONDS", 30)
# How long a web process trusts its last look at the replica's replay position
# (and at a replica found unreachable) before asking again.
REPLICA_STATUS_TTL_SECONDS = float(env("REPLICA_STATUS_TTL_SECONDS", "0.5"))
REPLICA_RETRY_SECONDS = float(env("REPLICA_RETRY_SECONDS", "5"))
# Behind PgBouncer in transaction pooling (deploy/local-cluster), one request's
# statements may run on different server connections between transactions: no
# server-side cursors (they live across transactions), no session settings
# ("options" is not passed on; the database carries statement_timeout and jit,
# ALTER DATABASE … SET), no session-level advisory locks (the code takes none;
# select_for_update runs inside atomic, so it stays on one server). Migrations
# bypass the pooler (DATABASE_URL pointing straight at PostgreSQL).
DB_TRANSACTION_POOLING = envbool("DB_TRANSACTION_POOLING", False)
if DB_TRANSACTION_POOLING:
    for _alias in DATABASES.values():
        _alias["DISABLE_SERVER_SIDE_CURSORS"] = True
        _alias.get("OPTIONS", {}).pop("options", None)
# The web node's name, sent in X-Served-By (several nodes behind one proxy).
NODE_NAME = env("HOTGIGS_NODE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# --- Cache, rate limits ----------------------------------------------------------
# How many proxies (load balancer, nginx) stand in front of the application, each
# appending to X-Forwarded-For. 0: the header is ignored and REMOTE_ADDR is the
# client. Used by every per-IP decision (hotgigs/clientip.py). NUM_PROXIES is
# its former name.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", envint("NUM_PROXIES", 0))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
REDIS_URL = env("REDIS_URL")
if REDIS_URL and TESTING and env("PYTEST_XDIST_WORKER"):
    # Parallel test workers share one Redis server; each flushes only its own
    # database (tests clear the cache), so give each worker a database of its own.
    from urllib.parse import urlsplit, urlunsplit

    _url = urlsplit(REDIS_URL)
    _base = int(_url.path.strip("/") or 0)
    _worker = int(env("PYTEST_XDIST_WORKER").removeprefix("gw") or 0)
    REDIS_URL = urlunsplit(_url._replace(path=f"/{(_base + 1 + _worker) % 16}"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "hotgigs"),
            "TIMEOUT": envint("CACHE_TIMEOUT", 300),
            "OPTIONS": {
                # A Redis outage degrades caching; it does not take the site down.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        },
        # Rate-limit counters: the same Redis, but a Redis outage falls back to
        # counting in process memory instead of switching brute-force limits
        # off (hotgigs/limits_cache.py).
        "limits": {
            "BACKEND": "hotgigs.limits_cache.FailoverRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "hotgigs"),
            "TIMEOUT": envint("CACHE_TIMEOUT", 300),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hotgigs",
            "TIMEOUT": envint("CACHE_TIMEOUT", 300),
        }
    }
    # The same memory as "default" (one LOCATION): one process, one set of counters.
    CACHES["limits"] = CACHES["default"]
RATELIMIT_USE_CACHE = "limits"
# With the cache down, rate limits let requests through instead of failing them
# (the "limits" cache falls back to process memory, so that is the last resort).
RATELIMIT_FAIL_OPEN = True
# The client IP, trusting X-Forwarded-For only from our own proxies.
RATELIMIT_IP_META_KEY = "hotgigs.clientip.ratelimit_ip"
RATELIMIT_VIEW = "hotgigs.views.ratelimited"
# HTML pages, per signed-in user or per client IP (hotgigs/request_guards.py);
# the search pages, which cost the most, have a budget of their own as well.
PAGE_THROTTLE_RATE = env("PAGE_THROTTLE_RATE", "300/m")
PAGE_THROTTLE_SEARCH_RATE = env("PAGE_THROTTLE_SEARCH_RATE", "60/m")
PAGE_THROTTLE_SEARCH_VIEWS = {"jobs:search", "candidates:search"}
# Longer query strings answer 414 (JSON for the API). Below the front proxy's own
# limit (nginx: 8 KB), so the client gets our answer; gunicorn sets none.
QUERY_STRING_MAX_BYTES = envint("QUERY_STRING_MAX_BYTES", 4096)
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Background work and live updates --------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task's message is acknowledged when the task ends, not when it starts: a pool
# process killed mid-task (OOM) puts it back on the queue at once, a whole worker
# killed (node lost) leaves it unacknowledged and Redis hands it to another
# worker after the visibility timeout. So every task may run again: each one is
# idempotent (docs/operations.md, "Background tasks"). The timeout must exceed
# the longest task and the longest retry countdown, or a task runs twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 60 * 60)
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "UTC"
# A web request publishes a task once, quickly: with the broker down the work
# stays recorded in the database and the outbox sweeper queues it later
# (hotgigs/outbox.py). Connect timeouts keep a blackholed broker from holding it.
CELERY_BROKER_CONNECTION_TIMEOUT = envint("CELERY_BROKER_CONNECTION_TIMEOUT", 2)
CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] = 2
# How often (seconds) each worker looks for messages a lost worker never
# acknowledged. Unset: kombu's default, a 10 s timer that scans on every 10th
# tick (~100 s). The local cluster's drill sets 1 (deploy/local-cluster).
if env("CELERY_RESTORE_INTERVAL"):
    CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_interval"] = envint(
        "CELERY_RESTORE_INTERVAL", 10
    )
    CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_throttle"] = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The outbox sweeper: work not done OUTBOX_GRACE_SECONDS after it was recorded is
# queued again, every OUTBOX_SWEEP_SECONDS, until OUTBOX_GIVE_UP_SECONDS.
OUTBOX_GRACE_SECONDS = envint("OUTBOX_GRACE_SECONDS", 5 * 60)
OUTBOX_SWEEP_SECONDS = envint("OUTBOX_SWEEP_SECONDS", 2 * 60)
OUTBOX_GIVE_UP_SECONDS = envint("OUTBOX_GIVE_UP_SECONDS", 3 * 24 * 60 * 60)
# The connection of apps below notifications (accounts' sign-up and password-reset
# emails): it writes the outbox row; the task sends it through EMAIL_BACKEND.
OUTBOX_EMAIL_BACKEND = "notifications.backends.OutboxEmailBackend"


def beat_every(name, default):
    """A beat entry's schedule: `BEAT_<NAME>_SECONDS` from the environment (for
    operators and tests), else the default (seconds or a crontab)."""
    return envint(f"BEAT_{name.upper().replace('-', '_')}_SECONDS", default)


_BEAT = {
    # name: (task, default schedule, args)
    # Recruiters: pending placements for hired, agency-submitted applications.
    "recruiters-reconcile-placements": (
        "recruiters.tasks.reconcile_placements",
        60 * 60,
        (),
    ),
    # Notifications: the daily email digest; job alerts by frequency; expiry notices.
    "notification-email-digest": (
        "notifications.tasks.send_email_digests",
        24 * 60 * 60,
        (),
    ),
    "job-alerts-instantly": ("jobs.tasks.run_job_alerts", 5 * 60, ("instantly",)),
    "job-alerts-daily": ("jobs.tasks.run_job_alerts", 60 * 60, ("daily",)),
    "job-alerts-weekly": ("jobs.tasks.run_job_alerts", 60 * 60, ("weekly",)),
    "notify-expiring-jobs": ("jobs.tasks.notify_expiring_jobs", 60 * 60, ()),
    # "Did you mean …": the search vocabularies, rebuilt from the documents daily.
    "jobs-search-vocabulary": (
        "jobs.tasks.refresh_search_vocabulary",
        24 * 60 * 60,
        (),
    ),
    "candidates-search-vocabulary": (
        "candidates.tasks.refresh_search_vocabulary",
        24 * 60 * 60,
        (),
    ),
    # Search hides expired jobs at query time; this makes their status say so.
    "close-expired-jobs": ("jobs.tasks.close_expired_jobs", 15 * 60, ()),
    # Companies cannot call jobs: renamed companies' jobs are re-indexed here.
    "refresh-changed-companies": (
        "jobs.tasks.refresh_changed_companies",
        5 * 60,
        (),
    ),
    # Analytics: application timelines folded every 15 minutes (the dashboards
    # work out only what moved since), and nightly roll-ups (idempotent).
    "analytics-timelines": ("analytics.tasks.refresh_timelines", 15 * 60, ()),
    "analytics-rollup": (
        "analytics.tasks.rollup_recent_days",
        crontab(hour=0, minute=20),
        (),
    ),
    # Ranking: document frequencies of published jobs' text (the text idf).
    "matching-refresh-text-corpus": (
        "jobs.tasks.refresh_text_corpus",
        crontab(hour=1, minute=10),
        (),
    ),
    # The outbox sweepers (hotgigs/outbox.py): deferred work not done in time.
    "outbox-notification-emails": (
        "notifications.tasks.sweep_notification_emails",
        OUTBOX_SWEEP_SECONDS,
        (),
    ),
    "outbox-outgoing-emails": (
        "notifications.tasks.sweep_outgoing_emails",
        OUTBOX_SWEEP_SECONDS,
        (),
    ),
    "outbox-document-extraction": (
        "documents.tasks.sweep_document_extractions",
        OUTBOX_SWEEP_SECONDS,
        (),
    ),
}
CELERY_BEAT_SCHEDULE = {
    name: {"task": task, "schedule": beat_every(name, schedule), "args": args}
    for name, (task, schedule, args) in _BEAT.items()
}

if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "hotgigs:channels"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Accounts and authentication -------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing dominates test time; production keeps Django's default hasher.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The occupations data file `seed_demo` loads (matching.demo): the full O*NET-derived
# file, or under pytest its 15-occupation subset (the full load takes seconds).
MATCHING_OCCUPATIONS_FILE = env("MATCHING_OCCUPATIONS_FILE", "") or (
    BASE_DIR / "matching" / "tests" / "fixtures" / "occupations_subset.json"
    if TESTING
    else BASE_DIR / "matching" / "data" / "occupations.json.gz"
)

# The word vectors of the matching engine's meaning component, built by `make install`
# (matching/data/build_word_vectors.py; matching.word_vectors reads them).
MATCHING_WORD_VECTORS = env("MATCHING_WORD_VECTORS", "") or (
    BASE_DIR / "var" / "word-vectors.npz"
)

# How many prepared jobs and candidates each process keeps between scoring calls
# (matching.engine.prepared): a recommendation reuses the jobs other people's
# recommendations prepared. Full of bench's generated jobs and candidates (2,000
# and 5,830) and their data, it held 84 MB (tracemalloc).
MATCHING_PREPARED = {
    "jobs": envint("MATCHING_PREPARED_JOBS", 2000),
    "candidates": envint("MATCHING_PREPARED_CANDIDATES", 6000),
}

# --- Internationalisation ----------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and private files ------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    # Public files (company logos) are served under MEDIA_URL.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    },
    # Private files (documents) have no URL; an authorised view serves them.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "hotgigs.staticfiles.StaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Production serves the collected files (`collectstatic`); development and tests
# serve them straight from the apps and static/.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Send private downloads through the web server (nginx X-Accel-Redirect) in production.
PRIVATE_ACCEL_REDIRECT_PREFIX = env("PRIVATE_ACCEL_REDIRECT_PREFIX")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Documents (resumes, cover letters, portfolios): per file, per user, per PDF/DOCX.
DOCUMENT_MAX_BYTES = envint("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
DOCUMENT_USER_QUOTA_BYTES = envint("DOCUMENT_USER_QUOTA_BYTES", 100 * 1024 * 1024)
DOCUMENT_MAX_PAGES = envint("DOCUMENT_MAX_PAGES", 100)
# Documents in a private S3 bucket (or MinIO…) instead of PRIVATE_ROOT: set the
# bucket. Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the
# instance role. Downloads then redirect to a presigned URL living this long.
DOCUMENT_SIGNED_URL_SECONDS = envint("DOCUMENT_SIGNED_URL_SECONDS", 60)
DOCUMENT_S3_BUCKET = env("DOCUMENT_S3_BUCKET")
if DOCUMENT_S3_BUCKET:
    _endpoint = env("DOCUMENT_S3_ENDPOINT_URL")
    _sse = env("DOCUMENT_S3_SSE")  # "", "AES256" or "aws:kms"
    if _sse not in ("", "AES256", "aws:kms"):
        raise ImproperlyConfigured("DOCUMENT_S3_SSE is '', 'AES256' or 'aws:kms'.")
    _object_parameters = {"ServerSideEncryption": _sse} if _sse else {}
    if _sse == "aws:kms" and env("DOCUMENT_S3_KMS_KEY_ID"):
        _object_parameters["SSEKMSKeyId"] = env("DOCUMENT_S3_KMS_KEY_ID")
    STORAGES["private"] = {
        # documents.storage pins privacy: no public ACL, SigV4-signed URLs only.
        "BACKEND": "documents.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENT_S3_BUCKET,
            "location": env("DOCUMENT_S3_PREFIX"),
            "region_name": env("DOCUMENT_S3_REGION") or None,
            "endpoint_url": _endpoint or None,
            # MinIO and most S3-compatible stores want bucket-in-path URLs.
            "addressing_style": env(
                "DOCUMENT_S3_ADDRESSING_STYLE", "path" if _endpoint else ""
            )
            or None,
            "default_acl": env("DOCUMENT_S3_ACL") or None,
            "object_parameters": _object_parameters,
            "querystring_expire": DOCUMENT_SIGNED_URL_SECONDS,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Email ---------------------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST")
# A rig's mailbox: each message a file in this Maildir folder, shared by all the
# rig's processes (notifications/backends.py), instead of the console.
EMAIL_MAILDIR = env("EMAIL_MAILDIR")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
elif EMAIL_MAILDIR:
    EMAIL_BACKEND = "notifications.backends.MaildirEmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "HotGigs <no-reply@hotgigs.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- API -----------------------------------------------------------------------------
API_THROTTLE_USER = env("API_THROTTLE_USER", "100/minute")
API_THROTTLE_USER_HOURLY = env("API_THROTTLE_USER_HOURLY", "1000/hour")
API_THROTTLE_ANON = env("API_THROTTLE_ANON", "100/minute")
API_THROTTLE_ANON_HOURLY = env("API_THROTTLE_ANON_HOURLY", "1000/hour")
API_THROTTLE_AUTH = env("API_THROTTLE_AUTH", "10/minute")
# Search-box autocomplete, per user or IP: a request per keystroke.
API_THROTTLE_AUTOCOMPLETE = env("API_THROTTLE_AUTOCOMPLETE", "300/minute")
# Sign-in attempts per account (email), whatever the client IP.
API_THROTTLE_AUTH_ACCOUNT = env("API_THROTTLE_AUTH_ACCOUNT", "5/minute")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "hotgigs.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "hotgigs.api.throttling.UserThrottle",
        "hotgigs.api.throttling.AnonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user_minute": API_THROTTLE_USER,
        "user_hour": API_THROTTLE_USER_HOURLY,
        "anon_minute": API_THROTTLE_ANON,
        "anon_hour": API_THROTTLE_ANON_HOURLY,
        "auth": API_THROTTLE_AUTH,
        "autocomplete": API_THROTTLE_AUTOCOMPLETE,
        "auth_account": API_THROTTLE_AUTH_ACCOUNT,
    },
    "EXCEPTION_HANDLER": "hotgigs.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Per-IP throttles read the client IP the way hotgigs/clientip.py does.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=envint("JWT_ACCESS_MINUTES", 5)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=envint("JWT_REFRESH_DAYS", 14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env("JWT_SIGNING_KEY", SECRET_KEY),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    # Tokens carry a fingerprint of the password hash: a password change revokes
    # every earlier token at once, even one issued in the same second.
    "CHECK_REVOKE_TOKEN": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "HotGigs API",
    "DESCRIPTION": (
        "The HotGigs REST API, version 1. Authenticate with a JWT access token "
        "(`Authorization: Bearer <access>`) from `POST /api/v1/auth/token/`. Every "
        'error answers `{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # One schema name per shared choice set (fields named `kind`, `role`, `stage`
    # in several apps would otherwise collide). Add yours when a warning asks.
    "ENUM_NAME_OVERRIDES": {
        "UserRoleEnum": "accounts.models.Role",
        "MembershipRoleEnum": "companies.models.MembershipRole",
        "CompanyKindEnum": "companies.models.CompanyKind",
        "DocumentKindEnum": "documents.models.DocumentKind",
        "NotificationKindEnum": "notifications.models.NotificationKind",
        "ApplicationStageEnum": "jobs.models.applications.Stage",
        "JobStatusEnum": "jobs.models.jobs.JobStatus",
        "InterviewStatusEnum": "jobs.models.applications.InterviewStatus",
        "DocumentStatusEnum": "documents.models.DocumentStatus",
        "SalaryPeriodEnum": "jobs.models.jobs.SalaryPeriod",
        "ExperienceLevelEnum": "jobs.models.jobs.ExperienceLevel",
        "OccupationFieldEnum": "matching.models.OccupationField",
        "AutocompleteFieldEnum": "jobs.autocomplete.FIELDS",
        "ApplicationSourceEnum": "jobs.models.applications.Source",
        "PoolSourceEnum": "recruiters.models.PoolSource",
        "FeeTypeEnum": "recruiters.models.FeeType",
        "EngagementStatusEnum": "recruiters.models.EngagementStatus",
        "SubmissionStatusEnum": "recruiters.models.SubmissionStatus",
        "PlacementStatusEnum": "recruiters.models.PlacementStatus",
    },
    # `check --deploy` is about the deployment's security; the schema has its
    # own strict gate in CI (`spectacular --validate --fail-on-warn`).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hotgigs.api.schema.postprocess_schema",
    ],
}

# --- Security ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "hotgigs.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/"]
if envbool("BEHIND_PROXY", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Monitoring ----------------------------------------------------------------------
SLOW_REQUEST_MS = envint("SLOW_REQUEST_MS", 500)
SLOW_QUERY_MS = envint("SLOW_QUERY_MS", 100)
METRICS_TOKEN = env("METRICS_TOKEN")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "hotgigs.monitoring.JsonFormatter"},
    },
    "filters": {
        # An outage logs one line per failure kind per interval, not a traceback
        # per call (django-redis logs every ignored command).
        "outage": {
            "()": "hotgigs.monitoring.OutageLogFilter",
            "loggers": ["django_redis", "hotgigs.outbox", "notifications.live"],
            "interval": envint("OUTAGE_LOG_INTERVAL_SECONDS", 60),
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["outage"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "hotgigs.requests": {
            "level": env("REQUEST_LOG_LEVEL", "WARNING" if TESTING else "INFO")
        },
    },
}

# --- Matching ------------------------------------------------------------------------
# The scoring provider (import string); the default is the local CPU engine.
MATCHING_PROVIDER = env("MATCHING_PROVIDER", "matching.engine.local.LocalProvider")
