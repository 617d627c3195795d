"""The report: pydantic models of everything unspun finds in one article.

Offsets are the contract: every span is a half-open ``[start, end)`` range of Python string
indices into :attr:`Document.text`, and carries that slice as ``text``. Renderers, evaluation
and corpus statistics derive from these offsets only.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"


class Span(BaseModel):
    """A character range ``[start, end)`` of ``document.text`` and the text it covers."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0, description="Offset of the first character, into document.text.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="document.text[start:end], repeated for convenience.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} precedes start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self


class Document(BaseModel):
    """The article itself, without page furniture, and its metadata."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = Field(None, description="Publication date, ISO 8601 (YYYY-MM-DD).")
    site: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code of the detected language.")
    text: str = Field(description="The article text every span points into.")


class Sentence(Span):
    index: int = Field(ge=0, description="Position of the sentence in the article.")


EntityLabel = Literal[
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
]


class Entity(Span):
    """A named entity (spaCy's OntoNotes labels)."""

    label: EntityLabel
    sentence: int = Field(ge=0, description="Index of the sentence containing the entity.")


class DateMention(Span):
    """A DATE entity resolved against the publication date (or left unresolved)."""

    value: str | None = Field(
        None,
        description=(
            "ISO 8601: a day (2020-08-09), month (2020-08), year (2020), or an interval"
            " start/end (2020-09-13/2020-09-25). null when the mention cannot be resolved."
        ),
    )
    kind: Literal["day", "month", "year", "range", "unresolved"] = "unresolved"
    sentence: int = Field(ge=0)


class Speaker(BaseModel):
    """Who said it: as written in the text (if anywhere) and as resolved."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)
    name: str | None = Field(None, description="Fullest name of this speaker in the article.")


class Quote(Span):
    """A direct quotation or reported statement (the span is its content)."""

    kind: Literal["direct", "indirect", "mixed"]
    speaker: Speaker | None = None
    cue: Span | None = None
    confidence: float = Field(ge=0, le=1)


class Claim(Span):
    """A check-worthy factual statement."""

    score: float = Field(ge=0, le=1, description="Check-worthiness score.")
    kind: Literal["quantity", "event", "attribution", "comparison", "other"] = "other"
    sentence: int = Field(ge=0)


class TechniqueSpan(Span):
    """A fragment using one of the 14 persuasion techniques of SemEval-2020 Task 11."""

    technique: str
    confidence: float = Field(ge=0, le=1)
    sentence: int = Field(ge=0)


class Report(BaseModel):
    """Everything unspun found in one article."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = SCHEMA_VERSION
    unspun_version: str
    source: str = Field(description="Where the article came from: a URL, path, record id or '-'.")
    document: Document
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    techniques: list[TechniqueSpan] = Field(default_factory=list)

    def spans(self) -> list[tuple[str, Span]]:
        """Every span of every layer, as ``(layer, span)`` pairs, in layer order."""
        out: list[tuple[str, Span]] = []
        for layer in ("sentences", "entities", "dates", "quotes", "claims", "techniques"):
            out.extend((layer, span) for span in getattr(self, layer))
        return out


def json_schema() -> dict:
    """The JSON Schema of :class:`Report` (what ``unspun schema`` prints)."""
    schema = Report.model_json_schema()
    schema["$id"] = f"https://unspun.invalid/schema/report-{SCHEMA_VERSION}.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
