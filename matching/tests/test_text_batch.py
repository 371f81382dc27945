"""`TextBatch`: many texts counted and weighted at once give each text exactly
what it gets alone (`TextTerms`, `TextProfile`), and profile values are
(1 + ln tf) × idf over the text's norm, its squares added in the text's order."""

import math

import numpy as np
import pytest

from matching.engine.text import (
    Bm25Idf,
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
