"""Text similarity: tokenising, corpus statistics, TF-IDF cosine and plain BM25."""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import chain, repeat

import numpy as np

from matching.engine.types import CorpusStats

_TWOS, _ZEROS = repeat(2), repeat(0)

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


# Every byte that is not [a-z0-9] becomes a space and A-Z become a-z: lower()
# in the same C pass (non-ASCII characters were replaced by "?" first).
_SEPARATORS = bytes(
    c if (48 <= c <= 57 or 97 <= c <= 122) else c + 32 if 65 <= c <= 90 else 32
    for c in range(256)
)
# The only characters outside ASCII whose lower case holds an ASCII letter ("İ"
# → "i̇", the Kelvin sign → "k"; a test checks every code point): a text with
# one of them is lowered by str.lower() first.
_LOWER_TO_ASCII = ("\u0130", "\u212a")


def _tokens(text: str) -> list[str]:
    """_TOKEN.findall(text.lower()), about twice as fast: without "+" or "#" the
    tokens are exactly the runs of [a-z0-9], which bytes.translate and split find
    in C; with them (c++, c#) the regular expression decides. Lower-casing is
    left to the translation table unless a character outside ASCII lowers to
    an ASCII letter: str.lower() of a text with any other non-ASCII character
    costs as much as the split (10 µs for 3,500 characters)."""
    if "+" in text or "#" in text:
        return _TOKEN.findall(text.lower())
    if not text.isascii() and any(c in text for c in _LOWER_TO_ASCII):
        text = text.lower()
    return text.encode("ascii", "replace").translate(_SEPARATORS).decode().split()


@lru_cache(maxsize=8192)
def term_counts(text: str) -> Mapping[str, int]:
    """Lower-cased word counts of a text, stop words dropped (cached by text).

    Keys keep the order of their first occurrence: the sums over them (norms, dot
    products) add in that order, so every path gets the same floats. Counting every
    token in C and deleting the few stop words after is ~3× faster than filtering
    token by token, and deleting keeps the other keys' order. `pop` deletes in C
    (Counter's `del` is a Python method): ~4 µs less on a 100-word text with
    20 distinct stop words.
    """
    counts = Counter(_tokens(text))
    for word in STOPWORDS.intersection(counts):
        counts.pop(word)
    return counts


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


class IdfTable(dict):
    """`idf(term, corpus)` memoised: one per ranking call, so every term's idf is
    computed once however many pairs share it. `uniform` when there is no corpus
    (every weight 1.0); `squared[term]` is `self[term] ** 2`, memoised too."""

    def __init__(self, corpus: CorpusStats | None = None):
        super().__init__()
        self.corpus = corpus
        self.uniform = corpus is None or corpus.doc_count == 0
        self.squared = _Squared(self)

    def __missing__(self, term: str) -> float:
        value = self[term] = idf(term, self.corpus)
        return value


class _Squared(dict):
    __slots__ = ("weights",)

    def __init__(self, weights: IdfTable):
        super().__init__()
        self.weights = weights

    def __missing__(self, term: str) -> float:
        value = self[term] = self.weights[term] ** 2
        return value


class TextVector:
    """A text's TF-IDF vector, prepared once: term counts and (lazily) the norm,
    for `cosine` against many others. Gives exactly `tfidf_cosine`'s floats.

    Without a corpus every weight is 1.0, so every product and partial sum is a
    whole number (exact in a float): the sums then run over the shared terms only,
    in C, in any order. With a corpus they run in `tfidf_cosine`'s order (the
    shared terms in this text's order), multiplying the same factors.
    """

    __slots__ = ("counts", "idf", "_norm")

    def __init__(self, text: str, idf_table: IdfTable):
        self.counts = term_counts(text)
        self.idf = idf_table
        self._norm = None

    @property
    def norm(self) -> float:
        if self._norm is None:
            counts, weights = self.counts, self.idf
            if weights.uniform:
                total = float(sum(map(operator.mul, counts.values(), counts.values())))
            else:
                weighted = map(
                    operator.mul, counts.values(), map(weights.__getitem__, counts)
                )
                total = sum(map(operator.pow, weighted, _TWOS))
            self._norm = math.sqrt(total)
        return self._norm

    def cosine(self, other: TextVector) -> float:
        """tfidf_cosine(self's text, other's text)."""
        ca, cb = self.counts, other.counts
        if not ca or not cb:
            return 0.0
        weights = self.idf
        if weights.uniform:
            # whole numbers: any order, non-shared terms add 0
            if len(ca) > len(cb):
                ca, cb = cb, ca
            dot = float(sum(map(operator.mul, ca.values(), map(cb.get, ca, _ZEROS))))
        else:
            shared = list(filter(cb.__contains__, ca))
            products = map(operator.mul, map(ca.__getitem__, shared),
                           map(cb.__getitem__, shared))  # fmt: skip
            squared = map(weights.squared.__getitem__, shared)
            dot = sum(map(operator.mul, products, squared))
        if not dot:
            return 0.0
        return dot / (self.norm * other.norm)


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


