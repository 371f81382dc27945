"""State changes for the taxonomy: loading the data files, cache invalidation and
the text component's idf table."""

from __future__ import annotations

import gzip
import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.cache import cache
from django.db import connection, transaction

from matching.corpus import set_corpus_version
from matching.engine.taxonomy import skill_key
from matching.engine.text import corpus_stats
from matching.models import (
    Occupation,
    OccupationSkill,
    RelatedSkill,
    Skill,
    SkillAlias,
    TaxonomyVersion,
    TextCorpus,
)

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "skills.json"
OCCUPATIONS_FILE = Path(__file__).resolve().parent / "data" / "occupations.json.gz"
TAXONOMY_VERSION_CACHE_KEY = "matching:taxonomy:version"


def taxonomy_read_file(path: Path = TAXONOMY_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def taxonomy_bump_version() -> str:
    """Invalidate every process's in-memory taxonomy index (matching.skills):
    a new token in the database and in the shared cache."""
    token = uuid.uuid4().hex
    # The data migration that first loads the taxonomy runs before the table
    # exists; only the cache can be bumped then (the table's migration mints one).
    if TaxonomyVersion._meta.db_table in connection.introspection.table_names():
        TaxonomyVersion.objects.update_or_create(pk=1, defaults={"token": token})
    cache.set(TAXONOMY_VERSION_CACHE_KEY, token, timeout=None)
    return token


def taxonomy_load(
    *,
    data: dict | None = None,
    skill_model=None,
    alias_model=None,
    related_model=None,
    log: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Upsert the taxonomy file into the database; safe to run any number of times.

    Skills are matched by slug (name and category updated), aliases by normalised key
    (an alias moves to the skill the file gives it), related links by pair (weight
    updated). Rows added by staff in admin that the file does not mention are kept.
    The model arguments let a data migration pass its historical models.
    """
    data = data if data is not None else taxonomy_read_file()
    skill_model = skill_model or Skill
    alias_model = alias_model or SkillAlias
    related_model = related_model or RelatedSkill
    counts = dict.fromkeys(
        ["skills_created", "skills_updated", "aliases_created", "aliases_updated"], 0
    ) | {"related_created": 0, "related_updated": 0}

    with transaction.atomic():
        existing = {s.slug: s for s in skill_model.objects.all()}
        # A renamed skill may take the name of another row: free names first.
        to_create, to_update = [], []
        for entry in data["skills"]:
            skill = existing.get(entry["slug"])
            if skill is None:
                to_create.append(
                    skill_model(
                        slug=entry["slug"],
                        name=entry["name"],
                        category=entry["category"],
                    )
                )
            elif (skill.name, skill.category) != (entry["name"], entry["category"]):
                skill.name, skill.category = entry["name"], entry["category"]
                to_update.append(skill)
        skill_model.objects.bulk_update(to_update, ["name", "category"], batch_size=500)
        skill_model.objects.bulk_create(to_create, batch_size=500)
        counts["skills_created"], counts["skills_updated"] = (
            len(to_create),
            len(to_update),
        )
        ids = dict(skill_model.objects.values_list("slug", "id"))
        name_keys = {
            skill_key(n) for n in skill_model.objects.values_list("name", flat=True)
        }

        aliases = {a.alias: a for a in alias_model.objects.all()}
        new_aliases, changed_aliases = [], []
        for entry in data["skills"]:
            skill_id = ids[entry["slug"]]
            for text in entry["aliases"]:
                key = skill_key(text)[:120]
                if not key or key in name_keys:
                    continue
                row = aliases.get(key)
                if row is None:
                    row = alias_model(skill_id=skill_id, alias=key, text=text[:120])
                    aliases[key] = row
                    new_aliases.append(row)
                elif (row.skill_id, row.text) != (skill_id, text[:120]):
                    row.skill_id, row.text = skill_id, text[:120]
                    changed_aliases.append(row)
        alias_model.objects.bulk_create(new_aliases, batch_size=1000)
        alias_model.objects.bulk_update(
            changed_aliases, ["skill_id", "text"], batch_size=1000
        )
        counts["aliases_created"] = len(new_aliases)
        counts["aliases_updated"] = len(changed_aliases)

        links = {
            (r.from_skill_id, r.to_skill_id): r for r in related_model.objects.all()
        }
        new_links, changed_links = [], []
        for from_slug, to_slug, weight in data.get("related", []):
            pair = (ids[from_slug], ids[to_slug])
            row = links.get(pair)
            if row is None:
                new_links.append(
                    related_model(
                        from_skill_id=pair[0], to_skill_id=pair[1], weight=weight
                    )
                )
            elif row.weight != weight:
                row.weight = weight
                changed_links.append(row)
        related_model.objects.bulk_create(new_links, batch_size=1000)
        related_model.objects.bulk_update(changed_links, ["weight"], batch_size=1000)
        counts["related_created"] = len(new_links)
        counts["related_updated"] = len(changed_links)
        transaction.on_commit(taxonomy_bump_version)

    if log:
        log(
            f"taxonomy {data.get('version', '?')}: "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    return counts


# --- the labour-market taxonomy (occupations, tools, relations) -----------------


def occupations_read_file(path: Path | str = OCCUPATIONS_FILE) -> dict:
    """The occupations data file (`matching/data/build_occupations.py` writes it);
    gzipped JSON, or plain JSON when the name does not end in `.gz`."""
    path = Path(path)
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else None
    return json.loads(raw if raw is not None else path.read_text(encoding="utf-8"))


def occupations_load(
    *, data: dict | None = None, log: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Upsert occupations, their tools and occupation ↔ skill relations from the
    data file; safe to run any number of times (a second run of the same file
    changes nothing and says so).

    * Tools the file adds are created by slug (an existing slug, curated or edited in
      admin, is left as it is); the file's other spellings of curated skills become
      aliases unless the spelling already belongs to a skill (never moved).
    * Occupations are matched by code: title, field, description and titles are
      updated, `source_version` records the file version.
    * Relations are matched by (occupation, skill); the kind is updated.
    Rows the file does not mention (added in admin) are kept.
    """
    data = data if data is not None else occupations_read_file()
    version = data.get("version", "")
    counts = (
        dict.fromkeys(["skills_created", "aliases_created", "occupations_created"], 0)
        | dict.fromkeys(["occupations_updated", "relations_created"], 0)
        | {"relations_updated": 0}
    )
    with transaction.atomic():
        slugs = set(Skill.objects.values_list("slug", flat=True))
        new_skills = [
            Skill(slug=s["slug"], name=s["name"], category=s["category"])
            for s in data.get("skills", ())
            if s["slug"] not in slugs
        ]
        taken_names = {
            n.casefold() for n in Skill.objects.values_list("name", flat=True)
        }
        new_skills = [s for s in new_skills if s.name.casefold() not in taken_names]
        Skill.objects.bulk_create(new_skills, batch_size=500)
        counts["skills_created"] = len(new_skills)
        ids = dict(Skill.objects.values_list("slug", "id"))

        name_keys = {skill_key(n) for n in Skill.objects.values_list("name", flat=True)}
        alias_keys = set(SkillAlias.objects.values_list("alias", flat=True))
        new_aliases = []
        for slug, spellings in data.get("aliases", {}).items():
            if slug not in ids:
                continue
            for text in spellings:
                key = skill_key(text)[:120]
                if key and key not in name_keys and key not in alias_keys:
                    alias_keys.add(key)
                    new_aliases.append(
                        SkillAlias(skill_id=ids[slug], alias=key, text=text[:120])
                    )
        SkillAlias.objects.bulk_create(new_aliases, batch_size=1000)
        counts["aliases_created"] = len(new_aliases)

        existing = {o.code: o for o in Occupation.objects.all()}
        to_create, to_update = [], []
        fields = ["title", "field", "description", "alternative_titles"]
        for entry in data.get("occupations", ()):
            values = {
                "title": entry["title"][:200],
                "field": entry.get("field") or "other",
                "description": entry.get("description", ""),
                "alternative_titles": list(entry.get("titles", ())),
            }
            row = existing.get(entry["code"])
            if row is None:
                to_create.append(
                    Occupation(code=entry["code"], source_version=version, **values)
                )
            elif any(getattr(row, k) != v for k, v in values.items()) or (
                row.source_version != version
            ):
                for key, value in values.items():
                    setattr(row, key, value)
                row.source_version = version
                to_update.append(row)
        Occupation.objects.bulk_create(to_create, batch_size=500)
        Occupation.objects.bulk_update(
            to_update, [*fields, "source_version"], batch_size=500
        )
        counts["occupations_created"] = len(to_create)
        counts["occupations_updated"] = len(to_update)

        occ_ids = dict(Occupation.objects.values_list("code", "id"))
        links = {
            (r.occupation_id, r.skill_id): r for r in OccupationSkill.objects.all()
        }
        new_links, changed_links = [], []
        for code, slug, kind in data.get("relations", ()):
            if code not in occ_ids or slug not in ids:
                continue
            pair = (occ_ids[code], ids[slug])
            row = links.get(pair)
            if row is None:
                row = OccupationSkill(
                    occupation_id=pair[0], skill_id=pair[1], relation=kind
                )
                links[pair] = row
                new_links.append(row)
            elif row.relation != kind:
                row.relation = kind
                changed_links.append(row)
        OccupationSkill.objects.bulk_create(new_links, batch_size=2000)
        OccupationSkill.objects.bulk_update(
            changed_links, ["relation"], batch_size=2000
        )
        counts["relations_created"] = len(new_links)
        counts["relations_updated"] = len(changed_links)
        # how many occupations use each skill: scoring weighs skills by rarity
        spread = Counter(OccupationSkill.objects.values_list("skill_id", flat=True))
        recount = []
        for skill in Skill.objects.only("id", "occupation_count"):
            if skill.occupation_count != spread.get(skill.pk, 0):
                skill.occupation_count = spread.get(skill.pk, 0)
                recount.append(skill)
        Skill.objects.bulk_update(recount, ["occupation_count"], batch_size=1000)
        counts["skills_recounted"] = len(recount)
        if (
            counts["skills_created"]
            or counts["skills_recounted"]
            or counts["aliases_created"]
            or any(counts[k] for k in ("occupations_created", "occupations_updated"))
        ):
            transaction.on_commit(taxonomy_bump_version)
    if log:
        log(
            f"occupations {version}: "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    return counts


# --- the text component's idf ---------------------------------------------------

# Terms kept: document frequencies settle long before 20,000 documents, and the
# row stays a few hundred kB however many jobs there are.
CORPUS_TERMS = 20_000


def text_corpus_replace(
    *, texts: Iterable[str], top_terms: int = CORPUS_TERMS
) -> TextCorpus:
    """Recompute the document frequencies the text component weighs terms by
    (`matching.corpus`) from `texts` (the caller picks the documents:
    `jobs.ranking.services.text_corpus_refresh` reads the newest published
    jobs), tokenised as the engine tokenises them, keeping the `top_terms` most
    frequent terms (ties by term, so the same texts write the same table).
    Replaces the previous row; every process picks the new one up on its next
    scoring call. Match scores move when it runs: cached rankings hang off its
    version.
    """
    stats = corpus_stats(texts)
    kept = sorted(stats.doc_freq.items(), key=lambda item: (-item[1], item[0]))
    with transaction.atomic():
        row = TextCorpus.objects.create(
            doc_count=stats.doc_count,
            avg_len=round(stats.avg_len, 4),
            doc_freq=dict(kept[:top_terms]),
        )
        TextCorpus.objects.exclude(pk=row.pk).delete()
        transaction.on_commit(lambda: set_corpus_version(row.pk))
    return row
