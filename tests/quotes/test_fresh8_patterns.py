"""Attribution on the failures of the eighth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning8``): a quote set apart with its speaker
credited on the line under it ("— Jane Doe, nurse"); the writers of a text ("the signatories
write", "the study's authors write") as a document; "As X once put it, "...""; a role with a
modifier stated beside a name ("the first author") and "the judge" after "Mr Justice X"; a
body's name in apposition after its kind ("The regulator, Ofwat, said"); a hearing's
transcript turns under a member's surname ("KELLER: How many ...?"); the answer to the
writer's question ("I ask him whether ...", then a paragraph of nothing but a quote); a
one-word name after "a teacher from" as a place, no pronoun's person; "who asked that her
surname not be used" as no statement; the lede's unnamed person named in the next paragraph
with an age ("A lifeguard said ..." then "Hannah Coyle, 24, was ...", "the lifeguard" later
too), and a dateline that
is no subject beside it ("BRIGHTON — A volunteer lifeguard said").

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_a_credit_line_under_a_quote_names_its_speaker(language: LanguageLayer) -> None:
    text = (
        "Bus routes to be cut in spring\n\n"
        "The transport authority said it would withdraw six rural routes in April. Its "
        "director, Helen Marsh, said the routes carried fewer than ten people a day.\n\n"
        "Voices from the villages\n\n"
        "\"The bus is how I get to the doctor. There is no other way for me.\"\n"
        "— Walter Brennan, retired farmer\n\n"
        "\"Half my pupils arrive on the number 12 and I do not know how they will come.\"\n"
        "— Aisha Karim, head teacher at Dunmore Primary\n"
    )
    found = [(q[0], q[1]) for q in said(language, text) if q[0].startswith("\"")]
    assert found == [
        ("\"The bus is how I get to the doctor. There is no other way for me.\"",
         "Walter Brennan"),
        ("\"Half my pupils arrive on the number 12 and I do not know how they will come.\"",
         "Aisha Karim"),
    ]


def test_a_pull_quote_goes_to_its_credit_not_the_last_speaker(
    language: LanguageLayer,
) -> None:
    # the quote paragraph repeats an earlier quote; the speaker quoted just before is
    # another person, and the credit under it says whose it is
    text = (
        "Pool to close for repairs\n\n"
        "\"We cannot let children swim under a cracked roof,\" said Gareth Lowe, who chairs "
        "the leisure trust.\n\n"
        "Councillor Ruth Adair said the closure was regrettable. \"We will find the money,\" "
        "she said.\n\n"
        "\"We cannot let children swim under a cracked roof.\"\n"
        "— Gareth Lowe, chair of the leisure trust\n"
    )
    assert said(language, text)[-1][:2] == (
        "\"We cannot let children swim under a cracked roof.\"", "Gareth Lowe")


def test_a_dialogue_turn_after_a_quote_is_no_credit(language: LanguageLayer) -> None:
    # a dash line with a cue in it is a turn of dialogue, not a credit of the quote above
    text = (
        "\"Are you coming to the meeting?\"\n"
        "– Maybe, Anna Berg said.\n"
    )
    assert said(language, text) == [
        ("\"Are you coming to the meeting?\"",), ("Maybe", "Anna Berg", "person")]


def test_the_writers_of_a_text_speak_through_it(language: LanguageLayer) -> None:
    text = (
        "Ecologists call for a ban on peat sales\n\n"
        "Ninety ecologists have signed a letter to the environment secretary. \"Every bag "
        "of peat compost is a piece of a bog that took a thousand years to grow,\" the "
        "signatories write.\n\n"
        "A separate study of lowland bogs found that most had shrunk since 1990. \"Drainage "
        "remains the main cause of loss,\" the study's authors write.\n\n"
        "Some authors of earlier studies disagreed. \"The decline has slowed,\" said one, "
        "Dr Nina Holt.\n"
    )
    kinds = {q[0][:20]: q[2] for q in said(language, text) if len(q) > 1}
    assert kinds["\"Every bag of peat c"] == "document"
    assert kinds["\"Drainage remains th"] == "document"
    assert kinds["\"The decline has slo"] == "person"


def test_as_someone_put_it_before_a_quote_names_its_speaker(language: LanguageLayer) -> None:
    text = (
        "Ferry service restored\n\n"
        "The crossing was closed for six weeks. As harbour master Fiona Grant put it, "
        "\"Every day without the boat is a day the island shrinks.\"\n\n"
        "Repairs ran late. As one islander phrased it, \"We learned to bake our own bread.\"\n\n"
        "As the boat came in, \"Here she is!\" shouted a child on the pier.\n"
    )
    found = said(language, text)
    assert found[0][:2] == (
        "\"Every day without the boat is a day the island shrinks.\"", "Fiona Grant")
    assert found[1] == ("\"We learned to bake our own bread.\"", "one islander", "vague")


def test_a_role_with_a_modifier_is_the_person_it_was_stated_of(
    language: LanguageLayer,
) -> None:
    text = (
        "Vaccine trial shows lasting protection\n\n"
        "The study's first author, Dr Lena Brooks, said the protection lasted three years. "
        "Its senior author, Prof Adam Cole, said a booster might not be needed.\n\n"
        "\"We expected it to fade much sooner,\" the first author said.\n\n"
        "\"The next step is a trial in older adults,\" the senior author said.\n\n"
        "\"Nobody has checked the cost yet,\" the corresponding author said.\n"
    )
    found = {q[0]: q[1] for q in said(language, text) if len(q) > 1}
    assert found["\"We expected it to fade much sooner,\""] == "Lena Brooks"
    assert found["\"The next step is a trial in older adults,\""] == "Adam Cole"
    # nobody was called the corresponding author: the role stays unresolved
    assert found["\"Nobody has checked the cost yet,\""] == "the corresponding author"


def test_the_judge_is_the_justice_named(language: LanguageLayer) -> None:
    text = (
        "Landlord jailed for fire safety breaches\n\n"
        "Mrs Justice Okonjo told the court that the landlord had ignored four warnings. "
        "\"You gambled with your tenants' lives to save money,\" the judge said.\n"
    )
    assert said(language, text)[-1][:2] == (
        "\"You gambled with your tenants' lives to save money,\"", "Okonjo")


def test_a_body_s_name_in_apposition_after_its_kind(language: LanguageLayer) -> None:
    text = (
        "Rail fares to rise by 5 per cent\n\n"
        "The regulator, the Office of Rail and Road, said on Tuesday that it would review "
        "the increase.\n\n"
        "The union, Unite, said its members would ballot for strikes.\n\n"
        "The operator's spokesman, Tom Reed, said nothing had been decided.\n"
    )
    found = [q[1:] for q in said(language, text)]
    assert found == [("the Office of Rail and Road", "organisation"), ("Unite", "organisation"),
                     ("Tom Reed", "person")]


HEARING = (
    "Ferry operator questioned over cancellations\n\n"
    "Mark Dunlop, chief executive of Island Links, told the transport committee that "
    "the ferries were older than any in Europe.\n\n"
    "Senator Joan Keller pressed him on the cancellations. The exchange ran:\n\n"
    "KELLER: How many sailings did you cancel in August?\n\n"
    "DUNLOP: Around four hundred. Most were for repairs.\n\n"
    "KELLER: And how many of those repairs were planned?\n\n"
    "DUNLOP: Fewer than we would like.\n"
)


def test_a_hearing_s_member_questions_on_the_record(language: LanguageLayer) -> None:
    assert [q[:2] for q in said(language, HEARING)][-4:] == [
        ("How many sailings did you cancel in August?", "Joan Keller"),
        ("Around four hundred. Most were for repairs.", "Mark Dunlop"),
        ("And how many of those repairs were planned?", "Joan Keller"),
        ("Fewer than we would like.", "Mark Dunlop"),
    ]


def test_an_interviewer_without_an_office_asks_no_quotes(language: LanguageLayer) -> None:
    text = HEARING.replace("Senator Joan Keller pressed him", "Joan Keller asked him")
    assert [q[1] for q in said(language, text) if len(q) > 1][-2:] == [
        "Mark Dunlop", "Mark Dunlop"]
    assert not any(q[0].startswith("How many sailings") for q in said(language, text))


def test_the_answer_to_the_writer_s_question_is_the_person_asked(
    language: LanguageLayer,
) -> None:
    text = (
        "The clockmaker of Ludlow\n\n"
        "By Anna Reyes\n\n"
        "Peter Vance has mended clocks in the same shop for forty years. His grandson, "
        "Leo, helps on Saturdays.\n\n"
        "I ask him whether he ever tires of the ticking. He shakes his head.\n\n"
        "\"It is the silence that would drive me mad. A shop full of stopped clocks.\"\n"
    )
    found = said(language, text, author="Anna Reyes")
    assert found[-1][:2] == (
        "\"It is the silence that would drive me mad. A shop full of stopped clocks.\"",
        "Peter Vance")


def test_a_name_after_a_person_from_is_a_place(language: LanguageLayer) -> None:
    text = (
        "Forge to close after 70 years\n\n"
        "Mrs Kearney says a retired teacher from Loughrea has offered to take the forge on. "
        "\"I might let him have the anvil,\" says she. \"The hammers stay with me.\"\n"
    )
    assert [q[1] for q in said(language, text) if len(q) > 1] == ["Kearney"] * 3


def test_a_request_to_stay_unnamed_reports_nothing(language: LanguageLayer) -> None:
    text = (
        "\"We lost the barn and both tractors,\" said Maeve, a dairy farmer who asked that "
        "her surname not be used. Her neighbour, who asked that his name be withheld, said "
        "the fire had moved faster than anyone expected.\n"
    )
    assert [q[0] for q in said(language, text)] == [
        "\"We lost the barn and both tractors,\"",
        "the fire had moved faster than anyone expected",
    ]


LEDE = (
    "Lifeguard praised for sea rescue\n\n"
    "A volunteer lifeguard said on Sunday that she had swum out twice before "
    "she reached the two boys.\n\n"
    "Hannah Coyle, 24, was on her first summer at the West Pier station.\n"
)


def test_the_lede_s_unnamed_person_is_the_one_named_next_with_an_age(
    language: LanguageLayer,
) -> None:
    assert said(language, LEDE)[0] == (
        "that she had swum out twice before she reached the two boys", "Hannah Coyle", "role")


def test_the_lede_s_person_stays_unnamed_without_an_age(language: LanguageLayer) -> None:
    # a name with no age may be anyone else the story brings in
    text = LEDE.replace("Hannah Coyle, 24, was", "Hannah Coyle was")
    assert said(language, text)[0][1] == "A volunteer lifeguard"


def test_a_dateline_is_no_subject_beside_an_unnamed_role(language: LanguageLayer) -> None:
    text = (
        "Lifeguard praised for rescue\n\n"
        "BRIGHTON — A volunteer lifeguard said on Sunday that she had swum out twice before "
        "she reached the boys.\n"
    )
    assert said(language, text) == [
        ("that she had swum out twice before she reached the boys", "A volunteer lifeguard",
         "role")]


def test_the_lede_s_role_later_is_the_person_named_with_an_age(
    language: LanguageLayer,
) -> None:
    text = LEDE + (
        "\n\"The water was colder than I expected,\" the lifeguard said. Her coach, Sam "
        "Ives, said she had trained for this.\n\n"
        "\"She did everything right,\" the coach said.\n"
    )
    found = {q[0]: q[1] for q in said(language, text) if len(q) > 1}
    assert found["\"The water was colder than I expected,\""] == "Hannah Coyle"
    # the coach is no role of the lede's
    assert found["\"She did everything right,\""] != "Hannah Coyle"
