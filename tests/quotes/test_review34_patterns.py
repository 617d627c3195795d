"""Who said what, on the wrong names review 34 found in this round's rules.

Every text is written for these tests; every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_adding_after_a_relative_clause_is_the_relatives_noun(language: LanguageLayer) -> None:
    text = 'Tom Reyes met Mary Hall, who said the deal was off. Adding, "We will start over."'
    added = quotes_of(language, text)[-1]
    assert added.text == '"We will start over."'
    assert added.speaker is not None and added.speaker.name == "Mary Hall"
    assert text[added.speaker.start:added.speaker.end] == "Mary Hall"


def test_adding_after_a_side_clause_names_nobody(language: LanguageLayer) -> None:
    text = ('The plan, which Mary Hall said was dead, was revived by Tom Reyes on Monday. '
            'Adding, "We will start over."')
    # her "said" is in a side clause; the sentence's own verb reports nobody
    added = quotes_of(language, text)[-1]
    assert added.text == '"We will start over."'
    assert added.speaker is None or added.speaker.name != "Mary Hall"


def test_an_expert_brought_in_after_the_named_one_is_another(language: LanguageLayer) -> None:
    text = ("Economist Mary Hall quit the central bank. An expert at the fund told reporters "
            'the figures were wrong. "It is a mess," the expert said.')
    assert said(language, text)[-1] == ('"It is a mess,"', "the expert", "vague")


def test_an_anonymous_expert_keeps_the_words_off_a_named_one(language: LanguageLayer) -> None:
    text = ("Professor Ann Vale chaired the panel. An independent expert, who asked not to be "
            'named, reviewed the data. "It is safe," the expert said.')
    quote = quotes_of(language, text)[-1]
    assert quote.text == '"It is safe,"'
    assert quote.speaker is not None and quote.speaker.name != "Ann Vale"


def test_the_doctor_after_another_doctor_is_not_the_dr_named_before(
        language: LanguageLayer) -> None:
    text = ("Dr. Rita Moss, a historian at the university, wrote the book. The boy's doctor "
            'was not named. "He was lucky," the doctor said.')
    assert said(language, text) == [('"He was lucky,"', "the doctor", "role")]


def test_a_news_organisation_is_no_group(language: LanguageLayer) -> None:
    text = 'The Courier, a news organisation, reported the raid. "We will fight," the group said.'
    assert said(language, text) == [('"We will fight,"', "the group", "role")]


def test_a_section_of_a_crowd_is_no_text(language: LanguageLayer) -> None:
    text = ('A section of the crowd chanted "Out! Out!" as the minister arrived.\n\n'
            "Section 4 of the bill states that no permit is needed.")
    crowd, bill = quotes_of(language, text)
    assert crowd.speaker is not None and crowd.speaker.kind != "document"
    assert bill.speaker is not None and bill.speaker.kind == "document"
    assert text[bill.speaker.start:bill.speaker.end].startswith("Section")


def test_assure_speaks_only_to_someone(language: LanguageLayer) -> None:
    text = ("The new law assures that every child gets a place at school.\n\n"
            "The governor assured residents that there would be no shortages.")
    assert said(language, text) == [
        ("that there would be no shortages", "The governor", "role"),
    ]
