"""The span decoding and technique head shared by training and runtime.

The windowing of long articles (``window_starts``, ``owner_ranges``, ``edge_weights``) is
the shared encoder's, in :mod:`unspun.resources.encoder`; it is re-exported here for the
training scripts. The same code runs in the training script's evaluation and in the
shipped runtime: the metrics measured during training are then the metrics of what ships.

numpy only: this module must import without torch.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unspun.resources.encoder import (  # the windowing belongs to the shared encoder
    FloatArray,
    IntArray,
)
from unspun.resources.encoder import (
    edge_weights as edge_weights,
)
from unspun.resources.encoder import (
    owner_ranges as owner_ranges,
)
from unspun.resources.encoder import (
    window_starts as window_starts,
)

# Tag indices of the span-identification head.
TAG_O, TAG_B, TAG_I = 0, 1, 2
N_TAGS = 3

# Hand-made span features appended to the neural span representation; their order is part
# of the shipped model's contract (the head's first layer is trained on it).
N_SPAN_FEATURES = 4
CONTEXT_TOKENS = 64


@dataclass(slots=True)
class SpanPrediction:
    start: int
    end: int
    score: float


def decode_spans(
    tag_probs: FloatArray,
    offsets: IntArray,
    is_continuation: npt.NDArray[np.bool_],
    threshold: float = 0.5,
    extend_threshold: float | None = None,
    text: str | None = None,
    min_confidence: float = 0.0,
    merge_gap: int = 0,
) -> list[SpanPrediction]:
    """Token tag probabilities (``n, 3``: O, B, I) to character spans, by hysteresis.

    With ``p = P(B) + P(I)``, a span is a run of tokens with ``p >= extend_threshold`` that
    holds at least one token with ``p >= threshold`` (without ``extend_threshold``, both
    are ``threshold``). The model is sure of a fragment's core long before it is sure of its
    edges, so a lower extension threshold recovers the edges without admitting new, doubtful
    spans; training/si_decoding.py chooses both thresholds out-of-fold and measures the gain.
    A new span also starts where ``B`` is the most likely tag (two fragments back to back).
    Spans are whole words: the gold spans almost never cut a word, and a span ending at
    ``##ing`` would otherwise lose characters of both precision and recall. Given the
    ``text``, spans lose the whitespace and separators at their edges
    (:func:`trim_separators`), and spans without a content word ("the", "as a", a lone
    quotation mark) are dropped: a reader gains nothing from them, and out-of-fold only a
    quarter of their characters were inside gold spans. Then spans whose confidence (mean
    ``p`` of their tokens) is under ``min_confidence`` are dropped, and, given the text,
    spans at most ``merge_gap`` characters apart in one clause are joined
    (:func:`merge_close_spans`).
    """
    n = len(offsets)
    if n == 0:
        return []
    extend = threshold if extend_threshold is None else min(extend_threshold, threshold)
    raw = tag_probs[:, TAG_B] + tag_probs[:, TAG_I]
    begins = tag_probs.argmax(axis=1) == TAG_B
    # Word-level smoothing: a word takes its first piece's values, so that the subword
    # pieces of one word never disagree. The confidence keeps the raw values of every piece.
    p = raw.copy()
    for i in range(1, n):
        if is_continuation[i]:
            p[i] = p[i - 1]
            begins[i] = False
    inside = p >= extend
    spans: list[SpanPrediction] = []
    i = 0
    while i < n:
        if not inside[i]:
            i += 1
            continue
        j = i + 1
        while j < n and inside[j] and not begins[j]:
            j += 1
        confidence = float(raw[i:j].mean())
        if p[i:j].max() >= threshold and confidence >= min_confidence:
            start, end = int(offsets[i, 0]), int(offsets[j - 1, 1])
            if text is not None:
                start, end = trim_separators(text, start, end)
            if text is None or has_content_word(text[start:end]):
                spans.append(SpanPrediction(start, end, confidence))
        i = j
    if text is not None and merge_gap > 0:
        spans = merge_close_spans(spans, text, merge_gap)
    return spans


# Where a merge stops: a sentence's end, or a semicolon or colon. Of PTC's 5,397 merged gold
# spans, 20 hold a semicolon and 48 a colon, against 857 a comma.
_CLAUSE_END = re.compile(r"[.!?;:\n]")


def merge_close_spans(spans: list[SpanPrediction], text: str, gap: int) -> list[SpanPrediction]:
    """Join neighbouring spans (in text order) at most ``gap`` characters apart in one clause.

    The tagger can break one fragment in two at a comma or a quotation mark, where the gold
    fragment runs on; gold fragments rarely run over a semicolon, a colon or a sentence end.
    The joined span's confidence is the mean of its parts', weighted by their length.
    """
    merged: list[SpanPrediction] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and span.start - last.end <= gap
            and not _CLAUSE_END.search(text, last.end, max(last.end, span.start))
        ):
            a, b = last.end - last.start, span.end - span.start
            score = (last.score * a + span.score * b) / max(1, a + b)
            merged[-1] = SpanPrediction(last.start, span.end, score)
        else:
            merged.append(span)
    return merged


# "U.S.", "Mr.": a full stop that belongs to its word.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|etc|Inc|Co|vs)\.)$"
)


def trim_separators(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the commas, semicolons, colons, full stops (and whitespace
    between them) at its edges.

    PTC's annotators never start or end a fragment on one (none of the 5,397 merged gold
    spans of the training articles does; out of fold, 485 of 5,592 decoded spans did), and a
    highlight that runs on into the punctuation after its words reads as sloppy. "?", "!"
    and quotation marks stay: gold spans do end on them. So does the full stop of an
    abbreviation ("U.S.").
    """
    while end > start:
        c = text[end - 1]
        if c in ",;:" or c.isspace() or (
            c == "." and not _ABBREVIATION_END.search(text[start:end])
        ):
            end -= 1
        else:
            break
    while start < end and (text[start] in ",;:." or text[start].isspace()):
        start += 1
    return start, end


