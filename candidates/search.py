"""Candidate search: PostgreSQL full-text with a SQLite fallback, cached by version.

Parsing (websearch syntax, the SQLite fallback), cursors, cache keys and the
weighted vector come from ``hotgigs.search``, as in job search.

A search turns validated parameters into an ordered list of profile ids (at most
``MAX_RESULTS``), cached under a version key that every profile change bumps.
Pages and the API paginate over that list, then load one page of profiles with a
fixed number of queries.

At scale (PostgreSQL) the plan follows the selectivity, as in job search: few
estimated matches are collected by bitmap scans then sorted, many are found by
walking the activity index (``_fenced``, ``hotgigs.search.top_ids``).
"""

import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BooleanField, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from candidates.models import (
    PERIODS_PER_YEAR,
    Availability,
    CandidateProfile,
    CandidateSkill,
    WorkExperience,
)
from hotgigs import search as fts
from hotgigs.models import SearchTerm
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
        return f"candidates:search:{version}:{fts.params_digest(data)}"


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
    """Websearch syntax on both back-ends (``hotgigs.search``): ``-java``
    excludes, "quoted phrases" stay phrases, ``or`` joins alternatives."""
    if fts.uses_postgres_search():
        query = fts.websearch_query(q)
        return qs.filter(search_vector=query), query
    return qs.filter(fts.fallback_q(q, ["search_document"])), None


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


ORDERS = {
    Sort.RECENT: ("last_active_at", "id"),
    Sort.EXPERIENCE: ("years_experience", "last_active_at", "id"),
}
# Counts are exact up to EXACT_LIMIT matches; a probe counts that far when the
# planner expects at most PROBE_MAX (above it the estimate is shown).
EXACT_LIMIT = 10_000
PROBE_MAX = 10_000


@dataclass
class CandidateResults:
    """A search's first ``ids`` in order (cached) and, when more match, the
    ``tail`` key after which the order continues (``_tail_order``: recency
    after a relevance window). ``count``: exact unless ``count_is_estimate``
    (then the planner's estimate, or a floor with ``count_is_lower_bound``).
    ``suggestion``: the corrected parameters ("Did you mean …") or None."""

    ids: list[int]
    tail: list | None = None
    count: int = 0
    count_is_estimate: bool = False
    count_is_lower_bound: bool = False
    suggestion: dict | None = None

    @property
    def count_display(self) -> str:
        return fts.count_display(
            self.count,
            estimate=self.count_is_estimate,
            lower_bound=self.count_is_lower_bound,
        )


def _tail_order(sort: str) -> tuple[str, ...]:
    return ORDERS.get(sort, ORDERS[Sort.RECENT])


def _json_key(values) -> list:
    return [v.isoformat() if hasattr(v, "isoformat") else v for v in values]


def _db_key(columns, key) -> list:
    """A cursor's key back to column values; ``InvalidCursor`` if it is not one."""
    if not isinstance(key, list) or len(key) != len(columns):
        raise fts.InvalidCursor("Invalid cursor.")
    values = []
    try:
        for column, value in zip(columns, key, strict=True):
            if column == "last_active_at":
                moment = datetime.fromisoformat(value)
                field = CandidateProfile._meta.get_field(column)
                values.append(field.get_db_prep_value(moment, connection))
            else:
                values.append(int(value))
    except (TypeError, ValueError):
        raise fts.InvalidCursor("Invalid cursor.") from None
    return values


def _row_compare(columns, values, op: str) -> Q:
    """``(a, b, …) < (x, y, …)``: one row comparison, an index range."""
    table = connection.ops.quote_name(CandidateProfile._meta.db_table)
    sql = ", ".join(f"{table}.{connection.ops.quote_name(c)}" for c in columns)
    marks = ", ".join(["%s"] * len(values))
    return Q(
        RawSQL(  # noqa: S611 - identifiers from the model, values are parameters
            f"({sql}) {op} ({marks})", values, output_field=BooleanField()
        )
    )


