"""Reads of the taxonomy for pages and the API, and the wiring of the engine.

The taxonomy part (skills_search) is low; everything else here sits high (like
analytics): it builds the engine's dataclasses from jobs and candidates rows in one
batch of prefetches, then scores in Python — never a query inside a scoring loop.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from hotgigs.richtext import html_to_text
from matching.corpus import corpus_version, current_corpus
from matching.engine import advice as advice_engine
from matching.engine.linker import link_skills
from matching.engine.occupations import OccupationGuess
from matching.engine.resume import ResumeAnalysis, analyze_resume, profile_suggestions
from matching.engine.scoring import OptedOut
from matching.engine.taxonomy import skill_key
from matching.engine.text import tfidf_cosine
from matching.engine.types import (
    CandidateData,
    CandidateSkill,
    JobData,
    JobSkill,
    MatchResult,
    Salary,
    ScoringContext,
)
from matching.models import Occupation, Skill
from matching.occupations import get_occupation_index, infer_occupation
from matching.providers import get_provider
from matching.skills import get_taxonomy, taxonomy_version


def skills_search(*, query: str = "", category: str = "") -> QuerySet[Skill]:
    """Skills whose name or an alias contains `query` (punctuation-insensitive)."""
    skills = Skill.objects.all()
    if category:
        skills = skills.filter(category=category)
    if query.strip():
        key = skill_key(query)
        condition = Q(name__icontains=query.strip())
        if key:
            condition |= Q(aliases__alias__contains=key)
        skills = skills.filter(condition).distinct()
    return skills.prefetch_related("aliases").order_by("name")


def occupations_search(*, query: str = "", field: str = "") -> QuerySet:
    """Occupations whose title or code contains `query`, by title."""
    occupations = Occupation.objects.all()
    if field:
        occupations = occupations.filter(field=field)
    if query.strip():
        occupations = occupations.filter(
            Q(title__icontains=query.strip()) | Q(code__startswith=query.strip())
        )
    return occupations.order_by("title", "code")


# --- builders ---------------------------------------------------------------

# jobs/candidates say "entry"; the engine's ladder says "junior".
LEVEL_TO_ENGINE = {"entry": "junior", "mid": "mid", "senior": "senior",
                   "lead": "lead", "executive": "executive"}  # fmt: skip
# Candidates with a pool this big are scored; the SQL pre-filter keeps the rest out.
POOL_CAP = 2000
# Recommendations score at most POOL_SKILLS × POOL_PER_SKILL jobs (see
# recommendation_pool): bounded whatever the number of published jobs.
POOL_SKILLS = 10
POOL_PER_SKILL = 40
# Ranking visible profiles for a job: the same bound on the candidates' side.
CANDIDATE_POOL_SKILLS = 8
CANDIDATE_POOL_PER_SKILL = 50
RECENT_DAYS = 60
RECOMMENDATIONS_KEPT = 50
SIMILAR_POOL = 300
SIMILAR_SKILLS = 6
SIMILAR_PER_SKILL = 50
SIMILAR_TITLE_WINDOW = 5000
SIMILAR_KEPT = 5
CACHE_SECONDS = 15 * 60
NOT_SCORED_REASON = "not scored at the candidate's request"


def _job_skill_prefetch():
    from jobs.models import JobSkill as JobSkillRow

    return Prefetch(
        "job_skills",
        queryset=JobSkillRow.objects.select_related("skill").order_by(
            "-is_required", "skill__name"
        ),
        to_attr="scoring_skills",
    )


def _profile_prefetches():
    from candidates.models import CandidateSkill as CandidateSkillRow

    return (
        Prefetch(
            "skills",
            queryset=CandidateSkillRow.objects.select_related("skill").order_by(
                "-level", "name"
            ),
            to_attr="scoring_skills",
        ),
        "experience",
    )


def jobs_for_scoring(queryset=None):
    """Jobs with what `job_data_for` reads: 2 queries whatever their number."""
    from jobs.models import Job

    queryset = Job.objects.all() if queryset is None else queryset
    return queryset.select_related("company").prefetch_related(_job_skill_prefetch())


def profiles_for_scoring(queryset=None):
    """Profiles with what `candidate_data_for` reads: 3 queries in all."""
    from candidates.models import CandidateProfile

    queryset = CandidateProfile.objects.all() if queryset is None else queryset
    return queryset.select_related("user").prefetch_related(*_profile_prefetches())


def _skills_of(obj):
    rows = getattr(obj, "scoring_skills", None)
    if rows is None:  # not loaded through *_for_scoring: one query, callers beware
        # in the prefetches' order, so JobData / CandidateData come out the same
        rows = (
            list(
                obj.job_skills.select_related("skill").order_by(
                    "-is_required", "skill__name"
                )
            )
            if hasattr(obj, "job_skills")
            else list(obj.skills.select_related("skill").order_by("-level", "name"))
        )
    return rows


def job_text(job) -> str:
    names = " ".join(
        [r.skill.name for r in _skills_of(job)] + list(job.other_skills or ())
    )
    return f"{job.title}\n{names}\n{html_to_text(job.description)}"


# What `_job_data` reads of a job row (besides its skills).
JOB_SCORING_FIELDS = ("id", "title", "description", "min_years_experience",
                      "experience_level", "city", "country", "remote_policy",
                      "salary_min_yearly", "salary_max_yearly",
                      "salary_currency", "other_skills")  # fmt: skip


def _job_data(row: dict, skills, *, with_text: bool = True) -> JobData:
    """JobData from a job's JOB_SCORING_FIELDS and its skills as (slug, name,
    is_required, min_years), required first then by name; without its text (and
    without reading the description) when `with_text` is false."""
    salary = None
    low, high = row["salary_min_yearly"], row["salary_max_yearly"]
    if row["salary_currency"] and (low or high):
        salary = Salary(
            float(low) if low else None,
            float(high) if high else None,
            row["salary_currency"],
        )
    # skills the taxonomy did not link count through the text
    names = " ".join(
        [name for _, name, _, _ in skills] + list(row.get("other_skills") or ())
    )
    min_years = row["min_years_experience"]
    return JobData(
        id=row["id"],
        title=row["title"],
        skills=tuple(
            JobSkill(
                slug=slug,
                name=name,
                required=required,
                min_years=float(years) if years else None,
            )
            for slug, name, required, years in skills
        ),
        min_years=float(min_years) if min_years else None,
        level=LEVEL_TO_ENGINE.get(row["experience_level"]),
        city=row["city"],
        country=row["country"],
        remote_policy=row["remote_policy"] or "onsite",
        salary=salary,
        text=f"{row['title']}\n{names}\n{html_to_text(row['description'])}"
        if with_text
        else "",
    )


def job_data_for(job) -> JobData:
    """A job row (loaded by `jobs_for_scoring`) as the engine's `JobData`."""
    return _job_data(
        {"id": job.pk} | {f: getattr(job, f) for f in JOB_SCORING_FIELDS[1:]},
        [
            (r.skill.slug, r.skill.name, r.is_required, r.min_years)
            for r in _skills_of(job)
        ],
    )


