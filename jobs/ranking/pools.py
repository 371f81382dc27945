"""Which rows are worth scoring: bounded pools of jobs for a candidate and of
visible profiles for a job (docs/architecture.md, "Matching at scale").

A pool is the UNION of parts that each walk an index for their newest rows, so
its size and cost do not grow with the tables:

- skills: for each linked skill (then its strongest related skills), the newest
  rows with it (the JobSkill / CandidateSkill `(skill, …)` indexes);
- text: the newest rows whose search text has a word of the person's headline
  or latest title, or of the job's title (the GIN-indexed tsvector);
- occupation: the newest rows whose search text has a word of the occupation
  inferred from those titles (its own title and the words most common among
  its alternative titles), so "Chef de Partie" finds a line cook;
- for recommendations, the window job search sorted by match re-ranks without
  keywords (`MATCH_WINDOW` newest jobs): "Recommended for you" never misses a
  job that sort=match shows.

On PostgreSQL the whole pool is one statement; SQLite cannot limit the parts of
a UNION and runs a query per part.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from candidates.models import CandidateProfile, Visibility
from candidates.models import CandidateSkill as CandidateSkillRow
from jobs.models import Application, Job, JobStatus
from jobs.models import JobSkill as JobSkillRow
from matching.engine.types import CandidateData, JobData
from matching.occupations import get_occupation_index
from matching.skills import get_taxonomy

# Candidates with a pool this big are scored; the SQL pre-filter keeps the rest out.
POOL_CAP = 2000
# Recommendations: at most POOL_SKILLS × POOL_PER_SKILL jobs by skill.
POOL_SKILLS = 10
POOL_PER_SKILL = 40
# Ranking visible profiles for a job: the same bound on the candidates' side.
CANDIDATE_POOL_SKILLS = 8
CANDIDATE_POOL_PER_SKILL = 50
# The text and occupation parts, on either side.
TEXT_POOL = 200
OCCUPATION_POOL = 100
OCCUPATION_WORDS = 8
RECENT_DAYS = 60
# Job search sorted by match re-ranks this many jobs of a search (the best by
# relevance with keywords, else the newest: `jobs.search_match`); without
# keywords that window is `default_match_window`, which recommendations score
# too.
MATCH_WINDOW = 300


def recommendation_pool_bound() -> int:
    """The most jobs `recommendation_pool` returns, whatever the table size."""
    return POOL_SKILLS * POOL_PER_SKILL + TEXT_POOL + OCCUPATION_POOL + MATCH_WINDOW


def candidate_pool_bound() -> int:
    """The most profiles `candidate_pool_for_job` returns (before its limit)."""
    return (
        CANDIDATE_POOL_SKILLS * CANDIDATE_POOL_PER_SKILL + TEXT_POOL + OCCUPATION_POOL
    )


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


def _union_rows(parts: list[QuerySet]) -> set:
    """Every row of `parts` (ordered, sliced querysets of the same columns):
    one UNION on PostgreSQL, a query per part on SQLite."""
    if not parts:
        return set()
    if connection.features.supports_slicing_ordering_in_compound:
        return set(parts[0].union(*parts[1:]))
    return {row for part in parts for row in part}


def _union_ids(parts: list[QuerySet]) -> list[int]:
    """Every id of `parts` (each of one id column), highest first."""
    return sorted(_union_rows(parts), reverse=True)


def _per_skill_parts(
    rows, skill_ids, *, per_skill: int, key: str, columns: tuple = ()
) -> list[QuerySet]:
    """Per skill, the `per_skill` highest `key`s of `rows` (with `columns`
    beside each, if any)."""
    return [
        rows.filter(skill_id=skill_id)
        .order_by(f"-{key}")
        .values_list(key, *columns, flat=not columns)[:per_skill]
        for skill_id in skill_ids
    ]


def newest_per_skill(rows, skill_ids, *, per_skill: int, key: str) -> list[int]:
    """The `key` ids of `rows` (a JobSkill or CandidateSkill queryset, filtered)
    for each skill, the `per_skill` highest ids each: on PostgreSQL one UNION of
    per-skill index walks backward ((skill, job) / (skill, profile) indexes), so
    the work is bounded by skills × per_skill, not by how common a skill is.
    SQLite cannot limit the parts of a UNION: a query per skill there."""
    return _union_ids(_per_skill_parts(rows, skill_ids, per_skill=per_skill, key=key))


_POOL_WORD = re.compile(r"[^\W\d_]{3,}")
_POOL_STOP_WORDS = """and the for with from into our your you are senior junior lead
    head staff remote hybrid"""
_POOL_STOP = frozenset(_POOL_STOP_WORDS.split())


def _title_words(title: str) -> list[str]:
    words = [w.casefold() for w in _POOL_WORD.findall(title or "")]
    return list(dict.fromkeys(w for w in words if w not in _POOL_STOP))


def pool_words(title: str) -> list[str]:
    """Up to five content words of a title (the text part's query)."""
    return _title_words(title)[:5]


def occupation_words(titles: Iterable[str]) -> list[str]:
    """The words of the occupation inferred from the first of `titles` that
    gives one: its own title's words, then the words most common among its
    alternative titles (in two or more of them), OCCUPATION_WORDS in all; none
    while no occupation is loaded or none is inferred. No query: the
    per-process occupation index (`matching.occupations`)."""
    index = get_occupation_index()
    if not len(index):
        return []
    for title in titles:
        guesses = index.guesses(title, 1)
        if guesses:
            break
    else:
        return []
    entry = index.get(guesses[0].code)
    words = _title_words(entry.title)
    common = Counter(w for alt in entry.titles for w in set(_title_words(alt)))
    words += [
        w
        for w, n in sorted(common.items(), key=lambda item: (-item[1], item[0]))
        if n >= 2 and w not in words
    ]
    return words[:OCCUPATION_WORDS]


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


# --- jobs for a candidate -------------------------------------------------------


def _workable(candidate: CandidateData, *, via: str = "") -> Q:
    """Jobs in a place the candidate can work: remote, their country, or anywhere
    when they relocate; only remote or hybrid ones when they want remote."""
    condition = Q()
    if candidate.country and not candidate.willing_to_relocate:
        condition &= (
            Q(**{f"{via}remote_policy": "remote"})
            | Q(**{f"{via}country": candidate.country})
            | Q(**{f"{via}country": ""})
        )
    if candidate.remote_preference == "remote":
        condition &= Q(**{f"{via}remote_policy__in": ["remote", "hybrid"]})
    return condition


def _open_jobs(*, profile, candidate: CandidateData, now) -> QuerySet:
    """Published, unexpired jobs of the last RECENT_DAYS in a place the
    candidate can work, never one they applied to."""
    return (
        Job.objects.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            _workable(candidate),
            status=JobStatus.PUBLISHED,
            published_at__gte=now - datetime.timedelta(days=RECENT_DAYS),
        )
        .exclude(
            id__in=Application.objects.filter(candidate_id=profile.user_id).values(
                "job_id"
            )
        )
        .order_by()
    )


