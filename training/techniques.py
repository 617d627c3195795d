"""Train, evaluate and export the persuasion-technique model (SemEval-2020 Task 11).

    python -m training.techniques --data ../shared/data/ptc --out runs/tech-f0 \
        --folds 5 --fold 0 --epochs 3 --threads 1 [--export]

``--fold K`` trains on the other folds and evaluates on fold K with the official metrics
(SI on the raw article text, TC on the gold spans). ``--fold -1`` trains on all articles
(the shipped model) and skips evaluation. ``--export`` writes ``OUT/model/``: the encoder as
ONNX (fp32 and dynamic int8), the TC head weights, tokenizer.json, config.json and a model
card; with a held-out fold the exported ONNX models are evaluated again through the runtime
module, so the figures in the card are those of the files that ship.

``--encoder mpnet`` starts from all-mpnet-base-v2 (110M parameters, a teacher) instead of the
shipped all-MiniLM-L6-v2 (see training/encoders.py). After each epoch and its evaluation
(every epoch with ``--eval-every-epoch``, one line each in ``OUT/epochs.jsonl``) the whole
training state is saved as ``OUT/checkpoint.pt``: the same command with ``--resume`` goes on
from it as if never stopped, and ``--stop-after N`` ends a run after epoch N to resume later.

``--claims-data DIR`` (the checkworthiness/ folder; issue 30) trains the encoder for
check-worthiness too: a claims head (dropout, one linear layer) over each CT24 train
sentence's tokens pooled mean+max out of a window of its transcript neighbours (the context
view, as :func:`unspun.claims.sentence_vectors` reads a sentence out of an article's one
pass), class-weighted BCE times ``--claims-weight``; each epoch draws windows holding
``--claims-share`` of the training sentences (seeded), spread over the technique steps and
added to their loss, so the schedule is unchanged (see :mod:`training.claims_multitask`).
``--fold K`` also holds out claims fold K (debate-grouped, the folds of
:mod:`training.claims_finetune`), ``--fold -1`` trains on every sentence; at each evaluation
the held-out sentences are scored through the runtime into ``OUT/claims/fold{K}/epoch{E}.npy``.
The checkpoint carries the claims head and its sampler state. ``--export`` writes the encoder
as before; the shipped claims head is then retrained over that frozen encoder by
:mod:`training.claims` (``--encoder-model OUT/model``: parse features, both views, the
threshold chosen out of fold), not exported from here. The pooled grouped-CV figure, once
folds 0-4 have run into ``runs/mt-f{K}``::

    mkdir -p runs/mt-claims
    for k in 0 1 2 3 4; do ln -sfn ../mt-f$k/claims/fold$k runs/mt-claims/fold$k; done
    python -m training.claims_finetune --data ../shared/data/checkworthiness \
        --out runs/mt-claims --report --frozen

(the same ``--folds`` on both sides: it fixes the claims folds.)

``--teacher-targets DIR --distill-weight W`` (issue 29) distils a teacher's soft targets
(written by :mod:`training.teacher_targets` for the same fold split) into the training: each
window of an article with targets adds W times the BCE of the student's per-token P(B) + P(I)
against the teacher's and the KL of the teacher's technique distribution on the gold spans
from the student's (``--distill-temperature``); the CRF and the gold losses are unchanged.

One multi-task network: encoder token states -> (a) O/B/I tags per token (SI) and (b) a
two-layer MLP over span vectors (mean, first, last, local context) + hand-made features
(TC). Evaluation goes through :class:`unspun.techniques.model.TechniqueModel` with the torch
encoder plugged in, i.e. the very windowing and decoding code of the runtime.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
from torch import nn

from training.claims_multitask import ClaimsTask
from training.encoders import ENCODERS, SpecialIds, encoder_dir, special_ids
from training.ptc_data import (
    Article,
    Window,
    article_span_examples,
    load_ptc,
    make_windows,
    tc_on_gold_spans,
    tokenize_all,
    training_split,
    training_window_starts,
)
from training.teacher_targets import TeacherTargets, load_targets, token_targets
from unspun.evaluate.ptc import TCLabel, si_scores, tc_macro_f1, tc_scores
from unspun.techniques.model import (
    ModelConfig,
    TechniqueModel,
    load_tokenizer,
)
from unspun.techniques.windows import (
    N_SPAN_FEATURES,
    N_TAGS,
    TAG_B,
    TAG_I,
    TAG_O,
    SpanHead,
    span_features,
    token_range,
)

_LOG_FILE: Path | None = None
# The special ids of the shipped MiniLM encoder, for callers that do not name an encoder.
BERT_IDS = SpecialIds(cls_id=101, sep_id=102, pad_id=0)


def log(msg: str) -> None:
    line = f"{dt.datetime.now().isoformat(timespec='seconds')} {msg}"
    print(line, flush=True)
    if _LOG_FILE is not None:
        with open(_LOG_FILE, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def pretrained_encoder(
    layers: int = 0, name: str = "minilm", cache: Path | None = None
) -> nn.Module:
    """Encoder ``name`` (see :mod:`training.encoders`; all-MiniLM-L6-v2 by default), or only
    its first ``layers`` layers (0: all): a shallower encoder for a tighter speed budget."""
    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(encoder_dir(name, cache)))
    if layers:
        encoder.encoder.layer = encoder.encoder.layer[:layers]
        encoder.config.num_hidden_layers = len(encoder.encoder.layer)
    return encoder


def encoder_layers(state: dict[str, torch.Tensor]) -> int:
    """How many encoder layers a ``MultiTaskModel`` state dict holds."""
    found = {m.group(1) for k in state if (m := re.match(r"encoder\.encoder\.layer\.(\d+)\.", k))}
    return len(found)


# ----------------------------------------------------------------------------------- model


class MultiTaskModel(nn.Module):
    def __init__(
        self, encoder: nn.Module, n_techniques: int, hidden: int = 256, dropout: float = 0.1
    ) -> None:
        super().__init__()
        self.encoder = encoder
        d = int(encoder.config.hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.si = nn.Linear(d, N_TAGS)
        # Auxiliary, training only (not exported): which techniques cover each token.
        self.token_tc = nn.Linear(d, n_techniques)
        # Auxiliary, training only: does a sentence (a text line) hold any propaganda?
        self.sentence_si = nn.Linear(d, 1)
        self.tc1 = nn.Linear(4 * d + N_SPAN_FEATURES, hidden)
        self.tc_act = nn.GELU(approximate="tanh")
        self.tc2 = nn.Linear(hidden, n_techniques)
        # Linear-chain CRF scores over the SI tags (trained only with --crf-weight > 0).
        self.crf_transitions = nn.Parameter(torch.zeros(N_TAGS, N_TAGS))
        self.crf_start = nn.Parameter(torch.zeros(N_TAGS))
        self.crf_end = nn.Parameter(torch.zeros(N_TAGS))
        self.register_buffer("feature_mean", torch.zeros(N_SPAN_FEATURES))
        self.register_buffer("feature_std", torch.ones(N_SPAN_FEATURES))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return h, self.si(self.dropout(h))

    def tc_logits(self, vectors: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        f = (features - self.feature_mean) / self.feature_std
        x = self.dropout(torch.cat([vectors, f], dim=1))
        return self.tc2(self.dropout(self.tc_act(self.tc1(x))))

    def crf_config(self) -> dict[str, list[Any]]:
        return {
            "transitions": self.crf_transitions.detach().cpu().tolist(),
            "start": self.crf_start.detach().cpu().tolist(),
            "end": self.crf_end.detach().cpu().tolist(),
        }

    def crf_nll(self, emissions: torch.Tensor, tags: torch.Tensor) -> torch.Tensor:
        """Mean per-token negative log-likelihood of the gold tag paths under the CRF.

        ``emissions`` (batch, length, 3) and ``tags`` (batch, length) of the content
        tokens, ``tags`` -100 after each window's last token (a prefix mask).
        """
        mask = tags != -100
        gold = tags.clamp(min=0)
        lengths = mask.sum(1)
        em_gold = emissions.gather(2, gold.unsqueeze(2)).squeeze(2)
        trans_gold = self.crf_transitions[gold[:, :-1], gold[:, 1:]]
        last = gold.gather(1, (lengths - 1).clamp(min=0).unsqueeze(1)).squeeze(1)
        score = (
            self.crf_start[gold[:, 0]]
            + (em_gold * mask).sum(1)
            + (trans_gold * mask[:, 1:]).sum(1)
            + self.crf_end[last]
        )
        alpha = self.crf_start + emissions[:, 0]
        for t in range(1, emissions.shape[1]):
            nxt = torch.logsumexp(
                alpha.unsqueeze(2) + self.crf_transitions + emissions[:, t].unsqueeze(1), dim=1
            )
            alpha = torch.where(mask[:, t].unsqueeze(1), nxt, alpha)
        log_z = torch.logsumexp(alpha + self.crf_end, dim=1)
        return (log_z - score).sum() / lengths.sum().clamp(min=1)

    def span_head(self) -> SpanHead:
        def npy(t: torch.Tensor) -> np.ndarray:
            return t.detach().cpu().numpy().astype(np.float32)

        return SpanHead(
            w1=npy(self.tc1.weight).T.copy(),
            b1=npy(self.tc1.bias),
            w2=npy(self.tc2.weight).T.copy(),
            b2=npy(self.tc2.bias),
            feature_mean=npy(self.feature_mean),
            feature_std=npy(self.feature_std),
        )


class ExportWrapper(nn.Module):
    """The ONNX graph: token states and SI logits of one window (no dropout in eval mode)."""

    def __init__(self, model: MultiTaskModel) -> None:
        super().__init__()
        self.model = model

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        return self.model(input_ids, attention_mask)


def torch_window_encoder(model: MultiTaskModel) -> Any:
    def run(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.inference_mode():
            t = torch.from_numpy(ids)
            h, lg = model(t, torch.ones_like(t))
        return h[0].numpy(), lg[0].numpy()

    return run


def sentence_loss(
    model: MultiTaskModel, h: torch.Tensor, windows: Sequence[Window]
) -> torch.Tensor:
    """Binary cross-entropy of the sentence-level head over each (window, line) pair.

    A line's vector is the mean of its content token states within the window; its target is
    whether any of those tokens is inside a gold span. The sentence view asks the encoder to
    judge a whole sentence, which token tags alone never do.
    """
    vectors, targets = [], []
    for k, w in enumerate(windows):
        if w.line_ids is None or not len(w.ids):
            continue
        states = h[k, 1 : len(w.ids) + 1]
        _, segment = np.unique(w.line_ids, return_inverse=True)
        seg = torch.from_numpy(segment)
        n_seg = int(segment.max()) + 1
        sums = torch.zeros((n_seg, states.shape[1])).index_add_(0, seg, states)
        counts = torch.bincount(seg, minlength=n_seg).clamp(min=1).unsqueeze(1)
        inside = torch.zeros(n_seg).index_add_(0, seg, torch.from_numpy(w.tags != TAG_O).float())
        vectors.append(sums / counts)
        targets.append((inside > 0).float())
    if not vectors:
        return torch.zeros(())
    logits = model.sentence_si(model.dropout(torch.cat(vectors))).squeeze(1)
    return nn.functional.binary_cross_entropy_with_logits(logits, torch.cat(targets))


def span_vectors_torch(h: torch.Tensor, a: int, b: int, n: int, context: int) -> torch.Tensor:
    """Torch twin of :func:`unspun.techniques.windows.span_vectors` for one span of one window.

    ``h`` holds the window's content rows only (no [CLS]/[SEP]), ``n`` of them.
    """
    a = min(max(a, 0), max(n - 1, 0))
    b = min(max(b, a + 1), n)
    ca, cb = max(0, a - context), min(n, b + context)
    return torch.cat([h[a:b].mean(0), h[a], h[b - 1], h[ca:cb].mean(0)])


# ---------------------------------------------------------------------------- distillation


@dataclass(slots=True)
class WindowTargets:
    """A teacher's soft targets for one training window (see :mod:`training.teacher_targets`)."""

    span: np.ndarray  # (n,) per content token: the teacher's P(B) + P(I); NaN: no target
    tc: list[np.ndarray | None]  # per span of the window: the teacher's technique distribution


