"""API throttles: per user and per IP, by minute and by hour (configurable).

The minute and hour windows of one identity are one throttle
(`WindowedThrottle`): a request is checked against every window first and
recorded in all of them only when all allow it, so a request refused by the
minute limit does not count against the hourly one. (DRF's own throttles each
record as they go, and DRF asks every throttle even after one refused.)

Client IPs come from `hotgigs.clientip.client_ip` (X-Forwarded-For trusted only
from `TRUSTED_PROXY_COUNT` proxies). The sign-in throttles keep their counters
in the "limits" cache, which keeps counting in process memory while Redis is
down (hotgigs/limits_cache.py); the general throttles may degrade with Redis.
"""

from django.core.cache import caches
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from hotgigs.clientip import client_ip


def request_ident(request) -> str:
    return client_ip(request) or "unknown"


class _Window(SimpleRateThrottle):
    """One window (a scope's rate) of a `WindowedThrottle`."""

    def __init__(self, scope):
        self.scope = scope
        super().__init__()

    def load(self, ident, now):
        """Read this window's history; True when it has room for one more."""
        self.key = self.cache_format % {"scope": self.scope, "ident": ident}
        self.now = now
        self.history = self.cache.get(self.key, [])
        while self.history and self.history[-1] <= now - self.duration:
            self.history.pop()
        return len(self.history) < self.num_requests

    def record(self):
        self.throttle_success()


class WindowedThrottle(BaseThrottle):
    """Several windows for one identity, recorded only when all of them allow."""

    scopes: tuple[str, ...] = ()

    def __init__(self):
        self.windows = [_Window(scope) for scope in self.scopes]
        self.refused = []

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
        now = SimpleRateThrottle.timer()
        self.refused = [window for window in windows if not window.load(ident, now)]
        if self.refused:
            return False
        for window in windows:
            window.record()
        return True

    def wait(self):
        waits = [window.wait() for window in self.refused]
        waits = [seconds for seconds in waits if seconds is not None]
        return max(waits) if waits else None


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