def _job_skill_parts(*, profile, candidate: CandidateData, now) -> list[QuerySet]:
    skill_ids = pool_skill_ids([s.slug for s in candidate.skills], limit=POOL_SKILLS)
    if not skill_ids:
        return []
    rows = JobSkillRow.objects.filter(
        Q(job__expires_at__isnull=True) | Q(job__expires_at__gt=now),
        _workable(candidate, via="job__"),
        job__status=JobStatus.PUBLISHED,
        job__published_at__gte=now - datetime.timedelta(days=RECENT_DAYS),
    ).exclude(
        job_id__in=Application.objects.filter(candidate_id=profile.user_id).values(
            "job_id"
        )
    )
    return _per_skill_parts(
        rows,
        skill_ids,
        per_skill=POOL_PER_SKILL,
        key="job_id",
        columns=("job__updated_at",),
    )


def default_match_window() -> QuerySet:
    """Ids of the jobs job search sorted by match re-ranks without keywords or
    filters: the MATCH_WINDOW newest public jobs, newest first (the order of
    `jobs.search`'s window)."""
    return (
        Job.objects.published()
        .order_by("-published_at", "-id")
        .values_list("id", flat=True)[:MATCH_WINDOW]
    )


def recommendation_pool(*, profile, candidate: CandidateData, now=None) -> list[int]:
    """Ids of the published recent jobs worth scoring for the candidate, highest
    id first, at most `recommendation_pool_bound()` whatever the number of jobs
    (`recommendation_pool_stamps`, which says which parts it has)."""
    stamps = recommendation_pool_stamps(profile=profile, candidate=candidate, now=now)
    return sorted(stamps, reverse=True)


