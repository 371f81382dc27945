import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from matching.engine.occupations import occupation_affinity
from matching.evaluation import (
    EVALUATION_DIR,
    ONET_EVALUATION_DIR,
    SETS,
    average_precision,
    evaluate,
    evaluate_by_field,
    load_set,
    ndcg_at,
    precision_at,
    reciprocal_rank,
)


def test_the_labelled_set_is_big_enough_and_fully_graded():
    data = load_set()

    assert len(data.candidates) >= 40
    assert len(data.jobs) >= 30
    assert all(len(data.grades[c.id]) == len(data.jobs) for c in data.candidates)
    assert {g for row in data.grades.values() for g in row.values()} == {0, 1, 2, 3}


def test_ndcg_and_average_precision_by_hand():
    assert ndcg_at([3, 2, 0], 10) == 1.0
    # dcg([0, 3]) = 7 / log2(3); ideal = 7 / log2(2) = 7
    assert ndcg_at([0, 3], 10) == pytest.approx(1 / 1.5849625, abs=1e-6)
    assert ndcg_at([0, 0], 10) == 0.0
    # relevant at ranks 2 and 3: (1/2 + 2/3) / 2
    assert average_precision([0, 2, 3, 1]) == pytest.approx(7 / 12)


def test_engine_beats_the_bm25_baseline():
    results = evaluate()

    assert results["engine"]["ndcg@10"] > results["bm25"]["ndcg@10"]
    assert results["engine"]["map"] > results["bm25"]["map"]


# nDCG@10 (engine, BM25) with the weights fitted on the tuning splits
# (matching/data/fit_weights.py): a regression guard, and the figures of
# bench/README.md ("Matching quality").
EXPECTED_NDCG = {
    ("team", "all"): (0.947, 0.923),
    ("team", "tuning"): (0.943, 0.929),
    ("team", "heldout"): (0.954, 0.915),
    ("onet", "tuning"): (0.905, 0.584),
    ("onet", "heldout"): (0.822, 0.482),
}


@pytest.mark.parametrize(("name", "split"), sorted(EXPECTED_NDCG))
def test_the_engine_beats_bm25_on_every_set_and_split(name, split):
    results = evaluate(load_set(SETS[name], split=split))

    engine, bm25 = results["engine"]["ndcg@10"], results["bm25"]["ndcg@10"]
    assert (round(engine, 3), round(bm25, 3)) == EXPECTED_NDCG[(name, split)]
    assert engine > bm25


def test_on_the_onet_held_out_split_the_engine_beats_bm25_in_every_field():
    results = evaluate_by_field(load_set(ONET_EVALUATION_DIR, split="heldout"))

    fields = set(results["engine"]) - {"all"}
    assert len(fields) == 7
    losing = [
        f
        for f in fields
        if results["engine"][f]["ndcg@10"] <= results["bm25"][f]["ndcg@10"]
    ]
    assert losing == []


def test_the_team_set_splits_every_archetype_between_tuning_and_held_out():
    tuning, heldout = load_set(split="tuning"), load_set(split="heldout")
    raw = {c["id"]: c["archetype"] for c in json.loads(
        (EVALUATION_DIR / "candidates.json").read_text())}  # fmt: skip

    assert (len(tuning.candidates), len(heldout.candidates)) == (27, 18)
    assert {c.id for c in tuning.candidates}.isdisjoint(
        c.id for c in heldout.candidates
    )
    assert {raw[c.id] for c in tuning.candidates} == set(raw.values())


def test_precision_at_10_and_reciprocal_rank_by_hand():
    assert precision_at([3, 0, 2, 1, 0, 0, 0, 0, 0, 2, 3], 10) == 0.3
    assert reciprocal_rank([0, 1, 2, 3]) == pytest.approx(1 / 3)
    assert reciprocal_rank([0, 1]) == 0.0


def test_evaluate_matching_prints_every_ranker_overall_and_per_field():
    out = StringIO()

    call_command("evaluate_matching", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "team set (all): 45 candidates × 36 jobs, grades 0–3"
    assert lines[1].split() == ["ranker", "field", "n", "nDCG@10", "P@10", "MRR", "MAP"]
    rows = [line.split() for line in lines[2:]]
    assert [r[:2] for r in rows if r[1] == "all"] == [
        ["engine", "all"],
        ["bm25", "all"],
        ["skills", "all"],
    ]
    assert {r[1] for r in rows} >= {"tech", "health", "trades", "finance", "sales",
                                    "logistics", "hospitality"}  # fmt: skip


def test_evaluate_matching_refuses_an_unknown_set_or_split():
    with pytest.raises(CommandError):
        call_command("evaluate_matching", "--set", "mine")
    with pytest.raises(CommandError):
        call_command("evaluate_matching", "--split", "test")


# --- the O*NET-generated set ---------------------------------------------------------


def _raw(name):
    return json.loads((ONET_EVALUATION_DIR / f"{name}.json").read_text())


def test_the_onet_set_spans_49_occupations_in_seven_fields():
    candidates, jobs = _raw("candidates"), _raw("jobs")

    assert len({c["occupation"] for c in candidates}) == 49
    assert {c["field"] for c in candidates} == {
        "tech", "health", "trades", "finance", "sales", "logistics", "hospitality"
    }  # fmt: skip
    assert (len(jobs), len(candidates)) == (294, 98)


def test_onet_grades_come_from_occupation_codes_only():
    candidates, jobs, grades = _raw("candidates"), _raw("jobs"), _raw("grades")
    expected = {1.0: 3, 0.8: 2, 0.5: 1}

    for c in candidates[::7]:
        for j in jobs[::5]:
            grade = grades[str(c["id"])][str(j["id"])]
            affinity = occupation_affinity(c["occupation"], j["occupation"])
            assert grade == expected.get(affinity, 0)


def test_the_tuning_and_held_out_splits_share_no_occupation():
    candidates = _raw("candidates")
    tuning = {c["occupation"] for c in candidates if c["split"] == "tuning"}
    heldout = {c["occupation"] for c in candidates if c["split"] == "heldout"}

    assert tuning and heldout
    assert not tuning & heldout
    assert len(load_set(ONET_EVALUATION_DIR, split="heldout").candidates) == 48


def test_evaluate_by_field_reports_each_field_with_its_size():
    results = evaluate_by_field(load_set(ONET_EVALUATION_DIR, split="heldout"))

    assert set(results) == {"engine", "bm25", "skills"}
    engine = results["engine"]
    assert engine["all"]["n"] == 48
    assert sum(v["n"] for k, v in engine.items() if k != "all") == 48
    assert 0 <= engine["all"]["ndcg@10"] <= 1
