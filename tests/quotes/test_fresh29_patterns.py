"""Who said what in the tuning29 set's styles (Latin American, African, Asian, Gulf, Dutch
and Australian regional copy): every text is written for these tests, and every span is
checked against it."""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def _spoken(language: LanguageLayer, text: str) -> list[tuple[str, str | None, str | None]]:
    """(quoted text, speaker's name, speaker's kind) per quote; ``quotes_of`` checks that
    each span, the speaker's included, is its text."""
    return [(q.text, q.speaker.name if q.speaker else None,
             q.speaker.kind if q.speaker else None) for q in quotes_of(language, text)]


def _spoken_as_written(language: LanguageLayer, text: str) -> list[tuple[str | None, ...]]:
    """(quoted text, speaker's name, speaker's kind, speaker's span in ``text``) per quote;
    (quoted text,) for one with no speaker."""
    return [(q.text, q.speaker.name, q.speaker.kind, text[q.speaker.start:q.speaker.end])
            if q.speaker else (q.text,) for q in quotes_of(language, text)]


def test_a_body_named_right_after_a_dateline_speaks_as_a_body(
        language: LanguageLayer) -> None:
    # the recogniser runs the dateline into the body's name, accented capitals or not
    for dateline, body in (("WINDHOEK", "Ondangwa Copper"),
                           ("MÉRIDA", "Cementos Peninsulares")):
        text = (f"{dateline} - {body} said on Friday that it would close its smelter for "
                "two months of repairs.\n")
        quotes = quotes_of(language, text)
        assert len(quotes) == 1
        quote, speaker = quotes[0], quotes[0].speaker
        assert quote.text == "that it would close its smelter for two months of repairs"
        assert text[quote.start:quote.end] == quote.text
        assert speaker is not None and speaker.kind == "organisation"
        assert text[speaker.start:speaker.end] == body
        assert speaker.name == body


def test_a_body_s_name_the_recogniser_leaves_unlabelled_is_no_role(
        language: LanguageLayer) -> None:
    # two capitalised proper nouns that open with no given name and hold no title: a body's
    text = ("Tin miner defends water use as herders object\n\n"
            "WINDHOEK - Usakos Tin said on Friday that its new plant would draw only a "
            "fraction of its water allocation, after herders objected.\n\n"
            "\"We recycle most of the water we use,\" the company's managing director, Anna "
            "Shipanga, told reporters.\n\n"
            "Deputy Minister said the permit would be reviewed in October.\n")
    # an office in capitals ("Deputy Minister", a title word) stays a role
    assert _spoken_as_written(language, text) == [
        ("that its new plant would draw only a fraction of its water allocation", "Usakos Tin",
         "organisation", "Usakos Tin"),
        ("\"We recycle most of the water we use,\"", "Anna Shipanga", "person",
         "the company's managing director, Anna Shipanga"),
        ("the permit would be reviewed in October", "Deputy Minister", "role",
         "Deputy Minister"),
    ]


_UNKNOWN_FIRST_NAME = ("a name the recogniser leaves unlabelled, whose first name the list of "
                       "first names lacks, is a role, not a person (as before 4fcc0e2, whose "
                       "over-reach review 45 narrowed)")


@pytest.mark.parametrize(("text", "quote", "name", "kind"), [
    # (right today)
    ("Otieno Odhiambo said the road would be finished in May.\n",
     "the road would be finished in May", "Otieno Odhiambo", "person"),
    pytest.param("Dorji Wangchuk said the glacier had shrunk by a third.\n",
                 "the glacier had shrunk by a third", "Dorji Wangchuk", "person",
                 marks=pytest.mark.xfail(strict=True, reason=_UNKNOWN_FIRST_NAME)),
    pytest.param("Uzoma Ibekwe, who runs a shop on the corner, said the rent had doubled.\n",
                 "the rent had doubled", "Uzoma Ibekwe", "person",
                 marks=pytest.mark.xfail(strict=True, reason=_UNKNOWN_FIRST_NAME)),
    pytest.param("State Auditor said the count would be finished by midnight.\n",
                 "the count would be finished by midnight", "State Auditor", "role"),
    pytest.param("The Fire Marshal said the blaze was under control.\n",
                 "the blaze was under control", "The Fire Marshal", "role"),
    pytest.param("The County Coroner said the cause of death was not yet known.\n",
                 "the cause of death was not yet known", "The County Coroner", "role"),
], ids=["otieno", "dorji", "uzoma", "state-auditor", "fire-marshal", "county-coroner"])
def test_a_persons_name_or_an_office_is_no_body_s_unlabelled_name(
        language: LanguageLayer, text: str, quote: str, name: str, kind: str) -> None:
    # the controls the body rule above needs: a given name and surname is a person's, an
    # office ("Auditor", "Marshal", "Coroner") a role, whether the list of titles holds it
    # or not
    assert _spoken_as_written(language, text) == [
        (quote, name, kind, name)]


