from io import StringIO

import pytest
from django.core.management import call_command

from matching.evaluation import average_precision, evaluate, load_set, ndcg_at


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


def test_evaluate_matching_prints_the_table():
    out = StringIO()

    call_command("evaluate_matching", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[1].split() == ["ranker", "nDCG@10", "MAP"]
    assert [line.split()[0] for line in lines[2:]] == ["engine", "bm25"]
