"""Patterns review 44 found on real news pages, on sentences written for these tests."""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_an_infinitive_with_no_one_saying_it_is_no_cue(language: LanguageLayer) -> None:
    hard = ("Cloud costs are rising fast and even harder to predict how much of a burden they "
            "could become for small firms.")
    assert said(language, hard) == []
    way = "Is there any fair way to say that some teams are smarter than others?"
    assert said(language, way) == []
    # one's own way to say it is one's saying
    own = "Tobias Renn went out of his way to say that the plant would stay open."
    assert said(language, own) == [
        ("that the plant would stay open", "Tobias Renn", "person")]
    # an infinitive whose subject speaks still reports: "quick to say"
    quick = "Ines Marlow was quick to say that the deal was dead."
    assert said(language, quick) == [("that the deal was dead", "Ines Marlow", "person")]


def test_that_as_a_determiner_after_a_participle_opens_no_report(
        language: LanguageLayer) -> None:
    text = "Proof confirming that theory is now easy to find."
    assert said(language, text) == []
    # a complementiser "that" (the sentence has a verb of its own) still reports
    report = ("A report confirming that prices rose sharply was released by the Dunmore "
              "Institute on Monday.")
    assert said(language, report) == [("that prices rose sharply", "A report", "document")]