def recommendation_pool_stamps(
    *, profile, candidate: CandidateData, now=None
) -> dict[int, datetime.datetime]:
    """The jobs of `recommendation_pool`, each with its `updated_at` read by the
    same statement: the stamps `builders.job_data_for_stamps` checks the jobs
    this process keeps against, without a query of its own.

    Every part keeps to the jobs the candidate can take: published in the last
    RECENT_DAYS, not expired, in a place they can work (remote, their country,
    or anywhere when they relocate), never a job they applied to. The parts:

    - for each of the candidate's skills (by level) and then their strongest
      related skills, up to POOL_SKILLS skills, the POOL_PER_SKILL newest jobs
      (by id) with that skill;
    - the TEXT_POOL newest jobs whose search text has a word of the headline
      or latest role title;
    - the OCCUPATION_POOL newest jobs whose search text has a word of the
      occupation inferred from those titles (`occupation_words`);
    - the MATCH_WINDOW newest such jobs, which hold every one of sort by
      match's default window (`default_match_window`) the candidate can take.

    1 query on PostgreSQL; on SQLite one per skill and one per other part.
    """
    now = now or timezone.now()
    parts = _job_skill_parts(profile=profile, candidate=candidate, now=now)
    jobs = _open_jobs(profile=profile, candidate=candidate, now=now)
    in_title = {"vector": "search_vector", "document": "title"}
    titles = candidate.titles[:2]  # the headline and the latest role
    for words, size in (
        (pool_words(" ".join(titles)), TEXT_POOL),
        (occupation_words(titles), OCCUPATION_POOL),
    ):
        if words and size:
            parts.append(
                jobs.filter(text_filter(words, **in_title))
                .order_by("-id")
                .values_list("id", "updated_at")[:size]
            )
    if MATCH_WINDOW:
        parts.append(
            jobs.order_by("-published_at", "-id").values_list("id", "updated_at")[
                :MATCH_WINDOW
            ]
        )
    return dict(_union_rows(parts))


# --- profiles for a job -----------------------------------------------------------


def candidate_pool_for_job(job_data: JobData, *, limit: int = POOL_CAP) -> list[int]:
    """Ids of visible (not hidden) profiles worth scoring for the job, highest id
    first, at most `limit` (and `candidate_pool_bound()` whatever the number of
    profiles). The parts:

    - for each of the job's skills, then their strongest related skills
      (CANDIDATE_POOL_SKILLS in all), the CANDIDATE_POOL_PER_SKILL newest
      profiles with it (CandidateSkill's (skill, profile) index, walked
      backward);
    - the TEXT_POOL newest profiles whose search text has a word of the job's
      title;
    - the OCCUPATION_POOL newest profiles whose search text has a word of the
      occupation inferred from the job's title.

    1 query on PostgreSQL; on SQLite one per skill and one per other part.
    """
    skill_ids = pool_skill_ids(
        [s.slug for s in job_data.skills], limit=CANDIDATE_POOL_SKILLS
    )
    rows = CandidateSkillRow.objects.exclude(profile__visibility=Visibility.HIDDEN)
    parts = _per_skill_parts(
        rows, skill_ids, per_skill=CANDIDATE_POOL_PER_SKILL, key="profile_id"
    )
    profiles = CandidateProfile.objects.exclude(visibility=Visibility.HIDDEN)
    for words, size in (
        (pool_words(job_data.title), TEXT_POOL),
        (occupation_words([job_data.title]), OCCUPATION_POOL),
    ):
        if words and size:
            parts.append(
                profiles.filter(
                    text_filter(
                        words, vector="search_vector", document="search_document"
                    )
                )
                .order_by("-id")
                .values_list("id", flat=True)[:size]
            )
    return _union_ids(parts)[:limit]
