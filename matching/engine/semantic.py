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

# words gathered at once: 20,000 rows of 100 floats, 8 MB
BATCH_ROWS = 20_000
# numpy's pairwise summation (numpy/_core/src/umath/loops_utils.h.src): below
# 8 terms one after another; up to 128 in 8 running sums; above, two halves
PAIRWISE_UNROLL, PAIRWISE_BLOCK = 8, 128


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

    def meanings(self, profiles: Sequence) -> list[np.ndarray | None]:
        """Each text's unit meaning vector, from its `TextProfile` (its `terms`
        and their weights, `values`), in one batch; None for a profile that is
        None or has no word with a vector (or whose words only lean the
        common way).

        A text's vector is the sum of its words' weighted vectors in its
        terms' order, added as `np.add.reduceat` adds one text's rows (the
        first row plus numpy's pairwise sum of the others: `_sum_rows`), so a
        text gets the same floats alone or in a batch, as it always has.
        Texts with as many known words are summed together, a word position
        at a time over all of them: a ranking's thousands of texts take a few
        hundred numpy calls, not one small sum per text and dimension."""
        out: list[np.ndarray | None] = [None] * len(profiles)
        texts = [k for k, profile in enumerate(profiles) if profile is not None]
        if not texts:
            return out
        # every term of the texts in order: its row (-1 without a vector), its
        # weight and its text, all in C
        terms = chain.from_iterable(profiles[k].terms for k in texts)
        rows = np.fromiter(map(self.index.get, terms, repeat(-1)), np.int64)
        scale = np.fromiter(
            chain.from_iterable(profiles[k].values for k in texts),
            np.float32,
            len(rows),
        )
        lengths = np.fromiter((len(profiles[k].values) for k in texts), np.int64)
        owners = np.repeat(np.arange(len(texts)), lengths)
        known = rows >= 0
        rows, scale, owners = rows[known], scale[known], owners[known]
        counts = np.bincount(owners, minlength=len(texts))
        starts = np.cumsum(counts) - counts  # each text's first known word
        for count in np.unique(counts[counts > 0]).tolist():
            same = np.flatnonzero(counts == count)  # the texts of `count` words
            size = max(1, BATCH_ROWS // count)
            for group in (same[i : i + size] for i in range(0, len(same), size)):
                # (texts, words) → (texts, words, dimensions)
                words = starts[group][:, None] + np.arange(count)
                gathered = self.vectors.take(rows[words], axis=0)
                gathered *= scale[words][:, :, None]
                sums = _sum_rows(gathered)
                for t, vector in zip(group.tolist(), sums, strict=True):
                    norm = math.sqrt(float(vector @ vector))  # per vector
                    if norm > 1e-6:
                        out[texts[t]] = vector / norm
        return out


def _sum_rows(gathered: np.ndarray) -> np.ndarray:
    """Each text's rows summed (`gathered`: texts × words × dimensions) with
    the very additions `np.add.reduceat` makes for one text's rows: the first
    row plus the pairwise sum of the others (`_pairwise`)."""
    if gathered.shape[1] == 1:
        return gathered[:, 0]
    return gathered[:, 0] + _pairwise(gathered[:, 1:])


def _pairwise(rows: np.ndarray) -> np.ndarray:
    """numpy's pairwise sum along axis 1 (as `np.add.reduce` sums contiguous
    floats), for all texts at once."""
    n = rows.shape[1]
    if n < PAIRWISE_UNROLL:
        total = rows[:, 0].copy()
        for i in range(1, n):
            total += rows[:, i]
        return total
    if n <= PAIRWISE_BLOCK:
        end = n - n % PAIRWISE_UNROLL
        sums = rows[:, :PAIRWISE_UNROLL].copy()
        for i in range(PAIRWISE_UNROLL, end, PAIRWISE_UNROLL):
            sums += rows[:, i : i + PAIRWISE_UNROLL]
        s = [sums[:, j] for j in range(PAIRWISE_UNROLL)]
        total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))
        for i in range(end, n):
            total += rows[:, i]
        return total
    half = n // 2
    half -= half % PAIRWISE_UNROLL
    return _pairwise(rows[:, :half]) + _pairwise(rows[:, half:])


def meaning_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine of two meanings (-1–1)."""
    return float(a @ b)
