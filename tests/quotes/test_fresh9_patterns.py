"""Attribution on the failures of the ninth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning9``): "she added" after "the
spokesperson said"; "the executive said" after an executive who asked not to be named.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_she_added_after_the_spokesperson_is_the_spokesperson(
    language: LanguageLayer,
) -> None:
    text = (
        "Refuse collectors strike in Leeds\n\n"
        "Collector Janet Hurst said she could not pay her bills. \"It is hopeless,\" "
        "she said.\n\n"
        "A spokesperson for Binline Services said the offer was fair. \"We want a deal,\" "
        "the spokesperson said.\n\n"
        "\"Talks can resume on Monday,\" she added.\n"
    )
    found = [q for q in said(language, text) if q[0].startswith("\"Talks")]
    assert [(q[0], q[2]) for q in found] == [("\"Talks can resume on Monday,\"", "role")]


def test_the_executive_after_an_anonymous_executive_stays_anonymous(
    language: LanguageLayer,
) -> None:
    text = (
        "Airlines cut routes to the island\n\n"
        "An airline executive, who asked not to be named, said bookings had halved. \"We "
        "cannot fly empty planes,\" the executive said.\n"
    )
    found = [q for q in said(language, text) if q[0].startswith("\"")]
    assert [(q[0], q[2]) for q in found] == [("\"We cannot fly empty planes,\"", "anonymous")]
