"""Meaning: how alike two texts are in what their words mean, from word vectors.

BM25 and the TF-IDF cosine (`text`) only see shared words: "nurse" and
"patient care" or "bookkeeper" and "accounts payable" are strangers to them. A
text's *meaning* is the weighted mean of its words' vectors (GloVe 100d, built
by matching/data/build_word_vectors.py from a registry package, nothing
downloaded at run time), each word weighing as it does in the text's
`TextProfile`, (1 + ln tf) × BM25's idf, so rare, repeated words lead; the
common direction every English text leans in is removed
(`WordVectors.common`: from each word's vector once, at load, which removes it
from every weighted sum of them), and the result is L2-normalised. Two
meanings' dot product is their cosine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import chain, repeat
from pathlib import Path

import numpy as np

# Texts per numpy batch: ~10k rows of 100 floats, ~4 MB at once. 512 texts (~8
# MB) took ~20 % longer over 5,000 applicants' texts, 128 no less than 256
# (bench/README.md, "Matching speed, round 11"); each text's floats are the
# same whatever the batch.
BATCH = 256


class WordVectors:
    """Words, their vectors without the common direction (float32 rows), and
    that direction."""

    def __init__(self, words, vectors, common):
        self.index = {word: row for row, word in enumerate(words)}
        vectors = np.asarray(vectors, dtype=np.float32)
        common = np.asarray(common, dtype=np.float32)
        norm = float(np.linalg.norm(common))
        self.common = common / norm if norm else common
        self.vectors = vectors - np.outer(vectors @ self.common, self.common)
        self.dimensions = vectors.shape[1] if vectors.ndim == 2 else 0

    @classmethod
    def load(cls, path: Path | str) -> WordVectors:
        with np.load(path) as data:
            return cls(data["words"].tolist(), data["vectors"], data["common"])

    def __len__(self) -> int:
        return len(self.index)

    def meanings(
        self, profiles: Sequence, rows: np.ndarray | None = None
    ) -> list[np.ndarray | None]:
        """Each text's unit meaning vector, from its `TextProfile` (its `terms`
        and their weights, `values`), in one batch; None for a profile that is
        None or has no word with a vector (or whose words only lean the
        common way). Each text's vector is summed on its own rows, in its
        terms' order, so a text gets the same floats alone or in a batch.

        `rows`: every term's row in `index` (-1 without a vector), the
        profiles' terms one after the other (`TextBatch.rows`, which looks
        each distinct term up once); looked up here when not given."""
        present = [p for p in profiles if p is not None]
        if rows is None:
            get, missing = self.index.get, repeat(-1)
            rows = np.fromiter(
                chain.from_iterable(map(get, p.terms, missing) for p in present),
                np.int64,
            )
        lengths = [len(p.values) if p is not None else 0 for p in profiles]
        ends = np.cumsum(lengths, dtype=np.int64).tolist()
        out: list[np.ndarray | None] = [None] * len(profiles)
        for first in range(0, len(profiles), BATCH):
            last = min(first + BATCH, len(profiles))
            start = ends[first - 1] if first else 0
            self._meanings(profiles, first, last, rows[start : ends[last - 1]], out)
        return out

    def _meanings(self, profiles, first: int, last: int, rows, out: list) -> None:
        chunk = [
            (k, profile)
            for k, profile in enumerate(profiles[first:last], first)
            if profile is not None
        ]
        if not chunk:
            return
        # every term of the chunk's texts in order: its row (-1 without a
        # vector, `rows`), its weight and its text, all in C
        scale = np.fromiter(
            chain.from_iterable(p.values for _, p in chunk), np.float32, len(rows)
        )
        owners = np.repeat(
            np.fromiter((k for k, _ in chunk), np.int64, len(chunk)),
            np.fromiter((len(p.values) for _, p in chunk), np.int64, len(chunk)),
        )
        known = rows >= 0
        rows, scale, owners = rows[known], scale[known], owners[known]
        if not len(rows):
            return
        gathered = self.vectors.take(rows, axis=0)
        gathered *= scale[:, None]
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        sums = np.add.reduceat(gathered, starts, axis=0)
        for k, vector in zip(owners[starts].tolist(), sums, strict=True):
            norm = math.sqrt(float(vector @ vector))  # per vector: batch-proof
            if norm > 1e-6:
                out[k] = vector / norm


def meaning_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine of two meanings (-1–1)."""
    return float(a @ b)
