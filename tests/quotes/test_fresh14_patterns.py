"""Attribution on the failures of the fourteenth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning14``): a body the story names by its
initials ("the NDRRMC") is the body whose name it wrote out earlier with those initials in
brackets after it.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_initials_are_the_body_written_out_before(language: LanguageLayer) -> None:
    text = (
        "Regulator fines Dunmore Bank\n\n"
        "The Prudential Regulation Authority fined Dunmore Bank 2 million pounds on Monday. "
        "\"The bank ignored our warnings for three years,\" the PRA said.\n\n"
        "The Coastal Flood Response Agency (CFRA) opened two shelters overnight. \"Both are "
        "already full,\" the CFRA said.\n\n"
        "\"We will help where we can,\" the UN said.\n"
    )
    # (initials the article never defines stay as written, as PolNeAR's references keep
    # "the AP" after "the Associated Press")
    assert said(language, text) == [
        ("\"The bank ignored our warnings for three years,\"", "PRA", "organisation"),
        ("\"Both are already full,\"", "Coastal Flood Response Agency", "organisation"),
        ("\"We will help where we can,\"", "UN", "organisation"),
    ]


def test_spelt_out_only_initials_defined_in_brackets() -> None:
    from unspun.quotes.speakers import spelt_out

    names = ["Department of Social Welfare and Development", "Associated Press", "BBC"]
    text = "the Department of Social Welfare and Development (DSWD) and the Associated Press"
    assert spelt_out("the DSWD", names, text) == "Department of Social Welfare and Development"
    assert spelt_out("AP", names, text) == "AP"
    assert spelt_out("BBC", names, text) == "BBC"
    assert spelt_out("Nestle", names, text) == "Nestle"

