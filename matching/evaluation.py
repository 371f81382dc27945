"""Offline evaluation of the engine against baselines (pure, file-based).

Sets: "team" (`matching/data/evaluation`, written by the team), "onet"
(`matching/data/evaluation_onet`, generated from the O*NET taxonomy across 49
occupations in 7 fields, graded from occupation codes; candidates split into a
tuning and a held-out part) and "real" (real job-posting text of the City of New
York, graded from the city's own labels; built in memory from the source file by
`matching/data/evaluation_real/build_real_set.py`, nothing of it committed;
candidates split into tuning and held out by civil service title) and "resumes"
(real resumes of the Kaggle "Resume Dataset" against the real-text set's NYC
jobs, graded from the resume's category by `evaluation_resumes/categories.json`;
built in memory by `matching/data/evaluation_resumes/build_resume_set.py`;
every candidate held out, never tuned on).

Rankers: the engine (with skill rarity from the occupations data file, as the
product has it after `load_occupations`), BM25 over the texts, and a skill-overlap
baseline (number of linked skills shared, ties by job id).

Metrics, averaged over candidates (each ranks every job):
* nDCG@10 with gain 2^grade − 1 and log2(rank + 1) discount; the ideal ordering is
  the grades sorted descending.
* MAP: mean average precision, a job being relevant when its grade ≥ 2.
* P@10: share of the first ten jobs with grade ≥ 2.
* MRR: 1 / rank of the first job with grade ≥ 2 (0 when none).
"""

from __future__ import annotations

import gzip
import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from matching.data.evaluation_real.build_real_set import build as build_real_set
from matching.data.evaluation_resumes.build_resume_set import (
    build as build_resume_set,
)
from matching.engine.occupations import OccupationEntry, OccupationIndex
from matching.engine.prepared import PreparedCache, context_parts
from matching.engine.scoring import rank
from matching.engine.taxonomy import skill_rarity
from matching.engine.text import bm25, corpus_stats
from matching.engine.types import (
    CandidateData,
    CandidateSkill,
    JobData,
    JobSkill,
    Salary,
    ScoringContext,
)
from matching.word_vectors import get_word_vectors

EVALUATION_DIR = Path(__file__).resolve().parent / "data" / "evaluation"
ONET_EVALUATION_DIR = Path(__file__).resolve().parent / "data" / "evaluation_onet"
OCCUPATIONS_FILE = Path(__file__).resolve().parent / "data" / "occupations.json.gz"
SETS = {"team": EVALUATION_DIR, "onet": ONET_EVALUATION_DIR}
SET_NAMES = ("onet", "real", "resumes", "team")  # SETS and the two built sets
# The real-text set's source (the NYC postings file, not committed): this variable,
# else shared/datasets/ beside the checkout (where the steering repo's shared/ sits).
REAL_SOURCE_ENV = "HOTGIGS_REAL_SET_SOURCE"
REAL_SOURCE_SHARED = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "datasets"
    / "nyc-jobs.csv.zip"
)
# The resume set's resumes (the Kaggle file, not committed): this variable, else
# shared/datasets/ beside the checkout; its jobs come from the NYC file above.
RESUME_SOURCE_ENV = "HOTGIGS_RESUME_SET_SOURCE"
RESUME_SOURCE_SHARED = REAL_SOURCE_SHARED.with_name("UpdatedResumeDataSet.csv")
# the team set's archetypes by field (the O*NET set carries its field)
TEAM_FIELDS = {
    "accountant": "finance", "fin-analyst": "finance", "b2b-sales": "sales",
    "bartender": "hospitality", "chef": "hospitality", "data-analyst": "tech",
    "data-scientist": "tech", "devops": "tech", "frontend": "tech",
    "java-backend": "tech", "python-backend": "tech", "electrician": "trades",
    "er-nurse": "health", "icu-nurse": "health", "pharmacist": "health",
    "recruiter": "business", "truck-driver": "logistics", "warehouse": "logistics",
}  # fmt: skip
TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "skills.json"
RELEVANT_GRADE = 2


def dcg(grades: Sequence[int], k: int) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))


