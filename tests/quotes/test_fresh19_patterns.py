"""Attribution on the failures of the nineteenth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning19``): a surname with a generational
suffix ("Lindgren Jr.") is the relative whose full name has that suffix, not his father's,
and "the elder Lindgren" or "the younger Lindgren" is told apart by the "Sr." and "Jr." of
the full names; a transcript's role label ("HOST:", "GUEST:") is the person the article
introduced with that role ("hosted by X", "this week's guest, the beekeeper Y"); "the
bride" and "the groom" are the woman and the man of the couple a wedding announcement marries
("X and Y were married Saturday"); a bureau and a unit ("the county tourism bureau", "the
sheriff's fraud unit") are bodies, as an office or an agency is; a role set off after the
speaker's phrase that ends in a name ("The union's negotiator, the veteran organiser X,") is
that person; "Mrs. Adeyemi", where the surname's full name is a man's, is the woman of a couple
named with it ("the son of Susan and Michael Adeyemi"); '"...," the decision states.', its verb
read as a plural noun, is the decision's, a text.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_senior_and_junior_are_told_apart(language: LanguageLayer) -> None:
    text = (
        "A bakery turns ninety\n\n"
        "Gustav Lindgren Sr. still shapes the first loaves at four in the morning. His son, "
        "Gustav Lindgren Jr., arrives at six, and his wife, Ingrid Lindgren, keeps the "
        "accounts.\n\n"
        "\"The oven is older than I am,\" said the elder Lindgren, 79.\n\n"
        "\"I keep telling him to buy a new one,\" Lindgren Jr. said.\n\n"
        "The younger Lindgren said the shop would add a second counter next spring.\n\n"
        "\"The flour goes up every year,\" Lindgren Sr. said.\n"
    )
    assert said(language, text) == [
        ("\"The oven is older than I am,\"", "Gustav Lindgren Sr.", "person"),
        ("\"I keep telling him to buy a new one,\"", "Gustav Lindgren Jr.", "person"),
        ("the shop would add a second counter next spring", "Gustav Lindgren Jr.", "person"),
        ("\"The flour goes up every year,\"", "Gustav Lindgren Sr.", "person"),
    ]


def test_transcript_role_labels_are_the_people_introduced_in_those_roles(
        language: LanguageLayer) -> None:
    text = (
        "A beekeeper on the radio\n\n"
        "Hive Minds, the gardening show hosted by Helen Carter, spent its latest hour on "
        "bees. This week's guest, the beekeeper Tobias Marlowe, keeps forty hives on a "
        "rooftop in Leeds.\n\n"
        "HOST: \"How many bees live on one roof?\"\n\n"
        "GUEST: \"About two million in July. Fewer in winter, when they huddle.\"\n\n"
        "HOST: \"Do the neighbours mind?\"\n\n"
        "GUEST: \"They mind until the honey arrives at Christmas.\"\n"
    )
    assert said(language, text) == [
        ("\"How many bees live on one roof?\"", "Helen Carter", "person"),
        ("\"About two million in July. Fewer in winter, when they huddle.\"",
         "Tobias Marlowe", "person"),
        ("\"Do the neighbours mind?\"", "Helen Carter", "person"),
        ("\"They mind until the honey arrives at Christmas.\"", "Tobias Marlowe", "person"),
    ]


def test_bride_and_groom_are_the_couple_the_announcement_marries(
        language: LanguageLayer) -> None:
    text = (
        "Emily Foster and Daniel Okonkwo\n\n"
        "Emily Foster and Daniel Okonkwo were married Saturday at a farm outside Ithaca, N.Y. "
        "The bride, 29, is a pharmacist. The groom, 31, teaches chemistry.\n\n"
        "\"He mixed up two of my prescriptions on purpose, just to come back,\" the bride "
        "said.\n\n"
        "\"I mixed up one,\" the groom said. \"The second was an honest mistake.\"\n"
    )
    assert said(language, text) == [
        ("\"He mixed up two of my prescriptions on purpose, just to come back,\"",
         "Emily Foster", "person"),
        ("\"I mixed up one,\"", "Daniel Okonkwo", "person"),
        ("\"The second was an honest mistake.\"", "Daniel Okonkwo", "person"),
    ]


def test_a_bureau_and_a_unit_are_organisations(language: LanguageLayer) -> None:
    text = (
        "Town pool to reopen\n\n"
        "The county tourism bureau said in a letter to residents that the pool would reopen "
        "in May. The sheriff's fraud unit, which investigated the contractor, said it had "
        "closed the case.\n"
    )
    assert said(language, text) == [
        ("that the pool would reopen in May", "The county tourism bureau", "organisation"),
        ("it had closed the case", "The sheriff's fraud unit", "organisation"),
    ]


def test_a_name_closing_a_role_in_apposition_is_the_speaker(language: LanguageLayer) -> None:
    text = (
        "Ferry strike ends\n\n"
        "The union's negotiator, the veteran organiser Dorothy Blackwood, said the deal "
        "protected every crew member's pension.\n"
    )
    assert said(language, text) == [
        ("the deal protected every crew member's pension", "Dorothy Blackwood", "person"),
    ]


def test_a_titled_surname_is_the_spouse_named_together_of_its_gender(
        language: LanguageLayer) -> None:
    text = (
        "A garden wedding\n\n"
        "Laura Kent and Peter Adeyemi were married Saturday in a garden in Kent. The groom "
        "is the son of Susan and Michael Adeyemi of Leeds.\n\n"
        "\"I cried through the whole service,\" Mrs. Adeyemi said.\n\n"
        "\"He has always been late for everything except this,\" Mr. Adeyemi said of his "
        "son.\n"
    )
    assert said(language, text) == [
        ("\"I cried through the whole service,\"", "Susan Adeyemi", "person"),
        ("\"He has always been late for everything except this,\"", "Michael Adeyemi",
         "person"),
    ]


def test_the_decision_states_after_a_quote_is_a_document(language: LanguageLayer) -> None:
    text = (
        "Rower cleared on appeal\n\n"
        "A disciplinary panel overturned the ban on Thursday.\n\n"
        "\"The sample collection officer waited at the wrong entrance of the boathouse for "
        "the last half hour of the slot and never called the rower,\" the decision states. "
        "\"No reasonable effort was made.\"\n"
    )
    assert said(language, text) == [
        ("\"The sample collection officer waited at the wrong entrance of the boathouse for "
         "the last half hour of the slot and never called the rower,\"", "decision",
         "document"),
        ("\"No reasonable effort was made.\"", "decision", "document"),
    ]
