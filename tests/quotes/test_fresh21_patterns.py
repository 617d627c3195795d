"""Attribution on the failures of the twenty-first fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning21``): an elder's kinship title ("Aunty
Rosalie Kemarre", "Uncle Lionel") is a title, as "Mr" is, so that "Aunty Rosalie said" is the
woman named in full before; a person a story introduces by a first name alone ("a man who
gave his name only as Idris", "Her younger son, Timur, 9,") is that name; an office
capitalised in words of its own ("the Speaker", "the Chief Whip", "the Senate President") is
the person the article gave it by those words; "the nominee" is the person the paragraph
after the lede names with an age, where the lede's subject is "The nominee ..."; a name the
recogniser takes for a product on a launch day is a person's when its surname speaks alone;
a role followed by a name and its seat in brackets ("the sponsor, Sen. X (Kwara North),") is
that person, though the bracket makes the parse lose the apposition; "objected that" and
"proposed that" report what a member said; a body's kind with a name in apposition ("The
mining company, Redbank Iron,") is that body, though the recogniser took the name for a
person's.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_elders_titles_are_titles(language: LanguageLayer) -> None:
    text = (
        "Council backs a cultural centre\n\n"
        "The shire council voted on Monday to fund a cultural centre on the river flats.\n\n"
        "\"We asked for this when I was a young woman,\" Aunty Rosalie Kemarre, 81, said "
        "after the vote.\n\n"
        "Aunty Rosalie said the centre would hold the community's recordings. \"They sit in "
        "shoeboxes now,\" she said.\n\n"
        "Her cousin, Uncle Lionel Kemarre, said the building should face the river. \"That "
        "is where the stories come from,\" Uncle Lionel said.\n"
    )
    assert said(language, text) == [
        ("\"We asked for this when I was a young woman,\"", "Rosalie Kemarre", "person"),
        ("the centre would hold the community's recordings", "Rosalie Kemarre", "person"),
        ("\"They sit in shoeboxes now,\"", "Rosalie Kemarre", "person"),
        ("the building should face the river", "Lionel Kemarre", "person"),
        ("\"That is where the stories come from,\"", "Lionel Kemarre", "person"),
    ]


def test_a_first_name_given_alone_is_the_speaker(language: LanguageLayer) -> None:
    text = (
        "Queues at the border post\n\n"
        "The crossing opened at dawn, and by noon the line of cars stretched back four "
        "kilometres.\n\n"
        "\"Nobody tells us anything,\" said Marta Kowalczyk, who runs a cafe by the gate.\n\n"
        "A man who gave his name only as Idris, 40, said he had waited since Sunday.\n\n"
        "Her younger son, Timur, 9, said the soldiers had given him a biscuit.\n"
    )
    assert said(language, text) == [
        ("\"Nobody tells us anything,\"", "Marta Kowalczyk", "person"),
        ("he had waited since Sunday", "Idris", "person"),
        ("the soldiers had given him a biscuit", "Timur", "person"),
    ]


def test_a_capitalised_office_is_the_person_given_it(language: LanguageLayer) -> None:
    text = (
        "Assembly votes down the levy\n\n"
        "The Chief Whip, Margaret Holloway, told members the levy would pass. The "
        "Speaker, Sir Anselm Dray, called for order twice.\n\n"
        "\"Members will address the chair,\" the Speaker said.\n\n"
        "The Chief Whip said the vote had been a setback for the government.\n"
    )
    assert said(language, text) == [
        ("the levy would pass", "Margaret Holloway", "person"),
        ("\"Members will address the chair,\"", "Anselm Dray", "role"),
        ("the vote had been a setback for the government", "Margaret Holloway", "role"),
    ]


def test_the_ledes_subject_is_the_person_named_next(language: LanguageLayer) -> None:
    text = (
        "Parks nominee faces senators\n\n"
        "The nominee to run the national parks service defended her record on Monday before a "
        "committee that questioned her years as a property developer.\n\n"
        "Harriet Quinlan, 58, told the Senate Energy Committee that the parks had been "
        "neglected for a decade.\n\n"
        "\"Visitors deserve clean toilets and open trails,\" the nominee said.\n"
    )
    assert said(language, text) == [
        ("that the parks had been neglected for a decade", "Harriet Quinlan", "person"),
        ("\"Visitors deserve clean toilets and open trails,\"", "Harriet Quinlan", "role"),
    ]


def test_a_name_read_as_a_product_is_a_person_whose_surname_speaks(
        language: LanguageLayer) -> None:
    text = (
        "Live: Tessel unveils its folding tablet\n\n"
        "2:02 p.m. — Tessel chief executive Colin Ambrose opens the show. \"We have been "
        "waiting two years for this,\" he says.\n\n"
        "2:10 p.m. — Next up, the Tessel Fold. Head of hardware Ines Albuquerque-Wren walks "
        "out holding it. \"It closes like a book and opens like a laptop,\" "
        "Albuquerque-Wren says.\n\n"
        "2:14 p.m. — \"We tested it on a transatlantic flight, twice,\" she says.\n"
    )
    assert said(language, text) == [
        ("\"We have been waiting two years for this,\"", "Colin Ambrose", "person"),
        ("\"It closes like a book and opens like a laptop,\"", "Ines Albuquerque-Wren",
         "person"),
        ("\"We tested it on a transatlantic flight, twice,\"", "Ines Albuquerque-Wren",
         "person"),
    ]


def test_a_name_with_its_seat_in_brackets_after_a_role(language: LanguageLayer) -> None:
    text = (
        "Senate passes the fisheries bill\n\n"
        "The Senate on Thursday passed a bill to fund fish farms in the Niger Delta.\n\n"
        "Moving the motion, the sponsor, Sen. Ibiyemi Tokunbo Adeyanju (Kwara North), said "
        "the farms would employ forty thousand young people.\n"
    )
    assert said(language, text) == [
        ("the farms would employ forty thousand young people", "Ibiyemi Tokunbo Adeyanju",
         "person"),
    ]


def test_objected_and_proposed_report_speech(language: LanguageLayer) -> None:
    text = (
        "Council delays the bridge vote\n\n"
        "Councillor Rhona Gallacher objected that the plans had never been shown to "
        "residents.\n\n"
        "Councillor Ewan Baird proposed that the vote be held over until March.\n"
    )
    assert said(language, text) == [
        ("that the plans had never been shown to residents", "Rhona Gallacher", "person"),
        ("that the vote be held over until March", "Ewan Baird", "person"),
    ]


def test_a_body_named_after_its_kind_is_the_body(language: LanguageLayer) -> None:
    text = (
        "Blasting halted near the caves\n\n"
        "The state regulator ordered a halt to blasting near the caves on Friday.\n\n"
        "The mining company, Redbank Iron, said in a statement that it would appeal.\n"
    )
    assert said(language, text) == [
        ("that it would appeal", "Redbank Iron", "organisation"),
    ]


def test_a_kinship_title_before_a_possessive_is_a_brand(language: LanguageLayer) -> None:
    text = (
        "Rice brand changes its name\n\n"
        "Uncle Harold's said on Thursday it would drop the old label from its packets.\n\n"
        "\"The time has come for a change,\" Uncle Harold's said in a statement.\n"
    )
    # the brand keeps its whole name: never a man called "Harold"
    assert [q[1] for q in said(language, text)] == ["Uncle Harold", "Uncle Harold"]


def test_a_former_or_shadow_holder_is_not_the_office(language: LanguageLayer) -> None:
    text = (
        "Dam project revived\n\n"
        "The dam was shelved in 1998 by the then Prime Minister Edwin Marr after protests. "
        "The shadow Health Minister Rhona Tait said the figures were the worst on record.\n\n"
        "\"The country needs the water,\" the Prime Minister said on Monday.\n\n"
        "\"Every ward has more staff than a year ago,\" the Health Minister said.\n"
    )
    assert said(language, text) == [
        ("the figures were the worst on record", "Rhona Tait", "person"),
        ("\"The country needs the water,\"", "the Prime Minister", "role"),
        ("\"Every ward has more staff than a year ago,\"", "the Health Minister", "role"),
    ]


def test_a_former_holder_of_a_one_word_office_is_not_it(language: LanguageLayer) -> None:
    text = (
        "Rail plan survives a second vote\n\n"
        "The line was first proposed by the former Premier Gordon Keane in 2011, and it has "
        "been redrawn twice since.\n\n"
        "\"We will lay the first track next year,\" the Premier told reporters.\n"
    )
    assert said(language, text) == [
        ("\"We will lay the first track next year,\"", "the Premier", "role"),
    ]


def test_the_ledes_subject_is_no_one_given_another_role(language: LanguageLayer) -> None:
    # the lede's "The arsonist" is not a role of a hearing; the man aged next is a victim
    arson = (
        "Two hurt in depot blaze\n\n"
        "The arsonist set fire to the bus depot shortly before dawn on Sunday, firefighters "
        "said.\n\n"
        "Peter Vasquez, 52, a night cleaner, was treated for burns at the scene.\n\n"
        "Neighbours said the arsonist had stood watching. \"Let it burn,\" the arsonist said, "
        "according to one of them.\n"
    )
    assert said(language, arson)[-1] == ("\"Let it burn,\"", "the arsonist", "role")
    # the woman aged next chairs the committee: she is not the nominee
    hearing = (
        "Tunnel nominee questioned\n\n"
        "The nominee to run the state's transport authority faced three hours of questions "
        "on Thursday.\n\n"
        "Ruth Okonjo, 71, who chairs the infrastructure committee, began by asking about "
        "cost overruns.\n\n"
        "\"I will publish every contract,\" the nominee said.\n"
    )
    assert said(language, hearing) == [
        ("\"I will publish every contract,\"", "the nominee", "role"),
    ]


def test_an_elders_own_possessive_keeps_the_title(language: LanguageLayer) -> None:
    text = (
        "Elders return to the gorge\n\n"
        "Uncle Silas Marra, 80, walked the track at dawn. \"My father brought me here,\" "
        "Uncle Silas said.\n\n"
        "Uncle Silas's niece, Tara Marra, 24, filmed the walk. \"He knows every rock,\" she "
        "said.\n"
    )
    assert said(language, text) == [
        ("\"My father brought me here,\"", "Silas Marra", "person"),
        ("\"He knows every rock,\"", "Tara Marra", "person"),
    ]


def test_an_office_held_abroad_too_is_no_one(language: LanguageLayer) -> None:
    abroad = (
        "Trade pact signed\n\n"
        "The Prime Minister, Roberta Vance, signed the pact in the capital on Friday.\n\n"
        "In Tokyo, the Japanese Prime Minister praised the deal. \"This opens a new "
        "chapter,\" the Prime Minister said.\n"
    )
    assert said(language, abroad) == [
        ("\"This opens a new chapter,\"", "the Prime Minister", "role"),
    ]
    possessive = abroad.replace("the Japanese Prime Minister", "Japan's Prime Minister")
    assert said(language, possessive) == [
        ("\"This opens a new chapter,\"", "the Prime Minister", "role"),
    ]
    # the qualified office given to the same woman leaves her the office's one holder
    same = (
        "Trade pact signed\n\n"
        "The Prime Minister, Roberta Vance, signed the pact on Friday. Australian Prime "
        "Minister Roberta Vance had pushed for it since 2022.\n\n"
        "\"The pact is good for farmers,\" the Prime Minister said.\n"
    )
    assert said(language, same) == [
        ("\"The pact is good for farmers,\"", "Roberta Vance", "role"),
    ]
    # an address is no qualifier: "Madam Speaker" is still the one Speaker
    address = (
        "Members clash over fares\n\n"
        "The Speaker, Dame Hilda Crane, called the House to order.\n\n"
        "\"Madam Speaker, the fares will fall,\" the minister told her.\n\n"
        "\"Order, order,\" the Speaker said.\n"
    )
    assert said(language, address)[-1] == ("\"Order, order,\"", "Hilda Crane", "role")
