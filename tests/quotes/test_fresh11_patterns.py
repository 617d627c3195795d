"""Attribution on the failures of the eleventh fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning11``): the country after a dateline's
place is no person; "the Minister", capitalised as government releases write it, is the
holder named with the title; a person the recogniser read as a place is a person when the
article calls them by the first name alone ("Dele says", "Dele, 40,"); "an insider at
Rosie's bakery" is an anonymous source, and neither it nor a role for "Hale's landlord" is
the person named in the possessive; "she" after a quote opening its sentence is the woman
the sentence before introduced ("Aila Munro, 34, runs the cafe."), not the last one quoted;
"purred" and "cooed" report speech.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def test_the_country_after_a_datelines_place_is_no_person() -> None:
    from unspun.quotes.speakers import named_entities
    from unspun.report import Entity

    text = "BRIDGETOWN, Santa Lucia — Mary Cole opened the clinic on Monday."
    at = text.index("Santa Lucia")
    read = [Entity(start=at, end=at + 11, text="Santa Lucia", label="PERSON", sentence=0),
            Entity(start=at + 14, end=at + 23, text="Mary Cole", label="PERSON", sentence=0)]
    assert [(e.label, text[e.start:e.end]) for e in named_entities(read, text)] == [
        ("GPE", "Santa Lucia"), ("PERSON", "Mary Cole")]


def test_the_capitalised_minister_is_the_named_holder(language: LanguageLayer) -> None:
    text = (
        "Ferry service for the south coast\n\n"
        "CASTRIES, Saint Lucia — The Minister for Ports and Transport, the Hon. Marcus "
        "Devaux, has announced a new ferry service.\n\n"
        "Speaking in Soufriere on Monday, Minister Devaux said the ferry would start in May. "
        "\"We have listened to the people of the south,\" the Minister said.\n\n"
        "The Chief Engineer, Mr. Alan Joseph, said work would begin soon. \"We will work at "
        "night,\" Mr. Joseph said.\n"
    )
    # (an office written alone stays a role, named: "the Minister" is Marcus Devaux)
    assert said(language, text) == [
        ("the ferry would start in May", "Marcus Devaux", "person"),
        ("\"We have listened to the people of the south,\"", "Marcus Devaux", "role"),
        ("work would begin soon", "Alan Joseph", "person"),
        ("\"We will work at night,\"", "Alan Joseph", "person"),
    ]


def test_the_premier_after_premier_name(language: LanguageLayer) -> None:
    text = (
        "Premier opens hospital wing\n\n"
        "Premier Alana Whitford opened the new wing at Redcliffe Hospital on Friday. "
        "\"This wing will see its first patients next week,\" the Premier said.\n\n"
        "Nurses' union secretary Beth Carew said staff were ready. \"We have waited a long "
        "time for this,\" Carew said.\n"
    )
    # ("Premier", which the recogniser labels an organisation, is an office: a role)
    assert said(language, text) == [
        ("\"This wing will see its first patients next week,\"", "Alana Whitford", "role"),
        ("staff were ready", "Beth Carew", "person"),
        ("\"We have waited a long time for this,\"", "Beth Carew", "person"),
    ]


def test_a_person_read_as_a_place_is_called_by_the_first_name() -> None:
    from unspun.quotes.speakers import named_entities
    from unspun.report import Entity

    text = ("By the time Dele Amusan has opened the garage, six bikes are waiting. "
            "\"Saturdays are for the street,\" Dele says. Dele, 40, will not retire.")
    start = text.index("Dele Amusan")
    read = [Entity(start=start, end=start + 11, text="Dele Amusan", label="GPE", sentence=0)]
    found = [(e.label, e.text, text[e.start:e.end])
             for e in named_entities(read, text, lambda at: 0)]
    # the place is a person, and the first name alone mentions them
    assert found == [("PERSON", "Dele Amusan", "Dele Amusan"), ("PERSON", "Dele", "Dele"),
                     ("PERSON", "Dele", "Dele")]


def test_a_place_called_by_its_first_word_stays_a_place() -> None:
    from unspun.quotes.speakers import named_entities
    from unspun.report import Entity

    text = ("Officials in Puerto Rico met on Monday. Puerto Ricans, 61, said the storm was the "
            "worst in years. Mexico City said it would send help, and Mexico says more.")
    places = [(text.index("Puerto Rico"), "Puerto Rico"), (text.index("Mexico City"),
                                                            "Mexico City")]
    read = [Entity(start=at, end=at + len(name), text=name, label="GPE", sentence=0)
            for at, name in places]
    assert [e.label for e in named_entities(read, text, lambda at: 0)] == ["GPE", "GPE"]


def test_an_insider_at_someones_place_is_anonymous_not_them(language: LanguageLayer) -> None:
    text = (
        "Feud on the high street\n\n"
        "Baker Rosie Hale opened her shop next to her old boss's cafe last month.\n\n"
        "An insider at Rosie's bakery says she has hired two of his bakers.\n\n"
        "A spokesman for Hale's landlord said the lease was signed in May.\n"
    )
    found = [(q.text, q.speaker.kind, q.speaker.name) for q in quotes_of(language, text)
             if q.speaker is not None]
    assert found == [
        ("she has hired two of his bakers", "anonymous", "An insider at Rosie's bakery"),
        ("the lease was signed in May", "role", "A spokesman for Hale's landlord"),
    ]


def test_she_after_a_quote_is_the_woman_just_introduced(language: LanguageLayer) -> None:
    text = (
        "Harbour repairs\n\n"
        "Engineer Ruth Kerr said the sea wall would be rebuilt by spring. \"We have the money "
        "at last,\" Kerr said.\n\n"
        "Aila Munro, 34, runs the cafe at the end of the pier. \"Trade has halved since the "
        "storm,\" she said.\n\n"
        "Her neighbour, Morag Innes, sells bait from a hut. \"Nobody comes when the wall is "
        "shut,\" she said. \"Nobody.\"\n"
    )
    assert said(language, text) == [
        ("the sea wall would be rebuilt by spring", "Ruth Kerr", "person"),
        ("\"We have the money at last,\"", "Ruth Kerr", "person"),
        ("\"Trade has halved since the storm,\"", "Aila Munro", "person"),
        ("\"Nobody comes when the wall is shut,\"", "Morag Innes", "person"),
        ("\"Nobody.\"", "Morag Innes", "person"),
    ]


def test_a_gossip_columns_purred_and_cooed_are_speech(language: LanguageLayer) -> None:
    text = (
        "Party season\n\n"
        "Reality star Tamsin Vale was spotted at a Soho club on Friday with her new beau.\n\n"
        "Her rival, Petra Lowe, was less impressed. \"She could do better,\" Lowe purred.\n\n"
        "Tamsin's stepfather, Graham Vale, could not stop smiling. \"They make a lovely "
        "couple,\" he cooed.\n"
    )
    assert said(language, text) == [
        ("\"She could do better,\"", "Petra Lowe", "person"),
        ("\"They make a lovely couple,\"", "Graham Vale", "person"),
    ]
