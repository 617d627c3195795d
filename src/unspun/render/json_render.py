"""JSON output: the Report itself, losslessly (Report.model_validate_json reads it back)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from unspun.report import Report


def to_json(report: Report) -> str:
    """One report as indented JSON, non-ASCII characters kept as they are."""
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def to_jsonl(reports: Iterable[Report]) -> str:
    """Several reports as JSON Lines: one compact object per line."""
    return "".join(
        json.dumps(r.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")) + "\n"
        for r in reports
    )
