"""Patterns review 44 found on real news pages, on sentences written for these tests."""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_an_infinitive_with_no_one_saying_it_is_no_cue(language: LanguageLayer) -> None:
    hard = ("Cloud costs are rising fast and even harder to predict how much of a burden they "
            "could become for small firms.")
    assert said(language, hard) == []
    way = "Is there any fair way to say that some teams are smarter than others?"
    assert said(language, way) == []
    # a way with no "any" or "no" is one's own saying: the parse hangs the infinitive on
    # "way" here, so this reaches the determiner guard (with it gone, no quote)
    used = "Tobias Renn used the meeting as a way to say that the plant would stay open."
    assert said(language, used) == [
        ("that the plant would stay open", "Tobias Renn", "person")]
    # (a regression check only: the parse hangs "say" on "went", not on "way", so this
    # does not reach the determiner guard)
    own = "Tobias Renn went out of his way to say that the plant would stay open."
    assert said(language, own) == [
        ("that the plant would stay open", "Tobias Renn", "person")]
    # an infinitive whose subject speaks still reports: "quick to say"
    quick = "Ines Marlow was quick to say that the deal was dead."
    assert said(language, quick) == [("that the deal was dead", "Ines Marlow", "person")]


def test_that_as_a_determiner_after_a_participle_opens_no_report(
        language: LanguageLayer) -> None:
    text = "Proof confirming that theory is now easy to find."
    assert said(language, text) == []
    # a complementiser "that" (the sentence has a verb of its own, "came") still reports:
    # this reaches the finite-verb check (with it gone, no quote)
    memo = "A memo confirming that wages were frozen came out on Monday."
    assert said(language, memo) == [("that wages were frozen", "A memo", "document")]
    # (a regression check only: "report" is the passive's subject, so the rule stops
    # before the finite-verb check)
    report = ("A report confirming that prices rose sharply was released by the Dunmore "
              "Institute on Monday.")
    assert said(language, report) == [("that prices rose sharply", "A report", "document")]


def test_a_reply_to_a_question_put_to_someone_named_is_theirs(
        language: LanguageLayer) -> None:
    text = ("Westland swears in its first Basque-born high court justice\n"
            "Governor says naming of ‘exceptional’ Itzel Marroquin-Soto is historic, but he "
            "picked her ‘because she’s the best’\n"
            "The state of Westland has sworn in its first Basque-born high court justice, Itzel "
            "Marroquin-Soto.\n"
            "Governor Pell Arnott appointed Marroquin-Soto, 51, to the state's highest court. As "
            "Marroquin-Soto herself said, “The most important thing is that I not be the "
            "last.”\n"
            "Marroquin-Soto was born in Bilbao in 1970. She studied law in Seattle.\n"
            "“Because Judge Marroquin-Soto is Basque, many will focus on history,” Gov. Arnott "
            "said. “But I want the record to show that she is simply the best person for the "
            "job.”\n"
            "At a press conference announcing her appointment, a reporter asked Marroquin-Soto, "
            "“What do you see as the hardest problem in the courts?”\n"
            "“The hardest part is getting people to see their own bias,” she replied. “That is "
            "where my trainings start.”")
    # the recogniser reads "asked Marroquin-Soto" as a body's name: the person asked is still
    # the one whose name holds it, and "she" is her
    found = quotes_of(language, text)
    quotes = [(text[q.start:q.end], q.speaker.name if q.speaker else None,
               q.speaker.kind if q.speaker else None) for q in found]
    assert [q.speaker.text for q in found[-2:] if q.speaker] == ["she", "she"]
    assert quotes[-3:] == [
        ("“What do you see as the hardest problem in the courts?”", "a reporter", "role"),
        ("“The hardest part is getting people to see their own bias,”", "Marroquin-Soto",
         "person"),
        ("“That is where my trainings start.”", "Marroquin-Soto", "person"),
    ]
    # her own words before, by the name the article gives her
    assert ("“The most important thing is that I not be the last.”", "Marroquin-Soto",
            "person") in quotes


