"""The pronoun resolver's candidates: who the text last reported as saying or thinking."""

from __future__ import annotations

from quotes.quotes_support import quotes_of, speaker_of
from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes.coref import RULES, Candidate, _noun_gender

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
