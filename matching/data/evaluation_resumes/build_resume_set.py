"""Build the real-resume evaluation set: real resumes against the City of New
York's real postings.

    .venv/bin/python matching/data/evaluation_resumes/build_resume_set.py \\
        RESUMES POSTINGS [OUT_DIR]

RESUMES is `UpdatedResumeDataSet.csv` (or a zip holding it), the Kaggle "Resume
Dataset" (962 rows, columns `Category` and `Resume`; sha256 in `SOURCE_SHA256`);
POSTINGS the NYC postings file `build_real_set.py` reads. Nothing of either is
committed: `matching.evaluation.load_resume_set` builds the set in memory (see the
README next to this script); with OUT_DIR this script writes jobs.json /
candidates.json / grades.json there (e.g. under `var/`) to read it.

* Jobs: the real-text set's jobs exactly (`build_real_set.build`: the same 803
  postings, ids, texts and skills), so the two sets share one pool.
* Candidates: the resumes, deduplicated (the file repeats most of them: 962 rows,
  166 distinct), each read the way the product reads an uploaded resume:
  `analyze_resume` then `profile_suggestions` on an empty profile (what "Fill my
  profile from this resume" proposes), every proposed skill through the one skill
  linker (`link_skill`, as `candidate_skill_save` links a name), and the engine's
  candidate as `jobs.ranking.builders` builds it from the filled profile: headline,
  summary, skill names and role titles as the text, the headline and the first two
  roles as titles, the proposed years and place. The filled profile's summary is
  the resume's text (the fill proposes none; without it the text would be a
  headline and a skill list). Only the source's double-encoded characters are
  decoded back (`build_real_set.repair`: "â€¢" → "•").
* Grades (from labels only, never from the engine): `categories.json` maps each
  resume category to the NYC civil service titles that are the same work (2) and
  the NYC job categories of the same broad field (1); else 0. A category with no
  same-work title in the pool gets no candidates (nothing relevant to find).

Every candidate is held out: this set is never tuned on (`fit_weights.TUNING_SETS`
does not name it).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from matching.data.evaluation_real import build_real_set  # noqa: E402
from matching.data.evaluation_real.build_real_set import (  # noqa: E402
    SourceError,
    product_taxonomy,
    read_pinned,
    repair,
)
from matching.engine.resume import (  # noqa: E402
    analyze_resume,
    link_skill,
    profile_suggestions,
)
from matching.engine.taxonomy import Taxonomy  # noqa: E402

SOURCE_NAME = "UpdatedResumeDataSet.csv"
SOURCE_SHA256 = "ceff72c24273b907f18b034fa8ec8f813aaa142c6134a78e694f90ffb1d1746c"
CATEGORIES_FILE = HERE / "categories.json"
# "present" in a resume counts up to the NYC snapshot's date, so years are the
# same on every run (the resumes are of 2018-2019).
TODAY = date(2019, 7, 23)
EMPTY_PROFILE = {
    "headline": "", "skills": [], "years_experience": None, "experience": [],
    "education": [], "city": "", "country": "",
}  # fmt: skip
SAME_WORK, SAME_FIELD = 2, 1

__all__ = ["SourceError", "build", "build_from_rows", "grade", "read_source"]


def read_source(path: Path) -> bytes:
    """The CSV's bytes, from the CSV or a zip holding it; checked against
    `SOURCE_SHA256` (the copies on GitHub differ in line endings, encoding and
    edits: only this one is the set)."""
    return read_pinned(
        path,
        SOURCE_NAME,
        SOURCE_SHA256,
        "the copy the set is defined on (matching/data/evaluation_resumes/README.md)",
    )


def load_categories() -> dict[str, dict]:
    """Resume category → {"field", "same_work": {"titles", "first_categories"?},
    "same_field"}, from `categories.json`."""
    return json.loads(CATEGORIES_FILE.read_text())["categories"]


def unique_resumes(rows: list[dict]) -> list[dict]:
    """The distinct (category, resume) pairs in file order, each with its first
    row (1 = the first data row) and the number of rows that repeat it."""
    kept: dict[tuple[str, str], dict] = {}
    for n, row in enumerate(rows, start=1):
        key = (row["Category"].strip(), row["Resume"])
        if key in kept:
            kept[key]["rows"] += 1
        else:
            kept[key] = {"row": n, "rows": 1, "category": key[0], "text": key[1]}
    return list(kept.values())


def grade(labels: dict, job: dict) -> int:
    """A resume category's grade for a NYC job (a `build_real_set` job)."""
    same_work = labels["same_work"]
    first = same_work.get("first_categories")
    if job["title_code"] in same_work["titles"] and (
        first is None or job["categories"][0] in first
    ):
        return SAME_WORK
    if set(job["categories"]) & set(labels["same_field"]):
        return SAME_FIELD
    return 0


