"""Text similarity: tokenising, corpus statistics, TF-IDF cosine and plain BM25."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from matching.engine.types import CorpusStats

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "you",
        "your",
        "we",
        "they",
        "their",
        "them",
        "he",
        "she",
        "his",
        "her",
        "not",
        "but",
        "all",
        "any",
        "can",
        "do",
        "if",
        "into",
        "more",
        "most",
        "other",
        "so",
        "such",
        "than",
        "then",
        "there",
        "these",
        "those",
        "who",
        "what",
        "which",
        "when",
        "where",
        "while",
        "about",
        "over",
        "under",
        "up",
        "out",
        "per",
        "via",
    ]
)


@lru_cache(maxsize=8192)
def term_counts(text: str) -> Mapping[str, int]:
    """Lower-cased word counts of a text, stop words dropped (cached by text)."""
    return Counter(t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS)


def corpus_stats(texts: Iterable[str]) -> CorpusStats:
    doc_freq: Counter[str] = Counter()
    total_len = count = 0
    for text in texts:
        counts = term_counts(text)
        doc_freq.update(counts.keys())
        total_len += sum(counts.values())
        count += 1
    return CorpusStats(
        doc_count=count,
        doc_freq=dict(doc_freq),
        avg_len=(total_len / count) if count else 0.0,
    )


def idf(term: str, corpus: CorpusStats | None) -> float:
    """Smoothed inverse document frequency; 1.0 for every term without a corpus."""
    if corpus is None or corpus.doc_count == 0:
        return 1.0
    df = corpus.doc_freq.get(term, 0)
    return math.log((1 + corpus.doc_count) / (1 + df)) + 1.0


def tfidf_cosine(a: str, b: str, corpus: CorpusStats | None = None) -> float:
    """Cosine similarity (0–1) of the TF-IDF vectors of two texts."""
    ca, cb = term_counts(a), term_counts(b)
    if not ca or not cb:
        return 0.0
    weights = {t: idf(t, corpus) for t in ca.keys() | cb.keys()}
    dot = sum(n * cb[t] * weights[t] ** 2 for t, n in ca.items() if t in cb)
    if not dot:
        return 0.0
    na = math.sqrt(sum((n * weights[t]) ** 2 for t, n in ca.items()))
    nb = math.sqrt(sum((n * weights[t]) ** 2 for t, n in cb.items()))
    return dot / (na * nb)


def bm25(
    query: str, document: str, corpus: CorpusStats, *, k1: float = 1.2, b: float = 0.75
) -> float:
    """Okapi BM25 of `document` for `query` (Lucene's idf, never negative)."""
    q, d = term_counts(query), term_counts(document)
    if not q or not d:
        return 0.0
    length = sum(d.values())
    avg = corpus.avg_len or length
    total = 0.0
    for term in q:
        tf = d.get(term, 0)
        if not tf:
            continue
        df = corpus.doc_freq.get(term, 0)
        term_idf = math.log(1 + (corpus.doc_count - df + 0.5) / (df + 0.5))
        total += term_idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))
    return total
