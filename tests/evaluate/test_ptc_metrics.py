"""Hand-computed cases for the official SemEval-2020 Task 11 metrics and the PTC file formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.evaluate.ptc import (
    TCLabel,
    article_id_from_path,
    merge_spans,
    read_articles,
    read_si_labels,
    read_tc_labels,
    si_from_tc,
    si_scores,
    tc_macro_f1,
    tc_scores,
    write_si_labels,
    write_tc_labels,
)

# ------------------------------------------------------------------------------------------ SI


def test_si_exact_match_is_perfect() -> None:
    s = si_scores({"a": [(0, 10), (20, 30)]}, {"a": [(0, 10), (20, 30)]})
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_si_partial_overlap_hand_computed() -> None:
    # gold t = [0, 10) (10 chars); prediction s = [5, 15) (10 chars); |s∩t| = 5.
    # P = (1/1) * 5/10 = 0.5, R = (1/1) * 5/10 = 0.5, F1 = 0.5.
    s = si_scores({"a": [(5, 15)]}, {"a": [(0, 10)]})
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(0.5)


def test_si_one_prediction_covering_two_gold_spans() -> None:
    # gold t1 = [0, 4), t2 = [6, 10); prediction s = [0, 10) (10 chars).
    # P = (1/1) * (4/10 + 4/10) = 0.8
    # R = (1/2) * (4/4 + 4/4) = 1.0
    # F1 = 2 * 0.8 * 1.0 / 1.8 = 0.888...
    s = si_scores({"a": [(0, 10)]}, {"a": [(0, 4), (6, 10)]})
    assert s.precision == pytest.approx(0.8)
    assert s.recall == pytest.approx(1.0)
    assert s.f1 == pytest.approx(16 / 18)


def test_si_pooled_over_articles_not_averaged() -> None:
    # Article a: pred [0, 10), gold [0, 10): contributes P-num 1, R-num 1.
    # Article b: preds [0, 2), [50, 60); gold [0, 8):
    #   [0, 2) ∩ [0, 8) = 2 -> P-num 2/2 = 1, R-num 2/8 = 0.25; [50, 60) adds nothing.
    # Pooled: P = (1 + 1) / 3 = 0.6667 (3 predicted spans), R = (1 + 0.25) / 2 = 0.625.
    # (Averaging per article would give P = (1 + 0.5)/2 = 0.75: different on purpose.)
    s = si_scores({"a": [(0, 10)], "b": [(0, 2), (50, 60)]}, {"a": [(0, 10)], "b": [(0, 8)]})
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(0.625)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.625 / (2 / 3 + 0.625))
    assert s.precision_denominator == 3
    assert s.recall_denominator == 2


def test_si_overlapping_gold_spans_are_merged_first() -> None:
    # Gold [0, 10) and [5, 15) overlap -> merged into one gold span [0, 15) (15 chars).
    # Prediction [0, 15): P = 15/15 = 1, R = (1/1) * 15/15 = 1.
    # Without merging it would be P = 10/15 + 10/15 = 1.33 (> 1) and R = 1 over 2 spans.
    s = si_scores({"a": [(0, 15)]}, {"a": [(0, 10), (5, 15)]})
    assert s.recall_denominator == 1
    assert (s.precision, s.recall) == (pytest.approx(1.0), pytest.approx(1.0))


def test_si_duplicate_gold_spans_count_once() -> None:
    # The same fragment with two techniques appears twice in SI gold: merged into one span.
    s = si_scores({"a": [(0, 4)]}, {"a": [(0, 4), (0, 4)]})
    assert s.recall_denominator == 1
    assert s.f1 == pytest.approx(1.0)


def test_si_no_predictions() -> None:
    s = si_scores({}, {"a": [(0, 4)]})
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert s.recall_denominator == 1


def test_si_no_gold() -> None:
    # Predictions on an article without propaganda: P = 0/1 = 0, R undefined -> 0.
    s = si_scores({"a": [(0, 4)]}, {})
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert s.precision_denominator == 1


def test_si_nothing_at_all() -> None:
    s = si_scores({}, {})
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_si_missed_article_costs_recall() -> None:
    # a: perfect (R-num 1); b: gold [0, 5) never predicted. R = 1/2, P = 1/1.
    s = si_scores({"a": [(0, 3)]}, {"a": [(0, 3)], "b": [(0, 5)]})
    assert s.precision == pytest.approx(1.0)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 / 3)


def test_si_touching_spans_share_no_character() -> None:
    s = si_scores({"a": [(0, 5)]}, {"a": [(5, 10)]})
    assert s.f1 == 0.0


def test_si_empty_predicted_span_is_ignored() -> None:
    s = si_scores({"a": [(3, 3), (0, 4)]}, {"a": [(0, 4)]})
    assert s.precision_denominator == 1
    assert s.f1 == pytest.approx(1.0)


def test_merge_spans() -> None:
    assert merge_spans([(5, 15), (0, 10), (20, 25), (25, 30), (3, 3)]) == [
        (0, 15),
        (20, 25),
        (25, 30),
    ]
    assert merge_spans([(0, 10), (2, 4)]) == [(0, 10)]
    assert merge_spans([]) == []


# ------------------------------------------------------------------------------------------ TC


def _tc(article: str, technique: str, start: int, end: int) -> TCLabel:
    return TCLabel(article, technique, start, end)


def test_tc_accuracy_when_one_prediction_per_line() -> None:
    # 4 gold lines, 3 right, 1 wrong: P = R = F1 = 3/4.
    gold = [_tc("a", "X", 0, 5), _tc("a", "Y", 6, 9), _tc("b", "X", 0, 5), _tc("b", "Z", 7, 9)]
    pred = [_tc("a", "X", 0, 5), _tc("a", "Y", 6, 9), _tc("b", "X", 0, 5), _tc("b", "X", 7, 9)]
    s = tc_scores(pred, gold)
    assert (s.micro.precision, s.micro.recall, s.micro.f1) == (0.75, 0.75, 0.75)
    # Per technique: X predicted 3 times, 2 right (a 0-5, b 0-5), gold X twice:
    # P = 2/3, R = 2/2 = 1, F1 = 2*(2/3)*1/(5/3) = 0.8. Z: never predicted: P = 0, R = 0/1.
    x = s.per_technique["X"]
    assert (x.precision, x.recall, x.f1) == (pytest.approx(2 / 3), 1.0, pytest.approx(0.8))
    z = s.per_technique["Z"]
    assert (z.precision, z.recall, z.f1) == (0.0, 0.0, 0.0)


def test_tc_multiset_matching_on_a_span_with_two_labels() -> None:
    # One span with gold {X, Y}. Predictions {X, X}: multiset intersection {X} -> 1 of 2.
    gold = [_tc("a", "X", 0, 5), _tc("a", "Y", 0, 5)]
    s = tc_scores([_tc("a", "X", 0, 5), _tc("a", "X", 0, 5)], gold)
    assert s.micro.f1 == pytest.approx(0.5)
    # Predictions {Y, X} in the other order: both match -> 2 of 2.
    s = tc_scores([_tc("a", "Y", 0, 5), _tc("a", "X", 0, 5)], gold)
    assert s.micro.f1 == pytest.approx(1.0)


def test_tc_duplicate_gold_label_on_one_span() -> None:
    # Gold lists the same technique twice on one span (it happens in PTC): {X, X}.
    # Predictions {X, Y} -> intersection {X} = 1 -> 1/2. Predictions {X, X} -> 2/2.
    gold = [_tc("a", "X", 0, 5), _tc("a", "X", 0, 5)]
    assert tc_scores([_tc("a", "X", 0, 5), _tc("a", "Y", 0, 5)], gold).micro.f1 == 0.5
    assert tc_scores([_tc("a", "X", 0, 5), _tc("a", "X", 0, 5)], gold).micro.f1 == 1.0


def test_tc_prediction_on_non_gold_span_costs_precision_only() -> None:
    # Gold: 1 line. Predictions: correct one + one on a span that is not gold.
    # P = 1/2, R = 1/1, F1 = 2 * 0.5 * 1 / 1.5 = 0.6667.
    gold = [_tc("a", "X", 0, 5)]
    s = tc_scores([_tc("a", "X", 0, 5), _tc("a", "X", 10, 15)], gold)
    assert s.micro.precision == 0.5
    assert s.micro.recall == 1.0
    assert s.micro.f1 == pytest.approx(2 / 3)


def test_tc_spans_must_match_exactly() -> None:
    s = tc_scores([_tc("a", "X", 0, 6)], [_tc("a", "X", 0, 5)])
    assert s.micro.f1 == 0.0


def test_tc_same_offsets_in_other_article_do_not_match() -> None:
    s = tc_scores([_tc("b", "X", 0, 5)], [_tc("a", "X", 0, 5)])
    assert s.micro.f1 == 0.0


def test_tc_empty_inputs() -> None:
    assert tc_scores([], [_tc("a", "X", 0, 5)]).micro.f1 == 0.0
    assert tc_scores([_tc("a", "X", 0, 5)], []).micro.f1 == 0.0
    empty = tc_scores([], [], techniques=["X"])
    assert empty.micro.f1 == 0.0
    assert empty.per_technique["X"].f1 == 0.0


def test_tc_macro_f1_includes_unseen_techniques() -> None:
    s = tc_scores([_tc("a", "X", 0, 5)], [_tc("a", "X", 0, 5)])
    # X: F1 1; W: absent everywhere, F1 0 -> macro (1 + 0) / 2 = 0.5.
    assert tc_macro_f1(s, ["X", "W"]) == 0.5


# --------------------------------------------------------------------------------- file formats


def test_read_write_round_trip(tmp_path: Path) -> None:
    arts = tmp_path / "articles"
    arts.mkdir()
    # "\r\n" must survive: offsets count it as two characters.
    (arts / "article7.txt").write_bytes("Héllo\r\nworld".encode())
    (arts / "article8.txt").write_text("x", encoding="utf-8")
    texts = read_articles(arts)
    assert texts == {"7": "Héllo\r\nworld", "8": "x"}
    assert article_id_from_path(arts / "article7.txt") == "7"

    si_path = tmp_path / "si.labels"
    write_si_labels(si_path, {"7": [(7, 12), (0, 5)]})
    assert read_si_labels(si_path) == {"7": [(0, 5), (7, 12)]}
    assert texts["7"][7:12] == "world"

    labels = [TCLabel("7", "Doubt", 0, 5), TCLabel("7", "Repetition", 0, 5)]
    tc_path = tmp_path / "tc.labels"
    write_tc_labels(tc_path, labels)
    assert read_tc_labels(tc_path) == labels
    assert si_from_tc(labels) == {"7": [(0, 5)]}


def test_read_labels_from_directory(tmp_path: Path) -> None:
    d = tmp_path / "labels"
    d.mkdir()
    (d / "article1.task-si.labels").write_text("1\t0\t3\n\n", encoding="utf-8")
    (d / "article2.task-si.labels").write_text("2\t4\t9\n2\t1\t2\n", encoding="utf-8")
    (d / "README.txt").write_text("not a label file", encoding="utf-8")
    assert read_si_labels(d) == {"1": [(0, 3)], "2": [(1, 2), (4, 9)]}


@pytest.mark.parametrize("line", ["1\t5\t3\n", "1\tx\t3\n", "1\t3\n"])
def test_read_rejects_malformed_si_lines(tmp_path: Path, line: str) -> None:
    p = tmp_path / "bad.labels"
    p.write_text(line, encoding="utf-8")
    with pytest.raises(ValueError):
        read_si_labels(p)
