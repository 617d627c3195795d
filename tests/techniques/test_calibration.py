"""training/calibration.py: highlights judged against gold, the reliability table, the
expected calibration error and the display threshold chosen from them. No torch."""

from __future__ import annotations

import numpy as np
import pytest
from training.calibration import (
    Highlight,
    at_threshold,
    best_f_threshold,
    choose_threshold,
    cross_fitted,
    expected_calibration_error,
    f_beta,
    fit_map,
    judge,
    log_loss,
    reliability_table,
)

from unspun.evaluate.ptc import TCLabel
from unspun.techniques.calibration import logit, sigmoid

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


def _simulated(n: int, slope: float, offsets: dict[str, float], seed: int = 3) -> list[Highlight]:
    """Highlights whose raw scores overstate: right with probability
    sigmoid(slope * logit(raw) + offset of the technique), over five folds."""
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        technique = list(offsets)[k % len(offsets)]
        raw = float(rng.uniform(0.1, 0.95))
        right = bool(rng.random() < sigmoid(slope * logit(raw) + offsets[technique]))
        out.append(Highlight(str(k), technique, raw, right, right, fold=k % 5))
    return out


def test_the_fitted_map_recovers_the_line_and_each_technique_level() -> None:
    truth = {"Loaded_Language": 0.6, "Doubt": -0.9, "Slogans": -0.3}
    highlights = _simulated(6000, 0.7, truth)
    cmap = fit_map(highlights, l2=1.0)
    assert cmap.slope == pytest.approx(0.7, abs=0.1)
    gaps = {t: cmap.intercept + cmap.offsets[t] for t in truth}
    for t, offset in truth.items():
        assert gaps[t] == pytest.approx(offset, abs=0.2)
    # One line for all: no offsets.
    assert fit_map(highlights, l2=None).offsets == {}


def test_cross_fitted_confidences_are_better_calibrated_than_raw_ones() -> None:
    highlights = _simulated(4000, 0.6, {"Loaded_Language": 0.2, "Doubt": -1.0})
    raw_ece = expected_calibration_error(reliability_table(highlights))
    mapped = cross_fitted(highlights, l2=1.0)
    assert [h.fold for h in mapped] == sorted(h.fold for h in highlights)
    assert expected_calibration_error(reliability_table(mapped)) < raw_ece / 3
    assert log_loss(mapped) < log_loss(highlights)


def test_the_f_beta_threshold_weighs_precision_over_recall() -> None:
    def row(t: float, precision: float, found: float) -> dict[str, float | int]:
        return {"threshold": t, "shown": 10, "precision": precision, "span_precision": 1.0,
                "gold_found": found}

    rows = [row(0.0, 0.30, 0.30), row(0.1, 0.40, 0.25), row(0.2, 0.60, 0.12), row(0.3, 0.7, 0.02)]
    # F1 0.300, 0.308, 0.200, 0.039: recall counts as much as precision.
    assert best_f_threshold(rows, 1.0) == 0.1
    # F0.5 0.300, 0.357, 0.333, 0.090: precision twice as much.
    assert f_beta(rows[1], 0.5) == pytest.approx(1.25 * 0.4 * 0.25 / (0.25 * 0.4 + 0.25))
    assert best_f_threshold(rows, 0.5) == 0.1
    assert best_f_threshold(rows, 0.25) == 0.2
    # A tie goes to the lower threshold; no highlights, no threshold.
    assert best_f_threshold([row(0.0, 0.5, 0.5), row(0.1, 0.5, 0.5)], 0.5) == 0.0
    assert best_f_threshold([{**rows[0], "shown": 0}], 0.5) is None
