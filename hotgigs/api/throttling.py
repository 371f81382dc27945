"""API throttles: per user and per IP, by minute and by hour (configurable)."""

from rest_framework.throttling import (
    AnonRateThrottle,
    SimpleRateThrottle,
    UserRateThrottle,
)


class UserMinuteThrottle(UserRateThrottle):
    scope = "user_minute"


class UserHourThrottle(UserRateThrottle):
    scope = "user_hour"


class AnonMinuteThrottle(AnonRateThrottle):
    scope = "anon_minute"


class AnonHourThrottle(AnonRateThrottle):
    scope = "anon_hour"


class AuthThrottle(SimpleRateThrottle):
    """Login and registration attempts, per client IP (brute-force guard)."""

    scope = "auth"

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