def _job_skill_rows(ids) -> dict[int, list]:
    """Skills of these jobs as (slug, name, is_required, min_years), in the order
    `_job_skill_prefetch` gives (required first, then by name)."""
    from jobs.models import JobSkill as JobSkillRow

    skills: dict[int, list] = {}
    for job_id, *skill in (
        JobSkillRow.objects.filter(job_id__in=ids)
        .order_by("job_id", "-is_required", "skill__name")
        .values_list("job_id", "skill__slug", "skill__name", "is_required", "min_years")
    ):
        skills.setdefault(job_id, []).append(skill)
    return skills


def job_data_for_ids(ids) -> list[JobData]:
    """`job_data_for` of many jobs from plain rows: 2 queries and no model
    instances (building 2,000 Job and 8,000 JobSkill objects cost ~10× the
    scoring). Same JobData as `job_data_for`, in no particular order."""
    from jobs.models import Job

    ids = list(ids)
    if not ids:
        return []
    skills = _job_skill_rows(ids)
    return [
        _job_data(row, skills.get(row["id"], ()))
        for row in Job.objects.filter(id__in=ids).order_by().values(*JOB_SCORING_FIELDS)
    ]


def candidate_data_for(profile) -> CandidateData:
    """A profile (loaded by `profiles_for_scoring`) as the engine's `CandidateData`.

    A 0 in years of experience (the field's default) counts as "not given", and
    free-text skills the taxonomy does not know cannot match a job skill, so they
    are left out of the skills (they stay in the text).
    """
    return _candidate_data(
        profile,
        [
            (
                r.skill_id,
                r.skill.slug if r.skill_id is not None else "",
                r.skill.name if r.skill_id is not None else "",
                r.name,
                r.years,
                r.level,
            )
            for r in _skills_of(profile)
        ],
        [(e.title, e.description) for e in profile.experience.all()],
    )


