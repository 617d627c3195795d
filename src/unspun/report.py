"""The report: pydantic models of everything unspun finds in one article.

Offsets are the contract: every span is a half-open ``[start, end)`` range of Python string
indices into :attr:`Document.text`, and carries that slice as ``text``. Renderers, evaluation
and corpus statistics derive from these offsets only.

In Python, a :class:`Report` also answers the usual questions without a data frame:
``report.findings("quotes")`` and ``report.findings(technique="Loaded language")`` (the spans
of one layer or technique), ``report.spans()`` (every span with its layer) and
``report.rows()`` (one flat dict per span, the keys of :data:`ROW_FIELDS`, for
``csv.DictWriter``).
"""

from __future__ import annotations

from typing import Any, Literal, Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from unspun.techniques.catalog import BY_ID, get_technique

SCHEMA_VERSION = "2.3"


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


class Finding(Protocol):
    """What every layer's spans have in common: offsets, text, a label and a score.

    ``label`` is the span's category in its layer (an entity label, a date's kind, a quote's
    kind, a technique) and ``score`` its confidence, or None where the layer has none; batch
    rows, renderers and corpus statistics read every layer through these.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def score(self) -> float | None: ...


class Document(BaseModel):
    """The article itself, without page furniture, and its metadata."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = Field(None, description="Publication date, ISO 8601 (YYYY-MM-DD).")
    site: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code of the detected language.")
    text: str = Field(
        description=(
            "The article text every span points into: the headline (as in title) on the first"
            " line when the page has one, then one paragraph per line."
        )
    )


class Sentence(Span):
    index: int = Field(ge=0, description="Position of the sentence in the article.")

    @property
    def label(self) -> str | None:
        return None

    @property
    def score(self) -> float | None:
        return None


EntityLabel = Literal[
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
]


class Entity(Span):
    """A named entity (spaCy's OntoNotes labels)."""

    label: EntityLabel
    sentence: int = Field(ge=0, description="Index of the sentence containing the entity.")

    @property
    def score(self) -> float | None:
        return None


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

    @property
    def label(self) -> str | None:
        return self.kind

    @property
    def score(self) -> float | None:
        return None


