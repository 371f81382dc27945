"""The process-wide occupation index (occupation inference from titles).

Built from the database on first use and rebuilt when the taxonomy version token
changes (loading occupations or an admin edit bumps it), like `matching.skills`.
"""

from __future__ import annotations

import threading

from matching.engine.occupations import (
    OccupationEntry,
    OccupationGuess,
    OccupationIndex,
)
from matching.models import Occupation
from matching.skills import taxonomy_version

_lock = threading.Lock()
_state: dict[str, object] = {"version": None, "index": None}


def _build_from_db(version: str) -> OccupationIndex:
    return OccupationIndex(
        (
            OccupationEntry(
                code=code, title=title, field=field, titles=tuple(titles or ()), id=pk
            )
            for pk, code, title, field, titles in Occupation.objects.values_list(
                "id", "code", "title", "field", "alternative_titles"
            )
        ),
        version=version,
    )


def get_occupation_index() -> OccupationIndex:
    version = taxonomy_version()
    index = _state["index"]
    if index is not None and _state["version"] == version:
        return index
    with _lock:
        index = _build_from_db(version)
        _state["index"], _state["version"] = index, version
    return index


def infer_occupation(text: str, *, limit: int = 3) -> list[OccupationGuess]:
    """The likeliest occupations for a job or person's title, best first."""
    return get_occupation_index().infer(text, limit=limit)
