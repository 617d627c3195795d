"""Attribution on the failures of the twenty-fourth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning24``): a role written with the body's
name before it ("the Kremlin spokesman") is the person the article gave that very title;
"the deputy minister" and "the former minister" are the holder whose title has those words
anywhere before the office ("Deputy Foreign Minister X", "former health minister X"), and
"the minister" is not one of them; "the doctor" is the person titled "Dr".

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_a_role_after_a_bodys_name_is_its_titled_holder(language: LanguageLayer) -> None:
    text = (
        "Palace rejects lake treaty\n\n"
        "Palace spokesman Andrei Volkhovsky said on Monday that the treaty was dead. "
        "\"There is nothing left to discuss,\" the Palace spokesman said.\n"
    )
    assert said(language, text) == [
        ("that the treaty was dead", "Andrei Volkhovsky", "person"),
        ("\"There is nothing left to discuss,\"", "Andrei Volkhovsky", "role"),
    ]


def test_deputy_and_former_ministers_are_their_own_holders(language: LanguageLayer) -> None:
    text = (
        "Ports deal stalls\n\n"
        "Deputy Transport Minister Pavel Ostrogin said the port would reopen in May. "
        "Fisheries Minister Lidia Zaretskaya said the fleet was ready.\n\n"
        "\"The fleet has waited long enough,\" the minister said.\n\n"
        "\"May is realistic,\" the deputy minister added.\n\n"
        "Meanwhile former energy minister Timur Baikov denied the charges. \"I took nothing,\" "
        "the former minister said.\n"
    )
    assert said(language, text) == [
        ("the port would reopen in May", "Pavel Ostrogin", "person"),
        ("the fleet was ready", "Lidia Zaretskaya", "person"),
        ("\"The fleet has waited long enough,\"", "Lidia Zaretskaya", "role"),
        ("\"May is realistic,\"", "Pavel Ostrogin", "role"),
        ("\"I took nothing,\"", "Timur Baikov", "role"),
    ]


def test_the_doctor_is_the_person_titled_dr(language: LanguageLayer) -> None:
    text = (
        "Clinic fined over scans\n\n"
        "Dr Olena Havryliuk, who runs the scanning unit, said the machines had been "
        "overbooked for a year. The doctor said she had warned the board twice.\n"
    )
    assert said(language, text) == [
        ("the machines had been overbooked for a year", "Olena Havryliuk", "person"),
        ("she had warned the board twice", "Olena Havryliuk", "role"),
    ]

