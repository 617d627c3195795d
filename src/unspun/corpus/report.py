"""The corpus report: the figures of queries.py as CSV files and one self-contained HTML page.

Plots are drawn by matplotlib as SVG and embedded as ``data:`` images, so the page needs no
network, runs no script, and nothing from the corpus (an outlet's name, a quoted speaker)
can become markup: matplotlib escapes the text inside the SVG, and an SVG shown as an image
cannot run code. A Content-Security-Policy forbids everything but that style and those
images.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from unspun import __version__
from unspun.corpus.queries import Figure, Grouping, OnDamaged, corpus_figures
from unspun.errors import InputError
from unspun.render.html import csp_hash

# Enough bars to compare outlets, few enough to read the labels.
MAX_BARS = 20

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 1.5rem;
color:#1d232b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}
.meta{color:#555}.figure img{max-width:100%;height:auto;border:1px solid #e3e6ea}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
td,th{border:1px solid #dde1e6;padding:.2rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
details{margin:.4rem 0 1rem}summary{cursor:pointer;color:#2a5db0}
.totals td{font-size:1rem}
"""

# Nothing may load or run; only our own style block and the data: images of the plots.
_CSP = f"default-src 'none'; style-src {csp_hash(_STYLE)}; img-src data:"


@dataclass(frozen=True)
class CorpusReport:
    """What ``build_corpus_report`` wrote."""

    html: Path
    csv_files: list[Path]
    figures: list[Figure]


def build_corpus_report(
    out: Path,
    *,
    by: Grouping = "site",
    output: Path | None = None,
    csv_dir: Path | None = None,
    top: int = 20,
    on_damaged: OnDamaged | None = None,
) -> CorpusReport:
    """Query the batch output in ``out`` and write the HTML report and one CSV per figure.

    Defaults: ``out/corpus.html`` and ``out/corpus_csv/``. Damaged parts of ``out`` are left
    out, one line each to *on_damaged* (queries.py); a report or CSV file that cannot be
    written (disk full, permission) is an :class:`~unspun.errors.InputError` naming it.
    """
    figures = corpus_figures(out, by=by, top=top, on_damaged=on_damaged)
    html_path = output if output is not None else out / "corpus.html"
    csv_path = csv_dir if csv_dir is not None else out / "corpus_csv"
    target = csv_path
    try:
        csv_path.mkdir(parents=True, exist_ok=True)
        written = []
        for figure in figures:
            target = csv_path / f"{figure.name}.csv"
            written.append(write_csv(figure, target))
        target = html_path
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html(figures, by, source=out), encoding="utf-8")
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise InputError(f"cannot write {target}: {reason}") from None
    return CorpusReport(html_path, written, figures)


