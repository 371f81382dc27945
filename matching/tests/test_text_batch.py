"""`TextBatch`: many texts counted and weighted at once give each text exactly
what it gets alone (`TextTerms`, `TextProfile`), and profile values are
(1 + ln tf) × idf over the text's norm, its squares added in the text's order;
read against one other text at once (`against`), each text gets the floats of
its pair."""

import math
from itertools import repeat

import numpy as np
import pytest

from matching.engine.text import (
    Bm25Document,
    Bm25Idf,
    Bm25Query,
    TextBatch,
    TextProfile,
    TextTerms,
    corpus_stats,
    term_counts,
)

TEXTS = [
    "Registered nurse: wound care, patient care and care plans for patients.",
    "",
    "   \n\t ",
    "the and of to",  # stop words only: counted, no term left
    "C++ and C# developer; .NET, Node.js and SQL (structured query language)",
    "Ingeniería de datos: Python, Kafka, İstanbul office, 3 KELVIN sensors",
    "forklift " * 40 + "warehouse operator forklift certified",
    " ".join(f"word{k}" for k in range(700)),  # one text longer than most
]


@pytest.fixture(scope="module")
def idf():
    return Bm25Idf(corpus_stats([t for t in TEXTS if t.strip()]))


def alone(text, idf):
    terms = TextTerms(text, idf)
    return terms, TextProfile(terms)


def test_each_text_gets_the_terms_and_profile_it_gets_alone(idf):
    batch = TextBatch(TEXTS, idf)

    assert len(batch.terms) == len(batch.profiles) == len(TEXTS)
    assert batch.terms[1] is batch.terms[2] is None
    assert batch.profiles[1] is batch.profiles[2] is None
    for k, text in enumerate(TEXTS):
        if not text.strip():
            continue
        terms, profile = alone(text, idf)
        assert batch.terms[k].counts == terms.counts
        assert list(batch.terms[k].counts) == list(terms.counts)  # same order
        assert batch.terms[k].idfs == terms.idfs
        assert batch.profiles[k].values == profile.values  # the very floats
        assert batch.profiles[k].weights == profile.weights
    assert batch.profiles[3].values == []
    assert len(batch.profiles[7].values) == 700


def test_a_large_batch_of_texts_of_every_length_gives_the_same_floats(idf):
    texts = [" ".join(f"w{k % (n + 1)} x{n}" for k in range(n)) for n in range(300)]
    texts += TEXTS * 40  # blanks and stop-word-only texts inside
    batch = TextBatch(texts, idf)
    for k, text in enumerate(texts):
        if text.strip():
            assert batch.profiles[k].values == alone(text, idf)[1].values


def test_profile_values_are_sublinear_tf_times_idf_over_the_norm_in_order(idf):
    text = TEXTS[0]
    terms, profile = alone(text, idf)
    raw = [
        (1.0 + math.log(tf)) * weight
        for tf, weight in zip(term_counts(text).values(), terms.idfs, strict=True)
    ]
    total = 0.0
    for weight in raw:  # left to right, as the text reads
        total += weight * weight
    scale = 1.0 / math.sqrt(total)

    assert profile.values == [scale * weight for weight in raw]
    assert terms.counts["care"] == 3
    assert sum(v * v for v in profile.values) == pytest.approx(1.0)


def test_rows_are_each_terms_row_in_the_index_in_the_texts_order(idf):
    batch = TextBatch(["nurse wound care", "", "python nurse zyxwv"], idf)
    index = {"nurse": 4, "python": 9, "care": 0}

    assert batch.rows(index).tolist() == [4, -1, 0, 9, 4, -1]
    assert TextBatch(["", " "], idf).rows(index).tolist() == []


def test_an_empty_batch_has_nothing(idf):
    batch = TextBatch([], idf)
    assert batch.terms == batch.profiles == []
    assert isinstance(batch.rows({}), np.ndarray)


def pair(text_terms, text_profile, document, profile):
    """What one pair gives: `Bm25Query.share`'s sum (share × best) and the
    profiles' similarity, as scoring computes them pair by pair."""
    query = Bm25Query(text_terms)
    bm25 = sum(map(document.weights.get, query.terms, repeat(0)))
    return bm25, profile.similarity(text_profile)


# texts shorter than, as long as and longer than the shared text (10 distinct
# terms), sharing some of its terms in another order, repeated or not at all
SHARED = "alpha beta gamma delta epsilon zeta eta theta iota kappa kappa alpha"
TEXTS_AGAINST = [
    "kappa alpha",
    "theta zzz beta beta yyy",
    "kappa iota theta eta zeta epsilon delta gamma beta alpha",  # as many
    "alpha q1 q2 q3 q4 q5 q6 q7 q8 q9 q10 gamma gamma",  # more, two shared
    "nothing shared here at all",
    "",
    "the of and",
    " ".join(f"t{k}" for k in range(40)) + " iota beta",
    *TEXTS,
]


@pytest.mark.parametrize("corpus", [True, False], ids=["idf", "no-idf"])
def test_texts_read_against_one_text_get_the_floats_of_each_pair(corpus):
    idf = Bm25Idf(corpus_stats([SHARED, *TEXTS_AGAINST]) if corpus else None)
    terms, profile = alone(SHARED, idf)
    document = Bm25Document(terms, idf.corpus)
    batch = TextBatch(TEXTS_AGAINST, idf)

    read = batch.against(document, profile)

    assert len(read) == len(TEXTS_AGAINST)
    for k, text in enumerate(TEXTS_AGAINST):
        if not text.strip():
            assert read[k] is None
            continue
        assert read[k] == pair(*alone(text, idf), document, profile)  # exactly
    assert read[0][1] > 0 and read[4] == (0.0, 0.0)


def test_reading_against_a_side_without_text_gives_none_for_that_part(idf):
    batch = TextBatch(["alpha beta", "", "gamma"], idf)
    terms, profile = alone("alpha", idf)

    assert batch.against(None, None) == [(None, None), None, (None, None)]
    alike = batch.against(None, profile)
    assert alike[0][0] is None and alike[0][1] == profile.similarity(batch.profiles[0])
    empty = alone("the and", idf)[1]  # a text of stop words: no term at all
    assert batch.against(None, empty) == [(None, 0.0), None, (None, 0.0)]
    assert TextBatch([], idf).against(None, profile) == []


def test_many_texts_of_every_length_read_against_one_give_each_pairs_floats():
    texts = [
        " ".join(f"w{(k * 7) % (n + 3)} x{n % 5}" for k in range(n)) for n in range(120)
    ]
    idf = Bm25Idf(corpus_stats(texts))  # rarer terms weigh more: unequal values
    shared_terms, shared_profile = alone(" ".join(f"w{k}" for k in range(40)), idf)
    document = Bm25Document(shared_terms, idf.corpus)

    read = TextBatch(texts, idf).against(document, shared_profile)

    for text, got in zip(texts, read, strict=True):
        if text.strip():
            assert got == pair(*alone(text, idf), document, shared_profile)
