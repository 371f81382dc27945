"""Build matching/data/occupations.json.gz from the O*NET database text files.

Run from the project root, with the O*NET 29.2 "Database - Text" files unpacked in a
folder (https://www.onetcenter.org/database.html, CC BY 4.0, see ONET_LICENSE.md):

    .venv/bin/python matching/data/build_occupations.py /path/to/onet_text_files

What it reads and writes (the subset and why: README.md beside this file):

* `Occupation Data.txt` → every O*NET-SOC occupation: code, title, first sentence
  of the description, a field (tech, health, trades, …) from its SOC group.
* `Alternate Titles.txt` and `Sample of Reported Titles.txt` → the titles people
  and employers write for it (all of them, deduplicated ignoring case, ≤ 80 chars).
* `Technology Skills.txt` → tools and software. A tool named for at least
  `MIN_OCCUPATIONS` occupations, or flagged Hot Technology / In Demand, is kept.
  Each is linked to today's curated skills (matching/data/skills.json) with the one
  skill linker (no fuzzy step); a tool that links merges into that skill (its O*NET
  name becomes an alias), one that does not becomes a new skill. Occupation → tool
  relations are "essential" when O*NET marks the tool In Demand for that occupation,
  "optional" otherwise.

The output is deterministic (sorted), so a rebuild from the same release is
byte-identical apart from gzip's header (mtime fixed to 0).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from django.utils.text import slugify  # noqa: E402

from matching.engine.linker import FUZZY, link_skill  # noqa: E402
from matching.engine.taxonomy import taxonomy_from_data  # noqa: E402

SOURCE_RELEASE = "O*NET 29.2 (February 2025)"
VERSION = "onet-29.2.1"
OUTPUT = HERE / "occupations.json.gz"
MIN_OCCUPATIONS = 3
MAX_TITLE = 80

# SOC 2018 group → HotGigs field. Longest prefix wins.
FIELDS = {
    "11": "business",
    "11-3031": "finance",
    "11-3071": "logistics",
    "11-3021": "tech",
    "11-9051": "hospitality",
    "11-9081": "hospitality",
    "11-9111": "health",
    "11-9021": "trades",
    "11-2022": "sales",
    "13": "business",
    "13-2": "finance",
    "13-1081": "logistics",
    "15": "tech",
    "17": "engineering",
    "19": "science",
    "21": "social",
    "23": "legal",
    "25": "education",
    "27": "arts",
    "29": "health",
    "31": "health",
    "33": "protective",
    "35": "hospitality",
    "37": "services",
    "39": "services",
    "39-7": "hospitality",
    "41": "sales",
    "43": "business",
    "43-3": "finance",
    "43-4081": "hospitality",
    "43-5": "logistics",
    "45": "agriculture",
    "47": "trades",
    "49": "trades",
    "51": "trades",
    "53": "logistics",
    "55": "military",
}


def field_for(code: str) -> str:
    best = ""
    for prefix in FIELDS:
        if code.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return FIELDS.get(best, "other")


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return (head + (dot.strip() or "")).strip()[:400]


def build(folder: Path) -> dict:
    curated = json.loads((HERE / "skills.json").read_text(encoding="utf-8"))
    taxonomy = taxonomy_from_data(curated)

    occupations: dict[str, dict] = {}
    for row in _rows(folder, "Occupation Data.txt"):
        code = row["O*NET-SOC Code"]
        occupations[code] = {
            "code": code,
            "title": row["Title"].strip(),
            "field": field_for(code),
            "description": _first_sentence(row["Description"]),
            "titles": [],
        }
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for name, column in (
        ("Sample of Reported Titles.txt", "Reported Job Title"),
        ("Alternate Titles.txt", "Alternate Title"),
    ):
        for row in _rows(folder, name):
            code, title = row["O*NET-SOC Code"], " ".join(row[column].split())
            if code in occupations and title and len(title) <= MAX_TITLE:
                key = title.casefold()
                if key != occupations[code]["title"].casefold():
                    titles[code].setdefault(key, title)
    for code, found in titles.items():
        occupations[code]["titles"] = sorted(found.values(), key=str.casefold)

    tech = _rows(folder, "Technology Skills.txt")
    spread = Counter()
    flagged = set()
    for row in tech:
        spread[row["Example"]] += 1
        if row["Hot Technology"] == "Y" or row["In Demand"] == "Y":
            flagged.add(row["Example"])
    kept = sorted(
        {n for n, c in spread.items() if c >= MIN_OCCUPATIONS} | flagged,
        key=str.casefold,
    )
    slug_of: dict[str, str] = {}
    merged: dict[str, list[str]] = defaultdict(list)
    new_skills: dict[str, dict] = {}
    used_slugs = {s["slug"] for s in curated["skills"]}
    for name in kept:
        link = link_skill(name, taxonomy)
        if link.skill is not None and link.method != FUZZY:
            slug_of[name] = link.skill.slug
            if name.casefold() != link.skill.name.casefold():
                merged[link.skill.slug].append(name)
            continue
        slug = slugify(name)[:140] or "tool"
        base, n = slug, 2
        while slug in used_slugs:
            slug, n = f"{base}-{n}", n + 1
        used_slugs.add(slug)
        slug_of[name] = slug
        new_skills[slug] = {
            "slug": slug,
            "name": name[:120],
            "category": "technology",
            "aliases": [],
        }

    relations: dict[tuple[str, str], str] = {}
    for row in tech:
        name, code = row["Example"], row["O*NET-SOC Code"]
        if name not in slug_of or code not in occupations:
            continue
        kind = "essential" if row["In Demand"] == "Y" else "optional"
        pair = (code, slug_of[name])
        if relations.get(pair) != "essential":
            relations[pair] = kind

    return {
        "version": VERSION,
        "source": SOURCE_RELEASE,
        "license": "CC BY 4.0 (O*NET); see matching/data/ONET_LICENSE.md",
        "occupations": [occupations[c] for c in sorted(occupations)],
        "skills": [new_skills[s] for s in sorted(new_skills)],
        "aliases": {slug: sorted(set(names)) for slug, names in sorted(merged.items())},
        "relations": [[c, s, k] for (c, s), k in sorted(relations.items())],
    }


def write(data: dict, path: Path = OUTPUT) -> None:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    with (
        path.open("wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(raw)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    data = build(Path(argv[1]))
    write(data)
    print(
        f"{OUTPUT.name}: {len(data['occupations'])} occupations, "
        f"{sum(len(o['titles']) for o in data['occupations'])} titles, "
        f"{len(data['skills'])} new tools, {len(data['aliases'])} merged into "
        f"curated skills, {len(data['relations'])} relations"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
