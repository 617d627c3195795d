"""Analyzer.memory_zone: a long-running worker's spaCy vocabulary stops growing."""

from __future__ import annotations

import contextlib

from unspun.analyzer import Analyzer

TEXT = (
    "Zorblaxian officials said on Monday that the Quuxington plan would fail within a year.\n"
    "\"It is a reckless gamble with public money,\" said Marta Vinterberg, the opposition"
    " leader, who has fought the scheme since it was first proposed in the spring.\n"
    "The ministry said the works would start in March and cost about 40 million euros."
)


def test_before_spacy_loads_there_is_nothing_to_scope() -> None:
    assert isinstance(Analyzer(layers="sentences").memory_zone(), contextlib.nullcontext)


def test_words_met_inside_the_zone_are_forgotten_and_reports_unchanged() -> None:
    analyzer = Analyzer(layers="sentences,entities,dates,quotes").load()
    strings = analyzer.language.nlp.vocab.strings
    with analyzer.memory_zone():
        inside = analyzer.analyze(TEXT)
        assert "Quuxington" in strings
    assert "Quuxington" not in strings
    outside = analyzer.analyze(TEXT)
    assert "Quuxington" in strings
    assert inside.quotes and inside.entities
    assert inside.model_dump() == outside.model_dump()
