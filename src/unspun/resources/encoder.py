"""The shared encoder: one ONNX pass per article, read by every neural layer.

The encoder (all-MiniLM-L6-v2 fine-tuned on PTC, int8) sees at most ``max_len`` tokens at a
time, so an article is cut into overlapping windows. A token takes its output from the
window in which it sits furthest from an edge (``owner_ranges``), or, where the model's
config says ``window_blend``, from a cross-fade of the windows that hold it, each weighed by
the token's distance from that window's edge (``edge_weights``); either way a span at a
window boundary is read with context on both sides. The result, an :class:`EncodedArticle`, holds
the hidden state of every token and the span-identification logits that the encoder graph
computes with it. The techniques layer decodes spans from it; the claims layer pools its
hidden states per sentence. Neither runs the encoder itself.

An encoder directory holds ``config.json`` (window settings, the ONNX file's name),
``tokenizer.json`` and the ONNX file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

def window_starts(n_tokens: int, content_len: int, stride: int) -> list[int]:
    """Start offsets of windows of ``content_len`` tokens covering ``n_tokens`` tokens.

    The last window is aligned to the end of the sequence, so that every window is full
    (a short tail window would see little context and cost a whole encoder call).
    """
    if content_len <= 0 or stride <= 0:
        raise ValueError("content_len and stride must be positive")
    if n_tokens <= content_len:
        return [0]
    starts = list(range(0, n_tokens - content_len, stride))
    last = n_tokens - content_len
    if not starts or starts[-1] != last:
        starts.append(last)
    return starts


def owner_ranges(starts: Sequence[int], content_len: int, n_tokens: int) -> list[tuple[int, int]]:
    """For each window, the token range ``[a, b)`` whose outputs are taken from it.

    The overlap of two neighbouring windows is split at its middle, which is the point that
    maximises the distance of every token from the edge of the window it is read from.
    """
    ranges: list[tuple[int, int]] = []
    a = 0
    for k, s in enumerate(starts):
        end = min(s + content_len, n_tokens)
        if k + 1 < len(starts):
            nxt = starts[k + 1]
            b = (nxt + end) // 2 if nxt < end else end
        else:
            b = n_tokens
        ranges.append((a, b))
        a = b
    return ranges


def edge_weights(length: int, at_start: bool = False, at_end: bool = False) -> FloatArray:
    """Weights of a window's ``length`` token rows when overlapping windows are blended.

    A row's weight grows with its distance from the nearer edge of the window (1 at the
    edge, a triangle), since a token read near an edge sees context on one side only. An
    edge that is the article's own start or end hides no context, so rows there are not
    down-weighted on its account.
    """
    pos = np.arange(length, dtype=np.float32)
    # No row is further than ``length`` from an edge: that is the weight of a side without one.
    from_start = np.full(length, length, np.float32) if at_start else pos + 1
    from_end = np.full(length, length, np.float32) if at_end else length - pos
    return np.minimum(from_start, from_end)


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


@dataclass(frozen=True, slots=True)
class WindowSettings:
    """How an article is cut into encoder windows (fields of the model's ``config.json``)."""

    max_len: int = 256
    stride: int = 192
    window_blend: bool = False
    cls_id: int = 101
    sep_id: int = 102

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WindowSettings:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


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


def onnx_window_encoder(path: str | os.PathLike[str], threads: int = 1) -> WindowEncoder:
    """An ONNX encoder file as a :data:`WindowEncoder` (CPU, ``threads`` intra-op threads)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(
        str(path), sess_options=opts, providers=["CPUExecutionProvider"]
    )

    def run_window(ids: IntArray) -> tuple[FloatArray, FloatArray]:
        hidden, logits = session.run(
            ["hidden", "si_logits"],
            {"input_ids": ids, "attention_mask": np.ones_like(ids)},
        )
        return hidden[0], logits[0]

    return run_window


class Encoder:
    """Tokenises an article and runs the encoder over its windows: :meth:`encode`."""

    def __init__(self, windows: WindowSettings, tokenizer: Any, run_window: WindowEncoder) -> None:
        self.windows = windows
        self.tokenizer = tokenizer
        self.run_window = run_window

    @classmethod
    def load(
        cls,
        model_dir: str | os.PathLike[str],
        threads: int = 1,
        encoder_file: str | None = None,
    ) -> Encoder:
        """The encoder of a model directory (``encoder_file`` overrides config.json's)."""
        d = Path(model_dir)
        if not (d / "config.json").is_file():
            raise FileNotFoundError(
                f"no encoder in {d} (train one: python -m training.techniques --export)"
            )
        config = json.loads((d / "config.json").read_text("utf-8"))
        name = encoder_file or str(config.get("encoder_file", "encoder.int8.onnx"))
        return cls(
            WindowSettings.from_dict(config),
            load_tokenizer(d / "tokenizer.json"),
            onnx_window_encoder(d / name, threads),
        )

    def encode(self, text: str) -> EncodedArticle:
        tokens = tokenize(self.tokenizer, text)
        w = self.windows
        hidden, logits = encode_windows(
            self.run_window, tokens.ids, w.max_len, w.stride, w.cls_id, w.sep_id,
            blend=w.window_blend,
        )
        return EncodedArticle(text, tokens, hidden, logits)