def ndcg_at(ranked_grades: Sequence[int], k: int = 10) -> float:
    ideal = dcg(sorted(ranked_grades, reverse=True), k)
    return dcg(ranked_grades, k) / ideal if ideal else 0.0


def average_precision(ranked_grades: Sequence[int], threshold: int = RELEVANT_GRADE):
    hits, total = 0, 0.0
    for i, g in enumerate(ranked_grades, start=1):
        if g >= threshold:
            hits += 1
            total += hits / i
    relevant = sum(1 for g in ranked_grades if g >= threshold)
    return total / relevant if relevant else 0.0


def precision_at(ranked_grades: Sequence[int], k: int = 10) -> float:
    return sum(1 for g in ranked_grades[:k] if g >= RELEVANT_GRADE) / k


def reciprocal_rank(ranked_grades: Sequence[int]) -> float:
    for i, g in enumerate(ranked_grades, start=1):
        if g >= RELEVANT_GRADE:
            return 1 / i
    return 0.0


@dataclass(frozen=True)
class EvaluationSet:
    candidates: list[CandidateData]
    jobs: list[JobData]
    grades: dict[int, dict[int, int]]
    related: dict[str, dict[str, float]]
    categories: dict[str, str]
    fields: dict[int, str] = field(default_factory=dict)  # candidate id → field
    rarity: dict[str, float] = field(default_factory=dict)
    occupations: OccupationIndex | None = None


def _occupations_data(path: Path = OCCUPATIONS_FILE) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


@lru_cache(maxsize=2)
def load_occupation_index(path: Path = OCCUPATIONS_FILE) -> OccupationIndex:
    """The occupation index of the occupations data file (what the product
    builds from the `Occupation` rows `load_occupations` writes)."""
    return OccupationIndex(
        OccupationEntry(
            code=o["code"],
            title=o["title"],
            field=o["field"],
            titles=tuple(o["titles"]),
        )
        for o in _occupations_data(path)["occupations"]
    )


def load_rarity(path: Path = OCCUPATIONS_FILE) -> dict[str, float]:
    """slug → rarity from the occupations data file's relations (what
    `load_occupations` writes to `Skill.occupation_count`)."""
    data = _occupations_data(path)
    counts: dict[str, int] = {}
    for _, slug, _ in data["relations"]:
        counts[slug] = counts.get(slug, 0) + 1
    return {
        slug: skill_rarity(n) for slug, n in counts.items() if skill_rarity(n) < 1.0
    }


def _job(raw: dict) -> JobData:
    low, high, currency = raw["salary"]
    return JobData(
        id=raw["id"],
        title=raw["title"],
        skills=tuple(JobSkill(slug=s, required=req) for s, req in raw["skills"]),
        min_years=raw["min_years"],
        level=raw["level"],
        city=raw["city"],
        country=raw["country"],
        remote_policy=raw["remote_policy"],
        salary=Salary(low, high, currency),
        text=f"{raw['title']}. {raw['text']}",
    )


def _candidate(raw: dict) -> CandidateData:
    low, high, currency = raw["salary"]
    return CandidateData(
        id=raw["id"],
        skills=tuple(CandidateSkill(slug=s, years=y) for s, y in raw["skills"]),
        years_experience=raw["years"],
        level=raw["level"],
        city=raw["city"],
        country=raw["country"],
        remote_preference=raw["remote_preference"],
        willing_to_relocate=raw["willing_to_relocate"],
        salary=Salary(low, high, currency),
        text=raw["text"],
        titles=tuple(raw.get("titles", ())),
    )


def load_taxonomy_maps(path: Path = TAXONOMY_FILE):
    """(related weights, categories) by slug, straight from the taxonomy file."""
    data = json.loads(path.read_text())
    related: dict[str, dict[str, float]] = {}
    for a, b, weight in data["related"]:
        related.setdefault(a, {})[b] = weight
    return related, {s["slug"]: s["category"] for s in data["skills"]}


