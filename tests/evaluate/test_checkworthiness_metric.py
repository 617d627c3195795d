"""Check-worthiness metrics and the CT24 reader, on cases worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.evaluate.checkworthiness import (
    average_precision,
    best_f1_threshold,
    evaluate_checkworthiness,
    precision_recall_f1,
    read_ct24,
)


def test_precision_recall_f1_by_hand() -> None:
    # tp = 2, fp = 1, fn = 1: P = 2/3, R = 2/3, F1 = 2/3.
    labels = [True, True, True, False, False]
    predictions = [True, True, False, True, False]
    prf = precision_recall_f1(labels, predictions)
    assert prf == pytest.approx({"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3})
    assert precision_recall_f1([True], [False]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_average_precision_by_hand() -> None:
    # Ranked: + - + -: precision at the positives 1/1 and 2/3 -> (1 + 2/3) / 2.
    assert average_precision([True, False, True, False], [0.9, 0.8, 0.7, 0.1]) == pytest.approx(
        5 / 6
    )
    # Input order does not matter.
    assert average_precision([False, True, False, True], [0.1, 0.7, 0.8, 0.9]) == pytest.approx(
        5 / 6
    )
    assert average_precision([True, True, False], [0.9, 0.8, 0.1]) == 1.0
    # Ranked: - - +: 1/3.
    assert average_precision([False, False, True], [0.9, 0.8, 0.1]) == pytest.approx(1 / 3)
    # Ties enter together: one threshold, recall 1 at precision 1/2.
    assert average_precision([True, False], [0.5, 0.5]) == pytest.approx(0.5)
    # Ranked: + then a tie of {+, -, -}: 1/2 * 1 + 1/2 * 2/4.
    assert average_precision([True, True, False, False], [0.9, 0.4, 0.4, 0.4]) == pytest.approx(
        0.75
    )
    assert average_precision([False, False], [0.3, 0.2]) == 0.0


def test_best_f1_threshold_by_hand() -> None:
    t, f1 = best_f1_threshold([True, True, False, False], [0.9, 0.8, 0.3, 0.2])
    assert (t, f1) == (pytest.approx(0.55), pytest.approx(1.0))
    # Taking only the top one: F1 = 2/3; taking all three: 2*2/(3+2) = 0.8 (best).
    t, f1 = best_f1_threshold([True, False, True], [0.9, 0.8, 0.7])
    assert f1 == pytest.approx(0.8)
    assert t <= 0.7


CT24 = (
    "Sentence_id\tText\tclass_label\n"
    '26\t"You know, I saw a movie - ""Crocodile Dundee."""\tNo\n'
    "80\tWe're consuming 50 percent of the world's cocaine.\tYes\n"
    "7\tWe've got to invest and grow.\tNo9\tYou can't bring back jobs.\tNo\n"
    "11\tTaxes rose by 3 percent.\tYes\n"
)


@pytest.fixture
def ct24_file(tmp_path: Path) -> Path:
    path = tmp_path / "ct24.tsv"
    path.write_text(CT24, encoding="utf-8")
    return path


def test_reader_unquotes_and_repairs_glued_lines(ct24_file: Path) -> None:
    rows = read_ct24(ct24_file)
    assert [(r.sentence_id, r.label) for r in rows] == [
        ("26", False), ("80", True), ("7", False), ("9", False), ("11", True),
    ]
    assert rows[0].text == 'You know, I saw a movie - "Crocodile Dundee."'
    assert rows[3].text == "You can't bring back jobs."


def test_reader_refuses_other_formats(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a CT24 file"):
        read_ct24(path)


def test_evaluate_with_a_scorer(ct24_file: Path) -> None:
    def scorer(sentences: list[str]) -> list[float]:
        return [0.9 if any(c.isdigit() for c in s) else 0.1 for s in sentences]

    result = evaluate_checkworthiness(ct24_file, scorer, threshold=0.5, verbose=False)
    assert result["n"] == 5 and result["n_positive"] == 2
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    assert result["average_precision"] == 1.0
