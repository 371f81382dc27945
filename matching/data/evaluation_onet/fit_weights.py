"""Grid-search the engine's skills and text weights on the O*NET set's TUNING split,
then report the best pair on the held-out split (nDCG@10).

    .venv/bin/python matching/data/evaluation_onet/fit_weights.py

Read-only: it patches the pure engine's weights in this process and prints; it does
not change matching/engine/scoring.py (applying fitted weights changes every exact
score the suite asserts, a separate, reviewed change).
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotgigs.settings")

from matching.engine import scoring  # noqa: E402
from matching.evaluation import (  # noqa: E402
    ONET_EVALUATION_DIR,
    evaluate_by_field,
    load_set,
)

SKILLS = (45.0, 20.0, 10.0)
TEXT = (15.0, 30.0, 60.0, 120.0, 240.0)


def set_weights(skills: float, text: float) -> None:
    scoring._SKILLS_WEIGHT = skills
    scoring.WEIGHTS["skills"] = skills
    scoring.TEXT_WEIGHT = text
    scoring._BASE_WEIGHT = (
        skills + scoring._EXPERIENCE_WEIGHT + scoring._LOCATION_WEIGHT
        + scoring._SALARY_WEIGHT
    )  # fmt: skip
    scoring._TEXT_TOTAL_WEIGHT = scoring._BASE_WEIGHT + text


def ndcg(data) -> float:
    return evaluate_by_field(data)["engine"]["all"]["ndcg@10"]


def main() -> int:
    tuning = load_set(ONET_EVALUATION_DIR, split="tuning")
    heldout = load_set(ONET_EVALUATION_DIR, split="heldout")
    results = []
    for skills, text in itertools.product(SKILLS, TEXT):
        set_weights(skills, text)
        results.append((ndcg(tuning), skills, text))
        print(f"skills {skills:>5} text {text:>5}: tuning nDCG@10 {results[-1][0]:.3f}")
    best, skills, text = max(results)
    set_weights(skills, text)
    print(
        f"best on tuning: skills {skills}, text {text} ({best:.3f}); "
        f"held-out nDCG@10 {ndcg(heldout):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
