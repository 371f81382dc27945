"""Build the real-text evaluation set from the City of New York's job postings.

    .venv/bin/python matching/data/evaluation_real/build_real_set.py SOURCE [OUT_DIR]

SOURCE is `nyc-jobs.csv` (or a zip holding it): the NYC Open Data data set "Jobs NYC
Postings" (kpav-sd4t, City of New York, DCAS) as exported on 2019-07-23 (3,028 rows,
1,691 postings; sha256 of the CSV in `SOURCE_SHA256`). Nothing of it is committed:
`matching.evaluation.load_real_set` builds the set in memory from the file (see the
README next to this script); with OUT_DIR this script writes the set as
jobs.json / candidates.json / grades.json there (e.g. under `var/`) to read it.

Every posting's text stays as the city wrote it; only the source's double-encoded
characters ("â€™" for "’") are decoded back (the file has no HTML). The labels come
from the source only, never from the engine:

* relevance: the civil service title (`Title Code No`, the city's classification of
  the post) and the job categories the agency ticked (`Job Category`, up to three);
* field: the first listed category, mapped by `fields.json` (written by label name
  before any engine result was looked at).

No openly licensed set of real resumes with occupation labels was found (see the
README), so each "candidate" is a real posting held out of the job pool and read as
the experience of someone who has done that job: its business title as headline and
latest title, its description and preferred skills as the profile text. Grades of
a candidate against a job: 3 same civil service title and same first category, 2
same civil service title, 1 a category in common, else 0.

Selection (deterministic, no randomness): postings are deduplicated by Job ID (the
external posting kept), then by (agency, business title) and by the start of the
description (reposted ads), keeping the lowest Job ID; those without a description
(under 200 characters), title code or category are dropped. Candidates are taken
from civil service titles with at least `MIN_TITLE_POSTINGS` postings (so each has
at least two relevant jobs left): the title's first posting in Job ID order, and its
ninth (index `TITLE_STRIDE`) when it has more than eight; every other posting is a
job. Candidates are split into tuning and held out by civil service title
(`split_by_title`).

Structured fields are what the source gives: the job's salary range (yearly, USD),
New York, on site; the candidate has no salary, years or level. Skills are the
taxonomy's skills the product's resume analysis finds in the text (`find_skills`
over the curated list and the O*NET tools, as the product loads them); a job's skill
is required when its minimum qualifications name it.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from matching.engine.resume import find_skills  # noqa: E402
from matching.engine.taxonomy import SkillEntry, Taxonomy  # noqa: E402
from matching.engine.types import yearly  # noqa: E402

SOURCE_NAME = "nyc-jobs.csv"
SOURCE_SHA256 = "94e69eac6896d53c0decad3eb9ce539bbbf447097ef060020a1cc37b1af58977"
MIN_DESCRIPTION = 200
MIN_TITLE_POSTINGS = 3
TITLE_STRIDE = 8
MAX_PER_TITLE = 2
FIELDS_FILE = HERE / "fields.json"
MOJIBAKE = re.compile(  # UTF-8 lead byte then a continuation byte, read as cp1252
    "[\u00c2\u00c3\u00e2]"
    "[\u0080-\u00bf\u0152-\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
PERIOD = {"Annual": "year", "Hourly": "hour", "Daily": "day"}


class SourceError(ValueError):
    """The file is not the snapshot the set (and its figures) are built from."""


def read_source(path: Path) -> bytes:
    """The CSV's bytes, from the CSV or a zip holding it; checked against the
    snapshot's sha256."""
    return read_pinned(path, SOURCE_NAME, SOURCE_SHA256, "the 2019-07-23 snapshot")


def read_pinned(path: Path, name: str, sha256: str, pinned: str) -> bytes:
    """The bytes of the file `name`, given as itself or in a zip at `path`;
    `SourceError` unless their sha256 is `sha256` (`pinned` says which copy)."""
    data = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.endswith(name)]
            if not names:
                raise SourceError(f"{path}: no {name} inside")
            data = archive.read(names[0])
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise SourceError(f"{path}: sha256 {digest} is not {pinned} ({sha256})")
    return data


