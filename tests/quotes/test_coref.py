"""The pronoun resolver's candidates: who the text last reported as saying or thinking."""

from __future__ import annotations

import pytest

from quotes.quotes_support import coreference_of, quotes_of, said, speaker_of
from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes.coref import RULES, Candidate, SpeakerResolver, _noun_gender
from unspun.quotes.names import first_name_gender

BELIEVES = (
    "Anna Weller, a union organiser, met Tomas Brandt at the plant on Monday. "
    "Anna Weller believes the factory will close within a year. "
    "Tomas Brandt toured the assembly line.\n"
    '"Nobody here trusts the owners any more," he said.'
)
SAID = BELIEVES.replace("toured the assembly line", "said the line would stay open")


class Recording:
    """Keeps the rules' answer and what each pronoun's candidates were."""

    def __init__(self) -> None:
        self.seen: dict[int, dict[str, Candidate]] = {}

    def choose(self, pronoun: str, start: int, candidates: list[Candidate]) -> Candidate | None:
        self.seen[start] = {c.name: c for c in candidates}
        return RULES.choose(pronoun, start, candidates)


def _candidates(language: LanguageLayer, text: str) -> dict[str, Candidate]:
    recording = Recording()
    quotes = quotes_of(language, text, resolver=recording)
    assert speaker_of(quotes[-1]) is not None
    return recording.seen[text.index("he said")]


def test_the_subject_of_a_verb_of_thinking_is_a_reported_source(
        language: LanguageLayer) -> None:
    candidates = _candidates(language, BELIEVES)
    assert set(candidates) == {"Anna Weller", "Tomas Brandt"}
    weller, brandt = candidates["Anna Weller"], candidates["Tomas Brandt"]
    # Brandt is the latest subject, Weller the latest person reported as thinking something.
    assert brandt.features["subject_rank_0"] == 1.0
    assert weller.features["source_rank_0"] == 1.0
    assert weller.features["attribution_subject"] == 1.0
    assert "source_rank_0" not in brandt.features
    assert brandt.features["attribution_subject"] == 0.0


def test_a_later_speaker_outranks_an_earlier_thinker(language: LanguageLayer) -> None:
    candidates = _candidates(language, SAID)
    weller, brandt = candidates["Anna Weller"], candidates["Tomas Brandt"]
    assert brandt.features["source_rank_0"] == 1.0
    assert brandt.features["speaker_rank_0"] == 1.0
    assert weller.features["source_rank_1"] == 1.0
    # the pronoun's paragraph is not Brandt's
    assert brandt.features["source_rank_0_x_same_paragraph"] == 0.0


# A stance or an estimate reports a source as much as "said" does: the economist who
# "calculates" or "questioned" is the pronoun's likely speaker, not the paragraph before's.
STANCES = (
    "Farid Osei, a trade lawyer in Accra, said the tariff would not last the year.\n"
    "Helen Mbeki, an economist at Coastline Bank, {verb} the forecast.\n"
    '"The numbers simply do not add up," she said.'
)


@pytest.mark.parametrize("verb", ["questioned", "calculated", "disputed", "endorsed",
                                  "opposed", "challenged"])
def test_a_stance_verb_makes_its_subject_a_reported_source(
        language: LanguageLayer, verb: str) -> None:
    text = STANCES.format(verb=verb)
    recording = Recording()
    quotes_of(language, text, resolver=recording)
    candidates = recording.seen[text.index("she said")]
    mbeki = candidates["Helen Mbeki"]
    assert mbeki.features["attribution_subject"] == 1.0
    assert mbeki.features["source_rank_0"] == 1.0
    assert candidates["Farid Osei"].features["source_rank_1"] == 1.0
    # the feature is the model's: the rules still give "she" the last quoted, so only the
    # shipped resolver is held to the economist (a retrained model that ignores it fails)
    assert said(language, text) == [
        ("the tariff would not last the year", "Farid Osei", "person"),
        ('"The numbers simply do not add up,"', "Helen Mbeki", "person"),
    ]


# Verbs with a stance sense and a physical one make no source of a doer: in crime, sports and
# accident copy the witness's "he said" after them is still the witness's.
DOINGS = (
    "Shop owner Farid Osei said the raid lasted less than a minute.\n"
    "Police said Dean Holt, 34, {act} before fleeing.\n"
    '"I thought he was going to kill her," he said.'
)


@pytest.mark.parametrize("act", ["slammed the till shut", "attacked the cashier with a bottle",
                                 "backed his van into the door", "slammed into a parked car",
                                 "welcomed a customer"])
