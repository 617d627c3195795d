"""How far to trust each technique, in words a reader can weigh a flag by.

The figures are data, ``models/techniques/reliability.json`` (written by
``training/reliability.py``, which says where each comes from): out of fold, the SI F1 for
finding technique passages at all, and per technique its TC F1, how well the model names the
technique of a passage that uses one.

The bands (:data:`BANDS`) turn a TC F1 into words. F1 is the harmonic mean of precision (a
flag of X is X) and recall (an X is flagged as X); where the two are close it is about the
share of right calls, so:

* **under 0.5** the model is wrong or silent more often than right: "often wrong or missed";
* **0.7 and over** is clearly above the model's average over all its flags (TC micro-F1
  0.644), as only the two most frequent techniques are: "usually right";
* in between, right more often than not: "often right".

A technique without a recorded figure says so ("not measured yet") rather than borrowing a
band; its note gives the mean that the macro-F1 leaves for the unmeasured ones.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from unspun.settings import SHIPPED_MODELS
from unspun.techniques.catalog import TECHNIQUE_IDS

RELIABILITY_FILE = SHIPPED_MODELS / "techniques" / "reliability.json"

# (lowest TC F1 of the band, band key, words), best band first.
BANDS: tuple[tuple[float, str, str], ...] = (
    (0.7, "high", "usually right"),
    (0.5, "fair", "often right"),
    (0.0, "low", "often wrong or missed"),
)
UNMEASURED = ("unmeasured", "not measured yet")
# The same cuts for finding passages at all (SI F1): what is not found is missed.
SI_BANDS: tuple[tuple[float, str], ...] = (
    (0.7, "seldom missed"),
    (0.5, "sometimes missed"),
    (0.0, "often missed"),
)
# A recall as a share a reader pictures at once.
_SHARES: tuple[tuple[float, str], ...] = (
    (0.1, "a tenth"), (0.25, "a quarter"), (1 / 3, "a third"), (0.5, "half"),
    (2 / 3, "two thirds"), (0.75, "three quarters"), (0.9, "nine in ten"),
)


def band(tc_f1: float | None) -> tuple[str, str]:
    """The band key and words of a TC F1 (None: not measured)."""
    if tc_f1 is None:
        return UNMEASURED
    for lowest, key, words in BANDS:
        if tc_f1 >= lowest:
            return key, words
    return BANDS[-1][1:]


def _share(x: float) -> str:
    return min(_SHARES, key=lambda s: abs(s[0] - x))[1]


@dataclass(frozen=True, slots=True)
class TechniqueReliability:
    """One technique's out-of-fold TC F1, its band and words, and a note with the figures."""

    technique: str
    tc_f1: float | None
    gold_fragments: int | None
    band: str
    words: str
    note: str


@dataclass(frozen=True, slots=True)
class Reliability:
    """The whole table: SI figures, TC averages, and every catalogue technique."""

    si_f1: float
    si_recall: float
    unmeasured_mean_f1: float | None
    techniques: Mapping[str, TechniqueReliability]

    def of(self, technique_id: str) -> TechniqueReliability:
        """The entry of ``technique_id``; a technique the file does not know is unmeasured."""
        known = self.techniques.get(technique_id)
        if known is not None:
            return known
        key, words = UNMEASURED
        return TechniqueReliability(
            technique_id, None, None, key, words,
            "Not measured: the shipped model was not evaluated on this technique.",
        )

    @property
    def si_words(self) -> str:
        return next(words for lowest, words in SI_BANDS if self.si_f1 >= lowest)

    @property
    def si_sentence(self) -> str:
        """One sentence on finding passages at all, for the report's technique sections."""
        return (
            f"Techniques are {self.si_words}: the model finds about {_share(self.si_recall)}"
            f" of what a trained annotator marks (F1 {self.si_f1:.2f} on articles it was not"
            " trained on), so a passage without a flag may still use one."
        )


def _note(tc_f1: float | None, fragments: int, unmeasured_mean: float | None) -> str:
    learned = f"it learned from {fragments:,} examples"
    if tc_f1 is None:
        if unmeasured_mean is None:
            return f"Not measured on its own yet; {learned}."
        return (
            "Not measured on its own yet: the techniques without a figure average F1 about"
            f" {unmeasured_mean:.2f} (1 is perfect); {learned}."
        )
    return (
        f"The model names this technique with F1 {tc_f1:.2f} (1 is perfect) on articles it"
        f" was not trained on; {learned}."
    )


def parse_reliability(data: Mapping[str, Any]) -> Reliability:
    """A :class:`Reliability` from the content of ``reliability.json``."""
    unmeasured_mean = data["tc"].get("unmeasured_mean_f1")
    entries = {}
    for technique, figures in data["techniques"].items():
        tc_f1 = figures["tc_f1"]
        key, words = band(tc_f1)
        entries[technique] = TechniqueReliability(
            technique, tc_f1, figures["gold_fragments"], key, words,
            _note(tc_f1, figures["gold_fragments"], unmeasured_mean),
        )
    missing = [t for t in TECHNIQUE_IDS if t not in entries]
    if missing:
        raise ValueError(f"reliability figures lack {', '.join(missing)}")
    return Reliability(
        si_f1=data["si"]["f1"],
        si_recall=data["si"]["recall"],
        unmeasured_mean_f1=unmeasured_mean,
        techniques=MappingProxyType(entries),
    )


def load_reliability(path: str | Path = RELIABILITY_FILE) -> Reliability:
    return parse_reliability(json.loads(Path(path).read_text("utf-8")))


@cache
def shipped_reliability() -> Reliability:
    """The figures of the shipped model, read once."""
    return load_reliability()