def test_a_relative_named_by_first_name_in_apposition_speaks(language: LanguageLayer) -> None:
    text = ("Marlow’s first wife, Ivana, had claimed that her husband kept a copy of the "
            "collected speeches at his bedside.")
    assert said(language, text) == [
        ("that her husband kept a copy of the collected speeches at his bedside", "Ivana",
         "person")]
    # a country in apposition to a kin noun is no relative, so no person: this reaches the
    # place guard (with it gone, Freedonia comes out a person). Who speaks is still wrong
    # today ("Ruritania’s sister", a role): the strict xfail below asserts the right one
    sister = "Ruritania’s sister, Freedonia, said that the talks had failed."
    spoken = said(language, sister)
    assert [q[0] for q in spoken] == ["that the talks had failed"]
    assert spoken[0][1:] != ("Freedonia", "person")


@pytest.mark.xfail(strict=True, reason="the country named in apposition to a kin noun is not "
                   "taken for the speaker: the kin noun's phrase, a role, speaks")
def test_a_country_in_apposition_to_a_kin_noun_speaks_as_a_body(
        language: LanguageLayer) -> None:
    sister = "Ruritania’s sister, Freedonia, said that the talks had failed."
    assert said(language, sister) == [("that the talks had failed", "Freedonia", "organisation")]


def test_a_title_that_premodified_a_name_resolves_to_it(language: LanguageLayer) -> None:
    text = ("The region cannot ignore the risk of a new wave, warns Coastal Health Agency (CHA) "
            "Director Marta Ibsen as she urged states to stay alert.\n"
            "Cases are rising in the north, and the Director noted that “we have seen this "
            "pattern before.”\n"
            "The CHA Director also urged countries to keep testing in place “so we do not walk "
            "into the next wave blind,” and to share data.")
    # (the kinds are checked by the strict xfail below: the resolved ones are wrong today)
    assert [(text[q.start:q.end], q.speaker.name, text[q.speaker.start:q.speaker.end])
            if q.speaker else (q.text,) for q in quotes_of(language, text)] == [
        ("The region cannot ignore the risk of a new wave", "Marta Ibsen",
         "Director Marta Ibsen"),
        ("“we have seen this pattern before.”", "Marta Ibsen", "the Director"),
        ("“so we do not walk into the next wave blind,”", "Marta Ibsen", "The CHA Director"),
    ]


@pytest.mark.xfail(strict=True, reason="a title resolved to the person it premodified keeps "
                   "the kind role")
def test_a_title_resolved_to_a_name_speaks_as_a_person(language: LanguageLayer) -> None:
    text = ("The region cannot ignore the risk of a new wave, warns Coastal Health Agency (CHA) "
            "Director Marta Ibsen as she urged states to stay alert.\n"
            "Cases are rising in the north, and the Director noted that “we have seen this "
            "pattern before.”\n"
            "The CHA Director also urged countries to keep testing in place “so we do not walk "
            "into the next wave blind,” and to share data.")
    assert said(language, text) == [
        ("The region cannot ignore the risk of a new wave", "Marta Ibsen", "person"),
        ("“we have seen this pattern before.”", "Marta Ibsen", "person"),
        ("“so we do not walk into the next wave blind,”", "Marta Ibsen", "person"),
    ]


def test_the_court_and_the_trust_resolve_to_the_one_named_before(
        language: LanguageLayer) -> None:
    court = ("On Thursday, the Harlow District Court of Appeal found the retailer liable for the "
             "fault.\nThe retailer argued that it never owned the heater.\nThe appeal court "
             "didn't agree. “The retailer placed itself in the chain of sale,” explained the "
             "court in its ruling.")
    quotes = said(language, court)
    # only the court's quote is checked whole here: the retailer's quote goes to the court
    # today (the strict xfail below), and whether the court's name keeps its "the" is
    # being changed elsewhere (the gold sets' names never open with it)
    assert [q[0] for q in quotes] == [
        "that it never owned the heater", "“The retailer placed itself in the chain of sale,”"]
    assert quotes[-1][1].removeprefix("the ") == "Harlow District Court of Appeal"
    assert quotes[-1][2] == "organisation"
    trust = ("The trust said on Monday that it would delay the vote.\nThe Citizens' Harbour "
             "Trust, which oversees the levy, complained in July that the county had ignored "
             "it.\nThe trust also urged the county to “honour the old promises.”")
    # the first "The trust" comes before the name: it stays as written
    assert said(language, trust) == [
        ("that it would delay the vote", "The trust", "organisation"),
        ("that the county had ignored it", "The Citizens' Harbour Trust", "organisation"),
        ("“honour the old promises.”", "The Citizens' Harbour Trust", "organisation"),
    ]
    two_courts = ("The Harlow Crown Court convicted him in May. The Court of Appeal in Dunmore "
                  "heard the case in June. “The conviction stands,” the court said.")
    assert said(language, two_courts) == [
        ("“The conviction stands,”", "the court", "organisation")]


