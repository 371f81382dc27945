"""The version key job-search caches hang off; every job change bumps it.

Kept apart from jobs/search.py so services can bump it without importing the
search machinery.
"""

import uuid

from django.core.cache import cache

VERSION_KEY = "jobs:search:version"


def search_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Missing (first use, eviction, flush): a fresh version can only miss.
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, timeout=None)
    return version


def bump_search_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
