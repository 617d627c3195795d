"""Check-worthiness as a second task of the technique encoder (issue 30).

:mod:`training.techniques` ``--claims-data DIR`` trains, next to the SI/TC heads, a claims
head over CT24 train sentences, so that the encoder the analyzer runs once per article also
carries features trained for check-worthiness. This module holds that task's pieces:

- **Folds.** The claims folds are :mod:`training.claims_finetune`'s (CT24 train grouped by
  debate, :func:`unspun.evaluate.checkworthiness.grouped_folds` with
  :data:`training.claims.SEED`); a technique run with ``--fold K`` holds out claims fold K as
  well, ``--fold -1`` trains on every sentence.
- **Context view in training.** A training example is a window of consecutive transcript
  sentences (id order, as :func:`training.claims.context_blocks` orders them), packed whole
  into the encoder's ``max_len``; each sentence's vector pools (mean and max, as
  :func:`unspun.claims.pool` does) the states of its own tokens read out of that one window
  pass, which is how :func:`unspun.claims.sentence_vectors` reads a sentence out of an
  article's pass at run time. Sentences are tokenised alone and concatenated: the BERT
  pre-tokeniser splits at whitespace, so that is the tokenisation of the joined text.
- **Share.** Each epoch draws windows holding about ``share`` of the training sentences
  (seeded, its own generator), and their batches ride along evenly spread technique steps
  (one optimiser step over both losses): the learning-rate schedule is the technique run's.
- **Held-out scores.** Scored through the runtime itself: pseudo-articles of 40 sentences
  (:func:`training.claims.context_blocks`) through :meth:`TechniqueModel.encode` (the run's
  torch encoder plugged in) and :func:`unspun.claims.sentence_vectors`, then the head; written
  in the fold's row order, which :func:`training.claims_finetune.epoch_scores` reads.

Only numpy at import: the split is tested without torch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from unspun.evaluate.checkworthiness import (
    DEBATE_GAP,
    MIN_GROUP,
    LabelledSentence,
    debate_groups,
    grouped_folds,
    read_ct24,
)

if TYPE_CHECKING:
    import torch
    from torch import nn

    from unspun.techniques.model import TechniqueModel

# The pooling of the shipped claims head (claims.json): mean and max of the token states.
POOLING = "mean+max"


def claims_folds(data: Sequence[LabelledSentence], n_folds: int, seed: int) -> list[np.ndarray]:
    """Row indices of the debate-grouped folds, each in the order the fold reports use."""
    ids = [int(d.sentence_id) for d in data]
    return [np.asarray(f) for f in grouped_folds(debate_groups(ids, DEBATE_GAP, MIN_GROUP),
                                                 n_folds, seed)]


def claims_split(
    folds: Sequence[np.ndarray], n_rows: int, fold: int
) -> tuple[np.ndarray, np.ndarray]:
    """(training rows, held-out rows in the fold's order); fold -1: all rows train."""
    if fold < 0:
        return np.arange(n_rows), np.zeros(0, np.int64)
    test = folds[fold]
    return np.setdiff1d(np.arange(n_rows), test), test


def transcript_order(data: Sequence[LabelledSentence], rows: np.ndarray) -> np.ndarray:
    """``rows`` in transcript (sentence id) order, as the context blocks read them."""
    return rows[np.argsort([int(data[i].sentence_id) for i in rows], kind="stable")]


def pack_windows(
    lengths: Sequence[int], rows: np.ndarray, content: int, first: int = 0
) -> list[np.ndarray]:
    """``rows`` (in order) cut into runs of whole sentences of at most ``content`` tokens.

    ``first`` ends the first window after that many sentences (an offset drawn per epoch, so
    that a sentence meets other neighbours than last epoch's). A sentence longer than
    ``content`` gets a window of its own (its tokens are truncated when collated).
    """
    out: list[np.ndarray] = []
    cur: list[int] = []
    used = 0
    for k, r in enumerate(rows.tolist()):
        n = min(int(lengths[r]), content)
        if cur and (used + n > content or k == first):
            out.append(np.asarray(cur))
            cur, used = [], 0
        cur.append(r)
        used += n
    if cur:
        out.append(np.asarray(cur))
    return out


def spread(n_items: int, n_steps: int) -> dict[int, list[int]]:
    """Items ``0..n_items-1`` assigned to steps ``0..n_steps-1``, evenly spread."""
    out: dict[int, list[int]] = {}
    for j in range(n_items):
        out.setdefault(j * max(1, n_steps) // n_items, []).append(j)
    return out


@dataclass
class ClaimsTask:
    """CT24 train as the encoder's second task: data, split, head, sampler state."""

    data: list[LabelledSentence]
    tokens: list[np.ndarray]  # ids of each sentence alone, no special tokens
    folds: list[np.ndarray]
    fold: int
    weight: float
    share: float
    batch_size: int
    content: int  # tokens per window, without [CLS] and [SEP]
    seed: int
    y: np.ndarray = field(init=False)
    train_rows: np.ndarray = field(init=False)
    test_rows: np.ndarray = field(init=False)
    head: Any = None  # torch: dropout + linear over the pooled sentence vector
    rng: np.random.Generator = field(init=False)

    def __post_init__(self) -> None:
        self.y = np.asarray([d.label for d in self.data], np.float32)
        self.train_rows, self.test_rows = claims_split(self.folds, len(self.data), self.fold)
        self.rng = np.random.default_rng(self.seed)

    @classmethod
    def load(
        cls, data_dir: str | Path, tokenizer: Any, n_folds: int, fold: int, weight: float,
        share: float, batch_size: int, content: int,
    ) -> ClaimsTask:
        from training.claims import SEED, TRAIN_FILE

        data = read_ct24(Path(data_dir) / TRAIN_FILE)
        tokens = [np.asarray(e.ids, np.int64)
                  for e in tokenizer.encode_batch([d.text for d in data],
                                                  add_special_tokens=False)]
        return cls(data, tokens, claims_folds(data, n_folds, SEED), fold, weight, share,
                   batch_size, content, SEED)

    def train_tokens(self) -> int:
        return int(sum(min(len(self.tokens[i]), self.content) for i in self.train_rows))

    def build_head(self, hidden_size: int, dropout: float = 0.1) -> nn.Module:
        from torch import nn

        width = hidden_size * (2 if POOLING == "mean+max" else 1)
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(width, 1))
        return self.head

    def epoch_batches(self, n_steps: int) -> dict[int, list[list[np.ndarray]]]:
        """This epoch's claims batches (lists of windows), keyed by the technique step
        (0-based within the epoch) whose loss they join."""
        lengths = [len(t) for t in self.tokens]
        order = transcript_order(self.data, self.train_rows)
        per_window = max(1, self.content // max(1, int(np.median(lengths))))
        windows = pack_windows(lengths, order, self.content, int(self.rng.integers(per_window)))
        windows = [windows[i] for i in self.rng.permutation(len(windows))]
        n_sentences = math.ceil(self.share * len(order))
        taken, seen = [], 0
        for w in windows:
            if seen >= n_sentences:
                break
            taken.append(w)
            seen += len(w)
        batches = [taken[b : b + self.batch_size] for b in range(0, len(taken),
                                                                   self.batch_size)]
        return {step: [batches[j] for j in js] for step, js in spread(len(batches),
                                                                     n_steps).items()}

    def loss(self, model: Any, windows: Sequence[np.ndarray], cls_id: int, sep_id: int,
             pad_id: int) -> tuple[torch.Tensor, int]:
        """Class-weighted BCE of the head over every sentence of ``windows``, and the
        tokens the batch ran through the encoder."""
        import torch

        lens = [[min(len(self.tokens[r]), self.content) for r in w] for w in windows]
        width = max(sum(n) for n in lens) + 2
        ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
        mask = torch.zeros_like(ids)
        for k, w in enumerate(windows):
            seq = np.concatenate([self.tokens[r][:n] for r, n in zip(w, lens[k], strict=True)])
            ids[k, 0], ids[k, len(seq) + 1] = cls_id, sep_id
            ids[k, 1 : len(seq) + 1] = torch.from_numpy(seq)
            mask[k, : len(seq) + 2] = 1
        h, _ = model(ids, mask)
        vectors = []
        for k, window_lens in enumerate(lens):
            at = 1  # after [CLS]
            for n in window_lens:
                vectors.append(pool_torch(h[k, at : at + n]))
                at += n
        rows = np.concatenate(list(windows))
        logits = self.head(torch.stack(vectors)).squeeze(-1)
        train_y = self.y[self.train_rows]
        pos = float(train_y.sum())
        pos_weight = torch.tensor((len(train_y) - pos) / max(1.0, pos))
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            logits, torch.from_numpy(self.y[rows]), pos_weight=pos_weight
        )
        return loss, int(mask.sum())

    def held_out_scores(self, tm: TechniqueModel) -> np.ndarray:
        """Probabilities of the held-out sentences, in the fold's row order, read as at run
        time (module docstring)."""
        import torch

        from training.claims import CONTEXT_BLOCK, CONTEXT_PER_LINE, context_blocks
        from unspun.claims import sentence_vectors

        test = [self.data[i] for i in self.test_rows]
        out = np.zeros(len(test), np.float32)
        self.head.eval()
        for text, spans, rows in context_blocks(test, CONTEXT_BLOCK, CONTEXT_PER_LINE):
            x = torch.from_numpy(sentence_vectors(tm.encode(text), spans, POOLING))
            with torch.inference_mode():
                out[rows] = torch.sigmoid(self.head(x).squeeze(-1)).numpy()
        self.head.train()
        return out

    def write_scores(self, tm: TechniqueModel, out: Path, epoch: int) -> Path:
        """``out/fold{K}/epoch{E}.npy``: the layout ``training.claims_finetune --report``
        pools."""
        path = out / f"fold{self.fold}" / f"epoch{epoch}.npy"
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, self.held_out_scores(tm))
        return path

    def state_dict(self) -> dict[str, Any]:
        return {"head": self.head.state_dict(), "rng": self.rng.bit_generator.state}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.head.load_state_dict(state["head"])
        self.rng.bit_generator.state = state["rng"]


def pool_torch(h: torch.Tensor) -> torch.Tensor:
    """Torch twin of :func:`unspun.claims.pool` for one sentence's token states."""
    import torch

    if POOLING == "mean":
        return h.mean(0)
    return torch.cat([h.mean(0), h.max(0).values])
