"""The corpus report's charts, drawn by matplotlib as SVG and returned as ``data:`` URIs.

An SVG shown as an image cannot run code, and matplotlib escapes every text it writes into
it, so nothing from the corpus (an outlet's name, a quoted speaker) can become markup.

Honesty rules shared by every chart: each group's label carries its n; a group with fewer
articles than the report's minimum is drawn grey and hatched; intervals are drawn where
known; a time axis is a date axis, so that an empty month is as wide as a full one, and a
line is broken where a period has no articles instead of being joined across the gap.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Enough bars to compare outlets, few enough to read the labels.
MAX_BARS = 20
BLUE = "#3b6fb6"
GREY = "#b7bcc4"
INK = "#1d232b"
# Distinct colours for the parts of a stacked bar; the last is for "other".
PALETTE = ("#3b6fb6", "#e07b39", "#4f9d69", "#c44e52", "#8172b3", "#937860", "#da8bc3",
           "#8c8c8c", "#ccb974", "#64b5cd", "#d0d4da")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display; also keeps a server or a worker from opening windows
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "svg.fonttype": "none",  # text stays text: smaller, searchable, sharp
        "svg.hashsalt": "unspun",  # stable ids, so the same data gives the same file
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    return plt


def label(text: Any) -> str:
    # A "$" in an outlet's name would otherwise switch matplotlib into maths typesetting.
    return str(text).replace("$", r"\$")


def svg_data_uri(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def bar_chart(labels: Sequence[Any], values: Sequence[float | None], xlabel: str) -> str:
    """A horizontal bar chart of counts, largest value on top, as a data URI."""
    plt = _pyplot()
    pairs = [(str(name), float(v or 0)) for name, v in zip(labels, values, strict=True)]
    pairs = pairs[:MAX_BARS][::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.9 + 0.28 * max(1, len(pairs))))
    ax.barh([label(p[0]) for p in pairs], [p[1] for p in pairs], color=BLUE)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.2 of a quote
    ax.set_xlabel(xlabel)
    ax.margins(y=0.01)
    return svg_data_uri(fig)


@dataclass(frozen=True)
class Group:
    """One bar or point: a group's label, n, value and interval, and whether n is small."""

    label: str
    n: int
    value: float | None
    low: float | None = None
    high: float | None = None
    small: bool = False

    @property
    def tick(self) -> str:
        return f"{self.label}  (n={self.n:,}{', few' if self.small else ''})"


def _percent(axis: Any) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(1.0, decimals=0))


def rate_bars(groups: Sequence[Group], xlabel: str, *, share: bool = False) -> str:
    """Horizontal bars with 95% intervals, in the given order (first on top)."""
    plt = _pyplot()
    shown = list(groups[:MAX_BARS])[::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.9 + 0.3 * max(1, len(shown))))
    y = range(len(shown))
    values = [0.0 if _missing(g.value) else float(g.value or 0) for g in shown]
    bars = ax.barh(y, values, color=[GREY if g.small else BLUE for g in shown])
    for bar, group in zip(bars, shown, strict=True):
        if group.small:
            bar.set_hatch("///")
            bar.set_edgecolor("#8a9099")
    for i, group in enumerate(shown):
        if not _missing(group.low) and not _missing(group.high) and not _missing(group.value):
            value = float(group.value or 0)
            ax.errorbar(value, i, xerr=[[value - float(group.low or 0)],
                                        [float(group.high or 0) - value]],
                        fmt="none", ecolor=INK, elinewidth=1, capsize=3)
    ax.set_yticks(list(y), [label(g.tick) for g in shown])
    ax.set_xlabel(xlabel + " (bars: 95% interval)")
    if share:
        _percent(ax.xaxis)
    ax.margins(y=0.01)
    return svg_data_uri(fig)


@dataclass(frozen=True)
class Series:
    """One line over a time axis: a value per period start, None where it has no articles."""

    name: str
    starts: Sequence[dt.date]
    points: Sequence[Group]


