"""The reference scale: where an article's summary figures fall among reference articles.

"28.6 techniques per 1,000 words" says little on its own. The package ships, with its models,
each figure's value in every article of two reference sets that unspun analysed with the same
models (``models/reference/reference_scale.json``, made by ``training/reference_scale.py``;
its ``MODEL_CARD.md`` says how): ``mainstream`` (PolNeAR's US political news) and
``propaganda`` (the propaganda-annotated PTC articles). An article's place among them is a
:class:`~unspun.report.ReferencePosition` per figure and set, which the Analyzer stores in
``report.summary.reference``; :func:`reference_sentence` is the one headline sentence.

Only :mod:`unspun.report` is imported at module level, so that renderers can import this
module without a cycle; :func:`report_summary` imports :mod:`unspun.render.summary` when
called.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from unspun.report import ReferencePosition, Report, ReportSummary
from unspun.settings import SHIPPED_MODELS

if TYPE_CHECKING:
    from unspun.render.summary import Summary

SCALE_FILE = SHIPPED_MODELS / "reference" / "reference_scale.json"
"""The shipped scale."""

COUNTS = ("words", "sentences", "techniques", "sentences_with_technique", "claims", "quotes")
"""The counts of a summary that the figures are made of."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One summary figure of the scale, and how a sentence compares articles by it."""

    key: str
    description: str
    more: str
    """How an article with a higher value compares: "more technique-dense"."""
    less: str


FIGURES: tuple[Figure, ...] = (
    Figure("techniques_per_1000_words", "technique spans per 1,000 words",
           "more technique-dense", "less technique-dense"),
    Figure("technique_sentence_share", "share of sentences with at least one technique",
           "a larger share of sentences with a technique",
           "a smaller share of sentences with a technique"),
    Figure("claims_per_1000_words", "check-worthy claims per 1,000 words",
           "more claims per 1,000 words", "fewer claims per 1,000 words"),
    Figure("quotes_per_1000_words", "quotes per 1,000 words",
           "more quotes per 1,000 words", "fewer quotes per 1,000 words"),
)
BY_KEY: Mapping[str, Figure] = {figure.key: figure for figure in FIGURES}
HEADLINE = "techniques_per_1000_words"
"""The figure of :func:`reference_sentence`."""


class Counts(Protocol):
    """What the figures are computed from: :class:`unspun.render.summary.Summary` has it."""

    @property
    def words(self) -> int: ...
    @property
    def sentences(self) -> int: ...
    @property
    def techniques(self) -> int: ...
    @property
    def sentences_with_technique(self) -> int: ...
    @property
    def claims(self) -> int: ...
    @property
    def quotes(self) -> int: ...
    @property
    def skipped(self) -> frozenset[str]: ...


def figures_of(counts: Mapping[str, int], skipped: Collection[str] = ()) -> dict[str, float | None]:
    """The figures of :data:`FIGURES` from an article's counts (the keys of :data:`COUNTS`).

    A figure is None where it cannot be known: no words or sentences, or a layer it counts
    was not run (``skipped``). Zero techniques is a figure (0.0), not an unknown.
    """
    words, sentences = counts["words"], counts["sentences"]

    def per_1000(layer: str) -> float | None:
        if layer in skipped or not words:
            return None
        return counts[layer] * 1000 / words

    share: float | None = None
    if "techniques" not in skipped and sentences:
        share = min(1.0, counts["sentences_with_technique"] / sentences)
    return {
        "techniques_per_1000_words": per_1000("techniques"),
        "technique_sentence_share": share,
        "claims_per_1000_words": per_1000("claims"),
        "quotes_per_1000_words": per_1000("quotes"),
    }


def figures(summary: Counts) -> dict[str, float | None]:
    """The figures of a summary (:func:`unspun.render.summary.summarise`)."""
    return figures_of({name: getattr(summary, name) for name in COUNTS}, summary.skipped)


@dataclass(frozen=True, slots=True)
class Rank:
    """Where a value falls in a sorted reference distribution."""

    below: int
    """Reference articles with a lower value."""
    equal: int
    above: int
    """Reference articles with a higher value."""

    @property
    def total(self) -> int:
        return self.below + self.equal + self.above

    @property
    def percentile(self) -> float:
        """The percentile rank, 0-100: those below, plus half of those equal."""
        return 100 * (self.below + self.equal / 2) / self.total if self.total else math.nan


DIGITS = 4
"""Decimals of the shipped values; an article's value is rounded alike before ranking."""


def rank(value: float, values: Sequence[float]) -> Rank:
    """``value``'s place among ``values`` (sorted ascending)."""
    value = round(value, DIGITS)
    low = bisect.bisect_left(values, value)
    high = bisect.bisect_right(values, value)
    return Rank(low, high - low, len(values) - high)


def _floor_percent(n: int, total: int, digits: int = 1) -> float:
    """``n`` of ``total`` in percent, floored (so that "more than 92%" is never more than is
    true, and the JSON's one decimal agrees with the sentence's whole number)."""
    scale = 10**digits
    return (100 * scale * n) // total / scale  # integers: exact


def _share(n: int, total: int) -> str:
    return f"{_floor_percent(n, total, 0):.0f}%"


