"""The text component's idf in production: document frequencies of published jobs,
computed by `text_corpus_refresh`, read per process through `matching.corpus`."""

import math

import pytest
from django.core.cache import cache

from matching import selectors
from matching.corpus import CORPUS_VERSION_CACHE_KEY, current_corpus
from matching.engine.scoring import score
from matching.engine.types import CandidateData, CorpusStats, JobData, ScoringContext
from matching.models import TextCorpus
from matching.services import text_corpus_refresh
from matching.tests.wiring import alice_profile, backend_job, published_job


def test_idf_weighs_a_shared_common_word_less_than_rare_unshared_ones():
    """Hand-computed: 3 documents, "python" in all 3, "kitchen" in 1, "rust" in
    none. idf = ln((1 + N) / (1 + df)) + 1: python 1, kitchen 1 + ln 2, rust
    1 + ln 4. The texts share only "python", so

        cosine = 1 / (sqrt(1 + (1 + ln 2)²) × sqrt(1 + (1 + ln 4)²)) = 0.19655

    against 1 / (√2 × √2) = 0.5 with uniform weights: text 39.31 instead of 100
    (saturating at 0.5). The job has no linked skills, so its skills component is
    the text score too (it was a neutral 50): total (text × 45 + 3 × 50 × 45
    + text × 15) / 105.
    """
    stats = CorpusStats(doc_count=3, doc_freq={"python": 3, "kitchen": 1})
    candidate = CandidateData(id=1, text="Python kitchen")
    job = JobData(id=2, text="python Rust")
    kitchen, rust = 1 + math.log(2), 1 + math.log(4)
    cosine = 1 / (math.sqrt(1 + kitchen**2) * math.sqrt(1 + rust**2))

    weighted = score(candidate, job, ScoringContext(corpus=stats))
    uniform = score(candidate, job, ScoringContext())

    assert round(cosine, 5) == 0.19655
    assert weighted.component("text").score == 39.31
    assert weighted.component("text").reasons == ("text similarity 0.20",)
    assert weighted.component("skills").score == 39.31
    assert weighted.precise == 43.8914 and weighted.score == 44
    assert uniform.component("text").score == 100.0
    assert uniform.precise == 78.5714 and uniform.score == 79


pytestmark_db = pytest.mark.django_db


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
    assert selectors.scoring_context().corpus is None
    profile = selectors.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    job = selectors.jobs_for_scoring().get(pk=jobs[0].pk)

    result = selectors.match_for_candidate(profile=profile, job=job)

    assert result.component("text").reasons == ("text similarity 0.79",)


@pytestmark_db
def test_production_scores_use_the_refreshed_document_frequencies(
    alice, jobs, django_capture_on_commit_callbacks
):
    """Alice's text "Python developer / Django / Python" against the backend job's:
    with N = 2, idf is 1 for python and services (in both jobs) and 1 + ln 1.5
    for the others, so the shared python (2 × 2) keeps its weight while developer
    (1 × 1) and django (1 × 2) weigh (1 + ln 1.5)² each:
    dot = 4 + 3 × 1.9753 = 9.926, norms √7.9507 and √20.8027, cosine 0.7718
    (0.79 with uniform weights)."""
    with django_capture_on_commit_callbacks(execute=True):
        row = text_corpus_refresh()
    profile = selectors.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    job = selectors.jobs_for_scoring().get(pk=jobs[0].pk)

    result = selectors.match_for_candidate(profile=profile, job=job)

    assert selectors.scoring_context().corpus == CorpusStats(
        doc_count=2, doc_freq=row.doc_freq, avg_len=7.5
    )
    w = (1 + math.log(1.5)) ** 2
    dot, norm_alice, norm_job = 4 + 3 * w, math.sqrt(4 + 2 * w), math.sqrt(5 + 8 * w)
    assert round(dot / (norm_alice * norm_job), 4) == 0.7718
    assert result.component("text").reasons == ("text similarity 0.77",)
    assert result.component("text").score == 100.0  # saturated either way


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
    profile = selectors.profiles_for_scoring().get(pk=alice_profile(alice).pk)
    before = selectors.recommendations_for(profile=profile)
    assert before[0][1].component("text").reasons == ("text similarity 0.79",)

    with django_capture_on_commit_callbacks(execute=True):
        text_corpus_refresh()
    after = selectors.recommendations_for(profile=profile)

    assert [job.pk for job, _ in after] == [job.pk for job, _ in before]
    assert after[0][1].component("text").reasons == ("text similarity 0.77",)
