"""Attribution on the failures of the fifteenth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning15``): a hyphenated surname is the whole
word, not its last part ("Okafor-Reyes" beside her husband "Daniel Reyes"); "Mr X" or "Ms X"
where several people the story names share the surname X is the last of them it named in
full whose gender fits the honorific; a body's name in apposition ("The buyer, Thornfield
Capital, said") speaks as the body, whatever the kind before it.

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


def test_honorific_and_shared_surname_is_the_last_named_of_that_gender(
        language: LanguageLayer) -> None:
    text = (
        "Bakery family split over sale\n\n"
        "Margaret Ashdown founded the bakery in 1979. Her son, Philip Ashdown, now runs it and "
        "wants to sell.\n\n"
        "\"The offer is fair,\" Mr Ashdown said.\n\n"
        "His sister, Claire Ashdown, who bakes the bread, is against it. \"We would be a name "
        "on a van,\" Ms Ashdown said.\n"
    )
    # (the surname alone with an honorific is not the first Ashdown the story named)
    assert said(language, text) == [
        ("\"The offer is fair,\"", "Philip Ashdown", "person"),
        ("\"We would be a name on a van,\"", "Claire Ashdown", "person"),
    ]


def test_a_titled_surname_needs_relatives_to_choose_from() -> None:
    from unspun.quotes.names import relative_meant
    from unspun.report import Entity

    philip = Entity(start=0, end=14, text="Philip Ashdown", label="PERSON", sentence=0)
    claire = Entity(start=20, end=34, text="Claire Ashdown", label="PERSON", sentence=0)
    # one relative of the title's gender: hers, whatever the rules had found
    assert relative_meant("Ms Ashdown", 40, "Philip Ashdown", [philip]) == "Philip Ashdown"
    assert relative_meant("Ms Ashdown", 40, "Philip Ashdown", [philip, claire]) == (
        "Claire Ashdown")
    assert relative_meant("Mr Ashdown", 40, "Claire Ashdown", [philip, claire]) == (
        "Philip Ashdown")
    # no title, or no relative of the title's gender named before: the resolution stands
    assert relative_meant("Ashdown", 40, "Claire Ashdown", [philip, claire]) == (
        "Claire Ashdown")
    assert relative_meant("Mr Ashdown", 40, "Claire Ashdown", [claire]) == "Claire Ashdown"


def test_body_named_in_apposition_after_any_kind(language: LanguageLayer) -> None:
    text = (
        "Buyer walks away from Fenwick Mills\n\n"
        "The textile maker had hoped to close the sale by June. The buyer, Larchmont "
        "Capital, said in a statement that it \"could not agree terms on the pension scheme\".\n"
    )
    # (a body's name in apposition speaks as the body, though "buyer" names no kind of body)
    assert said(language, text) == [
        ("\"could not agree terms on the pension scheme\"", "Larchmont Capital",
         "organisation"),
    ]