def _matches(params: CandidateSearchParams):
    qs = filtered_profiles(params)
    q = params.q.strip()
    query = None
    if q:
        qs, query = _text_filter(qs, q)
    return qs, query


def _tail(params: CandidateSearchParams, key, limit: int, before=None) -> list:
    """``[(id, key)]``: matches after ``key`` in the tail order, or, with
    ``before``, between ``before`` and ``key`` nearest ``key`` first."""
    columns = _tail_order(params.sort)
    qs, _query = _matches(params)
    if before is None:
        qs = qs.filter(_row_compare(columns, _db_key(columns, key), "<"))
        ordering = [f"-{c}" for c in columns]
    else:
        qs = qs.filter(_row_compare(columns, _db_key(columns, key), ">")).filter(
            _row_compare(columns, _db_key(columns, before), "<")
        )
        ordering = list(columns)
    rows = qs.order_by(*ordering).values_list("id", *columns)[:limit]
    return [(row[0], _json_key(row[1:])) for row in rows]


def _head(params: CandidateSearchParams) -> tuple[list[int], list | None, object]:
    """The cached part of the order: ``(ids, tail key or None, queryset)``.

    Relevance with keywords ranks the ``RANK_WINDOW`` most recently active
    matches (one walk of the activity index, or the fenced matches) and
    continues after them by recency; other sorts keep their first
    ``MAX_RESULTS`` ids and continue by keyset in their own order.
    """
    qs, query = _matches(params)
    if qs.query.is_empty():  # e.g. a skill that does not exist
        return [], None, qs
    ranked = params.sort == Sort.RELEVANCE and query is not None
    limit = RANK_WINDOW if ranked else MAX_RESULTS
    fenced = _fenced(params, qs, limit=limit)
    columns = _tail_order(params.sort)
    if ranked:
        # normalization 32: rank / (rank + 1), bounded to [0, 1).
        rank = SearchRank(F("search_vector"), query, normalization=32)
        source = qs
        if fenced:
            window = fts.top_ids(
                qs, ["-last_active_at", "-id"], RANK_WINDOW + 1, fenced=True
            )
            source = CandidateProfile.objects.filter(pk__in=window)
        rows = list(
            source.annotate(rank=rank)
            .order_by("-last_active_at", "-id")
            .values_list("id", "last_active_at", "rank")[: RANK_WINDOW + 1]
        )
        window_rows = rows[:RANK_WINDOW]
        # Best rank first; the sort is stable: most recently active first
        # among equal ranks, as the rows come.
        ids = [row[0] for row in sorted(window_rows, key=lambda row: -row[2])]
        if len(rows) <= RANK_WINDOW:
            return ids, None, qs
        last = window_rows[-1]
        return ids, _json_key((last[1], last[0])), qs
    ordering = [f"-{c}" for c in columns]
    source = qs
    if fenced:
        source = CandidateProfile.objects.filter(
            pk__in=fts.top_ids(qs, ordering, MAX_RESULTS + 1, fenced=True)
        )
    rows = list(
        source.order_by(*ordering).values_list("id", *columns)[: MAX_RESULTS + 1]
    )
    ids = [row[0] for row in rows[:MAX_RESULTS]]
    tail = _json_key(rows[MAX_RESULTS - 1][1:]) if len(rows) > MAX_RESULTS else None
    return ids, tail, qs


def _count(qs, shown: int, complete: bool) -> tuple[int, bool, bool]:
    """``(count, is_estimate, is_lower_bound)`` — see ``CandidateResults``."""
    if complete:
        return shown, False, False
    guess = fts.estimated_rows(qs) if fts.uses_postgres_search() else None
    known = shown + 1
    if guess is None or guess <= PROBE_MAX:
        counted = qs.order_by().values("pk")[: EXACT_LIMIT + 1].count()
        if counted <= EXACT_LIMIT:
            return counted, False, False
        known = EXACT_LIMIT + 1
    if guess is not None and guess >= known:
        return guess, True, False
    return known - 1, True, True