def write_csv(figure: Figure, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(figure.columns)
        writer.writerows(figure.rows)
    return path


# ------------------------------------------------------------------------------------ plots


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


def _label(text: Any) -> str:
    # A "$" in an outlet's name would otherwise switch matplotlib into maths typesetting.
    return str(text).replace("$", r"\$")


def _svg_data_uri(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def bar_chart(labels: Sequence[Any], values: Sequence[float | None], xlabel: str) -> str:
    """A horizontal bar chart, largest value on top, as a data URI."""
    plt = _pyplot()
    pairs = [(str(label), float(v or 0)) for label, v in zip(labels, values, strict=True)]
    pairs = pairs[:MAX_BARS][::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.9 + 0.28 * max(1, len(pairs))))
    ax.barh([_label(p[0]) for p in pairs], [p[1] for p in pairs], color="#3b6fb6")
    if all(isinstance(v, int) for v in values if v is not None):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.2 of a quote
    ax.set_xlabel(xlabel)
    ax.margins(y=0.01)
    return _svg_data_uri(fig)


def line_chart(series: dict[str, list[tuple[str, float | None]]], ylabel: str) -> str:
    """One line per series over months (``YYYY-MM``), as a data URI."""
    plt = _pyplot()
    months = sorted({m for points in series.values() for m, _ in points})
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    for name, points in series.items():
        values = dict(points)
        xs = [i for i, m in enumerate(months) if m in values]
        ys = [float(values[months[i]] or 0) for i in xs]
        style = {"linewidth": 2.4, "color": "#1d232b"} if name == "(all)" else {"linewidth": 1.3}
        ax.plot(xs, ys, marker="o", markersize=3, label=_label(name), **style)
    step = max(1, len(months) // 12)
    ax.set_xticks(range(0, len(months), step), months[::step], rotation=45, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    if len(series) > 1:
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return _svg_data_uri(fig)


# ------------------------------------------------------------------------------------- html


def _cell(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
        return f'<td class="n">{text}</td>'
    return f"<td>{escape('' if value is None else str(value), quote=True)}</td>"


def _table(figure: Figure, limit: int | None = None) -> str:
    rows = figure.rows if limit is None else figure.rows[:limit]
    head = "".join(f"<th>{escape(c)}</th>" for c in figure.columns)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    more = "" if limit is None or len(figure.rows) <= limit else (
        f"<p class=meta>First {limit} of {len(figure.rows)} rows; all are in"
        f" {escape(figure.name)}.csv.</p>"
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _section(title: str, intro: str, image: str | None, figure: Figure, alt: str) -> str:
    picture = (
        f'<div class=figure><img src="{image}" alt="{escape(alt, quote=True)}"></div>'
        if image and figure.rows else "<p class=meta>Nothing to plot.</p>"
    )
    return (
        f"<section><h2>{escape(title)}</h2><p>{escape(intro)}</p>{picture}"
        f"<details><summary>Numbers ({escape(figure.name)}.csv)</summary>"
        f"{_table(figure, 200)}</details></section>"
    )


def _bar_section(
    title: str, intro: str, figure: Figure, bars: tuple[str, str], axis: str, alt: str
) -> str:
    """A section whose picture is a bar chart of two of the figure's columns (label, value)."""
    label, value = bars
    chart = bar_chart(figure.column(label), figure.column(value), axis)
    return _section(title, intro, chart, figure, alt)


def render_html(figures: list[Figure], by: Grouping, *, source: Path) -> str:
    named = {f.name: f for f in figures}
    groups = named[f"by_{by}"]
    totals = named["totals"]
    sections = []

    label = groups.columns[0]
    sections.append(_bar_section(
        f"Persuasion techniques by {by}",
        f"Technique spans per 1,000 words of article text, for the {MAX_BARS} {by} values"
        " with the most articles.",
        groups, (label, "techniques_per_1000_words"), "technique spans per 1,000 words",
        f"Bar chart of technique spans per 1,000 words by {by}",
    ))

    over_time = named["over_time"]
    series: dict[str, list[tuple[str, float | None]]] = {}
    for month, name, _articles, rate in over_time.rows:
        series.setdefault(str(name), []).append((str(month), rate))
    sections.append(_section(
        "Persuasion techniques over time",
        "Technique spans per 1,000 words by month of publication, for the whole corpus"
        + ("" if by == "month" else f" and the five {by} values with the most articles")
        + ". Undated articles are left out.",
        line_chart(series, "technique spans per 1,000 words") if series else None,
        over_time, "Line chart of technique spans per 1,000 words by month",
    ))

    sections.append(_bar_section(
        f"Claim density by {by}",
        "Check-worthy claims per 1,000 words: how much of the writing a fact-checker would"
        " want to verify.",
        groups, (label, "claims_per_1000_words"), "check-worthy claims per 1,000 words",
        f"Bar chart of claims per 1,000 words by {by}",
    ))

    sections.append(_bar_section(
        "Top loaded terms",
        "The words and phrases most often marked as loaded language, lower-cased.",
        named["loaded_terms"], ("term", "uses"), "uses",
        "Bar chart of the most used loaded terms",
    ))
    sections.append(_bar_section(
        "Most quoted speakers",
        "Quotations and reported statements by speaker, as resolved in each article.",
        named["speakers"], ("speaker", "quotes"), "quotes", "Bar chart of the most quoted speakers",
    ))

    by_technique = named[f"techniques_by_{by}"]
    sections.append(
        f"<section><h2>Techniques by {escape(by)}</h2><p>Every technique's spans and rate"
        f" per {escape(by)}.</p>{_table(by_technique, 300)}</section>"
    )

    total = dict(zip(totals.columns, totals.rows[0], strict=True)) if totals.rows else {}
    summary = (
        f"<p class=meta>{total.get('articles', 0):,} articles, {total.get('words') or 0:,}"
        f" words, from {escape(str(total.get('first_date') or '?'))} to"
        f" {escape(str(total.get('last_date') or '?'))}"
        f" ({total.get('undated', 0):,} undated); {total.get('not_analysed') or 0:,} more"
        " pages read but not analysed (not in English). Source:"
        f" {escape(str(source))}."
        f" Made by unspun {escape(__version__)} on {dt.date.today().isoformat()}.</p>"
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>unspun corpus report by {escape(by)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>Corpus report by {escape(by)}</h1>{summary}"
        + "".join(sections)
        + "</body></html>"
    )
