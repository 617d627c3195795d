"""Attribution on the tail of failures left on the older tuning sets after tuning17 and
tuning19 (issue 26, second round), grouped across sets: a body's name after its kind ("the
campaign group X"), which the recogniser may take for a person's; a description ("the
39-year-old", "the Englishwoman") of one of two people named, which a headline opening with
one of them settles, and not of one described at another age; "the defendant" and "the
witness" as court copy made them; and round-up lines crediting a quote to a name before a colon.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_a_name_after_a_kind_of_body_is_the_bodys(language: LanguageLayer) -> None:
    text = (
        "Library closure plan faces protest\n\n"
        "Harford council will vote next month on closing three branch libraries.\n\n"
        "The campaign group Annie Whelan Readers said it would \"fight this in every ward "
        "meeting until the vote\".\n\n"
        "The residents' group Tom Keane said the branches were \"the last warm rooms in the "
        "town\".\n"
    )
    assert said(language, text)[-2:] == [
        ("\"fight this in every ward meeting until the vote\"", "Annie Whelan Readers",
         "organisation"),
        ("\"the last warm rooms in the town\"", "Tom Keane", "organisation"),
    ]
    speakers = [q.speaker for q in quotes_of(language, text) if q.speaker is not None]
    assert [s.text for s in speakers][-2:] == [
        "The campaign group Annie Whelan Readers", "The residents' group Tom Keane"]


def test_a_role_between_a_body_and_a_name_keeps_the_person(language: LanguageLayer) -> None:
    text = (
        "Library closure plan faces protest\n\n"
        "Harford council will vote next month on closing three branch libraries.\n\n"
        "Campaign group chair Annie Whelan said the plan was \"a false economy\".\n"
    )
    assert said(language, text)[-1] == ("\"a false economy\"", "Annie Whelan", "person")


def test_a_body_named_after_its_kind_in_apposition_is_no_person(
        language: LanguageLayer) -> None:
    # the parse hangs the name on "group" as its apposition
    text = (
        "River plan divides valley\n\n"
        "Gwynedd council wants to sell the old mill by the river.\n\n"
        "The campaign group Cyfeillion yr Afon said it would oppose the sale \"at every "
        "stage of the planning process.\"\n"
    )
    assert said(language, text)[-1] == (
        "it would oppose the sale \"at every stage of the planning process.\"",
        "Cyfeillion yr Afon", "organisation")


_APPOINTED = (
    "MILLBROOK — Millbrook Town have appointed Priya Nandakumar as head coach on a two-year "
    "deal, a week after parting company with Dave Lisle.\n\n"
    "\"I have watched this squad all season and I know what it can do,\" the 39-year-old "
    "said on Friday.\n\n"
)


def test_a_description_of_one_of_two_named_is_the_one_the_headline_names(
        language: LanguageLayer) -> None:
    text = ("Nandakumar takes the Town reins\n\n" + _APPOINTED
            + "She will take her first training session on Monday. \"We start with the "
              "basics,\" the Englishwoman added.\n")
    assert said(language, text) == [
        ("\"I have watched this squad all season and I know what it can do,\"",
         "Priya Nandakumar", "role"),
        ("\"We start with the basics,\"", "Priya Nandakumar", "person"),
    ]


def test_a_headline_naming_someone_after_its_verb_picks_no_one(
        language: LanguageLayer) -> None:
    # the club let the old coach go: the headline says what was done to him, and the
    # description is of the new one, whom it does not name
    text = "Millbrook Town part company with Lisle\n\n" + _APPOINTED
    assert said(language, text)[-1] == (
        "\"I have watched this squad all season and I know what it can do,\"",
        "the 39-year-old", "role")


def test_without_a_headline_a_description_of_one_of_two_named_stays_unresolved(
        language: LanguageLayer) -> None:
    # the first paragraph is a lede, a sentence, not a headline: no one to prefer
    text = "Millbrook Town named a new head coach on Friday.\n\n" + _APPOINTED
    assert said(language, text)[-1] == (
        "\"I have watched this squad all season and I know what it can do,\"",
        "the 39-year-old", "role")


def test_a_description_of_another_age_is_not_the_one_described_before(
        language: LanguageLayer) -> None:
    # the new coach was "the 39-year-old": the chairman, whose words name her, is the 61-year-old
    text = ("Nandakumar takes the Town reins\n\n" + _APPOINTED
            + "Club chairman Roy Abbott said Nandakumar had been \"the outstanding "
              "candidate\". \"She has a plan and she has the staff's respect,\" the "
              "61-year-old said.\n")
    assert said(language, text)[-1] == (
        "\"She has a plan and she has the staff's respect,\"", "Roy Abbott", "role")


def test_the_age_of_a_thing_is_not_a_persons(language: LanguageLayer) -> None:
    # "the 80-year-old mill" is a building: it gives the miller no age, so "the
    # 57-year-old" may still be he
    text = (
        "Floods hit Derwent valley\n\n"
        "Martin Crossley has worked the family mill at Brampton since 1992.\n\n"
        "Crossley said the 80-year-old waterwheel had been torn away by the river.\n\n"
        "\"There is nothing left to repair,\" the 57-year-old said.\n"
    )
    assert said(language, text)[-1] == (
        "\"There is nothing left to repair,\"", "Martin Crossley", "role")


def test_a_headline_naming_the_subject_of_his_reported_words_picks_no_one(
        language: LanguageLayer) -> None:
    # a sports headline names the player discussed as often as the coach quoted: the
    # description of one of the two stays unresolved, headline or not
    text = (
        "Moreno fit for cup tie\n\n"
        "Harbour City coach Stefan Keller said on Thursday: \"Nobody is missing.\"\n\n"
        "Keller confirmed that defender Luis Moreno had recovered from a knee injury.\n\n"
        "The German added: \"We travel with everyone fit.\"\n"
    )
    said_ = said(language, text)
    assert said_[-1][0] == "\"We travel with everyone fit.\""
    assert "Luis Moreno" not in said_[-1]


def test_the_defendant_and_the_witness_are_whom_the_article_made_them(
        language: LanguageLayer) -> None:
    text = (
        "Jury hears from barman in pub fight trial\n\n"
        "LEEDS — A barman told a jury on Monday that he had seen a glass thrown across the "
        "room.\n\n"
        "Owen Price, 41, was giving evidence at Leeds Crown Court in the trial of Martin "
        "Doyle, 36, who denies wounding with intent.\n\n"
        "Prosecutor Helen Marsh asked Price what he had seen. \"The glass came from the "
        "corner where the darts board is,\" the witness said.\n\n"
        "Later, Mr Doyle gave evidence himself. \"I was at the bar the whole time,\" the "
        "defendant said.\n"
    )
    assert said(language, text)[-2:] == [
        ("\"The glass came from the corner where the darts board is,\"", "Owen Price", "role"),
        ("\"I was at the bar the whole time,\"", "Martin Doyle", "role"),
    ]


def test_the_defendant_stays_a_role_when_the_article_names_two_charged(
        language: LanguageLayer) -> None:
    text = (
        "Two deny warehouse fraud\n\n"
        "Ruth Banks, 52, who denies fraud, and Colin Webb, 47, who denies money laundering, "
        "went on trial on Monday.\n\n"
        "\"I signed what I was given,\" the defendant said.\n"
    )
    assert said(language, text)[-1] == (
        "\"I signed what I was given,\"", "the defendant", "role")


def test_the_defendant_is_not_one_who_denied_something_or_is_named_beside_a_charge(
        language: LanguageLayer) -> None:
    # "denied that ...", "told the jury the accused had denied ...", "whose son is accused
    # of ..." say nothing of the one named: the defendant stays a role
    texts = [
        "Landlord tells jury of brawl\n\n"
        "Gareth Pryce, the pub's landlord, denied that he had served the men after closing "
        "time.\n\n"
        "Liam Ward sat in the dock throughout.\n\n"
        "\"I only pushed him away,\" the defendant told the jury.\n",
        "Jury hears opening in Ward trial\n\n"
        "Prosecutor Nia Jenkins told the jury the accused had denied any part in the "
        "brawl.\n\n"
        "Liam Ward listened from the dock.\n\n"
        "\"I left before it started,\" the defendant said.\n",
        "Mother at court as son's trial opens\n\n"
        "Sarah Evans, whose son is accused of assault, arrived at court on Monday with a "
        "friend.\n\n"
        "\"I did not throw a punch,\" the defendant said as he walked in.\n",
    ]
    for text in texts:
        quote = said(language, text)[-1]
        assert text.count(quote[0]) == 1
        assert quote[1:] == ("the defendant", "role")


def test_the_defendant_stays_a_role_when_tried_alongside_another(
        language: LanguageLayer) -> None:
    text = (
        "Two in court over depot blaze\n\n"
        "Rhys Morgan, 41, is on trial alongside Owain Lloyd, 38, at Cardiff Crown Court.\n\n"
        "Both deny arson.\n\n"
        "\"I was never at the depot,\" the defendant said.\n"
    )
    assert said(language, text)[-1] == (
        "\"I was never at the depot,\"", "the defendant", "role")


def test_lines_crediting_a_quote_to_a_name_before_a_colon(language: LanguageLayer) -> None:
    text = (
        "States race to write their own drone rules\n\n"
        "Why it matters: Nine states have bills on delivery drones this session.\n\n"
        "What they're saying:\n\n"
        "- Laura Castellanos, policy director at the Drone Makers Alliance: \"A patchwork of "
        "rules grounds everyone.\"\n"
        "- State Rep. Walter Brandt (R-Ohio), in a statement: \"Our skies, our rules.\"\n"
    )
    assert said(language, text)[-2:] == [
        ("\"A patchwork of rules grounds everyone.\"", "Laura Castellanos", "person"),
        ("\"Our skies, our rules.\"", "Walter Brandt", "person"),
    ]
    speakers = [q.speaker for q in quotes_of(language, text) if q.speaker is not None]
    assert [s.text for s in speakers][-2:] == ["Laura Castellanos", "Walter Brandt"]


def test_a_credit_line_holds_no_sentence_and_credits_no_title(
        language: LanguageLayer) -> None:
    # what follows her apposition's full stop is another sentence, about a message she sent
    # before, not a credit line; a book's title is not words said
    text = (
        "Festival line-up announced\n\n"
        "Organisers named the speakers on Tuesday.\n\n"
        "- Carla Mendes, 41, a teacher. Her last message to her brother: \"I am on the "
        "bridge.\"\n"
        "- Owen Pryce, author of the prize-winning memoir: \"Salt And Stone\"\n"
        "- Ruth Ellery, festival director: \"We have never had a stronger year.\"\n"
    )
    credited = {q[0]: q[1:] for q in said(language, text)}
    assert credited.get("\"I am on the bridge.\"", ())[:1] != ("Carla Mendes",)
    assert credited.get("\"Salt And Stone\"", ())[:1] != ("Owen Pryce",)
    assert credited["\"We have never had a stronger year.\""] == ("Ruth Ellery", "person")



def test_the_witness_is_not_one_whose_relative_testified(language: LanguageLayer) -> None:
    opening = ("Dean Walsh, 24, who denies murdering his neighbour, sat in the dock at Leeds "
               "Crown Court.\n\n")
    quote = "\"I saw him leave the house at ten,\""
    sister = (f"{opening}Marta Kowal, whose sister testified on Monday, watched from the "
              f"public gallery.\n\n{quote} the witness told the jury.\n")
    herself = (f"{opening}Marta Kowal, 41, a retired nurse, gave evidence on Monday.\n\n"
               f"{quote} the witness told the jury.\n")
    assert said(language, sister) == [(quote, "the witness", "role")]
    assert said(language, herself) == [(quote, "Marta Kowal", "role")]