def _team_splits(raw_candidates: list[dict]) -> dict[int, str]:
    """The team set's split, stratified by archetype: within each archetype the
    candidates by id alternate tuning, held out, tuning… (so every field is on
    both sides; an odd/even split by id left business, sales and trades out of
    tuning)."""
    seen: dict[str, int] = {}
    splits = {}
    for c in sorted(raw_candidates, key=lambda c: c["id"]):
        n = seen[c["archetype"]] = seen.get(c["archetype"], -1) + 1
        splits[c["id"]] = "tuning" if n % 2 == 0 else "heldout"
    return splits


def load_set(directory: Path = EVALUATION_DIR, *, split: str = "all") -> EvaluationSet:
    """A set from its folder; `split` keeps the candidates of one split ("tuning",
    "heldout"). The team set's candidates carry no split: `_team_splits`."""

    def read(name):
        return json.loads((directory / f"{name}.json").read_text())

    return _evaluation_set(read("candidates"), read("jobs"), read("grades"), split)


def real_set_source() -> Path | None:
    """The file the real-text set is built from: `$HOTGIGS_REAL_SET_SOURCE`, else
    `REAL_SOURCE_SHARED`; None when there is none."""
    return _source_file(REAL_SOURCE_ENV, REAL_SOURCE_SHARED)


def _source_file(variable: str, default: Path) -> Path | None:
    """The file `$variable` names, else `default`; None when it is not there."""
    configured = os.environ.get(variable)
    path = Path(configured) if configured else default
    return path if path.is_file() else None


@lru_cache(maxsize=2)
def _real_set_data(source: str) -> dict:
    return build_real_set(Path(source))


def real_set_data(source: Path | None = None) -> dict:
    """The real-text set as raw data ({"jobs", "candidates", "grades"}), built from
    `source` (default `real_set_source()`) once per process. FileNotFoundError
    without a source; `build_real_set.SourceError` when the file is not the
    snapshot the set is defined on."""
    source = source or real_set_source()
    if source is None:
        raise FileNotFoundError(
            f"the real-text set needs the NYC postings file: set {REAL_SOURCE_ENV} "
            f"or put it at {REAL_SOURCE_SHARED}"
        )
    return _real_set_data(str(source))


def load_real_set(source: Path | None = None, *, split: str = "all") -> EvaluationSet:
    """The real-text set (see `real_set_data`), or one split of its candidates."""
    raw = real_set_data(source)
    return _evaluation_set(raw["candidates"], raw["jobs"], raw["grades"], split)


def resume_set_source() -> Path | None:
    """The resume file: `$HOTGIGS_RESUME_SET_SOURCE`, else `RESUME_SOURCE_SHARED`;
    None when there is none."""
    return _source_file(RESUME_SOURCE_ENV, RESUME_SOURCE_SHARED)


@lru_cache(maxsize=2)
def _resume_set_data(source: str, postings: str) -> dict:
    return build_resume_set(Path(source), Path(postings))


def resume_set_data(source: Path | None = None, postings: Path | None = None) -> dict:
    """The resume set as raw data ({"jobs", "candidates", "grades", "counts"}),
    built from the resume file and the NYC postings file (defaults
    `resume_set_source()`, `real_set_source()`) once per process.
    FileNotFoundError naming what is missing and where it goes; `SourceError`
    when a file is not the one the set is defined on."""
    source = source or resume_set_source()
    postings = postings or real_set_source()
    missing = []
    if source is None:
        missing.append(
            f"the resumes file UpdatedResumeDataSet.csv (set {RESUME_SOURCE_ENV} or "
            f"put it at {RESUME_SOURCE_SHARED})"
        )
    if postings is None:
        missing.append(
            f"the NYC postings file (set {REAL_SOURCE_ENV} or put it at "
            f"{REAL_SOURCE_SHARED})"
        )
    if missing:
        raise FileNotFoundError(
            "the resume set needs "
            + " and ".join(missing)
            + "; see matching/data/evaluation_resumes/README.md"
        )
    return _resume_set_data(str(source), str(postings))


def load_resume_set(source: Path | None = None, *, split: str = "all") -> EvaluationSet:
    """The resume set (see `resume_set_data`); every candidate is held out, so
    the "tuning" split is empty."""
    raw = resume_set_data(source)
    return _evaluation_set(raw["candidates"], raw["jobs"], raw["grades"], split)


