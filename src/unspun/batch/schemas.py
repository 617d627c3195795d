"""The Parquet schemas of the three batch tables.

They are fixed here rather than inferred from the first chunk so that every part of a dataset
has the same types, even a chunk with no claims (all-null scores) or no errors. Only the
process that writes the tables imports this module (and pyarrow); workers build the rows as
plain dicts (:mod:`unspun.batch.rows`).
"""

from __future__ import annotations

import pyarrow as pa

from unspun.batch.rows import LAYERS

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
