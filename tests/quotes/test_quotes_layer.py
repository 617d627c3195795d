"""The quotes layer on hand-written paragraphs that mimic what real articles do."""

from __future__ import annotations

import pytest

from support import saved_pages
from unspun.nlp.pipeline import LanguageLayer, load_spacy
from unspun.quotes import find_quotes
from unspun.report import Quote


@pytest.fixture(scope="module")
def layer() -> LanguageLayer:
    return LanguageLayer(load_spacy())


def quotes_of(layer: LanguageLayer, text: str) -> list[Quote]:
    found = find_quotes(layer.analyze(text, None), text)
    assert_offsets(text, found)
    return found


def assert_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text
        if q.speaker is not None and q.speaker.start is not None:
            assert q.speaker.end is not None
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
        assert 0 <= q.confidence <= 1


def test_speaker_introduced_once_quoted_over_paragraphs(layer: LanguageLayer) -> None:
    text = (
        "According to former Deputy Prosecutor-General of Russia Renat Kuzmin:\n"
        "“The case was built on nothing. Nobody checked the documents.\n"
        "“The investigators knew it from the start,” he told reporters.\n"
        "Kuzmin said the trial should be reopened."
    )
    quotes = quotes_of(layer, text)
    assert [q.kind for q in quotes] == ["direct", "direct", "indirect"]
    first, second, third = quotes
    assert first.text == "“The case was built on nothing. Nobody checked the documents."
    assert first.cue is not None and first.cue.text == "According to"
    assert first.speaker is not None and first.speaker.name == "Renat Kuzmin"
    assert second.speaker is not None and second.speaker.text == "he"
    assert second.speaker.name == "Renat Kuzmin"
    assert third.text == "the trial should be reopened"
    assert third.speaker is not None and third.speaker.text == "Kuzmin"
    assert third.speaker.name == "Renat Kuzmin"


def test_quote_split_around_its_cue(layer: LanguageLayer) -> None:
    text = 'Sergei Shoigu visited the base.\n"The troops", he said, "will stay where they are."'
    quotes = quotes_of(layer, text)
    assert [q.text for q in quotes] == ['"The troops"', '"will stay where they are."']
    for q in quotes:
        assert q.kind == "direct"
        assert q.cue is not None and q.cue.text == "said"
        assert q.speaker is not None and q.speaker.name == "Sergei Shoigu"


def test_continuation_cue_carries_the_speaker(layer: LanguageLayer) -> None:
    text = (
        "Mayor Celia Brandt spoke at length. “This zone will save lives,” Mrs Brandt said,"
        " adding:\n“Nobody will remember the complaints.”"
    )
    quotes = quotes_of(layer, text)
    assert len(quotes) == 2
    assert quotes[1].text == "“Nobody will remember the complaints.”"
    assert quotes[1].cue is not None and quotes[1].cue.text == "adding"
    assert all(q.speaker is not None and q.speaker.name == "Celia Brandt" for q in quotes)


@pytest.mark.parametrize(
    ("intro", "speaker"),
    [
        ("According to an Estonian Defense Forces press release:", "Estonian Defense Forces"),
        ("Moscow released a statement by Russia’s Defense Ministry saying the following:",
         "Defense Ministry"),
    ],
)
def test_organisations_and_press_releases_speak(
    layer: LanguageLayer, intro: str, speaker: str
) -> None:
    text = f"{intro}\n“The exercise will involve 3,000 soldiers and will last two weeks.”"
    quotes = quotes_of(layer, text)
    assert len(quotes) == 1
    assert quotes[0].kind == "direct"
    assert quotes[0].speaker is not None and quotes[0].speaker.text is not None
    assert speaker in quotes[0].speaker.text


def test_scare_quotes_titles_and_apostrophes_are_not_speech(layer: LanguageLayer) -> None:
    text = (
        "Belarus’ leader met Brandt’s team. Critics called the plan a “cash grab” and read"
        " “War and Peace” before lunch. Its report \"Coastal Storms in a Warming Sea\" came"
        " out in March."
    )
    assert quotes_of(layer, text) == []


def test_unbalanced_marks_degrade_without_error(layer: LanguageLayer) -> None:
    text = (
        "He said “this is broken and \"never closed.\nAnd ” stray marks ‘ everywhere ’ here.\n"
        "“\n\"\n”“”\"\"\nShe said: “"
    )
    quotes_of(layer, text)  # offsets hold, nothing raises


def test_indirect_speech_and_according_to(layer: LanguageLayer) -> None:
    text = (
        "The minister said that the budget would be balanced by next year.\n"
        "According to the Kremlin’s press service, the talks lasted three hours."
    )
    quotes = quotes_of(layer, text)
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "that the budget would be balanced by next year"),
        ("indirect", "the talks lasted three hours"),
    ]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "The minister"
    assert quotes[1].speaker is not None
    assert quotes[1].speaker.text == "the Kremlin’s press service"
    assert quotes[1].cue is not None and quotes[1].cue.text == "According to"


def test_partly_quoted_report_is_mixed(layer: LanguageLayer) -> None:
    text = (
        "Councillor Raj Mehta warned last Sunday that the council had \"not published a single"
        " independent study\" of the zone's effect on local businesses."
    )
    (quote,) = quotes_of(layer, text)
    assert quote.kind == "mixed"
    assert quote.text.startswith("that the council had \"not published")
    assert quote.speaker is not None and quote.speaker.name is not None
    assert "Raj Mehta" in quote.speaker.name


def test_saved_pages_offsets_and_speakers(analyzer) -> None:
    layer = analyzer.language
    named = 0
    for path in saved_pages():
        text = analyzer.analyze(path).document.text
        quotes = quotes_of(layer, text)
        assert quotes, path
        named += sum(1 for q in quotes if q.speaker is not None and q.speaker.name)
    assert named >= 20
