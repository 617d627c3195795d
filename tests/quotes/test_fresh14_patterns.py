"""Attribution on the failures of the fourteenth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning14``): a body the story names by its
initials ("the NDRRMC") is the body whose name it wrote out earlier with those initials in
brackets after it; "he" after a quote that opens its sentence is the subject the sentence
before introduced even where the recogniser gave that name no label ("Ghanaian DJ Kwabena
Asante shared ...").

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


def test_he_after_a_quote_is_the_unlabelled_subject_before(language: LanguageLayer) -> None:
    text = (
        "Tributes for a radio pioneer\n\n"
        "The presenter Sade Okonjo wrote on X: \"He taught all of us to speak slowly.\"\n\n"
        "Ghanaian DJ Kwabena Asante shared a video of the pair dancing in a studio in 2011. "
        "\"Rest well, big man,\" he posted on Instagram.\n"
    )
    # ("Kwabena Asante", whom the recogniser leaves unlabelled: the subject the sentence
    # before introduced, not the last one quoted)
    assert said(language, text) == [
        ("\"He taught all of us to speak slowly.\"", "Sade Okonjo", "person"),
        ("\"Rest well, big man,\"", "Kwabena Asante", "person"),
    ]
