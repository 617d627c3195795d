"""training/calibration.py: highlights judged against gold, the reliability table, the
expected calibration error and the display threshold chosen from them. No torch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# training/ is a top-level folder of the repository, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.calibration import (
    Highlight,
    at_threshold,
    choose_threshold,
    expected_calibration_error,
    judge,
    reliability_table,
)

from unspun.evaluate.ptc import TCLabel

GOLD = [
    TCLabel("1", "Loaded_Language", 10, 20),
    TCLabel("1", "Doubt", 30, 50),
]


def test_a_highlight_is_right_when_it_shares_half_of_the_shorter_with_its_technique() -> None:
    # [15, 25) and [10, 20) share 5 characters, half of either: right.
    assert judge("1", 15, 25, "Loaded_Language", 0.5, GOLD).right
    # [16, 26) shares 4 of 10: neither right nor span right.
    h = judge("1", 16, 26, "Loaded_Language", 0.5, GOLD)
    assert not h.right and not h.span_right
    # A long highlight holding the whole fragment is right (the fragment is the shorter).
    assert judge("1", 0, 29, "Loaded_Language", 0.5, GOLD).right
    # Inside a Doubt fragment, labelled otherwise: the span is right, the label is not.
    h = judge("1", 32, 40, "Loaded_Language", 0.5, GOLD)
    assert not h.right and h.span_right
    # An empty highlight matches nothing.
    assert not judge("1", 12, 12, "Loaded_Language", 0.5, GOLD).span_right


def _h(confidence: float, right: bool) -> Highlight:
    return Highlight("1", "Doubt", confidence, right, right)


def test_a_calibrated_model_has_no_calibration_error_and_an_overconfident_one_has() -> None:
    calibrated = [_h(0.55, k < 11) for k in range(20)] + [_h(0.95, k < 19) for k in range(20)]
    table = reliability_table(calibrated)
    assert [r["n"] for r in table if r["n"]] == [20, 20]
    assert table[5]["right"] == pytest.approx(0.55)
    assert expected_calibration_error(table) == pytest.approx(0.0)
    overconfident = [_h(0.95, k < 10) for k in range(20)]
    assert expected_calibration_error(reliability_table(overconfident)) == pytest.approx(0.45)


def test_the_threshold_is_the_lowest_tenth_whose_shown_highlights_are_mostly_right() -> None:
    highlights = [_h(0.15, False)] * 6 + [_h(0.35, k < 2) for k in range(4)] + [_h(0.75, True)] * 2
    found = [(TCLabel("1", "Doubt", 0, 5), 0.75), (TCLabel("1", "Doubt", 9, 12), 0.15),
             (TCLabel("1", "Doubt", 20, 30), 0.0)]
    rows = [at_threshold(highlights, found, t / 10) for t in range(10)]
    # From 0.0 and 0.1: 4 right of 12; from 0.2 (nothing lies in 0.2-0.3) and 0.3: 4 of 6.
    assert rows[0]["shown"] == 12 and rows[0]["precision"] == pytest.approx(4 / 12)
    assert rows[3]["precision"] == pytest.approx(4 / 6)
    assert rows[1]["precision"] == pytest.approx(4 / 12)
    assert choose_threshold(rows, 0.5, "precision") == 0.2
    assert choose_threshold(rows, 0.9, "precision") == 0.4  # only the two right ones from 0.4
    assert choose_threshold(rows, 1.01, "precision") is None
    # _h makes span right and right alike; a wrong label alone is still span right.
    assert choose_threshold(rows, 0.5) == 0.2
    labelled_wrong = [Highlight("1", "Doubt", 0.15, False, True)] * 6 + highlights[6:]
    by_span = [at_threshold(labelled_wrong, found, t / 10) for t in range(10)]
    assert by_span[0]["span_precision"] == pytest.approx(10 / 12)
    assert choose_threshold(by_span, 0.5) == 0.0
    assert choose_threshold(by_span, 0.5, "precision") == 0.2
    # The gold fragment found only at 15% is lost from 0.2 on.
    assert rows[0]["gold_found"] == pytest.approx(2 / 3)
    assert rows[3]["gold_found"] == pytest.approx(1 / 3)
