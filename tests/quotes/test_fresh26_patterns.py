"""Attribution on the failures of the twenty-sixth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning26``): state media, Thai and Brazilian
politics, war bloggers' Telegram channels.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of, said, speaker_of
from unspun.nlp.pipeline import LanguageLayer


def test_a_police_rank_before_a_name_is_no_part_of_it(language: LanguageLayer) -> None:
    text = (
        "Pol Gen Somchai Rakdee took over the force on Monday.\n\n"
        '"Every officer will wear a body camera by June," Pol Gen Somchai said.\n'
    )
    assert said(language, text) == [
        ('"Every officer will wear a body camera by June,"', "Somchai Rakdee", "person"),
    ]


def test_a_name_with_a_nickname_in_brackets_keeps_its_surname(
        language: LanguageLayer) -> None:
    text = (
        "The opposition leader, Wiroj (Bank) Kaewmanee, met farmers in Khon Kaen on "
        "Saturday.\n\n"
        '"The rice price has fallen for three seasons in a row," Mr Wiroj told them.\n'
    )
    assert said(language, text) == [
        ('"The rice price has fallen for three seasons in a row,"', "Wiroj (Bank) Kaewmanee",
         "person"),
    ]


def test_a_channel_named_after_its_kind_speaks_as_a_body(language: LanguageLayer) -> None:
    text = (
        "The channel Frontline Ledger, which is run by a former sapper, wrote on Monday that "
        "the bridge had been hit twice.\n\n"
        '"Nobody was told to take cover," the channel wrote.\n'
    )
    assert said(language, text) == [
        ("that the bridge had been hit twice", "Frontline Ledger", "organisation"),
        ('"Nobody was told to take cover,"', "Frontline Ledger", "organisation"),
    ]


def test_the_channel_is_the_one_named_last(language: LanguageLayer) -> None:
    text = (
        "The channel Eastern Watch wrote that the depot had burned all night. The channel "
        "Salt Road Notes disagreed.\n\n"
        '"The fire was small and it was out by midnight," the channel wrote.\n'
    )
    # the later "the channel" is the one named last (the first channel's kind: the xfail
    # below)
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("that the depot had burned all night", "Eastern Watch"),
        ('"The fire was small and it was out by midnight,"', "Salt Road Notes"),
    ]
    last = quotes[-1].speaker
    assert last is not None and last.kind == "organisation"
    assert last.start == text.index("the channel wrote")


@pytest.mark.xfail(strict=True, reason="\"The channel Eastern Watch\" followed by a second "
                   "channel is read as a person (review 42)")
def test_both_channels_named_after_their_kind_speak_as_bodies(
        language: LanguageLayer) -> None:
    text = (
        "The channel Eastern Watch wrote that the depot had burned all night. The channel "
        "Salt Road Notes disagreed.\n\n"
        '"The fire was small and it was out by midnight," the channel wrote.\n'
    )
    assert said(language, text) == [
        ("that the depot had burned all night", "Eastern Watch", "organisation"),
        ('"The fire was small and it was out by midnight,"', "Salt Road Notes", "organisation"),
    ]


def test_a_one_word_name_given_an_age_is_a_person_for_he(language: LanguageLayer) -> None:
    text = (
        "Supriyadi, a 47-year-old rice farmer from Klaten, said the new dam had come too "
        "late. \"We lost two harvests before they finished it,\" he said.\n"
    )
    quotes = said(language, text)
    assert [q[1:] for q in quotes] == [("Supriyadi", "person"), ("Supriyadi", "person")]
    assert [q[0] for q in quotes] == [
        "the new dam had come too late", '"We lost two harvests before they finished it,"']


def test_a_one_word_name_after_a_role_is_a_person_for_he(language: LanguageLayer) -> None:
    text = (
        "Quick counts put Kurniasih ahead in the race for regent on Wednesday, with Darmawan "
        "trailing.\n\n"
        '"The people have chosen change," Kurniasih told supporters in Mataram.\n\n'
        "Her opponent, Darmawan, speaking at a hotel across the city, said the margin was too "
        'small to call. "We ask our supporters to stay calm," he said.\n'
    )
    assert said(language, text) == [
        ('"The people have chosen change,"', "Kurniasih", "person"),
        ("the margin was too small to call", "Darmawan", "person"),
        ('"We ask our supporters to stay calm,"', "Darmawan", "person"),
    ]
    # the mentions that speak: the name, the role with the name after it, and "he"
    assert [q.speaker.start if q.speaker else None for q in quotes_of(language, text)] == [
        text.index("Kurniasih told"), text.index("Her opponent"), text.index("he said")]


def test_a_place_after_of_is_no_one_word_name(language: LanguageLayer) -> None:
    text = (
        "Maria Lopes, the mayor of Leiria, Portugal, the host city, said the roads would "
        "reopen on Friday.\n"
    )
    quotes = said(language, text)
    assert [q[1] for q in quotes] == ["Maria Lopes"]


def test_a_role_is_its_holder_named_so_far_not_one_named_later(
        language: LanguageLayer) -> None:
    text = (
        "The Minister of Justice, Carlos Menezes Filho, said the police had acted alone. "
        '"Nobody is above the law," the minister told journalists.\n\n'
        "The minister of the court who reports the case, Justice Helena Barros, has not set "
        "a deadline.\n"
    )
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("the police had acted alone", "Carlos Menezes Filho"),
        ('"Nobody is above the law,"', "Carlos Menezes Filho"),
    ]
    speaker = quotes[1].speaker
    assert speaker is not None and speaker.kind == "role"
    assert speaker.start == text.index("the minister told")


def test_a_lawmaker_from_a_place_is_no_speech_of_the_place(language: LanguageLayer) -> None:
    text = (
        "Hamid Sadeghi-Pour, a member of the committee, said the motion was ready. The "
        "lawmaker from Isfahan said it had been signed by 80 representatives.\n"
    )
    # the lawmaker speaks as a role, not the place (the old code named it "Isfahan")
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("the motion was ready", "Hamid Sadeghi-Pour"),
        ("it had been signed by 80 representatives", "The lawmaker from Isfahan"),
    ]
    speaker = quotes[1].speaker
    assert speaker is not None and speaker.kind == "role"
    assert speaker.start == text.index("The lawmaker")


def test_the_company_is_no_surname_read_as_a_body(language: LanguageLayer) -> None:
    text = (
        "The president of Hoshida Foods, Haruki Tomioka, bowed before reporters on Friday.\n\n"
        'Tomioka said the company had found bacteria in a tank. "If I leave now, it would be '
        'running away," Tomioka said.\n\n'
        "The company said it would open a hotline on Monday.\n"
    )
    assert said(language, text)[-1] == (
        "it would open a hotline on Monday", "Hoshida Foods", "organisation")
