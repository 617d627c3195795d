"""Attribution on the failures of the seventeenth fresh tuning set
(``benchmarks/fresh_attribution_eval.py --set tuning17``): a trial transcript's "Q." lines
are the words of the lawyer its lead-in names as examining the witness, the "A." lines the
witness's; a name the recogniser cut at a hyphen is the whole word ("Bae Seol-ah"); a name
set off after a role and the place it is held ("The head of the police in east Iceland, X,
said") is a person's, whatever the recogniser's label; a group "led by" a person named
between commas ("Analysts at X, led by Y, wrote") speaks as that person; a source "not
authorized to discuss" (or comment, or talk) is anonymous as one "not authorized to speak";
advice as a gerund ("she advises parboiling them") is reported speech; "his sister" is the
sister introduced by name as another's ("The rescued man's sister, X,"); "the governor" is
not the "Deputy Governor"; an alias is its holder's where a role comes between ("X, a retired
midwife known simply as Y") or the alias is past ("X, who was known as Y"); a Welsh
patronymic name ("Iestyn ap Gruffudd", "Mr ap Gruffudd") is a person's.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

import pytest

from quotes.quotes_support import said
from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes.speakers import _whole_hyphenated
from unspun.report import Entity


def test_trial_transcript_questions_are_the_examining_lawyer_s(
        language: LanguageLayer) -> None:
    text = (
        "Barn fire trial hears from the accused\n\n"
        "Owen Castell, the farrier accused of burning down a neighbour's barn, testified on "
        "Monday that he had been asleep at home when the fire began.\n\n"
        "Deputy Prosecutor Miriam Oakes began her cross-examination with the fuel receipts. "
        "The exchange, from the transcript:\n\n"
        "Q. You bought twenty litres of petrol that afternoon?\n\n"
        "A. For the mower. I told the police that.\n\n"
        "Later, Oakes turned to the smoke on his jacket.\n\n"
        "Q. How did the smoke get on your jacket?\n\n"
        "A. I went to help. Everybody did.\n"
    )
    assert said(language, text) == [
        ("that he had been asleep at home when the fire began", "Owen Castell", "person"),
        ("You bought twenty litres of petrol that afternoon?", "Miriam Oakes", "person"),
        ("For the mower. I told the police that.", "Owen Castell", "person"),
        ("How did the smoke get on your jacket?", "Miriam Oakes", "person"),
        ("I went to help. Everybody did.", "Owen Castell", "person"),
    ]


def test_interview_questions_are_no_quotes(language: LanguageLayer) -> None:
    text = (
        "Ten minutes with a lighthouse keeper\n\n"
        "By Ruth Anselm\n\n"
        "Daniel Morgan has kept the lighthouse at Penrock for 22 years. He spoke to Ruth "
        "Anselm about storms and solitude.\n\n"
        "Q: Do you ever get lonely out there?\n\n"
        "A: Never. The sea talks all night.\n\n"
        "Q: What will you do when you retire?\n\n"
        "A: Move inland and sleep.\n"
    )
    # (no courtroom: the questions are the writer's, not quotes)
    assert said(language, text) == [
        ("Never. The sea talks all night.", "Daniel Morgan", "person"),
        ("Move inland and sleep.", "Daniel Morgan", "person"),
    ]


def test_hyphenated_given_name_is_whole(language: LanguageLayer) -> None:
    text = (
        "Dancers sue agency\n\n"
        "Two former members of a dance troupe have sued their agency. Their former "
        "manager, Bae Seol-ah, said she had been told she owed the company money when she "
        "left.\n"
    )
    # (the recogniser stops at the hyphen, "Bae Seol", and the name in apposition is then
    # not the whole phrase between the commas)
    assert said(language, text) == [
        ("she had been told she owed the company money when she left", "Bae Seol-ah",
         "person"),
    ]


@pytest.mark.xfail(strict=True, reason=(
    "the words before \"according to\" are taken whole, \"The Mendez-led commission "
    "said\" included, and given to \"its chair\" as a role, not to Laura Mendez"))
def test_name_before_a_hyphenated_modifier_keeps_its_length(language: LanguageLayer) -> None:
    # (the recogniser tags no entity on "Mendez" in "Mendez-led": the hyphen rule is checked
    # on hand-made entities in test_a_name_before_an_english_participle_is_not_run_on)
    text = (
        "Reform plan unveiled\n\n"
        "The Mendez-led commission said the reforms would take three years, according to "
        "its chair, Laura Mendez. \"We start tomorrow,\" Mendez said.\n"
    )
    # (the chair, named as the source; the commission itself would do as well)
    assert said(language, text) == [
        ("the reforms would take three years", "Laura Mendez", "person"),
        ("\"We start tomorrow,\"", "Laura Mendez", "person"),
    ]


def test_name_set_off_after_a_role_and_its_place_is_a_person(
        language: LanguageLayer) -> None:
    text = (
        "Ferry services suspended\n\n"
        "The head of the harbour police in east Iceland, Einar Pétursson, said the crossings "
        "would stay closed until Friday.\n"
    )
    # (the recogniser reads the name as an organisation's, and the word before the comma is
    # a place, not a role)
    assert said(language, text) == [
        ("the crossings would stay closed until Friday", "Einar Pétursson", "person"),
    ]


def test_a_team_led_by_a_named_person_speaks_as_that_person(
        language: LanguageLayer) -> None:
    text = (
        "Lender's shares slide\n\n"
        "Analysts at Corrib Securities, led by Maeve Halloran, wrote in a note to clients "
        "that the lender's margins would shrink next year.\n"
    )
    # (not the bank the analysts work at, nor the analysts as a vague group)
    assert said(language, text) == [
        ("that the lender's margins would shrink next year", "Maeve Halloran", "person"),
    ]


def test_not_authorized_to_discuss_is_anonymity(language: LanguageLayer) -> None:
    text = (
        "Agency braces for cuts\n\n"
        "A senior agency official, who was not authorized to discuss the budget publicly, "
        "said that two regional offices would close.\n"
    )
    # (not only "not authorized to speak")
    assert said(language, text) == [
        ("that two regional offices would close", "A senior agency official", "anonymous"),
    ]


def test_advice_as_a_gerund_is_reported_speech(language: LanguageLayer) -> None:
    text = (
        "Kitchen notes: the perfect roast potato\n\n"
        "Sarah Benson has cooked Sunday lunch at her village pub for twenty years. She "
        "advises parboiling the potatoes for eight minutes and shaking them in the pan.\n\n"
        "She recommended a supplier in Shrewsbury for the goose fat.\n"
    )
    # (a thing recommended is no report of words)
    assert said(language, text) == [
        ("parboiling the potatoes for eight minutes and shaking them in the pan",
         "Sarah Benson", "person"),
    ]


def test_relative_introduced_as_someone_else_s_is_named_later(
        language: LanguageLayer) -> None:
    text = (
        "Climber rescued after three nights\n\n"
        "Tom Harland, 41, was found on Sunday by a mountain rescue team.\n\n"
        "The rescued man's sister, Louise Harland, 38, said she had never stopped hoping. "
        "His mother, Ruth, waited at the road.\n\n"
        "His sister said the family would thank the team in person.\n"
    )
    # (the sister was introduced as "the rescued man's", not as "his")
    assert said(language, text) == [
        ("she had never stopped hoping", "Louise Harland", "person"),
        ("the family would thank the team in person", "Louise Harland", "person"),
    ]


def test_the_office_is_not_its_deputy_s(language: LanguageLayer) -> None:
    text = (
        "Port authority raises fees\n\n"
        "Commissioner Hannah Weber announced the new fees on Monday. Deputy Commissioner "
        "Paul Krause said the money would pay for dredging.\n\n"
        "\"Nobody likes paying more,\" the commissioner said.\n"
    )
    # (a deputy's title is another office's)
    assert said(language, text) == [
        ("the money would pay for dredging", "Paul Krause", "person"),
        ("\"Nobody likes paying more,\"", "Hannah Weber", "role"),
    ]


def test_alias_given_after_a_role_or_in_the_past(language: LanguageLayer) -> None:
    text = (
        "Harbour ward race tightens\n\n"
        "Rosa Almeida Teles, a retired midwife known simply as Parteira, leads the poll. "
        "Tomas Brandt, who was known as Goalie in his playing days, is second.\n\n"
        "\"I delivered half this ward,\" Parteira said. \"I still stop the shots,\" Goalie "
        "said.\n"
    )
    assert said(language, text) == [
        ("\"I delivered half this ward,\"", "Rosa Almeida Teles", "person"),
        ("\"I still stop the shots,\"", "Tomas Brandt", "person"),
    ]


def test_welsh_patronymic_names_are_people(language: LanguageLayer) -> None:
    text = (
        "Parents fight closure\n\n"
        "The cabinet member for education, Rhodri ap Gwilym, said the school was too small. "
        "Parents led by Heledd Roberts said they would fight.\n\n"
        "\"Tiny Welsh-medium schools are where the language lives,\" said Aled Morgan, a "
        "local councillor.\n\n"
        "Mr ap Gwilym said he understood. \"I have read every letter,\" he said.\n"
    )
    # (the recogniser reads "Rhodri" as a place and "Gwilym" as a body, so "he" went to the
    # councillor named last)
    assert said(language, text) == [
        ("the school was too small", "Rhodri ap Gwilym", "person"),
        ("they would fight", "Parents", "vague"),
        ("\"Tiny Welsh-medium schools are where the language lives,\"", "Aled Morgan",
         "person"),
        ("\"I have read every letter,\"", "Rhodri ap Gwilym", "person"),
    ]


@pytest.mark.xfail(strict=True, reason=(
    "Kestrel, the lender's alias, is given the person's kind (it came in on her)"))
def test_an_alias_after_a_role_of_something_else_is_not_the_person_s(
        language: LanguageLayer) -> None:
    # the alias belongs to the firm in the role's phrase, not to the person before it
    text = (
        "Priya Ramaswamy, the head of a lender known as Kestrel, resigned on Monday. Kestrel "
        "said in a statement that it would appoint a successor.\n"
    )
    assert said(language, text) == [
        ("that it would appoint a successor", "Kestrel", "organisation")]


def test_a_stage_name_that_reads_as_a_name_is_kept(language: LanguageLayer) -> None:
    # readers know the singer by the stage name the article quotes her by
    text = (
        "Hannelore Brisk, the singer known as Dame Velvet, opened the festival on Friday. "
        "\"It felt like coming home,\" Dame Velvet said.\n"
    )
    assert said(language, text) == [
        ("\"It felt like coming home,\"", "Dame Velvet", "person")]


def test_a_party_led_by_someone_speaks_for_itself(language: LanguageLayer) -> None:
    # only a team's written note is its leader's words; a party's statement is the party's
    text = (
        "The Greens, led by Halvard Moen, said in a statement that the levy would fail.\n"
    )
    assert said(language, text) == [("that the levy would fail", "Greens", "organisation")]


def test_not_authorized_to_discuss_a_matter_is_no_anonymity(language: LanguageLayer) -> None:
    # details withheld, not a name: a role that says what it may not discuss, and a force
    text = (
        "A nurse at Linden Vale Hospital said she was not authorized to discuss the "
        "patient's care. Police said detectives were not authorized to comment while the "
        "search went on.\n"
    )
    assert said(language, text) == [
        ("she was not authorized to discuss the patient's care",
         "A nurse at Linden Vale Hospital", "role"),
        ("detectives were not authorized to comment while the search went on", "Police",
         "organisation"),
    ]


def test_a_name_before_an_english_participle_is_not_run_on() -> None:
    # "-trained" makes the name a modifier; only a short syllable ("-ah") is a name's half
    text = ("The Declan Rourke-trained mare beat Bae Seol-ah's horse. The Laura Mendez-led "
            "commission met.")

    def person(name: str) -> Entity:
        at = text.index(name)
        return Entity(text=name, label="PERSON", start=at, end=at + len(name), sentence=0)

    cut = [person("Declan Rourke"), person("Bae Seol"), person("Laura Mendez")]
    out = [_whole_hyphenated(e, text) for e in cut]
    assert [e.text for e in out] == ["Declan Rourke", "Bae Seol-ah", "Laura Mendez"]
    assert all(text[e.start:e.end] == e.text for e in out)


def test_a_body_set_off_after_the_head_of_it_is_no_person(language: LanguageLayer) -> None:
    # the name renames the operator; it does not read as a person's (no first name, no
    # patronymic surname)
    text = "The chief of the airline in Norway, Norse Atlantic, said fares would rise.\n"
    assert said(language, text) == [("fares would rise", "The chief", "role")]


def test_a_body_named_after_a_patronymic_is_the_body(language: LanguageLayer) -> None:
    # the body word after the name makes it an organisation; a councillor's title is no
    # part of the name
    text = (
        "The Iolo ap Rhys Trust said on Tuesday that the archive would reopen.\n\n"
        "Councillor Gethin ab Owain said the bridge would be repaired by June.\n"
    )
    assert said(language, text) == [
        ("that the archive would reopen", "Iolo ap Rhys Trust", "organisation"),
        ("the bridge would be repaired by June", "Gethin ab Owain", "person"),
    ]


def test_an_interview_that_names_a_prosecutor_is_no_trial(language: LanguageLayer) -> None:
    # a court word in the intro is no examination: the questions stay the interviewer's
    text = (
        "Lena Okonjo has argued cases before juries for twenty years. Prosecutor Sam Dyer "
        "once called her closing speeches a performance.\n\n"
        "Q. What drew you to the defence?\n\n"
        "A. Everyone deserves someone on their side.\n\n"
        "Q. Do you sleep before a verdict?\n\n"
        "A. Never the night before.\n"
    )
    # (the questions are no quotes; the answers are the interviewee's, not the prosecutor's)
    assert said(language, text) == [
        ("Everyone deserves someone on their side.", "Lena Okonjo", "person"),
        ("Never the night before.", "Lena Okonjo", "person"),
    ]
