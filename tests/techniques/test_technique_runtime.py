"""Runtime of the technique model without torch: windowing, stitching, decoding, offsets.

A fake encoder stands in for the ONNX session, so these tests need neither torch nor model
files; they pin down the parts where a bug would silently lose spans (window edges, offset
mapping, long articles).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
tokenizers = pytest.importorskip("tokenizers")

from unspun.ngrams import NgramModel  # noqa: E402
from unspun.techniques.model import (  # noqa: E402
    ModelConfig,
    TechniqueModel,
    encode_windows,
    load_tc_ngrams,
    top_k_techniques,
)
from unspun.techniques.windows import (  # noqa: E402
    TAG_B,
    TAG_I,
    TAG_O,
    SpanHead,
    crf_marginals,
    decode_spans,
    edge_weights,
    merge_close_spans,
    owner_ranges,
    span_features,
    token_range,
    trim_separators,
    window_starts,
)

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "sat", "on", "mat", "bad", "##ly"]
VOCAB += [".", ",", "evil", "very", "dog"]


def tiny_tokenizer() -> object:
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import WordPiece

    tok = Tokenizer(WordPiece({w: i for i, w in enumerate(VOCAB)}, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tok


@pytest.mark.parametrize(
    ("n", "content", "stride"),
    [(1, 254, 192), (254, 254, 192), (255, 254, 192), (20_000, 254, 100)],
)
def test_windows_cover_every_token_once_from_a_window_holding_it(
    n: int, content: int, stride: int
) -> None:
    starts = window_starts(n, content, stride)
    ranges = owner_ranges(starts, content, n)
    assert ranges[0][0] == 0 and ranges[-1][1] == n
    for (_, b), (c, _) in itertools.pairwise(ranges):
        assert b == c  # contiguous, no gap, no double
    for s, (a, b) in zip(starts, ranges, strict=True):
        assert s <= a <= b <= s + content
        if n > content:
            assert s + content <= n  # every window is full


def test_owner_split_keeps_tokens_away_from_window_edges() -> None:
    # content 254, stride 192: the overlap of 62 is split at its middle, so a token is read
    # at least 31 positions from any inner window edge.
    n, content = 2_000, 254
    starts = window_starts(n, content, 192)
    for k, (s, (a, b)) in enumerate(zip(starts, owner_ranges(starts, content, n), strict=True)):
        if k > 0:
            assert a - s >= 31
        if k + 1 < len(starts):
            assert s + content - b >= 30


def test_encode_windows_stitches_the_right_rows() -> None:
    ids = np.arange(1000, 1000 + 3_001, dtype=np.int64)
    seen_lengths: list[int] = []

    def fake(window: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        seen_lengths.append(window.shape[1])
        assert window[0, 0] == 101 and window[0, -1] == 102
        h = np.stack([window[0].astype(np.float32), np.arange(window.shape[1])], axis=1)
        return h.astype(np.float32), np.zeros((window.shape[1], 3), np.float32)

    hidden, logits = encode_windows(fake, ids, max_len=256, stride=192)
    assert hidden.shape == (3_001, 2) and logits.shape == (3_001, 3)
    # Row i of the article holds token i, never a neighbour's or a special token's state.
    assert np.array_equal(hidden[:, 0], ids.astype(np.float32))
    assert set(seen_lengths) == {256}


@pytest.mark.parametrize("n", [1, 200, 254, 255, 3_001])
def test_blended_windows_keep_each_row_its_own_token(n: int) -> None:
    # A fake whose outputs depend on the token only: blending must give back exactly that,
    # whatever the weights, for every token and every window layout.
    ids = np.arange(1000, 1000 + n, dtype=np.int64)

    def fake(window: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        v = window[0].astype(np.float32)[:, None]
        return np.repeat(v, 2, axis=1), np.repeat(-v, 3, axis=1)

    hidden, logits = encode_windows(fake, ids, max_len=256, stride=192, blend=True)
    assert np.allclose(hidden[:, 0], ids) and np.allclose(logits[:, 2], -ids)


def test_blended_windows_cross_fade_in_the_overlap() -> None:
    # Each window answers with its own start offset: where two overlap, the blend must move
    # monotonically from the first window's value to the second's, with no jump.
    ids = np.arange(600, dtype=np.int64)
    calls: list[int] = []

    def fake(window: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        calls.append(int(window[0, 1]))
        v = np.full((window.shape[1], 1), float(window[0, 1]), np.float32)
        return v, np.repeat(v, 3, axis=1)

    hidden, _ = encode_windows(fake, ids, max_len=256, stride=192, blend=True)
    first, second = calls[0], calls[1]
    overlap = hidden[second : first + 254, 0]
    assert np.all(np.diff(overlap) >= 0)
    assert overlap[0] < first + (second - first) * 0.1
    assert overlap[-1] > first + (second - first) * 0.9
    assert np.all(hidden[:second, 0] == first)  # before the overlap: the first window alone


def test_edge_weights_fade_at_inner_edges_only() -> None:
    w = edge_weights(10)
    assert list(w) == [1, 2, 3, 4, 5, 5, 4, 3, 2, 1]
    assert list(edge_weights(4, at_start=True)) == [4, 3, 2, 1]
    assert list(edge_weights(4, at_end=True)) == [1, 2, 3, 4]
    assert np.all(edge_weights(3, at_start=True, at_end=True) > 0)


def test_window_blend_is_read_from_the_config() -> None:
    def by_window(window: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        v = np.full((window.shape[1], 2), float(window[0, 1]), np.float32)
        return v, np.zeros((window.shape[1], 3), np.float32)

    text = "the cat sat on the mat . " * 100  # 700 tokens: four windows
    config = ModelConfig(techniques=["A"], window_blend=True)
    tm = TechniqueModel(config, tiny_tokenizer(), by_window, None)  # type: ignore[arg-type]
    encoded = tm.encode(text)
    ids = encoded.tokens.ids
    blended, _ = encode_windows(by_window, ids, 256, 192, blend=True)
    owned, _ = encode_windows(by_window, ids, 256, 192)
    assert np.array_equal(encoded.hidden, blended) and not np.array_equal(blended, owned)
    assert ModelConfig.from_dict(config.to_dict()).window_blend is True
    assert ModelConfig.from_dict({"techniques": ["A"]}).window_blend is False


def test_decode_spans_words_and_thresholds() -> None:
    # Text: "the cat badly sat" -> tokens the|cat|bad|##ly|sat
    offsets = np.array([[0, 3], [4, 7], [8, 11], [11, 13], [14, 17]])
    cont = np.array([False, False, False, True, False])
    probs = np.array(
        [
            [0.9, 0.05, 0.05],  # the: O
            [0.2, 0.7, 0.1],  # cat: B
            [0.3, 0.1, 0.6],  # bad: I
            [0.9, 0.0, 0.1],  # ##ly: O, but it follows its word's first piece
            [0.8, 0.1, 0.1],  # sat: O
        ],
        dtype=np.float32,
    )
    spans = decode_spans(probs, offsets, cont, 0.5)
    assert [(s.start, s.end) for s in spans] == [(4, 13)]  # "cat badly", whole word
    # Confidence: mean P(B) + P(I) over the span's pieces: (0.8 + 0.7 + 0.1) / 3.
    assert spans[0].score == pytest.approx((0.8 + 0.7 + 0.1) / 3)
    # A lower threshold takes "sat" too (0.1 + 0.1 >= 0.15) but not "the" (0.1): one span.
    assert [(s.start, s.end) for s in decode_spans(probs, offsets, cont, 0.15)] == [(4, 17)]


def test_decode_spans_trims_separators_at_the_edges() -> None:
    text = "a evil lie, the U.S. said."
    # Tokens: a | evil | lie | , | the | U.S. | said | .
    offsets = np.array([[0, 1], [2, 6], [7, 10], [10, 11], [12, 15], [16, 20], [21, 25],
                        [25, 26]])
    inside = np.array([0.0, 0.9, 0.9, 0.9, 0.0, 0.9, 0.9, 0.9], np.float32)
    probs = np.stack([1 - inside, np.zeros(8, np.float32), inside], axis=1)
    spans = decode_spans(probs, offsets, np.zeros(8, bool), 0.5, text=text)
    got = [text[s.start : s.end] for s in spans]
    # The comma and the sentence's full stop go; the abbreviation keeps its own.
    assert got == ["evil lie", "U.S. said"]
    # The score is still the mean over every token the span was decoded from.
    assert spans[0].score == pytest.approx(0.9)
    assert trim_separators(text, 16, 20) == (16, 20)
    assert trim_separators(", :x;.", 0, 6) == (3, 4)
    start, end = trim_separators(",.", 0, 2)
    assert start == end
    # "?", "!" and quotation marks stay: gold spans end on them.
    assert trim_separators("why?!\u201d", 0, 6) == (0, 6)


def test_decode_spans_filters_weak_spans_then_merges_close_ones_within_a_clause() -> None:
    text = "corrupt, lying elites. Sad liars; thugs"
    # Tokens: corrupt | , | lying | elites | . | Sad | liars | ; | thugs
    offsets = np.array([[0, 7], [7, 8], [9, 14], [15, 21], [21, 22], [23, 26], [27, 32],
                        [32, 33], [34, 39]])
    inside = np.array([0.9, 0.0, 0.6, 0.6, 0.0, 0.0, 0.9, 0.0, 0.8], np.float32)
    probs = np.stack([1 - inside, np.zeros(9, np.float32), inside], axis=1)
    cont = np.zeros(9, bool)

    def decoded(**kwargs: float) -> list[tuple[str, float]]:
        spans = decode_spans(probs, offsets, cont, 0.5, 0.2, text, **kwargs)  # type: ignore[arg-type]
        return [(text[s.start : s.end], round(s.score, 4)) for s in spans]

    assert decoded() == [("corrupt", 0.9), ("lying elites", 0.6), ("liars", 0.9), ("thugs", 0.8)]
    # Two characters apart in one clause: joined, the confidence weighted by length; "liars"
    # is as close to "elites" and to "thugs", but past a sentence's end and a semicolon.
    assert decoded(merge_gap=3) == [
        ("corrupt, lying elites", round((0.9 * 7 + 0.6 * 12) / 19, 4)), ("liars", 0.9),
        ("thugs", 0.8),
    ]
    assert decoded(merge_gap=1) == decoded()
    # The filter comes first: a dropped span joins nothing.
    assert decoded(min_confidence=0.7, merge_gap=3) == [
        ("corrupt", 0.9), ("liars", 0.9), ("thugs", 0.8)
    ]
    assert merge_close_spans([], text, 3) == []


def test_decode_spans_hysteresis_extends_seeds_only() -> None:
    # Tokens a b c d e f g: p(inside) = .3 .6 .3 .1 .35 .25 .1
    offsets = np.array([[2 * i, 2 * i + 1] for i in range(7)])
    inside = np.array([0.3, 0.6, 0.3, 0.1, 0.35, 0.25, 0.1], np.float32)
    probs = np.stack([1 - inside, np.zeros(7, np.float32), inside], axis=1)
    cont = np.zeros(7, bool)
    spans = decode_spans(probs, offsets, cont, 0.5, 0.2)
    # a-c holds a seed (b, 0.6) and extends over both neighbours; e-f reaches 0.2 but has
    # no seed, so it stays out.
    assert [(s.start, s.end) for s in spans] == [(0, 5)]
    assert spans[0].score == pytest.approx((0.3 + 0.6 + 0.3) / 3)
    # Without an extension threshold: the seed alone.
    assert [(s.start, s.end) for s in decode_spans(probs, offsets, cont, 0.5)] == [(2, 3)]
    # An extension threshold above the seed threshold cannot shrink spans below it.
    assert [(s.start, s.end) for s in decode_spans(probs, offsets, cont, 0.5, 0.9)] == [(2, 3)]


def test_decode_spans_back_to_back_fragments_split_at_b() -> None:
    offsets = np.array([[0, 1], [2, 3], [4, 5]])
    probs = np.zeros((3, 3), np.float32)
    probs[:, TAG_O] = 0.1
    probs[0, TAG_B], probs[1, TAG_I], probs[2, TAG_B] = 0.9, 0.9, 0.9
    probs[0, TAG_I] = probs[1, TAG_B] = probs[2, TAG_I] = 0.0
    spans = decode_spans(probs, offsets, np.zeros(3, bool), 0.5)
    assert [(s.start, s.end) for s in spans] == [(0, 3), (4, 5)]
    assert decode_spans(probs[:0], offsets[:0], np.zeros(0, bool)) == []


def test_token_range() -> None:
    offsets = np.array([[0, 3], [4, 7], [8, 11]])
    assert token_range(offsets, 4, 7) == (1, 2)
    assert token_range(offsets, 2, 9) == (0, 3)
    assert token_range(offsets, 3, 4) == (1, 1)  # only whitespace: no token


def test_span_features_count_repetitions() -> None:
    text = "Make it great. make IT great! other"
    offsets = np.array([[0, 4], [5, 7], [8, 13]])
    f = span_features(text, [(0, 13), (15, 28), (30, 35)], offsets)
    # "make it great" occurs twice (case-folded): one other occurrence; and one other span.
    assert f[0, 2] == pytest.approx(np.log1p(1))
    assert f[0, 3] == pytest.approx(np.log1p(1))
    assert f[2, 2] == 0.0 and f[2, 3] == 0.0
    assert f[0, 0] == pytest.approx(np.log1p(13))


def test_top_k_techniques() -> None:
    assert top_k_techniques(np.array([0.1, 0.5, 0.4]), 2) == [1, 2]


def _fake_model(tag_for_token: dict[int, int], d: int = 8) -> TechniqueModel:
    techniques = ["A", "B"]

    def fake(window: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n = window.shape[1]
        logits = np.full((n, 3), -5.0, np.float32)
        for j, tid in enumerate(window[0]):
            logits[j, tag_for_token.get(int(tid), TAG_O)] = 5.0
        hidden = np.zeros((n, d), np.float32)
        hidden[:, 0] = window[0] == VOCAB.index("evil")
        return hidden, logits

    rng = np.random.default_rng(0)
    head = SpanHead(
        w1=np.zeros((4 * d + 4, 4), np.float32),
        b1=np.zeros(4, np.float32),
        w2=rng.normal(size=(4, 2)).astype(np.float32),
        b2=np.array([0.0, 1.0], np.float32),
        feature_mean=np.zeros(4, np.float32),
        feature_std=np.ones(4, np.float32),
    )
    # Mean span state > 0 only for spans holding "evil": technique A (first row of w1).
    head.w1[0, 0] = 10.0
    head.w2[0] = [10.0, -10.0]
    config = ModelConfig(techniques=techniques, max_len=32, stride=20)
    return TechniqueModel(config, tiny_tokenizer(), fake, head)


def test_long_article_spans_exact_at_every_position() -> None:
    # ~20,000 words in windows of 30 tokens: "very evil" is a span wherever it appears,
    # including across window boundaries, and must map back to its exact characters.
    model = _fake_model({VOCAB.index("very"): TAG_B, VOCAB.index("evil"): TAG_I})
    words = []
    for k in range(4_000):
        words.append("the cat sat on the mat." if k % 7 else "the very evil dog sat.")
    text = "\r\n".join(words)
    assert len(text.split()) >= 20_000
    found = model.predict(text)
    expected = []
    start = 0
    while (i := text.find("very evil", start)) >= 0:
        expected.append((i, i + len("very evil")))
        start = i + 1
    assert [(s.start, s.end) for s in found] == expected
    assert {s.technique for s in found} == {"A"}
    assert all(text[s.start : s.end] == "very evil" for s in found)


def test_the_shipped_decoding_merges_and_filters_as_the_config_says() -> None:
    model = _fake_model({VOCAB.index("very"): TAG_B, VOCAB.index("evil"): TAG_I})
    text = "the very evil, very evil dog sat."
    spans = lambda: [text[s:e] for s, e, _ in model.find_spans(model.encode(text))]  # noqa: E731
    assert spans() == ["very evil", "very evil"]  # split where B starts a fragment
    model.config.si_merge_gap = 3
    assert spans() == ["very evil, very evil"]
    model.config.si_min_confidence = 1.01  # above any confidence a span can have
    assert spans() == []
    # An explicit threshold decodes by that threshold alone, as training's sweep needs.
    assert [text[s:e] for s, e, _ in model.find_spans(model.encode(text), 0.5)] == [
        "very evil", "very evil"
    ]


def test_predict_empty_and_spanless_text() -> None:
    model = _fake_model({})
    assert model.predict("") == []
    assert model.predict("the cat sat on the mat") == []
    enc = model.encode("the cat")
    assert model.technique_probs(enc, []).shape == (0, 2)


def test_model_module_imports_without_torch() -> None:
    # Setting sys.modules["torch"] = None makes any `import torch` fail, as on a runtime box.
    code = (
        "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "import unspun.techniques.model, unspun.techniques.windows, unspun.evaluate.ptc\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_decode_spans_drops_spans_without_a_content_word() -> None:
    text = "the cat, as a “ crooked liar"
    #       0   4  7  10 13 15      23
    offsets = np.array([[0, 3], [4, 7], [7, 8], [9, 11], [12, 13], [14, 15], [16, 23], [24, 28]])
    inside = np.array([0.9, 0.0, 0.0, 0.9, 0.9, 0.9, 0.0, 0.9], np.float32)
    probs = np.stack([1 - inside, np.zeros(8, np.float32), inside], axis=1)
    cont = np.zeros(8, bool)
    # Without the text: three spans; with it, "the" and "as a “" are stop words and a mark.
    assert [(s.start, s.end) for s in decode_spans(probs, offsets, cont, 0.5)] == [
        (0, 3), (9, 15), (24, 28)
    ]
    kept = decode_spans(probs, offsets, cont, 0.5, text=text)
    assert [text[s.start : s.end] for s in kept] == ["liar"]


def _path_scores(em: np.ndarray, tr: np.ndarray, start: np.ndarray, end: np.ndarray) -> dict:
    """Every tag path's score, by enumeration (the definition the CRF code must match)."""
    n, k = em.shape
    return {
        path: start[path[0]]
        + sum(em[t, path[t]] for t in range(n))
        + sum(tr[path[t - 1], path[t]] for t in range(1, n))
        + end[path[-1]]
        for path in itertools.product(range(k), repeat=n)
    }


