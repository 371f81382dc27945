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
import difflib
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, is_dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, transaction
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import Combinable, RawSQL
from django.db.models.functions import Length

from hotgigs.models import SearchTerm

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
    parts: Mapping[str, str | Combinable] | Iterable[tuple[str, str | Combinable]],
    *,
    config: str = SEARCH_CONFIG,
) -> Combinable:
    """``{"A": title, "B": skills_text, ...}`` (or ``[("A", title), ("B", …),
    ("B", …)]`` when a weight has several parts) → one weighted tsvector:
    ``setweight(to_tsvector(config, coalesce(part, '')), weight) || …``.

    Values may be plain strings (wrapped in ``Value``) or expressions (``F``,
    ``Subquery``); use it in ``queryset.update(search_vector=weighted_vector(...))``.
    """
    vector = None
    items = parts.items() if isinstance(parts, Mapping) else parts
    for weight, source in items:
        expression = Value(source or "") if isinstance(source, str) else source
        part = SearchVector(expression, weight=weight, config=config)
        vector = part if vector is None else vector + part
    return vector


def params_digest(value, *, length: int = 32) -> str:
    """The digest that keys cached searches (and job alerts' ``query_key``):
    sha256 of the JSON of ``value`` (keys sorted, dates and other values as
    ``str``), its first ``length`` hex digits. ``value`` is a dataclass
    (``asdict``) or plain JSON data."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    blob = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:length]


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


def prefer_fenced(queryset, *, limit: int, walked=None, matches=None) -> bool:
    """Is collecting every match cheaper than walking an index for ``limit`` rows?

    With ``m`` estimated matches among the ``n`` rows the walk passes, the
    fence reads ``m`` rows and the walk about ``limit * n / m`` (it meets a
    match every ``n / m`` rows): fence when ``m² ≤ limit × n``, i.e. up to
    ~31,600 matches for the newest 1,000 of a million rows, ~4,500 in 20,000.
    ``matches``: the caller's ``estimated_rows(queryset)``, if it has it.
    ``n`` is the table (``pg_class.reltuples``), or ``walked``'s estimate when
    the walk reads only part of it (one country's jobs on a (country, date)
    index). Two planner look-ups, nothing executed.
    """
    if matches is None:
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


# --- Complete paging: an ordered head, then a keyset tail ---------------------------


def head_then_tail_page(
    *,
    sort: str,
    head: list[int],
    tail: list | None,
    cursor: dict | None,
    page_size: int,
    fetch_tail: Callable,
) -> tuple[list[int], str | None, str | None]:
    """One page of an order made of a cached, ordered id list (``head``,
    walked by offset cursors ``{"o": n}``) followed, when ``tail`` is the key
    of the head's last row in a keyset order, by every other match in that
    order (keyset cursors ``{"d": "n"|"p", "k": key}``). Following ``next``
    (or ``previous``) reaches each match exactly once; a page that crosses
    from head to tail is filled from both.

    ``fetch_tail(key, limit, before=None)`` → ``[(id, key), …]``: up to
    ``limit`` matches after ``key`` in the order; with ``before`` (a key),
    the ones between ``before`` and ``key`` nearest ``key`` first (backwards).
    Returns ``(ids, next_cursor, previous_cursor)``; ``InvalidCursor`` for a
    cursor that does not fit.
    """

    def keyset(direction, key):
        return encode_cursor({"s": sort, "d": direction, "k": key})

    def offset_cursor(offset):
        return encode_cursor({"s": sort, "o": offset})

    if cursor and "k" in cursor:
        key = cursor.get("k")
        if tail is None or not isinstance(key, list):
            raise InvalidCursor("Invalid cursor.")
        if cursor.get("d", "n") == "n":
            items = fetch_tail(key, page_size + 1)
            more = len(items) > page_size
            items = items[:page_size]
            ids = [pk for pk, _ in items]
            next_cursor = keyset("n", items[-1][1]) if more else None
            previous_cursor = keyset("p", items[0][1]) if items else None
            return ids, next_cursor, previous_cursor
        newer = fetch_tail(key, page_size + 1, before=tail)
        if len(newer) > page_size:
            items = list(reversed(newer[:page_size]))
            ids = [pk for pk, _ in items]
            return ids, keyset("n", items[-1][1]), keyset("p", items[0][1])
        need = page_size - len(newer)
        start = max(0, len(head) - need)
        ids = head[start:] + [pk for pk, _ in reversed(newer)]
        last = newer[0][1] if newer else tail
        previous_cursor = offset_cursor(max(0, start - page_size)) if start else None
        return ids, keyset("n", last), previous_cursor
    try:
        offset = int(cursor["o"]) if cursor else 0
    except (KeyError, TypeError, ValueError):
        raise InvalidCursor("Invalid cursor.") from None
    if not 0 <= offset <= len(head):
        raise InvalidCursor("Invalid cursor.")
    ids = head[offset : offset + page_size]
    previous_cursor = offset_cursor(max(0, offset - page_size)) if offset else None
    next_cursor = None
    if offset + page_size < len(head):
        next_cursor = offset_cursor(offset + page_size)
    elif tail is not None:
        need = page_size - len(ids)
        items = fetch_tail(tail, need + 1) if need else []
        ids += [pk for pk, _ in items[:need]]
        if len(items) > need:
            next_cursor = keyset("n", items[need - 1][1] if need else tail)
        elif not need:
            next_cursor = keyset("n", tail)
    return ids, next_cursor, previous_cursor


# --- Typo suggestions ("Did you mean …") ---------------------------------------------

# Words shorter than this are never corrected ("go", "ui", "qa" are real).
SUGGEST_MIN_LENGTH = 4
# Suggestions are looked for only when a search finds fewer matches than this
# (exactly counted): a misspelling finds nothing or next to nothing, and a
# search that finds plenty costs no vocabulary look-ups.
SUGGEST_BELOW = 20
SUGGEST_CANDIDATES = 12
_WORD = re.compile(r"^[^\W\d_]+$")


def replace_vocabulary(*, scope: str, kind: str, counts: Mapping[str, int]) -> int:
    """Replace the ``scope``/``kind`` vocabulary with ``{term: documents}``."""

    rows = [
        SearchTerm(scope=scope, kind=kind, term=term[:100], documents=int(count))
        for term, count in counts.items()
        if term
    ]
    with transaction.atomic():
        SearchTerm.objects.filter(scope=scope, kind=kind).delete()
        SearchTerm.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: a swap of neighbours costs 1
    ("pyhton" → "python" is 1), as do an insertion, deletion or change."""
    a, b = a.lower(), b.lower()
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _allowed_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def _candidates(word: str, *, scope: str, kind: str) -> list[tuple[str, int]]:
    """Terms spelt like ``word``: ``[(term, documents)]``, nearest first."""

    if uses_postgres_search():
        with connection.cursor() as cursor:
            # pg_trgm's distance; a KNN walk of searchterm_trgm_idx (GiST).
            cursor.execute(
                "SELECT term, documents FROM hotgigs_searchterm "
                "WHERE scope = %s AND kind = %s "
                "ORDER BY term <-> %s LIMIT %s",
                [scope, kind, word, SUGGEST_CANDIDATES],
            )
            return list(cursor.fetchall())
    # SQLite: terms of a similar length, compared by difflib.

    rows = dict(
        SearchTerm.objects.filter(scope=scope, kind=kind)
        .annotate(length=Length("term"))
        .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
        .values_list("term", "documents")
    )
    close = difflib.get_close_matches(
        word.lower(), list(rows), n=SUGGEST_CANDIDATES, cutoff=0.6
    )
    return [(term, rows[term]) for term in close]