def _byte(ch: str) -> bytes:
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        if ord(ch) < 256:  # a byte cp1252 leaves undefined (0x81, 0x8d, 0x9d…)
            return bytes([ord(ch)])
        raise


def repair(text: str) -> str:
    """Undo the source's double encoding ("â€™" → "’"); text that does not decode
    back is kept as it is."""
    if not MOJIBAKE.search(text):
        return text
    try:
        return b"".join(_byte(ch) for ch in text).decode("utf-8")
    except UnicodeError:
        return text


def categories_of(value: str, names: list[str]) -> list[str]:
    """The source joins an agency's categories with a space ("Health Policy,
    Research & Analysis"): split by the known names, longest first."""
    found, rest = [], value.strip()
    ordered = sorted(names, key=len, reverse=True)
    while rest:
        name = next((n for n in ordered if rest.startswith(n)), None)
        if name is None:
            raise ValueError(f"unknown job category {rest!r}: add it to fields.json")
        found.append(name)
        rest = rest[len(name) :].strip()
    return found


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def select_postings(rows: list[dict], names: list[str]) -> list[dict]:
    """One row per posting, without reposts, each with its categories."""
    by_id: dict[str, dict] = {}
    for row in rows:
        kept = by_id.get(row["Job ID"])
        if kept is None or (
            row["Posting Type"] == "External" and kept["Posting Type"] != "External"
        ):
            by_id[row["Job ID"]] = row
    postings, seen_titles, seen_texts = [], set(), set()
    for row in sorted(by_id.values(), key=lambda r: int(r["Job ID"])):
        description = repair(row["Job Description"]).strip()
        if (
            len(description) < MIN_DESCRIPTION
            or not row["Title Code No"].strip()
            or not row["Job Category"].strip()
        ):
            continue
        title_key = (row["Agency"], _key(repair(row["Business Title"])))
        text_key = _key(description)[:300]
        if title_key in seen_titles or text_key in seen_texts:
            continue
        seen_titles.add(title_key)
        seen_texts.add(text_key)
        postings.append(
            {
                "job_id": int(row["Job ID"]),
                "title": repair(row["Business Title"]).strip(),
                "title_code": row["Title Code No"].strip(),
                "civil_service_title": row["Civil Service Title"].strip(),
                "agency": row["Agency"].strip(),
                "categories": categories_of(row["Job Category"], names),
                "description": description,
                "qualifications": repair(row["Minimum Qual Requirements"]).strip(),
                "preferred": repair(row["Preferred Skills"]).strip(),
                "salary": _salary(row),
            }
        )
    return postings


def _salary(row: dict) -> list:
    period = PERIOD.get(row["Salary Frequency"])
    try:
        low, high = float(row["Salary Range From"]), float(row["Salary Range To"])
    except ValueError:
        return [None, None, ""]
    if period is None or high <= 0:
        return [None, None, ""]
    return [yearly(low, period) if low > 0 else None, yearly(high, period), "USD"]


def grade(candidate: dict, job: dict) -> int:
    same_title = candidate["title_code"] == job["title_code"]
    if same_title and candidate["categories"][0] == job["categories"][0]:
        return 3
    if same_title:
        return 2
    return 1 if set(candidate["categories"]) & set(job["categories"]) else 0


@lru_cache(maxsize=1)
def product_taxonomy() -> Taxonomy:
    """The curated skills and the O*NET tools, as `load_skills` and
    `load_occupations` give the product."""
    curated = json.loads((ROOT / "matching/data/skills.json").read_text())
    onet = json.loads(
        gzip.decompress((ROOT / "matching/data/occupations.json.gz").read_bytes())
    )
    entries = [
        SkillEntry(
            s["slug"],
            s["name"],
            s["category"],
            (*s["aliases"], *onet["aliases"].get(s["slug"], [])),
        )
        for s in curated["skills"]
    ]
    entries += [SkillEntry(s["slug"], s["name"], s["category"]) for s in onet["skills"]]
    return Taxonomy(entries)


