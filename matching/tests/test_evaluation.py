import json
import zipfile
from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from matching import evaluation
from matching.data.evaluation_onet import build_onet_set as onet_set
from matching.data.evaluation_real import build_real_set as real
from matching.engine.occupations import occupation_affinity
from matching.engine.scoring import rank
from matching.engine.taxonomy import SkillEntry, Taxonomy
from matching.evaluation import (
    EVALUATION_DIR,
    ONET_EVALUATION_DIR,
    SETS,
    average_precision,
    evaluate,
    evaluate_by_field,
    load_real_set,
    load_set,
    ndcg_at,
    precision_at,
    real_set_source,
    reciprocal_rank,
    scoring_context_for,
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
    ("team", "all"): (0.957, 0.923),
    ("team", "tuning"): (0.952, 0.929),
    ("team", "heldout"): (0.963, 0.915),
    ("onet", "tuning"): (0.883, 0.584),
    ("onet", "heldout"): (0.788, 0.482),
}


@pytest.mark.parametrize(("name", "split"), sorted(EXPECTED_NDCG))
def test_the_engine_beats_bm25_on_every_set_and_split(name, split):
    results = evaluate(load_set(SETS[name], split=split))

    engine, bm25 = results["engine"]["ndcg@10"], results["bm25"]["ndcg@10"]
    assert (round(engine, 3), round(bm25, 3)) == EXPECTED_NDCG[(name, split)]
    assert engine > bm25


def test_the_evaluation_context_prepares_each_job_once_with_the_same_scores():
    data = load_set()
    context = scoring_context_for(data)
    nothing_kept = replace(context, prepared=None)

    rankings = [rank(c, data.jobs, context) for c in data.candidates[:3]]

    assert len(context.prepared.jobs) == len(data.jobs) == 36
    assert rankings == [rank(c, data.jobs, nothing_kept) for c in data.candidates[:3]]


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

    for c in candidates[::7]:
        for j in jobs[::5]:
            a, b = c["occupation"], j["occupation"]
            expected = 3 if a == b else 2 if a[:7] == b[:7] else int(a[:6] == b[:6])
            assert grades[str(c["id"])][str(j["id"])] == expected


def test_onet_grades_ignore_the_engines_residual_rule():
    # the engine no longer relates two "All Other" occupations of one detailed
    # code; the set's grades, fixed when it was built, still do (a set that
    # moved with the engine could not measure it)
    assert onet_set.grade("15-1299.07", "15-1299.09") == 2
    assert occupation_affinity("15-1299.07", "15-1299.09") == 0.25
    assert onet_set.grade("15-1252.00", "15-1253.00") == 1


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


# --- the real-text set (City of New York postings) -----------------------------------
# The builder's rules on rows written here; the set itself and its figures only where
# the source file is (it is not committed: matching/data/evaluation_real/README.md).

TECH, HEALTH, POLICY = (
    "Technology, Data & Innovation",
    "Health",
    "Policy, Research & Analysis",
)


def _row(job_id, title, code, category, description, **extra):
    return {
        "Job ID": str(job_id),
        "Posting Type": extra.get("posting_type", "External"),
        "Agency": extra.get("agency", "DEPT OF INFO TECH & TELECOMM"),
        "Business Title": title,
        "Civil Service Title": extra.get("civil_service_title", "TITLE " + code),
        "Title Code No": code,
        "Job Category": category,
        "Job Description": description + " " + "Serve the city's residents. " * 8,
        "Minimum Qual Requirements": extra.get("quals", ""),
        "Preferred Skills": extra.get("preferred", ""),
        "Salary Range From": extra.get("low", "80000"),
        "Salary Range To": extra.get("high", "100000"),
        "Salary Frequency": extra.get("period", "Annual"),
    }


ROWS = [
    _row(1, "Senior Developer", "10050", TECH, "Build the cityâ€™s apps.",
         preferred="Python"),
    _row(2, "Data Engineer", "10050", TECH, "Run data pipelines in Python.",
         posting_type="Internal", quals="Two years with SQL."),
    _row(2, "Data Engineer", "10050", TECH, "Run data pipelines in Python.",
         quals="Two years with SQL."),
    _row(3, "Policy Technologist", "10050", f"{POLICY} {TECH}",
         "Write technology policy."),
    _row(4, "School Nurse", "51011", HEALTH, "Care for pupils.", low="40",
         high="50", period="Hourly", agency="DEPT OF HEALTH/MENTAL HYGIENE"),
    _row(5, "Clinic Nurse", "51011", HEALTH, "Run a clinic.",
         agency="DEPT OF HEALTH/MENTAL HYGIENE"),
    _row(6, "Data Engineer", "10050", TECH, "Reposted: pipelines again."),
    _row(7, "Analyst", "12626", TECH, "Too short.".ljust(20)),
    _row(8, "Health Data Lead", "21744", f"{HEALTH} {TECH}", "Lead health data.",
         agency="DEPT OF HEALTH/MENTAL HYGIENE"),
]  # fmt: skip
ROWS[7]["Job Description"] = "Too short."
SMALL_TAXONOMY = Taxonomy(
    [
        SkillEntry("python", "Python", "technology", ("Python3",)),
        SkillEntry("sql", "SQL", "technology"),
    ]
)