def test_a_verb_of_doing_does_not_make_a_source(language: LanguageLayer, act: str) -> None:
    text = DOINGS.format(act=act)
    recording = Recording()
    quotes_of(language, text, resolver=recording)
    candidates = recording.seen[text.index("he said")]
    assert candidates["Dean Holt"].features["attribution_subject"] == 0.0
    assert candidates["Farid Osei"].features["source_rank_0"] == 1.0


# The same verbs take a stance on a proposal or a record: "attacked the plan".
@pytest.mark.parametrize("act", ["attacked the plan", "backed the deal", "welcomed the decision",
                                 "slammed the figures"])
def test_a_stance_on_a_proposal_makes_a_source(language: LanguageLayer, act: str) -> None:
    text = ("Treasurer Farid Osei said the budget would balance by 2028.\n"
            f"Opposition leader Dean Holt {act} on Tuesday.\n"
            '"It is a fantasy," he said.')
    recording = Recording()
    quotes_of(language, text, resolver=recording)
    candidates = recording.seen[text.index("he said")]
    assert candidates["Dean Holt"].features["attribution_subject"] == 1.0
    assert candidates["Dean Holt"].features["source_rank_0"] == 1.0
    # the model's feature (the rules keep the treasurer): the shipped resolver's answer; the
    # first quote's name keeps "Treasurer" today, which this test does not pin
    quotes = said(language, text)
    assert [q[0] for q in quotes] == ["the budget would balance by 2028", '"It is a fantasy,"']
    assert quotes[1] == ('"It is a fantasy,"', "Dean Holt", "person")


# Nouns beside a name state its gender; a pronoun in a sentence about someone else does not.
NOUNS = (
    "Sarah Collins, the chairwoman of the county party, praised David Moreno on Monday. "
    "Congressman Ruben Vale backed him too. Her colleague, Dana Roe, stayed away. "
    "On the radio, his wife, Kit, said little."
)


def test_nouns_beside_a_name_state_its_gender(language: LanguageLayer) -> None:
    analysis = language.analyze(NOUNS, None)
    persons = [e for e in analysis.entities if e.label == "PERSON"]
    genders = {e.text: _noun_gender(analysis.doc.char_span(e.start, e.end))
               for e in persons}
    # apposition after the name, a title before it, the noun a name is in apposition to
    assert genders["Sarah Collins"] == "f"
    assert genders["Ruben Vale"] == "m"
    assert genders["Kit"] == "f"
    # a possessive "her" before "colleague" says nothing of Dana Roe, nor of David Moreno
    assert genders["Dana Roe"] is None
    assert genders["David Moreno"] is None


NAMED_INSIDE = (
    "Lena Marsh and Piet Okoro spoke after the vote on Tuesday. Okoro sat down first.\n"
    '"Nobody worked harder on this bill than Lena Marsh," he said.'
)


def test_a_name_inside_the_quote_is_not_its_speaker(language: LanguageLayer) -> None:
    recording = Recording()
    quotes_of(language, NAMED_INSIDE, resolver=recording)
    candidates = recording.seen[NAMED_INSIDE.index("he said")]
    assert candidates["Lena Marsh"].features["named_in_content"] == 1.0
    assert candidates["Piet Okoro"].features["named_in_content"] == 0.0


def test_a_long_title_before_a_name_states_its_gender(language: LanguageLayer) -> None:
    # "Princess" and "Prince" are longer than the titles the window once held ("Mr", "Ms")
    text = (
        "Princess Maria and Prince Daniel opened the new hospital wing in Valden.\n"
        '"We waited years for this," she said.'
    )
    recording = Recording()
    quotes = quotes_of(language, text, resolver=recording)
    assert quotes and text[quotes[-1].start:quotes[-1].end] == '"We waited years for this,"'
    candidates = recording.seen[text.index("she said")]
    assert candidates["Maria"].features.get("gender_agrees") == 1.0
    assert candidates["Daniel"].features.get("gender_clashes") == 1.0


def test_a_title_ending_the_sentence_before_states_nothing(language: LanguageLayer) -> None:
    text = (
        "The band played for the Queen. Tom Hale was delighted with the evening.\n"
        '"It was the best night of my life," he said.'
    )
    recording = Recording()
    quotes_of(language, text, resolver=recording)
    candidates = recording.seen[text.index("he said")]
    assert "gender_clashes" not in candidates["Tom Hale"].features


