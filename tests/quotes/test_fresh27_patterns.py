"""Attribution on the failures of the twenty-seventh fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning27``): Asian and African agency copy, in
English or translated from French and Portuguese, reports speech with verbs and openings
English-born copy rarely uses ("the minister specified that", "he affirmed", "For the
economist X, ...").

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_specified_that_reports_its_clause(language: LanguageLayer) -> None:
    text = (
        "The Minister of Health, Ibrahima Sow Faye, specified that the new regional hospital "
        "would open its doors in March.\n"
    )
    assert said(language, text) == [
        ("that the new regional hospital would open its doors in March", "Ibrahima Sow Faye",
         "person"),
    ]


def test_affirmed_closes_a_direct_quote(language: LanguageLayer) -> None:
    text = (
        "The mayor of the commune, Awa Ndiaye, visited the market on Tuesday.\n\n"
        "\"No trader will be moved before the new stalls are ready,\" Ms Ndiaye affirmed.\n"
    )
    assert said(language, text) == [
        ("\"No trader will be moved before the new stalls are ready,\"", "Awa Ndiaye",
         "person"),
    ]