class Speaker(BaseModel):
    """Who said it: as written in the text (if anywhere) and as resolved."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)
    name: str | None = Field(None, description="Fullest name of this speaker in the article.")
    kind: Literal[
        "person", "organisation", "role", "vague", "anonymous", "author", "document"
    ] | None = Field(
        None,
        description=(
            "What kind of source: a named person or organisation, a role without a name"
            " ('a former diplomat'), a vague group ('experts'), an anonymous source ('a source"
            " close to ...'), the author ('I'), or a document ('a report')."
        ),
    )

    @property
    def display_name(self) -> str | None:
        """The resolved name, else the text as written, on one line; None without either."""
        name = " ".join((self.name or self.text or "").split())
        return name or None


class Quote(Span):
    """A direct quotation or reported statement (the span is its content)."""

    kind: Literal["direct", "indirect", "mixed"]
    speaker: Speaker | None = None
    cue: Span | None = None
    confidence: float = Field(ge=0, le=1)

    @property
    def label(self) -> str | None:
        return self.kind

    @property
    def score(self) -> float | None:
        return self.confidence


class Claim(Span):
    """A check-worthy sentence: a statement of fact to check, or (``verifiable`` false) an
    opinion, value judgement or prediction written with the weight of one."""

    score: float = Field(ge=0, le=1, description="Check-worthiness score.")
    kind: Literal["quantity", "event", "attribution", "comparison", "other"] = "other"
    sentence: int = Field(ge=0)
    verifiable: bool = Field(
        True,
        description="Whether the sentence states a fact a record could settle (a number, a"
        " dated event, an official act, a named actor's deed, a quotation of a fact); false"
        " for opinion, value judgement or prediction dressed as fact (unspun.claims rules).",
    )

    @property
    def label(self) -> str | None:
        return self.kind


class TechniqueSpan(Span):
    """A fragment using one of the 14 persuasion techniques of SemEval-2020 Task 11."""

    technique: str = Field(
        description="The technique's label in the Propaganda Techniques Corpus, e.g."
        " 'Loaded_Language' or 'Exaggeration,Minimisation'."
    )
    technique_name: str = Field(
        "",
        description="The technique's readable name, e.g. 'Loaded language' or 'Exaggeration /"
        " minimisation' (unspun.techniques); filled in from technique when not given.",
    )
    confidence: float = Field(
        ge=0, le=1,
        description="How often, on articles the model was not trained on, a highlight so"
        " scored names the technique annotators marked there (the model's raw score through"
        " its calibration map, unspun.techniques.calibration).",
    )
    sentence: int = Field(ge=0)

    @model_validator(mode="after")
    def _named(self) -> TechniqueSpan:
        if not self.technique_name:
            self.technique_name = get_technique(self.technique).label
        return self

    @property
    def label(self) -> str | None:
        return self.technique

    @property
    def score(self) -> float | None:
        return self.confidence


class LayerSpan(Span):
    """A span of a layer beyond the built-in ones (a third-party layer)."""

    label: str | None = Field(None, description="The span's category in its layer.")
    score: float | None = Field(None, description="The layer's confidence in the span.")


class ReferencePosition(BaseModel):
    """Where one summary figure of the article falls in one reference set
    (:mod:`unspun.reference`; the sets are described in models/reference/MODEL_CARD.md)."""

    model_config = ConfigDict(extra="forbid")

    figure: str = Field(
        description="The figure: techniques_per_1000_words, technique_sentence_share,"
        " claims_per_1000_words or quotes_per_1000_words (as in the summary)."
    )
    reference: str = Field(
        description="The reference set: 'mainstream' (PolNeAR US political news) or"
        " 'propaganda' (the propaganda-annotated PTC articles)."
    )
    value: float = Field(description="The article's value of the figure.")
    percentile: float = Field(
        ge=0, le=100,
        description="Percentile rank, 0-100: the share of the set's articles with a lower"
        " value, plus half of those with the same value.",
    )
    below: float = Field(ge=0, le=100, description="Percent of the set's articles lower.")
    above: float = Field(ge=0, le=100, description="Percent of the set's articles higher.")
    sentence: str = Field(
        description="The comparison in words, e.g. 'more technique-dense than 92% of the"
        " mainstream news reference articles'."
    )


class ReportSummary(BaseModel):
    """The article's summary figures and where they fall on the reference scale."""

    model_config = ConfigDict(extra="forbid")

    words: int = Field(ge=0, description="Words of document.text.")
    sentences: int = Field(ge=0)
    techniques: int = Field(ge=0, description="Technique spans (non-empty).")
    sentences_with_technique: int = Field(ge=0)
    claims: int = Field(ge=0)
    quotes: int = Field(ge=0)
    techniques_per_1000_words: float | None = Field(
        None, description="null when the techniques layer did not run or there are no words."
    )
    technique_sentence_share: float | None = Field(
        None, ge=0, le=1, description="Share of sentences with at least one technique span."
    )
    claims_per_1000_words: float | None = None
    quotes_per_1000_words: float | None = None
    reference: list[ReferencePosition] = Field(
        default_factory=list,
        description="Each known figure placed in each reference set, figure by figure.",
    )


BUILTIN_LAYERS = ("sentences", "entities", "dates", "quotes", "claims", "techniques")
"""The layers with a field of their own in :class:`Report`, in report order."""


