"""Attribution on the findings of code reviews of the rules for issue 26: a wire agency
credited in a dateline ("WASHINGTON (AP) —") is not a definition of its initials, and a body
whose entity swallowed the bracket after it still spells its initials out; a count out of a
lot ("Both of the companies") matches the lot's head noun only; a religious order is a body,
a court's order a text; a paragraph in single marks quotes only after a colon; a titled
relative is the one last made a subject; a speaker's own "I told you" keeps a speech running
on; glosses in other languages, asides in brackets, "too soon to say", spokespeople named
after the one they speak for, and a report within a report.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_dateline_credit_is_no_definition_of_initials(language: LanguageLayer) -> None:
    text = (
        "WASHINGTON (AP) — The state election board certified the county vote on Tuesday "
        "after a week of recounts.\n\n"
        "\"Every ballot has been counted twice,\" AP said.\n"
    )
    assert said(language, text) == [
        ("\"Every ballot has been counted twice,\"", "AP", "organisation"),
    ]


def test_initials_spelt_out_after_a_dateline_credit(language: LanguageLayer) -> None:
    text = (
        "WASHINGTON (AP) — The state election board certified the county vote on Tuesday, "
        "The Associated Press (AP) has learned.\n\n"
        "\"Every ballot has been counted twice,\" the AP said.\n"
    )
    assert said(language, text) == [
        ("\"Every ballot has been counted twice,\"", "Associated Press", "organisation"),
    ]


def test_spelt_out_skips_datelines_and_swallowed_brackets() -> None:
    from unspun.quotes.speakers import spelt_out

    text = ("NEW DELHI (ANI): The council met. The Ministry of Health and Welfare (MOHW) "
            "spoke, and so did the Institute for Fiscal Studies (IFS).\n\n"
            "Later the Asian News International (ANI) agency said so.")
    names = ["NEW DELHI", "The Ministry of Health and Welfare (",
             "the Institute for Fiscal Studies (IFS", "Asian News International"]
    assert spelt_out("ANI", names[:1], text) == "ANI"
    assert spelt_out("The MOHW", names, text) == "Ministry of Health and Welfare"
    assert spelt_out("the IFS", names, text) == "Institute for Fiscal Studies"
    assert spelt_out("ANI", names, text) == "Asian News International"
    # of two definitions, the last before the mention
    twice = "the Alpine Nursing Institute (ANI) and then the Asian News International (ANI)"
    fulls = ["Alpine Nursing Institute", "Asian News International"]
    assert spelt_out("ANI", fulls, twice, at=len("the Alpine Nursing Institute (ANI) and")) \
        == "Alpine Nursing Institute"
    assert spelt_out("ANI", fulls, twice, at=len(twice)) == "Asian News International"


def test_count_of_a_lot_is_the_head_noun_only(language: LanguageLayer) -> None:
    text = (
        "Grain merger stalls\n\n"
        "The merger talks between Halvard Grain and Ostmark Milling have stalled, according "
        "to people with knowledge of the companies.\n\n"
        "The two firms had hoped to agree terms by the end of the month.\n\n"
        "Both of the companies said in statements that talks were continuing.\n\n"
        "One of the people said that the price was the sticking point.\n"
    )
    assert said(language, text) == [
        ("The merger talks between Halvard Grain and Ostmark Milling have stalled",
         "people with knowledge of the companies", "anonymous"),
        ("that talks were continuing", "Both of the companies", "role"),
        ("that the price was the sticking point", "One of the people", "anonymous"),
    ]


def test_a_religious_order_is_a_body_and_a_courts_order_a_text(
        language: LanguageLayer) -> None:
    text = (
        "The Sisters of Charity ran the orphanage until 1987. The order said it was helping "
        "the inquiry.\n\n"
        "The Benedictine order said in a statement that its archives were open.\n\n"
        "A judge granted the injunction on Monday. The order said the plant must stop its "
        "discharges.\n\n"
        "The emergency order says that all boats must stay in port.\n"
    )
    assert said(language, text) == [
        ("it was helping the inquiry", "The order", "organisation"),
        ("that its archives were open", "The Benedictine order", "organisation"),
        ("the plant must stop its discharges", "The order", "document"),
        ("that all boats must stay in port", "The emergency order", "document"),
    ]


def test_a_paragraph_in_single_marks_quotes_only_after_a_colon(
        language: LanguageLayer) -> None:
    text = (
        "'Crews pull dozens from the river as the storm finally passes!'\n\n"
        "\"We were frightened,\" said Mira Osei, who keeps the village shop.\n\n"
        "'In forty years of keeping sheep here I have not seen water come up so fast.'\n\n"
        "The poem starts with a line that every pupil in the county learns.\n\n"
        "'The river keeps its counsel and the hills keep all the rest of it.'\n\n"
        "Our rural affairs reporter Dan Pike writes:\n\n"
        "'The valley has flooded three times in ten years, and the new bank is still "
        "unfunded.'\n"
    )
    assert said(language, text) == [
        ("\"We were frightened,\"", "Mira Osei", "person"),
        ("'The valley has flooded three times in ten years, and the new bank is still "
         "unfunded.'", "Dan Pike", "person"),
    ]


def test_a_titled_relative_is_the_last_made_a_subject(language: LanguageLayer) -> None:
    text = ("Officers arrested Karen Hill, 41, on Monday. Her ex-husband, Robin Hill, has "
            "custody of their son. \"I am innocent,\" Ms Hill told the court.\n\n"
            "The economist John Smith often quotes Adam Smith. \"Markets correct "
            "themselves,\" Mr Smith said.\n")
    # "ex-husband" states a man whatever "Robin" usually is; a namesake quoted is no subject
    assert said(language, text) == [
        ("\"I am innocent,\"", "Karen Hill", "person"),
        ("\"Markets correct themselves,\"", "John Smith", "person")]


def test_a_speaker_s_own_told_inside_a_run_on_quote(language: LanguageLayer) -> None:
    text = ("\"Last year I told you that “the worst is behind us,” and I was wrong.\n\n"
            "\"I am sorry,\" the governor said.\n\n"
            "\"When I was a boy, my grandmother said to me: “Never give up.” I have carried "
            "those words ever since.\n\n\"And I carry them now,\" the governor said.\n")
    # one speech running on, not "the worst is behind us" alone nor the writer's words, and
    # its speaker is the one the next paragraph's cue names
    assert said(language, text) == [
        ("\"Last year I told you that “the worst is behind us,” and I was wrong.",
         "the governor", "role"),
        ("\"I am sorry,\"", "the governor", "role"),
        ("\"When I was a boy, my grandmother said to me: “Never give up.” I have carried "
         "those words ever since.", "the governor", "role"),
        ("\"And I carry them now,\"", "the governor", "role")]


def test_glosses_in_other_languages_and_asides(language: LanguageLayer) -> None:
    text = ("\"We will not accept this,\" said (sagte) Chancellor Helmut Brandt in Berlin.\n\n"
            "It is too soon to say whether the outbreak has peaked.\n\n"
            "A spokesman for the governor, Rich Dalton, said the bill would be signed.\n\n"
            "Ada Lind told friends she trusted that the judge would be fair.\n")
    assert said(language, text) == [
        ("\"We will not accept this,\"", "Helmut Brandt", "person"),
        ("the bill would be signed", "Rich Dalton", "person"),
        ("she trusted that the judge would be fair", "Ada Lind", "person")]