def article_windows(
    article: Article,
    techniques: Sequence[str],
    content_len: int,
    offset: int,
    targets: TeacherTargets | None,
) -> list[tuple[Window, WindowTargets | None]]:
    """:func:`make_windows` with each window's teacher targets (None without targets).

    The teacher's per-character span probability becomes a per-token target (its mean over
    the token's characters: the two models tokenize differently); its technique
    distribution over a gold span goes to the window span cut from that gold span.
    """
    windows = make_windows(article, techniques, content_len, offset)
    if targets is None:
        return [(w, None) for w in windows]
    assert article.tokens is not None
    span_target = token_targets(targets.p_span, article.tokens.offsets)
    by_range: dict[tuple[int, int], list[np.ndarray]] = {}
    for (s, e), dist in zip(targets.spans, targets.tc_probs, strict=True):
        by_range.setdefault(token_range(article.tokens.offsets, s, e), []).append(dist)
    # The token ranges of the spans make_windows places, in its order.
    ranges = [(a, b) for a, b, _, _ in article_span_examples(article, techniques)]
    out: list[tuple[Window, WindowTargets | None]] = []
    starts = training_window_starts(len(article.tokens.ids), content_len, offset)
    for w, s in zip(windows, starts, strict=True):
        clipped: dict[tuple[int, int], list[np.ndarray]] = {}
        for a, b in ranges:
            key = (max(a, s) - s, min(b, s + content_len) - s)
            clipped.setdefault(key, []).extend(by_range.get((a, b), []))
        tc: list[np.ndarray | None] = []
        for sp in w.spans:
            found = clipped.get((sp.tok_start, sp.tok_end))
            tc.append(np.mean(found, axis=0).astype(np.float32) if found else None)
        out.append((w, WindowTargets(span_target[s : s + len(w.ids)], tc)))
    return out