def _run(params: CandidateSearchParams) -> CandidateResults:
    ids, tail, qs = _head(params)
    count, estimate, lower = _count(qs, len(ids), tail is None)
    return CandidateResults(
        ids=ids,
        tail=tail,
        count=count,
        count_is_estimate=estimate,
        count_is_lower_bound=lower,
        # Only a search that finds next to nothing looks for a misspelling.
        suggestion=suggestion_for(params)
        if not estimate and count < fts.SUGGEST_BELOW
        else None,
    )


def search_candidates(params: CandidateSearchParams) -> CandidateResults:
    """The search's cached head, tail key, count and suggestion."""
    key = params.cache_key(search_version())
    results = cache.get(key)
    if not isinstance(results, CandidateResults):
        results = _run(params)
        cache.set(key, results, CACHE_TIMEOUT)
    return results


def search_candidate_ids(params: CandidateSearchParams) -> list[int]:
    """The first ids of the search in order (all of them when few match)."""
    return search_candidates(params).ids


@dataclass
class CandidatePage:
    ids: list[int]
    next_cursor: str | None
    previous_cursor: str | None
    results: CandidateResults


def candidate_page(
    params: CandidateSearchParams, *, cursor: str | None, page_size: int
) -> CandidatePage:
    """One page of a search: every match is on exactly one page, following
    ``next`` (signed ``hotgigs.search`` cursors; ``InvalidCursor`` for one
    this search did not make)."""
    decoded = fts.decode_cursor(cursor) if cursor else None
    if decoded is not None and decoded.get("s") != params.sort:
        raise fts.InvalidCursor("The cursor belongs to another sort order.")
    results = search_candidates(params)
    ids, next_cursor, previous_cursor = fts.head_then_tail_page(
        sort=params.sort,
        head=results.ids,
        tail=results.tail,
        cursor=decoded,
        page_size=page_size,
        fetch_tail=lambda key, limit, before=None: _tail(
            params, key, limit, before=before
        ),
    )
    return CandidatePage(ids, next_cursor, previous_cursor, results)


def cached_page(params: CandidateSearchParams, cursor: str, size: int, build):
    """One page of a search as plain data (``build()`` makes it on a miss), cached
    like the search under its version: a repeated search runs no query.

    Only for data that does not depend on who asks (the list serializer's
    fields); profile changes, visibility changes and erasure bump the version.
    """
    digest = fts.params_digest([cursor, size])
    key = f"{params.cache_key(search_version())}:page:{digest}"
    page = cache.get(key)
    if page is None:
        page = build()
        cache.set(key, page, CACHE_TIMEOUT)
    return page


# --- "Did you mean …" -----------------------------------------------------------

VOCABULARY_SAMPLE = 100_000
VOCABULARY_MIN_DOCUMENTS = 2
_VOCABULARY_WORD = re.compile(r"[^\W\d_]+")


def suggestion_for(params: CandidateSearchParams) -> dict | None:
    """Corrected keywords, skills or city ("Did you mean …"), or None."""

    scope = SearchTerm.Scope.CANDIDATES
    out = {}
    if params.q:
        corrected = fts.suggest_query(params.q, scope=scope)
        if corrected:
            out["q"] = corrected
    if params.skills:
        known = set(
            Skill.objects.filter(slug__in=params.skills).values_list("slug", flat=True)
        )
        fixed = [
            slug
            if slug in known
            else fts.closest_term(slug, scope=scope, kind=SearchTerm.Kind.SKILL) or slug
            for slug in params.skills
        ]
        if fixed != list(params.skills):
            out["skills"] = ",".join(fixed)
    if params.city:
        city = fts.closest_term(params.city, scope=scope, kind=SearchTerm.Kind.CITY)
        if city:
            out["city"] = city
    return out or None


