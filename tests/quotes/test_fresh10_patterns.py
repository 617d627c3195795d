"""Attribution on the failures of the tenth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning10``): a song's words are its singer's;
"the Queen", "the pontiff" and "His Majesty" are the holder the story named with the title;
a player's handle ("said Vox") is the person named with it; an article is a document;
"I" in a letter to the editor is the name it is signed with; a name before its relative clause
speaks for a cue the parse left without a subject.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_lyrics_are_the_singers(language: LanguageLayer) -> None:
    text = (
        "Album review: a quiet record\n\n"
        "Theo Marsh wrote the album in a caravan.\n\n"
        "On \"Yard Light\" he turns it up. \"Nobody waits for the bus in this town,\" Marsh "
        "croons, \"they only wait for the weekend.\"\n\n"
        "The closer is the best thing here. \"Keep the porch light on,\" he raps over a slow "
        "beat.\n"
    )
    found = [q[:2] for q in said(language, text)]
    assert found == [
        ("\"Nobody waits for the bus in this town,\"", "Theo Marsh"),
        ("\"they only wait for the weekend.\"", "Theo Marsh"),
        ("\"Keep the porch light on,\"", "Theo Marsh"),
    ]


def test_a_song_sung_is_no_speech(language: LanguageLayer) -> None:
    text = (
        "Campaign cookout\n\n"
        "At the rally the mayor took the microphone, singing \"Our Time Is Now.\" Later the "
        "choir sang Springsteen's \"Land of Hope\" to the crowd.\n"
    )
    assert [q for q in said(language, text) if len(q) > 1] == []


def test_a_sole_title_is_its_named_holder(language: LanguageLayer) -> None:
    text = (
        "Queen opens hospice\n\n"
        "Queen Camilla opened a hospice in Leeds on Monday. \"Everyone here is "
        "extraordinary,\" the Queen said.\n\n"
        "\"It was a lovely surprise,\" Her Majesty told a nurse.\n\n"
        "Anne, the Princess Royal, toured the garden. \"We need more of these places,\" the "
        "Princess Royal said.\n\n"
        "Pope Gregory XVII sent a message. \"I am with you in prayer,\" the pontiff wrote.\n"
    )
    assert [q[:2] for q in said(language, text)] == [
        ("\"Everyone here is extraordinary,\"", "Queen Camilla"),
        ("\"It was a lovely surprise,\"", "Queen Camilla"),
        ("\"We need more of these places,\"", "Anne"),
        ("\"I am with you in prayer,\"", "Pope Gregory XVII"),
    ]


def test_an_alias_is_the_person_who_goes_by_it(language: LanguageLayer) -> None:
    text = (
        "Harbour Kings take the cup\n\n"
        "Support player Dana \"Wisp\" Okafor sealed the final. \"We trusted each other,\" "
        "said Wisp, 22.\n\n"
        "Their captain, Lukas Brandt, 25, who plays as Orbit, lifted the trophy. \"This is "
        "for the fans,\" Orbit said.\n"
    )
    assert [q[:2] for q in said(language, text)] == [
        ("\"We trusted each other,\"", "Dana Okafor"),
        ("\"This is for the fans,\"", "Lukas Brandt"),
    ]


def test_an_article_is_a_document(language: LanguageLayer) -> None:
    text = (
        "Parking row\n\n"
        "An article in the Gazette said the charges would \"ruin the high street\". "
        "\"Nobody was asked,\" the article added.\n"
    )
    assert said(language, text) == [
        ("the charges would \"ruin the high street\"", "An article", "document"),
        ("\"Nobody was asked,\"", "the article", "document"),
    ]


def test_i_in_a_signed_letter_is_its_signatory(language: LanguageLayer) -> None:
    text = (
        "Letters: The ring road and the pool\n\n"
        "The ring road\n\n"
        "When I met the planners last year I told them: \"Build the cycle lane first.\" They "
        "did not listen.\n\n"
        "— Harriet Kemble, Norton\n\n"
        "The pool\n\n"
        "As I said at the council meeting in May: \"The pool stays open while I am in this "
        "job.\"\n\n"
        "— Cllr Owen Bright, Leisure Lead, Norton Town Council\n"
    )
    # (the honorific of a signature stays in the name, as the letter signs it)
    assert said(language, text) == [
        ("\"Build the cycle lane first.\"", "Harriet Kemble", "person"),
        ("\"The pool stays open while I am in this job.\"", "Cllr Owen Bright", "person"),
    ]


def test_a_name_before_its_relative_clause_speaks(language: LanguageLayer) -> None:
    text = (
        "Mill reopens\n\n"
        "At the reopening in Halifax, engineer David Okoye, 52, who restored the wheel, "
        "said: \"It turned first time.\"\n"
    )
    assert ("\"It turned first time.\"", "David Okoye", "person") in said(language, text)


def test_the_phrase_of_a_speaker_is_not_speech(language: LanguageLayer) -> None:
    text = (
        "Mill reopens\n\n"
        "At the reopening in Halifax, engineer David Okoye, 52, who restored the wheel, "
        "said: \"It turned first time.\"\n"
    )
    assert said(language, text) == [("\"It turned first time.\"", "David Okoye", "person")]


def test_pull_quote_credits_make_no_letters_page(language: LanguageLayer) -> None:
    text = ("The bus cuts will hurt the people who can least afford it. I told colleagues "
            "on the council last month that we would regret them.\n\n"
            "\"I have used the 42 every day for thirty years.\"\n\n"
            "— Doris Kemp, 71, Eastfield\n\n"
            "\"Without it I cannot get to my shifts.\"\n\n"
            "— Omar Haddad, 29, care worker\n\n"
            "We said in our manifesto that the buses come first.")
    quotes = quotes_of(language, text, author="Helen Marsh")
    assert [q.text for q in quotes] == [
        "that we would regret them", "\"I have used the 42 every day for thirty years.\"",
        "\"Without it I cannot get to my shifts.\"", "that the buses come first"]
    assert [(q.speaker.name if q.speaker else None) for q in quotes] == [
        "Helen Marsh", "Doris Kemp", "Omar Haddad", "Helen Marsh"]
