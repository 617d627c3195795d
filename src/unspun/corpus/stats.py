"""Uncertainty and time axes for the corpus figures.

Intervals: every rate of a group (techniques per 1,000 words, the share of sentences with a
technique, the share of named sources, ...) is a ratio of two sums over the group's articles,
``sum(numerator) / sum(denominator)``. Its 95% interval is a nonparametric bootstrap over
articles: the group's n articles are drawn n times with replacement, the ratio is computed
on the draw, :data:`RESAMPLES` times, and the interval is the 2.5th and 97.5th percentiles
of those ratios (the percentile method; numpy's linear interpolation between order
statistics). Articles, not words or sentences, are resampled because articles are the units
that were sampled: the words of one article are not independent of each other.

The draws are seeded from :data:`SEED` and the group's name, and the corpus passes each
group's articles in the order of their ids, so the same corpus always gives the same
intervals, and one group's interval does not change when another group is added.
An article whose numerator or denominator is unknown (a layer the run left out) counts in
neither sum. A draw whose denominator is 0 (say, no quotes at all) has no ratio and is left
out of the percentiles. With fewer than 2 articles there is no interval: one article drawn
with replacement always gives itself, an interval of width 0 that would claim a certainty
the data do not have.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

RESAMPLES = 2000
SEED = 31
LEVEL = 0.95
# Index draws per block: bounds the memory of one big group (n articles x resamples ints).
_BLOCK_DRAWS = 2_000_000

Period = Literal["week", "month", "quarter"]
PERIODS: tuple[Period, ...] = ("week", "month", "quarter")


@dataclass(frozen=True)
class Ratio:
    """One rate of a group: its point value and its bootstrap interval (None: cannot be
    known, no article with a denominator; low and high None: fewer than 2 such articles)."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    """Articles with a known numerator and denominator."""


def group_ratios(
    pairs: Sequence[tuple[np.ndarray, np.ndarray]],
    key: str,
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    level: float = LEVEL,
    scale: Sequence[float] | None = None,
) -> list[Ratio]:
    """The ratio of sums of each (numerator, denominator) pair of per-article arrays of one
    group, with bootstrap intervals; every pair is computed on the same draws of articles.

    NaN marks an unknown value. *key* names the group (it seeds its draws); *scale*
    multiplies each ratio (1,000 for a rate per 1,000 words).
    """
    factors = list(scale) if scale is not None else [1.0] * len(pairs)
    cleaned = []
    for numerator, denominator in pairs:
        num = np.asarray(numerator, dtype=float)
        den = np.asarray(denominator, dtype=float)
        known = ~(np.isnan(num) | np.isnan(den))
        cleaned.append((np.where(known, num, 0.0), np.where(known, den, 0.0), int(known.sum())))
    n = len(cleaned[0][0]) if cleaned else 0
    draws = _ratio_draws(cleaned, n, key, resamples, seed)
    tail = 100 * (1 - level) / 2
    ratios = []
    for (num, den, known), factor, drawn in zip(cleaned, factors, draws, strict=True):
        total = den.sum()
        value = float(factor * num.sum() / total) if known and total > 0 else None
        low = high = None
        if value is not None and known >= 2:
            defined = drawn[~np.isnan(drawn)]
            if defined.size:
                low, high = (float(factor * q) for q in np.percentile(defined, [tail, 100 - tail]))
        ratios.append(Ratio(value, low, high, known))
    return ratios


def _ratio_draws(
    pairs: list[tuple[np.ndarray, np.ndarray, int]], n: int, key: str, resamples: int, seed: int
) -> list[np.ndarray]:
    """Each pair's ratio on each of *resamples* draws of the n articles (NaN: undefined)."""
    out = [np.full(resamples, np.nan) for _ in pairs]
    if n < 2:
        return out
    rng = np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])
    block = max(1, _BLOCK_DRAWS // n)
    for first in range(0, resamples, block):
        count = min(block, resamples - first)
        index = rng.integers(0, n, size=(count, n))
        for (num, den, _), drawn in zip(pairs, out, strict=True):
            top, bottom = num[index].sum(axis=1), den[index].sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                drawn[first:first + count] = np.where(bottom > 0, top / bottom, np.nan)
    return out


# ------------------------------------------------------------------------------ time axis


def period_start(day: dt.date, period: Period) -> dt.date:
    """The first day of the period holding *day*: the Monday of its ISO week, the first of
    its month, or of its quarter."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_period(start: dt.date, period: Period) -> dt.date:
    """The first day of the period after the one starting on *start*."""
    if period == "week":
        return start + dt.timedelta(days=7)
    months = 1 if period == "month" else 3
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def period_label(start: dt.date, period: Period) -> str:
    """``2024-W02`` (ISO week, whose year can differ from the calendar year at New Year),
    ``2024-01`` or ``2024-Q1``."""
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def period_range(first: dt.date, last: dt.date, period: Period) -> list[dt.date]:
    """The start of every period from the one holding *first* to the one holding *last*,
    empty ones included: a time axis without holes in it."""
    starts = []
    current, end = period_start(first, period), period_start(last, period)
    while current <= end:
        starts.append(current)
        current = next_period(current, period)
    return starts
