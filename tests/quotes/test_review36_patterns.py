"""Who said what, on the wrong names review 36 found in this round's last rules.

Every text is written for these tests; every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_a_reply_does_not_lend_its_speaker_to_the_words_it_answers(
        language: LanguageLayer) -> None:
    text = '"The mayor is a crook." The mayor replied, "That is slander."'
    first, second = quotes_of(language, text)
    assert first.text == '"The mayor is a crook."' and first.speaker is None
    assert second.speaker is not None and second.speaker.text == "The mayor"


def test_a_sentence_between_two_quotes_keeps_them_apart(language: LanguageLayer) -> None:
    text = ('"We will cut taxes for every family." Critics disagreed. Jones said, "That is '
            'a lie."')
    first, second = quotes_of(language, text)
    assert first.text == '"We will cut taxes for every family."' and first.speaker is None
    assert second.speaker is not None and second.speaker.name == "Jones"


def test_a_date_owns_no_warning(language: LanguageLayer) -> None:
    assert said(language, "Monday's warning that the bridge would close angered drivers.") == []


def test_a_plural_title_in_the_named_persons_own_clause_keeps_the_tie(
        language: LanguageLayer) -> None:
    text = ("Economist Maria Diaz, who advises several experts, said the forecast was too "
            'rosy. "It will not hold," the expert said.')
    quote = quotes_of(language, text)[-1]
    assert quote.text == '"It will not hold,"'
    assert quote.speaker is not None and quote.speaker.name == "Maria Diaz"
    assert text[quote.speaker.start:quote.speaker.end] == "the expert"