def _slugs(text: str, taxonomy: Taxonomy) -> list[str]:
    return list(dict.fromkeys(hit.skill.slug for hit in find_skills(text, taxonomy)))


def load_fields() -> dict[str, str]:
    """NYC job category → field, from `fields.json`."""
    return {k: v for k, v in json.loads(FIELDS_FILE.read_text()).items() if k[0] != "_"}


def build(source: Path) -> dict:
    """The set from the source file (checked against `SOURCE_SHA256`)."""
    rows = list(csv.DictReader(io.StringIO(read_source(source).decode("utf-8"))))
    return build_from_rows(rows, product_taxonomy())


def build_from_rows(rows: list[dict], taxonomy: Taxonomy) -> dict:
    """{"jobs", "candidates", "grades"} in the shape `matching.evaluation` reads,
    from the source's rows (dicts by column name)."""
    fields = load_fields()
    postings = select_postings(rows, list(fields))
    by_title: dict[str, list[dict]] = {}
    for posting in postings:
        by_title.setdefault(posting["title_code"], []).append(posting)
    held_out = {
        p["job_id"]
        for group in by_title.values()
        if len(group) >= MIN_TITLE_POSTINGS
        for p in group[::TITLE_STRIDE][:MAX_PER_TITLE]
    }
    jobs, candidates = [], []
    for p in postings:
        labels = {
            "source_id": p["job_id"],
            "title_code": p["title_code"],
            "civil_service_title": p["civil_service_title"],
            "categories": p["categories"],
            "field": fields[p["categories"][0]],
        }
        if p["job_id"] in held_out:
            text = "\n".join(
                x for x in (p["title"], p["description"], p["preferred"]) if x
            )
            candidates.append(
                labels
                | {
                    "id": len(candidates) + 1,
                    "split": None,  # split_by_title below
                    "titles": [p["title"]],
                    "level": None,
                    "years": None,
                    "city": "New York",
                    "country": "US",
                    "remote_preference": "any",
                    "willing_to_relocate": False,
                    "salary": [None, None, ""],
                    "skills": [[s, None] for s in _slugs(text, taxonomy)],
                    "text": text,
                }
            )
        else:
            required = set(_slugs(p["qualifications"], taxonomy))
            body = "\n".join(
                x for x in (p["description"], p["qualifications"], p["preferred"]) if x
            )
            jobs.append(
                labels
                | {
                    "id": len(jobs) + 1,
                    "title": p["title"],
                    "level": None,
                    "min_years": None,
                    "city": "New York",
                    "country": "US",
                    "remote_policy": "onsite",
                    "salary": p["salary"],
                    "skills": [
                        [s, s in required]
                        for s in _slugs(f"{p['title']}\n{body}", taxonomy)
                    ],
                    "text": body,
                }
            )
    split_by_title(candidates)
    grades = {
        str(c["id"]): {str(j["id"]): grade(c, j) for j in jobs} for c in candidates
    }
    return {"jobs": jobs, "candidates": candidates, "grades": grades}


def split_by_title(candidates: list[dict]) -> None:
    """Each candidate's split: a civil service title counts in the field of its
    first candidate; within a field, titles in code order alternate held out,
    tuning, held out… A title's candidates share its split, so no title is on
    both sides and every field with two titles or more is on both."""
    field_of: dict[str, str] = {}
    for c in candidates:
        field_of.setdefault(c["title_code"], c["field"])
    titles: dict[str, list[str]] = {}
    for code, field in sorted(field_of.items()):
        titles.setdefault(field, []).append(code)
    split = {
        code: "heldout" if n % 2 == 0 else "tuning"
        for codes in titles.values()
        for n, code in enumerate(codes)
    }
    for c in candidates:
        c["split"] = split[c["title_code"]]
