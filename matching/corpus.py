"""The production idf table of the text component, per process.

`current_corpus()` is the newest `TextCorpus` row as the engine's `CorpusStats`
(None while there is none: a fresh install or a test scores text with uniform
weights, as before the table existed). The row's id is the version: it is kept in
the shared cache, so a process re-reads the row only when a refresh wrote a new
one; a lost cache entry costs one small query (the newest id), not a reload.
"""

from __future__ import annotations

import threading

from django.core.cache import cache

from matching.engine.types import CorpusStats
from matching.models import TextCorpus

CORPUS_VERSION_CACHE_KEY = "matching:corpus:version"
NO_CORPUS = 0  # the cached version while there is no row

_lock = threading.Lock()
_state: dict[str, object] = {"version": None, "corpus": None}


def corpus_version() -> int:
    """The newest `TextCorpus` id (NO_CORPUS when there is none)."""
    version = cache.get(CORPUS_VERSION_CACHE_KEY)
    if version is None:
        version = (
            TextCorpus.objects.order_by("-id").values_list("id", flat=True).first()
            or NO_CORPUS
        )
        cache.set(CORPUS_VERSION_CACHE_KEY, version, None)
    return version


def set_corpus_version(version: int) -> None:
    cache.set(CORPUS_VERSION_CACHE_KEY, version, None)


def current_corpus() -> CorpusStats | None:
    version = corpus_version()
    if _state["version"] == version:
        return _state["corpus"]
    with _lock:
        row = TextCorpus.objects.filter(id=version).first() if version else None
        corpus = None
        if row is not None and row.doc_count:
            corpus = CorpusStats(
                doc_count=row.doc_count,
                doc_freq=row.doc_freq,
                avg_len=row.avg_len,
            )
        _state["version"], _state["corpus"] = version, corpus
    return corpus
