"""Hand-built reports for the renderer tests: every layer, overlaps, edges of the text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from unspun.report import (
    Claim,
    DateMention,
    Document,
    Entity,
    Quote,
    Report,
    Sentence,
    Span,
    Speaker,
    TechniqueSpan,
)

TEXT = (
    "Senator Jane Smith said on Tuesday that the “disastrous” plan would cost $4 billion.\n"
    "\n"
    "“This is a betrayal of every American family,” Smith told reporters in Washington. "
    "Critics at the Acme Institute called it a reckless gamble.\n"
    "Everyone knows it will fail. Café owners agree"
)


def find(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``needle`` in ``text`` (fails loudly if absent)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def sentences_of(text: str) -> list[Sentence]:
    out = []
    for i, m in enumerate(re.finditer(r"[^\n.]+(?:\.|$)", text, re.MULTILINE)):
        stripped = m.group().strip()
        if not stripped:
            continue
        start = m.start() + m.group().index(stripped)
        out.append(Sentence(start=start, end=start + len(stripped), text=stripped, index=i))
    for i, s in enumerate(out):
        s.index = i
    return out


def _span_kwargs(text: str, needle: str, occurrence: int = 0) -> dict[str, Any]:
    start, end = find(text, needle, occurrence)
    return {"start": start, "end": end, "text": text[start:end]}


def build_sample(text: str = TEXT, **document: Any) -> Report:
    """A report with spans in every layer, overlapping techniques and spans at both ends."""

    def s(needle: str, occurrence: int = 0) -> dict[str, Any]:
        return _span_kwargs(text, needle, occurrence)

    entities = [
        Entity(label="PERSON", sentence=0, **s("Jane Smith")),
        Entity(label="DATE", sentence=0, **s("Tuesday")),
        Entity(label="MONEY", sentence=0, **s("$4 billion")),
        Entity(label="NORP", sentence=1, **s("American")),
        Entity(label="PERSON", sentence=1, **s("Smith", 1)),
        Entity(label="GPE", sentence=1, **s("Washington")),
        Entity(label="ORG", sentence=2, **s("the Acme Institute")),
    ]
    dates = [DateMention(value="2020-08-04", kind="day", sentence=0, **s("Tuesday"))]
    smith = s("Smith", 1)
    quotes = [
        Quote(
            kind="direct",
            confidence=0.93,
            speaker=Speaker(
                text="Smith", start=smith["start"], end=smith["end"], name="Jane Smith"
            ),
            cue=Span(**s("told")),
            **s("This is a betrayal of every American family,"),
        )
    ]
    claims = [
        Claim(
            score=0.87,
            kind="quantity",
            sentence=0,
            **s("the “disastrous” plan would cost $4 billion"),
        ),
    ]
    n = len(text)
    techniques = [
        TechniqueSpan(technique="Loaded_Language", confidence=0.91, sentence=0, **s("disastrous")),
        TechniqueSpan(
            technique="Exaggeration,Minimisation",
            confidence=0.64,
            sentence=0,
            **s("“disastrous” plan would cost"),
        ),
        TechniqueSpan(
            technique="Appeal_to_fear-prejudice",
            confidence=0.7,
            sentence=1,
            **s("a betrayal of every American family"),
        ),
        TechniqueSpan(technique="Loaded_Language", confidence=0.8, sentence=1, **s("betrayal")),
        TechniqueSpan(
            technique="Loaded_Language", confidence=0.77, sentence=2, **s("reckless gamble")
        ),
        TechniqueSpan(
            technique="Bandwagon,Reductio_ad_hitlerum",
            confidence=0.66,
            sentence=3,
            **s("Everyone knows it will fail"),
        ),
        # At the very start and the very end of the text.
        TechniqueSpan(
            technique="Name_Calling,Labeling",
            confidence=0.4,
            sentence=0,
            start=0,
            end=7,
            text=text[0:7],
        ),
        TechniqueSpan(
            technique="Slogans", confidence=0.3, sentence=4, start=n - 5, end=n, text=text[n - 5 :]
        ),
        # Zero-length: must be skipped without breaking anything.
        TechniqueSpan(technique="Doubt", confidence=0.5, sentence=0, start=3, end=3, text=""),
    ]
    doc = {
        "url": "https://news.example.com/a/1?x=1&y=2",
        "title": "Smith attacks “disastrous” plan",
        "author": "A. Reporter",
        "date": "2020-08-09",
        "site": "Example News",
        "language": "en",
        "text": text,
    }
    doc.update(document)
    return Report(
        unspun_version="0.1.0",
        source="https://news.example.com/a/1",
        document=Document(**doc),
        sentences=sentences_of(text),
        entities=entities,
        dates=dates,
        quotes=quotes,
        claims=claims,
        techniques=techniques,
    )


@pytest.fixture
def sample() -> Report:
    return build_sample()


@pytest.fixture
def make_sample() -> Callable[..., Report]:
    return build_sample


SOURCED_TEXT = (
    "Senator Jane Smith said the plan was “a disaster for every family”. Experts say the cost"
    " will double.\n"
    "“We will fight it,” said Tom Baker. A source close to the minister said the deal was dead.\n"
    "“It was never going to work,” Smith added. Some experts warned of long delays.\n"
    "It was “a mess from the start”, and “nobody listened”, the memo's margin notes read."
)
EVIL_NAME = "Tom <script>alert(1)</script> Baker"


def build_sourced() -> Report:
    """Quotes from two named speakers (one with markup in the name), a vague group quoted
    twice in two spellings, an anonymous source, and two quotes without a speaker; listed
    out of text order."""
    text = SOURCED_TEXT

    def quote(
        needle: str,
        kind: str,
        who: str | None = None,
        source: str | None = None,
        name: str | None = None,
        occurrence: int = 0,
    ) -> Quote:
        said = _span_kwargs(text, needle)
        if who is None:
            return Quote(kind=kind, confidence=0.8, **said)
        at = _span_kwargs(text, who, occurrence)
        speaker = Speaker(
            text=at["text"], start=at["start"], end=at["end"], name=name, kind=source
        )
        return Quote(kind=kind, confidence=0.8, speaker=speaker, **said)

    quotes = [
        quote("It was never going to work,", "direct", "Smith", "person", "Jane Smith", 1),
        quote("a disaster for every family", "direct", "Jane Smith", "person", "Jane Smith"),
        quote("the cost will double", "indirect", "Experts", "vague"),
        quote("We will fight it,", "direct", "Tom Baker", "person", EVIL_NAME),
        quote("the deal was dead", "indirect", "A source close to the minister", "anonymous"),
        quote("of long delays", "indirect", "experts", "vague"),
        quote("a mess from the start", "direct"),
        quote("nobody listened", "direct"),
    ]
    return Report(
        unspun_version="0.1.0",
        source="-",
        document=Document(text=text, language="en"),
        sentences=sentences_of(text),
        quotes=quotes,
    )


@pytest.fixture
def sourced() -> Report:
    return build_sourced()
