"""Resume analysis field by field on the committed corpus (documents/tests/
resume_corpus/: PDF, DOCX and DOC files written by LibreOffice 7.4, with a
ground-truth JSON each; `generate.py` there made them). The tuned set must reach
F1 ≥ 0.9 for every field in every format; the held-out set is measured and
printed, not asserted (see bench/README.md, "Resume analysis")."""

from functools import cache

import pytest

from documents.tests.resume_corpus import evaluate

pytestmark = pytest.mark.django_db(databases=[])

MIN_F1 = 0.9


@cache
def scores(subset):
    return evaluate.score(subset)


def test_the_corpus_is_complete():
    truths = evaluate.truth_files()
    train = [t for t in truths if t["set"] == "train"]
    layouts = {t["layout"] for t in train}

    assert len(train) >= 30
    assert len(truths) - len(train) >= 10
    assert layouts >= {"classic", "two_col", "two_col_nested", "header",
                       "role_table", "academic", "labelled"}  # fmt: skip
    assert {t["country"] for t in train} >= {"US", "GB", "DE", "FR", "IE", "IN"}
    for truth in truths:
        for fmt in evaluate.FORMATS:
            assert (evaluate.HERE / f"{truth['id']}.{fmt}").stat().st_size < 60_000


@pytest.mark.parametrize("fmt", evaluate.FORMATS)
@pytest.mark.parametrize("field", evaluate.FIELDS)
def test_f1_per_field_and_format_on_the_tuned_set(field, fmt):
    count = scores("train")[(field, fmt)]

    assert count.f1 >= MIN_F1, (field, fmt, count.errors)


def test_print_the_tables(capsys):
    with capsys.disabled():
        for subset in evaluate.SETS:
            print(f"\n{subset}\n" + evaluate.table(scores(subset), "field"))
    held_out = scores("heldout")
    assert all(c.tp for (field, _), c in held_out.items() if field != "phone")
