"""Which rows are worth scoring: bounded pools of jobs for a candidate and of
visible profiles for a job, built from indexed walks so their cost does not
grow with the tables (docs/architecture.md, "Matching at scale")."""

from __future__ import annotations

import datetime
import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from candidates.models import CandidateProfile, Visibility
from candidates.models import CandidateSkill as CandidateSkillRow
from jobs.models import Application, Job, JobStatus
from jobs.models import JobSkill as JobSkillRow
from matching.engine.types import CandidateData, JobData
from matching.skills import get_taxonomy

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


def pool_skill_ids(slugs, *, limit: int) -> list[int]:
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


def newest_per_skill(rows, skill_ids, *, per_skill: int, key: str) -> list[int]:
    """The `key` ids of `rows` (a JobSkill or CandidateSkill queryset, filtered)
    for each skill, the `per_skill` highest ids each: on PostgreSQL one UNION of
    per-skill index walks backward ((skill, job) / (skill, profile) indexes), so
    the work is bounded by skills × per_skill, not by how common a skill is.
    SQLite cannot limit the parts of a UNION: a query per skill there."""
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


def pool_words(title: str) -> list[str]:
    """Up to five content words of a title (the pool's text query)."""
    words = [w.casefold() for w in _POOL_WORD.findall(title or "")]
    return list(dict.fromkeys(w for w in words if w not in _POOL_STOP))[:5]


def text_filter(words: list[str], *, vector: str, document: str) -> Q:
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
    now = now or timezone.now()
    skill_ids = pool_skill_ids([s.slug for s in candidate.skills], limit=POOL_SKILLS)
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
    return newest_per_skill(rows, skill_ids, per_skill=POOL_PER_SKILL, key="job_id")


def _recommendation_text_pool(*, profile, candidate: CandidateData, now):
    """A profile without linked skills: the TEXT_POOL newest jobs (same place,
    recency and not-applied filters) whose search text has a word of the
    headline or latest role title. 1 query."""
    latest = profile.experience.order_by("-start_date").values_list("title", flat=True)[
        :1
    ]
    words = pool_words(f"{profile.headline} {' '.join(latest)}")
    if not words:
        return []
    jobs = Job.objects.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        text_filter(words, vector="search_vector", document="title"),
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


def candidate_pool_for_job(job_data: JobData, *, limit: int = POOL_CAP):
    """Ids of visible (not hidden) profiles sharing a skill with the job, highest
    id first: for each of the job's skills, then their strongest related skills
    (CANDIDATE_POOL_SKILLS in all), the CANDIDATE_POOL_PER_SKILL newest profiles
    with it (CandidateSkill's (skill, profile) index, walked backward): bounded
    whatever the number of profiles; at most `limit`. 1 query on PostgreSQL. A job
    without linked skills gets the newest visible profiles whose search text has a
    word of its title instead."""
    skill_ids = pool_skill_ids(
        [s.slug for s in job_data.skills], limit=CANDIDATE_POOL_SKILLS
    )
    if not skill_ids:
        # a job without linked skills: the newest visible profiles whose search
        # text has a word of the job's title (bounded, 1 query)
        words = pool_words(job_data.title)
        if not words:
            return []
        return list(
            CandidateProfile.objects.exclude(visibility=Visibility.HIDDEN)
            .filter(
                text_filter(words, vector="search_vector", document="search_document")
            )
            .order_by("-id")
            .values_list("id", flat=True)[: min(limit, TEXT_POOL)]
        )
    rows = CandidateSkillRow.objects.exclude(profile__visibility=Visibility.HIDDEN)
    return newest_per_skill(
        rows, skill_ids, per_skill=CANDIDATE_POOL_PER_SKILL, key="profile_id"
    )[:limit]
