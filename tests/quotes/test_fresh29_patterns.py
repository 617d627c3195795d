"""Who said what in the tuning29 set's styles (Latin American, African, Asian, Gulf, Dutch
and Australian regional copy): every text is written for these tests, and every span is
checked against it."""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def _spoken(language: LanguageLayer, text: str) -> list[tuple[str, str | None, str | None]]:
    """(quoted text, speaker's name, speaker's kind) per quote; ``quotes_of`` checks that
    each span, the speaker's included, is its text."""
    return [(q.text, q.speaker.name if q.speaker else None,
             q.speaker.kind if q.speaker else None) for q in quotes_of(language, text)]


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
        assert "it would close its smelter for two months of repairs" in quote.text
        assert text[quote.start:quote.end] == quote.text
        assert speaker is not None and speaker.kind == "organisation"
        assert text[speaker.start:speaker.end] == body
        assert speaker.name is not None and dateline not in speaker.name


def test_a_body_s_name_the_recogniser_leaves_unlabelled_is_no_role(
        language: LanguageLayer) -> None:
    # two capitalised proper nouns that open with no given name and hold no title: a body's
    text = ("Tin miner defends water use as herders object\n\n"
            "WINDHOEK - Usakos Tin said on Friday that its new plant would draw only a "
            "fraction of its water allocation, after herders objected.\n\n"
            "\"We recycle most of the water we use,\" the company's managing director, Anna "
            "Shipanga, told reporters.\n\n"
            "Deputy Minister said the permit would be reviewed in October.\n")
    spoken = _spoken(language, text)
    assert spoken[0][1:] == ("Usakos Tin", "organisation")
    assert spoken[0][0].endswith("its new plant would draw only a fraction of its water "
                                 "allocation")
    assert spoken[1] == ("\"We recycle most of the water we use,\"", "Anna Shipanga", "person")
    # an office in capitals stays a role
    assert spoken[2] == ("the permit would be reviewed in October", "Deputy Minister", "role")


def test_a_nickname_in_quotes_inside_a_name_keeps_the_surname(
        language: LanguageLayer) -> None:
    # the recogniser stops the person at the nickname's mark and reads the rest as a work
    text = ("ILOILO CITY — Sen. Marites \"Tess\" Villanueva-Ocampo, however, said the "
            "evacuation centres had run out of drinking water.\n\n"
            "\"The children are sick. Kailangan namin ng tubig,\" she said.\n\n"
            "In Passi, farmer Joselito \"Jun-Jun\" Macaraeg said the flood had taken his "
            "carabao.\n")
    spoken = _spoken(language, text)
    reported = [s for s in spoken if s[0].endswith("had run out of drinking water")]
    assert [s[1:] for s in reported] == [("Marites \"Tess\" Villanueva-Ocampo", "person")]
    assert ("\"The children are sick. Kailangan namin ng tubig,\"",
            "Marites \"Tess\" Villanueva-Ocampo", "person") in spoken
    farmer = [s for s in spoken if s[0].endswith("the flood had taken his carabao")]
    assert [s[1:] for s in farmer] == [("Joselito \"Jun-Jun\" Macaraeg", "person")]
    speaker = next(q.speaker for q in quotes_of(language, text)
                   if q.text.endswith("had run out of drinking water"))
    assert speaker is not None
    assert text[speaker.start:speaker.end] == "Sen. Marites \"Tess\" Villanueva-Ocampo"


def test_his_excellency_alone_is_the_official_last_named_so(
        language: LanguageLayer) -> None:
    text = ("DOHA - Her Excellency Sheikha Maryam bint Hamad Al Kuwari, Minister of Culture, "
            "opened the festival on Monday.\n\n"
            "His Excellency Dr Yousef bin Ali Al Marri, Undersecretary of the Ministry of "
            "Commerce, said the festival had drawn 300 exhibitors.\n\n"
            "\"Our exhibitors come from 40 countries this year,\" His Excellency said.\n\n"
            "\"Culture is our bridge to the world,\" Her Excellency said.\n")
    spoken = _spoken(language, text)
    assert ("\"Our exhibitors come from 40 countries this year,\"", "Yousef bin Ali Al Marri",
            "person") in spoken
    assert ("\"Culture is our bridge to the world,\"", "Maryam bint Hamad Al Kuwari",
            "person") in spoken


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
