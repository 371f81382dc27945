"""Autocomplete for the job-search box and its skill and city filters.

``suggest_completions(field=..., prefix=...)`` answers the word, skill or city
being typed from the same vocabulary "Did you mean" reads
(``hotgigs.models.SearchTerm``, scope ``jobs``, rebuilt daily by
``jobs.search.refresh_vocabulary``) and, for skills, the taxonomy's names:

- first the terms that start with the prefix (words and cities most frequent
  first; skills shortest name first), then
- when none starts with it and the prefix has at least
  ``fts.SUGGEST_MIN_LENGTH`` letters, the terms whose beginning is within one
  edit (prefixes up to 5 letters) or two (longer) of it, the nearest only:
  "kubern" and "kuberen" both offer "kubernetes", "pyhton" offers "python"
  (1 edit) but not "pytorch" (2). Each suggestion says which (``match``:
  ``prefix`` or ``spelling``).

PostgreSQL finds both through ``searchterm_trgm_idx`` (pg_trgm GiST: ``ILIKE
'pre%'`` for prefixes, a KNN walk by word-similarity distance ``<<->`` for
spellings); SQLite compares the terms that share the prefix's first letter in
Python. Answers are cached for ``CACHE_TIMEOUT`` seconds per (field, prefix,
limit): the vocabulary changes once a day.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length

from hotgigs import search as fts
from hotgigs.models import SearchTerm
from matching.models import Skill

FIELDS = ("q", "skill", "city")
MAX_PREFIX_LENGTH = 100
DEFAULT_LIMIT = 8
MAX_LIMIT = 10
CACHE_TIMEOUT = 600
# Terms read for the spelling pass: the KNN walk stops here (PostgreSQL), and
# SQLite compares at most this many terms sharing the first letter.
SPELLING_CANDIDATES = 40
SQLITE_SCAN_LIMIT = 5000

# Letters, digits, spaces and the punctuation skills and cities use
# ("c++", "c#", "node.js", "st. john's", "baden-württemberg", "ci/cd").
_PREFIX = re.compile(r"^[\w .+#&'/-]+$")


class InvalidPrefix(ValueError):
    """The prefix is empty, too long or holds characters no term has."""


@dataclass(frozen=True)
class Completion:
    value: str  # what goes into the field (a skill's slug, a word, a city)
    label: str  # what the list shows (a skill's name)
    match: str  # "prefix" or "spelling"

    def as_dict(self) -> dict:
        return {"value": self.value, "label": self.label, "match": self.match}


def clean_prefix(prefix: str | None) -> str:
    """The prefix to complete, whitespace collapsed; InvalidPrefix if unusable."""
    text = " ".join((prefix or "").split())
    if not text:
        raise InvalidPrefix("Type at least one character.")
    if len(text) > MAX_PREFIX_LENGTH:
        raise InvalidPrefix(f"At most {MAX_PREFIX_LENGTH} characters.")
    if not _PREFIX.match(text):
        raise InvalidPrefix(
            "Letters, digits, spaces and . + # & ' / - only "
            "(one word or name, not search syntax)."
        )
    return text


def suggest_completions(
    *, field: str, prefix: str, limit: int = DEFAULT_LIMIT
) -> list[Completion]:
    """Up to ``limit`` completions of ``prefix`` for ``field`` (see module doc)."""
    if field not in FIELDS:
        raise ValueError(f"unknown field {field!r}")
    prefix = clean_prefix(prefix)
    limit = max(1, min(int(limit), MAX_LIMIT))
    digest = hashlib.blake2b(
        f"{field}\x00{prefix.lower()}\x00{limit}".encode(), digest_size=12
    ).hexdigest()
    key = f"jobs:autocomplete:v1:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return [Completion(*row) for row in cached]
    if field == "skill":
        found = _skills(prefix, limit)
    else:
        kind = "word" if field == "q" else "city"
        found = _terms(kind, prefix, limit)
    cache.set(key, [(c.value, c.label, c.match) for c in found], CACHE_TIMEOUT)
    return found


def _allowed(prefix: str) -> int:
    return 1 if len(prefix) <= 5 else 2


def begins_like(prefix: str, term: str) -> bool:
    """True when ``term`` begins with a spelling of ``prefix`` within the
    allowed edits (a beginning one letter shorter or longer counts too)."""
    prefix, term = prefix.lower(), term.lower()
    size = len(prefix)
    allowed = _allowed(prefix)
    return any(
        fts.edit_distance(prefix, term[:cut]) <= allowed
        for cut in range(max(1, size - allowed), size + allowed + 1)
        if cut <= len(term)
    )


def _spelling_candidates(kind: str, prefix: str) -> list[tuple[str, int]]:
    """Vocabulary terms that may begin like ``prefix``: ``[(term, documents)]``."""
    if fts.uses_postgres_search():
        with connection.cursor() as cursor:
            # Word-similarity distance: how well the prefix's trigrams match
            # some stretch of the term (here, its beginning); a KNN walk of
            # searchterm_trgm_idx.
            cursor.execute(
                "SELECT term, documents FROM hotgigs_searchterm "
                "WHERE scope = %s AND kind = %s "
                "ORDER BY %s <<-> term LIMIT %s",
                [SearchTerm.Scope.JOBS, kind, prefix.lower(), SPELLING_CANDIDATES],
            )
            return list(cursor.fetchall())
    first = prefix[0]
    rows = (
        SearchTerm.objects.filter(scope=SearchTerm.Scope.JOBS, kind=kind)
        .filter(Q(term__istartswith=first))
        .annotate(length=Length("term"))
        .filter(length__gte=len(prefix) - _allowed(prefix))
        .values_list("term", "documents")[:SQLITE_SCAN_LIMIT]
    )
    return list(rows)


def _prefix_terms(kind: str, prefix: str, limit: int) -> list[tuple[str, int]]:
    if fts.uses_postgres_search():
        pattern = re.sub(r"([\\%_])", r"\\\1", prefix) + "%"
        with connection.cursor() as cursor:
            # ILIKE 'pre%' is served by searchterm_trgm_idx (gist_trgm_ops).
            cursor.execute(
                "SELECT term, documents FROM hotgigs_searchterm "
                "WHERE scope = %s AND kind = %s AND term ILIKE %s "
                "ORDER BY documents DESC, term LIMIT %s",
                [SearchTerm.Scope.JOBS, kind, pattern, limit],
            )
            return list(cursor.fetchall())
    return list(
        SearchTerm.objects.filter(
            scope=SearchTerm.Scope.JOBS, kind=kind, term__istartswith=prefix
        )
        .order_by("-documents", "term")
        .values_list("term", "documents")[:limit]
    )


def _terms(kind: str, prefix: str, limit: int) -> list[Completion]:
    found = [Completion(t, t, "prefix") for t, _ in _prefix_terms(kind, prefix, limit)]
    if found or len(prefix) < fts.SUGGEST_MIN_LENGTH:
        return found
    seen = set()
    close = sorted(
        (
            (_distance_to_beginning(prefix, term), -documents, term)
            for term, documents in _spelling_candidates(kind, prefix)
            if term.lower() not in seen and begins_like(prefix, term)
        )
    )
    nearest = [row for row in close if row[0] == close[0][0]]
    for _distance, _documents, term in nearest[:limit]:
        found.append(Completion(term, term, "spelling"))
    return found


def _distance_to_beginning(prefix: str, term: str) -> int:
    size = len(prefix)
    allowed = _allowed(prefix)
    return min(
        fts.edit_distance(prefix, term[:cut])
        for cut in range(max(1, size - allowed), min(len(term), size + allowed) + 1)
    )


def _skills(prefix: str, limit: int) -> list[Completion]:
    """Skills whose name or slug starts with the prefix, then (from the
    vocabulary's skill slugs) those spelt like it; value = slug, label = name."""
    slug_prefix = prefix.lower().replace(" ", "-")
    rows = list(
        Skill.objects.filter(
            Q(name__istartswith=prefix) | Q(slug__startswith=slug_prefix)
        )
        .annotate(length=Length("name"))
        .order_by("length", "name")
        .values_list("slug", "name")[:limit]
    )
    found = [Completion(slug, name, "prefix") for slug, name in rows]
    if found or len(prefix) < fts.SUGGEST_MIN_LENGTH:
        return found
    seen = set()
    close = sorted(
        (_distance_to_beginning(slug_prefix, slug), len(slug), slug)
        for slug, _documents in _spelling_candidates("skill", slug_prefix)
        if slug not in seen and begins_like(slug_prefix, slug)
    )
    slugs = [slug for d, _n, slug in close if d == close[0][0]][:limit]
    names = dict(Skill.objects.filter(slug__in=slugs).values_list("slug", "name"))
    found += [Completion(s, names.get(s, s), "spelling") for s in slugs]
    return found