def distill_span_loss(
    si_logits: torch.Tensor, targets: Sequence[WindowTargets | None]
) -> torch.Tensor:
    """Mean BCE of the student's per-token P(B) + P(I) (the softmax of its tag logits)
    against the teacher's, over the content tokens of the windows that have targets."""
    target = torch.full(si_logits.shape[:2], float("nan"))
    for k, t in enumerate(targets):
        if t is not None:
            target[k, 1 : len(t.span) + 1] = torch.from_numpy(t.span)
    known = ~torch.isnan(target)
    if not bool(known.any()):
        return torch.zeros(())
    probs = torch.softmax(si_logits, dim=-1)
    p = (probs[..., TAG_B] + probs[..., TAG_I]).clamp(1e-6, 1 - 1e-6)
    return nn.functional.binary_cross_entropy(p[known], target[known].clamp(0, 1))


def distill_tc_loss(
    logits: torch.Tensor, teacher: Sequence[np.ndarray | None], temperature: float
) -> torch.Tensor:
    """Mean KL(teacher || student) over the spans with a teacher distribution, both
    softened by ``temperature`` (times its square, so gradients keep their scale)."""
    rows = [k for k, t in enumerate(teacher) if t is not None]
    if not rows:
        return torch.zeros(())
    t = torch.from_numpy(np.stack([d for d in teacher if d is not None])).clamp(min=1e-8)
    if temperature != 1.0:
        t = torch.softmax(torch.log(t) / temperature, dim=1)
    logp = torch.log_softmax(logits[rows] / temperature, dim=1)
    kl = (t * (torch.log(t) - logp)).sum(1).mean()
    return kl * temperature**2


# -------------------------------------------------------------------------------- training