_WORD = re.compile(r"\w+")


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def has_content_word(fragment: str) -> bool:
    """Whether ``fragment`` holds a word outside spaCy's English stop list."""
    stop = _stop_words()
    return any(w.casefold() not in stop for w in _WORD.findall(fragment))


def token_range(offsets: IntArray, start: int, end: int) -> tuple[int, int]:
    """Tokens ``[a, b)`` overlapping the characters ``[start, end)``; ``a == b`` if none."""
    if len(offsets) == 0:
        return 0, 0
    a = int(np.searchsorted(offsets[:, 1], start, side="right"))
    b = int(np.searchsorted(offsets[:, 0], end, side="left"))
    return a, max(a, b)


_WS = re.compile(r"\s+")


def normalise_fragment(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def span_features(text: str, spans: Sequence[tuple[int, int]], offsets: IntArray) -> FloatArray:
    """Hand-made features per span: ``(n_spans, N_SPAN_FEATURES)``.

    0. log number of characters: techniques differ strongly in length (Loaded_Language is a
       word or two, Causal_Oversimplification a sentence or more).
    1. log number of tokens.
    2. log(1 + other occurrences of the span's text in the article): the defining property
       of Repetition, which a window-bound encoder cannot see.
    3. log(1 + other given spans with the same text): Repetition fragments are annotated at
       each occurrence.
    """
    folded = text.casefold()
    norms = [normalise_fragment(text[s:e]) for s, e in spans]
    counts: dict[str, int] = {}
    for f in norms:
        counts[f] = counts.get(f, 0) + 1
    out = np.zeros((len(spans), N_SPAN_FEATURES), dtype=np.float32)
    for k, ((s, e), frag) in enumerate(zip(spans, norms, strict=True)):
        a, b = token_range(offsets, s, e)
        occurrences = folded.count(text[s:e].casefold()) if e > s else 0
        out[k] = (
            np.log1p(e - s),
            np.log1p(b - a),
            np.log1p(max(occurrences - 1, 0)),
            np.log1p(counts[frag] - 1),
        )
    return out


def span_vectors(
    hidden: FloatArray, token_spans: Sequence[tuple[int, int]], context: int = CONTEXT_TOKENS
) -> FloatArray:
    """Neural span representation: ``[mean, first, last, local context mean]`` of token states.

    The local context is the mean over ``context`` tokens either side of the span (clipped to
    the sequence), the same definition in a training window and in a whole article, so the
    head sees the same kind of input in both.
    """
    n, d = hidden.shape
    out = np.zeros((len(token_spans), 4 * d), dtype=np.float32)
    for k, (a, b) in enumerate(token_spans):
        a = min(max(a, 0), max(n - 1, 0))
        b = min(max(b, a + 1), n)
        ca, cb = max(0, a - context), min(n, b + context)
        out[k, :d] = hidden[a:b].mean(axis=0)
        out[k, d : 2 * d] = hidden[a]
        out[k, 2 * d : 3 * d] = hidden[b - 1]
        out[k, 3 * d :] = hidden[ca:cb].mean(axis=0)
    return out


def gelu(x: FloatArray) -> FloatArray:
    # The tanh approximation, matching torch.nn.GELU(approximate="tanh") in the trainer.
    # float32 constants keep the result float32 for the type checker too; halving is exact.
    tanh: FloatArray = np.tanh(np.float32(0.7978845608028654) * (x + np.float32(0.044715) * x**3))
    return x * (np.float32(1.0) + tanh) * np.float32(0.5)


def softmax(x: FloatArray, axis: int = -1) -> FloatArray:
    z = x - x.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=axis, keepdims=True)).astype(np.float32)