def test_crf_marginals_match_enumeration() -> None:
    rng = np.random.default_rng(3)
    em = rng.normal(size=(5, 3)).astype(np.float32)
    tr = rng.normal(size=(3, 3)).astype(np.float32)
    start, end = rng.normal(size=3).astype(np.float32), rng.normal(size=3).astype(np.float32)
    scores = _path_scores(em, tr, start, end)
    z = sum(np.exp(v) for v in scores.values())
    expected = np.zeros((5, 3))
    for path, v in scores.items():
        for t, tag in enumerate(path):
            expected[t, tag] += np.exp(v) / z
    got = crf_marginals(em, tr, start, end)
    np.testing.assert_allclose(got, expected, atol=1e-5)
    np.testing.assert_allclose(got.sum(1), 1.0, atol=1e-5)


def logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.exp(x - m).sum(axis=axis))


def test_crf_marginals_of_a_long_article_match_the_token_by_token_recursion() -> None:
    # Large logits over many tokens: the scan must neither overflow nor drift from the
    # plain forward-backward recursion, at lengths that are not powers of two.
    rng = np.random.default_rng(5)
    for n in (2, 3, 37, 700):
        em = (rng.normal(size=(n, 3)) * 12).astype(np.float32)
        tr = (rng.normal(size=(3, 3)) * 4).astype(np.float32)
        start, end = rng.normal(size=3), rng.normal(size=3)
        alpha, beta = np.empty((n, 3)), np.empty((n, 3))
        alpha[0], beta[-1] = start + em[0], end
        for t in range(1, n):
            alpha[t] = logsumexp(alpha[t - 1][:, None] + tr, axis=0) + em[t]
        for t in range(n - 2, -1, -1):
            beta[t] = logsumexp(tr + (em[t + 1] + beta[t + 1])[None, :], axis=1)
        expected = np.exp(alpha + beta - logsumexp(alpha[-1] + end, axis=0))
        got = crf_marginals(em, tr, start, end)
        np.testing.assert_allclose(got, expected, atol=1e-5)


