"""Score resume analysis on the committed corpus, field by field and format by
format (precision, recall, F1, micro-averaged over the resumes of a set).

    DJANGO_SETTINGS_MODULE=hotgigs.settings .venv/bin/python \
        documents/tests/resume_corpus/evaluate.py [--show-errors]

Text comes from the product's own extraction (`documents.extraction`) and fields
from `matching.engine.resume.analyze_resume`, with the skill vocabulary the
product loads (`matching/data/skills.json`). Ground-truth skills are spellings as
written; they are linked with the same vocabulary (`link_skill`) before comparing,
so the test measures finding them, not naming them.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ("pdf", "docx", "doc")
FIELDS = ("name", "email", "phone", "location", "headline", "titles", "companies",
          "dates", "degrees", "schools", "skills")  # fmt: skip
TODAY = date(2026, 11, 1)
SETS = ("train", "heldout", "heldout2")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[^\w@+ ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def degree_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


@cache
def taxonomy():
    from matching.engine.taxonomy import taxonomy_from_data
    from matching.services import TAXONOMY_FILE

    return taxonomy_from_data(json.loads(TAXONOMY_FILE.read_text()))


def truth_files() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(HERE.glob("*.json"))]


def expected(truth: dict) -> dict[str, set]:
    from matching.engine.resume import link_skill

    one = lambda v: {norm(v)} if v else set()  # noqa: E731
    skills = set()
    for spelling in truth["skills"]:
        ref = link_skill(spelling, taxonomy())
        skills.add(ref.name if ref else spelling)
    return {
        "name": one(truth["name"]),
        "email": one(truth["email"]),
        "phone": {truth["phone"]} if truth["phone"] else set(),
        "location": one(truth["location"]),
        "headline": one(truth["headline"]),
        "titles": {norm(r["title"]) for r in truth["roles"]},
        "companies": {norm(r["company"]) for r in truth["roles"]},
        "dates": {(r["start"], r["end"] or "present") for r in truth["roles"]},
        "degrees": {degree_key(d) for d in truth["degrees"]},
        "schools": {norm(s) for s in truth["schools"]},
        "skills": skills,
    }


def predicted(analysis) -> dict[str, set]:
    one = lambda v: {norm(v)} if v else set()  # noqa: E731
    return {
        "name": one(analysis.name),
        "email": one(analysis.email),
        "phone": {analysis.phone} if analysis.phone else set(),
        "location": one(analysis.location),
        "headline": one(analysis.headline),
        "titles": {norm(r.title) for r in analysis.roles if r.title},
        "companies": {norm(r.company) for r in analysis.roles if r.company},
        "dates": {(r.start_label, r.end_label or "present") for r in analysis.roles},
        "degrees": {degree_key(e.degree) for e in analysis.education},
        "schools": {norm(e.school) for e in analysis.education if e.school},
        "skills": set(analysis.skill_names),
    }


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def analyse_file(path: Path):
    from documents.extraction import extract
    from documents.models import ContentType
    from matching.engine.resume import analyze_resume

    kind = {"pdf": ContentType.PDF, "docx": ContentType.DOCX, "doc": ContentType.DOC}
    result = extract(path.read_bytes(), kind[path.suffix[1:]])
    return analyze_resume(result.text, taxonomy=taxonomy(), today=TODAY)


def score(subset: str) -> dict[tuple[str, str], Count]:
    """{(field, format): Count} over the resumes of `subset` ("train"/"heldout")."""
    counts = {(f, fmt): Count() for f in FIELDS for fmt in FORMATS}
    for truth in truth_files():
        if truth["set"] != subset:
            continue
        want = expected(truth)
        for fmt in FORMATS:
            got = predicted(analyse_file(HERE / f"{truth['id']}.{fmt}"))
            for name in FIELDS:
                c = counts[(name, fmt)]
                c.tp += len(want[name] & got[name])
                c.fp += len(got[name] - want[name])
                c.fn += len(want[name] - got[name])
                if want[name] != got[name]:
                    c.errors.append(
                        (truth["id"], sorted(want[name] - got[name], key=str),
                         sorted(got[name] - want[name], key=str))
                    )  # fmt: skip
    return counts


def table(counts: dict[tuple[str, str], Count], title: str) -> str:
    head = f"| {title} | " + " | ".join(f"{f.upper()} P / R / F1" for f in FORMATS)
    rows = [head + " |", "|---" * (len(FORMATS) + 1) + "|"]
    for name in FIELDS:
        cells = [
            f"{counts[(name, f)].precision:.2f} / {counts[(name, f)].recall:.2f} / "
            f"**{counts[(name, f)].f1:.2f}**"
            for f in FORMATS
        ]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    import django

    sys.path.insert(0, str(HERE.parents[2]))
    django.setup()
    for subset in SETS:
        n = sum(1 for t in truth_files() if t["set"] == subset)
        counts = score(subset)
        print(f"\n{subset}: {n} resumes × {len(FORMATS)} formats\n")
        print(table(counts, "field"))
        if "--show-errors" in argv:
            for (name, fmt), c in counts.items():
                for error in c.errors:
                    print(f"  {name:9} {fmt:4} {error}")


if __name__ == "__main__":
    main(sys.argv[1:])
