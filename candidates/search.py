"""Candidate search: PostgreSQL full-text with a SQLite fallback, cached by version.

hotgigs/search.py (shared helpers) did not exist when this was written, so the few
helpers needed live here; they follow the same shape as job search.

A search turns validated parameters into an ordered list of profile ids (at most
``MAX_RESULTS``), cached under a version key that every profile change bumps.
Pages and the API paginate over that list, then load one page of profiles with a
fixed number of queries.

At scale (PostgreSQL) the plan follows the selectivity, as in job search: few
estimated matches are collected by bitmap scans then sorted, many are found by
walking the activity index (``_fenced``, ``hotgigs.search.top_ids``).
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce

from candidates.models import (
    PERIODS_PER_YEAR,
    Availability,
    CandidateProfile,
    CandidateSkill,
)
from hotgigs import search as fts
from matching.models import Skill

MAX_RESULTS = 1000
# Full-text matches ranked at most: the most recently active N matches are ranked,
# so a common word does not make PostgreSQL rank every row.
RANK_WINDOW = 5000
CACHE_TIMEOUT = 300
VERSION_KEY = "candidates:search:version"


class Sort:
    RELEVANCE = "relevance"
    RECENT = "recent"
    EXPERIENCE = "experience"
    choices = [
        (RELEVANCE, "Relevance"),
        (RECENT, "Recently active"),
        (EXPERIENCE, "Most experience"),
    ]


@dataclass(frozen=True)
class CandidateSearchParams:
    q: str = ""
    skills: tuple[str, ...] = ()  # skill slugs
    skills_mode: str = "all"  # all | any
    city: str = ""
    country: str = ""
    remote: tuple[str, ...] = ()
    years_min: int | None = None
    years_max: int | None = None
    levels: tuple[str, ...] = ()
    budget_min: int | None = None
    budget_max: int | None = None
    budget_period: str = "year"
    availability: tuple[str, ...] = ()
    available_before: date | None = None
    willing_to_relocate: bool | None = None
    sort: str = Sort.RELEVANCE
    extra: dict = field(default_factory=dict, compare=False)

    def cache_key(self, version):
        data = asdict(self)
        data.pop("extra")
        raw = json.dumps(data, sort_keys=True, default=str)
        digest = hashlib.sha256(raw.encode()).hexdigest()
        return f"candidates:search:{version}:{digest}"


def search_version() -> str:
    return fts.cache_version(VERSION_KEY)


def bump_search_version() -> None:
    """Called by every service that changes what a search can return."""
    fts.bump_cache_version(VERSION_KEY)


def filtered_profiles(params: CandidateSearchParams):
    """The filter part of a search (no text, no order): searchable profiles only."""
    qs = CandidateProfile.objects.searchable()
    if params.skills:
        # Skill ids first (one small query), so the planner sees constants and
        # its statistics of each skill's frequency: through a join on the slug
        # it guessed 500 holders of a skill 70,000 profiles have, and at
        # 200,000 profiles chose a plan that grouped them all (300 ms).
        slugs = list(dict.fromkeys(params.skills))
        ids = list(Skill.objects.filter(slug__in=slugs).values_list("id", flat=True))
        if params.skills_mode == "any":
            qs = qs.filter(
                Exists(
                    CandidateSkill.objects.filter(
                        profile=OuterRef("pk"), skill_id__in=ids
                    )
                )
            )
        elif len(ids) < len(slugs):
            return qs.none()  # all of them, and one is not a skill
        else:
            for skill_id in ids:
                qs = qs.filter(
                    Exists(
                        CandidateSkill.objects.filter(
                            profile=OuterRef("pk"), skill_id=skill_id
                        )
                    )
                )
    if params.city:
        qs = qs.filter(city__iexact=params.city)
    if params.country:
        # Stored upper-case (candidates.services._normalise): an exact match
        # uses candidate_location_idx and the column's statistics, which
        # UPPER(country) hid from the planner (it guessed 1,000 of 50,000).
        qs = qs.filter(country=params.country.strip().upper())
    if params.remote:
        qs = qs.filter(remote_preference__in=params.remote)
    if params.years_min is not None:
        qs = qs.filter(years_experience__gte=params.years_min)
    if params.years_max is not None:
        qs = qs.filter(years_experience__lte=params.years_max)
    if params.levels:
        qs = qs.filter(experience_level__in=params.levels)
    if params.budget_min is not None or params.budget_max is not None:
        factor = PERIODS_PER_YEAR.get(params.budget_period, 1)
        # A profile without a desired salary has nothing to overlap: left out.
        qs = qs.filter(
            Q(desired_salary_min_yearly__isnull=False)
            | Q(desired_salary_max_yearly__isnull=False)
        )
        if params.budget_max is not None:
            qs = qs.filter(
                Q(desired_salary_min_yearly__isnull=True)
                | Q(desired_salary_min_yearly__lte=params.budget_max * factor)
            )
        if params.budget_min is not None:
            qs = qs.annotate(
                _top=Coalesce("desired_salary_max_yearly", "desired_salary_min_yearly")
            ).filter(_top__gte=params.budget_min * factor)
    if params.availability:
        qs = qs.filter(availability__in=params.availability)
    if params.available_before is not None:
        qs = qs.exclude(availability=Availability.NOT_LOOKING).filter(
            Q(available_from__isnull=True)
            | Q(available_from__lte=params.available_before)
        )
    if params.willing_to_relocate is not None:
        qs = qs.filter(willing_to_relocate=params.willing_to_relocate)
    return qs


def _text_filter(qs, q):
    if fts.uses_postgres_search():
        query = SearchQuery(q, search_type="websearch", config="english")
        return qs.filter(search_vector=query), query
    for word in q.split():
        word = word.strip("\"'-+")
        if word and word.lower() != "or":
            qs = qs.filter(search_document__icontains=word)
    return qs, None


def _fenced(params: CandidateSearchParams, qs, *, limit: int) -> bool:
    """Collect every match before sorting? Only when the planner expects few.

    Same rule as job search (``hotgigs.search.top_ids``): a rare match set is
    found by bitmap scans, a common one by walking the activity index.
    """
    if not fts.uses_postgres_search():
        return False
    unfiltered = CandidateSearchParams(sort=params.sort)
    if replace(params, extra={}) == unfiltered:
        return False
    return fts.prefer_fenced(qs, limit=limit)


def _ordered_ids(qs, order, limit, *, fenced) -> list[int]:
    if fenced:
        qs = CandidateProfile.objects.filter(
            pk__in=fts.top_ids(qs, list(order), limit, fenced=True)
        )
    return list(qs.order_by(*order).values_list("id", flat=True)[:limit])


def _ranked_walk(qs) -> list[int]:
    """The ``MAX_RESULTS`` best of the ``RANK_WINDOW`` most recently active
    matches of ``qs`` (annotated with ``rank``), in ONE scan: the activity
    index is walked, each row's rank computed as it passes, and the window
    sorted by rank. (Reading the window's ids first and ranking them in a
    second pass probed the primary key 5,000 times: 78 ms instead of ~40 at
    200,000 profiles.)"""
    walk = qs.order_by("-last_active_at", "-id").values("id", "last_active_at", "rank")
    try:
        sql, params = walk[:RANK_WINDOW].query.sql_with_params()
    except EmptyResultSet:  # nothing can match (an unknown skill)
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(
            f"SELECT w.id FROM ({sql}) AS w "  # noqa: S608 - the ORM's own SQL
            "ORDER BY w.rank DESC, w.last_active_at DESC, w.id DESC "
            f"LIMIT {int(MAX_RESULTS)}",
            params,
        )
        return [row[0] for row in cursor.fetchall()]


def _run(params: CandidateSearchParams) -> list[int]:
    qs = filtered_profiles(params)
    q = params.q.strip()
    query = None
    if q:
        qs, query = _text_filter(qs, q)
    ranked = params.sort == Sort.RELEVANCE and query is not None
    fenced = _fenced(params, qs, limit=RANK_WINDOW if ranked else MAX_RESULTS)
    if params.sort == Sort.EXPERIENCE:
        order = ("-years_experience", "-last_active_at", "-id")
        return _ordered_ids(qs, order, MAX_RESULTS, fenced=fenced)
    if ranked:
        # normalization 32: rank / (rank + 1), bounded to [0, 1).
        rank = SearchRank(F("search_vector"), query, normalization=32)
        if not fenced:
            return _ranked_walk(qs.annotate(rank=rank))
        window = fts.top_ids(qs, ["-last_active_at", "-id"], RANK_WINDOW, fenced=True)
        ranked = (
            CandidateProfile.objects.filter(pk__in=window)
            .annotate(rank=rank)
            .order_by("-rank", "-last_active_at", "-id")
        )
        return list(ranked.values_list("id", flat=True)[:MAX_RESULTS])
    return _ordered_ids(qs, ("-last_active_at", "-id"), MAX_RESULTS, fenced=fenced)


def search_candidate_ids(params: CandidateSearchParams) -> list[int]:
    """Ordered ids of the matching profiles, from the cache when it is fresh."""
    key = params.cache_key(search_version())
    ids = cache.get(key)
    if ids is None:
        ids = _run(params)
        cache.set(key, ids, getattr(settings, "CANDIDATE_SEARCH_CACHE", CACHE_TIMEOUT))
    return ids


def cached_page(params: CandidateSearchParams, offset: int, size: int, build):
    """One page of a search as plain data (``build()`` makes it on a miss), cached
    like the id list under the search version: a repeated search runs no query.

    Only for data that does not depend on who asks (the list serializer's
    fields); profile changes, visibility changes and erasure bump the version.
    """
    key = f"{params.cache_key(search_version())}:page:{offset}:{size}"
    page = cache.get(key)
    if page is None:
        page = build()
        cache.set(key, page, getattr(settings, "CANDIDATE_SEARCH_CACHE", CACHE_TIMEOUT))
    return page


def search_document_for(*, headline, summary, skills, titles) -> str:
    return " ".join(part for part in [headline, *skills, *titles, summary] if part)


def update_search_vector(profile_ids) -> None:
    """Recompute `search_vector` (PostgreSQL) from `search_document` parts."""
    if not fts.uses_postgres_search() or not profile_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_VECTOR_SQL + " WHERE p.id = ANY(%s)", [list(profile_ids)])


def update_all_search_vectors() -> None:
    if fts.uses_postgres_search():
        with connection.cursor() as cursor:
            cursor.execute(SEARCH_VECTOR_SQL)


# Headline A; skills and job titles B; summary C.
SEARCH_VECTOR_SQL = """
UPDATE candidates_candidateprofile AS p SET search_vector =
    setweight(to_tsvector('english', coalesce(p.headline, '')), 'A')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(s.name, ' ') FROM candidates_candidateskill s
        WHERE s.profile_id = p.id), '')), 'B')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(w.title, ' ') FROM candidates_workexperience w
        WHERE w.profile_id = p.id), '')), 'B')
    || setweight(to_tsvector('english', coalesce(p.summary, '')), 'C')
"""
