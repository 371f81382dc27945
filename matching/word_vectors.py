"""The process-wide word vectors of the engine's `meaning` component.

`make install` builds the file (`settings.MATCHING_WORD_VECTORS`,
matching/data/build_word_vectors.py); it is read once per process, on first
use (0.1 s, about 30 MB). Without it the meaning component is left out of
every score, and `manage.py check` says so (matching.W001).
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from matching.engine.semantic import WordVectors

_lock = threading.Lock()
_state: dict[str, object] = {}


def word_vectors_path() -> Path:
    return Path(settings.MATCHING_WORD_VECTORS)


def get_word_vectors() -> WordVectors | None:
    """The word vectors, or None when their file is missing."""
    path = word_vectors_path()
    if _state.get("path") != path:
        with _lock:
            if _state.get("path") != path:
                vectors = WordVectors.load(path) if path.is_file() else None
                _state["vectors"], _state["path"] = vectors, path
    return _state["vectors"]
