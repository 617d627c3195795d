"""Attribution on the failures of the twenty-sixth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning26``): state media, Thai and Brazilian
politics, war bloggers' Telegram channels.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_a_police_rank_before_a_name_is_no_part_of_it(language: LanguageLayer) -> None:
    text = (
        "Pol Gen Somchai Rakdee took over the force on Monday.\n\n"
        '"Every officer will wear a body camera by June," Pol Gen Somchai said.\n'
    )
    assert said(language, text) == [
        ('"Every officer will wear a body camera by June,"', "Somchai Rakdee", "person"),
    ]


def test_a_name_with_a_nickname_in_brackets_keeps_its_surname(
        language: LanguageLayer) -> None:
    text = (
        "The opposition leader, Wiroj (Bank) Kaewmanee, met farmers in Khon Kaen on "
        "Saturday.\n\n"
        '"The rice price has fallen for three seasons in a row," Mr Wiroj told them.\n'
    )
    quotes = said(language, text)
    assert len(quotes) == 1
    assert quotes[0][0] == '"The rice price has fallen for three seasons in a row,"'
    assert quotes[0][1].endswith("Kaewmanee") and quotes[0][2] == "person"