def test_a_nickname_in_quotes_inside_a_name_keeps_the_surname(
        language: LanguageLayer) -> None:
    # the recogniser stops the person at the nickname's mark and reads the rest as a work
    text = ("ILOILO CITY — Sen. Marites \"Tess\" Villanueva-Ocampo, however, said the "
            "evacuation centres had run out of drinking water.\n\n"
            "\"The children are sick. Kailangan namin ng tubig,\" she said.\n\n"
            "In Passi, farmer Joselito \"Jun-Jun\" Macaraeg said the flood had taken his "
            "carabao.\n")
    # the nicknames themselves come out as direct quotes too: the strict xfail below
    # asserts them gone; here only the quotes that are no nickname are checked
    assert [q for q in _spoken_as_written(language, text)
            if q[0] not in ("\"Tess\"", "\"Jun-Jun\"")] == [
        ("the evacuation centres had run out of drinking water",
         "Marites \"Tess\" Villanueva-Ocampo", "person",
         "Sen. Marites \"Tess\" Villanueva-Ocampo"),
        ("\"The children are sick. Kailangan namin ng tubig,\"",
         "Marites \"Tess\" Villanueva-Ocampo", "person", "she"),
        ("the flood had taken his carabao", "Joselito \"Jun-Jun\" Macaraeg", "person",
         "farmer Joselito \"Jun-Jun\" Macaraeg"),
    ]


@pytest.mark.xfail(strict=True, reason="the nickname is read as a direct quote (review 42)")
def test_a_nickname_in_quotes_inside_a_name_is_no_quote(language: LanguageLayer) -> None:
    text = ("ILOILO CITY — Sen. Marites \"Tess\" Villanueva-Ocampo, however, said the "
            "evacuation centres had run out of drinking water.\n\n"
            "\"The children are sick. Kailangan namin ng tubig,\" she said.\n\n"
            "In Passi, farmer Joselito \"Jun-Jun\" Macaraeg said the flood had taken his "
            "carabao.\n")
    assert _spoken(language, text) == [
        ("the evacuation centres had run out of drinking water",
         "Marites \"Tess\" Villanueva-Ocampo", "person"),
        ("\"The children are sick. Kailangan namin ng tubig,\"",
         "Marites \"Tess\" Villanueva-Ocampo", "person"),
        ("the flood had taken his carabao", "Joselito \"Jun-Jun\" Macaraeg", "person"),
    ]


def test_his_excellency_alone_is_the_official_last_named_so(
        language: LanguageLayer) -> None:
    text = ("DOHA - Her Excellency Sheikha Maryam bint Hamad Al Kuwari, Minister of Culture, "
            "opened the festival on Monday.\n\n"
            "His Excellency Dr Yousef bin Ali Al Marri, Undersecretary of the Ministry of "
            "Commerce, said the festival had drawn 300 exhibitors.\n\n"
            "\"Our exhibitors come from 40 countries this year,\" His Excellency said.\n\n"
            "\"Culture is our bridge to the world,\" Her Excellency said.\n")
    assert _spoken_as_written(language, text) == [
        ("the festival had drawn 300 exhibitors", "Yousef bin Ali Al Marri", "person",
         "His Excellency Dr Yousef bin Ali Al Marri"),
        ("\"Our exhibitors come from 40 countries this year,\"", "Yousef bin Ali Al Marri",
         "person", "His Excellency"),
        ("\"Culture is our bridge to the world,\"", "Maryam bint Hamad Al Kuwari", "person",
         "Her Excellency"),
    ]


def test_a_name_set_off_after_a_role_keeps_it_across_a_relative_clause(
        language: LanguageLayer) -> None:
    # the parse hangs the name on the place after "of", and the clause on the name
    text = ("The mayor of Arauca, Hector Julio Villamizar, who is expected to accompany the "
            "mission, said the church had been in contact with the families.\n")
    quotes = quotes_of(language, text)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("the church had been in contact with the families", "Hector Julio Villamizar")]
    speaker = quotes[0].speaker
    assert speaker is not None and text[speaker.start:speaker.end] == "The mayor"
