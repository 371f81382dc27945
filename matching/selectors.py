"""Reads of the taxonomy for pages and the API, and the engine's scoring context.

What reads jobs and candidates rows and scores them lives above them, in
`jobs.ranking`.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from django.conf import settings
from django.db.models import Q, QuerySet

from matching.corpus import current_corpus
from matching.engine.prepared import PreparedCache, context_parts
from matching.engine.taxonomy import skill_key
from matching.engine.types import ScoringContext
from matching.models import Occupation, Skill
from matching.occupations import get_occupation_index
from matching.skills import get_taxonomy
from matching.word_vectors import get_word_vectors


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


def scoring_context() -> ScoringContext:
    """The taxonomy's related-skill weights, categories and skill rarities, the
    idf table of published jobs' text (`matching.corpus`; None until it is
    first computed), the occupation index (None while no occupation is
    loaded: the occupation component is then left out of every score) and the
    word vectors (None without their file: the meaning component is then left
    out)."""
    taxonomy = get_taxonomy()
    related, categories = taxonomy.scoring_maps()
    occupations = get_occupation_index()
    context = ScoringContext(
        related=related,
        categories=categories,
        corpus=current_corpus(),
        rarity=taxonomy.rarity_map(),
        occupations=occupations if len(occupations) else None,
        vectors=get_word_vectors(),
    )
    return replace(context, prepared=_prepared_cache(context))


_prepared = {"cache": None}
_prepared_lock = threading.Lock()


def _prepared_cache(context: ScoringContext) -> PreparedCache:
    """The process's prepared jobs and candidates (`PreparedCache`), begun
    afresh when the corpus, taxonomy, occupations or word vectors change
    (sizes: settings.MATCHING_PREPARED)."""
    cache = _prepared["cache"]
    if cache is not None and cache.serves(context):
        return cache
    with _prepared_lock:
        cache = _prepared["cache"]
        if cache is None or not cache.serves(context):
            cache = PreparedCache(context_parts(context), **settings.MATCHING_PREPARED)
            _prepared["cache"] = cache
    return cache
