"""Fixes for what review 45 found in the fresh29 rules: every text is written for these
tests, and every span is checked against it."""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def _spoken(language: LanguageLayer, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(quoted text, speaker's name, speaker's kind, speaker's span as written) per quote;
    ``quotes_of`` checks every span against the text."""
    return [(q.text, q.speaker.name if q.speaker else None,
             q.speaker.kind if q.speaker else None,
             text[q.speaker.start:q.speaker.end] if q.speaker else "")
            for q in quotes_of(language, text)]


_DORJI = "Dorji Wangchuk said the glacier had shrunk by a third.\n"
_UZOMA = "Uzoma Ibekwe, who runs a shop on the corner, said the road would reopen next month.\n"
_OTIENO = "Otieno Odhiambo said on Sunday he would contest the seat.\n"
_KAROO = "JOHANNESBURG - Karoo Power Holdings said on Monday the power cuts would end.\n"


def test_an_unlabelled_name_is_a_body_s_only_on_a_sign_of_one(
        language: LanguageLayer) -> None:
    # a first name missing from the list, or an office whose head is no title word, is no
    # body: nothing in these sentences says "it". An office is a role
    for text, quote, name in (
            ("State Auditor said the count would be finished by midnight.\n",
             "the count would be finished by midnight", "State Auditor"),
            ("The Fire Marshal said the blaze was under control.\n",
             "the blaze was under control", "The Fire Marshal"),
            ("The County Coroner said the inquest would open next week.\n",
             "the inquest would open next week", "The County Coroner")):
        assert _spoken(language, text) == [(quote, name, "role", name)], text
    # a person's name is no body either; its kind, a role today where the list lacks the
    # first name, is asserted right in the strict xfail below
    for text, quote, name in (
            (_DORJI, "the glacier had shrunk by a third", "Dorji Wangchuk"),
            (_UZOMA, "the road would reopen next month", "Uzoma Ibekwe")):
        spoken = _spoken(language, text)
        assert [(s[0], s[1], s[3]) for s in spoken] == [(quote, name, name)], text
        assert spoken[0][2] != "organisation", text
    # all but the quote, which takes in "on Sunday" (the strict xfail further below)
    assert [s[1:] for s in _spoken(language, _OTIENO)] == [
        ("Otieno Odhiambo", "person", "Otieno Odhiambo")]
    # "its" opening what it said, "the" before a long name, or a body's word last is a
    # body's sign
    text = ("Karoo Lithium said on Monday that its new plant would use less water.\n\n"
            "The Bloque Popular Andino said in a statement that it would free the hostages.\n\n"
            "Usakos Tin said the mine would close.\n")
    assert _spoken(language, text) == [
        ("that its new plant would use less water", "Karoo Lithium", "organisation",
         "Karoo Lithium"),
        ("that it would free the hostages", "The Bloque Popular Andino", "organisation",
         "The Bloque Popular Andino"),
        ("the mine would close", "Usakos Tin", "organisation", "Usakos Tin")]


@pytest.mark.parametrize(("text", "quote", "name"), [
    (_DORJI, "the glacier had shrunk by a third", "Dorji Wangchuk"),
    (_UZOMA, "the road would reopen next month", "Uzoma Ibekwe"),
], ids=["dorji", "uzoma"])
@pytest.mark.xfail(strict=True, reason=(
    "a name the recogniser leaves unlabelled, whose first name the list of first names "
    "lacks, is a role, not a person (review 47, finding 11)"))
def test_a_given_name_and_surname_the_list_lacks_is_a_person(
        language: LanguageLayer, text: str, quote: str, name: str) -> None:
    assert _spoken(language, text) == [(quote, name, "person", name)]


@pytest.mark.parametrize(("text", "quote", "name", "kind"), [
    (_OTIENO, "he would contest the seat", "Otieno Odhiambo", "person"),
    (_KAROO, "the power cuts would end", "Karoo Power Holdings", "organisation"),
], ids=["otieno", "karoo"])
@pytest.mark.xfail(strict=True, reason=(
    "a day between \"said\" and a report with no \"that\" is read into what was said "
    "(seen pinning review 47, findings 11 and 12)"))
def test_a_day_after_said_is_no_part_of_what_was_said(
        language: LanguageLayer, text: str, quote: str, name: str, kind: str) -> None:
    assert _spoken(language, text) == [(quote, name, kind, name)]


def test_a_person_run_into_a_dateline_is_no_body(language: LanguageLayer) -> None:
    # the recogniser reads the dateline, a title and the name as one body; without the
    # dateline only a body's own words keep it one
    text = "ABUJA - Bishop Chidi Eze said on Monday the new clinic would open by December.\n"
    assert _spoken(language, text) == [
        ("the new clinic would open by December", "Chidi Eze", "person", "Bishop Chidi Eze")]
    text = "ASUNCIÓN - The Frente Sur said the strike would go on.\n"
    assert _spoken(language, text) == [
        ("the strike would go on", "The Frente Sur", "organisation", "The Frente Sur")]
    # all but the quote, which takes in "on Monday" (the strict xfail above)
    assert [s[1:] for s in _spoken(language, _KAROO)] == [
        ("Karoo Power Holdings", "organisation", "Karoo Power Holdings")]


def test_a_name_after_a_person_s_noun_and_a_relative_clause_is_that_person_s(
        language: LanguageLayer) -> None:
    # "who was arrested ... with his classmates" is the student's: the father is not named
    text = ("The father of the student, Thabo Nkosi, who was arrested at the protest with his "
            "classmates, said the college owed the family answers.\n")
    assert _spoken(language, text) == [
        ("the college owed the family answers", "The father of the student", "role",
         "The father of the student")]
    text = ("The lawyer of the suspect, Thabo Nkosi, who has been held since June, said the "
            "police had lost the file.\n")
    assert _spoken(language, text) == [
        ("the police had lost the file", "The lawyer of the suspect", "role",
         "The lawyer of the suspect")]
    # after a place the name is the office holder's, as before
    text = ("The mayor of Arauca, Hector Julio Villamizar, who is expected to go with the "
            "mission, said the families had been told.\n")
    assert _spoken(language, text) == [
        ("the families had been told", "Hector Julio Villamizar", "person", "The mayor")]


_NICKNAMED = [
    ("Boxer Manny \"Pacman\" Santos told reporters he would fight again.\n",
     "\"Pacman\"", "he would fight again", "Manny \"Pacman\" Santos"),
    ("Rapper Thabo \"Tbo\" Nkosi told the crowd the show would go on.\n",
     "\"Tbo\"", "the show would go on", "Thabo \"Tbo\" Nkosi"),
    ("Pastor Joel \"Jojo\" Mendoza said the church would help.\n",
     "\"Jojo\"", "the church would help", "Joel \"Jojo\" Mendoza"),
]
_NICKNAMED_IDS = ["boxer", "rapper", "pastor"]


@pytest.mark.parametrize(("text", "nickname", "quote", "name"), _NICKNAMED,
                         ids=_NICKNAMED_IDS)
def test_a_nicknamed_name_starts_after_a_job_the_recogniser_read_into_it(
        language: LanguageLayer, text: str, nickname: str, quote: str, name: str) -> None:
    # the name starts after the job; the span as written keeps the job. The nickname
    # itself also comes out as a direct quote: the strict xfail below asserts it gone;
    # here only that one row is left out
    written = text[:text.index(name) + len(name)]
    assert [s for s in _spoken(language, text) if s[0] != nickname] == [
        (quote, name, "person", written)]


@pytest.mark.parametrize(("text", "nickname", "quote", "name"), _NICKNAMED,
                         ids=_NICKNAMED_IDS)
@pytest.mark.xfail(strict=True, reason="the nickname is read as a direct quote (review 42)")
def test_a_nickname_after_a_job_is_no_quote(
        language: LanguageLayer, text: str, nickname: str, quote: str, name: str) -> None:
    written = text[:text.index(name) + len(name)]
    assert _spoken(language, text) == [(quote, name, "person", written)]


_EXCELLENCIES = [
    ("His Excellency Chief Emeka Nwosu, the Ambassador, said trade had doubled.",
     "trade had doubled", "Emeka Nwosu", "His Excellency Chief Emeka Nwosu"),
    ("His Excellency Bishop Musa Bello, the envoy to Kenya, said the visit went well.",
     "the visit went well", "Musa Bello", "His Excellency Bishop Musa Bello"),
]


def test_his_excellency_alone_is_the_official_without_the_usual_titles(
        language: LanguageLayer) -> None:
    for opening, reported, name, written in _EXCELLENCIES:
        text = f"{opening}\n\n\"We are partners,\" His Excellency said.\n"
        first, second = _spoken(language, text)
        assert second == ("\"We are partners,\"", name, "person", "His Excellency"), text
        # the reported quote's speaker is wrong today (the strict xfail below): "Chief"'s
        # name keeps the honorific and title and is a role, "Bishop"'s is the bare
        # "His Excellency", a role; only what is right is pinned
        assert first[0] == reported, text
        if opening.startswith("His Excellency Chief"):
            assert first[3] == written, text


@pytest.mark.parametrize(("opening", "reported", "name", "written"), _EXCELLENCIES,
                         ids=["chief", "bishop"])
@pytest.mark.xfail(strict=True, reason=(
    "the official who opens a paragraph with \"His Excellency\" and a title is no person "
    "by his bare name (review 47, finding 13)"))
def test_his_excellency_with_a_title_opening_a_report_is_the_named_person(
        language: LanguageLayer, opening: str, reported: str, name: str, written: str
) -> None:
    text = f"{opening}\n\n\"We are partners,\" His Excellency said.\n"
    assert _spoken(language, text) == [
        (reported, name, "person", written),
        ("\"We are partners,\"", name, "person", "His Excellency")]