def test_crf_without_transitions_is_the_softmax() -> None:
    em = np.array([[2.0, 0.0, -1.0], [0.0, 3.0, 1.0], [-2.0, 0.5, 0.5]], np.float32)
    zero = np.zeros(3, np.float32)
    got = crf_marginals(em, np.zeros((3, 3), np.float32), zero, zero)
    np.testing.assert_allclose(got, np.exp(em) / np.exp(em).sum(1, keepdims=True), atol=1e-6)
    assert crf_marginals(np.zeros((0, 3), np.float32), np.zeros((3, 3)), zero, zero).shape == (
        0,
        3,
    )


def test_crf_config_is_used_by_the_runtime() -> None:
    # A transition that forbids O -> I turns a lone I-ish token after O into O or B.
    config = ModelConfig(techniques=["A"])
    tm = TechniqueModel(config, tiny_tokenizer(), lambda ids: (None, None), None)  # type: ignore[arg-type]
    em = np.array([[8.0, 0.0, 0.0], [0.0, 0.0, 0.3]], np.float32)

    class Encoded:
        si_logits = em

    plain = tm.tag_probs(Encoded())  # type: ignore[arg-type]
    assert plain[1].argmax() == TAG_I
    config.si_crf = {
        "transitions": [[0.0, 0.0, -20.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]],
        "start": [0.0, 0.0, -20.0],
        "end": [0.0, 0.0, 0.0],
    }
    crf = tm.tag_probs(Encoded())  # type: ignore[arg-type]
    assert crf[1, TAG_I] < 0.01
    assert ModelConfig.from_dict(config.to_dict()).si_crf == config.si_crf


