"""Attribution on the failures of the eleventh fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning11``): the country after a dateline's
place is no person.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def said(language: LanguageLayer, text: str) -> list[tuple[str, ...]]:
    """(quote, speaker's name) for each quote of ``text``, spans checked."""
    return [(q.text, q.speaker.name or "") if q.speaker else (q.text,)
            for q in quotes_of(language, text)]


def test_the_country_after_a_datelines_place_is_no_person() -> None:
    from unspun.quotes.speakers import named_entities
    from unspun.report import Entity

    text = "BRIDGETOWN, Santa Lucia — Mary Cole opened the clinic on Monday."
    at = text.index("Santa Lucia")
    read = [Entity(start=at, end=at + 11, text="Santa Lucia", label="PERSON", sentence=0),
            Entity(start=at + 14, end=at + 23, text="Mary Cole", label="PERSON", sentence=0)]
    assert [(e.label, text[e.start:e.end]) for e in named_entities(read, text)] == [
        ("GPE", "Santa Lucia"), ("PERSON", "Mary Cole")]