def closest_term(word: str, *, scope: str, kind: str) -> str | None:
    """The vocabulary's spelling of a misspelt ``word``, or None.

    None when ``word`` is in the vocabulary (any case), too short, or no
    term is within 1 edit (words up to 5 letters) or 2 (longer); among the
    nearest, the most frequent term wins.
    """

    word = word.strip()
    if len(word) < SUGGEST_MIN_LENGTH or len(word) > 100:
        return None
    if SearchTerm.objects.filter(scope=scope, kind=kind, term__iexact=word).exists():
        return None
    best = None
    for term, documents in _candidates(word, scope=scope, kind=kind):
        distance = edit_distance(word, term)
        if distance == 0 or distance > _allowed_distance(word):
            continue
        key = (distance, -documents, term)
        if best is None or key < best[0]:
            best = (key, term)
    return best[1] if best else None


def suggest_query(text: str, *, scope: str) -> str | None:
    """``text`` with each misspelt word replaced by the vocabulary's spelling,
    or None when every word is known (or has no close spelling).

    Only plain words are corrected (not phrases, exclusions or ``or``); one
    query for the known words, one nearest-term look-up per unknown word.
    """

    groups, _excluded = parse_terms(text)
    words = []
    for alternatives in groups:
        for term in alternatives:
            if (
                _WORD.match(term)
                and len(term) >= SUGGEST_MIN_LENGTH
                and term.lower() not in words
            ):
                words.append(term.lower())
    if not words:
        return None
    known = {
        term.lower()
        for term in SearchTerm.objects.filter(
            scope=scope, kind=SearchTerm.Kind.WORD, term__in=words
        ).values_list("term", flat=True)
    }
    corrected = text
    changed = False
    for word in words:
        if word in known:
            continue
        better = closest_term(word, scope=scope, kind=SearchTerm.Kind.WORD)
        if better:
            pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?!\w)", re.IGNORECASE)
            corrected = pattern.sub(better, corrected)
            changed = True
    return corrected if changed else None


def round_estimate(value: int) -> int:
    """Two significant figures: 408,878 → 410,000 ("about 410,000")."""
    if value < 100:
        return value
    digits = len(str(int(value))) - 2
    return int(round(value, -digits))


def count_display(count: int, *, estimate: bool, lower_bound: bool = False) -> str:
    """How a count reads: "1,241", "about 410,000" or "10,000+"."""
    if lower_bound:
        return f"{count:,}+"
    if estimate:
        return f"about {round_estimate(count):,}"
    return f"{count:,}"


__all__ = [
    "MAX_QUERY_LENGTH",
    "RANK_CANDIDATES",
    "SEARCH_CONFIG",
    "SUGGEST_BELOW",
    "WEIGHTS",
    "InvalidCursor",
    "clean_query",
    "closest_term",
    "count_display",
    "edit_distance",
    "decode_cursor",
    "encode_cursor",
    "estimated_rows",
    "fallback_q",
    "head_then_tail_page",
    "fallback_rank",
    "params_digest",
    "parse_terms",
    "prefer_fenced",
    "rank",
    "replace_vocabulary",
    "round_estimate",
    "suggest_query",
    "top_ids",
    "uses_postgres_search",
    "websearch_query",
    "weighted_vector",
]
