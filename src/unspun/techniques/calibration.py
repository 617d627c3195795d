"""The confidence a reader sees: the model's raw score mapped to how often such a flag is right.

The raw score of a highlight, P(span) x P(technique | span), overstates: out of fold, a
highlight scored 0.64 named the right technique about half the time, and some techniques
(loaded language) are right far more often than others at the same score. The map is a
logistic fit of "right" (the highlight overlaps a gold fragment of its technique, the
lenient match of ``training.calibration``) on the logit of the raw score, with an offset per
technique, learned from out-of-fold highlights of the five fold models
(``python -m training.calibration ... --fit-map``, the model card's "Calibration of
confidence"). It is monotone in the raw score for each technique, so within a technique the
order of the highlights does not change; across techniques it does, which is the point.

A model without a map (the fold models training writes) keeps its raw scores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Raw scores are clipped into (0, 1) before the logit, so that 0 and 1 stay finite.
_EPS = 1e-4


def logit(p: float) -> float:
    p = min(1.0 - _EPS, max(_EPS, p))
    return math.log(p / (1.0 - p))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class ConfidenceMap:
    """``confidence = sigmoid(slope * logit(raw) + intercept + offsets[technique])``."""

    slope: float
    intercept: float
    offsets: Mapping[str, float] = field(default_factory=dict)

    def __call__(self, raw: float, technique: str) -> float:
        z = self.slope * logit(raw) + self.intercept + self.offsets.get(technique, 0.0)
        return sigmoid(z)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ConfidenceMap:
        return cls(slope=float(d["slope"]), intercept=float(d["intercept"]),
                   offsets={str(k): float(v) for k, v in d.get("offsets", {}).items()})

    def to_dict(self) -> dict[str, Any]:
        return {"slope": self.slope, "intercept": self.intercept, "offsets": dict(self.offsets)}
