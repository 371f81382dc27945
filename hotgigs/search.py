"""Full-text search helpers shared by job search and candidate search.

PostgreSQL
    A weighted ``tsvector`` is stored in the row (kept up to date by the app's
    services, see ``weighted_vector``) with a GIN index; a free-text query is
    parsed with ``websearch_to_tsquery`` (``websearch_query``), which accepts
    anything a person types — quoted phrases, ``-exclusions``, ``or`` — and never
    raises on broken syntax.

    Ranking is bounded: ``ts_rank`` is computed only for a capped candidate set
    (the caller's pre-filter limited to ``RANK_CANDIDATES`` rows, e.g. the most
    recent matches), so a word matching half the table does not rank every row.

SQLite (embedded default, tests)
    No tsvector: ``fallback_q`` tokenises the query the same way (phrases,
    exclusions, ``or``) and ANDs ``icontains`` lookups over the same fields;
    ``fallback_rank`` scores a row by the weights of the fields its terms hit, so
    "title match above description match" holds on both back-ends.

Always pass user input through ``clean_query`` first: it caps the length
(``MAX_QUERY_LENGTH``), removes NUL and control characters (PostgreSQL rejects
NUL in text) and collapses whitespace.

The cursor helpers (``encode_cursor``/``decode_cursor``) make opaque, tamper-
checked keyset cursors for paginating search results.

Plans at scale (PostgreSQL)
    "The newest N matches" has two good plans and the planner, misled by the
    LIMIT, often picks the wrong one. Walking the date index and rechecking each
    row is right when matches are common (a word in every job finds N rows at
    once) and ruinous when they are rare (python + DE + hybrid walks 200k rows to
    find 1,000). Rare matches want the opposite: a BitmapAnd of the GIN and filter
    indexes finds every match, then a top-N sort. ``estimated_rows`` asks the
    planner how many rows match (EXPLAIN, no execution: ~1 ms) and ``top_ids``
    builds either plan; with ``fenced=True`` the matches are computed in a
    subquery with ``OFFSET 0``, which PostgreSQL plans on its own, without the
    outer LIMIT that would tempt it into the walk.
"""

import binascii
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import Combinable, RawSQL

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RANK_CANDIDATES = 1000
# ts_rank's default weights for D, C, B, A — reused by the SQLite fallback.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def cache_version(key: str) -> str:
    """The current version under `key`; cached search results hang off it.

    Missing (first use, eviction, flush): a fresh version, which can only miss.
    `cache.add` keeps the first writer's version when two requests race.
    """
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(key, version, None)
        version = cache.get(key) or version
    return version


def bump_cache_version(key: str) -> None:
    """Orphan every result cached under the old version of `key`."""
    cache.set(key, uuid.uuid4().hex, None)


def clean_query(text: str | None) -> str:
    """User text → safe query text: no control characters, bounded length."""
    if not text:
        return ""
    text = _CONTROL.sub(" ", str(text))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def websearch_query(text: str, *, config: str = SEARCH_CONFIG) -> SearchQuery:
    """A ``websearch_to_tsquery`` for cleaned user text (see ``clean_query``)."""
    return SearchQuery(text, search_type="websearch", config=config)


def weighted_vector(
    parts: Mapping[str, str | Combinable], *, config: str = SEARCH_CONFIG
) -> Combinable:
    """``{"A": title, "B": skills_text, ...}`` → one weighted tsvector expression.

    Values may be plain strings (wrapped in ``Value``) or expressions (``F``);
    use it in ``queryset.update(search_vector=weighted_vector(...))``.
    """
    vector = None
    for weight, source in parts.items():
        expression = Value(source or "") if isinstance(source, str) else source
        part = SearchVector(expression, weight=weight, config=config)
        vector = part if vector is None else vector + part
    return vector


def rank(vector_field: str, query: SearchQuery) -> SearchRank:
    """``ts_rank`` of the stored vector against the query (normalised by length)."""
    return SearchRank(F(vector_field), query, normalization=Value(1))


# --- Plans at scale ------------------------------------------------------------------


def estimated_rows(queryset) -> int:
    """The planner's estimate of how many rows ``queryset`` matches (PostgreSQL).

    One ``EXPLAIN (FORMAT JSON)``: planned, not executed.
    """
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        # The ORM knows before asking: nothing can match (an unknown skill
        # filters on `pk__in=[]`).
        return 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def prefer_fenced(queryset, *, limit: int, walked=None) -> bool:
    """Is collecting every match cheaper than walking an index for ``limit`` rows?

    With ``m`` estimated matches among the ``n`` rows the walk passes, the
    fence reads ``m`` rows and the walk about ``limit * n / m`` (it meets a
    match every ``n / m`` rows): fence when ``m² ≤ limit × n``, i.e. up to
    ~31,600 matches for the newest 1,000 of a million rows, ~4,500 in 20,000.
    ``n`` is the table (``pg_class.reltuples``), or ``walked``'s estimate when
    the walk reads only part of it (one country's jobs on a (country, date)
    index). Two planner look-ups, nothing executed.
    """
    matches = estimated_rows(queryset)
    if walked is not None:
        total = estimated_rows(walked)
    else:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        total = row[0] if row else 0
    total = max(total, matches, 1)
    return matches * matches <= limit * total


