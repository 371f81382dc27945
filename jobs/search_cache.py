"""The version key job-search caches hang off; every job change bumps it.

Kept apart from jobs/search.py so services can bump it without importing the
search machinery.
"""

from hotgigs.search import bump_cache_version, cache_version

VERSION_KEY = "jobs:search:version"


def search_version() -> str:
    return cache_version(VERSION_KEY)


def bump_search_version() -> None:
    bump_cache_version(VERSION_KEY)
