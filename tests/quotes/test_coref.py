"""The pronoun resolver's candidates: who the text last reported as saying or thinking."""

from __future__ import annotations

from quotes.quotes_support import quotes_of, speaker_of
from unspun.nlp.pipeline import LanguageLayer
from unspun.quotes.coref import RULES, Candidate

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
