"""Attribution on the failures of the twenty-fourth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning24``): a role written with the body's
name before it ("the Kremlin spokesman") is the person the article gave that very title;
"the deputy minister" and "the former minister" are the holder whose title has those words
anywhere before the office ("Deputy Foreign Minister X", "former health minister X"), and
"the minister" is not one of them; "the doctor" is the person titled "Dr"; a directorate
and a school district are organisations, and so is a body's initials after "the" that the
text never spells out ("the DNA", not "the CEO"); a section or clause of a bill is a
document; an unresolved "she" right after a sentence that grants someone unnamed anonymity
is that source, and a "she" goes on with an anonymous "she" before it; "pointed out" is a
cue in every form of the verb; "the expert" is the one scientist, analyst or researcher the
article named; "the group" is the body the article described as one ("X, a group funded by
..."); "the official" right after a sentence that grants "an official" anonymity is
anonymous; "assured residents that" is a cue; a short quote inside the writer's own phrase
('its own "scorecard" shows') does not go on with the paragraph's last speaker.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of, said, speaker_of
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


def test_a_directorate_and_a_district_are_organisations(language: LanguageLayer) -> None:
    text = (
        "Meat plant closed\n\n"
        "Officers of the Food Safety Inspectorate (FSI) visited the Kovacs plant on Monday. "
        "The inspectorate said the freezers had failed. The FSI said the plant would stay "
        "closed until March.\n\n"
        "The Alder Creek district announced that it would buy its school meat elsewhere. The "
        "CEO of the plant said the freezers had been repaired.\n"
    )
    # ("The FSI" is spelt out before, so the recogniser names it: that is no initials case)
    assert [(q, kind) for q, _name, kind in said(language, text)] == [
        ("the freezers had failed", "organisation"),
        ("the plant would stay closed until March", "organisation"),
        ("that it would buy its school meat elsewhere", "organisation"),
        ("the freezers had been repaired", "role"),
    ]


def test_a_bodys_initials_never_spelt_out_are_an_organisation_an_office_a_role(
        language: LanguageLayer) -> None:
    text = (
        "Prosecutors charged the mayor on Friday. The DNA said the mayor had taken bribes for "
        "years. The CEO said the company had done nothing wrong.\n"
    )
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q), q.speaker and q.speaker.kind) for q in quotes] == [
        ("the mayor had taken bribes for years", "The DNA", "organisation"),
        ("the company had done nothing wrong", "The CEO", "role"),
    ]
    assert [(q.speaker and q.speaker.start) for q in quotes] == [
        text.index("The DNA"), text.index("The CEO")]


def test_a_section_of_a_bill_is_a_document(language: LanguageLayer) -> None:
    text = (
        "Tenants bill divides landlords\n\n"
        "Clause 7 of the bill states that landlords must repair broken heating within a week. "
        "Section 12 of the bill states that fines go to the council.\n"
    )
    # (the kind only: the speaker's span is knowingly short, see the test below)
    assert [(q, kind) for q, _name, kind in said(language, text)] == [
        ("that landlords must repair broken heating within a week", "document"),
        ("that fines go to the council", "document"),
    ]


@pytest.mark.xfail(strict=True, reason="the speaker is the bare word 'Clause' / 'Section'")
def test_a_section_of_a_bill_is_named_with_its_number_and_bill(
        language: LanguageLayer) -> None:
    text = (
        "Tenants bill divides landlords\n\n"
        "Clause 7 of the bill states that landlords must repair broken heating within a week. "
        "Section 12 of the bill states that fines go to the council.\n"
    )
    assert [(q.speaker and q.speaker.text) for q in quotes_of(language, text)] == [
        "Clause 7 of the bill", "Section 12 of the bill"]


def test_she_after_a_source_granted_anonymity_is_that_source(language: LanguageLayer) -> None:
    text = (
        "Ward staff quit\n\n"
        "I spoke to a nurse on the children's ward who asked not to be named because she fears "
        "for her job. \"We are told to keep quiet,\" she said. \"Nobody listens to us.\"\n\n"
        "She said the ward had lost six nurses since June.\n"
    )
    assert [(q, kind) for q, _name, kind in said(language, text)] == [
        ("\"We are told to keep quiet,\"", "anonymous"),
        ("\"Nobody listens to us.\"", "anonymous"),
        ("the ward had lost six nurses since June", "anonymous"),
    ]


def test_she_goes_on_with_an_anonymous_she(language: LanguageLayer) -> None:
    text = (
        "Textile plant to close\n\n"
        "I talked to a supervisor at the plant. She has worked there for twenty years and did "
        "not want to be named. \"The owners have known about this since the spring,\" she "
        "said.\n\n"
        "\"We saw this coming for a year,\" she told me.\n\n"
        "She said the last shift would end on Friday.\n"
    )
    assert [(q, kind) for q, _name, kind in said(language, text)] == [
        ("\"The owners have known about this since the spring,\"", "anonymous"),
        ("\"We saw this coming for a year,\"", "anonymous"),
        ("the last shift would end on Friday", "anonymous"),
    ]


def test_pointed_out_is_a_cue_in_every_form(language: LanguageLayer) -> None:
    text = (
        "Ferry talks\n\n"
        "Senator Ilya Markov, for his part, pointed out that the treaty guaranteed free "
        "passage.\n\n"
        "Harbour trade fell by a third last year, Markov pointed out.\n\n"
        "Markov points out that the ferries are full.\n"
    )
    assert said(language, text) == [
        ("that the treaty guaranteed free passage", "Ilya Markov", "person"),
        ("Harbour trade fell by a third last year", "Ilya Markov", "person"),
        ("that the ferries are full", "Ilya Markov", "person"),
    ]


def test_the_expert_is_the_scientist_the_article_named(language: LanguageLayer) -> None:
    text = (
        "Lake levels fall\n\n"
        "Political scientist Boris Chernyshev, director of the Centre for Caspian Studies, "
        "said the drought had been foreseen. \"Nobody in the ministries wanted to listen,\" "
        "the expert noted.\n"
    )
    # (the name only: the kind of "the expert" stays the noun's)
    assert [(q, name) for q, name, _kind in said(language, text)] == [
        ("the drought had been foreseen", "Boris Chernyshev"),
        ("\"Nobody in the ministries wanted to listen,\"", "Boris Chernyshev"),
    ]


def test_the_group_is_the_body_described_as_one(language: LanguageLayer) -> None:
    text = (
        "Bypass plan approved\n\n"
        "The county's planning board said it had approved the road. \"The route is final,\" "
        "the board said.\n\n"
        "Opponents at the Greenway Valley Trust, a group funded by local farmers, were "
        "furious. In a post on its website, the group said the board had ignored the "
        "wetlands.\n"
    )
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q), q.speaker and q.speaker.kind) for q in quotes] == [
        ("it had approved the road", "The county's planning board", "organisation"),
        ("\"The route is final,\"", "the board", "organisation"),
        ("the board had ignored the wetlands", "the Greenway Valley Trust", "organisation"),
    ]
    assert quotes[-1].speaker is not None
    assert quotes[-1].speaker.start == text.index("the group said")


def test_the_official_granted_anonymity_the_sentence_before(language: LanguageLayer) -> None:
    text = (
        "Coalition talks stall\n\n"
        "A senior party official, speaking on condition of anonymity, was gloomy. \"We may "
        "not last the month,\" the official said.\n\n"
        "The treasurer said the party had paid its debts. \"We owe nothing,\" the treasurer "
        "said.\n"
    )
    assert [(q, kind) for q, _name, kind in said(language, text)] == [
        ("\"We may not last the month,\"", "anonymous"),
        ("the party had paid its debts", "role"),
        ("\"We owe nothing,\"", "role"),
    ]


def test_assured_that_is_a_cue(language: LanguageLayer) -> None:
    text = (
        "Bridge closure\n\n"
        "Mayor Lidia Varga assured residents that the bridge would reopen by June.\n"
    )
    assert said(language, text) == [
        ("that the bridge would reopen by June", "Lidia Varga", "person"),
    ]


def test_a_scare_quote_inside_a_phrase_is_nobodys(language: LanguageLayer) -> None:
    text = (
        "Budget row\n\n"
        "Councillors claim the scheme is \"working\" and will save money. The city's own "
        "\"scorecard\" shows costs up a fifth, and the \"value lens\" they love has "
        "found nothing. \"Wait,\" said one resident.\n"
    )
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q), q.speaker and q.speaker.kind) for q in quotes] == [
        ("\"working\"", "Councillors", "vague"),
        ("\"Wait,\"", "one resident", "vague"),
    ]
    assert [(q.speaker and q.speaker.start) for q in quotes] == [
        text.index("Councillors"), text.index("one resident")]


def test_a_short_quote_after_a_said_x_quote_still_goes_on(language: LanguageLayer) -> None:
    text = (
        "Harbour fees\n\n"
        "\"The fees will rise in April,\" said Marta Kolar. \"Nobody likes it.\"\n"
    )
    # a quote of its own sentence is no scare quote inside the writer's phrase
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q), q.speaker and q.speaker.kind) for q in quotes] == [
        ("\"The fees will rise in April,\"", "Marta Kolar", "person"),
        ("\"Nobody likes it.\"", "Marta Kolar", "person"),
    ]
    assert [(q.speaker and q.speaker.start) for q in quotes] == [
        text.index("Marta Kolar")] * 2
