from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from unspun.report import SCHEMA_VERSION, Document, Report, Sentence, json_schema


def test_span_text_must_match_its_offsets() -> None:
    with pytest.raises(ValidationError):
        Sentence(start=0, end=3, text="ab", index=0)
    with pytest.raises(ValidationError):
        Sentence(start=5, end=3, text="", index=0)


def test_layers_default_to_empty_lists() -> None:
    report = Report(unspun_version="0", source="-", document=Document(text="Hi."))
    assert report.schema_version == SCHEMA_VERSION
    for layer in ("sentences", "entities", "dates", "quotes", "claims", "techniques"):
        assert getattr(report, layer) == []


def test_json_schema_describes_every_layer() -> None:
    schema = json_schema()
    json.dumps(schema)
    props = schema["properties"]
    for key in ("schema_version", "document", "sentences", "entities", "dates", "quotes",
                "claims", "techniques"):
        assert key in props
    assert {"start", "end", "text"} <= set(schema["$defs"]["Span"]["properties"])


def test_published_schema_is_current() -> None:
    """docs/report.schema.json is what `unspun schema` prints (regenerate: make schema)."""
    from pathlib import Path

    published = Path(__file__).parent.parent / "docs" / "report.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == json_schema()
