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


def test_names_the_recogniser_read_as_organisations_are_people() -> None:
    from unspun.quotes.speakers import named_entities
    from unspun.report import Entity

    text = "Rt Hon Daniel Kerr met Samuel Okoro and Councillor Ann Bry; Okoro left the Home Office."
    labels = [("Rt Hon Daniel Kerr", "ORG"), ("Samuel Okoro", "PERSON"),
              ("Councillor Ann Bry", "ORG"), ("Okoro", "GPE"), ("the Home Office", "ORG")]
    entities = [Entity(start=(s := text.rindex(name)), end=s + len(name), text=name,
                       label=label, sentence=0) for name, label in labels]  # type: ignore[arg-type]
    named = named_entities(entities)
    assert [(e.text, e.label) for e in named] == [
        ("Daniel Kerr", "PERSON"), ("Samuel Okoro", "PERSON"), ("Ann Bry", "PERSON"),
        ("Okoro", "PERSON"), ("the Home Office", "ORG"),
    ]
    assert all(text[e.start:e.end] == e.text for e in named)


def test_a_councillor_is_a_person_and_she_is_her(language: LanguageLayer) -> None:
    text = (
        "By Colm Reddan\n\n"
        "Councillor Mairead Nolan, who led the campaign against the scheme, told me she still "
        "thinks it was rushed. “The consultation was a box-ticking exercise,” she said.\n"
    )
    # not the byline's writer
    assert said(language, text, author="Colm Reddan") == [
        ("she still thinks it was rushed", "Mairead Nolan", "person"),
        ("“The consultation was a box-ticking exercise,”", "Mairead Nolan", "person"),
    ]