def top_ids(queryset, ordering: list[str], limit: int, *, fenced: bool):
    """The pks of the first ``limit`` rows of ``queryset`` in ``ordering``.

    A subquery for ``pk__in``. ``ordering`` names columns of the model or
    annotations of ``queryset`` (``"-published_at"``); the last one should be
    unique (the pk) so the order is total. ``fenced`` (PostgreSQL only): compute
    every match first (bitmap scans), then sort — see the module notes.
    """
    if not fenced:
        return queryset.order_by(*ordering).values("pk")[:limit]
    names = [item.lstrip("-") for item in ordering]
    inner = queryset.order_by().values("pk", *[n for n in names if n != "pk"])
    try:
        inner_sql, params = inner.query.sql_with_params()
    except EmptyResultSet:
        return queryset.none().values("pk")
    pk = queryset.model._meta.pk.column
    quote = connections[queryset.db].ops.quote_name

    def column(name):
        return quote(pk if name in ("pk", "id") else name)

    order_sql = ", ".join(
        f"fence.{column(name)} {'DESC' if item.startswith('-') else 'ASC'}"
        for item, name in zip(ordering, names, strict=True)
    )
    # Identifiers come from the model and are quoted; values stay parameters.
    sql = (
        f"SELECT fence.{quote(pk)} FROM ({inner_sql} OFFSET 0) AS fence "  # noqa: S608
        f"ORDER BY {order_sql} LIMIT {int(limit)}"
    )
    return RawSQL(sql, params)  # noqa: S611


# --- SQLite fallback --------------------------------------------------------------


def parse_terms(text: str) -> tuple[list[list[str]], list[str]]:
    """Websearch-like parse: ``(groups, excluded)``.

    Each group is a list of alternatives (joined by ``or``); the groups are ANDed.
    ``'python "data engineer" -java or go'`` →
    ``([["python"], ["data engineer"]], ["java"])`` + ``or`` joins ``go`` to the
    previous group.
    """
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            negated = "-" if word.startswith("-") and len(word) > 1 else ""
            word = word[1:] if negated else word
            term = word.strip("\"'()")
        else:
            term = " ".join(phrase.split())
        if not term:
            continue
        if not negated and term.lower() == "or":
            join_next = bool(groups)
            continue
        if negated:
            excluded.append(term)
        elif join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
        if len(groups) + len(excluded) >= MAX_TERMS:
            break
    return groups, excluded


FieldSpec = str | Callable[[str], Q]


def _term_q(term: str, fields: Iterable[FieldSpec]) -> Q:
    q = Q()
    for field in fields:
        q |= field(term) if callable(field) else Q(**{f"{field}__icontains": term})
    return q


def fallback_q(text: str, fields: Iterable[FieldSpec]) -> Q:
    """Every group must hit one of ``fields``; excluded terms must hit none.

    A field is an ORM path (``"title"``) or a callable ``term -> Q`` (e.g. an
    ``Exists`` over a related table, which avoids duplicate rows from joins).
    """
    fields = list(fields)
    groups, excluded = parse_terms(text)
    q = Q()
    for alternatives in groups:
        any_of = Q()
        for term in alternatives:
            any_of |= _term_q(term, fields)
        q &= any_of
    for term in excluded:
        q &= ~_term_q(term, fields)
    return q


def fallback_rank(text: str, weighted_fields: Mapping[str, str]) -> Combinable:
    """A relevance score: for each term, the weight of each field it appears in.

    ``weighted_fields`` maps an ORM path (local fields only, to avoid joins) to
    a weight letter ``A``–``D``.
    """
    groups, _ = parse_terms(text)
    score = Value(0.0, output_field=FloatField())
    for alternatives in groups:
        for term in alternatives:
            for field, weight in weighted_fields.items():
                score = score + Case(
                    When(**{f"{field}__icontains": term}, then=Value(WEIGHTS[weight])),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
    return score


# --- Cursors ------------------------------------------------------------------------

_CURSOR_SALT = "hotgigs.search.cursor"


class InvalidCursor(ValueError):
    """A cursor that was not made by ``encode_cursor`` (or for another search)."""


def encode_cursor(payload: dict) -> str:
    """An opaque, signed cursor for a dict of JSON values."""
    return signing.dumps(payload, salt=_CURSOR_SALT, compress=True)


def decode_cursor(cursor: str) -> dict:
    try:
        payload = signing.loads(cursor, salt=_CURSOR_SALT)
    except (signing.BadSignature, binascii.Error, ValueError, json.JSONDecodeError):
        raise InvalidCursor("Invalid cursor.") from None
    if not isinstance(payload, dict):
        raise InvalidCursor("Invalid cursor.")
    return payload


__all__ = [
    "MAX_QUERY_LENGTH",
    "RANK_CANDIDATES",
    "SEARCH_CONFIG",
    "WEIGHTS",
    "InvalidCursor",
    "clean_query",
    "decode_cursor",
    "encode_cursor",
    "estimated_rows",
    "fallback_q",
    "fallback_rank",
    "parse_terms",
    "prefer_fenced",
    "rank",
    "top_ids",
    "uses_postgres_search",
    "websearch_query",
    "weighted_vector",
]
