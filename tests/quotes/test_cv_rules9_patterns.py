"""Who said what, on patterns found in the eleventh round (PolNeAR train cross-validation
errors and sentences written while tracing them).

Every text is written for these tests (the articles the patterns were seen in stay outside
the project); every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_a_short_quote_keeps_its_speaker_across_a_long_apposition(
        language: LanguageLayer) -> None:
    text = ("“Nobody asked us,” Tom Harcourt, founder of the Civic Research Center, told "
            "reporters.\n")
    # three words need their cue beside them, and only the speaker's own phrase stands
    # between: the quote is direct, its opening mark included, not the parse's clause
    quote, = quotes_of(language, text)
    assert (quote.kind, quote.text) == ("direct", "“Nobody asked us,”")
    assert (quote.start, quote.end) == (0, len("“Nobody asked us,”"))
    assert quote.speaker is not None and quote.speaker.name == "Tom Harcourt"


def test_a_scare_quote_inside_the_speakers_phrase_stays_none(
        language: LanguageLayer) -> None:
    text = ("Advocates say the program needs more \"wraparound services\". One of them, a "
            "\"harm reduction coordinator\" at a nonprofit that receives city money, told the "
            "Herald the critics \"do not understand how recovery works.\" Perhaps.\n")
    # the words between the scare quote and "told" are the speaker's phrase, but the quote
    # is inside it, not before it
    assert said(language, text) == [
        ("the program needs more \"wraparound services\"", "Advocates", "vague"),
        ("\"do not understand how recovery works.\"", "One of them", "vague"),
    ]
