"""Prepared sides kept across calls: what scoring reads from a job or a
candidate (its counted, weighted text, text profile, meaning, occupations and
weighted skills), built once per process instead of once per call.

A recommendation scores one person against hundreds of jobs that other people's
recommendations score too, and preparing the jobs is most of its cost; a
ranking of a job's applicants is asked again whenever one application changes.
`PreparedCache` keeps the prepared sides of recent calls, each kind in its own
bounded least-recently-used table, keyed by the job or candidate data itself
(frozen dataclasses: an edited job is another key, never a stale hit).

A prepared side depends on the context as well (the corpus's idf, the
taxonomy's links, categories and rarities, the occupation index, the word
vectors), so a cache belongs to the context parts it was made with
(`serves`); a call whose context has other parts prepares its sides afresh.
Safe across threads: a lock guards each table, and two threads that prepare
the same side at once build equal values.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matching.engine.types import ScoringContext


def context_parts(context: ScoringContext) -> tuple:
    """What a prepared side depends on besides its own data."""
    return (context.corpus, context.related, context.categories, context.rarity,
            context.occupations, context.vectors)  # fmt: skip


class LruTable:
    """A bounded least-recently-used mapping, guarded by a lock."""

    def __init__(self, maxsize: int):
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def add(self, key: Hashable, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class PreparedCache:
    """Prepared jobs and candidates for one set of context parts
    (`context_parts`), at most `jobs` and `candidates` of each, the least
    recently used dropped first."""

    def __init__(self, parts: tuple, *, jobs: int = 2000, candidates: int = 6000):
        self.parts = parts
        self.jobs = LruTable(jobs)
        self.candidates = LruTable(candidates)

    def serves(self, context: ScoringContext) -> bool:
        """Whether `context` has the very parts this cache was made with."""
        return all(
            a is b for a, b in zip(self.parts, context_parts(context), strict=True)
        )
