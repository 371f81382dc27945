"""Fit the engine's component weights and cap floor on the TUNING splits.

    .venv/bin/python matching/data/fit_weights.py

Tuning data (`TUNING_SETS`): the O*NET set's tuning split (50 profiles × 294
postings), the team set's tuning half (every other candidate of each archetype,
27 × 36) and the real-text set's tuning split (41 NYC postings read as people ×
803 postings, by civil service title; it needs the source file, see
matching/data/evaluation_real/README.md); the held-out splits are never read.
Each pair's component scores (`scoring.WEIGHTS`' components, 0–100 as the engine
reports them) and, for capped pairs, the coverage of the capping skills are
computed once with the engine itself (its private pieces: this script belongs
to it); a weighting must first beat BM25 by MARGIN on each set (nDCG@10), then
maximise its smallest lead over BM25 across the sets (the issue's bar is to
beat BM25 on every set; maximising the mean let the O*NET set's large lead
buy a real-text lead of 0.016 on tuning and none held out), then the mean of
the sets' nDCG@10 (each set counts the same).
Search: 1,500 weightings drawn uniformly from the simplex (fixed seed) × cap
floors 0.3, 0.6 and 0.9, then coordinate steps of ±1 point and every floor
0.3–0.9 until none helps. The best weighting (whole points, about 100 in all)
is printed; copy it into `matching/engine/scoring.py` (WEIGHTS, CAP_FLOOR) and
bench/README.md.
"""

from __future__ import annotations

import heapq
import math
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")

from matching.engine import scoring  # noqa: E402
from matching.engine.text import Bm25Idf  # noqa: E402
from matching.evaluation import (  # noqa: E402
    evaluate_by_field,
    load_named_set,
    scoring_context_for,
)

# The sets fitted on, each by its tuning split only (each counts the same).
TUNING_SETS = ("onet", "team", "real")

COMPONENTS = tuple(scoring.WEIGHTS)  # text, similarity, occupation, skills, …
FLOORS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
DRAWS = 1500
MARGIN = 0.01  # over BM25's nDCG@10 on each tuning set
SEED = 17
_DISCOUNT = [1 / math.log2(i + 2) for i in range(10)]


def pairs(data):
    """Per candidate: (ideal DCG@10, [(component scores, coverage or None,
    gain, −job id)]) — coverage of the capping skills when the pair is capped,
    gain 2^grade − 1."""
    context = scoring_context_for(data)
    idf = Bm25Idf(context.corpus)
    prepared = [scoring._JobFeatures(job, context, idf) for job in data.jobs]
    floor, scoring.CAP_FLOOR = scoring.CAP_FLOOR, 0.0  # cap ÷ 100 = coverage
    out = []
    try:
        for candidate in data.candidates:
            c = scoring._CandidateFeatures(candidate, context, idf)
            rows = []
            for j in prepared:
                result = scoring._score_prepared(c, j, "candidate", True)
                cap = scoring._skills(c, j)[5]
                rows.append(
                    (
                        tuple(result.component(n).score for n in COMPONENTS),
                        None if cap is None else cap / 100.0,
                        2 ** data.grades[candidate.id][j.job.id] - 1,
                        -j.job.id,
                    )
                )
            gains = sorted((row[2] for row in rows), reverse=True)[:10]
            out.append(
                (sum(g * d for g, d in zip(gains, _DISCOUNT, strict=False)), rows)
            )
    finally:
        scoring.CAP_FLOOR = floor
    return out


def ndcg10(candidates, weights, floor) -> float:
    """Mean nDCG@10 of the engine's ranking under these weights (the weighted
    mean, capped, rounded as `precise` is; ties by job id)."""
    total_weight = sum(weights)
    values = []
    for ideal, rows in candidates:
        scored = []
        for components, coverage, gain, neg_id in rows:
            total = sum(map(float.__mul__, components, weights)) / total_weight
            if coverage is not None:
                total *= floor + (1 - floor) * coverage
            scored.append((round(total, 4), neg_id, gain))
        top = heapq.nlargest(10, scored)
        dcg = sum(row[2] * d for row, d in zip(top, _DISCOUNT, strict=False))
        values.append(dcg / ideal if ideal else 0.0)
    return sum(values) / len(values)


def objective(sets, weights, floor, floors_to_beat):
    """(feasible, worst margin, mean nDCG@10) — feasible when every set's
    nDCG@10 is at least MARGIN above its BM25 baseline; the worst margin is the
    smallest lead over BM25 of any set — and the per-set values. Compared as a
    tuple: beating BM25 on every set comes first, then the lead on the set where
    it is smallest (the issue asks to beat BM25 on every set, so the weakest
    set decides), then the mean."""
    values = [ndcg10(candidates, weights, floor) for candidates in sets]
    margins = [v - b for v, b in zip(values, floors_to_beat, strict=True)]
    return (min(margins) >= MARGIN, min(margins), sum(values) / len(values)), values


def _better(got, value) -> bool:
    return got[0] > value[0] or (
        got[0] == value[0] and got[1:] > tuple(x + 1e-9 for x in value[1:])
    )


def main() -> int:
    data = [load_named_set(name, split="tuning") for name in TUNING_SETS]
    sets = [pairs(d) for d in data]
    bm25 = [evaluate_by_field(d)["bm25"]["all"]["ndcg@10"] for d in data]
    rng = random.Random(SEED)
    best = ((False, -1.0, -1.0), None, None)
    for _ in range(DRAWS):
        draw = [rng.expovariate(1.0) for _ in COMPONENTS]  # uniform on the simplex
        weights = [max(1.0, float(round(100 * w / sum(draw)))) for w in draw]
        for floor in FLOORS[::3]:  # 0.3, 0.6, 0.9; every floor in the steps below
            value, _ = objective(sets, weights, floor, bm25)
            if value > best[0]:
                best = (value, weights, floor)
    value, weights, floor = best
    improved = True
    while improved:
        improved = False
        for k in range(len(COMPONENTS)):
            for step in (-1.0, 1.0):
                trial = list(weights)
                trial[k] += step
                if trial[k] < 1:
                    continue
                got, _ = objective(sets, trial, floor, bm25)
                if _better(got, value):
                    value, weights, improved = got, trial, True
        for trial_floor in FLOORS:
            got, _ = objective(sets, weights, trial_floor, bm25)
            if _better(got, value):
                value, floor, improved = got, trial_floor, True
    _, values = objective(sets, weights, floor, bm25)
    scale = 100 / sum(weights)
    print(
        "fitted on the tuning splits of: "
        + ", ".join(
            f"{name} ({len(d.candidates)} × {len(d.jobs)})"
            for name, d in zip(TUNING_SETS, data, strict=True)
        )
    )
    print(
        "WEIGHTS = {"
        + ", ".join(f'"{n}": {w:g}' for n, w in zip(COMPONENTS, weights, strict=True))
        + f"}}  # sum {sum(weights):g}; as shares: "
        + ", ".join(
            f"{n} {w * scale:.1f}" for n, w in zip(COMPONENTS, weights, strict=True)
        )
    )
    print(f"CAP_FLOOR = {floor}")
    print(
        "tuning nDCG@10 (from the rounded components): "
        + ", ".join(
            f"{name} {v:.3f} (BM25 {b:.3f})"
            for name, v, b in zip(TUNING_SETS, values, bm25, strict=True)
        )
        + f"; worst margin {value[1]:.3f}, mean {value[2]:.3f}, beats BM25 by "
        f"{MARGIN} on each: {value[0]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
