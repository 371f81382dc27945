"""Build the O*NET-derived evaluation set (jobs.json, candidates.json, grades.json).

Run from the project root:
    .venv/bin/python matching/data/evaluation_onet/build_onet_set.py

Written from the open taxonomy, never from the engine: for 7 occupations in each of
7 fields (49 occupations, the ones with the most tools, ties by code) it writes 6
postings and 2 profiles each. A posting's title is one of the occupation's
alternative titles (sometimes with a seniority word or "(m/f/d)"); its skills are 4
of the occupation's O*NET tools, each written in one of its real spellings (the
O*NET name, the curated name or an alias: "Microsoft Excel", "MS Excel",
"Spreadsheet software"…) and linked to the taxonomy with the product's one skill
linker (a spelling that does not link stays in the text only, as in the product);
its text is the occupation's description and the tools as written. A profile's
headline is another alternative title, with 3 other tools in other spellings.

Grades come from the occupation codes only: 3 same occupation, 2 same detailed SOC
occupation (29-1141.00 / 29-1141.03), 1 same broad group (15-125x), else 0, by
the codes' prefixes (`grade`; fixed when the set was built, so a change to the
engine's `occupation_affinity` never regrades the set).
Candidates of occupations whose position in the sorted list is even are the
tuning split, odd ones the held-out split (jobs are shared).
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT))

from matching.engine.linker import link_skill  # noqa: E402
from matching.engine.taxonomy import SkillEntry, Taxonomy  # noqa: E402

FIELDS = ("tech", "health", "trades", "finance", "sales", "logistics", "hospitality")
PER_FIELD = 7
JOBS_PER_OCCUPATION = 6
PROFILES_PER_OCCUPATION = 2
SEED = 17
SENIORITY = ("", "", "", "Senior ", "Junior ", "Lead ")
SUFFIX = ("", "", "", " (m/f/d)", " - Full Time")


def _taxonomy(curated: dict, onet: dict) -> tuple[Taxonomy, dict[str, list[str]]]:
    spellings: dict[str, list[str]] = {}
    entries = []
    for skill in curated["skills"]:
        extra = onet["aliases"].get(skill["slug"], [])
        aliases = [*skill["aliases"], *extra]
        spellings[skill["slug"]] = [skill["name"], *aliases]
        entries.append(
            SkillEntry(skill["slug"], skill["name"], skill["category"], tuple(aliases))
        )
    for skill in onet["skills"]:
        spellings[skill["slug"]] = [skill["name"]]
        entries.append(SkillEntry(skill["slug"], skill["name"], skill["category"]))
    return Taxonomy(entries), spellings


def grade(a: str, b: str) -> int:
    """3 same O*NET-SOC code, 2 same detailed SOC code, 1 same broad group, 0."""
    if a == b:
        return 3
    for length, value in ((7, 2), (6, 1)):
        if a[:length] == b[:length]:
            return value
    return 0


def build() -> dict:
    rng = random.Random(SEED)
    curated = json.loads((ROOT / "matching/data/skills.json").read_text())
    onet = json.loads(
        gzip.decompress((ROOT / "matching/data/occupations.json.gz").read_bytes())
    )
    taxonomy, spellings = _taxonomy(curated, onet)
    tools: dict[str, list[tuple[str, str]]] = {}
    for code, slug, kind in onet["relations"]:
        tools.setdefault(code, []).append((slug, kind))
    chosen = []
    for field in FIELDS:
        pool = [
            o
            for o in onet["occupations"]
            if o["field"] == field
            and len(o["titles"]) >= 6
            and len(tools.get(o["code"], ())) >= 8
        ]
        pool.sort(key=lambda o: (-len(tools[o["code"]]), o["code"]))
        chosen += pool[:PER_FIELD]
    chosen.sort(key=lambda o: o["code"])

    def written(slug: str) -> str:
        return rng.choice(spellings.get(slug) or [slug])

    def link(texts: list[str], context: str) -> list[str]:
        slugs = []
        for text in texts:
            found = link_skill(text, taxonomy, context=[context, *texts])
            if found.skill is not None and found.skill.slug not in slugs:
                slugs.append(found.skill.slug)
        return slugs

    jobs, candidates = [], []
    for position, occ in enumerate(chosen):
        related = sorted(tools[occ["code"]], key=lambda t: (t[1] != "essential", t[0]))
        slugs = [s for s, _ in related]
        titles = list(occ["titles"])
        rng.shuffle(titles)
        for n in range(JOBS_PER_OCCUPATION):
            title = rng.choice(SENIORITY) + titles[n % len(titles)] + rng.choice(SUFFIX)
            picked = rng.sample(slugs[:12], min(4, len(slugs[:12])))
            texts = [written(s) for s in picked]
            text = f"{occ['description']} You will use {', '.join(texts)}."
            jobs.append(
                {
                    "id": len(jobs) + 1,
                    "occupation": occ["code"],
                    "field": occ["field"],
                    "title": title,
                    "level": None,
                    "min_years": None,
                    "city": "Berlin",
                    "country": "DE",
                    "remote_policy": "onsite",
                    "salary": [None, None, ""],
                    "skills": [[s, True] for s in link(texts, title)],
                    "written_skills": texts,
                    "text": text,
                }
            )
        for n in range(PROFILES_PER_OCCUPATION):
            headline = titles[(JOBS_PER_OCCUPATION + n) % len(titles)]
            picked = rng.sample(slugs[:15], min(3, len(slugs[:15])))
            texts = [written(s) for s in picked]
            candidates.append(
                {
                    "id": len(candidates) + 1,
                    "occupation": occ["code"],
                    "field": occ["field"],
                    "split": "tuning" if position % 2 == 0 else "heldout",
                    "level": None,
                    "years": None,
                    "city": "Berlin",
                    "country": "DE",
                    "remote_preference": "any",
                    "willing_to_relocate": False,
                    "salary": [None, None, ""],
                    "skills": [[s, None] for s in link(texts, headline)],
                    "written_skills": texts,
                    "text": f"{headline}. Experienced with {', '.join(texts)}.",
                }
            )
    grades = {
        str(c["id"]): {
            str(j["id"]): grade(c["occupation"], j["occupation"]) for j in jobs
        }
        for c in candidates
    }
    return {"jobs": jobs, "candidates": candidates, "grades": grades}


def main() -> int:
    data = build()
    for name in ("jobs", "candidates", "grades"):
        (HERE / f"{name}.json").write_text(
            json.dumps(data[name], indent=0, ensure_ascii=False) + "\n"
        )
    occupations = {c["occupation"] for c in data["candidates"]}
    print(
        f"{len(occupations)} occupations, {len(data['jobs'])} jobs, "
        f"{len(data['candidates'])} candidates"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
