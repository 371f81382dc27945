"""Offline evaluation of the engine against a BM25 baseline (pure, file-based).

Metrics, averaged over candidates (each ranks every job):
* nDCG@10 with gain 2^grade − 1 and log2(rank + 1) discount; the ideal ordering is
  the grades sorted descending.
* MAP: mean average precision, a job being relevant when its grade ≥ 2.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from matching.engine.scoring import rank
from matching.engine.text import bm25, corpus_stats
from matching.engine.types import (
    CandidateData,
    CandidateSkill,
    JobData,
    JobSkill,
    Salary,
    ScoringContext,
)

EVALUATION_DIR = Path(__file__).resolve().parent / "data" / "evaluation"
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


@dataclass(frozen=True)
class EvaluationSet:
    candidates: list[CandidateData]
    jobs: list[JobData]
    grades: dict[int, dict[int, int]]
    related: dict[str, dict[str, float]]
    categories: dict[str, str]


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
    )


def load_taxonomy_maps(path: Path = TAXONOMY_FILE):
    """(related weights, categories) by slug, straight from the taxonomy file."""
    data = json.loads(path.read_text())
    related: dict[str, dict[str, float]] = {}
    for a, b, weight in data["related"]:
        related.setdefault(a, {})[b] = weight
    return related, {s["slug"]: s["category"] for s in data["skills"]}


def load_set(directory: Path = EVALUATION_DIR) -> EvaluationSet:
    def read(name):
        return json.loads((directory / f"{name}.json").read_text())

    grades = {
        int(c): {int(j): g for j, g in row.items()} for c, row in read("grades").items()
    }
    related, categories = load_taxonomy_maps()
    return EvaluationSet(
        candidates=[_candidate(c) for c in read("candidates")],
        jobs=[_job(j) for j in read("jobs")],
        grades=grades,
        related=related,
        categories=categories,
    )


def _evaluate(data: EvaluationSet, order: Callable[[CandidateData], list[int]]):
    ndcgs, aps = [], []
    for candidate in data.candidates:
        ranked = [data.grades[candidate.id][job_id] for job_id in order(candidate)]
        ndcgs.append(ndcg_at(ranked, 10))
        aps.append(average_precision(ranked))
    return {
        "ndcg@10": sum(ndcgs) / len(ndcgs),
        "map": sum(aps) / len(aps),
    }


def evaluate(data: EvaluationSet | None = None) -> dict[str, dict[str, float]]:
    """nDCG@10 and MAP of the engine and of a text-only BM25 baseline."""
    data = data or load_set()
    corpus = corpus_stats([j.text for j in data.jobs])
    context = ScoringContext(
        related=data.related, corpus=corpus, categories=data.categories
    )

    def engine_order(candidate):
        return [r.job_id for r in rank(candidate, data.jobs, context)]

    def bm25_order(candidate):
        scored = [(bm25(candidate.text, j.text, corpus), j.id) for j in data.jobs]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [job_id for _, job_id in scored]

    return {
        "engine": _evaluate(data, engine_order),
        "bm25": _evaluate(data, bm25_order),
    }