def comparison(figure: str, where: Rank, label: str) -> str:
    """The phrase for one figure and set: "more technique-dense than 92% of the <label>".

    An article is compared with the larger side: "more" with the share of reference articles
    below it when those are at least as many as the ones above, else "less" with the share
    above. Both shares count strictly lower or higher values, so the phrase is true as
    written, ties included.
    """
    words = BY_KEY[figure]
    if where.below == 0 and where.above == 0:
        return f"the same as every one of the {label}"
    if where.below >= where.above:
        whom = (f"all {where.total}" if where.below == where.total
                else _share(where.below, where.total))
        return f"{words.more} than {whom} of the {label}"
    whom = f"all {where.total}" if where.above == where.total else _share(where.above, where.total)
    return f"{words.less} than {whom} of the {label}"


@dataclass(frozen=True, slots=True)
class ReferenceSet:
    key: str
    label: str
    """How sentences name the set: "mainstream news reference articles"."""
    values: Mapping[str, Sequence[float]]
    """Each figure's values over the set's articles, sorted."""


@dataclass(frozen=True, slots=True)
class Scale:
    sets: tuple[ReferenceSet, ...]
    digest: str
    """The first 16 hex digits of the scale file's SHA-256: the analyzer's fingerprint
    includes it, so caches of reports keyed on it notice a new scale."""


def load_scale(path: Path = SCALE_FILE) -> Scale | None:
    """The scale in ``path``, or None when there is none."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    data: dict[str, Any] = json.loads(raw)
    sets = tuple(
        ReferenceSet(key, entry["label"],
                     {name: tuple(values) for name, values in entry["values"].items()})
        for key, entry in data["sets"].items()
    )
    return Scale(sets, hashlib.sha256(raw).hexdigest()[:16])


@functools.cache
def shipped_scale() -> Scale | None:
    """The scale shipped with the package (read once)."""
    return load_scale()


def positions(values: Mapping[str, float | None], scale: Scale | None = None
              ) -> list[ReferencePosition]:
    """Each known figure of ``values`` placed in each set of ``scale`` (the shipped one by
    default), figure by figure in :data:`FIGURES` order."""
    scale = scale if scale is not None else shipped_scale()
    if scale is None:
        return []
    out: list[ReferencePosition] = []
    for figure in FIGURES:
        value = values.get(figure.key)
        if value is None:
            continue
        for ref in scale.sets:
            reference = ref.values.get(figure.key)
            if not reference:
                continue
            where = rank(value, reference)
            out.append(ReferencePosition(
                figure=figure.key, reference=ref.key, value=round(value, DIGITS),
                percentile=round(where.percentile, 1),
                below=_floor_percent(where.below, where.total),
                above=_floor_percent(where.above, where.total),
                sentence=comparison(figure.key, where, ref.label),
            ))
    return out


def _value(value: float) -> str:
    return f"{value:.1f}"


def headline(found: Sequence[ReferencePosition]) -> str | None:
    """The headline sentence from positions already computed (``report.summary.reference``):
    techniques per 1,000 words against every set, mainstream news first."""
    chosen = [p for p in found if p.figure == HEADLINE]
    if not chosen:
        return None
    clauses = [p.sentence for p in chosen]
    # "more technique-dense than 92% of A and 40% of B": the comparison said once when
    # every set gets the same one.
    figure = BY_KEY[HEADLINE]
    for said in (f"{figure.more} than ", f"{figure.less} than "):
        if all(clause.startswith(said) for clause in clauses):
            clauses[1:] = [clause.removeprefix(said) for clause in clauses[1:]]
    joined = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    return f"{_value(chosen[0].value)} techniques per 1,000 words: {joined}."


def reference_sentence(summary: Counts | Report, scale: Scale | None = None) -> str | None:
    """The one headline sentence of the scale, or None where it has nothing to say (no
    techniques layer, no words, no scale shipped):

        "28.6 techniques per 1,000 words: more technique-dense than 92% of the mainstream
        news reference articles and less technique-dense than 60% of the propaganda
        reference articles."

    ``summary`` is a :class:`unspun.render.summary.Summary` (``summarise(report)``) or a
    report; a report's stored ``summary.reference`` is used as it is when present.
    """
    if isinstance(summary, Report):
        if summary.summary is not None and scale is None:
            return headline(summary.summary.reference)
        from unspun.render.summary import summarise

        summary = summarise(summary)
    return headline(positions({HEADLINE: figures(summary)[HEADLINE]}, scale))


def report_summary(report: Report, scale: Scale | None = None) -> ReportSummary:
    """The summary the Analyzer stores in ``report.summary``: the counts, the figures and
    their places on the reference scale."""
    from unspun.render.summary import summarise

    summary: Summary = summarise(report)
    values = figures(summary)
    return ReportSummary(
        **{name: getattr(summary, name) for name in COUNTS},
        **{key: None if value is None else round(value, DIGITS) for key, value in values.items()},
        reference=positions(values, scale),
    )


__all__ = [
    "COUNTS",
    "FIGURES",
    "Figure",
    "Rank",
    "ReferenceSet",
    "Scale",
    "comparison",
    "figures",
    "figures_of",
    "headline",
    "load_scale",
    "positions",
    "rank",
    "reference_sentence",
    "report_summary",
    "shipped_scale",
]
