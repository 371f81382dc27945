"""The scoring-provider seam: settings.MATCHING_PROVIDER names the class to use."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_PROVIDER = "matching.engine.local.LocalProvider"


@lru_cache(maxsize=4)
def _load(path: str):
    return import_string(path)()


def get_provider():
    """The configured provider instance (default: the local engine)."""
    return _load(getattr(settings, "MATCHING_PROVIDER", DEFAULT_PROVIDER))
