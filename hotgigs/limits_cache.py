"""The cache that holds rate-limit counters: Redis, with a per-process fallback.

The default cache ignores a Redis outage (a miss, the page still answers). For
brute-force limits that would switch the limits off exactly when nobody is
watching, so their counters live in this cache instead: the same Redis, but
when Redis cannot be reached each worker process counts in its own memory
until Redis answers again (one retry every `RETRY_SECONDS`). During an outage a
limit is then enforced per process, so a client can get at most (processes ×
limit) attempts, never an unlimited number.

settings: CACHES["limits"] = {"BACKEND": "hotgigs.limits_cache.FailoverRedisCache",
"LOCATION": REDIS_URL, ...}; without Redis the alias is the local-memory cache.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (
    ConnectionInterrupted,
    RedisConnectionError,
    RedisTimeoutError,
    OSError,
)
RETRY_SECONDS = 5.0
FALLBACK_MAX_ENTRIES = 50_000


def _failover(name):
    def method(self, *args, **kwargs):
        if not self._redis_may_be_up():
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            return getattr(super(FailoverRedisCache, self), name)(*args, **kwargs)
        except OUTAGE_ERRORS:
            self._mark_down()
            return getattr(self.fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


class FailoverRedisCache(RedisCache):
    """django-redis's cache that answers from process memory while Redis is down."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        # Errors must reach this class to be noticed (not turned into misses).
        params["OPTIONS"]["IGNORE_EXCEPTIONS"] = False
        super().__init__(server, params)
        self.fallback = LocMemCache(
            f"hotgigs-limits-fallback-{server}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
            },
        )
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _redis_may_be_up(self) -> bool:
        return time.monotonic() >= self._down_until

    def _mark_down(self):
        with self._lock:
            if self._redis_may_be_up():
                logger.warning(
                    "rate-limit cache unreachable: counting in process memory"
                )
            self._down_until = time.monotonic() + RETRY_SECONDS

    get = _failover("get")
    set = _failover("set")
    add = _failover("add")
    incr = _failover("incr")
    decr = _failover("decr")
    delete = _failover("delete")
    get_many = _failover("get_many")
    set_many = _failover("set_many")
    delete_many = _failover("delete_many")
    has_key = _failover("has_key")
    touch = _failover("touch")

    def clear(self):
        self.fallback.clear()
        try:
            super().clear()
        except OUTAGE_ERRORS:
            self._mark_down()