def test_tc_ngram_blend_mixes_head_and_word_logits() -> None:
    base = _fake_model({VOCAB.index("very"): TAG_B, VOCAB.index("evil"): TAG_I})
    text = "the very evil dog sat. the very bad dog sat."
    spans = [(text.index("very evil"), text.index("very evil") + 9),
             (text.index("very bad"), text.index("very bad") + 8)]
    enc = base.encode(text)
    head = base.technique_probs(enc, spans)
    # "bad" votes for technique B with logit 8; "evil" is not in the vocabulary.
    words = NgramModel(1, 1, {"bad": 0}, np.ones(1), np.asarray([[0.0, 8.0]]),
                       np.zeros(2))
    config = ModelConfig(techniques=["A", "B"], max_len=32, stride=20, tc_ngram_weight=0.5)
    blended = TechniqueModel(config, base.tokenizer, base.run_window, base.head, words)
    probs = blended.technique_probs(enc, spans)
    head_logits = np.log(head)
    expected = np.exp(0.5 * head_logits + 0.5 * np.asarray([[0.0, 0.0], [0.0, 8.0]]))
    expected /= expected.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(probs, expected, rtol=1e-4, atol=1e-6)
    assert probs[1, 1] > head[1, 1]  # the words lift B on "very bad"
    with pytest.raises(ValueError, match="n-gram model"):
        TechniqueModel(config, base.tokenizer, base.run_window, base.head)


