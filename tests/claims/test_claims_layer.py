"""The claims layer without torch and without a shipped model: tiny hand-made heads and a
fake encoder output stand in for the real ones.

What is pinned down here: sentence vectors are read from the shared encoder output at the
sentence's exact character range (no second encoder call), every sentence is scored, claims
carry exact offsets, the kind rules, and the question / opinion / prediction rules.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from unspun.claims import (  # noqa: E402
    DEFAULT_CLAIMS_DIR,
    NGRAM_FILE,
    ClaimsHead,
    find_claims,
    has_figure,
    load_claims_head,
    pool,
    score_sentences,
    sentence_vectors,
)
from unspun.ngrams import NgramModel  # noqa: E402
from unspun.nlp.pipeline import LanguageAnalysis, LanguageLayer  # noqa: E402
from unspun.settings import ClaimSettings  # noqa: E402
from unspun.techniques.model import (  # noqa: E402
    DEFAULT_MODEL_DIR,
    EncodedArticle,
    TechniqueModel,
    TokenizedArticle,
)

TEXT = (
    "Unemployment fell to 4 percent in March.\n"
    "The factory closed on Tuesday.\n"
    "The senator said the plan had failed.\n"
    "Crime is higher than in any other city.\n"
    "The bridge is made of steel.\n"
    "Will taxes ever go down?\n"
    "I think the economy is strong.\n"
    "Prices will rise next year.\n"
    "The river could flood the town.\n"
    "According to the report, the program failed.\n"
    "The tower is the tallest building in Europe."
)
KINDS = [
    "quantity", "event", "attribution", "comparison", "other", None, "other", "other",
    "other", "attribution", "comparison",
]
_TOKEN = re.compile(r"\w+|[^\w\s]")


def fake_encode(text: str, dim: int = 2) -> EncodedArticle:
    """Word tokens; hidden row = [token index, 1 if the token is a number]."""
    matches = list(_TOKEN.finditer(text))
    offsets = np.asarray([[m.start(), m.end()] for m in matches], np.int64).reshape(-1, 2)
    hidden = np.zeros((len(matches), dim), np.float32)
    for i, m in enumerate(matches):
        hidden[i, 0] = i
        hidden[i, 1] = float(m.group().isdigit())
    tokens = TokenizedArticle(
        ids=np.arange(len(matches), dtype=np.int64),
        offsets=offsets,
        is_continuation=np.zeros(len(matches), bool),
    )
    return EncodedArticle(text, tokens, hidden, np.zeros((len(matches), 3), np.float32))


def constant_head(p: float, width: int = 4, threshold: float = 0.5) -> ClaimsHead:
    return ClaimsHead(
        mean=np.zeros(width, np.float32), std=np.ones(width, np.float32),
        w2=np.zeros((width, 1), np.float32),
        b2=np.asarray([math.log(p / (1 - p))], np.float32), threshold=threshold,
    )


def number_head() -> ClaimsHead:
    """Check-worthy iff the max-pooled "is a number" feature is set."""
    w2 = np.asarray([[0.0], [0.0], [0.0], [20.0]], np.float32)
    return ClaimsHead(
        mean=np.zeros(4, np.float32), std=np.ones(4, np.float32), w2=w2,
        b2=np.asarray([-10.0], np.float32), threshold=0.5,
    )


@pytest.fixture(scope="module")
def analysis() -> LanguageAnalysis:
    return LanguageLayer().analyze(TEXT, None)


def test_sentences_are_as_written(analysis: LanguageAnalysis) -> None:
    assert [s.text for s in analysis.sentences] == TEXT.split("\n")


def test_sentence_vectors_pool_exactly_the_tokens_of_each_range() -> None:
    encoded = fake_encode(TEXT)
    first_line = TEXT.index("\n")
    vec = sentence_vectors(encoded, [(0, first_line), (first_line + 1, first_line + 4)])
    # "Unemployment fell to 4 percent in March ." = tokens 0..7; "The" = token 8.
    np.testing.assert_allclose(vec[0], [3.5, 1 / 8, 7.0, 1.0])
    np.testing.assert_allclose(vec[1], [8.0, 0.0, 8.0, 0.0])
    # A range with no token pools to zeros rather than NaN.
    assert not sentence_vectors(encoded, [(first_line, first_line + 1)]).any()
    np.testing.assert_allclose(pool(encoded.hidden[:2], "mean"), [0.5, 0.0])


def test_every_sentence_is_scored_from_the_shared_pass(
    analysis: LanguageAnalysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_second_pass(*_: object, **__: object) -> EncodedArticle:
        raise AssertionError("the claims layer must not run the encoder")

    monkeypatch.setattr(TechniqueModel, "encode", no_second_pass)
    scores = score_sentences(analysis, fake_encode(TEXT), number_head())
    assert [s.sentence for s in scores] == list(range(len(analysis.sentences)))
    assert scores[0].model_score > 0.99  # "4"
    assert all(s.model_score < 0.01 for s in scores[1:])


def test_claims_have_exact_offsets_and_the_head_decides(analysis: LanguageAnalysis) -> None:
    claims = find_claims(analysis, TEXT, fake_encode(TEXT), number_head())
    assert len(claims) == 1
    (claim,) = claims
    assert (claim.start, claim.end) == (0, TEXT.index("\n"))
    assert claim.text == TEXT[claim.start:claim.end]
    assert (claim.kind, claim.sentence) == ("quantity", 0)


def test_kind_rules_and_question_opinion_prediction_rules(analysis: LanguageAnalysis) -> None:
    claims = find_claims(analysis, TEXT, fake_encode(TEXT), constant_head(0.9), threshold=0.5)
    by_sentence = {c.sentence: c for c in claims}
    for i, kind in enumerate(KINDS):
        sentence = analysis.sentences[i].text
        if i in (5, 6, 7, 8):  # question skipped; opinion and predictions downweighted
            continue
        assert by_sentence[i].kind == kind, sentence
        assert by_sentence[i].score == pytest.approx(0.9)
    assert 5 not in by_sentence
    scores = {s.sentence: s for s in score_sentences(analysis, fake_encode(TEXT),
                                                     constant_head(0.9))}
    assert scores[5].score == 0 and "question" in scores[5].flags
    assert scores[6].score == pytest.approx(0.9 * ClaimSettings().opinion_factor)
    assert scores[6].flags == ("opinion", "no_figure")
    for i in (7, 8):
        assert scores[i].score == pytest.approx(0.9 * ClaimSettings().prediction_factor)
        assert scores[i].flags == ("prediction", "no_figure")
    assert scores[0].flags == ()  # "4 percent"
    assert scores[4].flags == ("no_figure",)


def test_no_figure_factor_weighs_sentences_without_a_figure_down() -> None:
    text = (
        "The county jailed 412 people for unpaid fines last year.\n"
        "The mayor met the governor in 2015.\n"
        "Officials said the program cost $2 billion.\n"
        "The senator endorsed the plan on Tuesday."
    )
    analysis = LanguageLayer().analyze(text, None)
    sentences = analysis.sentences
    assert [text[s.start:s.end] for s in sentences] == text.split("\n")
    figures = [has_figure(analysis.doc.char_span(s.start, s.end)) for s in sentences]
    assert figures == [True, False, True, False]  # a year is a date, not a figure
    assert not has_figure(None)
    encoded = fake_encode(text)
    off = score_sentences(analysis, encoded, constant_head(0.9))
    assert [s.score for s in off] == pytest.approx([0.9] * 4)  # off by default
    assert [("no_figure" in s.flags) for s in off] == [not f for f in figures]
    on = score_sentences(analysis, encoded, constant_head(0.9),
                         ClaimSettings(no_figure_factor=0.7))
    assert [s.score for s in on] == pytest.approx([0.9, 0.63, 0.9, 0.63])
    claims = find_claims(analysis, text, encoded, constant_head(0.9, threshold=0.7),
                         rules=ClaimSettings(no_figure_factor=0.7))
    assert [c.text for c in claims] == [text.split("\n")[0], text.split("\n")[2]]
    assert all(text[c.start:c.end] == c.text for c in claims)


def test_no_encoder_output_or_no_head_means_no_claims(analysis: LanguageAnalysis) -> None:
    assert find_claims(analysis, TEXT, None, constant_head(0.9)) == []
    assert find_claims(analysis, TEXT, fake_encode(TEXT), None) == []
    with pytest.raises(ValueError, match="not this text"):
        find_claims(analysis, TEXT, fake_encode(TEXT + " "), constant_head(0.9))


@pytest.mark.parametrize("hidden", [0, 3])
def test_head_round_trip(tmp_path: Path, hidden: int) -> None:
    rng = np.random.default_rng(0)
    d = 4
    head = ClaimsHead(
        mean=rng.normal(size=d).astype(np.float32), std=np.ones(d, np.float32) * 2,
        w2=rng.normal(size=(hidden or d, 1)).astype(np.float32),
        b2=np.asarray([0.1], np.float32),
        w1=rng.normal(size=(d, hidden)).astype(np.float32) if hidden else None,
        b1=rng.normal(size=hidden).astype(np.float32) if hidden else None,
        threshold=0.37, pooling="mean+max",
    )
    head.save(tmp_path, {"encoder_sha256": "x"})
    loaded = load_claims_head(tmp_path)
    x = rng.normal(size=(5, d)).astype(np.float32)
    np.testing.assert_allclose(loaded.probabilities(x), head.probabilities(x), rtol=1e-6)
    assert loaded.threshold == pytest.approx(0.37)
    assert loaded.meta["encoder_sha256"] == "x"
    with pytest.raises(FileNotFoundError, match="no claims head"):
        load_claims_head(tmp_path / "missing")


def _ngram_model() -> NgramModel:
    return NgramModel(1, 1, {"percent": 0}, np.asarray([1.0]), np.asarray([4.0]),
                      np.asarray([-2.0]))


def test_head_blends_ngram_logits_and_keeps_them_through_a_round_trip(tmp_path: Path) -> None:
    head = constant_head(0.5)  # head logit 0
    head.ngrams, head.ngram_weight = _ngram_model(), 0.25
    rows = np.zeros((2, 4), np.float32)
    texts = ["Up 3 percent.", "No figure."]
    # (1 - 0.25) * 0 + 0.25 * (4 * 1 - 2) = 0.5 and 0.25 * -2 = -0.5
    expected = [1 / (1 + math.exp(-0.5)), 1 / (1 + math.exp(0.5))]
    np.testing.assert_allclose(head.probabilities(rows, texts), expected, rtol=1e-6)
    with pytest.raises(ValueError, match="sentence texts"):
        head.probabilities(rows)
    head.save(tmp_path, {})
    loaded = load_claims_head(tmp_path)
    assert loaded.ngram_weight == pytest.approx(0.25)
    np.testing.assert_allclose(loaded.probabilities(rows, texts), expected, rtol=1e-6)
    # saved again without n-grams, the old file goes and the head reads vectors alone
    constant_head(0.5).save(tmp_path, {})
    assert not (tmp_path / NGRAM_FILE).exists()
    assert load_claims_head(tmp_path).probabilities(rows)[0] == pytest.approx(0.5)


def test_a_blend_without_its_ngram_file_is_one_clear_error(tmp_path: Path) -> None:
    head = constant_head(0.5)
    head.ngrams, head.ngram_weight = _ngram_model(), 0.25
    head.save(tmp_path, {})
    (tmp_path / NGRAM_FILE).unlink()
    with pytest.raises(FileNotFoundError, match=r"ngram_weight 0\.25 but .*claims_ngrams\.npz"):
        load_claims_head(tmp_path)


def test_find_claims_reads_the_sentence_texts_for_the_blend(analysis: LanguageAnalysis) -> None:
    # The head alone (0.5) stays under the threshold; "percent" lifts its sentence over.
    head = constant_head(0.5, threshold=0.6)
    head.ngrams, head.ngram_weight = _ngram_model(), 0.5
    claims = find_claims(analysis, TEXT, fake_encode(TEXT), head)
    assert [c.text for c in claims] == ["Unemployment fell to 4 percent in March."]
    assert all(TEXT[c.start:c.end] == c.text for c in claims)


# -- with the shipped models (skipped where none is shipped) --------------------------------

needs_models = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.json").is_file()
    or not (DEFAULT_CLAIMS_DIR / "claims.json").is_file(),
    reason="no shipped technique model and claims head"
    " (src/unspun/models/techniques, src/unspun/models/claims)",
)


@needs_models
def test_shipped_head_was_trained_on_the_shipped_encoder() -> None:
    pytest.importorskip("onnxruntime")
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text("utf-8"))
    encoder = DEFAULT_MODEL_DIR / config.get("encoder_file", "encoder.int8.onnx")
    sha = hashlib.sha256(encoder.read_bytes()).hexdigest()
    assert load_claims_head().meta["encoder_sha256"] == sha, (
        "retrain: python -m training.claims --encoder-model src/unspun/models/techniques ..."
    )


@needs_models
def test_one_encoder_pass_feeds_techniques_and_claims(analysis: LanguageAnalysis) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    model = TechniqueModel.load(DEFAULT_MODEL_DIR)
    calls: list[str] = []
    real_encode = model.encode

    def counting_encode(text: str) -> EncodedArticle:
        calls.append(text)
        return real_encode(text)

    model.encode = counting_encode  # type: ignore[method-assign]
    encoded = model.encode(TEXT)
    model.find_spans(encoded)
    claims = find_claims(analysis, TEXT, encoded, load_claims_head())
    assert calls == [TEXT]
    assert all(c.text == TEXT[c.start:c.end] for c in claims)
    # The head separates the plainest factual claim from the plainest non-claim.
    kinds = {c.sentence: c.kind for c in claims}
    assert 0 in kinds and 5 not in kinds