def collate(
    windows: Sequence[Window], cls_id: int, sep_id: int, n_techniques: int = 0, pad_id: int = 0
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Padded ids, attention mask, SI tags (-100: no loss) and technique tags (content only)."""
    length = max(len(w.ids) for w in windows) + 2
    ids = torch.full((len(windows), length), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids)
    tags = torch.full_like(ids, -100)  # [CLS], [SEP] and padding carry no SI loss
    tech = torch.zeros((len(windows), length, n_techniques), dtype=torch.float32)
    for k, w in enumerate(windows):
        n = len(w.ids)
        ids[k, 0] = cls_id
        ids[k, 1 : n + 1] = torch.from_numpy(w.ids)
        ids[k, n + 1] = sep_id
        mask[k, : n + 2] = 1
        tags[k, 1 : n + 1] = torch.from_numpy(w.tags)
        if n_techniques and w.technique_tags is not None:
            tech[k, 1 : n + 1] = torch.from_numpy(w.technique_tags)
    return ids, mask, tags, tech


def train(
    args: argparse.Namespace,
    model: MultiTaskModel,
    train_articles: list[Article],
    techniques: list[str],
    on_epoch_end: Any,
    specials: SpecialIds = BERT_IDS,
    checkpoint: Path | None = None,
    resume: bool = False,
    history: list[dict[str, Any]] | None = None,
    claims: ClaimsTask | None = None,
    targets: dict[str, TeacherTargets] | None = None,
) -> int:
    """Train ``model``; returns the number of epochs done (``args.stop_after`` may end early).

    With ``claims`` (its head built), its batches join the technique steps' loss and its
    head and sampler state travel in the checkpoint.

    With ``targets`` (a teacher's, by article id) and ``args.distill_weight`` > 0, the windows
    of those articles add the distillation losses (:func:`distill_span_loss`,
    :func:`distill_tc_loss`) times that weight; the CRF stays on the gold tags.

    With ``checkpoint``, everything the next epoch depends on (weights, optimiser, schedule,
    weight average, the random states) is saved there after each epoch and its evaluation,
    with the caller's ``history``. With ``resume``, the run goes on from that checkpoint as
    if it had never stopped, and ``history`` is restored from it.
    """
    cfg_content = args.max_len - 2
    rng = random.Random(args.seed)
    si_weight = torch.tensor([float(x) for x in args.si_weights.split(",")])
    si_loss_fn = nn.CrossEntropyLoss(weight=si_weight, ignore_index=-100)

    tc_class_weight: torch.Tensor | None = None
    if args.tc_class_weight != "none":
        counts = np.zeros(len(techniques))
        for a in train_articles:
            for lab in a.tc:
                counts[techniques.index(lab.technique)] += 1
        w = (counts.sum() / np.maximum(counts, 1) / len(techniques)) ** 0.5
        tc_class_weight = torch.tensor(w / w.mean(), dtype=torch.float32)
        log(f"tc class weights {np.round(tc_class_weight.numpy(), 2).tolist()}")

    # The schedule's length: windows at a mid-range offset, as the random per-epoch offsets
    # give about one window more per article than offset 0 does (differences of a few steps
    # only leave the last ones at learning rate 0).
    n_windows = sum(
        len(make_windows(a, techniques, cfg_content, cfg_content // 2)) for a in train_articles
    )
    steps_per_epoch = math.ceil(n_windows / args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = max(1, int(0.06 * total))
    enc_groups = encoder_param_groups(model.encoder, args.lr, args.layer_lr_decay)
    enc_ids = {id(p) for g in enc_groups for p in g["params"]}
    crf_params = [model.crf_transitions, model.crf_start, model.crf_end]
    not_head = enc_ids | {id(p) for p in crf_params}
    head_params = [p for p in model.parameters() if id(p) not in not_head]
    opt = torch.optim.AdamW(
        [
            *enc_groups,
            {"params": head_params, "lr": args.head_lr},
            # Adam moves a parameter about lr per step: transition scores need to reach a
            # few units (O -> I is impossible) within a few hundred steps.
            {"params": crf_params, "lr": 1e-2, "weight_decay": 0.0},
            # Last, so that a checkpoint of a run without claims keeps its group order.
            *([{"params": list(claims.head.parameters()), "lr": args.head_lr}]
              if claims is not None else []),
        ],
        weight_decay=0.01,
    )
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup))),
    )
    log(f"training: {n_windows} windows/epoch, {steps_per_epoch} steps/epoch, {total} steps")
    # One step over both tasks' losses: their gradients are clipped together.
    clipped = list(model.parameters())
    if claims is not None:
        clipped += list(claims.head.parameters())
    ema = WeightAverage(model, args.ema_decay) if args.ema_decay > 0 else None
    targets = targets or {}
    distill = bool(targets) and args.distill_weight > 0
    step = first_epoch = 0
    if resume:
        if checkpoint is None or not checkpoint.is_file():
            raise SystemExit(f"nothing to resume: no checkpoint {checkpoint}")
        state = load_checkpoint(checkpoint)
        changed = resume_mismatch(state["args"], vars(args))
        if changed:
            raise SystemExit(f"{checkpoint} was saved by a run with other options: {changed}")
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        if ema is not None:
            ema.load_state_dict(state["ema"])
        set_random_states(state["random"], rng)
        if claims is not None:
            claims.load_state_dict(state["claims"])
        step, first_epoch = int(state["step"]), int(state["epoch"])
        if history is not None:
            history[:] = state["history"]
        del state  # a second copy of the weights and optimiser moments otherwise
        log(f"resumed after epoch {first_epoch}, step {step}/{total}")
    last_epoch = min(args.epochs, args.stop_after or args.epochs)
    step0, n_tokens = step, 0
    t0 = time.time()
    for epoch in range(first_epoch, last_epoch):
        model.train()
        pairs: list[tuple[Window, WindowTargets | None]] = []
        for a in train_articles:
            pairs.extend(article_windows(
                a, techniques, cfg_content, rng.randrange(cfg_content),
                targets.get(a.article_id) if distill else None,
            ))  # fmt: skip
        rng.shuffle(pairs)  # the permutation depends on the length only, as before
        windows = [w for w, _ in pairs]
        claims_at = (
            claims.epoch_batches(math.ceil(len(windows) / args.batch_size))
            if claims is not None else {}
        )
        run_si = run_tc = run_claims = run_distill = 0.0
        n_run = n_claims = 0
        for i in range(0, len(windows), args.batch_size):
            batch = windows[i : i + args.batch_size]
            # Technique tags are only built when their auxiliary loss is on.
            n_token_tc = len(techniques) if args.token_tc_weight > 0 else 0
            ids, mask, tags, tech = collate(
                batch, specials.cls_id, specials.sep_id, n_token_tc, specials.pad_id
            )
            n_tokens += int(mask.sum())
            h, si_logits = model(ids, mask)
            si_loss = si_loss_fn(si_logits.reshape(-1, N_TAGS), tags.reshape(-1))
            if args.crf_weight > 0:  # content tokens only: [CLS] sits at position 0
                si_loss = si_loss + args.crf_weight * model.crf_nll(si_logits[:, 1:], tags[:, 1:])
            loss = si_loss
            if n_token_tc:
                content = (tags != -100).unsqueeze(-1).float()
                bce = nn.functional.binary_cross_entropy_with_logits(
                    model.token_tc(model.dropout(h)), tech, reduction="none"
                )
                token_tc_loss = (bce * content).sum() / content.sum().clamp(min=1)
                loss = loss + args.token_tc_weight * token_tc_loss
            if args.sentence_weight > 0:
                loss = loss + args.sentence_weight * sentence_loss(model, h, batch)
            batch_targets = [t for _, t in pairs[i : i + args.batch_size]]
            vecs, feats, gold_tc = [], [], []
            teacher_tc: list[np.ndarray | None] = []
            for k, w in enumerate(batch):
                hk = h[k, 1 : len(w.ids) + 1]
                wt = batch_targets[k]
                for j, sp in enumerate(w.spans):
                    vecs.append(span_vectors_torch(hk, sp.tok_start, sp.tok_end, len(w.ids), 64))
                    feats.append(torch.from_numpy(sp.features))
                    gold_tc.append(torch.from_numpy(sp.target))
                    teacher_tc.append(wt.tc[j] if wt is not None else None)
            tc_loss = torch.zeros(())
            if vecs:
                logits = model.tc_logits(torch.stack(vecs), torch.stack(feats))
                target = torch.stack(gold_tc)
                logp = torch.log_softmax(logits, dim=1)
                per = -(target * logp)
                if tc_class_weight is not None:
                    per = per * tc_class_weight
                tc_loss = per.sum(1).mean()
                loss = loss + args.tc_weight * tc_loss
            if distill:
                distill_loss = distill_span_loss(si_logits, batch_targets)
                if vecs:
                    distill_loss = distill_loss + distill_tc_loss(
                        logits, teacher_tc, args.distill_temperature
                    )
                loss = loss + args.distill_weight * distill_loss
                run_distill += distill_loss.item()
            for claims_batch in claims_at.get(i // args.batch_size, []):
                assert claims is not None
                claims_loss, claims_tokens = claims.loss(
                    model, claims_batch, specials.cls_id, specials.sep_id, specials.pad_id
                )
                n_tokens += claims_tokens
                loss = loss + args.claims_weight * claims_loss
                run_claims += claims_loss.item()
                n_claims += 1
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(clipped, 1.0)
            opt.step()
            sched.step()
            if ema is not None:
                ema.update()
            step += 1
            run_si += si_loss.item()
            run_tc += tc_loss.item()
            n_run += 1
            if step % args.log_every == 0:
                el = time.time() - t0
                per_step = el / (step - step0)  # this process's steps: a resumed run too
                log(
                    f"epoch {epoch + 1} step {step}/{total} si_loss {run_si / n_run:.4f} "
                    f"tc_loss {run_tc / n_run:.4f} "
                    + (f"claims_loss {run_claims / max(1, n_claims):.4f} " if claims else "")
                    + (f"distill_loss {run_distill / n_run:.4f} " if distill else "")
                    + f"elapsed {el / 60:.1f}m "
                    f"{n_tokens / el:.0f} tokens/s, epoch {steps_per_epoch * per_step / 60:.1f}m "
                    f"eta {(total - step) * per_step / 60:.1f}m (training only)"
                )
                run_si = run_tc = run_claims = run_distill = 0.0
                n_run = n_claims = 0
        log(f"epoch {epoch + 1} done, {(time.time() - t0) / 60:.1f} min")
        if ema is None:
            on_epoch_end(epoch + 1)
        elif epoch + 1 == args.epochs:
            ema.copy_to_model()  # what is evaluated, saved and exported
            on_epoch_end(epoch + 1)
        else:
            with ema.swapped_in():
                on_epoch_end(epoch + 1)
        if checkpoint is not None:
            state = {
                "model": model.state_dict(),
                "optimizer": opt.state_dict(),
                "scheduler": sched.state_dict(),
                "ema": ema.state_dict() if ema is not None else None,
                "epoch": epoch + 1,
                "step": step,
                "random": random_states(rng),
                "history": list(history or []),
                "args": vars(args),
                "claims": claims.state_dict() if claims is not None else None,
            }
            save_checkpoint(state, checkpoint)
            log(f"checkpoint {checkpoint} after epoch {epoch + 1}")
    return last_epoch


# Options that may differ between a run and its resumption: where things are, how fast,
# what is logged, and what is done after training. The rest shape the training itself.
RESUME_MAY_CHANGE = frozenset({
    "data", "out", "encoder_cache", "threads", "log_every", "eval_every_epoch", "resume",
    "stop_after", "export", "cv_results",
})


def resume_mismatch(saved: dict[str, Any], now: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The options (name: (saved, now)) that differ between a checkpoint's run and this one
    and may not: resuming under another schedule or recipe would mix two runs. An option
    newer than the checkpoint counts as its default there (what the older code did)."""
    defaults = vars(parse_args(["--data", "", "--out", ""]))
    was = {k: saved.get(k, defaults.get(k)) for k in now.keys() - RESUME_MAY_CHANGE}
    return {k: (was[k], now[k]) for k in sorted(was) if was[k] != now[k]}


def random_states(rng: random.Random) -> dict[str, Any]:
    """Every random state a training epoch draws from: the window offsets and order
    (``rng``), dropout (torch), and the global ones for good measure."""
    return {
        "windows": rng.getstate(),
        "torch": torch.get_rng_state(),
        "numpy": np.random.get_state(),
        "python": random.getstate(),
    }


def set_random_states(states: dict[str, Any], rng: random.Random) -> None:
    rng.setstate(states["windows"])
    torch.set_rng_state(states["torch"])
    np.random.set_state(states["numpy"])
    random.setstate(states["python"])


def save_checkpoint(state: dict[str, Any], path: Path) -> None:
    # Written aside and renamed: a run killed while saving keeps the previous checkpoint.
    tmp = path.with_name(path.name + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path: Path) -> dict[str, Any]:
    # Not weights-only: the random states hold numpy arrays and tuples (our own file).
    state: dict[str, Any] = torch.load(path, map_location="cpu", weights_only=False)
    return state


def encoder_param_groups(
    encoder: nn.Module, lr: float, layer_decay: float
) -> list[dict[str, Any]]:
    """Optimiser groups of the encoder: one, or with ``layer_decay`` < 1 one per depth.

    Layer-wise decay gives the top transformer layer ``lr`` and each layer below it
    ``layer_decay`` times the one above, the embeddings last: lower layers hold general
    features that a small training set should move less.
    """
    if layer_decay >= 1.0:
        return [{"params": list(encoder.parameters()), "lr": lr}]
    n_layers = int(encoder.config.num_hidden_layers)
    by_depth: dict[int, list[nn.Parameter]] = {}
    for name, param in encoder.named_parameters():
        match = re.search(r"(?:^|\.)layer\.(\d+)\.", name)
        if match:
            depth = int(match.group(1)) + 1
        elif name.startswith("embeddings."):
            depth = 0
        else:  # the pooler and anything above the last layer
            depth = n_layers
        by_depth.setdefault(depth, []).append(param)
    return [
        {"params": params, "lr": lr * layer_decay ** (n_layers - depth)}
        for depth, params in sorted(by_depth.items())
    ]


class WeightAverage:
    """An exponential moving average of a model's parameters (Polyak averaging).

    The decay ramps up as ``(1 + n) / (10 + n)`` over the first updates so that the
    average does not stay anchored to the pretrained weights of step 0.
    """

    def __init__(self, model: nn.Module, decay: float) -> None:
        self.model = model
        self.decay = decay
        self.n_updates = 0
        self.shadow = {
            name: p.detach().clone() for name, p in model.named_parameters() if p.requires_grad
        }

    @torch.no_grad()
    def update(self) -> None:
        self.n_updates += 1
        d = min(self.decay, (1 + self.n_updates) / (10 + self.n_updates))
        for name, p in self.model.named_parameters():
            if name in self.shadow:
                self.shadow[name].mul_(d).add_(p.detach(), alpha=1 - d)

    def copy_to_model(self) -> None:
        self._load(self.shadow)

    def state_dict(self) -> dict[str, Any]:
        return {"shadow": self.shadow, "n_updates": self.n_updates}

    @torch.no_grad()
    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.n_updates = int(state["n_updates"])
        for name, t in state["shadow"].items():
            self.shadow[name].copy_(t)

    @contextlib.contextmanager
    def swapped_in(self) -> Iterator[None]:
        """The averaged weights inside the block, the trained ones restored after it."""
        backup = {name: p.detach().clone() for name, p in self.model.named_parameters()}
        self.copy_to_model()
        try:
            yield
        finally:
            self._load(backup)

    @torch.no_grad()
    def _load(self, weights: dict[str, torch.Tensor]) -> None:
        for name, p in self.model.named_parameters():
            if name in weights:
                p.copy_(weights[name])


def fit_feature_norm(
    model: MultiTaskModel, articles: Sequence[Article], techniques: list[str]
) -> None:
    rows = []
    for a in articles:
        spans = list(a.span_labels())
        if spans and a.tokens is not None:
            rows.append(span_features(a.text, spans, a.tokens.offsets))
    f = np.concatenate(rows) if rows else np.zeros((1, N_SPAN_FEATURES), np.float32)
    model.feature_mean.copy_(torch.from_numpy(f.mean(0).astype(np.float32)))
    model.feature_std.copy_(torch.from_numpy(np.maximum(f.std(0), 1e-3).astype(np.float32)))


# ------------------------------------------------------------------------------ evaluation


def evaluate(
    tm: TechniqueModel,
    articles: Sequence[Article],
    techniques: list[str],
    thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6),
) -> dict[str, Any]:
    """Official SI (several decoding thresholds) and TC figures on ``articles``."""
    si_pred: dict[float, dict[str, list[tuple[int, int]]]] = {t: {} for t in thresholds}
    si_configured: dict[str, list[tuple[int, int]]] = {}  # the decoding the config names
    si_gold: dict[str, list[tuple[int, int]]] = {}
    tc_pred: list[TCLabel] = []
    tc_gold: list[TCLabel] = []
    t0 = time.time()
    n_words = 0
    for a in articles:
        n_words += len(a.text.split())
        enc = tm.encode(a.text)
        si_gold[a.article_id] = a.si
        for th in thresholds:
            si_pred[th][a.article_id] = [(s, e) for s, e, _ in tm.find_spans(enc, th)]
        si_configured[a.article_id] = [(s, e) for s, e, _ in tm.find_spans(enc)]
        tc_pred.extend(tc_on_gold_spans(tm, enc, a))
        tc_gold.extend(a.tc)
    elapsed = time.time() - t0
    tc = tc_scores(tc_pred, tc_gold, techniques)
    si = {str(th): si_scores(si_pred[th], si_gold).as_dict() for th in thresholds}
    return {
        "n_articles": len(articles),
        "si": si,
        "si_configured": si_scores(si_configured, si_gold).as_dict(),
        "tc": tc.as_dict(),
        "tc_micro_f1": tc.micro.f1,
        "tc_macro_f1": tc_macro_f1(tc, techniques),
        "seconds": elapsed,
        "ms_per_1000_words": 1000 * elapsed / max(1, n_words) * 1000,
    }


def summary(m: dict[str, Any], default_th: float) -> str:
    si = m["si"][str(default_th)]
    others = " ".join(f"@{k}:{v['f1']:.3f}" for k, v in m["si"].items())
    configured = m.get("si_configured")
    if configured is not None:
        others += f" configured:{configured['f1']:.3f}"
    return (
        f"SI P {si['precision']:.4f} R {si['recall']:.4f} F1 {si['f1']:.4f} ({others}) | "
        f"TC micro-F1 {m['tc_micro_f1']:.4f} macro-F1 {m['tc_macro_f1']:.4f} | "
        f"{m['ms_per_1000_words']:.0f} ms/1000 words"
    )


def epoch_line(m: dict[str, Any], default_th: float) -> dict[str, Any]:
    """One line of OUT/epochs.jsonl: an epoch's evaluation without the per-technique tables
    and counts of metrics.json."""

    def prf(d: dict[str, float]) -> dict[str, float]:
        return {k: round(d[k], 4) for k in ("precision", "recall", "f1")}

    return {
        "epoch": m["epoch"],
        f"si@{default_th}": prf(m["si"][str(default_th)]),
        "si_f1_by_threshold": {k: round(v["f1"], 4) for k, v in m["si"].items()},
        "si_configured": prf(m["si_configured"]),
        "tc_micro_f1": round(m["tc_micro_f1"], 4),
        "tc_macro_f1": round(m["tc_macro_f1"], 4),
        "n_articles": m["n_articles"],
        "eval_seconds": round(m["seconds"], 1),
        "at": m.get("at"),
    }


# ---------------------------------------------------------------------------------- export


def export_onnx(model: MultiTaskModel, path: Path, max_len: int) -> None:
    model.eval()
    # Traced with eager attention: the scaled-dot-product path exports a NaN guard and
    # extra shape arithmetic per layer, and its int8 graph ran about 17% slower on one core
    # (274 against 226 ms per 1,000 words, 2026-12-01) for the same weights and arithmetic.
    previous = model.encoder.config._attn_implementation
    model.encoder.set_attn_implementation("eager")
    try:
        _export_traced(model, path, max_len)
    finally:
        model.encoder.set_attn_implementation(previous)


def _export_traced(model: MultiTaskModel, path: Path, max_len: int) -> None:
    wrapper = ExportWrapper(model).eval()
    # Any in-vocabulary ids do: the graph is traced, and the axes are declared dynamic.
    ids = torch.arange(max_len, dtype=torch.long)[None, :] % int(model.encoder.config.vocab_size)
    torch.onnx.export(
        wrapper,
        (ids, torch.ones_like(ids)),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["hidden", "si_logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
            "hidden": {0: "batch", 1: "seq"},
            "si_logits": {0: "batch", 1: "seq"},
        },
        opset_version=17,
        dynamo=False,
    )


def quantize(src: Path, dst: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel scales: on fold 0 per-tensor int8 lost 1.2 points of SI F1 against fp32,
    # per-channel lost 0.15 (and TC none) for the same 23 MB.
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True)


def write_model_dir(model: MultiTaskModel, out: Path, config: ModelConfig, tokenizer: Any) -> None:
    out.mkdir(parents=True, exist_ok=True)
    export_onnx(model, out / "encoder.onnx", config.max_len)
    quantize(out / "encoder.onnx", out / "encoder.int8.onnx")
    head = model.span_head()
    np.savez(
        out / "heads.npz",
        tc_w1=head.w1,
        tc_b1=head.b1,
        tc_w2=head.w2,
        tc_b2=head.b2,
        feature_mean=head.feature_mean,
        feature_std=head.feature_std,
    )
    tokenizer.save(str(out / "tokenizer.json"))
    (out / "config.json").write_text(json.dumps(config.to_dict(), indent=2) + "\n", "utf-8")


def _card_figures(m: dict[str, Any], si_threshold: float) -> dict[str, float]:
    si = m["si"][str(si_threshold)]
    return {
        "si_precision": si["precision"],
        "si_recall": si["recall"],
        "si_f1": si["f1"],
        "tc_micro_f1": m["tc_micro_f1"],
        "tc_macro_f1": m["tc_macro_f1"],
        "ms_per_1000_words": m["ms_per_1000_words"],
    }


def model_card(args: argparse.Namespace, metrics: dict[str, Any], n_train: int) -> str:
    cmd = "python -m training.techniques " + " ".join(sys.argv[1:])
    lines = [
        "# unspun persuasion-technique model (SemEval-2020 Task 11)",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Encoder: {ENCODERS[args.encoder].title}, fine-tuned multi-task:",
        "  O/B/I token tags (SI) + span MLP over [mean, first, last, local context] token",
        "  states and 4 hand-made features (TC), 14 techniques.",
        "- Data: PTC v2 train split (SemEval-2020 Task 11), "
        f"{n_train} training articles; folds: {args.folds}, seed {args.seed}, "
        f"held-out fold {args.fold if args.fold >= 0 else 'none (all data)'}.",
        f"- Training: {args.epochs} epochs, max_len {args.max_len}, batch {args.batch_size}, "
        f"lr {args.lr}, head lr {args.head_lr}, SI class weights {args.si_weights}, "
        f"TC class weight {args.tc_class_weight}, threads {args.threads}.",
        f"- Command: `{cmd}`",
        "- Files: encoder.onnx (fp32), encoder.int8.onnx (dynamic int8, used by default),",
        "  heads.npz (TC head), tokenizer.json, config.json.",
        "",
        "## Metrics (official SemEval-2020 Task 11 definitions; held-out folds only)",
        "",
        "```",
        json.dumps(metrics, indent=2),
        "```",
        "",
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", required=True, help="PTC directory (train-articles/, labels)")
    p.add_argument("--out", required=True)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--fold", type=int, default=0, help="held-out fold; -1 trains on all data")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--max-len", type=int, default=256)
    p.add_argument("--encoder", choices=sorted(ENCODERS), default="minilm",
                   help="pretrained encoder: minilm (all-MiniLM-L6-v2, shipped) or mpnet "
                        "(all-mpnet-base-v2, a teacher; see training/encoders.py)")
    p.add_argument("--encoder-cache", default=None, metavar="DIR",
                   help="where split encoder archives are unpacked once "
                        "(default: ~/.cache/unspun-training)")
    p.add_argument("--encoder-layers", type=int, default=0, metavar="N",
                   help="keep only the encoder's first N layers (0: all)")
    p.add_argument("--eval-stride", type=int, default=192)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--lr", type=float, default=8e-5)
    p.add_argument("--head-lr", type=float, default=1e-3)
    p.add_argument("--si-weights", default="1,2,1.5", help="CE weights of the O,B,I tags")
    p.add_argument("--tc-weight", type=float, default=1.0, help="TC loss multiplier")
    p.add_argument("--tc-class-weight", choices=["none", "sqrt"], default="none")
    p.add_argument("--token-tc-weight", type=float, default=0.0,
                   help="weight of the auxiliary per-token technique loss (0: off)")
    p.add_argument("--sentence-weight", type=float, default=0.0,
                   help="weight of the auxiliary sentence-level (text line) SI loss (0: off)")
    p.add_argument("--crf-weight", type=float, default=0.0,
                   help="add a linear-chain CRF over the SI tags, its loss times this")
    p.add_argument("--layer-lr-decay", type=float, default=1.0,
                   help="layer-wise learning-rate decay of the encoder (1: off)")
    p.add_argument("--ema-decay", type=float, default=0.0,
                   help="evaluate and export an exponential moving average of the weights "
                        "with this decay per step (0: off)")
    p.add_argument("--si-threshold", type=float, default=0.5)
    p.add_argument("--si-extend-threshold", type=float, default=None,
                   help="hysteresis: spans extend over tokens down to this probability "
                        "(chosen out-of-fold by training.si_decoding)")
    p.add_argument("--window-blend", action="store_true",
                   help="cross-fade overlapping windows at evaluation and in the exported config")
    p.add_argument("--extra-data", nargs="*", default=[],
                   help="PTC-format directories (e.g. from training.pseudo_label) whose articles "
                        "join every training set and never a held-out fold")
    p.add_argument("--claims-data", default=None, metavar="DIR",
                   help="the checkworthiness/ folder: also train a check-worthiness head on "
                        "CT24 train (claims fold K held out with --fold K; scores of the "
                        "held-out sentences in OUT/claims/fold{K}/epoch{E}.npy)")
    p.add_argument("--claims-weight", type=float, default=0.5,
                   help="claims loss multiplier (with --claims-data)")
    p.add_argument("--claims-share", type=float, default=0.35,
                   help="share of the CT24 training sentences drawn per epoch (with "
                        "--claims-data)")
    p.add_argument("--teacher-targets", default=None, metavar="DIR",
                   help="a teacher's soft targets (training.teacher_targets) for distillation; "
                        "articles without a file there (e.g. --extra-data) get none")
    p.add_argument("--distill-weight", type=float, default=0.0,
                   help="weight of the distillation losses: BCE of the per-token span "
                        "probability and KL of the technique distribution (0: off)")
    p.add_argument("--distill-temperature", type=float, default=1.0,
                   help="softens both technique distributions of the KL term")
    p.add_argument("--limit", type=int, default=0, help="use only N articles (smoke tests)")
    p.add_argument("--log-every", type=int, default=25)
    p.add_argument("--eval-every-epoch", action="store_true")
    p.add_argument("--resume", action="store_true",
                   help="continue from OUT/checkpoint.pt (saved after each epoch); the other "
                        "options must be those of the run that saved it")
    p.add_argument("--stop-after", type=int, default=0, metavar="N",
                   help="stop after epoch N, checkpointed, to --resume later (0: run to the end)")
    p.add_argument("--export", action="store_true")
    p.add_argument(
        "--cv-results",
        nargs="*",
        default=[],
        help="result.json files of fold runs, summarised in the card of a full-data model",
    )
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    global _LOG_FILE
    args = parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _LOG_FILE = out / "train.log"
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    log(f"args {vars(args)}")

    articles, techniques = load_ptc(args.data)
    if args.limit:
        articles = articles[: args.limit]
    cache = Path(args.encoder_cache) if args.encoder_cache else None
    enc_dir = encoder_dir(args.encoder, cache)
    tokenizer = load_tokenizer(enc_dir / "tokenizer.json")
    specials = special_ids(tokenizer, enc_dir)
    tokenize_all(articles, tokenizer)
    extra: list[Article] = []
    for extra_dir in args.extra_data:
        more, extra_techniques = load_ptc(extra_dir)
        if extra_techniques != techniques:
            raise SystemExit(f"{extra_dir}: techniques.txt differs from the training data's")
        tokenize_all(more, tokenizer)
        n_labels = sum(len(a.tc) for a in more)
        log(f"{extra_dir}: {len(more)} extra training articles, {n_labels} labels")
        extra.extend(more)
    train_articles, test_articles = training_split(
        articles, args.folds, args.fold, args.seed, extra
    )
    log(
        f"{len(train_articles)} train / {len(test_articles)} test articles, "
        f"{sum(len(a.tokens.ids) for a in train_articles if a.tokens is not None)} train tokens"
    )

    encoder = pretrained_encoder(args.encoder_layers, args.encoder, cache)
    model = MultiTaskModel(encoder, len(techniques))
    fit_feature_norm(model, train_articles, techniques)
    config = ModelConfig(
        techniques=techniques,
        max_len=args.max_len,
        stride=args.eval_stride,
        si_threshold=args.si_threshold,
        si_extend_threshold=args.si_extend_threshold,
        window_blend=args.window_blend,
        cls_id=specials.cls_id,
        sep_id=specials.sep_id,
    )
    history: list[dict[str, Any]] = []
    claims: ClaimsTask | None = None
    if args.claims_data:
        claims = ClaimsTask.load(
            args.claims_data, tokenizer, args.folds, args.fold, args.claims_weight,
            args.claims_share, args.batch_size, args.max_len - 2,
        )
        claims.build_head(model.si.in_features)
        log(f"claims: {len(claims.train_rows)} train / {len(claims.test_rows)} held-out CT24"
            f" sentences (claims fold {args.fold}), {claims.train_tokens()} train tokens,"
            f" share {args.claims_share} per epoch")

    def runtime_model() -> TechniqueModel:
        model.eval()
        if args.crf_weight > 0:
            config.si_crf = model.crf_config()
        return TechniqueModel(config, tokenizer, torch_window_encoder(model), model.span_head())

    def run_eval(epoch: int) -> dict[str, Any]:
        tm = runtime_model()
        m = evaluate(tm, test_articles, techniques)
        m["epoch"] = epoch
        m["at"] = dt.datetime.now().isoformat(timespec="seconds")
        log(f"eval epoch {epoch} torch: {summary(m, args.si_threshold)}")
        return m

    def on_epoch_end(epoch: int) -> None:
        due = args.eval_every_epoch or epoch == args.epochs
        if claims is not None and len(claims.test_rows) and due:
            t = time.time()
            path = claims.write_scores(runtime_model(), out / "claims", epoch)
            log(f"claims held-out scores {path} ({time.time() - t:.0f}s)")
        if test_articles and due:
            history.append(run_eval(epoch))
            (out / "metrics.json").write_text(json.dumps(history, indent=2), "utf-8")
            # Rewritten whole from the history, which a resumed run restores: an epoch
            # evaluated again after a crash before its checkpoint is not listed twice.
            lines = [json.dumps(epoch_line(m, args.si_threshold)) + "\n" for m in history]
            (out / "epochs.jsonl").write_text("".join(lines), "utf-8")

    targets: dict[str, TeacherTargets] = {}
    if args.teacher_targets:
        # PTC training articles only: never a held-out one, nor an --extra-data one.
        test_ids = {a.article_id for a in test_articles}
        ptc_train = [a.article_id for a in articles if a.article_id not in test_ids]
        targets = load_targets(args.teacher_targets, ptc_train, args.fold, args.folds, args.seed)
        log(f"{args.teacher_targets}: teacher targets for {len(targets)} of "
            f"{len(train_articles)} training articles, distill weight {args.distill_weight}")

    t0 = time.time()
    done = train(
        args, model, train_articles, techniques, on_epoch_end, specials,
        checkpoint=out / "checkpoint.pt", resume=args.resume, history=history, claims=claims,
        targets=targets,
    )
    if done < args.epochs:
        log(f"stopped after epoch {done} of {args.epochs}: the same command with --resume goes on")
        return
    train_minutes = (time.time() - t0) / 60
    model.eval()
    torch.save(model.state_dict(), out / "model.pt")
    result: dict[str, Any] = {
        "args": vars(args),
        "train_minutes": train_minutes,
        "n_train_articles": len(train_articles),
        "n_test_articles": len(test_articles),
        "history": history,
    }
    if args.export:
        mdir = out / "model"
        if mdir.exists():
            shutil.rmtree(mdir)
        if args.crf_weight > 0:
            config.si_crf = model.crf_config()
        write_model_dir(model, mdir, config, tokenizer)
        sizes = {p.name: p.stat().st_size for p in mdir.iterdir()}
        log(f"exported {sizes}")
        result["files"] = sizes
        if test_articles:
            for name in ("encoder.onnx", "encoder.int8.onnx"):
                t = time.time()
                tm = TechniqueModel.load(mdir, threads=1, encoder_file=name)
                load_s = time.time() - t
                m = evaluate(tm, test_articles, techniques)
                m["load_seconds"] = load_s
                result[f"onnx:{name}"] = m
                log(f"eval {name}: {summary(m, args.si_threshold)}; load {load_s:.2f}s")
        card_metrics: dict[str, Any] = {
            k: _card_figures(v, args.si_threshold)
            for k, v in result.items()
            if k.startswith("onnx:")
        }
        for path in args.cv_results:
            fold_result = json.loads(Path(path).read_text("utf-8"))
            fold_args = fold_result["args"]
            key = f"cv fold {fold_args['fold']}/{fold_args['folds']} ({path})"
            card_metrics[key] = {
                "epochs": fold_args["epochs"],
                **{
                    f"{name}:{k}": v
                    for name in ("encoder.onnx", "encoder.int8.onnx")
                    if f"onnx:{name}" in fold_result
                    for k, v in _card_figures(
                        fold_result[f"onnx:{name}"], fold_args["si_threshold"]
                    ).items()
                },
            }
        (mdir / "MODEL_CARD.md").write_text(
            model_card(args, card_metrics, len(train_articles)), "utf-8"
        )
    (out / "result.json").write_text(json.dumps(result, indent=2), "utf-8")
    log(f"done in {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