def crf_marginals(
    emissions: FloatArray, transitions: FloatArray, start: FloatArray, end: FloatArray
) -> FloatArray:
    """Per-token tag marginals ``(n, 3)`` of a linear-chain CRF, by forward-backward.

    ``emissions`` are the SI logits; ``transitions[i, j]`` scores tag ``i`` followed by tag
    ``j``; ``start`` and ``end`` score the first and last tags. The marginals take the place
    of the per-token softmax, so the hysteresis decoding reads a CRF model unchanged.
    """
    n, k = emissions.shape
    if n == 0:
        return np.zeros((0, k), np.float32)
    em = emissions.astype(np.float64)
    tr = transitions.astype(np.float64)
    start = start.astype(np.float64)
    end = end.astype(np.float64)
    alpha = np.empty((n, k))
    beta = np.empty((n, k))
    alpha[0] = start + em[0]
    beta[-1] = end
    if n > 1:
        # Step t (t >= 1) scores tag i -> tag j as tr[i, j] + em[t, j]. The forward scores
        # are alpha[0] times the running products of these step matrices, the backward
        # scores the products from the other end times exp(end); both come from a parallel
        # scan, which is a few numpy calls per doubling instead of a Python loop per token.
        steps = tr[None] + em[1:, None, :]
        with np.errstate(divide="ignore"):  # a probability that underflows is log 0
            prods, scales = _log_product_scan(steps, from_the_end=False)
            a0 = alpha[0].max()
            alpha[1:] = np.log(np.exp(alpha[0] - a0) @ prods) + (a0 + scales)[:, None]
            prods, scales = _log_product_scan(steps, from_the_end=True)
            e0 = end.max()
            beta[:-1] = np.log(prods @ np.exp(end - e0)) + (e0 + scales)[:, None]
    log_z = _logsumexp(alpha[-1] + end, axis=0)
    return np.exp(alpha + beta - log_z).astype(np.float32)


def _log_product_scan(
    log_steps: npt.NDArray[np.float64], from_the_end: bool
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Running products of ``(m, k, k)`` log-domain matrices (Hillis-Steele scan).

    Returns ``(p, s)`` with ``log(product) = log(p) + s``: each product is kept as a matrix
    whose largest entry is 1 and a log scale, so long articles neither overflow nor
    underflow. Element ``t`` is the product of steps ``0..t``, or of ``t..m-1`` when
    ``from_the_end``.
    """
    scales = log_steps.max(axis=(1, 2))
    prods = np.exp(log_steps - scales[:, None, None])
    span = 1
    while span < len(prods):
        joined = np.matmul(prods[:-span], prods[span:])
        top = joined.max(axis=(1, 2))
        joined /= top[:, None, None]
        joined_scales = scales[:-span] + scales[span:] + np.log(top)
        if from_the_end:
            prods[:-span], scales[:-span] = joined, joined_scales
        else:
            prods[span:], scales[span:] = joined, joined_scales
        span *= 2
    return prods, scales


def _logsumexp(x: npt.NDArray[np.float64], axis: int) -> npt.NDArray[np.float64]:
    m = x.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.exp(x - m).sum(axis=axis))


@dataclass(slots=True)
class SpanHead:
    """The technique-classification head: a two-layer MLP over span vectors + features."""

    w1: FloatArray
    b1: FloatArray
    w2: FloatArray
    b2: FloatArray
    feature_mean: FloatArray
    feature_std: FloatArray

    def logits(self, vectors: FloatArray, features: FloatArray) -> FloatArray:
        f = (features - self.feature_mean) / self.feature_std
        x = np.concatenate([vectors, f], axis=1).astype(np.float32)
        h = gelu(x @ self.w1 + self.b1)
        return (h @ self.w2 + self.b2).astype(np.float32)
