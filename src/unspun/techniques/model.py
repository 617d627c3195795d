"""Runtime of the persuasion-technique detector: onnxruntime + tokenizers, no torch.

One encoder pass per article (:class:`unspun.resources.encoder.Encoder`, shared with the
claims layer): the ONNX encoder returns the token hidden states and the
span-identification (SI) tag logits of each window; the technique-classification (TC)
head is a small numpy MLP over span vectors read from the same hidden states.

A model directory holds ``config.json``, the encoder ONNX file named there,
``heads.npz`` (TC head weights) and ``tokenizer.json``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from unspun.ngrams import NgramModel, load_ngram_model

# The encoder's names are re-exported: the training scripts and tests import them from here.
from unspun.resources.encoder import (
    EncodedArticle,
    Encoder,
    IntArray,
    TokenizedArticle,
    WindowEncoder,
    WindowSettings,
    encode_windows,
    load_tokenizer,
    onnx_window_encoder,
    tokenize,
)
from unspun.settings import SHIPPED_MODELS
from unspun.techniques.calibration import ConfidenceMap
from unspun.techniques.windows import (
    CONTEXT_TOKENS,
    FloatArray,
    SpanHead,
    crf_marginals,
    decode_spans,
    softmax,
    span_features,
    span_vectors,
    token_range,
)

__all__ = [
    "DEFAULT_MODEL_DIR",
    "TC_NGRAM_FILE",
    "EncodedArticle",
    "Encoder",
    "ModelConfig",
    "TechniqueModel",
    "TechniqueSpan",
    "TokenizedArticle",
    "WindowEncoder",
    "encode_windows",
    "load_head",
    "load_tc_ngrams",
    "load_tokenizer",
    "onnx_window_encoder",
    "tokenize",
    "top_k_techniques",
]

DEFAULT_MODEL_DIR = SHIPPED_MODELS / "techniques"

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
    # The map from a highlight's raw score to the confidence the report shows
    # (unspun.techniques.calibration); None: the raw score.
    confidence_map: dict[str, Any] | None = None
    # The view's default threshold chosen with the map (training.calibration --write-map);
    # unspun.render.html.DEFAULT_THRESHOLD must equal it (a test checks).
    display_threshold: float | None = None
    # TC blend: the technique logits are (1 - w) x the head's + w x those of a word n-gram
    # model of the fragment's text (TC_NGRAM_FILE, training.tc_ngrams); 0: the head alone.
    tc_ngram_weight: float = 0.0

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelConfig:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _no_encoder(ids: IntArray) -> tuple[FloatArray, FloatArray]:
    raise RuntimeError("this technique model reads the shared encoder pass (load_heads)")


class TechniqueModel:
    """Finds persuasion-technique spans in an article and names their techniques.

    The heads read an :class:`EncodedArticle` from the shared :class:`Encoder`; the model
    keeps the encoder it was loaded with for :meth:`encode` and :meth:`predict`, which the
    training and evaluation scripts use on their own.
    """

    def __init__(
        self,
        config: ModelConfig,
        tokenizer: Any,
        run_window: WindowEncoder,
        head: SpanHead,
        tc_ngrams: NgramModel | None = None,
    ) -> None:
        self.config = config
        self.head = head
        if not 0.0 <= config.tc_ngram_weight <= 1.0:
            raise ValueError(f"tc_ngram_weight {config.tc_ngram_weight} outside [0, 1]")
        if config.tc_ngram_weight > 0 and tc_ngrams is None:
            raise ValueError("tc_ngram_weight is set but no n-gram model was given")
        self.tc_ngrams = tc_ngrams if config.tc_ngram_weight > 0 else None
        self.confidence_map = (ConfidenceMap.from_dict(config.confidence_map)
                               if config.confidence_map else None)
        self.encoder = Encoder(WindowSettings.from_dict(config.to_dict()), tokenizer, run_window)

    @property
    def tokenizer(self) -> Any:
        return self.encoder.tokenizer

    @property
    def run_window(self) -> WindowEncoder:
        return self.encoder.run_window

    @classmethod
    def load(
        cls,
        model_dir: str | os.PathLike[str] = DEFAULT_MODEL_DIR,
        threads: int = 1,
        encoder_file: str | None = None,
        encoder: Encoder | None = None,
        tc_blend: bool = True,
    ) -> TechniqueModel:
        """The model of a directory, with its own encoder or the shared ``encoder``;
        ``tc_blend=False`` leaves out the TC n-gram blend (the head alone, as
        ``training.tc_ngrams`` measures it)."""
        d = Path(model_dir)
        if not (d / "config.json").is_file():
            raise FileNotFoundError(
                f"no technique model in {d} (train one: python -m training.techniques --export)"
            )
        config = ModelConfig.from_dict(json.loads((d / "config.json").read_text("utf-8")))
        if not tc_blend:
            config.tc_ngram_weight = 0.0
        if encoder is None:
            encoder = Encoder.load(d, threads, encoder_file)
        return cls(config, encoder.tokenizer, encoder.run_window, load_head(d),
                   load_tc_ngrams(d, config))

    @classmethod
    def load_heads(cls, model_dir: str | os.PathLike[str] = DEFAULT_MODEL_DIR) -> TechniqueModel:
        """The model's heads and decoding alone, to read a shared encoder's output: its
        own :meth:`encode` is not available."""
        d = Path(model_dir)
        config = ModelConfig.from_dict(json.loads((d / "config.json").read_text("utf-8")))
        return cls(config, None, _no_encoder, load_head(d), load_tc_ngrams(d, config))

    # -- the shared encoder pass -----------------------------------------------------------

    def encode(self, text: str) -> EncodedArticle:
        return self.encoder.encode(text)

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
        if not spans or len(encoded.tokens.ids) == 0:
            return np.zeros((len(spans), len(self.config.techniques)), np.float32)
        return softmax(self.technique_logits(encoded, spans))

    def technique_logits(
        self, encoded: EncodedArticle, spans: Sequence[tuple[int, int]]
    ) -> FloatArray:
        """TC logits ``(n_spans, n_techniques)``: the head's, blended with the n-gram
        model's when the config sets ``tc_ngram_weight`` (``load(..., tc_blend=False)``
        gives the head's alone, as training.tc_ngrams reads it)."""
        n_tech = len(self.config.techniques)
        if not spans or len(encoded.tokens.ids) == 0:
            return np.zeros((len(spans), n_tech), np.float32)
        offsets = encoded.tokens.offsets
        tok_spans = [token_range(offsets, s, e) for s, e in spans]
        vectors = span_vectors(encoded.hidden, tok_spans, self.config.context_tokens)
        feats = span_features(encoded.text, spans, offsets)
        logits = self.head.logits(vectors, feats)
        if self.tc_ngrams is not None:
            w = self.config.tc_ngram_weight
            words = self.tc_ngrams.logits([encoded.text[s:e] for s, e in spans])
            logits = ((1 - w) * logits + w * words).astype(np.float32)
        return logits

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


TC_NGRAM_FILE = "tc_ngrams.npz"


def load_tc_ngrams(model_dir: str | os.PathLike[str], config: ModelConfig) -> NgramModel | None:
    """The TC n-gram model of a directory whose config blends one in, else None."""
    if config.tc_ngram_weight <= 0:
        return None
    path = Path(model_dir) / TC_NGRAM_FILE
    model = load_ngram_model(path, f"{Path(model_dir) / 'config.json'} sets tc_ngram_weight"
                                   f" {config.tc_ngram_weight}")
    if model.coef.ndim != 2 or model.classes != tuple(config.techniques):
        raise ValueError(f"{path}: its classes {model.classes} are not the model's techniques")
    return model


def top_k_techniques(probs: FloatArray, k: int) -> list[int]:
    """The k most likely distinct techniques: the best answer for a span with k gold lines."""
    return [int(i) for i in np.argsort(-probs, kind="stable")[:k]]
