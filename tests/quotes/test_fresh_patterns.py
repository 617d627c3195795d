"""Attribution in news styles PolNeAR lacks, on the failures of the fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning``): block quotes after an appositive
introduction, participles that hand over to a quote, Q&A interviews, British titles, wire
and press-release copy, organisations, unnamed speakers.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def said(language: LanguageLayer, text: str, **options: object) -> list[tuple[str, ...]]:
    """(quote, speaker's name, speaker's kind) for each quote of ``text``, spans checked."""
    return [(q.text, q.speaker.name or "", q.speaker.kind or "") if q.speaker else (q.text,)
            for q in quotes_of(language, text, **options)]


def test_according_to_a_role_then_the_name_before_a_colon(language: LanguageLayer) -> None:
    text = (
        "Flood defences are failing, a former official says.\n\n"
        "According to the former deputy minister of the environment (2009 – 2013), now a judge "
        "on the constitutional court, Mira Voss:\n\n"
        "“The embankments were built for the rivers of the last century. Nobody has paid to "
        "raise them since.”\n"
    )
    # the appositive introduction is not what she said
    assert said(language, text) == [
        ("Flood defences are failing", "a former official", "role"),
        ("“The embankments were built for the rivers of the last century. Nobody has paid to "
         "raise them since.”", "Mira Voss", "person"),
    ]


def test_adding_after_a_reported_clause_is_the_reporters_speech(
    language: LanguageLayer,
) -> None:
    text = (
        "Mira Voss said the budget had no reserve for floods, adding: “Nobody planned for a "
        "winter like this one.”"
    )
    assert said(language, text) == [
        ("the budget had no reserve for floods", "Mira Voss", "person"),
        ("“Nobody planned for a winter like this one.”", "Mira Voss", "person"),
    ]


INTERVIEW = (
    "'The glaciers will not come back': a climate scientist on the Alps\n\n"
    "Dr Ada Lindqvist has measured Alpine glaciers for thirty years. She spoke to Piet "
    "Kramer about ice, tourism and water.\n\n"
    "Q: How fast is the ice going?\n"
    "A: Faster every decade. We lost more ice in the last five summers than in the twenty "
    "before them.\n\n"
    "Q: Can anything slow it down?\n"
    "A: Not in our lifetimes. What we can still decide is how much water the valleys will "
    "have in August.\n\n"
    "This interview has been edited for length.\n"
)


def test_interview_answers_are_the_interviewees(language: LanguageLayer) -> None:
    # the questions are the interviewer's, not quotes of the interviewee
    assert said(language, INTERVIEW) == [
        ("Faster every decade. We lost more ice in the last five summers than in the twenty "
         "before them.", "Ada Lindqvist", "person"),
        ("Not in our lifetimes. What we can still decide is how much water the valleys will "
         "have in August.", "Ada Lindqvist", "person"),
    ]


def test_a_single_question_makes_no_interview(language: LanguageLayer) -> None:
    text = "Dr Ada Lindqvist spoke at the meeting.\n\nQ: Why now?\nA: Because the ice is going.\n"
    assert said(language, text) == []
