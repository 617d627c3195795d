"""Wrong names review 41 found in the rules of the tuning26 round, each fixed or narrowed."""

from __future__ import annotations

import pytest

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer


def test_two_ministers_in_one_sentence_leave_the_minister_unnamed(
        language: LanguageLayer) -> None:
    text = ("Russian Foreign Minister Sergei Lavrov was welcomed in Beijing by Chinese Foreign "
            "Minister Wang Yi on Tuesday. \"China values this friendship,\" the minister said.")
    assert said(language, text) == [
        ("\"China values this friendship,\"", "the minister", "role")]


def test_a_company_s_branch_in_brackets_is_no_nicknamed_person(
        language: LanguageLayer) -> None:
    text = ("Unilever (Thailand) Limited said prices would rise. \"We have no choice,\" "
            "Unilever said.")
    # the branch in brackets is not read as a nickname: the last quote goes to the company
    quotes = said(language, text)
    assert [q[0] for q in quotes] == ["prices would rise", "\"We have no choice,\""]
    assert quotes[-1] == ("\"We have no choice,\"", "Unilever", "organisation")
    nicknamed = ("Nattapong (Ton) Wisetkul, leader of the party, spoke on Monday. \"We will "
                 "win,\" Mr Nattapong said.")
    assert said(language, nicknamed) == [
        ("\"We will win,\"", "Nattapong (Ton) Wisetkul", "person")]


def test_a_rank_the_recogniser_spans_alone_is_no_name(language: LanguageLayer) -> None:
    # the old code named both quotes "Pol Gen Somchai"; the mention by rank and given name
    # now names a person without the rank (the first quote's name: the xfail below)
    text = ("Police chief Pol Gen Somchai Rattanakorn said the roads would close. \"We will be "
            "ready,\" Pol Gen Somchai told reporters.")
    quotes = said(language, text)
    assert [q[0] for q in quotes] == ["the roads would close", "\"We will be ready,\""]
    assert "Pol Gen Somchai" not in {q[1] for q in quotes}
    _quote, name, kind = quotes[1]
    assert kind == "person" and "Somchai" in name and not {"Pol", "Gen"} & set(name.split())


@pytest.mark.xfail(strict=True, reason="the first quote's name keeps the job and the rank "
                   "(a role), the second loses the surname (review 42)")
def test_a_ranked_officer_is_named_in_full_without_the_rank(language: LanguageLayer) -> None:
    text = ("Police chief Pol Gen Somchai Rattanakorn said the roads would close. \"We will be "
            "ready,\" Pol Gen Somchai told reporters.")
    assert said(language, text) == [
        ("the roads would close", "Somchai Rattanakorn", "person"),
        ("\"We will be ready,\"", "Somchai Rattanakorn", "person"),
    ]


@pytest.mark.xfail(strict=True, reason="the company's first quote goes to a role named "
                   "\"Limited\" (review 41, review 42)")
def test_a_company_with_its_branch_in_brackets_speaks_in_both_quotes(
        language: LanguageLayer) -> None:
    text = ("Unilever (Thailand) Limited said prices would rise. \"We have no choice,\" "
            "Unilever said.")
    assert said(language, text) == [
        ("prices would rise", "Unilever (Thailand) Limited", "organisation"),
        ("\"We have no choice,\"", "Unilever", "organisation"),
    ]
