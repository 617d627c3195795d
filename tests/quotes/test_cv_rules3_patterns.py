"""Who said what, on patterns left in the PolNeAR train cross-validation errors (third round).

Every text is written for these tests (the articles the patterns were seen in stay outside
the project); every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, speaker_of
from unspun.nlp.pipeline import LanguageLayer


def test_a_name_set_off_from_its_cue_by_a_participle_speaks(language: LanguageLayer) -> None:
    text = (
        'But Sen. Tomas Reinholt (D-Ore.), noting the size of the crowd, said, "Nobody '
        'expected this many people to come out tonight."'
    )
    quotes = quotes_of(language, text)
    said = next(q for q in quotes if q.text.startswith('"Nobody'))
    assert speaker_of(said) == "Tomas Reinholt"
    assert said.speaker is not None
    assert text[said.speaker.start:said.speaker.end] == "Sen. Tomas Reinholt"


def test_a_quote_then_a_name_with_what_they_wear_set_off(language: LanguageLayer) -> None:
    text = (
        '"We have had more successful seasons than this one," Ohio fan Bill Marston, wearing '
        'a cap and "Go Bucks" pins, said glumly as rain fell on the stadium.'
    )
    quotes = quotes_of(language, text)
    assert quotes[0].text == '"We have had more successful seasons than this one,"'
    assert speaker_of(quotes[0]) == "Bill Marston"
    assert quotes[0].speaker is not None
    assert text[quotes[0].speaker.start:quotes[0].speaker.end] == "Ohio fan Bill Marston"