def time_chart(series: Sequence[Series], ylabel: str, days: int, *, share: bool = False) -> str:
    """Lines over a date axis, broken at empty periods, with the first series' interval as a
    band and its article counts as bars below. *days* is about one period's length."""
    plt = _pyplot()
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(7.5, 4.4), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    for number, line in enumerate(series):
        xs = list(line.starts)
        ys = [_nan(p.value) for p in line.points]
        main = number == 0
        style = ({"linewidth": 2.2, "color": INK} if main
                 else {"linewidth": 1.2, "color": PALETTE[number % len(PALETTE)]})
        # NaN breaks the line: an empty period is a gap, not a slope.
        top.plot(xs, ys, label=label(line.name), marker="o", markersize=3, **style)
        small = [(x, y) for x, y, p in zip(xs, ys, line.points, strict=True)
                 if p.small and not math.isnan(y)]
        if small:
            top.scatter([x for x, _ in small], [y for _, y in small], s=28, zorder=3,
                        facecolors="white", edgecolors=style["color"], linewidths=1.2)
        if main:
            lows = [_nan(p.low) for p in line.points]
            highs = [_nan(p.high) for p in line.points]
            top.fill_between(xs, lows, highs, color=INK, alpha=0.12, linewidth=0,
                             label="95% interval")
            _columns(bottom, xs, days, [0.0] * len(xs), [p.n for p in line.points],
                     [GREY if p.small else BLUE for p in line.points])
    top.set_ylabel(ylabel)
    top.set_ylim(bottom=0)
    if share:
        _percent(top.yaxis)
    bottom.set_ylabel("articles")
    from matplotlib.ticker import MaxNLocator

    bottom.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    fig.autofmt_xdate()
    top.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return svg_data_uri(fig)


def stacked_shares(
    groups: Sequence[Group], shares: Sequence[Sequence[float]], parts: Sequence[str],
    xlabel: str,
) -> str:
    """One horizontal bar per group, split into *parts* by share (each row sums to 1)."""
    plt = _pyplot()
    shown = list(zip(groups, shares, strict=True))[:MAX_BARS][::-1]
    fig, ax = plt.subplots(figsize=(7.5, 1.3 + 0.3 * max(1, len(shown))))
    y = list(range(len(shown)))
    left = [0.0] * len(shown)
    for k, part in enumerate(parts):
        widths = [row[k] for _, row in shown]
        bars = ax.barh(y, widths, left=left, color=PALETTE[k % len(PALETTE)],
                       label=label(part), edgecolor="white", linewidth=0.4)
        for bar, (group, _) in zip(bars, shown, strict=True):
            if group.small:
                bar.set_alpha(0.35)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(y, [label(g.tick) for g, _ in shown])
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    _percent(ax.xaxis)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    ax.margins(y=0.01)
    return svg_data_uri(fig)


def stacked_shares_over_time(
    starts: Sequence[dt.date], groups: Sequence[Group], shares: Sequence[Sequence[float]],
    parts: Sequence[str], days: int, ylabel: str,
) -> str:
    """Stacked shares per period on a date axis; an empty period is an empty slot."""
    from matplotlib.patches import Patch

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    bottom = [0.0] * len(starts)
    for k in range(len(parts)):
        heights = [row[k] for row in shares]
        colour = PALETTE[k % len(PALETTE)]
        _columns(ax, starts, days, bottom, heights, [colour] * len(starts),
                 [0.35 if g.small else 1.0 for g in groups])
        bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
    ax.set_ylim(0, 1)
    ax.set_ylabel(ylabel)
    _percent(ax.yaxis)
    fig.autofmt_xdate()
    ax.legend(handles=[Patch(color=PALETTE[k % len(PALETTE)], label=label(p))
                       for k, p in enumerate(parts)],
              fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return svg_data_uri(fig)


def _columns(ax: Any, starts: Sequence[dt.date], days: int, bottoms: Sequence[float],
             heights: Sequence[float], colours: Sequence[str],
             alphas: Sequence[float] | None = None) -> None:
    """Bars standing on a date axis, one period wide, as one collection: hundreds of weeks
    of separate bar patches take seconds to draw."""
    import matplotlib.dates as mdates
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    width = days * 0.8
    shapes, faces = [], []
    for i, (x, low, height) in enumerate(zip(mdates.date2num(list(starts)), bottoms, heights,
                                             strict=True)):
        if height > 0:
            shapes.append([(x, low), (x, low + height), (x + width, low + height),
                           (x + width, low)])
            faces.append(to_rgba(colours[i], alphas[i] if alphas is not None else 1.0))
    ax.add_collection(PolyCollection(shapes, facecolors=faces, linewidths=0))
    ax.xaxis_date()
    ax.autoscale_view()