def test_tc_ngram_files_are_checked_against_the_config(tmp_path: Path) -> None:
    config = ModelConfig(techniques=["A", "B"], tc_ngram_weight=0.3)
    assert load_tc_ngrams(tmp_path, ModelConfig(techniques=["A", "B"])) is None
    with pytest.raises(FileNotFoundError, match=r"tc_ngram_weight 0\.3 but"):
        load_tc_ngrams(tmp_path, config)
    words = NgramModel(1, 1, {"bad": 0}, np.ones(1), np.asarray([[0.0, 8.0]]), np.zeros(2),
                       ("B", "A"))
    words.save(tmp_path / "tc_ngrams.npz")
    with pytest.raises(ValueError, match="not the model's techniques"):
        load_tc_ngrams(tmp_path, config)
    NgramModel(1, 1, {"bad": 0}, np.ones(1), np.asarray([[0.0, 8.0]]), np.zeros(2),
               ("A", "B")).save(tmp_path / "tc_ngrams.npz")
    assert load_tc_ngrams(tmp_path, config) is not None
    base = _fake_model({})
    with pytest.raises(ValueError, match="outside"):
        TechniqueModel(ModelConfig(techniques=["A", "B"], tc_ngram_weight=1.5),
                       base.tokenizer, base.run_window, base.head, words)
