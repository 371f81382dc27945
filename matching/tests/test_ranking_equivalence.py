"""The fast ranking paths give exactly what scoring each pair gives.

`rank` and `rank_candidates` prepare the shared side once and tokenise in C;
`order` and `order_candidates` score without explaining; these tests hold them
to `score()` pair by pair (and to the plain `tfidf_cosine`) on generated data
with the real taxonomy's links.
"""

import hashlib
import random
import sys

import pytest

from matching.engine.scoring import (
    order,
    order_candidates,
    rank,
    rank_candidates,
    score,
)
from matching.engine.text import (
    _LOWER_TO_ASCII,
    _TOKEN,
    IdfTable,
    TextVector,
    _tokens,
    corpus_stats,
    term_counts,
    tfidf_cosine,
)
from matching.tests.generated import (
    file_context,
    make_candidates,
    make_job,
    make_jobs,
)


@pytest.fixture(scope="module")
def the_job():
    return make_job(seed=3)


@pytest.fixture(scope="module")
def people(the_job):
    return make_candidates(the_job, 300, seed=5)


@pytest.fixture(scope="module")
def corpus(people):
    return corpus_stats([c.text for c in people])


def test_rank_candidates_equals_scoring_each_pair(the_job, people):
    context = file_context()

    ranked = rank_candidates(the_job, people, context)

    by_pair = [
        score(c, the_job, context, audience="employer")
        for c in people
        if not c.opted_out
    ]
    by_pair.sort(key=lambda r: (-r.precise, r.candidate_id))
    assert ranked == by_pair
    assert len(ranked) == 289  # 11 of the 300 opted out
    # the data exercises every path: partial credit, caps, text and no text,
    # occupations
    assert any(r.partial_skills for r in ranked)
    assert any(r.capped for r in ranked) and not all(r.capped for r in ranked)
    no_text = [r for r in ranked if r.component("text").reasons[0].startswith("no")]
    assert len(no_text) == 16
    assert sum(1 for r in ranked if r.component("occupation").score) == 25
    assert ranked[0].score == 76 and ranked[-1].score == 9


def test_rank_candidates_equals_pairs_with_a_corpus_too(the_job, people, corpus):
    context = file_context(corpus=corpus)

    ranked = rank_candidates(the_job, people, context)

    by_pair = sorted(
        (
            score(c, the_job, context, audience="employer")
            for c in people
            if not c.opted_out
        ),
        key=lambda r: (-r.precise, r.candidate_id),
    )
    assert ranked == by_pair


def _numbers(results):
    return [(r.candidate_id, r.job_id, r.score, r.precise, r.capped) for r in results]


@pytest.mark.parametrize("with_corpus", [False, True])
def test_order_candidates_gives_the_order_and_numbers_of_rank_candidates(
    the_job, people, corpus, with_corpus
):
    context = file_context(corpus=corpus if with_corpus else None)

    ordered = order_candidates(the_job, people, context)

    assert _numbers(ordered) == _numbers(rank_candidates(the_job, people, context))
    assert len(ordered) == 289
    assert 0 < sum(s.capped for s in ordered) < 289
    assert type(ordered[0]).__name__ == "MatchScore"


def test_order_of_jobs_gives_the_order_and_numbers_of_rank():
    context = file_context()
    jobs = make_jobs(60)
    someone = make_candidates(jobs[0], 1, seed=9)[0]

    assert _numbers(order(someone, jobs, context)) == _numbers(
        rank(someone, jobs, context)
    )


def test_a_limit_explains_the_first_rows_of_the_whole_ranking(the_job, people):
    """Every row is scored and only the first `limit` explained: they are the
    first rows of the ranking that explains them all, whole."""
    context = file_context()
    jobs = make_jobs(60)
    someone = make_candidates(jobs[0], 1, seed=9)[0]

    assert (
        rank_candidates(the_job, people, context, limit=30)
        == rank_candidates(the_job, people, context)[:30]
    )
    assert rank(someone, jobs, context, limit=7) == rank(someone, jobs, context)[:7]
    assert rank(someone, jobs, context, limit=0) == []


