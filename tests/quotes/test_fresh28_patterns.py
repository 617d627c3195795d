"""Who said what in Nigerian Senate plenary copy (the tuning28 set's style): every text is
written for these tests."""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_a_senator_s_constituency_in_brackets_is_no_part_of_the_name(
        language: LanguageLayer) -> None:
    # the recogniser spans only the given name; "Sen." opens the name as "Senator" does
    text = ("Sen. Bukola Adedeji Oyelaran (Oyo Central) said the factories in his district "
            "employed more than 4,000 people.")
    (content, name, kind), = said(language, text)
    assert content.startswith("the factories in his district")
    assert (name, kind) == ("Bukola Adedeji Oyelaran", "person")
