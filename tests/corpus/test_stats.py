"""Bootstrap intervals against reference computations, and the calendar of the time axis."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from unspun.corpus.stats import (
    group_ratios,
    next_period,
    period_label,
    period_range,
    period_start,
)


def _ratio(num: np.ndarray, den: np.ndarray) -> float:
    return float(num.sum() / den.sum())


def test_the_value_is_a_ratio_of_sums_and_one_article_has_no_interval() -> None:
    techniques = np.array([2.0, 3.0, 0.0])
    words = np.array([80.0, 50.0, 20.0])
    (rate,) = group_ratios([(techniques, words)], "g", scale=[1000.0])
    assert rate.value == pytest.approx(1000 * 5 / 150)  # 33.33, not the mean of the three rates
    assert rate.n == 3 and rate.low is not None and rate.high is not None
    assert rate.low <= rate.value <= rate.high

    (alone,) = group_ratios([(np.array([3.0]), np.array([30.0]))], "g", scale=[1000.0])
    assert (alone.value, alone.low, alone.high, alone.n) == (100.0, None, None, 1)


def test_unknown_values_count_in_neither_sum_and_empty_draws_are_dropped() -> None:
    named = np.array([2.0, np.nan, 0.0, 1.0])
    quotes = np.array([4.0, np.nan, 0.0, 1.0])  # the second article's quotes were not looked for
    (share,) = group_ratios([(named, quotes)], "g")
    assert share.value == pytest.approx(3 / 5) and share.n == 3
    # Identical articles: every draw gives the same ratio, so the interval is that point.
    (same,) = group_ratios([(np.full(6, 2.0), np.full(6, 40.0))], "g")
    assert same.low == same.high == pytest.approx(0.05)
    (none,) = group_ratios([(np.zeros(3), np.zeros(3))], "g")
    assert none.value is None and none.low is None


def test_intervals_are_seeded_by_group_name() -> None:
    rng = np.random.default_rng(5)
    pair = (rng.integers(0, 9, 20).astype(float), rng.integers(50, 900, 20).astype(float))
    first = group_ratios([pair], "site:alpha")[0]
    assert group_ratios([pair], "site:alpha")[0] == first
    assert group_ratios([pair], "site:beta")[0] != first
    assert group_ratios([pair], "site:alpha", seed=32)[0] != first


def _exact_percentiles(num: np.ndarray, den: np.ndarray) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the full bootstrap distribution: every one of the
    n**n equally likely draws of n articles with replacement."""
    n = len(num)
    ratios = [num[list(d)].sum() / den[list(d)].sum()
              for d in itertools.product(range(n), repeat=n)]
    low, high = np.percentile(ratios, [2.5, 97.5])
    return float(low), float(high)


def test_interval_against_the_exact_bootstrap_distribution() -> None:
    # Five articles: 3,125 equally likely draws, enumerated.
    techniques = np.array([2.0, 3.0, 0.0, 1.0, 1.0])
    words = np.array([80.0, 50.0, 20.0, 40.0, 20.0])
    exact_low, exact_high = _exact_percentiles(techniques, words)
    (rate,) = group_ratios([(techniques, words)], "g", resamples=40_000)
    assert rate.low == pytest.approx(exact_low, abs=0.0005)  # the interval spans 0.034
    assert rate.high == pytest.approx(exact_high, abs=0.0005)
    # The default 2,000 draws land close to it too.
    (default,) = group_ratios([(techniques, words)], "g")
    assert default.low == pytest.approx(exact_low, abs=0.003)
    assert default.high == pytest.approx(exact_high, abs=0.003)


def test_interval_against_scipy_percentile_bootstrap() -> None:
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(11)
    words = rng.integers(200, 1500, 40).astype(float)
    techniques = rng.poisson(words / 100).astype(float)

    def ratio(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        return np.asarray(1000 * x.sum(axis=axis) / y.sum(axis=axis))

    reference = stats.bootstrap((techniques, words), ratio, paired=True, vectorized=True,
                                method="percentile", n_resamples=40_000, confidence_level=0.95,
                                random_state=np.random.default_rng(3)).confidence_interval
    (rate,) = group_ratios([(techniques, words)], "g", resamples=40_000, scale=[1000.0])
    assert rate.value == pytest.approx(1000 * _ratio(techniques, words))
    width = reference.high - reference.low
    assert rate.low == pytest.approx(reference.low, abs=0.02 * width)
    assert rate.high == pytest.approx(reference.high, abs=0.02 * width)


def test_several_rates_share_the_same_draws() -> None:
    num = np.array([1.0, 5.0, 2.0, 8.0])
    den = np.array([10.0, 10.0, 10.0, 10.0])
    single = group_ratios([(num, den)], "g")[0]
    first, second = group_ratios([(num, den), (num * 2, den)], "g")
    assert first == single
    assert (second.low, second.high) == pytest.approx((2 * single.low, 2 * single.high))


@pytest.mark.parametrize(("day", "period", "start", "label"), [
    (dt.date(2024, 1, 10), "week", dt.date(2024, 1, 8), "2024-W02"),
    (dt.date(2024, 12, 31), "week", dt.date(2024, 12, 30), "2025-W01"),  # ISO year
    (dt.date(2023, 1, 1), "week", dt.date(2022, 12, 26), "2022-W52"),
    (dt.date(2024, 2, 29), "month", dt.date(2024, 2, 1), "2024-02"),
    (dt.date(2024, 11, 5), "quarter", dt.date(2024, 10, 1), "2024-Q4"),
])
def test_periods(day: dt.date, period: str, start: dt.date, label: str) -> None:
    assert period_start(day, period) == start  # type: ignore[arg-type]
    assert period_label(start, period) == label  # type: ignore[arg-type]


def test_a_time_axis_keeps_its_empty_periods() -> None:
    weeks = period_range(dt.date(2024, 1, 3), dt.date(2024, 1, 31), "week")
    assert [period_label(w, "week") for w in weeks] == [
        "2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05"]
    months = period_range(dt.date(2023, 11, 20), dt.date(2024, 2, 2), "month")
    assert months == [dt.date(2023, 11, 1), dt.date(2023, 12, 1), dt.date(2024, 1, 1),
                      dt.date(2024, 2, 1)]
    assert next_period(dt.date(2024, 10, 1), "quarter") == dt.date(2025, 1, 1)
