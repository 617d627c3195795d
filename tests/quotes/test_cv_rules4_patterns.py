"""Who said what, on patterns left in the PolNeAR train cross-validation errors (fourth round).

Every text is written for these tests (the articles the patterns were seen in stay outside
the project); every assertion on a span checks ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, speaker_of
from unspun.nlp.pipeline import LanguageLayer


def test_a_participle_after_the_clause_of_a_denied_notion_is_the_denier(
    language: LanguageLayer,
) -> None:
    text = (
        "Reached by phone, Harlan Moss denied the notion that a merger is coming, explaining "
        'that he was unaware of the report because he was "on vacation."'
    )
    quotes = quotes_of(language, text)
    explaining = next(q for q in quotes if q.text.startswith("that he was"))
    assert speaker_of(explaining) == "Harlan Moss"
    assert explaining.speaker is not None
    assert text[explaining.speaker.start:explaining.speaker.end] == "Harlan Moss"


def test_a_participle_after_a_cue_of_its_own_is_that_cues_speaker(
    language: LanguageLayer,
) -> None:
    text = (
        'The chief cannot say that "in his view," Moss added, saying it should be "up to the '
        'voters to decide."'
    )
    quotes = quotes_of(language, text)
    saying = next(q for q in quotes if q.text.startswith('"up to'))
    assert saying.text == '"up to the voters to decide."'
    assert speaker_of(saying) == "Moss"
    assert saying.speaker is not None
    assert text[saying.speaker.start:saying.speaker.end] == "Moss"


def test_a_participle_opening_the_sentence_is_the_main_subjects(
    language: LanguageLayer,
) -> None:
    text = (
        "In addition to stating that the tax has no legal basis, Fenwick has vowed to repeal "
        "it.\n\nNoting that the city's budget has grown every year, Fenwick reminded voters of "
        "his plan to cut taxes."
    )
    quotes = quotes_of(language, text)
    stating = next(q for q in quotes if q.text == "that the tax has no legal basis")
    noting = next(q for q in quotes if q.text == "that the city's budget has grown every year")
    for quote, name_at in ((stating, text.index("Fenwick")), (noting, text.rindex("Fenwick"))):
        assert speaker_of(quote) == "Fenwick"
        assert quote.speaker is not None
        assert (quote.speaker.start, quote.speaker.end) == (name_at, name_at + len("Fenwick"))
        assert text[quote.speaker.start:quote.speaker.end] == "Fenwick"


def test_according_to_a_titled_work_by_an_author_is_the_authors(
    language: LanguageLayer,
) -> None:
    text = (
        'According to "The Harbor Years: A Family and Its Fortune," by Nora Lindqvist, Peter '
        "told his roommate that the family business was his to run."
    )
    quotes = quotes_of(language, text)
    # the title is the source's name, not a quote
    assert [q.text for q in quotes] == [
        "Peter told his roommate that the family business was his to run"]
    assert quotes[0].speaker is not None
    assert text[quotes[0].speaker.start:quotes[0].speaker.end] == "Nora Lindqvist"
    assert speaker_of(quotes[0]) == "Nora Lindqvist"


def test_according_to_a_titled_work_mid_sentence(language: LanguageLayer) -> None:
    text = (
        'One winter in 1998, according to "Steady Hands: Mara Voss and the Remaking of Delphi '
        'Systems" by Colin Reyes, Voss sat in her study and called half a dozen board members.'
    )
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("Voss sat in her study and called half a dozen board members", "Colin Reyes")]


def test_according_to_between_subject_and_verb(language: LanguageLayer) -> None:
    text = ("Last year, according to figures from the ministry, exports to Chile rose by a "
            "third.\n\nThe mayor, according to two of her aides, will resign next week.\n\n"
            "Exports to Peru fell sharply, according to the ministry.")
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("exports to Chile rose by a third", "figures from the ministry"),
        ("will resign next week", "two of her aides"),
        ("Exports to Peru fell sharply", "the ministry")]


def test_according_to_mid_sentence_reports_its_own_clause(language: LanguageLayer) -> None:
    text = ("The mayor, who according to aides is furious about the leak, said on Monday "
            "that the deal was off.\n\nThe flood, according to the agency, has displaced "
            "4,000 people, and charities warn that disease is spreading.\n")
    quotes = quotes_of(language, text)
    # the clause the phrase stands in, and no other speaker's words
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("is furious about the leak", "aides"),
        ("that the deal was off", "The mayor"),
        ("has displaced 4,000 people", "the agency"),
        ("that disease is spreading", "charities")]
