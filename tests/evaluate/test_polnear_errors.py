"""Why a speaker is wrong (``unspun.evaluate.polnear.error_category``), and the adjudicated
speaker accuracy (``adjudicated_score``).

The article is written for this test; its gold attributions and predictions are set by hand
so that each category and each adjudication rule is met, and the categories of right speakers
are never asked.
"""

from __future__ import annotations

import pytest

from unspun.evaluate.polnear import (
    ERROR_CATEGORIES,
    Article,
    GoldAttribution,
    adjudicated_score,
    agreeing_reference,
    error_category,
    error_table,
    speaker_items,
    stated_genders,
)
from unspun.nlp.pipeline import LanguageAnalysis, LanguageLayer
from unspun.report import Quote, Speaker

TEXT = (
    "Ms. Vera Holm said the port would reopen in May.\n"
    "\"Nothing is decided,\" he said.\n"
    "Democratic strategists said the vote was close.\n"
    "Tom Berg said the budget was fair.\n"
    "\"It will pass,\" he said.\n"
    "Karl Weber said the talks had stalled.\n"
    "Holm campaign aide Peter Sand said the count was fair.\n"
    "Ms. Eva Lind said the vote was late.\n"
    "Mr. Piet Lund said the vote was early.\n"
    "\"We will appeal,\" she said."
)


def span(text: str, start_after: int = 0) -> tuple[int, int]:
    start = TEXT.index(text, start_after)
    return start, start + len(text)


def gold(content: str, source: str, after: int = 0) -> GoldAttribution:
    return GoldAttribution(content=(span(content, after),), cue="said",
                           source=span(source, after))


def predicted(content: str, said: str | None, name: str | None, after: int = 0,
              kind: str = "person") -> Quote:
    start, end = span(content, after)
    speaker = None
    if said is not None:
        s_start, s_end = span(said, after)
        speaker = Speaker(text=said, start=s_start, end=s_end, name=name, kind=kind)
    return Quote(start=start, end=end, text=TEXT[start:end], kind="indirect",
                 speaker=speaker, confidence=0.9)


@pytest.fixture(scope="module")
def scored() -> tuple[Article, LanguageAnalysis]:
    analysis = LanguageLayer().analyze(TEXT, None)
    second = TEXT.index("Tom Berg")
    article = Article("errors", TEXT, [
        gold("the port would reopen in May", "Vera Holm"),
        gold("\"Nothing is decided,\"", "he"),
        gold("the vote was close", "Democratic strategists"),
        gold("the budget was fair", "Tom Berg"),
        gold("\"It will pass,\"", "he", second),
        gold("the talks had stalled", "Karl Weber"),
        gold("the count was fair", "Holm campaign aide Peter Sand"),
        gold("the vote was late", "Eva Lind"),
        gold("the vote was early", "Piet Lund"),
        gold("\"We will appeal,\"", "she"),
    ])
    article.entities = analysis.entities
    article.predicted = [
        predicted("the port would reopen in May", "Vera Holm", "Vera Holm"),  # right
        # "he" after a woman the article calls "Ms.": the reference is in doubt
        predicted("\"Nothing is decided,\"", "he", "Karl Weber"),
        predicted("the vote was close", "Democratic strategists", "Democratic strategists",
                  kind="vague"),
        predicted("the budget was fair", None, None),
        predicted("\"It will pass,\"", "he", "Vera Holm", second),
        predicted("the talks had stalled", "the talks", "the talks", kind="role"),
        # the reference is Holm, a modifier; the head is Peter Sand
        predicted("the count was fair", "Holm campaign aide Peter Sand", "Peter Sand"),
        predicted("the vote was late", "Eva Lind", "Eva Lind"),
        predicted("the vote was early", "Piet Lund", "Piet Lund"),
        # the reference is Piet Lund, a "Mr."; the nearest earlier agreeing source is Eva Lind
        predicted("\"We will appeal,\"", "she", "Eva Lind"),
    ]
    return article, analysis


def test_entities_the_fixture_relies_on(scored: tuple[Article, LanguageAnalysis]) -> None:
    article, _ = scored
    persons = {e.text for e in article.entities if e.label == "PERSON"}
    assert {"Vera Holm", "Tom Berg", "Karl Weber", "Holm", "Peter Sand", "Piet Lund"} <= persons
    assert any(e.text == "Democratic" and e.label == "NORP" for e in article.entities)


def test_each_wrong_speaker_gets_its_category(scored: tuple[Article, LanguageAnalysis]) -> None:
    article, analysis = scored
    genders = stated_genders(article, analysis)
    assert (genders.get("Vera Holm"), genders.get("Piet Lund")) == ("f", "m")
    categories = [
        error_category(item, article, analysis, genders) if not item.right else None
        for item in speaker_items(article)
    ]
    assert categories == [
        None,
        "reference artefact: pronoun's reference clashes",
        "reference artefact: source's name is a modifier",
        "missing speaker",
        "pronoun resolution",
        "nominal/role speaker",
        "reference artefact: source's name is a modifier",
        None,
        None,
        "reference artefact: pronoun's reference clashes",
    ]
    table = error_table([article], [analysis])
    assert table["scored"] == 10  # the NORP-led group is scored as named
    assert sum(sum(c.values()) for c in table["errors"].values()) == 7
    assert set(table["errors"]) == set(ERROR_CATEGORIES)


def test_adjudicated_accuracy_counts_what_each_rule_changed(
    scored: tuple[Article, LanguageAnalysis],
) -> None:
    article, analysis = scored
    result = adjudicated_score([article], [analysis])
    # officially right: Vera Holm, Eva Lind, Piet Lund
    assert (result["official"], result["official_n"]) == (0.3, 10)
    assert result["changed"] == {
        # "Holm campaign aide Peter Sand": the head's person is the reference
        "modifier: the named head": {
            "cases": 1, "wrong_to_right": 1, "right_to_wrong": 0, "left_out": 0},
        # "Democratic strategists": scored on the mention
        "modifier: the mention": {
            "cases": 1, "wrong_to_right": 1, "right_to_wrong": 0, "left_out": 0},
        # "she" after Mr. Piet Lund: Eva Lind, the nearest earlier source that agrees
        "pronoun: an agreeing source": {
            "cases": 1, "wrong_to_right": 1, "right_to_wrong": 0, "left_out": 0},
        # "he" after Ms. Vera Holm, the only source before it
        "pronoun: none agrees": {
            "cases": 1, "wrong_to_right": 0, "right_to_wrong": 0, "left_out": 1},
    }
    assert (result["speaker_accuracy"], result["n"]) == (round(6 / 9, 4), 9)


def test_the_agreeing_reference_of_each_source(scored: tuple[Article, LanguageAnalysis]) -> None:
    article, analysis = scored
    genders = stated_genders(article, analysis)
    references = [agreeing_reference(g, article, genders) for g in article.gold]
    assert references == [
        "Vera Holm",
        None,  # "he" after Ms. Vera Holm, the only source before it: none agrees
        "Democratic",  # named sources keep the official reference, modifiers included
        "Tom Berg",
        "Tom Berg",  # "he" after Tom Berg agrees: the official reference stands
        "Karl Weber",
        "Vera Holm",  # the modifier "Holm", expanded to the fullest name
        "Eva Lind",
        "Piet Lund",
        "Eva Lind",  # "she" after Mr. Piet Lund: the nearest earlier source that agrees
    ]
