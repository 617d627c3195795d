"""Who said what, on the patterns left in the PolNeAR train cross-validation errors.

Every text is written for these tests (the articles the patterns were seen in stay outside
the project); every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, speaker_of
from unspun.nlp.pipeline import LanguageLayer


def test_a_quote_closing_on_a_comma_inside_a_reported_clause(language: LanguageLayer) -> None:
    text = (
        'After Professor Hanna Berg said that rural pupils might do better in "smaller and '
        'calmer schools," the minister said: "I do not accept that at all."'
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        'that rural pupils might do better in "smaller and calmer schools,"',
        '"I do not accept that at all."']
    assert [speaker_of(q) for q in quotes] == ["Hanna Berg", "the minister"]
    assert quotes[0].speaker is not None
    assert text[quotes[0].speaker.start:quotes[0].speaker.end] == "Professor Hanna Berg"


def test_a_finished_quote_keeps_its_speaker_from_the_next_sentences_source(
    language: LanguageLayer,
) -> None:
    text = (
        '"The bridge is safe to use again," Mayor Ines Karlsson said. "It will not close '
        'again." According to city records, the bridge was shut for forty days last winter.'
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        '"The bridge is safe to use again,"', '"It will not close again."',
        "the bridge was shut for forty days last winter"]
    assert [speaker_of(q) for q in quotes] == ["Ines Karlsson", "Ines Karlsson", "city records"]
