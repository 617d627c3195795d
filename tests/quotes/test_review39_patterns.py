"""Who said what, on the failures a real-page audit (review 39) found, in the audit's own
invented sentences: every assertion on a span checks ``text[start:end]``."""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_a_title_before_its_credit_is_no_quote_and_no_part_of_the_speaker(
        language: LanguageLayer) -> None:
    text = ("\"Harbor Lights\" director Mina Cho said the film took six years. Cho told "
            "\"Morning Desk\" host Tim Grant, \"Because nobody would fund it.\"\n\n"
            "But “Night Shift” actress Ada Lutz said the prize changed nothing.\n")
    quotes = quotes_of(language, text)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("the film took six years", "Mina Cho"),
        ("\"Because nobody would fund it.\"", "Mina Cho"),
        ("the prize changed nothing", "Ada Lutz"),
    ]
    first, _told, last = quotes
    assert first.speaker is not None and first.speaker.start is not None
    assert text[first.speaker.start:first.speaker.end] == "director Mina Cho"
    assert last.speaker is not None and last.speaker.start is not None
    assert text[last.speaker.start:last.speaker.end] == "actress Ada Lutz"


def test_a_nickname_in_quotes_stays_in_the_speaker(language: LanguageLayer) -> None:
    text = "Tyler \"Vox\" Hammond said the team had trained all summer."
    quotes = quotes_of(language, text)
    reported = [q for q in quotes if q.text == "the team had trained all summer"]
    assert len(reported) == 1
    speaker = reported[0].speaker
    assert speaker is not None and speaker.start == 0
    assert text[speaker.start:speaker.end] == "Tyler \"Vox\" Hammond"
    assert speaker.name == "Tyler \"Vox\" Hammond"


@pytest.mark.xfail(strict=True, reason="the nickname is read as a direct quote and the "
                   "nicknamed man as a role (review 42)")
def test_a_nickname_in_quotes_is_no_quote_and_its_bearer_a_person(
        language: LanguageLayer) -> None:
    text = "Tyler \"Vox\" Hammond said the team had trained all summer."
    assert said(language, text) == [
        ("the team had trained all summer", "Tyler \"Vox\" Hammond", "person")]