def test_a_first_name_gives_the_gender_the_article_leaves_unstated(
    language: LanguageLayer,
) -> None:
    assert first_name_gender("Hillary Clinton") == "f"
    assert first_name_gender("Donald Trump") == "m"
    assert first_name_gender("Clinton") is None  # a surname alone says nothing
    assert first_name_gender("Pat Morgan") is None  # a name given to both
    assert first_name_gender("Kim Jong Un") is None  # a family name first
    assert first_name_gender("Andrea Orlando") is None  # a man's name in Italy
    assert first_name_gender("President Joe Biden") == "m"  # a title is no first name
    # a capital inside the first name, or a name in capitals, is the same first name
    assert first_name_gender("RoseAnn Kettering") == "f"
    assert first_name_gender("LaToya Briggs") == "f"
    assert first_name_gender("PETER LUND") == "m"
    assert first_name_gender("KIM JONG UN") is None
    assert first_name_gender("will power") is None  # a word in lower case is no name
    text = ("Margaret Oduya met Peter Lund at the depot on Monday to discuss the strike. "
            "The talks lasted four hours.\n"
            '"We are still far apart," he said.')
    candidates = _candidates(language, text)
    assert candidates["Margaret Oduya"].features.get("name_gender_clashes") == 1.0
    assert candidates["Peter Lund"].features.get("name_gender_agrees") == 1.0
    # what the article states wins over the first name: Robin is mostly a woman's name
    assert first_name_gender("Robin Lund") == "f"
    stated = _candidates(language, text.replace("Peter Lund", "Mr Robin Lund"))["Robin Lund"]
    assert stated.features.get("gender_agrees") == 1.0
    assert "name_gender_clashes" not in stated.features


def test_the_first_name_list_keeps_only_names_clearly_of_one_sex() -> None:
    from training.first_names import split_by_gender

    male = {"Donald": 0.931, "Kelly": 0.063, "Chris": 0.197, "Pat": 0.022}
    female = {"Hillary": 0.013, "Kelly": 0.283, "Chris": 0.024, "Pat": 0.040}
    men, women = split_by_gender(male, female)
    assert (men, women) == (["Chris", "Donald"], ["Hillary", "Kelly"])
    assert split_by_gender(male, female, ratio=5.0) == (["Chris", "Donald"], ["Hillary"])
    assert split_by_gender({"Andrea": 0.01}, {"Andrea": 0.2}) == ([], [])  # ELSEWHERE_MEN


def test_the_model_has_no_answer_where_every_candidate_clashes() -> None:
    # "she" with only men the article calls "he" left: the rules' answer stands
    resolver = SpeakerResolver({"subject_rank_0": 1.0})
    clashing = Candidate("Tom Hale", "person", {"gender_clashes": 1.0, "subject_rank_0": 1.0})
    agreeing = Candidate("Ada Lind", "person", {"gender_agrees": 1.0})
    assert resolver.choose("she", 0, [clashing]) is None
    assert resolver.choose("she", 0, [clashing, agreeing]) is agreeing


LIVE_PAGE = (
    "The Latest: Senate hopefuls crisscross Iowa\n\n"
    "___.\n\n"
    "2:10 p.m.:\n\n"
    "Mark Ellison told reporters in Des Moines that the farm bill was dead for the year.\n\n"
    "“Nobody in Washington wants to touch it before November,” Ellison said. “I have tried.”\n\n"
    "___.\n\n"
    "3:40 p.m.:\n\n"
    "Paul Brandt is touring a tractor factory in Ankeny.\n\n"
    "The visit comes a week after the plant announced 300 layoffs.\n\n"
    "“We need these jobs back, and we need them now,” he said.\n"
)


def test_a_pronoun_stays_inside_its_entry_of_a_live_page(language: LanguageLayer) -> None:
    # an entry set apart by a rule ("___.") is a story of its own: "he" is the man it opens
    # with, not the last speaker of the entry before
    quotes = quotes_of(language, LIVE_PAGE)
    last = quotes[-1]
    assert last.text == "“We need these jobs back, and we need them now,”"
    assert speaker_of(last) == "Paul Brandt"
    assert last.speaker is not None and LIVE_PAGE[last.speaker.start:last.speaker.end] == "he"
    assert [speaker_of(q) for q in quotes[:-1]] == ["Mark Ellison"] * 3
    # other rules and clocks; a rule before no time stamp bounds nothing
    for rule, stamp in (("* * *", "3:40 p.m.:"), ("***", "15:40 GMT")):
        other = LIVE_PAGE.replace("___.", rule).replace("3:40 p.m.:", stamp)
        assert speaker_of(quotes_of(language, other)[-1]) == "Paul Brandt"
    untimed = LIVE_PAGE.replace("2:10 p.m.:\n\n", "").replace("3:40 p.m.:\n\n", "")
    unruled = untimed.replace("___.\n\n", "")
    assert [speaker_of(q) for q in quotes_of(language, untimed)] == [
        speaker_of(q) for q in quotes_of(language, unruled)]


