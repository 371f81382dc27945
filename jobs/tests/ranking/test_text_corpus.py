"""The text component's idf in production: document frequencies of published jobs,
computed by `text_corpus_refresh`, read per process through `matching.corpus`."""

import math

import pytest
from django.core.cache import cache

from jobs.ranking import builders, selectors
from jobs.ranking.services import text_corpus_refresh
from jobs.tests.ranking.wiring import alice_profile, backend_job, published_job
from matching import selectors as matching_selectors
from matching.corpus import CORPUS_VERSION_CACHE_KEY, current_corpus
from matching.engine.scoring import score
from matching.engine.text import bm25, bm25_idf, term_counts
from matching.engine.types import CandidateData, CorpusStats, JobData, ScoringContext
from matching.models import TextCorpus


def test_idf_weighs_a_shared_common_word_less_than_rare_unshared_ones():
    """Hand-computed: 3 documents, "python" in all 3, "kitchen" in 1. BM25's
    idf = ln(1 + (N − df + 0.5) / (df + 0.5)): python ln(8/7) = 0.13353,
    kitchen ln(8/3) = 0.98083. The job "python Rust" holds python once, at the
    average length (no average given: its own), so python adds its idf; the
    best the query could score is (0.13353 + 0.98083) × 2.2, so the share is
    0.05447 and the text √0.05447 = 23.34, against √(1 / 4.4) = 47.67 with
    uniform weights. Similarity: rust is in no document, idf ln(1 + 3.5 / 0.5)
    = ln 8; the cosine of (python, kitchen) and (python, rust), each term once,
    is python² ÷ (√(python² + kitchen²) × √(python² + rust²)) = 0.00864, shown
    as √ = 9.3 (uniform: ½, √½ = 70.71). No linked skills (0), nothing else
    known (50 each), no word vectors in the context (no meaning component):
    total (text × 16 + similarity × 44 + 50 × 12) / 78.
    """
    stats = CorpusStats(doc_count=3, doc_freq={"python": 3, "kitchen": 1})
    candidate = CandidateData(id=1, text="Python kitchen")
    job = JobData(id=2, text="python Rust")
    python, kitchen, rust = math.log(8 / 7), math.log(8 / 3), math.log(8)
    share = python / ((python + kitchen) * 2.2)
    cosine = python**2 / (math.hypot(python, kitchen) * math.hypot(python, rust))

    weighted = score(candidate, job, ScoringContext(corpus=stats))
    uniform = score(candidate, job, ScoringContext())

    assert round(share, 5) == 0.05447
    assert weighted.component("text").score == 23.34
    assert weighted.component("text").reasons == (
        "text relevance (BM25) 5% of the best possible",
    )
    assert weighted.component("skills").score == 0.0
    assert round(cosine, 5) == 0.00864
    assert weighted.component("similarity").score == 9.3
    assert weighted.precise == round((23.34 * 16 + 9.3 * 44 + 600) / 78, 4) == 17.7262
    assert uniform.component("text").score == 47.67
    assert uniform.component("similarity").score == 70.71
    assert uniform.precise == round((47.67 * 16 + 70.71 * 44 + 600) / 78, 4) == 57.3585


pytestmark_db = pytest.mark.django_db
TEXT_WITH_CORPUS = 71.83  # 52 % of the best, √0.516


@pytest.fixture
def jobs(acme):
    """Two published jobs and a draft (drafts are not in the corpus)."""
    backend = backend_job(acme)
    published_job(
        "Kitchen Porter",
        skills=("python",),
        description="<p>Kitchen work, services.</p>",
    )
    draft = published_job("Draft Rust Role", skills=("python",))
    draft.status = "draft"
    draft.save(update_fields=["status"])
    return backend, draft