def test_the_real_set_builder_dedupes_holds_out_and_grades_from_labels_only():
    data = real.build_from_rows(ROWS, SMALL_TAXONOMY)
    jobs = {j["source_id"]: j for j in data["jobs"]}
    (candidate,) = data["candidates"]

    # 2 kept once (external), 6 a repost of 2 (same agency and title), 7 too short
    assert sorted(jobs) == [2, 3, 4, 5, 8]
    # the title 10050 has 3 postings: its first is held out; 51011 has only 2
    assert candidate["source_id"] == 1
    assert candidate["split"] == "heldout"
    assert candidate["titles"] == ["Senior Developer"]
    assert candidate["field"] == "tech"
    assert candidate["text"].startswith("Senior Developer\nBuild the city’s apps.")
    assert candidate["skills"] == [["python", None]]
    grades = {
        jobs_id: data["grades"]["1"][str(job["id"])] for jobs_id, job in jobs.items()
    }
    # 3 same title + first category; 2 same title; 1 a category in common; else 0
    assert grades == {2: 3, 3: 2, 4: 0, 5: 0, 8: 1}
    assert jobs[2]["skills"] == [["python", False], ["sql", True]]
    assert jobs[2]["salary"] == [80000.0, 100000.0, "USD"]
    assert jobs[4]["salary"] == [83200.0, 104000.0, "USD"]
    assert jobs[3]["categories"] == [POLICY, TECH]
    assert jobs[3]["field"] == "business"


def test_the_real_set_splits_by_civil_service_title_within_each_field():
    candidates = [
        {"field": "tech", "title_code": "13632"},
        {"field": "tech", "title_code": "10050"},
        {"field": "tech", "title_code": "13632"},
        {"field": "tech", "title_code": "20215"},
        {"field": "health", "title_code": "51011"},
        {"field": "other", "title_code": "31105"},
        {"field": "other", "title_code": "10050"},  # counts in tech, its first
        {"field": "other", "title_code": "31130"},
    ]

    real.split_by_title(candidates)

    # per field, titles in code order: held out, tuning, held out…; a title's
    # candidates share a split; a field's only title is held out
    assert [c["split"] for c in candidates] == [
        "tuning", "heldout", "tuning", "heldout", "heldout", "heldout", "heldout",
        "tuning",
    ]  # fmt: skip


def test_the_real_set_builder_undoes_double_encoding_and_knows_every_category():
    assert real.repair("the cityâ€™s â€œbestâ€\x9d") == "the city’s “best”"
    assert real.repair("café, naïve") == "café, naïve"
    assert real.categories_of(f"{HEALTH} {POLICY}", list(real.load_fields())) == [
        HEALTH,
        POLICY,
    ]
    with pytest.raises(ValueError, match="unknown job category 'Sales'"):
        real.categories_of("Sales", list(real.load_fields()))


def test_the_real_set_builder_refuses_another_file(tmp_path):
    plain = tmp_path / "nyc-jobs.csv"
    plain.write_text("Job ID\n1\n")
    zipped = tmp_path / "nyc-jobs.csv.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("nyc-jobs.csv", "Job ID\n1\n")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("other.csv", "")

    for path in (plain, zipped):
        with pytest.raises(real.SourceError, match="is not the 2019-07-23 snapshot"):
            real.read_source(path)
    with pytest.raises(real.SourceError, match="no nyc-jobs.csv inside"):
        real.read_source(empty)


def test_evaluate_matching_says_where_the_real_set_source_goes(monkeypatch, tmp_path):
    monkeypatch.delenv(evaluation.REAL_SOURCE_ENV, raising=False)
    monkeypatch.setattr(evaluation, "REAL_SOURCE_SHARED", tmp_path / "absent.zip")

    with pytest.raises(CommandError, match="HOTGIGS_REAL_SET_SOURCE"):
        call_command("evaluate_matching", "--set", "real")


