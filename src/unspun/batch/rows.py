"""Flattening a Report into table rows (plain dicts: a batch worker builds them without
loading pyarrow, whose 28 MiB only the writing driver needs; the columns and their types are
in :mod:`unspun.batch.schemas`).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from unspun.render.summary import (
    named_share,
    nonempty,
    normalise_mention,
    source_kinds,
    speaker_name,
)
from unspun.report import BUILTIN_LAYERS, Quote, Report

# The articles table has a count column per built-in layer; every layer's spans, third-party
# ones included, go to the long spans table, whose layer column names them.
LAYERS = BUILTIN_LAYERS

ANALYSED = "analysed"
UNSUPPORTED_LANGUAGE = "unsupported_language"


def article_row(
    article_id: str, source: str, report: Report, status: str = ANALYSED
) -> dict[str, Any]:
    doc = report.document
    claims = report.claims
    techniques = Counter(span.technique for span in report.techniques)
    # The summary's sourcing figures, without computing the rest of the summary.
    kinds = source_kinds(nonempty(report.quotes))
    row: dict[str, Any] = {
        "id": article_id,
        "source": source,
        "url": doc.url,
        "site": doc.site,
        "title": doc.title,
        "author": doc.author,
        "date": doc.date,
        "language": doc.language,
        "status": status,
        "word_count": len(doc.text.split()),
        # Sorted so that the same report always gives byte-identical rows.
        "technique_counts": sorted(techniques.items()),
        "source_kinds": list(kinds),
        "named_source_share": named_share(kinds),
        "mean_claim_score": (sum(c.score for c in claims) / len(claims)) if claims else None,
        "unspun_version": report.unspun_version,
        "report_json": report.model_dump_json(),
    }
    for layer in LAYERS:
        # Null, not 0, for a layer the run left out: nobody looked, so nothing is known.
        skipped = layer in report.skipped_layers
        row[f"n_{layer}"] = None if skipped else len(report.layer(layer))
    return row


def span_rows(article_id: str, report: Report) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for layer, span in report.spans():
        # Every span has a label and a score (None where its layer has none), so one
        # group-by over this table covers every layer.
        rows.append(
            {
                "article_id": article_id,
                "layer": layer,
                "label": span.label,
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "score": span.score,
                "speaker": speaker_name(span) if isinstance(span, Quote) else None,
                "speaker_kind": (span.speaker.kind if isinstance(span, Quote)
                                 and span.speaker is not None else None),
                "speaker_text": (normalise_mention(span.speaker.text)
                                 if isinstance(span, Quote) and span.speaker is not None
                                 and span.speaker.text else None),
            }
        )
    return rows


def report_from_row(row: dict[str, Any]) -> Report:
    """The full report stored in an ``articles`` row."""
    return Report.model_validate(json.loads(row["report_json"]))