def refresh_vocabulary() -> dict[str, int]:
    """Rebuild candidate search's vocabulary (``hotgigs.models.SearchTerm``):
    the words of the ``VOCABULARY_SAMPLE`` most recently active searchable
    profiles' search documents (headline, skills, job titles, summary) in at
    least ``VOCABULARY_MIN_DOCUMENTS`` of them, every skill slug, and every
    city of a searchable profile (``ts_stat`` on PostgreSQL, Python on SQLite).
    """

    scope = SearchTerm.Scope.CANDIDATES
    searchable = CandidateProfile.objects.searchable()
    recent = searchable.order_by("-last_active_at", "-id")[:VOCABULARY_SAMPLE]
    if fts.uses_postgres_search():
        ids = list(recent.values_list("id", flat=True))
        with transaction.atomic(), connection.cursor() as cursor:
            # A nightly statement over up to 100,000 documents: longer than
            # the request timeout (DB_STATEMENT_TIMEOUT_MS) allows.
            cursor.execute("SET LOCAL statement_timeout = '15min'")
            # ts_stat takes its documents' query as text: the sample's ids
            # are quoted into it by format(%L), never by Python.
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat(format("
                "'SELECT to_tsvector(''simple'', search_document) "
                "FROM candidates_candidateprofile WHERE id = ANY(%%L::bigint[])', "
                "%s::text)) "
                "WHERE ndoc >= %s AND length(word) BETWEEN 3 AND 40 "
                "AND word ~ '^[[:alpha:]]+$'",
                ["{" + ",".join(str(i) for i in ids) + "}", VOCABULARY_MIN_DOCUMENTS],
            )
            words = dict(cursor.fetchall())
    else:
        counter = Counter()
        for document in recent.values_list("search_document", flat=True):
            counter.update(set(_VOCABULARY_WORD.findall((document or "").lower())))
        words = {
            word: n
            for word, n in counter.items()
            if n >= VOCABULARY_MIN_DOCUMENTS and 3 <= len(word) <= 40
        }
    skills = dict.fromkeys(Skill.objects.values_list("slug", flat=True), 1)
    cities = dict(
        searchable.exclude(city="")
        .order_by()
        .values("city")
        .annotate(n=Count("id"))
        .values_list("city", "n")
    )
    return {
        "words": fts.replace_vocabulary(
            scope=scope, kind=SearchTerm.Kind.WORD, counts=words
        ),
        "skills": fts.replace_vocabulary(
            scope=scope, kind=SearchTerm.Kind.SKILL, counts=skills
        ),
        "cities": fts.replace_vocabulary(
            scope=scope, kind=SearchTerm.Kind.CITY, counts=cities
        ),
    }


def search_document_for(*, headline, summary, skills, titles) -> str:
    return " ".join(part for part in [headline, *skills, *titles, summary] if part)


def _search_vector():
    """Headline A; skills and job titles B; summary C (``weighted_vector``)."""
    skills = (
        CandidateSkill.objects.filter(profile=OuterRef("pk"))
        .order_by()
        .values("profile")
        .annotate(text=StringAgg("name", " "))
        .values("text")
    )
    titles = (
        WorkExperience.objects.filter(profile=OuterRef("pk"))
        .order_by()
        .values("profile")
        .annotate(text=StringAgg("title", " "))
        .values("text")
    )
    return fts.weighted_vector(
        [
            ("A", F("headline")),
            ("B", Subquery(skills)),
            ("B", Subquery(titles)),
            ("C", F("summary")),
        ]
    )


def update_search_vector(profile_ids) -> None:
    """Recompute `search_vector` (PostgreSQL) from `search_document` parts."""
    if not fts.uses_postgres_search() or not profile_ids:
        return
    CandidateProfile.objects.filter(pk__in=list(profile_ids)).update(
        search_vector=_search_vector()
    )


def update_all_search_vectors() -> None:
    if fts.uses_postgres_search():
        CandidateProfile.objects.update(search_vector=_search_vector())