def _candidate_data(profile, skills, experience) -> CandidateData:
    """CandidateData from a profile row, its skills as (skill_id, slug, skill name,
    own name, years, level) by level then name, and its experience as (title,
    description) in the model's order."""
    salary = None
    low, high = profile.desired_salary_min_yearly, profile.desired_salary_max_yearly
    if profile.salary_currency and (low or high):
        salary = Salary(
            float(low) if low else None,
            float(high) if high else None,
            profile.salary_currency,
        )
    text = "\n".join(
        [profile.headline, html_to_text(profile.summary)]
        + [own_name for _, _, _, own_name, _, _ in skills]
        + [f"{title} {description}" for title, description in experience]
    )
    return CandidateData(
        id=profile.pk,
        skills=tuple(
            CandidateSkill(
                slug=slug,
                name=name,
                years=float(years) if years else None,
                level=level,
            )
            for skill_id, slug, name, _, years, level in skills
            if skill_id is not None
        ),
        years_experience=float(profile.years_experience)
        if profile.years_experience
        else None,
        level=LEVEL_TO_ENGINE.get(profile.experience_level),
        city=profile.city,
        country=profile.country,
        remote_preference=profile.remote_preference or "any",
        willing_to_relocate=profile.willing_to_relocate,
        salary=salary,
        text=text,
        opted_out=profile.opt_out_of_matching,
        name=profile.user.full_name if hasattr(profile, "user") else "",
        # the occupation component reads the headline and the latest roles
        titles=tuple(
            t for t in [profile.headline, *(t for t, _ in experience[:2])] if t
        ),
    )


def profiles_for_ranking(queryset=None):
    """Profiles for `candidate_data_for_profiles` and the ranked rows: 1 query."""
    from candidates.models import CandidateProfile

    queryset = CandidateProfile.objects.all() if queryset is None else queryset
    return queryset.select_related("user")


def candidate_data_for_profiles(profiles) -> list[CandidateData]:
    """`candidate_data_for` of many profiles (loaded by `profiles_for_ranking`),
    their skills and experience read as plain rows: 2 queries, and none of the
    ~6 model instances per profile the prefetches build (they cost more than the
    scoring). Same CandidateData, in the profiles' order."""
    from candidates.models import CandidateSkill as CandidateSkillRow
    from candidates.models import WorkExperience

    ids = [p.pk for p in profiles]
    if not ids:
        return []
    skills: dict[int, list] = {}
    for profile_id, *row in (
        CandidateSkillRow.objects.filter(profile_id__in=ids)
        .order_by("profile_id", "-level", "name")
        .values_list(
            "profile_id", "skill_id", "skill__slug", "skill__name", "name", "years",
            "level",
        )
    ):  # fmt: skip
        skills.setdefault(profile_id, []).append(row)
    experience: dict[int, list] = {}
    for profile_id, *row in (
        WorkExperience.objects.filter(profile_id__in=ids)
        .order_by("profile_id", *WorkExperience._meta.ordering)
        .values_list("profile_id", "title", "description")
    ):
        experience.setdefault(profile_id, []).append(row)
    return [
        _candidate_data(p, skills.get(p.pk, ()), experience.get(p.pk, ()))
        for p in profiles
    ]


def scoring_context() -> ScoringContext:
    """The taxonomy's related-skill weights, categories and skill rarities, the
    idf table of published jobs' text (`matching.corpus`; None until it is
    first computed) and the occupation index (None while no occupation is
    loaded: the occupation component is then left out of every score)."""
    taxonomy = get_taxonomy()
    related, categories = taxonomy.scoring_maps()
    occupations = get_occupation_index()
    return ScoringContext(
        related=related,
        categories=categories,
        corpus=current_corpus(),
        rarity=taxonomy.rarity_map(),
        occupations=occupations if len(occupations) else None,
    )


def job_texts_for_corpus(*, limit: int) -> list[str]:
    """The scoring text (`JobData.text`) of the newest `limit` published jobs:
    3 queries (`job_data_for_ids`)."""
    from jobs.models import Job

    ids = list(
        Job.objects.published()
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)[:limit]
    )
    return [job.text for job in job_data_for_ids(ids)]


def profile_for_scoring(user):
    """The user's own profile with scoring prefetches, or None."""
    if not user.is_authenticated:
        return None
    return profiles_for_scoring().filter(user=user).first()


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
    from jobs.search_cache import search_version

    return search_version()


