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
from collections.abc import Mapping
from pathlib import Path

import numpy as np


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

    def meaning(self, weights: Mapping[str, float]) -> np.ndarray | None:
        """The unit meaning vector of a text given its terms' weights (a
        `TextProfile`'s); None when none of its words has a vector (or they
        only lean the common way)."""
        index = self.index
        rows, scale = [], []
        for term, weight in weights.items():
            row = index.get(term)
            if row is not None:
                rows.append(row)
                scale.append(weight)
        if not rows:
            return None
        vector = np.asarray(scale, dtype=np.float32) @ self.vectors.take(rows, axis=0)
        norm = math.sqrt(float(vector @ vector))
        return vector / norm if norm > 1e-6 else None


def meaning_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine of two meanings (-1–1)."""
    return float(a @ b)
