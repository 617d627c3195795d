"""Attribution on the failures of the sixth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning6``): names that defeat English name
heuristics (a family name first, a surname alone after the full name), a title read
as a name of its own, statements closed by a cue the parse reads as an adverbial clause, a
dateline before an organisation's article, the stop outside a quote's marks, a review's
section label, a non-binary "they", answers under initials, and a subhead's pulled quote.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def said(language: LanguageLayer, text: str, **options: object) -> list[tuple[str, ...]]:
    """(quote, speaker's name, speaker's kind) for each quote of ``text``, spans checked."""
    return [(q.text, q.speaker.name or "", q.speaker.kind or "") if q.speaker else (q.text,)
            for q in quotes_of(language, text, **options)]


def names(language: LanguageLayer, text: str) -> list[str]:
    return [q.speaker.name or "" if q.speaker else "" for q in quotes_of(language, text)]


def test_a_family_name_written_first_names_the_person(language: LanguageLayer) -> None:
    # the recogniser reads "Choi" alone as an organisation
    text = (
        "Seoul taxi drivers protest ride-hailing app\n\n"
        "Choi Dong-hyun, who heads the drivers' association, said the app paid \"less than "
        "the fuel costs\" on short trips. \"We cannot feed our families on this,\" Choi said. "
        "\"The government has to step in.\"\n\n"
        "Mr Choi said the association would rally again next week.\n"
    )
    assert names(language, text) == ["Choi Dong-hyun"] * 4


def test_a_surname_alone_names_the_person_quoted_before_in_full(
    language: LanguageLayer,
) -> None:
    # "Felipe Olave Larraín" is no PERSON entity, nor "Olave"; his speaker is, once resolved
    text = (
        "Copper miners threaten stoppage\n\n"
        "Owners reacted angrily. The president of the Andean Mining Society, Felipe Olave "
        "Larraín, said the levy would \"scare off the investors we need\". \"Peru is next "
        "door and it is open for business,\" Olave said in an interview with Radio Pudahuel.\n"
    )
    assert names(language, text) == ["Felipe Olave Larraín"] * 2
