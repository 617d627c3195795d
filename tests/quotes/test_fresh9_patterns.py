"""Attribution on the failures of the ninth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning9``): a newsletter's bulleted label
before a colon ("- Ana Ruiz, a planner: "..."", "Sen. Ana Ruiz (D-Ore.): "..."") and a
possessive lead-in ("His last word: "...""); "she added" after "the spokesperson said";
"the executive said" after an executive who asked not to be named; "the crowd" chanting as
vague.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def said(language: LanguageLayer, text: str) -> list[tuple[str, ...]]:
    """(quote, speaker's name, speaker's kind) for each quote of ``text``, spans checked."""
    return [(q.text, q.speaker.name or "", q.speaker.kind or "") if q.speaker else (q.text,)
            for q in quotes_of(language, text)]


def test_a_bulleted_label_before_a_colon_names_the_speaker(language: LanguageLayer) -> None:
    text = (
        "Scoop: City weighs a tax on empty shops\n\n"
        "The city council is considering a levy on shops left empty for a year, aides say.\n\n"
        "What they're saying:\n\n"
        "- Gloria Esteban, head of the Main Street Traders: \"Landlords will pass this on. "
        "They always do.\"\n"
        "- Councilman Peter Okafor (D-Ward 3): \"An empty shop is a tax on everyone "
        "around it.\"\n"
    )
    found = [q for q in said(language, text) if q[0].startswith("\"")]
    assert [(q[0], q[1]) for q in found] == [
        ("\"Landlords will pass this on. They always do.\"", "Gloria Esteban"),
        ("\"An empty shop is a tax on everyone around it.\"", "Peter Okafor"),
    ]


def test_a_possessive_label_before_a_colon_is_the_persons(language: LanguageLayer) -> None:
    text = (
        "Keep your roses blooming\n\n"
        "\"Deadhead every week and they will keep coming,\" says Moira Blake, who has run a "
        "rose nursery in Kent for thirty years.\n\n"
        "Blake feeds her plants once a month. Her last word: \"Never prune in a frost. "
        "You will lose the whole stem.\"\n"
    )
    found = [q for q in said(language, text) if q[0].startswith("\"Never")]
    assert [(q[0], q[1]) for q in found] == [
        ("\"Never prune in a frost. You will lose the whole stem.\"", "Moira Blake"),
    ]


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


def test_the_crowd_chanting_is_vague(language: LanguageLayer) -> None:
    text = (
        "Teachers march on the capital\n\n"
        "Thousands of teachers marched to the ministry on Saturday.\n\n"
        "\"Fund our schools! Fund our schools!\" chanted the crowd as it reached the gates.\n"
    )
    found = [q for q in said(language, text) if q[0].startswith("\"")]
    assert [(q[0], q[2]) for q in found] == [
        ("\"Fund our schools! Fund our schools!\"", "vague"),
    ]