@pytestmark_db
def test_refresh_counts_each_published_jobs_terms_once(jobs):
    """Texts (title, skill names, description as text):
    "Backend Developer / Django Python Docker / Build our Python and Django
    services." and "Kitchen Porter / Python / Kitchen work, services." — stop
    words dropped; a term twice in one job counts once."""
    row = text_corpus_refresh()

    assert row.doc_count == 2
    assert row.avg_len == 7.5  # (10 + 5) terms / 2 jobs
    assert row.doc_freq == {
        "python": 2, "services": 2, "backend": 1, "build": 1, "developer": 1,
        "django": 1, "docker": 1, "kitchen": 1, "porter": 1, "work": 1,
    }  # fmt: skip
    assert "rust" not in row.doc_freq  # the draft


@pytestmark_db
def test_refresh_keeps_the_most_frequent_terms_ties_by_term_and_one_row(jobs):
    first = text_corpus_refresh(top_terms=3)
    second = text_corpus_refresh(top_terms=3)

    assert second.doc_freq == {"python": 2, "services": 2, "backend": 1}
    assert list(TextCorpus.objects.values_list("pk", flat=True)) == [second.pk]
    assert first.pk != second.pk


@pytestmark_db
def test_without_a_corpus_production_scores_text_with_uniform_weights(alice, jobs):
    assert current_corpus() is None
    assert matching_selectors.scoring_context().corpus is None
    profile = builders.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    job = builders.jobs_for_scoring().get(pk=jobs[0].pk)

    result = selectors.match_for_candidate(profile=profile, job=job)

    assert result.component("text").reasons == (
        "text relevance (BM25) 57% of the best possible",
    )
    assert result.component("text").score == 75.38


@pytestmark_db
def test_production_scores_use_the_refreshed_document_frequencies(
    alice, jobs, django_capture_on_commit_callbacks
):
    """Alice's text against the backend job's, with N = 2 and avg_len 7.5:
    the text component is exactly BM25 (`bm25`, the corpus's idf) as a share
    of the query's best, then √."""
    with django_capture_on_commit_callbacks(execute=True):
        row = text_corpus_refresh()
    profile = builders.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    job = builders.jobs_for_scoring().get(pk=jobs[0].pk)

    result = selectors.match_for_candidate(profile=profile, job=job)

    assert matching_selectors.scoring_context().corpus == CorpusStats(
        doc_count=2, doc_freq=row.doc_freq, avg_len=7.5
    )
    corpus = matching_selectors.scoring_context().corpus
    alice_text = builders.candidate_data_for(profile).text
    job_text = builders.job_data_for(job).text
    terms = set(term_counts(alice_text))
    best = sum(bm25_idf(t, corpus) for t in terms) * 2.2
    share = bm25(alice_text, job_text, corpus) / best
    assert result.component("text").score == round(100 * math.sqrt(share), 2)
    assert result.component("text").score == TEXT_WITH_CORPUS
    assert result.component("text").reasons == (
        "text relevance (BM25) 52% of the best possible",
    )


@pytestmark_db
def test_a_lost_cache_entry_costs_one_small_query_not_a_reload(
    jobs, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = text_corpus_refresh()
    assert cache.get(CORPUS_VERSION_CACHE_KEY) == row.pk
    with django_assert_num_queries(1):  # this process has not read the row yet
        assert current_corpus().doc_count == 2
    with django_assert_num_queries(0):
        loaded = current_corpus()

    cache.delete(CORPUS_VERSION_CACHE_KEY)

    with django_assert_num_queries(1):  # the newest id only
        assert current_corpus() is loaded


@pytestmark_db
def test_recommendations_are_recomputed_when_the_corpus_changes(
    alice, jobs, django_capture_on_commit_callbacks
):
    profile = builders.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    before = selectors.recommendations_for(profile=profile)
    assert before[0][1].component("text").score == 75.38  # uniform weights

    with django_capture_on_commit_callbacks(execute=True):
        text_corpus_refresh()
    after = selectors.recommendations_for(profile=profile)

    assert [job.pk for job, _ in after] == [job.pk for job, _ in before]
    assert after[0][1].component("text").score == TEXT_WITH_CORPUS