def _pool_skill_ids(slugs, *, limit: int) -> list[int]:
    """Ids of up to `limit` skills to look jobs (or profiles) up by: the given
    skills in their order, then their related skills, strongest link first."""
    taxonomy = get_taxonomy()
    related, _ = taxonomy.scoring_maps()
    wanted = list(dict.fromkeys(slugs))[:limit]
    links = sorted(
        {
            (-weight, other)
            for slug in wanted
            for other, weight in related.get(slug, {}).items()
        }
    )
    for _, other in links:
        if len(wanted) >= limit:
            break
        if other not in wanted:
            wanted.append(other)
    return taxonomy.ids_for(wanted)


def _newest_per_skill(rows, skill_ids, *, per_skill: int, key: str) -> list[int]:
    """The `key` ids of `rows` (a JobSkill or CandidateSkill queryset, filtered)
    for each skill, the `per_skill` highest ids each: on PostgreSQL one UNION of
    per-skill index walks backward ((skill, job) / (skill, profile) indexes), so
    the work is bounded by skills × per_skill, not by how common a skill is.
    SQLite cannot limit the parts of a UNION: a query per skill there."""
    from django.db import connection

    parts = [
        rows.filter(skill_id=skill_id)
        .order_by(f"-{key}")
        .values_list(key, flat=True)[:per_skill]
        for skill_id in skill_ids
    ]
    if not parts:
        return []
    if connection.features.supports_slicing_ordering_in_compound:
        return sorted(set(parts[0].union(*parts[1:])), reverse=True)
    return sorted({pk for part in parts for pk in part}, reverse=True)


# A person or job without linked skills still gets a pool: the newest items whose
# search text has a word of their title (TEXT_POOL of them, bounded like the rest).
TEXT_POOL = POOL_SKILLS * POOL_PER_SKILL
_POOL_WORD = re.compile(r"[^\W\d_]{3,}")
_POOL_STOP_WORDS = """and the for with from into our your you are senior junior lead
    head staff remote hybrid"""
_POOL_STOP = frozenset(_POOL_STOP_WORDS.split())


def _pool_words(title: str) -> list[str]:
    """Up to five content words of a title (the pool's text query)."""
    words = [w.casefold() for w in _POOL_WORD.findall(title or "")]
    return list(dict.fromkeys(w for w in words if w not in _POOL_STOP))[:5]


def _text_filter(words: list[str], *, vector: str, document: str) -> Q:
    """Rows whose search text has any of `words`: the GIN-indexed tsvector on
    PostgreSQL, the plain-text copy (or title) on SQLite."""
    if connection.vendor == "postgresql":
        query = SearchQuery(" | ".join(words), search_type="raw", config="english")
        return Q(**{f"{vector}": query})
    condition = Q()
    for word in words:
        condition |= Q(**{f"{document}__icontains": word})
    return condition


def _recommendation_pool_ids(*, profile, candidate: CandidateData, now=None):
    from jobs.models import Application, JobStatus
    from jobs.models import JobSkill as JobSkillRow

    now = now or timezone.now()
    skill_ids = _pool_skill_ids([s.slug for s in candidate.skills], limit=POOL_SKILLS)
    if not skill_ids:
        return _recommendation_text_pool(profile=profile, candidate=candidate, now=now)
    rows = JobSkillRow.objects.filter(
        Q(job__expires_at__isnull=True) | Q(job__expires_at__gt=now),
        job__status=JobStatus.PUBLISHED,
        job__published_at__gte=now - datetime.timedelta(days=RECENT_DAYS),
    )
    if candidate.country and not candidate.willing_to_relocate:
        rows = rows.filter(
            Q(job__remote_policy="remote")
            | Q(job__country=candidate.country)
            | Q(job__country="")
        )
    if candidate.remote_preference == "remote":
        rows = rows.filter(job__remote_policy__in=["remote", "hybrid"])
    rows = rows.exclude(
        job_id__in=Application.objects.filter(candidate_id=profile.user_id).values(
            "job_id"
        )
    )
    return _newest_per_skill(rows, skill_ids, per_skill=POOL_PER_SKILL, key="job_id")


