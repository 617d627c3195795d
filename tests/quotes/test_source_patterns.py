"""Speakers on patterns the cross-validation errors on PolNeAR train showed the rules
missing (each test names its pattern).

Every text is written for these tests; every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of, speaker_of
from unspun.nlp.pipeline import LanguageLayer


def test_a_filing_speaks_for_whoever_filed_it(language: LanguageLayer) -> None:
    text = (
        "“The evidence cannot support a charge,” according to a court document filed by "
        "district attorney Pavel Ostrov."
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["“The evidence cannot support a charge,”"]
    assert speaker_of(quotes[0]) == "Pavel Ostrov"
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "a court document"


def test_a_filing_speaks_for_the_body_that_submitted_it(language: LanguageLayer) -> None:
    text = (
        "The harbour plan broke no rules, according to a court filing submitted by the "
        "Eastport Harbour Authority on Monday."
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["The harbour plan broke no rules"]
    assert speaker_of(quotes[0]) == "the Eastport Harbour Authority"


def test_a_text_without_its_author_stays_a_text(language: LanguageLayer) -> None:
    text = "The harbour plan broke no rules, according to a court filing seen on Monday."
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["The harbour plan broke no rules"]
    assert speaker_of(quotes[0]) == "a court filing"


@pytest.mark.parametrize("participle, body", [
    ("funded by", "the Orland Wetlands Trust"),
    ("obtained by", "the Kestrel Gazette"),
])
def test_who_paid_for_or_obtained_a_text_did_not_write_it(
    language: LanguageLayer, participle: str, body: str
) -> None:
    text = (f"The survey, {participle} {body}, shows that two thirds of the marsh has "
            "dried out since 2010.")
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        "that two thirds of the marsh has dried out since 2010"]
    assert quotes[0].speaker is not None
    assert (quotes[0].speaker.kind, speaker_of(quotes[0])) == ("document", "The survey")
    start = quotes[0].speaker.start
    assert text[start:quotes[0].speaker.end] == "The survey"


def test_who_is_led_to_speak_speaks(language: LanguageLayer) -> None:
    text = (
        "The heavy defeat led party chairman Ole Birk to declare that the campaign was "
        "effectively over."
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["that the campaign was effectively over"]
    assert speaker_of(quotes[0]) == "Ole Birk"
    assert quotes[0].speaker is not None
    assert quotes[0].speaker.text == "party chairman Ole Birk"


def test_who_is_prompted_to_speak_speaks(language: LanguageLayer) -> None:
    text = (
        "Even the late hour of the vote led the opposition to claim that the ministers were "
        "hiding something."
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["that the ministers were hiding something"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "the opposition"


def test_a_written_statement_is_no_cue_of_its_own(language: LanguageLayer) -> None:
    text = (
        "Quill told the Harbour Times in a written statement, “I do not want his "
        "endorsement, because he has no plan.”"
    )
    quotes = quotes_of(language, text)
    assert [q.text[:8] for q in quotes] == ["“I do no"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Quill"


def test_a_verb_misread_as_a_participle_after_a_comma_stays_a_cue(
    language: LanguageLayer,
) -> None:
    text = (
        "The opposition's transport spokesman, Ada Lind, accused ministers of “shifting the "
        "queue from one harbour to the next”."
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["“shifting the queue from one harbour to the next”"]
    assert speaker_of(quotes[0]) == "Ada Lind"


def test_going_so_far_as_to_say(language: LanguageLayer) -> None:
    text = "The columnist Ivo Harte went so far as to say: “The league as we know it is finished.”"
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["“The league as we know it is finished.”"]
    assert speaker_of(quotes[0]) == "Ivo Harte"


def test_continuing_to_be_is_no_speech(language: LanguageLayer) -> None:
    text = "Ostrov said he is sure Quill will continue to be “a champion for the valley.”"
    quotes = quotes_of(language, text)
    # the reported clause takes in the quote that ends it
    assert [q.text for q in quotes] == [
        "he is sure Quill will continue to be “a champion for the valley.”"]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Ostrov"


def test_a_quote_closing_on_a_comma_is_the_next_cues(language: LanguageLayer) -> None:
    text = (
        "Ostrov cannot claim that “from where he stands,” Quill added, saying it was up to "
        "the court."
    )
    quotes = quotes_of(language, text)
    assert quotes[0].text == "“from where he stands,”"
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Quill"


def test_a_statement_hands_over_with_a_comma(language: LanguageLayer) -> None:
    text = (
        "Right after the vote, Quill issued a statement, “Tonight the valley chose the "
        "future. I thank every volunteer.”"
    )
    quotes = quotes_of(language, text)
    assert [q.text[:9] for q in quotes] == ["“Tonight "]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Quill"


def test_a_comma_after_no_text_hands_over_nothing(language: LanguageLayer) -> None:
    text = "After the statement, “The bridge will reopen on Monday” was all anyone talked about."
    quotes = quotes_of(language, text)
    assert [q.speaker for q in quotes] == [None]
    # a comma after a clause with a subject but no speech noun hands over nothing either
    lost = quotes_of(language, "Mara Quill lost the vote, “The bridge will reopen on Monday.”")
    assert [(q.speaker, q.cue) for q in lost] == [(None, None)]