# The real-text set's figures (bench/README.md, "Matching quality, round 11"),
# with the weights fitted on its tuning split among others (fit_weights.py):
# on the held-out split the engine leads BM25 by 0.007 nDCG@10 (0.438 vs 0.431;
# round 8's weights: 0.424, then 0.429 after round 10's title fix and 0.431
# after round 11's residual-occupation fix; round 11's refit 0.438), and
# trails it in tech (0.322 vs 0.395) and finance. That split has been read
# often since round 7, so it is not blind. Before the split and the similarity
# component the engine was below BM25 on the whole set (0.374 vs 0.404).
EXPECTED_REAL_SIZE = (803, 93)  # jobs, candidates
EXPECTED_REAL_FIELD_SIZES = {
    "business": 16, "finance": 14, "health": 8, "other": 39, "tech": 14, "trades": 2,
}  # fmt: skip
EXPECTED_REAL = {  # nDCG@10, P@10, MRR over all 93
    "engine": (0.421, 0.203, 0.466),
    "bm25": (0.404, 0.178, 0.435),
    "skills": (0.273, 0.096, 0.324),
}
EXPECTED_REAL_BY_FIELD = {  # n, engine nDCG@10, BM25 nDCG@10
    "business": (16, 0.467, 0.395),
    "finance": (14, 0.426, 0.372),
    "health": (8, 0.646, 0.637),
    "other": (39, 0.400, 0.387),
    "tech": (14, 0.309, 0.376),
    "trades": (2, 0.297, 0.266),
}
EXPECTED_REAL_SPLITS = {  # nDCG@10 (engine, BM25)
    "tuning": (0.398, 0.369),
    "heldout": (0.438, 0.431),
}
EXPECTED_REAL_SPLIT_SIZES = (41, 52)  # tuning, held-out candidates
EXPECTED_REAL_SPLIT_TITLES = {"tuning": 36, "heldout": 38}
needs_real_source = pytest.mark.skipif(
    real_set_source() is None,
    reason="no NYC postings file (matching/data/evaluation_real/README.md)",
)


@needs_real_source
def test_the_real_set_holds_out_real_postings_graded_by_their_labels():
    raw = evaluation.real_set_data()
    jobs, candidates = raw["jobs"], raw["candidates"]
    fields = {}
    for c in candidates:
        fields[c["field"]] = fields.get(c["field"], 0) + 1

    assert (len(jobs), len(candidates)) == EXPECTED_REAL_SIZE
    assert fields == EXPECTED_REAL_FIELD_SIZES
    assert {c["source_id"] for c in candidates}.isdisjoint(j["source_id"] for j in jobs)
    for c in candidates:
        row = raw["grades"][str(c["id"])]
        assert {j["id"]: row[str(j["id"])] for j in jobs} == {
            j["id"]: real.grade(c, j) for j in jobs
        }
        assert sum(1 for g in row.values() if g >= 2) >= 2
    splits = {}
    for c in candidates:
        splits.setdefault(c["split"], set()).add(c["title_code"])
    assert {k: len(v) for k, v in splits.items()} == EXPECTED_REAL_SPLIT_TITLES
    assert splits["tuning"].isdisjoint(splits["heldout"])
    assert (
        len(load_real_set(split="tuning").candidates),
        len(load_real_set(split="heldout").candidates),
    ) == EXPECTED_REAL_SPLIT_SIZES


@needs_real_source
def test_the_real_set_figures_overall_and_per_field():
    results = evaluate_by_field(load_real_set())

    overall = {
        ranker: tuple(round(groups["all"][m], 3) for m in ("ndcg@10", "p@10", "mrr"))
        for ranker, groups in results.items()
    }
    by_field = {
        field: (
            metrics["n"],
            round(metrics["ndcg@10"], 3),
            round(results["bm25"][field]["ndcg@10"], 3),
        )
        for field, metrics in results["engine"].items()
        if field != "all"
    }
    assert overall == EXPECTED_REAL
    assert by_field == EXPECTED_REAL_BY_FIELD


@needs_real_source
@pytest.mark.parametrize("split", sorted(EXPECTED_REAL_SPLITS))
def test_the_real_set_splits_figures_against_bm25(split):
    results = evaluate(load_real_set(split=split))

    figures = (
        round(results["engine"]["ndcg@10"], 3),
        round(results["bm25"]["ndcg@10"], 3),
    )
    assert figures == EXPECTED_REAL_SPLITS[split]
    if split == "tuning":  # held out it trails (above): recorded, not hidden
        assert figures[0] > figures[1]


@needs_real_source
def test_evaluate_matching_prints_the_real_set_and_its_splits():
    out = StringIO()

    call_command("evaluate_matching", "--set", "real", stdout=out)

    n_jobs, n_candidates = EXPECTED_REAL_SIZE
    assert out.getvalue().splitlines()[0] == (
        f"real set (all): {n_candidates} candidates × {n_jobs} jobs, grades 0–3"
    )
    for split, n in zip(("tuning", "heldout"), EXPECTED_REAL_SPLIT_SIZES, strict=True):
        out = StringIO()
        call_command("evaluate_matching", "--set", "real", "--split", split, stdout=out)
        assert out.getvalue().splitlines()[0] == (
            f"real set ({split}): {n} candidates × {n_jobs} jobs, grades 0–3"
        )