def test_a_feature_s_section_break_is_no_live_page_entry(language: LanguageLayer) -> None:
    # "***" in a feature breaks a section, not the story: "she" is still the woman it is about
    text = (
        "Maria Gonzalez has lived in the same apartment on Fulton Street for thirty years.\n\n"
        "“This is the only home my children have known,” Gonzalez said.\n\n"
        "***\n\n"
        "Her landlord, Peter Novak, cut the rent by half when she lost her job in March.\n\n"
        "“I cried the first night,” she said.\n"
    )
    quotes = quotes_of(language, text)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("“This is the only home my children have known,”", "Maria Gonzalez"),
        ("“I cried the first night,”", "Maria Gonzalez"),
    ]



# A peeress's title states her gender as "Lady" does, before any "she" is counted.
PEERS = (
    "Lord Ashby of Wrenfield opened the debate on the care bill on Tuesday.\n"
    "Baroness Margaret Fitch, a former nurse, questioned the funding.\n"
    '"The money runs out in March," she said.'
)


def test_baroness_states_her_gender(language: LanguageLayer) -> None:
    _, coref = coreference_of(language, PEERS)
    assert coref.titled_genders == {"Ashby": "m", "Margaret Fitch": "f"}


# A title or a station the tagger reads as a person's name is no one "he" or "she" stands
# for when the article calls it a thing: the album, the station.
THINGS = (
    "The singer Michael Grant toured Ohio in May. His second album, Dear Ruth, is quieter"
    " than his debut.\n"
    "The radio station where Grant started, Harmony 88.1, played it all night.\n"
    '"I wanted the songs to breathe," he said.'
)


def test_a_name_in_apposition_to_a_thing_is_no_person(language: LanguageLayer) -> None:
    recording = Recording()
    quotes_of(language, THINGS, resolver=recording)
    start = THINGS.index("he said")
    candidates = recording.seen[start]
    assert "Michael Grant" in candidates
    assert not any("Ruth" in name or "Harmony" in name for name in candidates)
    # nor the rules' answer, which the resolver falls back on
    for resolver in (None, RULES):
        options = {} if resolver is None else {"resolver": resolver}
        quotes = quotes_of(language, THINGS, **options)
        assert [(q.text, speaker_of(q)) for q in quotes] == [
            ('"I wanted the songs to breathe,"', "Michael Grant")]
        speaker = quotes[0].speaker
        assert speaker is not None and (speaker.text, speaker.start) == ("he", start)


def test_a_thing_introduced_is_not_the_he_after_it(language: LanguageLayer) -> None:
    # the sentence before the quote introduces an album the tagger reads as a person: the
    # rule that gives "he" to the one just introduced must not give it to the album
    text = ("Dele Okafor played to a full hall in Leeds on Saturday night.\n\n"
            "His second album, Low Season, sold out in a week. \"I wrote every song on a "
            "night bus,\" he told the crowd.")
    for options in ({}, {"resolver": RULES}):
        assert said(language, text, **options) == [
            ("\"I wrote every song on a night bus,\"", "Dele Okafor", "person")]


def test_a_name_the_parse_makes_the_root_before_a_long_apposition_is_the_subject(
        language: LanguageLayer) -> None:
    # the parse hangs "learned" on the name as a modifier: the name is still the subject
    text = ("\"We cannot afford it,\" said Dana Whitfield, the council treasurer.\n\n"
            "Owen Marsh, the mayor's deputy and a longtime critic of the plan who had hoped to "
            "run for the seat, learned of the decision only on Monday. He said he was asked to "
            "tell the staff himself.\n")
    recording = Recording()
    quotes_of(language, text, resolver=recording)
    marsh = recording.seen[text.index("He said")]["Owen Marsh"]
    assert marsh.features["subject_of_previous_sentence"] == 1.0
    assert marsh.features["last_mention_subject"] == 1.0


@pytest.mark.xfail(strict=True, reason="the candidate's features changed but Dana Whitfield, "
                   "quoted before, still takes \"He said\" (review 42)")
@pytest.mark.parametrize("options", [{}, {"resolver": RULES}], ids=["default", "rules"])
def test_he_after_a_name_rooted_before_a_long_apposition_is_that_name(
        language: LanguageLayer, options: dict[str, object]) -> None:
    # the name with its long apposition is the subject of the sentence before "He said": a
    # careful reader gives the quote to Owen Marsh, not to the woman quoted a paragraph back
    text = ("\"We cannot afford it,\" said Dana Whitfield, the council treasurer.\n\n"
            "Owen Marsh, the mayor's deputy and a longtime critic of the plan who had hoped to "
            "run for the seat, learned of the decision only on Monday. He said he was asked to "
            "tell the staff himself.\n")
    quotes = quotes_of(language, text, **options)
    assert [(q.text, speaker_of(q)) for q in quotes] == [
        ("\"We cannot afford it,\"", "Dana Whitfield"),
        ("he was asked to tell the staff himself", "Owen Marsh"),
    ]
    last = quotes[-1].speaker
    assert last is not None and last.kind == "person" and last.start == text.index("He said")