# --- BM25 as a 0–1 share, the engine's lexical relevance ---------------------

BM25_K1, BM25_B = 1.2, 0.75


def bm25_idf(term: str, corpus: CorpusStats | None) -> float:
    """`bm25`'s idf (Lucene's, never negative); 1.0 for every term without a
    corpus."""
    if corpus is None or corpus.doc_count == 0:
        return 1.0
    df = corpus.doc_freq.get(term, 0)
    return math.log(1 + (corpus.doc_count - df + 0.5) / (df + 0.5))


class Bm25Idf(dict):
    """`bm25_idf(term, corpus)` memoised, one per ranking call."""

    def __init__(self, corpus: CorpusStats | None = None):
        super().__init__()
        self.corpus = corpus

    def __missing__(self, term: str) -> float:
        value = self[term] = bm25_idf(term, self.corpus)
        return value


class TextTerms:
    """A text as the text components read it, analysed once per text and call:
    its `counts` (`term_counts`, first-occurrence order) and `idfs`, each term's
    BM25 idf in the same order. `Bm25Query` or `Bm25Document` and `TextProfile`
    are built from one of these, so a text is counted once and each of its
    terms is looked up in the idf table once (`TextBatch` makes them for many
    texts at once)."""

    __slots__ = ("counts", "idfs")

    def __init__(self, text: str, idf: Bm25Idf):
        self.counts = term_counts(text)
        self.idfs = list(map(idf.__getitem__, self.counts))

    @classmethod
    def of(cls, counts: Mapping[str, int], idfs: list[float]) -> TextTerms:
        """Terms already counted and weighted (`TextBatch`)."""
        terms = cls.__new__(cls)
        terms.counts, terms.idfs = counts, idfs
        return terms


class Bm25Document:
    """A document's (a job's) BM25 weight per term, prepared once:
    idf × tf × (k1 + 1) ÷ (tf + k1 × (1 − b + b × length ÷ average length))."""

    __slots__ = ("weights",)

    def __init__(self, terms: TextTerms, corpus: CorpusStats | None):
        counts = terms.counts
        length = sum(counts.values())
        avg = (corpus.avg_len if corpus is not None else 0.0) or length or 1
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / avg)
        self.weights = {
            term: term_idf * tf * (BM25_K1 + 1) / (tf + norm)
            for (term, tf), term_idf in zip(counts.items(), terms.idfs, strict=True)
        }


class Bm25Query:
    """A query's (a person's) terms and the most BM25 any document could give
    them (every term at saturation, idf × (k1 + 1)), prepared once."""

    __slots__ = ("terms", "best")

    def __init__(self, terms: TextTerms):
        self.terms = terms.counts  # iterated for its keys, in their order
        self.best = sum(terms.idfs) * (BM25_K1 + 1)

    def share(self, document: Bm25Document) -> float:
        """bm25(query, document) ÷ `best`: 0–1, in the same order as `bm25` for
        one query (the same sum, divided by a constant of the query)."""
        if not self.best:
            return 0.0
        weights = document.weights
        return sum(map(weights.get, self.terms, _ZEROS)) / self.best


class _Sublinear(dict):
    """tf → 1 + ln tf, memoised (a handful of distinct counts in any text)."""

    def __missing__(self, tf: int) -> float:
        value = self[tf] = 1.0 + math.log(tf)
        return value


_SUBLINEAR = _Sublinear()
_FLOAT_ZEROS = repeat(0.0)


