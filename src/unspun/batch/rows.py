"""Flattening a Report into table rows, and the Parquet schemas of the three tables.

The schemas are fixed here rather than inferred from the first chunk so that every part of
a dataset has the same types, even a chunk with no claims (all-null scores) or no errors.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pyarrow as pa

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

ARTICLES_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("site", pa.string()),
        ("title", pa.string()),
        ("author", pa.string()),
        ("date", pa.string()),
        ("language", pa.string()),
        # "analysed", or why the layers did not run ("unsupported_language"): such a page
        # keeps its metadata, so that a crawl's share of them can be counted.
        ("status", pa.string()),
        ("word_count", pa.int32()),
        *[(f"n_{layer}", pa.int32()) for layer in LAYERS],
        ("technique_counts", pa.map_(pa.string(), pa.int32())),
        # The sourcing profile: quotes by their speaker's kind, and the named share.
        ("source_kinds", pa.map_(pa.string(), pa.int32())),
        ("named_source_share", pa.float64()),
        ("mean_claim_score", pa.float64()),
        ("unspun_version", pa.string()),
        ("report_json", pa.string()),
    ]
)

SPANS_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("layer", pa.string()),
        ("label", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("score", pa.float64()),
        # Quotes only: who said it, resolved to the fullest name the article gives, and what
        # kind of source that is (person, organisation, role, vague, anonymous, author,
        # document; null when not known).
        ("speaker", pa.string()),
        ("speaker_kind", pa.string()),
        # The speaker as the text writes it ("the judge"), beside the name it resolves to
        # ("Mary Kinsella"): a role or document whose two are the same names nobody.
        ("speaker_text", pa.string()),
    ]
)

ERRORS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("reason", pa.string()),
        ("error_type", pa.string()),
    ]
)

SCHEMAS = {"articles": ARTICLES_SCHEMA, "spans": SPANS_SCHEMA, "errors": ERRORS_SCHEMA}


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
