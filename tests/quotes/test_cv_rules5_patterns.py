"""Who said what, on patterns left in the PolNeAR train cross-validation errors (fifth round).

Every text is written for these tests (the articles the patterns were seen in stay outside
the project); every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said, speaker_of
from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes.segments import find_segments, split_paragraphs


def _segments(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_segments(text, split_paragraphs(text))]


def test_a_curly_quote_inside_a_straight_one_leaves_the_outer_quote_whole(
    language: LanguageLayer,
) -> None:
    text = (
        "The mayor has not been open about the budget.\n\n"
        "As the Ledger's Tom Baird reported after the council left the meeting:\n\n"
        '"For example, the council has done nothing with the audit. Ray Lott of the Courier '
        "has fought to make the city read it. “They haven’t done anything close to a full "
        'review,” he quoted one clerk in May."\n\n'
        "The council did not respond."
    )
    outer = text[text.index('"For example'):text.index('May."') + len('May."')]
    assert _segments(text) == [outer]
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [outer]
    assert speaker_of(quotes[0]) == "Tom Baird"
    assert quotes[0].speaker is not None
    credit = "the Ledger's Tom Baird"
    at = text.index(credit)
    assert (quotes[0].speaker.start, quotes[0].speaker.end) == (at, at + len(credit))


def test_a_straight_quote_running_over_paragraphs_keeps_its_curly_titles(
    language: LanguageLayer,
) -> None:
    text = (
        "Former state senator Dr. Alma Reyes called for an audit after the vote.\n\n"
        "Dr. Reyes stated:\n\n"
        '"The board isn’t about “Service Before Self” anymore. It is about its own comfort.\n\n'
        '"The latest example is the chair suing the town for its “Fence Rule,” which lets '
        "owners decide.\n\n"
        '"The answer is not politics, but property. Period."\n\n'
        "The vote is on Monday."
    )
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == [
        '"The board isn’t about “Service Before Self” anymore. It is about its own comfort.',
        '"The latest example is the chair suing the town for its “Fence Rule,” which lets '
        "owners decide.",
        '"The answer is not politics, but property. Period."',
    ]
    at = text.index("Dr. Reyes stated")
    for quote in quotes:
        assert speaker_of(quote) == "Alma Reyes"
        assert quote.speaker is not None
        assert (quote.speaker.start, quote.speaker.end) == (at, at + len("Dr. Reyes"))


def test_a_straight_quote_inside_a_curly_one_leaves_the_outer_quote_whole(
    language: LanguageLayer,
) -> None:
    text = "“He told me \"no\" to my face, and then he left,” Mara Quist said."
    quotes = quotes_of(language, text)
    assert [q.text for q in quotes] == ["“He told me \"no\" to my face, and then he left,”"]
    assert speaker_of(quotes[0]) == "Mara Quist"


def test_marks_doubled_round_a_paragraph_are_no_nesting() -> None:
    # an editing slip wraps a paragraph that had its own marks: the inner quote is the quote
    text = '"“You can’t win it by states alone,” Voss replied before taking questions."'
    assert _segments(text) == ["“You can’t win it by states alone,”"]


def test_a_stray_straight_mark_before_a_curly_quote_is_still_stray() -> None:
    # no straight mark closes the first one: the curly quote after it is the quote
    text = 'He said "the plan is dead. Then came “a new plan” from the board, Lind said.'
    assert _segments(text) == ["“a new plan”"]


def test_the_name_after_an_abbreviated_title_is_the_speaker(language: LanguageLayer) -> None:
    # the parse stops the phrase at the title's stop, or takes the title for a name
    text = (
        '"We already patrol every province," said Army spokesman Navy Capt. Rick Moreno, who '
        'was asked about the plan.\n\n'
        '"We are ready," said Brig. Gen. Dana Reyes, the base commander.'
    )
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ('"We already patrol every province,"', "Rick Moreno"),
        ('"We are ready,"', "Dana Reyes"),
    ]
    for quote, phrase in zip(quotes, ("Army spokesman Navy Capt. Rick Moreno",
                                      "Brig. Gen. Dana Reyes"), strict=True):
        assert quote.speaker is not None
        at = text.index(phrase)
        assert (quote.speaker.start, quote.speaker.end) == (at, at + len(phrase))


def test_a_title_before_a_role_and_a_name_goes_with_the_name(language: LanguageLayer) -> None:
    text = (
        '"He ran that play in the last two races," said former Ohio Gov. and party chairman '
        'Ed Rollins. "It is about turnout."'
    )
    quotes = quotes_of(language, text)
    assert [speaker_of(q) for q in quotes] == ["Ed Rollins", "Ed Rollins"]
    phrase = "former Ohio Gov. and party chairman Ed Rollins"
    at = text.index(phrase)
    for quote in quotes:
        assert quote.speaker is not None
        assert (quote.speaker.start, quote.speaker.end) == (at, at + len(phrase))


def test_a_title_with_no_name_after_it_stays_the_phrase(language: LanguageLayer) -> None:
    # a comma closes the phrase: no name is looked for past it
    text = '"We are ready," said the Gov., who then left the room.'
    quotes = quotes_of(language, text)
    assert len(quotes) == 1 and quotes[0].speaker is not None
    assert text[quotes[0].speaker.start:quotes[0].speaker.end] == "the Gov."


def test_a_stray_mark_before_the_writer_s_words_runs_on_into_nothing(
    language: LanguageLayer,
) -> None:
    text = ("\"We will rebuild, Maria Lopez said on Monday, promising “a new start” for the "
            "town.\n\n\"It will take years,\" she added.\n")
    assert said(language, text) == [
        ("We will rebuild", "Maria Lopez", "person"),
        ("“a new start”", "Maria Lopez", "person"),
        ("\"It will take years,\"", "Maria Lopez", "person")]