class Report(BaseModel):
    """Everything unspun found in one article."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = SCHEMA_VERSION
    unspun_version: str
    source: str = Field(description="Where the article came from: a URL, path, record id or '-'.")
    document: Document
    summary: ReportSummary | None = Field(
        None,
        description=(
            "Summary figures and their place on the reference scale, as the Analyzer computes"
            " them. Omitted from reports built otherwise."
        ),
    )
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    techniques: list[TechniqueSpan] = Field(default_factory=list)
    extra_layers: dict[str, list[LayerSpan]] = Field(
        default_factory=dict,
        description=(
            "Spans of the layers beyond the built-in ones (third-party layers of the"
            " unspun.layers entry-point group), by layer name. Omitted when there are none."
        ),
    )
    skipped_layers: list[str] = Field(
        default_factory=list,
        description=(
            "Built-in layers that were not run (Analyzer(layers=...), --layers): their lists"
            " are empty because nobody looked, not because nothing was found. Omitted when"
            " every built-in layer ran."
        ),
    )

    @model_serializer(mode="wrap")
    def _omit_empty_additions(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> dict[str, Any]:
        # The JSON of a default run keeps exactly the shape it had before these fields.
        data: dict[str, Any] = handler(self)
        if info.mode_is_json():
            for key in ("summary", "extra_layers", "skipped_layers"):
                if not data.get(key):
                    data.pop(key, None)
        return data

    def layer(self, name: str) -> list[Any]:
        """The spans of one layer, built-in or extra (empty if it did not run)."""
        if name in BUILTIN_LAYERS:
            return list(getattr(self, name))
        return list(self.extra_layers.get(name, []))

    def layer_names(self) -> list[str]:
        """The built-in layers that ran, then the extra ones, in report order."""
        ran = [name for name in BUILTIN_LAYERS if name not in self.skipped_layers]
        return ran + list(self.extra_layers)

    def spans(self) -> list[tuple[str, Any]]:
        """Every span of every layer, as ``(layer, span)`` pairs, in layer order; each span
        is a :class:`Finding` (offsets, text, label, score). :meth:`findings` filters."""
        out: list[tuple[str, Any]] = []
        for layer in self.layer_names():
            out.extend((layer, span) for span in self.layer(layer))
        return out

    def findings(self, layer: str | None = None, technique: str | None = None) -> list[Any]:
        """The spans of one layer, of one technique, or (neither given) of every layer.

        ``layer`` is a layer name (``"quotes"``, or a third-party layer's); ``technique`` a
        technique as the report labels it (``"Loaded_Language"``) or by its readable name
        (``"Loaded language"``), in any case, and implies the ``techniques`` layer. Spans come
        in layer order, then in the layer's own order (text order for the built-in ones).
        An unknown layer or technique name is a :class:`ValueError`, not an empty list::

            for span in report.findings(technique="Loaded language"):
                print(span.start, span.text, span.confidence)
        """
        if technique is not None:
            if layer not in (None, "techniques"):
                raise ValueError(f"technique= selects technique spans, not {layer!r} spans")
            wanted = technique.casefold()
            found = [t for t in self.techniques
                     if wanted in (t.technique.casefold(), t.technique_name.casefold())]
            known = {name.casefold() for t in BY_ID.values() for name in (t.id, t.label)}
            if not found and wanted not in known:
                names = ", ".join(t.label for t in BY_ID.values())
                raise ValueError(f"unknown technique {technique!r}: one of {names}")
            return list(found)
        if layer is None:
            return [span for _, span in self.spans()]
        if layer not in BUILTIN_LAYERS and layer not in self.extra_layers:
            names = ", ".join([*BUILTIN_LAYERS, *self.extra_layers])
            raise ValueError(f"unknown layer {layer!r}: one of {names}")
        return self.layer(layer)

    def rows(self) -> list[dict[str, Any]]:
        """Every span of every layer as a flat dict, one per span, in :meth:`spans` order.

        Every row has the keys of :data:`ROW_FIELDS`, None where a span has no such value,
        so the rows go straight into ``csv.DictWriter(f, fieldnames=ROW_FIELDS)`` or a
        data frame: ``source``, ``layer``, ``start``, ``end``, ``text``, ``label`` and
        ``score`` (as in :class:`Finding`), then ``technique_name`` (techniques),
        ``sentence`` (the sentence index: of the span, or a sentence's own), ``value``
        (a date's resolved value), ``speaker``, ``speaker_kind`` and ``cue`` (quotes).
        """
        return [_row(self.source, layer, span) for layer, span in self.spans()]


ROW_FIELDS = (
    "source", "layer", "start", "end", "text", "label", "score",
    "technique_name", "sentence", "value", "speaker", "speaker_kind", "cue",
)
"""The keys of every :meth:`Report.rows` dict, in column order."""


def _row(source: str, layer: str, span: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(ROW_FIELDS)
    row.update(source=source, layer=layer, start=span.start, end=span.end, text=span.text,
               label=span.label, score=span.score)
    if isinstance(span, Sentence):
        row["sentence"] = span.index
    elif isinstance(span, Entity | Claim | DateMention | TechniqueSpan):
        row["sentence"] = span.sentence
    if isinstance(span, DateMention):
        row["value"] = span.value
    elif isinstance(span, TechniqueSpan):
        row["technique_name"] = span.technique_name
    elif isinstance(span, Quote):
        if span.speaker is not None:
            row["speaker"] = span.speaker.display_name
            row["speaker_kind"] = span.speaker.kind
        row["cue"] = span.cue.text if span.cue is not None else None
    return row


def json_schema() -> dict:
    """The JSON Schema of :class:`Report` (what ``unspun schema`` prints)."""
    schema = Report.model_json_schema()
    schema["$id"] = f"https://unspun.invalid/schema/report-{SCHEMA_VERSION}.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