def _recommendation_text_pool(*, profile, candidate: CandidateData, now):
    """A profile without linked skills: the TEXT_POOL newest jobs (same place,
    recency and not-applied filters) whose search text has a word of the
    headline or latest role title. 1 query."""
    from jobs.models import Application, Job, JobStatus

    latest = profile.experience.order_by("-start_date").values_list("title", flat=True)[
        :1
    ]
    words = _pool_words(f"{profile.headline} {' '.join(latest)}")
    if not words:
        return []
    jobs = Job.objects.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        _text_filter(words, vector="search_vector", document="title"),
        status=JobStatus.PUBLISHED,
        published_at__gte=now - datetime.timedelta(days=RECENT_DAYS),
    )
    if candidate.country and not candidate.willing_to_relocate:
        jobs = jobs.filter(
            Q(remote_policy="remote") | Q(country=candidate.country) | Q(country="")
        )
    if candidate.remote_preference == "remote":
        jobs = jobs.filter(remote_policy__in=["remote", "hybrid"])
    jobs = jobs.exclude(
        id__in=Application.objects.filter(candidate_id=profile.user_id).values("job_id")
    )
    return list(jobs.order_by("-id").values_list("id", flat=True)[:TEXT_POOL])


def recommendation_pool(*, profile, candidate: CandidateData, now=None):
    """Ids of the published recent jobs worth scoring, highest id first: at most
    POOL_SKILLS × POOL_PER_SKILL, whatever the number of jobs.

    For each of the candidate's skills (by level) and then their strongest
    related skills, up to POOL_SKILLS skills, the POOL_PER_SKILL newest jobs
    (by id) with that skill, in a place the candidate can work (remote, their
    country, or anywhere when they relocate), published in the last RECENT_DAYS,
    never a job they applied to. 1 query on PostgreSQL. A profile without linked
    skills gets the TEXT_POOL newest such jobs whose text has a word of its
    headline or latest title instead (never an empty pool when such jobs exist).
    """
    return _recommendation_pool_ids(profile=profile, candidate=candidate, now=now)


def _pool_without_text(*, profile, candidate: CandidateData):
    """(the pool's JobData with empty text, a loader of their full JobData by
    ids): 3 queries in all, whatever the pool's size or the loader's calls.

    The descriptions come with the pool's rows: `rank_top` asks for the text of
    the jobs that can still reach the top in doubling batches, and a query per
    batch made the endpoint's query count grow with the pool. Only the costly
    part, turning HTML into text and tokenising it, stays lazy.
    """
    from jobs.models import Job

    ids = recommendation_pool(profile=profile, candidate=candidate)
    if not ids:
        return [], lambda ids: []
    rows = {
        row["id"]: row
        for row in Job.objects.filter(id__in=ids)
        .order_by("-id")
        .values(*JOB_SCORING_FIELDS)
    }
    skills = _job_skill_rows(list(rows))
    light = [
        _job_data(row, skills.get(pk, ()), with_text=False) for pk, row in rows.items()
    ]

    def full_jobs(ids):
        return [_job_data(rows[pk], skills.get(pk, ())) for pk in ids if pk in rows]

    return light, full_jobs


def _profile_version(profile) -> str:
    stamp = profile.last_active_at or profile.updated_at
    return f"{profile.pk}:{stamp.timestamp() if stamp else 0}"


def _applied_job_ids(user_id, job_ids) -> set[int]:
    from jobs.models import Application

    return set(
        Application.objects.filter(
            candidate_id=user_id, job_id__in=list(job_ids)
        ).values_list("job_id", flat=True)
    )


def score_jobs_for_profile(*, profile_id: int, job_ids) -> list[MatchResult]:
    """The candidate's match with each of these jobs, best first: 5 queries
    (the profile, its skills and experience, the jobs and their skills).
    For callers that pick the jobs themselves (job search sorted by match)."""
    profiles = list(profiles_for_ranking().filter(pk=profile_id))
    if not profiles or not job_ids:
        return []
    (candidate,) = candidate_data_for_profiles(profiles)
    return get_provider().rank(candidate, job_data_for_ids(job_ids), scoring_context())


