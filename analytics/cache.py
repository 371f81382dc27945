"""Dashboard caching: keys carry a version the roll-up bumps, so a roll-up
invalidates every cached dashboard at once without scanning keys.

Two lifetimes: the historical part (roll-up tables, closed days) lives until the
next roll-up (`HISTORY_TTL`); the live part (today, applications' stages) for
`LIVE_TTL` seconds, so a number is never staler than that.
"""

import hashlib
import json

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "analytics:version"
HISTORY_TTL = 24 * 60 * 60
LIVE_TTL = 60


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Not yet set (or Redis was flushed): start a new series, never reuse one.
        version = int(timezone.now().timestamp())
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_version() -> None:
    cache.set(VERSION_KEY, current_version() + 1, timeout=None)


def cached(name: str, params: dict, compute, *, ttl: int = LIVE_TTL):
    """`compute()` once per (version, day, name, params) for `ttl` seconds."""
    digest = hashlib.sha256(
        json.dumps(params, sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    key = (
        f"analytics:v{current_version()}:{timezone.localdate().isoformat()}:"
        f"{name}:{digest}"
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=ttl)
    return value
