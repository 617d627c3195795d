"""Attribution on the failures of the fifteenth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning15``): a hyphenated surname is the whole
word, not its last part ("Okafor-Reyes" beside her husband "Daniel Reyes").

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_hyphenated_surname_is_not_its_last_part(language: LanguageLayer) -> None:
    text = (
        "Delgado-Price wins council primary\n\n"
        "Former school principal Maria Delgado-Price won the primary for the city council on "
        "Tuesday with 58 percent of the vote. Her husband, Tom Price, a carpenter, ran her "
        "field operation.\n\n"
        "\"We earned every one of these votes,\" Delgado-Price told supporters.\n"
    )
    assert said(language, text) == [
        ("\"We earned every one of these votes,\"", "Maria Delgado-Price", "person"),
    ]


def test_surname_alone_is_not_found_inside_a_hyphenated_one(language: LanguageLayer) -> None:
    text = (
        "Mayor's race goes to a runoff\n\n"
        "Ines Baptiste-Moreau, a city councilwoman, finished first on Tuesday with 41 "
        "percent. Her brother-in-law, Luc Moreau, ran her field operation.\n\n"
        "\"We earned every one of these votes,\" Baptiste-Moreau told supporters.\n"
    )
    # (the recogniser labels neither "Ines Baptiste-Moreau" nor the surname: the speaker
    # stays as written, and is not the brother-in-law)
    [(quote, name, _kind)] = said(language, text)
    assert quote == "\"We earned every one of these votes,\""
    assert name == "Baptiste-Moreau"