def recommendations_for(*, profile, limit: int = 20):
    """[(job, MatchResult)] best first, for the candidate's own profile.

    The ranking (ids and results) is cached per candidate under a key holding the
    profile's last change and the jobs version (every job change bumps it); the
    job rows of the page are then read in 2 queries. Applied jobs are filtered again
    on read, so applying shows at once even though applying bumps neither version.
    """
    key = (
        f"matching:recs:{_profile_version(profile)}:{jobs_version()}:{corpus_version()}"
    )
    results = cache.get(key)
    if results is None:
        candidate = candidate_data_for(profile)
        provider = get_provider()
        if hasattr(provider, "rank_top"):
            light, full_jobs = _pool_without_text(profile=profile, candidate=candidate)
            results = provider.rank_top(
                candidate,
                light,
                full_jobs,
                scoring_context(),
                limit=RECOMMENDATIONS_KEPT,
            )
        else:
            pool = recommendation_pool(profile=profile, candidate=candidate)
            results = provider.rank(
                candidate,
                job_data_for_ids(pool),
                scoring_context(),
                limit=RECOMMENDATIONS_KEPT,
            )
        cache.set(key, results, CACHE_SECONDS)
    applied = _applied_job_ids(profile.user_id, [r.job_id for r in results])
    results = [r for r in results if r.job_id not in applied][:limit]
    from jobs.models import Job

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
    from jobs.models import Job, JobStatus
    from jobs.models import JobSkill as JobSkillRow

    key = f"matching:similar:{job.pk}:{jobs_version()}"
    ids = cache.get(key)
    if ids is None:
        own_rows = _skills_of(job)
        own = {r.skill_id for r in own_rows}
        if own:
            now = timezone.now()
            rows = JobSkillRow.objects.filter(
                Q(job__expires_at__isnull=True) | Q(job__expires_at__gt=now),
                job__status=JobStatus.PUBLISHED,
            ).exclude(job_id=job.pk)
            skill_ids = list(dict.fromkeys(r.skill_id for r in own_rows))
            pool_ids = _newest_per_skill(
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
    result: MatchResult | None  # None: not scored (opted out)
    application: object | None = None

    @property
    def not_scored_reason(self) -> str:
        return "" if self.result else NOT_SCORED_REASON


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
    return f"matching:ranked:{job_data.id}:{digest}"


def _rank_rows(
    job, profiles, applications_by_user, *, job_data: JobData | None = None
) -> list[RankedCandidate]:
    """The profiles ranked for the job, opted-out ones last and unscored.

    The scores are cached under a key of what they depend on (`_ranking_key`):
    a repeated ranking skips building the candidates' data (2 queries and most
    of the CPU) and scoring; any change to the job, a profile, the taxonomy or
    the idf table gives a new key.
    """
    if not profiles:  # nobody to score: no job data, taxonomy or idf to read
        return []
    job_data = job_data or job_data_for(job)
    key = _ranking_key(job_data, profiles)
    results = cache.get(key)
    if results is None:
        candidates = candidate_data_for_profiles(profiles)
        results = get_provider().rank_candidates(
            job_data, candidates, scoring_context()
        )
        cache.set(key, results, CACHE_SECONDS)
    by_pk = {p.pk: p for p in profiles}
    rows = [
        RankedCandidate(
            by_pk[r.candidate_id],
            r,
            applications_by_user.get(by_pk[r.candidate_id].user_id),
        )
        for r in results
    ]
    rows.extend(
        RankedCandidate(p, None, applications_by_user.get(p.user_id))
        for p in sorted(profiles, key=lambda p: p.pk)
        if p.opt_out_of_matching
    )
    return rows


def ranked_applicants(*, job) -> list[RankedCandidate]:
    """The job's applicants with a profile (withdrawn ones left out), best first;
    those who opted out come last, unscored. 3 queries and the job's skills when
    the ranking is cached, 2 more when it is not, whatever their number."""
    from jobs.models import Application, Stage

    applications = {
        a.candidate_id: a
        for a in Application.objects.filter(job=job).exclude(stage=Stage.WITHDRAWN)
    }
    profiles = list(profiles_for_ranking().filter(user_id__in=list(applications)))
    return _rank_rows(job, profiles, applications)


def candidate_pool_for_job(job_data: JobData, *, limit: int = POOL_CAP):
    """Ids of visible (not hidden) profiles sharing a skill with the job, highest
    id first: for each of the job's skills, then their strongest related skills
    (CANDIDATE_POOL_SKILLS in all), the CANDIDATE_POOL_PER_SKILL newest profiles
    with it (CandidateSkill's (skill, profile) index, walked backward): bounded
    whatever the number of profiles; at most `limit`. 1 query on PostgreSQL. A job
    without linked skills gets the newest visible profiles whose search text has a
    word of its title instead."""
    from candidates.models import CandidateSkill as CandidateSkillRow
    from candidates.models import Visibility

    skill_ids = _pool_skill_ids(
        [s.slug for s in job_data.skills], limit=CANDIDATE_POOL_SKILLS
    )
    if not skill_ids:
        # a job without linked skills: the newest visible profiles whose search
        # text has a word of the job's title (bounded, 1 query)
        from candidates.models import CandidateProfile

        words = _pool_words(job_data.title)
        if not words:
            return []
        return list(
            CandidateProfile.objects.exclude(visibility=Visibility.HIDDEN)
            .filter(
                _text_filter(words, vector="search_vector", document="search_document")
            )
            .order_by("-id")
            .values_list("id", flat=True)[: min(limit, TEXT_POOL)]
        )
    rows = CandidateSkillRow.objects.exclude(profile__visibility=Visibility.HIDDEN)
    return _newest_per_skill(
        rows, skill_ids, per_skill=CANDIDATE_POOL_PER_SKILL, key="profile_id"
    )[:limit]


def ranked_candidates_for_job(*, job, applicants_only: bool = False):
    """Applicants, or applicants and matching visible profiles, best first.

    Hidden profiles appear only as applicants (the company they applied to may see
    them); candidates who opted out are listed unscored, after the scored ones.
    """
    if applicants_only:
        return ranked_applicants(job=job)
    from jobs.models import Application, Stage

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


# --- resume analysis ----------------------------------------------------------


def resume_analysis_for(*, document, job=None) -> ResumeAnalysis:
    """The analysis of a document's text. Phone numbers are read in the resume's
    own country; failing that, in the owner's profile country."""
    from candidates.models import CandidateProfile

    job_skills = [r.skill.name for r in _skills_of(job)] if job is not None else []
    country = (
        CandidateProfile.objects.filter(user_id=document.owner_id)
        .values_list("country", flat=True)
        .first()
    )
    return analyze_resume(
        document.extracted_text,
        taxonomy=get_taxonomy(),
        job_skills=job_skills,
        region=country or "",
    )


def profile_proposal_for(*, analysis: ResumeAnalysis, profile) -> dict:
    """What "Fill my profile from this resume" would change (nothing written)."""
    current = {
        "headline": profile.headline if profile else "",
        "skills": [r.name for r in _skills_of(profile)] if profile else [],
        "years_experience": profile.years_experience if profile else None,
        "experience": [(e.title, e.employer_name) for e in profile.experience.all()]
        if profile
        else [],
        "education": [(e.degree, e.school) for e in profile.education.all()]
        if profile
        else [],
        "city": profile.city if profile else "",
        "country": profile.country if profile else "",
    }
    return profile_suggestions(analysis, current)


TARGET_JOB_LIMIT = 10


def target_jobs_for(*, query: str, limit: int = TARGET_JOB_LIMIT) -> list:
    """Published jobs whose title holds every word of `query`, newest first: the
    choices of the resume-analysis page's "target job" search box."""
    from jobs.models import Job

    words = [w for w in query.split() if w][:6]
    if not words:
        return []
    qs = Job.objects.published().select_related("company")
    for word in words:
        qs = qs.filter(title__icontains=word)
    return list(qs.order_by("-published_at", "-id")[:limit])


# --- job-posting advice -------------------------------------------------------

ADVICE_POOL = 2000


def _midpoint(low, high):
    values = [v for v in (low, high) if v]
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class AdviceResult:
    advice: advice_engine.JobAdvice
    salary_basis: str  # which comparables the band came from
    salary_currency: str
    comparable_jobs: int
    candidates_scored: int
    comparable_by_occupation: int = 0  # of comparable_jobs: same occupation only
    occupation: OccupationGuess | None = None  # inferred from the draft's title


def job_advice_for(*, draft: dict, exclude_job_id: int | None = None) -> AdviceResult:
    """Advice for a draft (keys of `matching.engine.advice.job_advice`, plus
    salary_currency, salary_period, min_years and skill names).

    Comparable jobs are published jobs whose title has the same normalised words
    (`title_key`), and those whose title infers the same occupation as the
    draft's (`matching.occupations`: "Line Cook" and "Restaurant Cook"), read from
    the newest ADVICE_POOL jobs sharing a title word. The salary band uses their
    yearly midpoints in the draft's currency (or the most common one), narrowing
    by level and country first and widening when fewer than MIN_SAMPLE remain;
    `salary_basis` says which.
    """
    from jobs.models import Job

    key = advice_engine.title_key(draft.get("title", ""))
    words = key.split()
    comparables = []
    guesses = infer_occupation(draft.get("title", ""), limit=1) if words else []
    occupation = guesses[0] if guesses else None
    by_occupation = 0
    if words:
        any_word = Q()
        for word in words:
            any_word |= Q(title__icontains=word)
        qs = Job.objects.published().filter(any_word)
        if exclude_job_id:
            qs = qs.exclude(pk=exclude_job_id)
        rows = list(jobs_for_scoring(qs).order_by("-published_at", "-id")[:ADVICE_POOL])
        index = get_occupation_index() if occupation else None
        for job in rows:
            if advice_engine.title_key(job.title) == key:
                comparables.append(job)
            elif index is not None:
                found = index.infer(job.title, limit=1)
                if found and found[0].code == occupation.code:
                    comparables.append(job)
                    by_occupation += 1
    cooccurrence: dict[str, int] = {}
    for job in comparables:
        for row in _skills_of(job):
            cooccurrence[row.skill.name] = cooccurrence.get(row.skill.name, 0) + 1

    currency = (draft.get("salary_currency") or "").upper()
    if not currency:
        counts: dict[str, int] = {}
        for job in comparables:
            if job.salary_currency:
                counts[job.salary_currency] = counts.get(job.salary_currency, 0) + 1
        currency = min(counts, key=lambda c: (-counts[c], c)) if counts else ""
    paid = [
        j
        for j in comparables
        if j.salary_currency == currency
        and _midpoint(j.salary_min_yearly, j.salary_max_yearly) is not None
    ]
    level, country = draft.get("level") or "", (draft.get("country") or "").upper()
    tiers = [
        ("same title, level and country", lambda j: (
            j.experience_level == level and j.country == country)),
        ("same title and country", lambda j: j.country == country),
        ("same title and level", lambda j: j.experience_level == level),
        ("same title", lambda j: True),
    ]  # fmt: skip
    salaries, basis = [], "no comparable published jobs with a salary"
    for label, keep in tiers:
        if "level" in label and not level or "country" in label and not country:
            continue
        chosen = [
            _midpoint(j.salary_min_yearly, j.salary_max_yearly) for j in paid if keep(j)
        ]
        if len(chosen) >= advice_engine.MIN_SAMPLE:
            salaries, basis = chosen, label
            break

    job_data = draft_job_data(draft)
    pool = candidate_pool_for_job(job_data)
    candidates = candidate_data_for_profiles(
        list(profiles_for_ranking().filter(id__in=pool))
    )
    results = get_provider().rank_candidates(job_data, candidates, scoring_context())
    advice = advice_engine.job_advice(
        draft,
        cooccurrence={key: cooccurrence},
        job_counts={key: len(comparables)},
        comparable_salaries=salaries,
        candidate_scores=[r.score for r in results],
    )
    return AdviceResult(
        advice=advice,
        salary_basis=basis,
        salary_currency=currency,
        comparable_jobs=len(comparables),
        candidates_scored=len(results),
        comparable_by_occupation=by_occupation,
        occupation=occupation,
    )


def draft_job_data(draft: dict) -> JobData:
    """A draft payload as `JobData` (skills resolved through the taxonomy)."""
    from jobs.models import yearly as jobs_yearly

    taxonomy = get_taxonomy()
    skills, other = [], []
    for link in link_skills(
        draft.get("skills") or (), taxonomy, context=draft.get("title", "")
    ):
        if link.skill is None:
            other.append(link.text)  # kept: read through the text
        elif link.skill.slug not in {s.slug for s in skills}:
            skills.append(JobSkill(slug=link.skill.slug, name=link.skill.name))
    period = draft.get("salary_period") or "year"
    low = jobs_yearly(draft.get("salary_min"), period)
    high = jobs_yearly(draft.get("salary_max"), period)
    currency = (draft.get("salary_currency") or "").upper()
    return JobData(
        id=0,
        title=draft.get("title", ""),
        skills=tuple(skills),
        min_years=float(draft["min_years"]) if draft.get("min_years") else None,
        level=LEVEL_TO_ENGINE.get(draft.get("level") or ""),
        city=draft.get("city") or "",
        country=(draft.get("country") or "").upper(),
        remote_policy=draft.get("remote_policy") or "onsite",
        salary=Salary(low, high, currency) if currency and (low or high) else None,
        text=f"{draft.get('title', '')}\n{' '.join(other)}\n"
        f"{html_to_text(draft.get('description'))}",
    )


def draft_from_job(job) -> dict:
    """The advice payload of a saved job (loaded by `jobs_for_scoring`)."""
    return {
        "title": job.title,
        "description": html_to_text(job.description),
        "skills": [r.skill.name for r in _skills_of(job)],
        "level": job.experience_level,
        "min_years": job.min_years_experience,
        "city": job.city,
        "country": job.country,
        "remote_policy": job.remote_policy,
        "salary_min": job.salary_min,
        "salary_max": job.salary_max,
        "salary_currency": job.salary_currency,
        "salary_period": job.salary_period,
    }


__all__ = ["OptedOut"]