def check_categories(categories: dict[str, dict], jobs: list[dict]) -> None:
    """Every title the mapping names is in the pool under that civil service title,
    and every field category is one the NYC source uses (catches a typo'd code)."""
    pool = {j["title_code"]: j["civil_service_title"] for j in jobs}
    known = set(build_real_set.load_fields())
    for name, labels in categories.items():
        for code, title in labels["same_work"]["titles"].items():
            if pool.get(code) != title:
                raise ValueError(
                    f"{name}: title {code} {title!r} is not in the NYC pool "
                    f"(the pool has {pool.get(code)!r})"
                )
        unknown = (
            set(labels["same_field"])
            | set(labels["same_work"].get("first_categories", ()))
        ) - known
        if unknown:
            raise ValueError(f"{name}: unknown NYC job categories {sorted(unknown)}")


def candidate_from_resume(
    number: int, resume: dict, labels: dict, taxonomy: Taxonomy
) -> dict:
    """A resume as the candidate of a profile filled from it (see the module
    docstring)."""
    text = repair(resume["text"]).strip()
    analysis = analyze_resume(text, taxonomy=taxonomy, today=TODAY)
    proposal = profile_suggestions(analysis, EMPTY_PROFILE)
    skills: dict[str, str] = {}  # slug → the name the profile keeps
    for proposed in proposal["skills_to_add"]:
        linked = link_skill(proposed["name"], taxonomy)
        if linked is not None:
            skills.setdefault(linked.slug, linked.name)
    headline = (proposal["headline"] or "")[:200]
    roles = [entry["title"][:200] for entry in proposal["experience_entries"]]
    location = proposal["location"] or {}
    years = proposal["years_experience"]
    return {
        "id": number,
        "source_row": resume["row"],
        "source_rows": resume["rows"],
        "category": resume["category"],
        "field": labels["field"],
        "split": "heldout",
        "titles": [t for t in [headline, *roles[:2]] if t],
        "level": None,
        "years": min(70, round(years)) if years else None,
        "city": location.get("city", ""),
        "country": (location.get("country") or "").upper()[:2],
        "remote_preference": "any",
        "willing_to_relocate": False,
        "salary": [None, None, ""],
        "skills": [[slug, None] for slug in skills],
        # builders._candidate_data: headline, summary, skill names, "title description"
        "text": "\n".join(
            [headline, text, *skills.values(), *(f"{title} " for title in roles)]
        ),
    }


def build(source: Path, postings: Path) -> dict:
    """The set from the resume file (checked against `SOURCE_SHA256`) and the NYC
    postings file (checked by `build_real_set`)."""
    rows = list(csv.DictReader(io.StringIO(read_source(source).decode("utf-8"))))
    jobs = build_real_set.build(postings)["jobs"]
    categories = load_categories()
    check_categories(categories, jobs)
    return build_from_rows(rows, jobs, product_taxonomy(), categories)


def build_from_rows(
    rows: list[dict],
    jobs: list[dict],
    taxonomy: Taxonomy,
    categories: dict[str, dict] | None = None,
) -> dict:
    """{"jobs", "candidates", "grades", "counts"} in the shape `matching.evaluation`
    reads, from the resume rows (dicts by column name), the NYC jobs and the
    mapping (default `categories.json`)."""
    categories = categories or load_categories()
    resumes = unique_resumes(rows)
    unknown = {r["category"] for r in resumes} - set(categories)
    if unknown:
        raise ValueError(f"resume categories not in categories.json: {sorted(unknown)}")
    gradable = {
        name
        for name, labels in categories.items()
        if any(grade(labels, j) == SAME_WORK for j in jobs)
    }
    candidates = [
        candidate_from_resume(n, r, categories[r["category"]], taxonomy)
        for n, r in enumerate(
            (r for r in resumes if r["category"] in gradable), start=1
        )
    ]
    grades = {
        str(c["id"]): {str(j["id"]): grade(categories[c["category"]], j) for j in jobs}
        for c in candidates
    }
    left_out: dict[str, int] = {}
    for r in resumes:
        if r["category"] not in gradable:
            left_out[r["category"]] = left_out.get(r["category"], 0) + 1
    return {
        "jobs": jobs,
        "candidates": candidates,
        "grades": grades,
        "counts": {"rows": len(rows), "unique": len(resumes), "left_out": left_out},
    }


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 3):
        raise SystemExit(__doc__)
    data = build(Path(argv[0]), Path(argv[1]))
    print(
        f"{data['counts']['rows']} rows, {data['counts']['unique']} distinct "
        f"resumes, {len(data['candidates'])} candidates × {len(data['jobs'])} jobs; "
        f"left out (no same-work title in the pool): {data['counts']['left_out']}"
    )
    if len(argv) == 3:
        out = Path(argv[2])
        out.mkdir(parents=True, exist_ok=True)
        for name in ("jobs", "candidates", "grades"):
            (out / f"{name}.json").write_text(json.dumps(data[name], indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
