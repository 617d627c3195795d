"""The never-claim and verifiable rules of :mod:`unspun.claims`, on sentences written for
these tests (none is taken from a corpus). Each line of TEXT is one sentence."""

from __future__ import annotations

import pytest

pytest.importorskip("numpy")

from tests.claims.test_claims_layer import constant_head, fake_encode

from unspun.claims import find_claims, is_verifiable, never_claim, score_sentences
from unspun.nlp.pipeline import LanguageAnalysis, LanguageLayer

NEVER = [
    ("(Reporting by Jane Roe; Editing by John Doe.)", "credit"),
    ("Additional reporting by Jane Roe in London.", "credit"),
    ("Compiled by the city desk.", "credit"),
    ("WASHINGTON (AP) —", "dateline"),
    ("LONDON, Sept. 8 (Reuters) -", "dateline"),
    ("7 p.m.", "dateline"),
    ("Photo: A crowd gathers outside the court.", "caption"),
    ("(AP Photo/Evan Vucci)", "caption"),
    ("Getty/Instagram.", "caption"),
    ("Sign up for our newsletter.", "call_to_action"),
    ("Click here to read the full report.", "call_to_action"),
    ("Follow us on Twitter.", "call_to_action"),
    ("Follow Jane Roe on Twitter @janeroe.", "call_to_action"),
    ("Contact the author at jane@example.com.", "call_to_action"),
    ("Read more about the election.", "call_to_action"),
    ("Read the rest here.", "call_to_action"),
    ("Look at what happened next door.", "exhortation"),
    ("Think about that.", "exhortation"),
    ("Make no mistake.", "exhortation"),
    ("Let's be clear.", "exhortation"),
    ("Stop lying.", "exhortation"),
]
VERIFIABLE = [
    ("Unemployment fell to 4 percent in March.", True),        # a number
    ("Germany opened 12 coal plants last year.", True),        # a number, a dated event
    ("The senator flew to the summit in Brussels on Tuesday.", True),  # a dated event
    ("The House voted to pass the bill.", True),                # an official act
    ("The court ruled against the state's voter purges.", True),
    ("Clinton said the deficit grew by $2 trillion.", True),    # a quotation of a fact
    ("Crime is higher than in any other city.", True),          # a comparison
    ("Donald Trump is questioning the integrity of the voting system.", True),  # named actor
    ("The country became a police state.", False),              # value judgement
    ("This is a disgrace.", False),
    ("People are angry.", False),                               # general statement
    ("Trump said the system is rigged.", False),                # a quoted opinion
    ("Prices will rise next year.", False),                     # prediction
    ("I think the economy is strong.", False),                  # opinion marker
    ("Will taxes ever go down?", False),                        # question
    ("Make no mistake.", False),                                # exhortation
]
TEXT = "\n".join([s for s, _ in NEVER] + [s for s, _ in VERIFIABLE])


@pytest.fixture(scope="module")
def analysis() -> LanguageAnalysis:
    return LanguageLayer().analyze(TEXT, None)


def test_each_test_sentence_is_one_sentence(analysis: LanguageAnalysis) -> None:
    assert [s.text for s in analysis.sentences] == TEXT.split("\n")


def _span(analysis: LanguageAnalysis, i: int):  # type: ignore[no-untyped-def]
    s = analysis.sentences[i]
    return analysis.doc.char_span(s.start, s.end, alignment_mode="expand")


@pytest.mark.parametrize(("i", "case"), list(enumerate(NEVER)))
def test_never_claim_rules(analysis: LanguageAnalysis, i: int, case: tuple[str, str]) -> None:
    sentence, flag = case
    assert never_claim(sentence, _span(analysis, i)) == flag


@pytest.mark.parametrize(("i", "case"), list(enumerate(VERIFIABLE)))
def test_never_claim_leaves_statements_alone(
    analysis: LanguageAnalysis, i: int, case: tuple[str, bool]
) -> None:
    sentence, _ = case
    if sentence in ("Make no mistake.",):
        return
    assert never_claim(sentence, _span(analysis, len(NEVER) + i)) is None


@pytest.mark.parametrize(("i", "case"), list(enumerate(VERIFIABLE)))
def test_verifiable_rules(analysis: LanguageAnalysis, i: int, case: tuple[str, bool]) -> None:
    sentence, expected = case
    scores = score_sentences(analysis, fake_encode(TEXT), constant_head(0.9))
    s = scores[len(NEVER) + i]
    assert s.verifiable is expected, (sentence, s.flags)
    assert is_verifiable(_span(analysis, len(NEVER) + i), s.flags) is expected


def test_never_claims_score_zero_and_can_be_turned_off(analysis: LanguageAnalysis) -> None:
    encoded = fake_encode(TEXT)
    on = {c.sentence: c for c in find_claims(analysis, TEXT, encoded, constant_head(0.9))}
    off = {
        c.sentence: c
        for c in find_claims(analysis, TEXT, encoded, constant_head(0.9), never_claims=False)
    }
    for i in range(len(NEVER)):
        assert i not in on, NEVER[i][0]
    # Without the rules, the head's score stands (fragments and questions stay out).
    assert {i for i in range(len(NEVER)) if i in off} >= {0, 6, 9, 10, 16, 17}
    # Claims carry the verifiable judgement: opinion dressed as fact stays, marked.
    for i, (sentence, expected) in enumerate(VERIFIABLE):
        claim = on.get(len(NEVER) + i)
        if claim is not None:
            assert claim.verifiable is expected, sentence
    assert on[len(NEVER) + 8].verifiable is False  # "The country became a police state."
