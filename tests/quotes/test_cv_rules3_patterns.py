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


def test_who_said_after_a_role_in_apposition_is_the_person_named(
    language: LanguageLayer,
) -> None:
    text = (
        "''You are going to see all kinds of marches,'' said Karen Holt, 34, a former staff "
        "member for the Baker campaign in Boston who said she planned to protest. ''I "
        "personally don't like being arrested. But it's essential that we speak out.''"
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        "''You are going to see all kinds of marches,''", "she planned to protest",
        "''I personally don't like being arrested. But it's essential that we speak out.''"]
    assert [speaker_of(q) for q in quotes] == ["Karen Holt"] * 3
    assert quotes[1].speaker is not None
    assert text[quotes[1].speaker.start:quotes[1].speaker.end] == "Karen Holt"


def test_a_relative_clause_on_a_role_reports_the_person_named(
    language: LanguageLayer,
) -> None:
    text = (
        '"You will see every kind of protest," said Karin Holm, 29, a former organizer for '
        "the Lopez campaign in Denver who said she planned to demonstrate."
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        '"You will see every kind of protest,"', "she planned to demonstrate"]
    assert [speaker_of(q) for q in quotes] == ["Karin Holm", "Karin Holm"]


def test_the_subject_nearest_the_cue_speaks_past_a_fronted_phrase(
    language: LanguageLayer,
) -> None:
    text = (
        'Dr. Lena Fox led the study. Her verdict on the results: "They are not quite '
        'hopeful," she said.'
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ['"They are not quite hopeful,"']
    assert speaker_of(quotes[0]) == "Lena Fox"
    assert quotes[0].speaker is not None
    assert text[quotes[0].speaker.start:quotes[0].speaker.end] == "she"