def load_named_set(name: str, *, split: str = "all") -> EvaluationSet:
    """A set by its name in `SET_NAMES`."""
    if name == "real":
        return load_real_set(split=split)
    if name == "resumes":
        return load_resume_set(split=split)
    return load_set(SETS[name], split=split)


def _evaluation_set(raw_candidates, raw_jobs, raw_grades, split) -> EvaluationSet:
    grades = {
        int(c): {int(j): g for j, g in row.items()} for c, row in raw_grades.items()
    }
    related, categories = load_taxonomy_maps()
    team_splits = _team_splits([c for c in raw_candidates if "split" not in c])
    raw_candidates = [
        c
        for c in raw_candidates
        if split in ("all", c.get("split") or team_splits[c["id"]])
    ]
    return EvaluationSet(
        candidates=[_candidate(c) for c in raw_candidates],
        jobs=[_job(j) for j in raw_jobs],
        grades=grades,
        related=related,
        categories=categories,
        fields={
            c["id"]: c.get("field") or TEAM_FIELDS.get(c.get("archetype", ""), "")
            for c in raw_candidates
        },
        rarity=load_rarity(),
        occupations=load_occupation_index(),
    )


def _evaluate(data: EvaluationSet, order: Callable[[CandidateData], list[int]]):
    """{"all": metrics, <field>: metrics} averaged over the candidates."""
    rows: dict[str, list[tuple[float, float, float, float]]] = {}
    for candidate in data.candidates:
        ranked = [data.grades[candidate.id][job_id] for job_id in order(candidate)]
        row = (
            ndcg_at(ranked, 10),
            average_precision(ranked),
            precision_at(ranked, 10),
            reciprocal_rank(ranked),
        )
        rows.setdefault("all", []).append(row)
        rows.setdefault(data.fields.get(candidate.id) or "all", []).append(row)
    out = {}
    for group, values in rows.items():
        n = len(values)
        out[group] = {
            name: sum(v[i] for v in values) / n
            for i, name in enumerate(("ndcg@10", "map", "p@10", "mrr"))
        } | {"n": n}
    return out


def evaluate(data: EvaluationSet | None = None) -> dict[str, dict[str, float]]:
    """Metrics of each ranker over all candidates: {ranker: metrics}."""
    return {ranker: groups["all"] for ranker, groups in evaluate_by_field(data).items()}


def scoring_context_for(data: EvaluationSet) -> ScoringContext:
    """The engine's context for a set, as production builds it: the set's job
    texts as the idf corpus, the taxonomy maps, rarities and occupations, and a
    `PreparedCache` holding every job, so that ranking them for each candidate
    prepares each job once (the same scores: matching/tests/test_prepared.py)."""
    context = ScoringContext(
        related=data.related,
        corpus=corpus_stats([j.text for j in data.jobs]),
        categories=data.categories,
        rarity=data.rarity,
        occupations=data.occupations,
        vectors=get_word_vectors(),
    )
    cache = PreparedCache(
        context_parts(context),
        jobs=len(data.jobs),
        candidates=len(data.candidates),
    )
    return replace(context, prepared=cache)


def evaluate_by_field(data: EvaluationSet | None = None):
    """{ranker: {"all" | field: {ndcg@10, map, p@10, mrr, n}}} for the engine,
    BM25 and the skill-overlap baseline."""
    data = data or load_set()
    context = scoring_context_for(data)
    corpus = context.corpus

    def engine_order(candidate):
        return [r.job_id for r in rank(candidate, data.jobs, context)]

    def bm25_order(candidate):
        scored = [(bm25(candidate.text, j.text, corpus), j.id) for j in data.jobs]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [job_id for _, job_id in scored]

    job_skills = {j.id: {s.slug for s in j.skills} for j in data.jobs}

    def skills_order(candidate):
        have = {s.slug for s in candidate.skills}
        scored = [(len(have & job_skills[j.id]), j.id) for j in data.jobs]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [job_id for _, job_id in scored]

    return {
        "engine": _evaluate(data, engine_order),
        "bm25": _evaluate(data, bm25_order),
        "skills": _evaluate(data, skills_order),
    }
