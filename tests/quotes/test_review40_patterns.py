"""Wrong names review 40 found in the rules of the fresh27 round, each fixed or narrowed."""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of, said, speaker_of
from unspun.nlp.pipeline import LanguageLayer


def test_an_office_with_the_before_it_is_not_joined_to_the_next_name(
        language: LanguageLayer) -> None:
    # "the Prime Minister and Chancellor X" are two people; "Cabinet Spokesman and
    # Minister of X Dr. Y" is one
    two = ("On Monday the Prime Minister and Chancellor Rachel Moss toured a factory in "
           "Derby. \"We are building again,\" the Prime Minister said.")
    assert said(language, two) == [
        ("\"We are building again,\"", "the Prime Minister", "role")]
    # (after a dateline, where the old code left "the Cabinet Spokesman" unnamed)
    one = ("COLOMBO: Cabinet Spokesman and Minister of Mass Media Dr. Nalin Perera briefed "
           "reporters. \"The tariff stays,\" the Cabinet Spokesman said.")
    quotes = quotes_of(language, one)
    assert [(q.text, speaker_of(q)) for q in quotes] == [("\"The tariff stays,\"", "Nalin Perera")]
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.kind == "role"
    assert speaker.start == one.index("the Cabinet Spokesman said")


def test_for_the_role_x_is_a_view_only_of_an_expert_or_with_words_quoted(
        language: LanguageLayer) -> None:
    # the writer's narration about someone is nobody's statement
    for text in ("For the defendant John Smith, the trial ended in a conviction.",
                 "For the late singer Amy Lane, fame came at a heavy price."):
        assert said(language, text) == [], text
    expert = "For the economist Marie Diallo, the reform comes too late."
    assert said(language, expert) == [
        ("the reform comes too late", "Marie Diallo", "person")]
    quoted = "For the retired teacher Rosa Lima, 68, the case is \"a farce\"."
    assert [s[1:] for s in said(language, quoted)] == [("Rosa Lima", "person")]


def test_the_minister_just_brought_in_must_act_in_the_main_clause(
        language: LanguageLayer) -> None:
    # a second minister mentioned in passing does not take "the minister"
    passing = ("Finance Minister Ann Lee presented the budget on Tuesday.\n\n"
               "The opposition demanded that Transport Minister Bob Roe resign over the rail "
               "chaos.\n\n"
               "\"This budget protects families,\" the minister said.\n")
    assert said(language, passing)[-1] == (
        "\"This budget protects families,\"", "the minister", "role")
    acting = ("Finance Minister Ann Lee announced new taxes on Tuesday.\n\n"
              "Health Minister Carl Finch told reporters hospitals would get more money.\n\n"
              "\"This is overdue,\" the minister said.\n")
    quotes = quotes_of(language, acting)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("reporters hospitals would get more money", "Carl Finch"),
        ("\"This is overdue,\"", "Carl Finch"),
    ]
    speaker = quotes[-1].speaker
    assert speaker is not None and speaker.kind == "role"
    assert speaker.start == acting.index("the minister said")


def test_gen_and_maj_before_a_surname_alone_are_given_names(
        language: LanguageLayer) -> None:
    maj = ("Maj Larsen, the mayor, opened the bridge on Friday. \"It took ten years,\" Larsen "
           "said.")
    assert said(language, maj) == [("\"It took ten years,\"", "Maj Larsen", "person")]
    text = ("Gen Nakatani, the defence minister, visited the base with his wife, Yumi "
            "Nakatani. \"We will not back down,\" Nakatani said.")
    assert said(language, text) == [
        ("\"We will not back down,\"", "Gen Nakatani", "person")]
    ranked = ("The army spokesman, Lt Col Patrick Kabeya, said the town was calm. \"We hold "
              "the bridge,\" Lt Col Kabeya told reporters.")
    assert [s[1] for s in said(language, ranked)] == ["Patrick Kabeya", "Patrick Kabeya"]


@pytest.mark.xfail(strict=True, reason="Gen and Maj are kept only before a single word: "
                   "\"Maj Britt Larsen\" loses its first given name (review 42)")
def test_maj_before_a_second_given_name_is_a_given_name(language: LanguageLayer) -> None:
    text = ("Maj Britt Larsen, the mayor, opened the bridge on Friday. \"It took ten years,\" "
            "Larsen said.")
    assert said(language, text) == [("\"It took ten years,\"", "Maj Britt Larsen", "person")]
