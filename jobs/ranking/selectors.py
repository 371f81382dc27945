"""Match scores read from jobs and candidates rows: one pair, a candidate's
recommendations, similar jobs, and the candidates ranked for a job; plus what
the job page and the pipeline board show of them, each in one batch.

Rows become the engine's dataclasses in `jobs.ranking.builders`; the pools of
rows worth scoring come from `jobs.ranking.pools`; the engine scores in
Python, never querying inside its loop.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from jobs.models import Application, Job, JobStatus, Stage
from jobs.models import JobSkill as JobSkillRow
from jobs.ranking.builders import (
    candidate_data_for,
    candidate_data_for_profiles,
    job_data_for,
    job_data_for_ids,
    job_data_for_stamps,
    jobs_for_scoring,
    profile_for_scoring,
    profiles_for_ranking,
    skills_of,
)
from jobs.ranking.pools import (
    candidate_pool_for_job,
    newest_per_skill,
    recommendation_pool_stamps,
)
from jobs.search_cache import search_version
from matching.corpus import corpus_version
from matching.engine import advice as advice_engine
from matching.engine.text import tfidf_cosine
from matching.engine.types import JobData, MatchResult, MatchScore
from matching.providers import get_provider
from matching.selectors import scoring_context
from matching.skills import taxonomy_version

RECOMMENDATIONS_KEPT = 50
SIMILAR_POOL = 300
SIMILAR_SKILLS = 6
SIMILAR_PER_SKILL = 50
SIMILAR_TITLE_WINDOW = 5000
SIMILAR_KEPT = 5
CACHE_SECONDS = 15 * 60
NOT_SCORED_REASON = "not scored at the candidate's request"

# --- one pair ---------------------------------------------------------------


def match_for_candidate(*, profile, job) -> MatchResult:
    """The candidate's own score for a job. Opting out stops scoring *for
    employers*; a candidate still sees their own score."""
    return get_provider().score(
        candidate_data_for(profile), job_data_for(job), scoring_context()
    )


def match_for_employer(*, profile, job) -> MatchResult:
    """A candidate's score as the job's team sees it; raises `OptedOut`."""
    return get_provider().score(
        candidate_data_for(profile),
        job_data_for(job),
        scoring_context(),
        audience="employer",
    )


# --- recommendations --------------------------------------------------------


def jobs_version() -> str:
    return search_version()


def _profile_version(profile) -> str:
    stamp = profile.last_active_at or profile.updated_at
    return f"{profile.pk}:{stamp.timestamp() if stamp else 0}"


def _applied_job_ids(user_id, job_ids) -> set[int]:
    return set(
        Application.objects.filter(
            candidate_id=user_id, job_id__in=list(job_ids)
        ).values_list("job_id", flat=True)
    )


def score_jobs_for_profile(*, profile_id: int, job_ids) -> list[MatchScore]:
    """The candidate's score for each of these jobs, best first: 4 queries
    (the profile, its skills and experience, the jobs' stamps), 2 more for the
    jobs and their skills when this process does not keep them
    (`builders.job_data_for_ids`).
    For callers that pick the jobs themselves (job search sorted by match)."""
    profiles = list(profiles_for_ranking().filter(pk=profile_id))
    if not profiles or not job_ids:
        return []
    (candidate,) = candidate_data_for_profiles(profiles)
    return get_provider().order(candidate, job_data_for_ids(job_ids), scoring_context())


# A recommendation shares words, a skill or an occupation with the candidate: the
# fit factors alone (place, salary, experience) recommend nothing, although the
# pool holds every recent job of sort by match's window.
RELEVANCE = ("text", "skills", "occupation")


def _shares_something(result: MatchResult) -> bool:
    return any(
        component.name in RELEVANCE and component.score > 0
        for component in result.components
    )


def recommendations_for(*, profile, limit: int = 20):
    """[(job, MatchResult)] best first, for the candidate's own profile.

    The pool is `jobs.ranking.pools.recommendation_pool`, read with its jobs'
    stamps (`recommendation_pool_stamps`, for `builders.job_data_for_stamps`);
    a job sharing no words, skill or occupation with the candidate is left out
    (`RELEVANCE`).
    The ranking (ids and results) is cached per candidate under a key holding the
    profile's last change and the jobs version (every job change bumps it); the
    job rows of the page are then read in 2 queries. Applied jobs are filtered again
    on read, so applying shows at once even though applying bumps neither version.
    """
    key = (
        f"ranking:recs:{_profile_version(profile)}:{jobs_version()}:{corpus_version()}"
    )
    results = cache.get(key)
    if results is None:
        candidate = candidate_data_for(profile)
        pool = recommendation_pool_stamps(profile=profile, candidate=candidate)
        results = get_provider().rank(
            candidate,
            job_data_for_stamps(pool),
            scoring_context(),
            limit=RECOMMENDATIONS_KEPT,
        )
        results = [r for r in results if _shares_something(r)]
        cache.set(key, results, CACHE_SECONDS)
    applied = _applied_job_ids(profile.user_id, [r.job_id for r in results])
    results = [r for r in results if r.job_id not in applied][:limit]
    by_id = jobs_for_scoring(Job.objects.published()).in_bulk(
        [r.job_id for r in results]
    )
    return [(by_id[r.job_id], r) for r in results if r.job_id in by_id]


# --- similar jobs -----------------------------------------------------------


def similar_jobs(*, job, limit: int = SIMILAR_KEPT):
    """Published jobs like this one: skill overlap (Jaccard, 70 %) and title text
    (TF-IDF cosine, 30 %); cached per job and jobs version. 3 queries on a miss,
    2 on a hit.

    Bounded whatever the number of jobs: the candidates are the
    SIMILAR_PER_SKILL newest jobs (by id) sharing each of the job's first
    SIMILAR_SKILLS skills; a job without skills looks for its longest title word
    among the SIMILAR_TITLE_WINDOW newest published jobs.
    """
    key = f"ranking:similar:{job.pk}:{jobs_version()}"
    ids = cache.get(key)
    if ids is None:
        own_rows = skills_of(job)
        own = {r.skill_id for r in own_rows}
        if own:
            now = timezone.now()
            rows = JobSkillRow.objects.filter(
                Q(job__expires_at__isnull=True) | Q(job__expires_at__gt=now),
                job__status=JobStatus.PUBLISHED,
            ).exclude(job_id=job.pk)
            skill_ids = list(dict.fromkeys(r.skill_id for r in own_rows))
            pool_ids = newest_per_skill(
                rows,
                skill_ids[:SIMILAR_SKILLS],
                per_skill=SIMILAR_PER_SKILL,
                key="job_id",
            )
        else:
            words = advice_engine.title_key(job.title).split()
            if not words:
                return []
            newest = Job.objects.published().order_by("-published_at", "-id")
            pool_ids = list(
                Job.objects.filter(
                    id__in=newest.values("id")[:SIMILAR_TITLE_WINDOW],
                    title__icontains=max(words, key=len),
                )
                .exclude(pk=job.pk)
                .order_by("-published_at", "-id")
                .values_list("id", flat=True)[:SIMILAR_POOL]
            )
        candidates = list(
            Job.objects.filter(id__in=pool_ids)
            .prefetch_related("job_skills")
            .only("id", "title")
        )
        scored = []
        for other in candidates:
            theirs = {r.skill_id for r in other.job_skills.all()}
            union = own | theirs
            jaccard = len(own & theirs) / len(union) if union else 0.0
            title = tfidf_cosine(job.title, other.title)
            value = 0.7 * jaccard + 0.3 * title
            if value > 0:
                scored.append((-value, other.pk))
        scored.sort()
        ids = [pk for _, pk in scored[:limit]]
        cache.set(key, ids, CACHE_SECONDS)
    by_id = (
        Job.objects.published().select_related("company").in_bulk(ids) if ids else {}
    )
    return [by_id[pk] for pk in ids if pk in by_id]


# --- candidates ranked for a job ----------------------------------------------


@dataclass(frozen=True)
class RankedCandidate:
    profile: object
    score: MatchScore | None  # None: not scored (opted out)
    application: object | None = None
    # the score explained, on the rows `explain_rows` was given
    result: MatchResult | None = None

    @property
    def not_scored_reason(self) -> str:
        return "" if self.score else NOT_SCORED_REASON


class Ranking(list):
    """A job's ranked rows (`RankedCandidate`, best first), and what explaining
    some of them needs (`explain_rows`): the job as scored, the cache key of
    the order and, when this request scored them, the candidates' data by id."""

    def __init__(
        self,
        rows=(),
        *,
        job_data: JobData | None = None,
        key: str = "",
        candidates: dict | None = None,
    ):
        super().__init__(rows)
        self.job_data = job_data
        self.key = key
        self.candidates = candidates or {}


def _ranking_key(job_data: JobData, profiles) -> str:
    """Everything a ranking depends on: the job as scored (its JobData), each
    profile's last change, the provider, the idf table and the taxonomy."""
    provider = get_provider()
    stamps = sorted(
        (
            p.pk,
            p.last_active_at.timestamp() if p.last_active_at else 0,
            p.updated_at.timestamp() if p.updated_at else 0,
        )
        for p in profiles
    )
    blob = repr(
        (
            getattr(provider, "name", type(provider).__name__),
            job_data,
            stamps,
            corpus_version(),
            taxonomy_version(),
        )
    )
    digest = hashlib.sha256(blob.encode()).hexdigest()[:32]
    return f"ranking:order:{job_data.id}:{digest}"


def _rank_rows(
    job, profiles, applications_by_user, *, job_data: JobData | None = None
) -> Ranking:
    """The profiles ranked for the job, opted-out ones last and unscored; the
    rows carry scores, not explanations (`explain_rows` explains the rows a
    page shows).

    The order is cached under a key of what it depends on (`_ranking_key`):
    a repeated ranking skips building the candidates' data (2 queries and most
    of the CPU) and scoring; any change to the job, a profile, the taxonomy or
    the idf table gives a new key.
    """
    if not profiles:  # nobody to score: no job data, taxonomy or idf to read
        return Ranking()
    job_data = job_data or job_data_for(job)
    key = _ranking_key(job_data, profiles)
    order = cache.get(key)
    candidates = ()  # the candidates' data, when this call scores them
    if order is None:
        candidates = candidate_data_for_profiles(profiles)
        order = get_provider().order_candidates(job_data, candidates, scoring_context())
        cache.set(key, order, CACHE_SECONDS)
    by_pk = {p.pk: p for p in profiles}
    rows = [
        RankedCandidate(
            by_pk[s.candidate_id],
            s,
            applications_by_user.get(by_pk[s.candidate_id].user_id),
        )
        for s in order
    ]
    rows.extend(
        RankedCandidate(p, None, applications_by_user.get(p.user_id))
        for p in sorted(profiles, key=lambda p: p.pk)
        if p.opt_out_of_matching
    )
    return Ranking(
        rows, job_data=job_data, key=key, candidates={c.id: c for c in candidates}
    )


def explain_rows(*, ranking: Ranking, rows) -> list[RankedCandidate]:
    """`rows` (some of `ranking`'s, a page) with each scored one's `result`:
    its score explained by the engine, from the same data that scored it.
    Cached under the ranking's key and the rows' candidates; on a miss, the
    candidates' data the ranking was scored from, else 2 queries (their skills
    and experience) whatever the rows."""
    profiles = [row.profile for row in rows if row.score is not None]
    if not profiles:
        return list(rows)
    ids = ",".join(str(p.pk) for p in profiles)
    key = f"{ranking.key}:explained:{hashlib.sha256(ids.encode()).hexdigest()[:16]}"
    results = cache.get(key)
    if results is None:
        kept = ranking.candidates
        if all(p.pk in kept for p in profiles):
            candidates = [kept[p.pk] for p in profiles]
        else:
            candidates = candidate_data_for_profiles(profiles)
        results = get_provider().rank_candidates(
            ranking.job_data, candidates, scoring_context()
        )
        cache.set(key, results, CACHE_SECONDS)
    by_candidate = {r.candidate_id: r for r in results}
    return [
        replace(row, result=by_candidate.get(row.profile.pk)) if row.score else row
        for row in rows
    ]


def ranked_applicants(*, job) -> Ranking:
    """The job's applicants with a profile (withdrawn ones left out), best first;
    those who opted out come last, unscored. 3 queries and the job's skills when
    the ranking is cached, 2 more when it is not, whatever their number."""
    applications = {
        a.candidate_id: a
        for a in Application.objects.filter(job=job).exclude(stage=Stage.WITHDRAWN)
    }
    profiles = list(profiles_for_ranking().filter(user_id__in=list(applications)))
    return _rank_rows(job, profiles, applications)


def ranked_candidates_for_job(*, job, applicants_only: bool = False) -> Ranking:
    """Applicants, or applicants and matching visible profiles, best first.

    Hidden profiles appear only as applicants (the company they applied to may see
    them); candidates who opted out are listed unscored, after the scored ones.
    """
    if applicants_only:
        return ranked_applicants(job=job)
    applications = {
        a.candidate_id: a
        for a in Application.objects.filter(job=job).exclude(stage=Stage.WITHDRAWN)
    }
    job_data = job_data_for(job)
    pool = candidate_pool_for_job(job_data)
    profiles = list(
        profiles_for_ranking().filter(
            Q(id__in=pool) | Q(user_id__in=list(applications))
        )
    )
    return _rank_rows(job, profiles, applications, job_data=job_data)


# --- what pages owned by jobs show ---------------------------------------------


def job_match_panel_for(*, job, user) -> dict:
    """The job page's matching part: the signed-in candidate's "why" panel (their
    own score, even when they opted out of scoring for employers) and similar
    jobs for everyone on a public job.

    2 queries for the job with its skills, 3 for the candidate's profile (with
    skills and experience) and 2 or 3 for similar jobs (cached ids, then the
    rows), whatever the number of skills or similar jobs.
    """
    result = profile = None
    is_candidate = bool(user.is_authenticated and user.is_candidate)
    if is_candidate or job.is_public:
        # The job again with its skills loaded once for scoring and similarity.
        job = jobs_for_scoring().get(pk=job.pk)
    if is_candidate:
        profile = profile_for_scoring(user)
        if profile is not None:
            result = match_for_candidate(profile=profile, job=job)
    return {
        "result": result,
        "is_candidate": is_candidate,
        "has_profile": profile is not None,
        "similar": similar_jobs(job=job) if job.is_public else [],
    }


def applicant_scores_for(*, job) -> dict:
    """{application pk: MatchScore or None} for the job's applicants (the
    pipeline board's scores), from one `ranked_applicants` batch: a fixed number
    of queries whatever the number of applications. None means "not scored" (the
    candidate opted out); an application missing from the dict has no profile."""
    return {
        row.application.pk: row.score
        for row in ranked_applicants(job=job)
        if row.application is not None
    }