def test_rank_is_independent_of_input_order_and_repeatable(the_job, people):
    context = file_context()
    shuffled = list(people)
    random.Random(1).shuffle(shuffled)

    first = rank_candidates(the_job, people, context, limit=25)
    term_counts.cache_clear()

    assert rank_candidates(the_job, shuffled, context, limit=25) == first
    assert rank_candidates(the_job, people, context, limit=25) == first


def test_rank_of_jobs_equals_scoring_each_pair():
    context = file_context()
    jobs = make_jobs(60)
    someone = make_candidates(jobs[0], 1, seed=9)[0]

    ranked = rank(someone, jobs, context)

    by_pair = sorted(
        (score(someone, j, context) for j in jobs), key=lambda r: (-r.precise, r.job_id)
    )
    assert ranked == by_pair


@pytest.mark.parametrize("with_corpus", [False, True])
def test_text_vectors_give_tfidf_cosine_exactly(people, corpus, with_corpus):
    stats = corpus if with_corpus else None
    table = IdfTable(stats)
    texts = [c.text for c in people[:60]] + ["", "the and of", "C++ C# .NET c++"]

    for a in texts:
        for b in texts[::7]:
            assert TextVector(a, table).cosine(TextVector(b, table)) == tfidf_cosine(
                a, b, stats
            )


def test_tokens_match_the_regular_expression_on_awkward_text():
    rng = random.Random(7)
    alphabet = "abcXYZ09 +#.-_/\n\tÉéßİ\u212a–ü€😀'()"
    samples = ["C++ and C# devs", "Ünïcode GmbH (2019–2023)", "KELVIN \u212a", "+#+a"]
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        for _ in range(3000)
    ]

    for text in samples:
        assert _tokens(text) == _TOKEN.findall(text.lower()), text


def test_only_the_listed_characters_outside_ascii_lower_to_ascii_letters():
    """_tokens lowers with its translation table (ASCII only) unless the text
    holds one of these: a Python whose Unicode data adds one must list it."""
    lowering_to_ascii = [
        chr(c)
        for c in range(128, sys.maxunicode + 1)
        if any(x.isascii() for x in chr(c).lower())
    ]

    assert tuple(lowering_to_ascii) == _LOWER_TO_ASCII
    for text in (
        "\u0130stanbul",
        "KELVIN \u212a \u00e9t\u00e9",
        "\u00c9COLE Caf\u00e9",
    ):
        assert _tokens(text) == _TOKEN.findall(text.lower()), text


def test_term_counts_keep_first_occurrence_order_without_stop_words():
    counts = term_counts("The Python and the Django, python; Rust of")

    assert list(counts.items()) == [("python", 2), ("django", 1), ("rust", 1)]


def _fingerprint(results) -> str:
    fields = [
        (r.candidate_id, r.job_id, r.score, r.precise, r.components, r.matched_skills,
         r.partial_skills, r.missing_skills, r.explanation, r.capped)
        for r in results
    ]  # fmt: skip
    return hashlib.sha256(repr(fields).encode()).hexdigest()[:16]


def test_rankings_are_exactly_those_of_the_fitted_hybrid_engine(
    the_job, people, corpus
):
    """Fingerprints of every field of every result (floats included), recorded
    with the hybrid engine (BM25 text, TF-IDF similarity, word-vector meaning,
    occupations, weights fitted with the real-text tuning split) in session 11:
    a faster engine must give the same scores, reasons and order, with and
    without idf weights. (The fingerprints of the engines before it, as of
    4029087, 8910947, 7356501 and 55e754c, guarded earlier speed work the same
    way.)"""
    jobs = make_jobs(60)
    someone = make_candidates(jobs[0], 1, seed=9)[0]
    job_corpus = corpus_stats([j.text for j in jobs])

    plain = rank_candidates(the_job, people, file_context())
    weighted = rank_candidates(the_job, people, file_context(corpus=corpus))
    for_someone = rank(someone, jobs, file_context(corpus=job_corpus))

    assert (
        _fingerprint(plain),
        _fingerprint(weighted),
        _fingerprint(for_someone),
    ) == ("3a21471ac8539eb8", "5fa3d8ea1ced2d00", "ec7a86ecdca66894")
