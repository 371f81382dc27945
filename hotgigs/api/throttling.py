"""API throttles: per user and per IP, by minute and by hour (configurable).

Each limit is a fixed-window counter: one integer per identity and window in
the cache (``throttle:<scope>:<ident>:<window number>``), so a request costs
the same at 10 requests an hour as at 100,000 a minute. (DRF's own throttles
keep the timestamp of every request in the window and read and write that
whole list on each request, which grew to thousands of entries under load.)
Windows are aligned to the clock (a minute limit resets on the minute), and a
burst at a window's edge may see up to twice the rate across it: the price of
constant cost, and the way django-ratelimit counts the HTML pages too.

The minute and hour windows of one identity are one throttle
(`WindowedThrottle`): a request reads every window's count in one cache call
and is counted in all of them only when all allow it, so a request refused by
the minute limit does not count against the hourly one. Counting is an atomic
increment, so concurrent requests cannot undercount.

Client IPs come from `hotgigs.clientip.client_ip` (X-Forwarded-For trusted only
from `TRUSTED_PROXY_COUNT` proxies). The sign-in throttles keep DRF's exact
sliding window (few requests by design) and their counters in the "limits"
cache, which keeps counting in process memory while Redis is down
(hotgigs/limits_cache.py); the general throttles may degrade with Redis.
"""

import math
import time

from django.core.cache import cache, caches
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from hotgigs.clientip import client_ip


def request_ident(request) -> str:
    return client_ip(request) or "unknown"


def now() -> float:
    """The clock the windows are counted on (tests set it)."""
    return time.time()


class _Window:
    """One fixed window (a scope's rate) of a `WindowedThrottle`."""

    def __init__(self, scope):
        self.scope = scope
        rate = SimpleRateThrottle.THROTTLE_RATES.get(scope)
        self.rate = rate
        if rate is not None:
            # DRF's "N/period" parser (it reads no instance state).
            self.limit, self.duration = SimpleRateThrottle.parse_rate(None, rate)

    def key(self, ident, at):
        return f"throttle:{self.scope}:{ident}:{int(at // self.duration)}"

    def seconds_left(self, at):
        return self.duration - at % self.duration


class WindowedThrottle(BaseThrottle):
    """Several windows for one identity, counted only when all of them allow."""

    scopes: tuple[str, ...] = ()

    def __init__(self):
        self.windows = [_Window(scope) for scope in self.scopes]
        self.refused = []
        self.at = 0.0

    def get_ident_for(self, request) -> str | None:
        """The identity counted, or None for a request this throttle ignores."""
        raise NotImplementedError

    def allow_request(self, request, view):
        windows = [window for window in self.windows if window.rate is not None]
        if not windows:
            return True
        ident = self.get_ident_for(request)
        if ident is None:
            return True
        self.at = now()
        keys = {window: window.key(ident, self.at) for window in windows}
        counts = cache.get_many(keys.values())
        self.refused = [
            window for window in windows if counts.get(keys[window], 0) >= window.limit
        ]
        if self.refused:
            return False
        for window, key in keys.items():
            try:
                cache.incr(key)
            except ValueError:  # the window's first request
                if not cache.add(key, 1, window.duration):
                    cache.incr(key)  # another request created it just now
        return True

    def wait(self):
        if not self.refused:
            return None
        return max(math.ceil(window.seconds_left(self.at)) for window in self.refused)


class UserThrottle(WindowedThrottle):
    """Signed-in clients, per user: `user_minute` and `user_hour`."""

    scopes = ("user_minute", "user_hour")

    def get_ident_for(self, request):
        if request.user and request.user.is_authenticated:
            return str(request.user.pk)
        return None


class AnonThrottle(WindowedThrottle):
    """Anonymous clients, per IP: `anon_minute` and `anon_hour`."""

    scopes = ("anon_minute", "anon_hour")

    def get_ident_for(self, request):
        if request.user and request.user.is_authenticated:
            return None
        return request_ident(request)


class LimitsCacheMixin:
    """Counters in the "limits" cache: brute-force limits stay on without Redis."""

    @property
    def cache(self):
        return caches["limits"]

    def get_ident(self, request):
        return request_ident(request)


class AuthThrottle(LimitsCacheMixin, SimpleRateThrottle):
    """Login and registration attempts, per client IP (brute-force guard)."""

    scope = "auth"

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
