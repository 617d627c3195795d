"""Running the quotes layer on a text written for a test, with its offsets checked."""

from __future__ import annotations

from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes import find_quotes
from unspun.quotes.coref import Coreference
from unspun.quotes.segments import Context, find_segments, split_paragraphs
from unspun.report import Quote


def quotes_of(language: LanguageLayer, text: str, **options: object) -> list[Quote]:
    """The quotes of ``text``; every span, speakers' and cues' included, checked against the
    text."""
    quotes = find_quotes(language.analyze(text, None), text, **options)  # type: ignore[arg-type]
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text
        if quote.speaker is not None:
            assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
        if quote.cue is not None:
            assert text[quote.cue.start:quote.cue.end] == quote.cue.text
    return quotes


def speaker_of(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


def kinds_and_names(quotes: list[Quote]) -> list[tuple[str, str | None]]:
    """The (kind, name) of each quote's speaker, for the quotes that have one."""
    return [(q.speaker.kind, q.speaker.name) for q in quotes if q.speaker is not None]


def said(language: LanguageLayer, text: str, **options: object) -> list[tuple[str, ...]]:
    """(quote, speaker's name, speaker's kind) for each quote of ``text``, spans checked;
    (quote,) for one with no speaker."""
    return [(q.text, q.speaker.name or "", q.speaker.kind or "") if q.speaker else (q.text,)
            for q in quotes_of(language, text, **options)]


def coreference_of(language: LanguageLayer, text: str,
                   fullest: dict[str, str] | None = None) -> tuple[Context, Coreference]:
    """The context and the pronoun resolver's view of ``text``'s persons; ``fullest`` maps a
    name as written to the fullest name (each name its own by default)."""
    analysis = language.analyze(text, None)
    paragraphs = split_paragraphs(text)
    segments = find_segments(text, paragraphs)
    ctx = Context(text, analysis.doc, analysis, paragraphs, segments,
                  [s.start for s in segments])
    persons = [e for e in analysis.entities if e.label == "PERSON"]
    full = fullest or {}
    return ctx, Coreference(ctx, persons, [], {e.text: full.get(e.text, e.text)
                                               for e in persons}, {})
