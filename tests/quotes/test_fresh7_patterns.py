"""Attribution on the failures of the seventh fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning7``): a speaker named only in the sentence
after the quote ("That was the verdict of X", "So says X", "That is X's promise"), a summit's
delegation and a police force ("the force added") as organisations, and one more of an
anonymous lot ("one of them", "a second person") as anonymous.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def said(language: LanguageLayer, text: str) -> list[tuple[str, ...]]:
    """(quote, speaker's name, speaker's kind) for each quote of ``text``, spans checked."""
    return [(q.text, q.speaker.name or "", q.speaker.kind or "") if q.speaker else (q.text,)
            for q in quotes_of(language, text)]


def test_a_delegation_and_a_police_force_are_organisations(language: LanguageLayer) -> None:
    text = (
        "Ocean treaty talks\n\n"
        "The Chilean delegation said a new draft would be ready on Friday. \"We are close,\" "
        "the delegation said in a statement.\n\n"
        "Kent Police said officers were called to the harbour at 6am. The force said a man "
        "had been arrested.\n"
    )
    found = said(language, text)
    assert [q[2] for q in found] == ["organisation"] * 4
    assert [q[1] for q in found][2:] == ["Kent Police", "Kent Police"]
