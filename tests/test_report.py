from __future__ import annotations

import csv
import io
import json

import pytest
from pydantic import ValidationError

from unspun.report import (
    ROW_FIELDS,
    SCHEMA_VERSION,
    Document,
    Entity,
    Quote,
    Report,
    Sentence,
    Span,
    Speaker,
    TechniqueSpan,
    json_schema,
)


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
    assert "summary" in props and "ReferencePosition" in schema["$defs"]


def test_published_schema_is_current() -> None:
    """docs/report.schema.json is what `unspun schema` prints (regenerate: make schema)."""
    from pathlib import Path

    published = Path(__file__).parent.parent / "docs" / "report.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == json_schema()


def _report_with_findings() -> Report:
    text = "Crooked Hillary said the plan was a total disaster. It failed."
    doc = Document(text=text)

    def span(cls: type, fragment: str, **fields: object) -> object:
        start = text.index(fragment)
        return cls(start=start, end=start + len(fragment), text=fragment, **fields)

    return Report(
        unspun_version="0", source="story.html", document=doc,
        sentences=[span(Sentence, text[:51], index=0), span(Sentence, "It failed.", index=1)],
        entities=[span(Entity, "Hillary", label="PERSON", sentence=0)],
        quotes=[span(Quote, "the plan was a total disaster", kind="indirect", confidence=0.8,
                     speaker=Speaker(text="Crooked Hillary", start=0, end=15,
                                     name="Hillary", kind="person"),
                     cue=span(Span, "said"))],
        techniques=[
            span(TechniqueSpan, "Crooked Hillary", technique="Name_Calling,Labeling",
                 confidence=0.9, sentence=0),
            span(TechniqueSpan, "total disaster", technique="Exaggeration,Minimisation",
                 confidence=0.7, sentence=0),
        ],
        skipped_layers=["dates", "claims"],
    )


def test_technique_spans_carry_their_readable_name() -> None:
    report = _report_with_findings()
    assert [t.technique_name for t in report.techniques] == [
        "Name calling / labelling", "Exaggeration / minimisation"]
    data = json.loads(report.model_dump_json())
    assert data["techniques"][1]["technique"] == "Exaggeration,Minimisation"
    assert data["techniques"][1]["technique_name"] == "Exaggeration / minimisation"
    # A report written before the field existed reads back with the name filled in.
    del data["techniques"][1]["technique_name"]
    again = Report.model_validate(data)
    assert again.techniques[1].technique_name == "Exaggeration / minimisation"
    unknown = TechniqueSpan(start=0, end=0, text="", technique="New_Thing", confidence=0.5,
                            sentence=0)
    assert unknown.technique_name == "New Thing"


def test_findings_of_one_layer_or_one_technique() -> None:
    report = _report_with_findings()
    assert [q.text for q in report.findings("quotes")] == ["the plan was a total disaster"]
    assert report.findings("claims") == []  # skipped: nothing looked for
    by_label = report.findings(technique="Exaggeration,Minimisation")
    assert [t.text for t in by_label] == ["total disaster"]
    assert report.findings(technique="exaggeration / MINIMISATION") == by_label
    assert report.findings("techniques", technique="Name calling / labelling")[0].confidence == 0.9
    assert report.findings(technique="Loaded language") == []  # known, just not here
    assert len(report.findings()) == len(report.spans()) == 6
    with pytest.raises(ValueError, match="unknown technique"):
        report.findings(technique="Loaded langauge")
    with pytest.raises(ValueError, match="unknown layer"):
        report.findings("technique")
    with pytest.raises(ValueError, match="technique spans"):
        report.findings("quotes", technique="Slogans")


def test_rows_are_flat_dicts_for_csv() -> None:
    report = _report_with_findings()
    rows = report.rows()
    assert len(rows) == 6 and all(tuple(row) == ROW_FIELDS for row in rows)
    assert [row["layer"] for row in rows] == [
        "sentences", "sentences", "entities", "quotes", "techniques", "techniques"]
    quote = rows[3]
    assert quote["label"] == "indirect" and quote["score"] == 0.8
    assert (quote["speaker"], quote["speaker_kind"], quote["cue"]) == ("Hillary", "person", "said")
    technique = rows[4]
    assert technique["label"] == "Name_Calling,Labeling"
    assert technique["technique_name"] == "Name calling / labelling"
    assert technique["text"] == "Crooked Hillary" and technique["sentence"] == 0
    assert rows[1]["sentence"] == 1 and rows[0]["source"] == "story.html"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ROW_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    assert out.getvalue().splitlines()[0].startswith("source,layer,start,end,text,label,score")
    assert "findings" not in json.loads(report.model_dump_json())
    assert "rows" not in json_schema()["properties"]
