"""Wrong names review 41 found in the rules of the tuning26 round, each fixed or narrowed."""

from __future__ import annotations

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
    assert said(language, text)[-1] == ("\"We have no choice,\"", "Unilever", "organisation")
    nicknamed = ("Nattapong (Ton) Wisetkul, leader of the party, spoke on Monday. \"We will "
                 "win,\" Mr Nattapong said.")
    assert said(language, nicknamed) == [
        ("\"We will win,\"", "Nattapong (Ton) Wisetkul", "person")]


def test_a_rank_the_recogniser_spans_alone_is_no_name(language: LanguageLayer) -> None:
    text = ("Police chief Pol Gen Somchai Rattanakorn said the roads would close. \"We will be "
            "ready,\" Pol Gen Somchai told reporters.")
    assert "Pol Gen" not in {s[1] for s in said(language, text)}