@pytest.mark.xfail(strict=True, reason="the retailer's argument goes to the court named before, "
                   "under a shorter name; the court's name keeps its 'the'")
def test_the_court_resolves_only_the_court(language: LanguageLayer) -> None:
    court = ("On Thursday, the Harlow District Court of Appeal found the retailer liable for the "
             "fault.\nThe retailer argued that it never owned the heater.\nThe appeal court "
             "didn't agree. “The retailer placed itself in the chain of sale,” explained the "
             "court in its ruling.")
    assert said(language, court) == [
        ("that it never owned the heater", "The retailer", "organisation"),
        ("“The retailer placed itself in the chain of sale,”", "Harlow District Court of Appeal",
         "organisation"),
    ]


def test_a_body_is_never_named_by_a_name_given_only_later(language: LanguageLayer) -> None:
    text = ("The levy board complained in July that the transportation department had kept it "
            "in the dark about the bus plans.\nThe board was to discuss answers to 28 questions "
            "it sent to the transportation department in June. The department, however, said "
            "it could not answer anything until September.\nAmong the open questions was "
            "whether the Delmarva Department of Transportation had approved the route.")
    quotes = said(language, text)
    assert ("it could not answer anything until September", "the transportation department",
            "organisation") in quotes
    assert all("Delmarva" not in q[1] for q in quotes if len(q) > 1)


def test_confide_relate_and_estimate_report_only_with_their_complement(
        language: LanguageLayer) -> None:
    confided = ("Tobias Renn struggled to make the hero likeable. He confided to his diary, “the "
                "book will sell far better if the hero is likeable.”")
    assert said(language, confided) == [
        ("“the book will sell far better if the hero is likeable.”", "Tobias Renn", "person")]
    assert said(language, "Mira Kell confided in her sister about the debts.") == []
    related = ("Relatives related that the two men did make it out of the forest and had told "
               "police.")
    assert said(language, related) == [
        ("that the two men did make it out of the forest and had told police", "Relatives",
         "vague")]
    assert said(language, "The old man related the story of the flood to anyone.") == []
    estimated = ("The training run may have used about 3 gigawatt-hours of power, estimates Owen "
                 "Sparrow, chief executive of Halden AI, a start-up that sells planning software.")
    assert said(language, estimated) == [
        ("The training run may have used about 3 gigawatt-hours of power", "Owen Sparrow",
         "person")]
    assert said(language, "The firm estimates its losses at $2 million.") == []


def test_an_inverted_cue_names_the_outlet_after_it(language: LanguageLayer) -> None:
    text = ("Earlier this month, the state of Varnia declared an emergency over the rising "
            "number of forest fires, reported Euro Nachrichten.")
    # (the kind is checked by the strict xfail below: it is person today)
    assert [(text[q.start:q.end], q.speaker.name, text[q.speaker.start:q.speaker.end])
            if q.speaker else (q.text,) for q in quotes_of(language, text)] == [
        ("Earlier this month, the state of Varnia declared an emergency over the rising number "
         "of forest fires", "Euro Nachrichten", "Euro Nachrichten")]
    # (a regression check only: the parse hangs "reported" on "figures" as a modifier, so
    # this does not reach the rule's capital-letter guard)
    plain = "The vote was close, reported turnout figures for the district."
    assert said(language, plain) == []


@pytest.mark.xfail(strict=True, reason="the outlet named after an inverted 'reported' comes "
                   "out a person")
def test_an_outlet_named_after_an_inverted_cue_is_a_body(language: LanguageLayer) -> None:
    text = ("Earlier this month, the state of Varnia declared an emergency over the rising "
            "number of forest fires, reported Euro Nachrichten.")
    assert said(language, text) == [
        ("Earlier this month, the state of Varnia declared an emergency over the rising number "
         "of forest fires", "Euro Nachrichten", "organisation")]
