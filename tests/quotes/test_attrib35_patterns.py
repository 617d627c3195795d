"""Speaker kinds of named people the recogniser labelled as bodies or places: a full name
tagged as an organisation ("Jonas Eklund"), a name under a personal title ("Mr Ó Dálaigh"),
the surname of a person quoted before, however it was read ("Desrosiers" as a plural), and a
daughter introduced by a first name that is also a place ("Her daughter, Georgia,"), who
later says "I". Also: a body named right after the noun of a role's complement ("The head of
research at the bank, Norvell Trust,") is not the speaker; a pronoun whose gender the name
contradicts ("Tom Reyes ... she said") is a guess, at a lower confidence; two first names
before one surname ("Frank and Tom Hale") share it.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said, speaker_of
from unspun.nlp.pipeline import LanguageLayer


def test_full_name_tagged_as_a_body_is_a_person(language: LanguageLayer) -> None:
    text = ("Jonas Eklund, the founder of Brightmoor Games, apologised on Monday. "
            "\"I made the wrong call,\" Jonas Eklund wrote on Substack.\n")
    assert said(language, text) == [
        ("\"I made the wrong call,\"", "Jonas Eklund", "person"),
    ]


def test_titled_name_is_a_person(language: LanguageLayer) -> None:
    text = ("The Irish health minister defended the figures. "
            "\"Nobody is hiding anything,\" Mr Ó Dálaigh said.\n")
    assert said(language, text) == [
        ("\"Nobody is hiding anything,\"", "Mr Ó Dálaigh", "person"),
    ]


def test_surname_of_a_person_quoted_before(language: LanguageLayer) -> None:
    text = ("Wildfire crews battled the blaze overnight, said Karley Desrosiers, a fire "
            "information officer.\n\n"
            "\"We had flames of thirty metres,\" Desrosiers said.\n")
    assert said(language, text) == [
        ("Wildfire crews battled the blaze overnight", "Karley Desrosiers", "person"),
        ("\"We had flames of thirty metres,\"", "Karley Desrosiers", "person"),
    ]


def test_surname_of_a_person_named_before(language: LanguageLayer) -> None:
    text = ("Lena Reyes has run the Harbour Street clinic for eleven years.\n\n"
            "\"We see more patients every winter,\" Reyes said.\n")
    assert said(language, text) == [
        ("\"We see more patients every winter,\"", "Lena Reyes", "person"),
    ]


def test_bodies_named_like_people_stay_bodies(language: LanguageLayer) -> None:
    text = "Morgan Stanley said it would cut 2,000 jobs.\n"
    assert said(language, text) == [
        ("it would cut 2,000 jobs", "Morgan Stanley", "organisation"),
    ]
    # a church or a holding company whose name opens with a first name
    text = "\"We will feed every family who comes,\" Grace Church said in a post on Facebook.\n"
    assert said(language, text) == [
        ("\"We will feed every family who comes,\"", "Grace Church", "organisation")]
    text = "\"The deal is off,\" Tiffany Harris Holdings said in a statement.\n"
    assert said(language, text) == [
        ("\"The deal is off,\"", "Tiffany Harris Holdings", "organisation")]


def test_daughter_named_like_a_place_says_i(language: LanguageLayer) -> None:
    for kin in ("Her daughter", "Her eldest daughter"):
        text = (f"Ellen Tovey raised three children alone. {kin}, Georgia, is 14.\n\n"
                "\"I never expected to win,\" Georgia said.\n")
        assert said(language, text) == [
            ("\"I never expected to win,\"", "Georgia", "person"),
        ]
    # a place's "we" is no person's
    text = ("Ellen Tovey raised three children alone. Her daughter, Georgia, is 14.\n\n"
            "\"We will never accept the occupation,\" Georgia said in a statement.\n")
    assert said(language, text) == [
        ("\"We will never accept the occupation,\"", "Georgia", "organisation")]


def test_a_body_named_after_its_noun_is_not_the_speaker(language: LanguageLayer) -> None:
    text = ("The head of research at the bank, Norvell Trust, said the rate would fall "
            "next year.\n")
    assert said(language, text) == [
        ("the rate would fall next year", "The head of research at the bank, Norvell Trust",
         "role"),
    ]
    # the body's name right after its kind stays the speaker; a person's stays the role's
    text = "The buyer, Thornfield Capital, said the deal would close in May.\n"
    assert said(language, text) == [
        ("the deal would close in May", "Thornfield Capital", "organisation"),
    ]
    text = "The head of research at the bank, Ana Ruiz, said the rate would fall next year.\n"
    assert said(language, text) == [
        ("the rate would fall next year", "Ana Ruiz", "person"),
    ]


def test_a_pronoun_against_the_named_gender_is_a_guess(language: LanguageLayer) -> None:
    opening = "Tom Reyes opened the bakery in March.\n\n"
    quote = "\"It has been a hard first year,\""
    she = quotes_of(language, f"{opening}{quote} she said.\n")
    he = quotes_of(language, f"{opening}{quote} he said.\n")
    assert [(q.text, speaker_of(q)) for q in she + he] == [(quote, "Tom Reyes")] * 2
    # the first name's usual gender is a hint; a title the article gives says it outright
    assert (she[0].confidence, he[0].confidence) == (0.6, 0.9)
    mister = quotes_of(language, f"Mr Tom Reyes opened the bakery in March.\n\n{quote} "
                                 "she said.\n")
    assert [(q.text, speaker_of(q), q.confidence) for q in mister] == [
        (quote, "Tom Reyes", 0.4)]
    # a title states the gender over the first name's usual one
    titled = quotes_of(language, f"Mrs Sam Ortiz opened the bakery in March.\n\n{quote} "
                                 "she said.\n")
    assert [(q.text, speaker_of(q)) for q in titled] == [(quote, "Sam Ortiz")]
    assert titled[0].confidence == he[0].confidence


def test_two_first_names_share_one_surname(language: LanguageLayer) -> None:
    text = ("Frank and Tom Hale run the farm outside Dunmore.\n\n"
            "\"The rain came too late,\" Frank said. \"We will plant again in spring,\" "
            "Tom said.\n")
    assert said(language, text) == [
        ("\"The rain came too late,\"", "Frank Hale", "person"),
        ("\"We will plant again in spring,\"", "Tom Hale", "person"),
    ]
    # one who only met the family keeps his first name alone
    text = ("Frank met Tom Hale at the market in Dunmore.\n\n"
            "\"The rain came too late for the barley,\" Frank said.\n")
    assert said(language, text) == [
        ("\"The rain came too late for the barley,\"", "Frank", "person"),
    ]
    # nor a headline's words or a college's name: no such person is named
    text = "Simon and Garfunkel Return to Central Park\n\n\"It was magical,\" Simon said.\n"
    assert said(language, text) == [("\"It was magical,\"", "Simon", "person")]
    text = ("Students at Lewis and Clark College protested on Friday. \"We want answers,\" "
            "Lewis said.\n")
    assert [n for _q, n, _k in said(language, text)] == ["Lewis"]
    # nor a senator named by title beside another, or two people a sentence lists
    text = ("Sens. Warren and Bernie Sanders drew large crowds in Iowa on Sunday. \"We are "
            "going to win this,\" Warren said.\n")
    assert [n for _q, n, _k in said(language, text)] == ["Warren"]
    text = ("The moderators pressed Harris and Joe Biden on health care. \"I stand by my "
            "plan,\" Harris said.\n")
    assert [n for _q, n, _k in said(language, text)] == ["Harris"]


def test_a_first_name_the_recogniser_dropped(language: LanguageLayer) -> None:
    opening = "Ana Reyes opened the bakery in March.\n\n"
    quote = "\"It has been a hard first year,\""
    for cue in ("she said", "Reyes said"):
        assert said(language, f"{opening}{quote} {cue}.\n") == [
            (quote, "Ana Reyes", "person"),
        ]
    # a body whose name opens with a first name stays one
    text = "Georgia Power said it would restore service by Friday.\n"
    assert said(language, text) == [
        ("it would restore service by Friday", "Georgia Power", "organisation"),
    ]
