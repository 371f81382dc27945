"""The process-wide word vectors of the engine's `meaning` component.

`make install` builds the file (`settings.MATCHING_WORD_VECTORS`,
matching/data/build_word_vectors.py); it is read once per process, on first
use (0.3 s, 34 MB). Without it, or with a file that cannot be read, the meaning
component is left out of every score (logged once), and `manage.py check` says
so (matching.W001).
"""

from __future__ import annotations

import logging
import threading
import zipfile
from pathlib import Path

from django.conf import settings

from matching.engine.semantic import WordVectors

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_state: dict[str, object] = {}


def word_vectors_path() -> Path:
    return Path(settings.MATCHING_WORD_VECTORS)


def read_word_vectors(path: Path) -> WordVectors | None:
    """The vectors in `path`; None when it is missing or unreadable (why is
    logged)."""
    if not path.is_file():
        logger.warning("word vectors %s missing: scores leave out meaning", path)
        return None
    try:
        return WordVectors.load(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
        logger.error("word vectors %s unreadable (%s): scores leave out meaning",
                     path, error)  # fmt: skip
        return None


def get_word_vectors() -> WordVectors | None:
    """The word vectors, or None when their file is missing or unreadable."""
    path = word_vectors_path()
    if _state.get("path") != path:
        with _lock:
            if _state.get("path") != path:
                _state["vectors"], _state["path"] = read_word_vectors(path), path
    return _state["vectors"]