class TextProfile:
    """A whole text's shape for document-to-document similarity: each term's
    (1 + ln tf) × BM25's idf, L2-normalised, prepared once.

    `similarity(other)` is the cosine of two profiles (0–1). Unlike BM25, which
    reads one side as a query, it is symmetric and length-normalised on both
    sides, so a long profile text is not a long list of equally weighted query
    terms: on the tuning splits it ranked a person's jobs better than BM25 alone
    (bench/README.md, "Matching quality"). The sums run in C (`map`), in the
    smaller side's term order.

    The weights are kept as a list beside the terms; the term → weight dict is
    built only for a profile that is looked up (the larger side of a pair),
    which in a ranking is mostly the shared side: a ranking builds one profile
    per applicant (or job) and reads it once.
    """

    __slots__ = ("terms", "values", "_weights")

    def __init__(self, terms: TextTerms):
        counts = terms.counts
        tfs = np.fromiter(counts.values(), np.int64, len(counts))
        values = _profile_values(tfs, np.array(terms.idfs), [len(counts)])
        self.terms = counts  # iterated for its keys, in their order
        self.values = values.tolist()  # each term's, in order
        self._weights: dict[str, float] | None = None

    @classmethod
    def of(cls, terms: TextTerms, values: list[float]) -> TextProfile:
        """A profile whose values are already computed (`TextBatch`)."""
        profile = cls.__new__(cls)
        profile.terms, profile.values, profile._weights = terms.counts, values, None
        return profile

    @property
    def weights(self) -> dict[str, float]:
        """Term → weight."""
        if self._weights is None:
            self._weights = dict(zip(self.terms, self.values, strict=True))
        return self._weights

    def similarity(self, other: TextProfile) -> float:
        small, large = self, other
        if len(small.values) > len(large.values):
            small, large = large, small
        return sum(
            map(
                operator.mul,
                small.values,
                map(large.weights.get, small.terms, _FLOAT_ZEROS),
            )
        )


class Numbering(dict):
    """Key → its number, numbered as first met (`numbering[key]`; `get` never
    numbers): a batch's terms (`TextBatch`), a ranking's skills."""

    def __missing__(self, key) -> int:
        number = self[key] = len(self)
        return number


