"""Attribution on the failures of the twenty-second fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning22``): "Baroness" is a title, as "Lady"
is, so that two baronesses are two people; a cleric's style ("the Rt Rev", "the Most Rev",
"the Revd Dr") is a title before the name, which the recogniser reads as the start of an
organisation's; "the noble Lord" is the peer last named under that title; a name and an
honorific after it ("Shah Sahib") is the person named in full; a call sign, or a first name
and patronymic given alone, right after the speaker's phrase is the speaker's name; "the
Russian envoy" is the person the article tied that people's word and role to; a call's
transcript labelled "DISPATCHER:" and "CALLER:" is the words of the people the story names by
those roles after the transcript; an opening participle the parse tags a noun ("Replying,
the minister, Baroness X, said") is no speaker, the name after it is; the "I" of an essay
credited "As told to" its writer is the subject the standfirst names, not the writer.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

import pytest

from quotes.quotes_support import quotes_of, said
from unspun.nlp.pipeline import LanguageLayer


def spans(language: LanguageLayer, text: str) -> list[tuple[str, int] | None]:
    """(speaker's text, start) of each quote of ``text``: which mention a rule resolved."""
    return [(q.speaker.text, q.speaker.start) if q.speaker and q.speaker.start is not None
            else None for q in quotes_of(language, text)]


def test_two_baronesses_are_two_people(language: LanguageLayer) -> None:
    text = (
        "Peers debate river pollution\n\n"
        "Peers clashed on Monday over penalties for water companies.\n\n"
        "Baroness Ellery-Vance, a Green peer, said the fines were too small. \"Nobody has gone "
        "to prison,\" she told the House.\n\n"
        "The minister, Baroness Okoro-Hale, said the bill gave the regulator new powers. \"I "
        "hear the House,\" the minister replied.\n"
    )
    assert said(language, text) == [
        ("the fines were too small", "Ellery-Vance", "person"),
        ("\"Nobody has gone to prison,\"", "Ellery-Vance", "person"),
        ("the bill gave the regulator new powers", "Okoro-Hale", "role"),
        ("\"I hear the House,\"", "Okoro-Hale", "role"),
    ]


def test_a_clerics_style_is_a_title(language: LanguageLayer) -> None:
    text = (
        "Synod backs new safeguarding body\n\n"
        "Moving the motion, the Rt Rev Harriet Mallory, the Bishop of Dunmere, said the church "
        "had failed. \"We have marked our own homework,\" the bishop said.\n"
    )
    assert said(language, text) == [
        ("the church had failed", "Harriet Mallory", "person"),
        ("\"We have marked our own homework,\"", "Harriet Mallory", "role"),
    ]


def test_the_noble_lord_is_the_peer_last_named(language: LanguageLayer) -> None:
    text = (
        "Peers press for a timetable\n\n"
        "Lord Pennard of Hollins, a former minister, said he had some sympathy with the bill. "
        "\"But we must be careful,\" the noble Lord said.\n"
    )
    assert said(language, text) == [
        ("he had some sympathy with the bill", "Pennard", "person"),
        ("\"But we must be careful,\"", "Pennard", "person"),
    ]
    assert spans(language, text) == [
        ("Lord Pennard of Hollins", text.index("Lord Pennard")),
        ("the noble Lord", text.index("the noble Lord")),
    ]


def test_a_name_before_sahib_is_the_person_named_in_full(language: LanguageLayer) -> None:
    text = (
        "Farmers wait for canal water\n\n"
        "The opposition leader, Syed Rafiq Ali Shah Naqvi, said the farmers had no water. "
        "\"Our farmers are waiting,\" Shah Sahib told reporters.\n"
    )
    assert said(language, text) == [
        ("the farmers had no water", "Syed Rafiq Ali Shah Naqvi", "person"),
        ("\"Our farmers are waiting,\"", "Syed Rafiq Ali Shah Naqvi", "person"),
    ]
    assert spans(language, text) == [
        ("The opposition leader, Syed Rafiq Ali Shah Naqvi", text.index("The opposition")),
        ("Shah Sahib", text.index("Shah Sahib")),
    ]


def test_a_call_sign_after_the_role_is_the_name(language: LanguageLayer) -> None:
    text = (
        "A mortar crew at the front\n\n"
        "The mortar sits under netting near a farm. The platoon commander, who gave his name "
        "only as Roman Ivanovych, said the crew fired a dozen rounds a day.\n\n"
        "A gunner with the call sign Kit, a former baker, said he missed his bakery. \"I dream "
        "about bread,\" Kit said.\n"
    )
    assert said(language, text) == [
        ("the crew fired a dozen rounds a day", "Roman Ivanovych", "person"),
        ("he missed his bakery", "Kit", "person"),
        ("\"I dream about bread,\"", "Kit", "person"),
    ]
    assert spans(language, text) == [
        ("The platoon commander", text.index("The platoon commander")),
        ("A gunner", text.index("A gunner")),
        ("Kit", text.index("Kit said")),
    ]


def test_a_peoples_envoy_is_the_one_tied_to_it(language: LanguageLayer) -> None:
    text = (
        "Council renews embargo\n\n"
        "The Russian envoy, Pyotr Sergeyevich Malin, said sanctions hurt ordinary people. "
        "\"We have heard this before,\" the Russian envoy said.\n\n"
        "The representative of China, Ambassador Gao Peiwen, said Beijing hoped for a review.\n"
    )
    assert said(language, text) == [
        ("sanctions hurt ordinary people", "Pyotr Sergeyevich Malin", "person"),
        ("\"We have heard this before,\"", "Pyotr Sergeyevich Malin", "role"),
        ("Beijing hoped for a review", "Gao Peiwen", "person"),
    ]


def test_transcript_roles_named_after_the_turns(language: LanguageLayer) -> None:
    text = (
        "Recording shows girl's calm call after crash\n\n"
        "A 10-year-old girl calmly reported a car crash on a county road on Monday.\n\n"
        "DISPATCHER: Nine-one-one, what is your emergency?\n\n"
        "CALLER: My mom's car went into the ditch and she can't open her door.\n\n"
        "DISPATCHER: OK. Is anybody bleeding?\n\n"
        "CALLER: No. She says her arm hurts.\n\n"
        "The dispatcher, Corinne Abernathy, said on Wednesday that the girl had known the "
        "road's name. The caller, Poppy Lindqvist, told reporters she had only done what her "
        "teacher said.\n"
    )
    assert said(language, text) == [
        ("Nine-one-one, what is your emergency?", "Corinne Abernathy", "person"),
        ("My mom's car went into the ditch and she can't open her door.", "Poppy Lindqvist",
         "person"),
        ("OK. Is anybody bleeding?", "Corinne Abernathy", "person"),
        ("No. She says her arm hurts.", "Poppy Lindqvist", "person"),
        ("that the girl had known the road's name", "Corinne Abernathy", "person"),
        ("she had only done what her teacher said", "Poppy Lindqvist", "person"),
    ]
    # a turn's speaker span is the name the story gives after the turns, not the label: the
    # label names a role, the span the person
    dispatcher, caller = text.index("Corinne Abernathy"), text.index("Poppy Lindqvist")
    assert spans(language, text) == [
        ("Corinne Abernathy", dispatcher), ("Poppy Lindqvist", caller),
        ("Corinne Abernathy", dispatcher), ("Poppy Lindqvist", caller),
        ("The dispatcher, Corinne Abernathy", text.index("The dispatcher")),
        ("The caller, Poppy Lindqvist", text.index("The caller")),
    ]


FENBY = (
    "Peers press minister on river pollution\n\n"
    "Lord Fenby of Harrowgate asked whether fines would rise.\n\n"
    "Replying, the environment minister, Baroness Kestle-Obi, said the bill already "
    "allowed larger fines.\n"
)


def test_an_opening_participle_is_no_speaker(language: LanguageLayer) -> None:
    # the name after the participle speaks (its name and the peer's: the xfails below)
    assert [q.text for q in quotes_of(language, FENBY)] == [
        "whether fines would rise", "the bill already allowed larger fines"]
    assert spans(language, FENBY) == [
        ("Lord Fenby of Harrowgate", FENBY.index("Lord Fenby")),
        ("Baroness Kestle-Obi", FENBY.index("Baroness Kestle-Obi")),
    ]
    # the name read as a body's: the role in apposition to the participle speaks
    text = (
        "Peers question the cuts\n\n"
        "Lord Ashby of Wexcombe asked whether the cuts would stand.\n\n"
        "Replying, the health minister, Baroness Merrow-Lindgren, said the cuts were under "
        "review.\n"
    )
    assert said(language, text) == [
        ("whether the cuts would stand", "Ashby", "person"),
        ("the cuts were under review", "Merrow-Lindgren", "role"),
    ]
    assert spans(language, text)[1] == ("the health minister", text.index("the health"))


@pytest.mark.xfail(strict=True, reason="a peer 'Lord X of Y' asking is read as a role with "
                   "the full style as its name, where 'Lord Ashby of Wexcombe' is Ashby")
def test_a_peer_of_a_place_asking_is_the_peer(language: LanguageLayer) -> None:
    assert said(language, FENBY)[0] == ("whether fines would rise", "Fenby", "person")


@pytest.mark.xfail(strict=True, reason="the title stays in the name here, where 1a568b5 "
                   "strips it ('Okoro-Hale', 'Merrow-Lindgren')")
def test_a_baroness_named_after_a_participle_loses_the_title(language: LanguageLayer) -> None:
    assert said(language, FENBY)[1][:2] == ("the bill already allowed larger fines",
                                            "Kestle-Obi")


def test_a_surname_ending_in_ing_is_no_participle(language: LanguageLayer) -> None:
    text = (
        "Harbour closes for repairs\n\n"
        "Pilling, the harbour master, said the pier would stay shut until spring.\n"
    )
    assert said(language, text) == [
        ("the pier would stay shut until spring", "Pilling", "role"),
    ]
    text = (
        "Council sets budget\n\n"
        "The council leader, Ruth Golding, met unions on Tuesday.\n\n"
        "Golding, the council leader, told reporters the cuts were \"painful but needed\".\n"
    )
    assert said(language, text) == [
        ("\"painful but needed\"", "Ruth Golding", "person"),
    ]


def test_an_as_told_to_essays_i_is_its_subject(language: LanguageLayer) -> None:
    text = (
        "\"I Drove a Snowplough for Thirty Winters\"\n\n"
        "As told to Nadia Ferreira-Holt\n\n"
        "Augustin Pelletier, 61, drove a snowplough in northern Vermont until last year. "
        "This conversation has been edited.\n\n"
        "The first winter, I nearly quit. My brother asked me why I stayed, and I told him "
        "the roads needed somebody who knew them.\n\n"
        "People honk at you. I always said, \"Honk all you like, I am clearing your road.\"\n"
    )
    assert said(language, text) == [
        ("why I stayed", "My brother", "role"),
        ("the roads needed somebody who knew them", "Augustin Pelletier", "person"),
        ("\"Honk all you like, I am clearing your road.\"", "Augustin Pelletier", "person"),
    ]


def test_a_call_sign_is_no_namesakes_full_name(language: LanguageLayer) -> None:
    text = (
        "Gunners short of shells\n\n"
        "The region's governor, Petro Zhuk, toured the front last month.\n\n"
        "A gunner with the call sign Zhuk, a former welder, said the battery was \"down to a "
        "few rounds a day\".\n"
    )
    assert said(language, text) == [
        ("\"down to a few rounds a day\"", "Zhuk", "person"),
    ]


def test_a_word_before_sahib_shared_by_two_is_nobody_named(language: LanguageLayer) -> None:
    text = (
        "Rally in Multan\n\n"
        "Nawaz Gill addressed traders on Friday. Tariq Gill Bhatti arrived later.\n\n"
        "\"The tax must go,\" Gill Sahib said.\n"
    )
    assert said(language, text) == [("\"The tax must go,\"", "Gill Sahib", "role")]


def test_a_former_envoy_is_not_the_peoples_envoy(language: LanguageLayer) -> None:
    text = (
        "Embassy reviews security\n\n"
        "Former British ambassador Kim Darroch resigned in 2019 after his cables leaked.\n\n"
        "\"We are reviewing our security,\" the British ambassador said in a statement on "
        "Friday.\n"
    )
    assert said(language, text) == [
        ("\"We are reviewing our security,\"", "the British ambassador", "role"),
    ]
    text = (
        "Embassy reviews security\n\n"
        "Sir Christopher Meyer, a former British ambassador to Washington, said leaks were "
        "common.\n\n"
        "\"We are reviewing our security,\" the British ambassador said in a statement on "
        "Friday.\n"
    )
    assert said(language, text) == [
        ("leaks were common", "Christopher Meyer", "person"),
        ("\"We are reviewing our security,\"", "the British ambassador", "role"),
    ]


def test_the_noble_lord_is_the_one_peer_named(language: LanguageLayer) -> None:
    # two peers: the subject of the sentence before, not the last named
    text = (
        "Peers question rail fares\n\n"
        "Lord Ambleside, the transport minister, answered a question from Lord Tresco "
        "about rail fares.\n\n"
        "\"Fares will be frozen,\" the noble Lord said.\n"
    )
    assert said(language, text) == [
        ("\"Fares will be frozen,\"", "Ambleside", "person"),
    ]
    assert spans(language, text) == [("the noble Lord", text.index("the noble Lord"))]
    # neither the subject: either may be meant
    text = (
        "Peers question rail fares\n\n"
        "The debate pitted Lord Ambleside against Lord Tresco over rail fares.\n\n"
        "\"Fares will be frozen,\" the noble Lord said.\n"
    )
    assert said(language, text) == [
        ("\"Fares will be frozen,\"", "the noble Lord", "role"),
    ]
    # a peer named in the quote itself is the one cited, not the speaker
    text = (
        "Peers question rail fares\n\n"
        "Lord Ambleside, the transport minister, opened the debate.\n\n"
        "\"As Lord Tresco said in March, the fares are too high,\" the noble Lord said.\n"
    )
    assert said(language, text) == [
        ("\"As Lord Tresco said in March, the fares are too high,\"", "Ambleside", "person"),
    ]
    assert spans(language, text) == [("the noble Lord", text.index("the noble Lord"))]
    # an office, or a First Lady, is no peer
    text = (
        "Peers question rail fares\n\n"
        "The Lord Speaker called the debate. First Lady Mary Hollis visited the station.\n\n"
        "\"Fares must fall,\" the noble Baroness said.\n"
    )
    assert said(language, text) == [
        ("\"Fares must fall,\"", "the noble Baroness", "role"),
    ]


def test_a_role_named_after_the_turns_must_be_the_role(language: LanguageLayer) -> None:
    # "a dispatcher, X," after the turns is another case's dispatcher, not this one
    text = (
        "Caller trapped by flood\n\n"
        "DISPATCHER: 911, what is your emergency?\n\n"
        "CALLER: The water is coming into my kitchen.\n\n"
        "Last spring a dispatcher, Wendy Hale, was suspended after a similar call.\n"
    )
    assert said(language, text) == []


def test_as_told_to_needs_the_subject_to_open_the_standfirst(language: LanguageLayer) -> None:
    # a name in the body is the narrator's father, not the narrator
    text = (
        "My Father's Last Spring\n\n"
        "As told to Priya Ranganathan\n\n"
        "When my father, Frank Russo, died in March 2021, I could not visit him. I told the "
        "nurses that he was \"still fighting\".\n"
    )
    assert said(language, text) == [
        ("\"still fighting\"", "the writer", "author"),
    ]
    # "As told to" a body, opening a sentence, is no credit
    text = (
        "Bridge repairs stall\n\n"
        "As told to Congress in May, the repairs have doubled in cost.\n\n"
        "Governor Gavin Newsom has refused to pay. I told his aides on Monday that the town "
        "\"cannot wait\".\n"
    )
    assert said(language, text) == [
        ("that the town \"cannot wait\"", "the writer", "author"),
    ]


def test_as_told_to_a_paragraph_in_the_first_person_is_the_essay(language: LanguageLayer) -> None:
    # the name opening the paragraph is the narrator's mother, not the narrator
    text = (
        "The Winter We Lost the Farm\n\n"
        "As told to Owen Pryce\n\n"
        "Martha Quill was my mother. When the bank took the farm in 1986, I was nine. I told "
        "my teacher that we were \"moving to town\".\n"
    )
    assert said(language, text) == [
        ("\"moving to town\"", "the writer", "author"),
    ]


def test_after_the_turns_the_dispatcher_of_another_call_is_no_ones(language: LanguageLayer) -> None:
    text = (
        "Crash caller stays on the line\n\n"
        "DISPATCHER: 911, where are you?\n\n"
        "CALLER: On the bridge. A truck hit the rail.\n\n"
        "Another call came in a few minutes later. The dispatcher, Glen Ostrow, who answered it, "
        "sent a second ambulance.\n"
    )
    # as before the turns' roles were named: an unnamed label's turn is no quote
    assert said(language, text) == []


def test_a_sentence_opener_before_the_surname_is_no_other_holder(language: LanguageLayer) -> None:
    texts = [
        "Traders protest in Lahore\n\n"
        "Tariq Mehmood Chaudhry led the march on Monday. Later Chaudhry spoke to shopkeepers.\n\n"
        "\"We will not pay twice,\" Chaudhry Sahib said.\n",
        "Traders protest in Lahore\n\n"
        "Tariq Mehmood Chaudhry led the march on Monday. The Chaudhry family owns two mills.\n\n"
        "\"We will not pay twice,\" Chaudhry Sahib said.\n",
    ]
    for text in texts:
        assert said(language, text) == [
            ("\"We will not pay twice,\"", "Tariq Mehmood Chaudhry", "person")]
        assert spans(language, text) == [("Chaudhry Sahib", text.index("Chaudhry Sahib"))]


def test_a_call_signs_later_quotes_stay_the_call_signs(language: LanguageLayer) -> None:
    # the namesake named in full is another man; the soldier's later quotes stay his
    text = (
        "Drivers ration fuel\n\n"
        "The region's deputy governor, Mykola Bondar, opened a depot on Monday.\n\n"
        "A medic with the call sign Bondar, a former vet, said the roads were \"the real "
        "enemy\".\n\n"
        "\"We lose more time in mud than under fire,\" Bondar said.\n\n"
        "\"Nobody sleeps in spring,\" he added.\n"
    )
    assert [q[1:] for q in said(language, text)] == [("Bondar", "person")] * 3
    # the call sign within the speaker's phrase
    text = (
        "Drivers ration fuel\n\n"
        "The region's deputy governor, Mykola Bondar, opened a depot on Monday.\n\n"
        "A medic with the call sign Bondar said the roads were \"the real enemy\".\n"
    )
    assert [q[1:] for q in said(language, text)] == [("Bondar", "person")]


def test_the_noble_lord_is_not_the_peer_asking(language: LanguageLayer) -> None:
    # the asker is no answer; a viscount answering is "the noble Lord" too: a role, no name
    texts = [
        "Peers press on ferry subsidies\n\n"
        "Lord Brockway asked Lord Elstree, the minister, whether island ferries would be cut.\n\n"
        "\"No crossing will close,\" the noble Lord said.\n",
        "Peers press on ferry subsidies\n\n"
        "Lord Brockway asked the government about island ferries.\n\n"
        "Viscount Ashdene of Holm, the minister, replied that the subsidy was safe.\n\n"
        "\"No crossing will close,\" the noble Lord said.\n",
    ]
    found = [
        [("whether island ferries would be cut", "Brockway", "person"),
         ("\"No crossing will close,\"", "the noble Lord", "role")],
        [("that the subsidy was safe", "Viscount Ashdene", "person"),
         ("\"No crossing will close,\"", "the noble Lord", "role")],
    ]
    for text, quotes in zip(texts, found, strict=True):
        assert said(language, text) == quotes
