"""Runtime of the persuasion-technique detector: onnxruntime + tokenizers, no torch.

One encoder pass per article: the ONNX encoder returns the token hidden states and the
span-identification (SI) tag logits of each window; the technique-classification (TC)
head is a small numpy MLP over span vectors read from the same hidden states, and later
heads (claims, check-worthiness) can read them too through :meth:`TechniqueModel.encode`.

A model directory holds ``config.json``, the encoder ONNX file named there,
``heads.npz`` (TC head weights) and ``tokenizer.json``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from unspun.techniques.windows import (
    CONTEXT_TOKENS,
    FloatArray,
    IntArray,
    SpanHead,
    crf_marginals,
    decode_spans,
    edge_weights,
    owner_ranges,
    softmax,
    span_features,
    span_vectors,
    token_range,
    window_starts,
)

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "techniques"

# (input_ids (1, L) int64) -> (hidden (L, d) float32, si_logits (L, 3) float32), where L
# includes the [CLS] and [SEP] positions. Both the ONNX session and, in the training script,
# the torch model are wrapped in this shape, so windowing and decoding are shared code.
WindowEncoder = Callable[[IntArray], tuple[FloatArray, FloatArray]]


@dataclass(slots=True)
class TokenizedArticle:
    ids: IntArray
    offsets: IntArray  # (n, 2) character offsets into the raw article string
    is_continuation: np.ndarray  # bool (n,): a "##" word piece


@dataclass(slots=True)
class EncodedArticle:
    """The shared encoder output of one article, one row per (non-special) token."""

    text: str
    tokens: TokenizedArticle
    hidden: FloatArray  # (n, d)
    si_logits: FloatArray  # (n, 3)


@dataclass(slots=True)
class TechniqueSpan:
    start: int
    end: int
    technique: str
    confidence: float
    span_confidence: float
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class ModelConfig:
    techniques: list[str]
    max_len: int = 256
    stride: int = 192
    si_threshold: float = 0.5
    # Hysteresis: a span seeded at si_threshold extends over neighbours down to this
    # probability (None: no extension). See windows.decode_spans.
    si_extend_threshold: float | None = None
    # Then spans with a lower confidence are dropped, and spans this many characters apart or
    # closer within a clause are joined (windows.merge_close_spans); 0: neither.
    si_min_confidence: float = 0.0
    si_merge_gap: int = 0
    # A linear-chain CRF over the SI tags (trained with --crf-weight): transition scores
    # [[from O, B, I] x [to O, B, I]], then start and end scores. None: per-token softmax.
    si_crf: dict[str, list[Any]] | None = None
    # Cross-fade the outputs of overlapping windows (encode_windows(blend=True)) instead of
    # taking each token from the one window where it is most central.
    window_blend: bool = False
    context_tokens: int = CONTEXT_TOKENS
    cls_id: int = 101
    sep_id: int = 102
    encoder_file: str = "encoder.int8.onnx"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelConfig:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def load_tokenizer(path: str | os.PathLike[str]) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    # The sentence-transformers tokenizer.json pads and truncates to 128; windowing is ours.
    tok.no_truncation()
    tok.no_padding()
    return tok


def tokenize(tokenizer: Any, text: str) -> TokenizedArticle:
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    cont = np.asarray([t.startswith("##") for t in enc.tokens], dtype=bool)
    return TokenizedArticle(ids, offsets, cont)


def encode_windows(
    run_window: WindowEncoder,
    ids: IntArray,
    max_len: int,
    stride: int,
    cls_id: int = 101,
    sep_id: int = 102,
    blend: bool = False,
) -> tuple[FloatArray, FloatArray]:
    """Run the encoder over overlapping windows and stitch the token rows together.

    By default each token is taken from its best window (see ``owner_ranges``). With
    ``blend``, the rows of the tokens that two windows share are cross-faded instead: each
    window weighs a token by its distance from the window's nearer edge (see
    ``edge_weights``), so the outputs change smoothly where one window hands over to the
    next rather than jumping at the middle of the overlap.
    """
    n = len(ids)
    content = max_len - 2
    hidden: FloatArray | None = None
    logits: FloatArray | None = None
    if n == 0:
        return np.zeros((0, 0), np.float32), np.zeros((0, 3), np.float32)
    starts = window_starts(n, content, stride)
    total_weight = np.zeros((n, 1), np.float32)
    for s, (a, b) in zip(starts, owner_ranges(starts, content, n), strict=True):
        chunk = ids[s : s + content]
        window = np.concatenate([[cls_id], chunk, [sep_id]]).astype(np.int64)[None, :]
        h, lg = run_window(window)
        if hidden is None or logits is None:
            hidden = np.zeros((n, h.shape[-1]), np.float32)
            logits = np.zeros((n, lg.shape[-1]), np.float32)
        if blend:
            e = s + len(chunk)
            w = edge_weights(len(chunk), at_start=s == 0, at_end=e == n)[:, None]
            hidden[s:e] += w * h[1 : len(chunk) + 1]
            logits[s:e] += w * lg[1 : len(chunk) + 1]
            total_weight[s:e] += w
        else:
            # +1 skips [CLS]; rows a..b of the article are rows a-s+1..b-s+1 of the window.
            hidden[a:b] = h[a - s + 1 : b - s + 1]
            logits[a:b] = lg[a - s + 1 : b - s + 1]
    assert hidden is not None and logits is not None
    if blend:
        hidden /= total_weight
        logits /= total_weight
    return hidden, logits


class TechniqueModel:
    """Finds persuasion-technique spans in an article and names their techniques."""

    def __init__(
        self,
        config: ModelConfig,
        tokenizer: Any,
        run_window: WindowEncoder,
        head: SpanHead,
    ) -> None:
        self.config = config
        self.tokenizer = tokenizer
        self.run_window = run_window
        self.head = head

    @classmethod
    def load(
        cls,
        model_dir: str | os.PathLike[str] = DEFAULT_MODEL_DIR,
        threads: int = 1,
        encoder_file: str | None = None,
    ) -> TechniqueModel:
        import onnxruntime as ort

        d = Path(model_dir)
        if not (d / "config.json").is_file():
            raise FileNotFoundError(
                f"no technique model in {d} (train one: python -m training.techniques --export)"
            )
        config = ModelConfig.from_dict(json.loads((d / "config.json").read_text("utf-8")))
        opts = ort.SessionOptions()
        # One thread by default: the analysis of one article should not compete with the
        # rest of the pipeline (or other requests) for every core.
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(
            str(d / (encoder_file or config.encoder_file)),
            sess_options=opts,
            providers=["CPUExecutionProvider"],
        )

        def run_window(ids: IntArray) -> tuple[FloatArray, FloatArray]:
            hidden, logits = session.run(
                ["hidden", "si_logits"],
                {"input_ids": ids, "attention_mask": np.ones_like(ids)},
            )
            return hidden[0], logits[0]

        return cls(config, load_tokenizer(d / "tokenizer.json"), run_window, load_head(d))

    # -- the shared encoder pass -----------------------------------------------------------

    def encode(self, text: str) -> EncodedArticle:
        tokens = tokenize(self.tokenizer, text)
        c = self.config
        hidden, logits = encode_windows(
            self.run_window, tokens.ids, c.max_len, c.stride, c.cls_id, c.sep_id,
            blend=c.window_blend,
        )
        return EncodedArticle(text, tokens, hidden, logits)

    # -- heads -----------------------------------------------------------------------------

    def tag_probs(self, encoded: EncodedArticle) -> FloatArray:
        """SI tag probabilities ``(n, 3)`` per token: CRF marginals, or the softmax."""
        crf = self.config.si_crf
        if crf is None:
            return softmax(encoded.si_logits)
        return crf_marginals(
            encoded.si_logits,
            np.asarray(crf["transitions"], np.float32),
            np.asarray(crf["start"], np.float32),
            np.asarray(crf["end"], np.float32),
        )

    def find_spans(
        self, encoded: EncodedArticle, threshold: float | None = None
    ) -> list[tuple[int, int, float]]:
        """SI: character spans ``(start, end, confidence)``, decoded as the model's config
        says, or with ``threshold`` alone (no extension, filter or merge) when one is given."""
        config = self.config
        if threshold is None:  # the shipped decoding
            th, extend = config.si_threshold, config.si_extend_threshold
            min_confidence, merge_gap = config.si_min_confidence, config.si_merge_gap
        else:  # an explicit threshold means that threshold alone
            th, extend, min_confidence, merge_gap = threshold, None, 0.0, 0
        tokens = encoded.tokens
        return [
            (p.start, p.end, p.score)
            for p in decode_spans(
                self.tag_probs(encoded), tokens.offsets, tokens.is_continuation, th, extend,
                encoded.text, min_confidence=min_confidence, merge_gap=merge_gap,
            )
        ]

    def technique_probs(
        self, encoded: EncodedArticle, spans: Sequence[tuple[int, int]]
    ) -> FloatArray:
        """TC: technique probabilities ``(n_spans, n_techniques)`` for the given spans."""
        n_tech = len(self.config.techniques)
        if not spans or len(encoded.tokens.ids) == 0:
            return np.zeros((len(spans), n_tech), np.float32)
        offsets = encoded.tokens.offsets
        tok_spans = [token_range(offsets, s, e) for s, e in spans]
        vectors = span_vectors(encoded.hidden, tok_spans, self.config.context_tokens)
        feats = span_features(encoded.text, spans, offsets)
        return softmax(self.head.logits(vectors, feats))

    def predict(self, text: str, threshold: float | None = None) -> list[TechniqueSpan]:
        """Spans with their most likely technique, in text order."""
        encoded = self.encode(text)
        found = self.find_spans(encoded, threshold)
        probs = self.technique_probs(encoded, [(s, e) for s, e, _ in found])
        names = self.config.techniques
        out: list[TechniqueSpan] = []
        for (s, e, conf), p in zip(found, probs, strict=True):
            k = int(p.argmax())
            out.append(
                TechniqueSpan(
                    start=s,
                    end=e,
                    technique=names[k],
                    confidence=float(p[k]),
                    span_confidence=conf,
                    scores={n: float(v) for n, v in zip(names, p, strict=True)},
                )
            )
        return out


def load_head(model_dir: str | os.PathLike[str]) -> SpanHead:
    with np.load(Path(model_dir) / "heads.npz") as z:
        return SpanHead(
            w1=z["tc_w1"].astype(np.float32),
            b1=z["tc_b1"].astype(np.float32),
            w2=z["tc_w2"].astype(np.float32),
            b2=z["tc_b2"].astype(np.float32),
            feature_mean=z["feature_mean"].astype(np.float32),
            feature_std=z["feature_std"].astype(np.float32),
        )


def top_k_techniques(probs: FloatArray, k: int) -> list[int]:
    """The k most likely distinct techniques: the best answer for a span with k gold lines."""
    return [int(i) for i in np.argsort(-probs, kind="stable")[:k]]
