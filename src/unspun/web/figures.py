"""The figures the history lists and the compare page sets side by side, taken from a
report's :class:`~unspun.render.summary.Summary`, so the web app counts exactly as the
report does (non-empty spans; techniques per 1,000 words as the report's header gives it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pydantic import ValidationError

from unspun.render.summary import Summary, summarise
from unspun.report import Report
from unspun.techniques import get_technique
from unspun.web import store as st

log = logging.getLogger("unspun.web")


def figures_of(report: Report, summary: Summary | None = None) -> st.Figures:
    """What the store keeps of ``report`` for the history."""
    s = summary or summarise(report)
    ran = set(report.layer_names())
    return st.Figures(
        words=s.words,
        techniques=s.techniques if "techniques" in ran else None,
        claims=s.claims if "claims" in ran else None,
        quotes=s.quotes if "quotes" in ran else None,
        top_technique=s.technique_counts[0][0] if s.technique_counts else None,
    )


def technique_name(label: str) -> str:
    """The readable name of a technique the report labels ``label``."""
    return get_technique(label).label


def with_figures(store: st.Store, items: list[st.Analysis]) -> list[st.Analysis]:
    """``items`` with the figures of every finished one: rows finished before the store kept
    figures get them now, from their report, once."""
    out = []
    for item in items:
        if item.status == st.DONE and item.words is None:
            item = _backfill(store, item)
        out.append(item)
    return out


def _backfill(store: st.Store, item: st.Analysis) -> st.Analysis:
    raw = store.report_json(item.id)
    if raw is None:
        return item
    try:
        figures = figures_of(Report.model_validate_json(raw))
    except ValidationError:
        log.warning("analysis %s: stored report does not validate; no figures", item.id)
        return item
    store.set_figures(item.id, figures)
    return store.get(item.id) or item


@dataclass(frozen=True, slots=True)
class MixRow:
    """One technique in the compare page's mix: its spans and share in each report."""

    technique: str
    name: str
    counts: tuple[int, int]
    shares: tuple[float | None, float | None]
    """Share of each report's technique spans; None where that report has none."""


def technique_mix(left: Summary, right: Summary) -> list[MixRow]:
    """Every technique found in either report, most frequent in both together first."""
    counts = (dict(left.technique_counts), dict(right.technique_counts))
    labels = sorted(
        set(counts[0]) | set(counts[1]),
        key=lambda t: (-(counts[0].get(t, 0) + counts[1].get(t, 0)), technique_name(t)),
    )
    totals = (left.techniques, right.techniques)
    rows = []
    for label in labels:
        pair = (counts[0].get(label, 0), counts[1].get(label, 0))
        rows.append(
            MixRow(
                technique=label,
                name=technique_name(label),
                counts=pair,
                shares=(
                    pair[0] / totals[0] if totals[0] else None,
                    pair[1] / totals[1] if totals[1] else None,
                ),
            )
        )
    return rows
