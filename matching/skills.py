"""The process-wide taxonomy index and the helpers the other apps call.

The index is built once per process from the database (3 queries, ~1 900 skills) and
rebuilt when the taxonomy version token in the shared cache changes — services that
change the taxonomy (`taxonomy_load`, admin saves) bump it, so every process picks up
edits on its next call. The token lives in the database too (`TaxonomyVersion`): if
the cache loses it, it is read back (1 query) and a process whose index has that
token keeps it, instead of every process rebuilding (~70 ms of CPU each).
"""

from __future__ import annotations

import re
import threading

from django.core.cache import cache

from matching.engine.linker import link_skill
from matching.engine.taxonomy import SkillEntry, SkillHit, SkillRef, Taxonomy
from matching.models import RelatedSkill, Skill, SkillAlias, TaxonomyVersion
from matching.services import TAXONOMY_VERSION_CACHE_KEY

NO_TOKEN = "none"  # no TaxonomyVersion row yet: every process agrees on it
_lock = threading.Lock()
_state: dict[str, object] = {"version": None, "taxonomy": None}


def _build_from_db(version: str) -> Taxonomy:
    aliases: dict[int, list[str]] = {}
    for skill_id, key, text in SkillAlias.objects.values_list(
        "skill_id", "alias", "text"
    ):
        aliases.setdefault(skill_id, []).append(text or key)
    related: dict[int, dict[str, float]] = {}
    for from_id, to_slug, weight in RelatedSkill.objects.values_list(
        "from_skill_id", "to_skill__slug", "weight"
    ):
        related.setdefault(from_id, {})[to_slug] = weight
    entries = [
        SkillEntry(
            id=skill_id,
            slug=slug,
            name=name,
            category=category,
            aliases=tuple(aliases.get(skill_id, ())),
            related=related.get(skill_id, {}),
            occupations=occupations,
        )
        for skill_id, slug, name, category, occupations in Skill.objects.values_list(
            "id", "slug", "name", "category", "occupation_count"
        )
    ]
    return Taxonomy(entries, version=version)


def taxonomy_version_from_db() -> str:
    """The token `taxonomy_bump_version` last wrote (1 query)."""
    token = TaxonomyVersion.objects.values_list("token", flat=True).first()
    return token or NO_TOKEN


def taxonomy_version() -> str:
    """The current version token (from the shared cache, else the database)."""
    version = cache.get(TAXONOMY_VERSION_CACHE_KEY)
    if version is None:
        version = taxonomy_version_from_db()
        cache.set(TAXONOMY_VERSION_CACHE_KEY, version, timeout=None)
    return version


def get_taxonomy() -> Taxonomy:
    """The current taxonomy index (cached per process, keyed by version)."""
    version = taxonomy_version()
    taxonomy = _state["taxonomy"]
    if taxonomy is not None and _state["version"] == version:
        return taxonomy
    with _lock:
        taxonomy = _build_from_db(version)
        _state["taxonomy"], _state["version"] = taxonomy, version
    return taxonomy


def resolve_skill(text: str) -> SkillRef | None:
    """The canonical skill for a spelling, or None for unknown text."""
    return get_taxonomy().normalize(text)


def normalize_skill(text: str) -> str | None:
    """Canonical skill name: normalize_skill("react.js") == "React"; unknown → None.

    Callers keep unknown input as free text rather than dropping it.
    """
    ref = resolve_skill(text)
    return ref.name if ref else None


def extract_skills(text: str) -> list[SkillHit]:
    """Skills mentioned in free text, each with its line as evidence."""
    return get_taxonomy().extract(text)


_SLUG_SHAPED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def link_filter_skills(items, *, unlinked=str.lower) -> list[str]:
    """Skill slugs for a search filter typed as slugs or as people write skills
    ("react", "React.js", "MS Excel", "C#"): an item written as a slug
    ("react-native") is taken as one without building the taxonomy index (links and
    saved searches carry slugs); anything else goes through the one skill linker.
    What does not link is kept (`unlinked`: lowercased, or e.g. slugified): it then
    matches nothing and the search's "did you mean" can correct it. Repeats
    dropped, order kept."""
    texts = [t for t in ((item or "").strip() for item in items) if t]
    slugs, taxonomy = [], None
    for text in texts:
        if _SLUG_SHAPED.fullmatch(text):
            slugs.append(text)
            continue
        taxonomy = taxonomy or get_taxonomy()
        link = link_skill(text, taxonomy)
        slugs.append(link.skill.slug if link.skill else unlinked(text))
    return list(dict.fromkeys(slugs))