class TextBatch:
    """Many texts' `TextTerms` and `TextProfile`s (None for a blank text), made
    at once: a ranking prepares thousands of texts, and one numpy pass over all
    their terms replaces a comprehension per text.

    Every number is the one its text gets alone: each term's weight and value is
    the same float product, and each text's sum of squares is added term by
    term in the text's order (`_sums_in_order`). Each distinct term
    is looked up once per batch, in the idf table and, for meanings, in the
    word vectors' index (`rows`)."""

    __slots__ = ("terms", "profiles", "_vocabulary", "_ids", "_values", "_lengths")

    def __init__(self, texts: Iterable[str | None], idf: Bm25Idf):
        counts = [
            term_counts(text) if text and not text.isspace() else None for text in texts
        ]
        present = [c for c in counts if c is not None]
        vocabulary = Numbering()
        number = vocabulary.__getitem__
        ids = np.fromiter(
            chain.from_iterable(map(number, c) for c in present), np.int64
        )
        tfs = np.fromiter(
            chain.from_iterable(c.values() for c in present), np.int64, len(ids)
        )
        lengths = np.fromiter(map(len, present), np.int64, len(present))
        idfs = np.fromiter(map(idf.__getitem__, vocabulary), np.float64)[ids]
        values = _profile_values(tfs, idfs, lengths)
        self._vocabulary, self._ids = vocabulary, ids
        self._values, self._lengths = values, lengths
        self.terms: list[TextTerms | None] = []
        self.profiles: list[TextProfile | None] = []
        idfs, values = idfs.tolist(), values.tolist()  # sliced per text below
        end = 0
        for text_counts in counts:
            if text_counts is None:
                self.terms.append(None)
                self.profiles.append(None)
                continue
            start, end = end, end + len(text_counts)
            terms = TextTerms.of(text_counts, idfs[start:end])
            self.terms.append(terms)
            self.profiles.append(TextProfile.of(terms, values[start:end]))

    def against(
        self, document: Bm25Document | None, profile: TextProfile | None
    ) -> list[tuple[float | None, float | None] | None]:
        """Each text read against one other text (a ranking's shared side),
        in one numpy pass: (the sum `Bm25Query.share` adds for it in
        `document`, before ÷ `best`; its `TextProfile.similarity` with
        `profile`), None for a blank text and for a side that is None.

        The very floats of pair by pair: each product is the same, and each
        sum adds the shared terms one at a time in the order the pair adds
        them (a term of one side only adds 0, which changes nothing):
        BM25 in the text's order, similarity in the smaller side's."""
        sums = self._bm25_sums(document) if document is not None else repeat(None)
        alike = self._similarities(profile) if profile is not None else repeat(None)
        # the texts that are not blank, in order (repeat(None) has no end)
        read = zip(sums, alike, strict=False)
        return [next(read) if terms is not None else None for terms in self.terms]

    def _per_term(self, mapping: Mapping, missing, dtype) -> np.ndarray:
        """`mapping`'s value for every term of the texts, one after the other
        in order (`missing` where it has none), each distinct term looked up
        once."""
        found = np.fromiter(
            map(mapping.get, self._vocabulary, missing), dtype, len(self._vocabulary)
        )
        return found[self._ids]

    def _bm25_sums(self, document: Bm25Document) -> list[float]:
        weights = self._per_term(document.weights, _FLOAT_ZEROS, np.float64)
        return _sums_in_order(weights, self._lengths).tolist()

    def _similarities(self, profile: TextProfile) -> list[float]:
        """`profile.similarity(text)` of each text: summed in the text's order
        where the text has fewer terms, in the profile's where it has as many
        or more."""
        lengths, size = self._lengths, len(profile.values)
        weights = self._per_term(profile.weights, _FLOAT_ZEROS, np.float64)
        out = _sums_in_order(self._values * weights, lengths)
        longer = np.flatnonzero(lengths >= size)
        if len(longer):
            out[longer] = self._in_profile_order(profile, longer)
        return out.tolist()

    def _in_profile_order(self, profile: TextProfile, texts: np.ndarray):
        """The similarities of `texts` (their places among the batch's
        texts that are not blank) added in the profile's term order: a
        table of each text's value at each of the profile's terms, then one
        column at a time, only the profile's terms some text shares."""
        lengths = self._lengths
        where = {term: k for k, term in enumerate(profile.terms)}
        position = self._per_term(where, _MINUS_ONES, np.int64)
        row = np.full(len(lengths), -1, np.int64)
        row[texts] = np.arange(len(texts))
        row = np.repeat(row, lengths)
        shared = (position >= 0) & (row >= 0)
        table = np.zeros((len(texts), len(profile.values)))
        table[row[shared], position[shared]] = self._values[shared]
        sums = np.zeros(len(texts))
        values = profile.values
        for column in np.unique(position[shared]).tolist():
            sums += table[:, column] * values[column]
        return sums

    def rows(self, index: Mapping[str, int]) -> np.ndarray:
        """Every term's row in `index` (-1 when absent), the texts' terms one
        after the other in order: what `WordVectors.meanings` looks up."""
        return self._per_term(index, _MINUS_ONES, np.int64)


_MINUS_ONES = repeat(-1)


def _profile_values(tfs: np.ndarray, idfs: np.ndarray, lengths) -> np.ndarray:
    """`TextProfile` values of texts whose terms lie one after the other
    (`lengths` terms each): (1 + ln tf) × idf, divided by the text's L2 norm."""
    top = int(tfs.max()) if len(tfs) else 0
    sublinear = np.array([0.0, *(_SUBLINEAR[tf] for tf in range(1, top + 1))])
    raw = sublinear[tfs] * idfs
    lengths = np.asarray(lengths, dtype=np.int64)
    norms = _sums_in_order(raw * raw, lengths)
    np.sqrt(norms, out=norms)
    scales = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms != 0)
    return np.repeat(scales, lengths) * raw


def _sums_in_order(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The sum of each run of `values` (runs of `lengths` values, one after
    the other), added left to right one value at a time, as Python 3.11's
    `sum` adds a list of floats (numpy's own sums may pair values, which
    changes the last bits): position by position, over the runs that are
    still that long. Memory in the number of runs, not their lengths."""
    starts = np.cumsum(lengths) - lengths
    order = np.argsort(-lengths, kind="stable")  # longest first
    starts, lengths = starts[order], lengths[order]
    longest = int(lengths[0]) if len(lengths) else 0
    # how many runs are longer than each position: a prefix of `order`
    going = np.searchsorted(-lengths, -np.arange(longest), side="left").tolist()
    sums = np.zeros(len(lengths))
    for position, runs in enumerate(going):
        sums[:runs] += values[starts[:runs] + position]
    out = np.empty_like(sums)
    out[order] = sums
    return out
