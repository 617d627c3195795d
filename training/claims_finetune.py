"""Fine-tune the MiniLM encoder for check-worthiness, measured on the claims head's grouped folds.

    python -m training.claims_finetune --data ../shared/data/checkworthiness \
        --out runs/claims-ft --threads 1 [--fold F] [--resume]
    python -m training.claims_finetune --data ../shared/data/checkworthiness \
        --out runs/claims-ft --report        # pooled figures once the folds are done

A measurement, not a shipped model (issue 30): the shipped claims head reads the FROZEN
technique encoder and reaches 0.688 grouped-CV F1; this asks what a claims-trained encoder
reaches on the same data and folds. Each sentence is encoded alone (the ``isolated`` view of
:mod:`training.claims`), mean-pooled over its tokens, optionally joined with the
standardised :data:`unspun.claims.PARSE_FEATURES` (``--parse``), and scored by one linear
layer; encoder and head train together with class-weighted BCE.

The folds are :mod:`training.claims`'s: CT24 train grouped by debate
(:func:`unspun.evaluate.checkworthiness.debate_groups`, ``grouped_folds`` with its seed), so
the figures sit beside the frozen head's. After every epoch a fold's out-of-fold scores are
written to ``OUT/fold{F}/epoch{E}.npy`` and its training state to ``OUT/fold{F}/checkpoint.pt``
(``--resume`` goes on from there); ``--report`` pools the scores of the folds that have an
epoch, chooses the threshold on the pooled scores as the head's card does, and also gives F1
at 0.5, average precision and each fold's F1, next to the frozen head's on the same folds
(``--frozen``, from :mod:`training.claims`'s cached vectors).

``--init technique`` starts from the shipped technique model's encoder, dequantised from its
int8 ONNX file (:func:`training.reexport.dequantised_state`), instead of all-MiniLM-L6-v2;
``--train-layers K`` trains only the top K transformer layers (the shape of a claims branch
that shares the lower layers with the technique pass). The word embeddings stay frozen
(``--train-embeddings`` trains them): on one CPU thread their dense gradient and optimiser
step over 11.7M rows cost as much as a layer, and a 22k-sentence set moves them little.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
from torch import nn

from training.claims import (
    HEAD_EPOCHS,
    HEAD_LR,
    HEAD_WEIGHT_DECAY,
    SEED,
    TRAIN_FILE,
    load_parse,
    seed_everything,
)
from unspun.evaluate.checkworthiness import (
    DEBATE_GAP,
    MIN_GROUP,
    best_f1_threshold,
    debate_groups,
    grouped_folds,
    read_ct24,
    score_report,
)

_T0 = time.monotonic()


def log(msg: str) -> None:
    print(f"[claims-ft {time.monotonic() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------- no torch below


def length_batches(
    lengths: Sequence[int], batch_size: int, rng: np.random.Generator, pool: int = 50
) -> list[np.ndarray]:
    """Row indices in batches of similar length, in random order.

    The rows are shuffled, cut into pools of ``pool`` batches, each pool sorted by length
    and cut into batches, and the batches shuffled: a batch pads to its longest sentence,
    and debate sentences run from 2 to 100+ tokens, so random batches pad about half away.
    """
    order = rng.permutation(len(lengths))
    lens = np.asarray(lengths)
    batches: list[np.ndarray] = []
    step = batch_size * pool
    for s in range(0, len(order), step):
        chunk = order[s : s + step]
        chunk = chunk[np.argsort(lens[chunk], kind="stable")]
        batches += [chunk[b : b + batch_size] for b in range(0, len(chunk), batch_size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def pooled_report(
    labels: Sequence[bool], folds: Sequence[np.ndarray], scores: dict[int, np.ndarray]
) -> dict[str, Any]:
    """Figures over the folds present in ``scores`` (fold -> that fold's out-of-fold scores,
    in the fold's row order): at the threshold best on their pooled scores, at 0.5, and each
    fold's F1 at the pooled threshold (as :func:`training.claims.cv_report` gives them)."""
    done = sorted(scores)
    rows = np.concatenate([folds[f] for f in done])
    y = [labels[i] for i in rows]
    s = np.concatenate([scores[f] for f in done]).tolist()
    t, _ = best_f1_threshold(y, s)
    return {
        "folds": done,
        "at_best": score_report(y, s, t),
        "at_0.5": score_report(y, s, 0.5),
        "fold_f1": {
            f: score_report([labels[i] for i in folds[f]], scores[f].tolist(), t)["f1"]
            for f in done
        },
    }


def epoch_scores(out: Path, n_folds: int, epoch: int) -> dict[int, np.ndarray]:
    """The saved out-of-fold scores of ``epoch`` for the folds that reached it."""
    found = {}
    for f in range(n_folds):
        path = out / f"fold{f}" / f"epoch{epoch}.npy"
        if path.is_file():
            found[f] = np.load(path)
    return found


# -------------------------------------------------------------------------------- model


class ClaimsEncoder(nn.Module):
    """Encoder, mean pooling over the sentence's tokens, [parse features], one logit."""

    def __init__(self, encoder: nn.Module, n_parse: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        d = int(encoder.config.hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(d + n_parse, 1)

    def forward(
        self, x: torch.Tensor, mask: torch.Tensor, parse: torch.Tensor | None
    ) -> torch.Tensor:
        # Token ids, or (a top-layer branch) the frozen lower layers' states.
        given = {"inputs_embeds": x} if x.is_floating_point() else {"input_ids": x}
        h = self.encoder(attention_mask=mask, **given).last_hidden_state
        m = mask.unsqueeze(-1).to(h.dtype)
        x = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        if parse is not None:
            x = torch.cat([x, parse], dim=1)
        return self.out(self.dropout(x)).squeeze(-1)


def build_encoder(init: str, technique_model: Path) -> nn.Module:
    from training.techniques import pretrained_encoder

    encoder = pretrained_encoder()
    if init == "technique":
        from training.reexport import dequantised_state

        state = dequantised_state(technique_model / "encoder.int8.onnx")
        mine = {k.removeprefix("encoder."): v for k, v in state.items()
                if k.startswith("encoder.")}
        layers = {k.split(".")[2] for k in mine if k.startswith("encoder.layer.")}
        encoder.encoder.layer = encoder.encoder.layer[: len(layers)]
        encoder.config.num_hidden_layers = len(layers)
        missing, unexpected = encoder.load_state_dict(mine, strict=False)
        # The pooler is not in the ONNX graph and not read here.
        lacking = [k for k in missing if not k.startswith("pooler.")
                   and not k.endswith("position_ids")]
        if lacking or unexpected:
            raise SystemExit(f"technique encoder does not fit: {lacking[:5]} {unexpected[:5]}")
    return encoder


def set_trainable(encoder: nn.Module, train_embeddings: bool) -> None:
    for name, p in encoder.named_parameters():
        if name.startswith("embeddings.word_embeddings"):
            p.requires_grad = train_embeddings
        else:
            p.requires_grad = not name.startswith("pooler.")  # the pooler: unused


class PassEmbeddings(nn.Module):
    """Stands in for a branch's embeddings: its input is already the lower layers' states."""

    def forward(self, inputs_embeds: torch.Tensor, **_: Any) -> torch.Tensor:
        return inputs_embeds


def split_encoder(encoder: nn.Module, top: int) -> tuple[nn.Module, nn.Module]:
    """The encoder as its frozen lower part (embeddings and the first layers) and a branch of
    its top ``top`` layers that reads the lower part's states (``inputs_embeds``)."""
    n = int(encoder.config.num_hidden_layers)
    if not 0 < top < n:
        raise SystemExit(f"--train-layers must be 1..{n - 1} (0: all)")
    branch = copy.deepcopy(encoder)
    branch.embeddings = PassEmbeddings()
    branch.encoder.layer = branch.encoder.layer[n - top:]
    branch.config.num_hidden_layers = top
    encoder.encoder.layer = encoder.encoder.layer[: n - top]
    encoder.config.num_hidden_layers = n - top
    return encoder.eval(), branch


@torch.no_grad()
def lower_states(
    lower: nn.Module, tokens: Sequence[list[int]], batch_size: int = 64
) -> list[torch.Tensor]:
    """Every sentence's token states after the frozen lower layers, computed once: a fold
    then runs (and back-propagates through) only the branch."""
    out: list[torch.Tensor] = [torch.empty(0)] * len(tokens)
    order = np.argsort([len(t) for t in tokens], kind="stable")
    for b in range(0, len(order), batch_size):
        sel = order[b : b + batch_size]
        ids, mask, _ = collate(tokens, sel, None)
        h = lower(input_ids=ids, attention_mask=mask).last_hidden_state
        for r, i in enumerate(sel):
            out[i] = h[r, : len(tokens[i])].clone()
    return out


def collate(
    tokens: Sequence[list[int]] | Sequence[torch.Tensor], rows: np.ndarray,
    parse: np.ndarray | None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
    """A padded batch of token ids, or of precomputed token states (:func:`lower_states`)."""
    width = max(len(tokens[i]) for i in rows)
    first = tokens[rows[0]]
    if isinstance(first, torch.Tensor):
        ids = torch.zeros(len(rows), width, first.shape[1])
    else:
        ids = torch.zeros(len(rows), width, dtype=torch.long)
    mask = torch.zeros(len(rows), width, dtype=torch.long)
    for r, i in enumerate(rows):
        ids[r, : len(tokens[i])] = torch.as_tensor(tokens[i])
        mask[r, : len(tokens[i])] = 1
    p = torch.from_numpy(parse[rows]) if parse is not None else None
    return ids, mask, p


@torch.no_grad()
def predict(
    model: ClaimsEncoder, tokens: Sequence[list[int]] | Sequence[torch.Tensor], rows: np.ndarray,
    parse: np.ndarray | None, batch_size: int = 64,
) -> np.ndarray:
    model.eval()
    order = rows[np.argsort([len(tokens[i]) for i in rows], kind="stable")]
    out = np.zeros(len(tokens), np.float32)
    for b in range(0, len(order), batch_size):
        sel = order[b : b + batch_size]
        out[sel] = torch.sigmoid(model(*collate(tokens, sel, parse))).numpy()
    return out[rows]


def run_fold(
    args: argparse.Namespace, fold: int, folds: Sequence[np.ndarray],
    tokens: Sequence[list[int]] | Sequence[torch.Tensor], y: np.ndarray,
    parse: np.ndarray | None, new_encoder: Callable[[], nn.Module],
) -> None:
    from training.techniques import load_checkpoint, save_checkpoint

    fold_dir = args.out / f"fold{fold}"
    fold_dir.mkdir(parents=True, exist_ok=True)
    test = folds[fold]
    train = np.setdiff1d(np.arange(len(y)), test)
    if parse is not None:
        # Standardised on the fold's training rows only.
        mu, sd = parse[train].mean(0), parse[train].std(0) + 1e-4
        parse = ((parse - mu) / sd).astype(np.float32)
    seed_everything(args.seed + fold)
    rng = np.random.default_rng(args.seed + fold)
    model = ClaimsEncoder(new_encoder(), 0 if parse is None else parse.shape[1])
    set_trainable(model.encoder, args.train_embeddings)
    enc_params = [p for p in model.encoder.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(
        [{"params": enc_params, "lr": args.lr},
         {"params": model.out.parameters(), "lr": args.head_lr}],
        weight_decay=args.weight_decay,
    )
    lengths = [len(tokens[i]) for i in train]
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(1, warmup), max(0.0, (total - s) / max(1, total - warmup)))
    )
    pos = float(y[train].sum())
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(train) - pos) / pos))
    yt = torch.from_numpy(y.astype(np.float32))
    start_epoch = 0
    ckpt = fold_dir / "checkpoint.pt"
    if args.resume and ckpt.is_file():
        state = load_checkpoint(ckpt)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        rng.bit_generator.state = state["rng"]
        torch.set_rng_state(state["torch_rng"])
        start_epoch = state["epoch"]
        log(f"fold {fold}: resumed after epoch {start_epoch}")
    n_trainable = sum(p.numel() for p in enc_params)
    log(f"fold {fold}: train {len(train)} test {len(test)}; {n_trainable:,} encoder"
        f" parameters trained; {steps_per_epoch} steps/epoch")
    for epoch in range(start_epoch, args.epochs):
        model.train()
        t0 = time.monotonic()
        seen_tokens = 0
        batches = length_batches(lengths, args.batch_size, rng)
        for step, b in enumerate(batches[: args.max_steps or None]):
            rows = train[b]
            ids, mask, p = collate(tokens, rows, parse)
            loss = loss_fn(model(ids, mask, p), yt[rows])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            seen_tokens += int(mask.sum())
            if (step + 1) % args.log_every == 0:
                dt_s = time.monotonic() - t0
                log(f"fold {fold} epoch {epoch + 1} step {step + 1}/{len(batches)}"
                    f" loss {loss.item():.4f} {seen_tokens / dt_s:.0f} tokens/s"
                    f" ({dt_s / 60:.1f} min)")
        train_min = (time.monotonic() - t0) / 60
        if args.max_steps:
            log(f"fold {fold}: {args.max_steps} steps, {seen_tokens} tokens in"
                f" {train_min * 60:.1f}s: {seen_tokens / (train_min * 60):.0f} tokens/s;"
                f" an epoch has {sum(lengths)} tokens")
            return
        t1 = time.monotonic()
        scores = predict(model, tokens, test, parse)
        np.save(fold_dir / f"epoch{epoch + 1}.npy", scores)
        r = score_report(y[test].astype(bool).tolist(), scores.tolist(), 0.5)
        best_t, best = best_f1_threshold(y[test].astype(bool).tolist(), scores.tolist())
        log(f"fold {fold} epoch {epoch + 1}: train {train_min:.1f} min, predict"
            f" {(time.monotonic() - t1) / 60:.1f} min; fold f1@0.5 {r['f1']:.4f}"
            f" ap {r['average_precision']:.4f} (fold-best f1 {best:.4f} at {best_t:.3f})")
        save_checkpoint({
            "model": model.state_dict(), "optimizer": opt.state_dict(),
            "scheduler": sched.state_dict(), "rng": rng.bit_generator.state,
            "torch_rng": torch.get_rng_state(), "epoch": epoch + 1,
            "args": {k: str(v) for k, v in vars(args).items()},
        }, ckpt)


def frozen_scores(data_dir: Path, folds: Sequence[np.ndarray], y: np.ndarray,
                  model_dir: Path) -> dict[str, dict[int, np.ndarray]]:
    """The shipped head's variant (encoder+parse, logistic, both views) cross-validated on
    the same folds from :mod:`training.claims`'s cached vectors: out-of-fold scores per view."""
    from training.claims import VIEWS, cross_validate, file_sha256, load_features, sigmoid
    from unspun.claims import head_inputs

    train = read_ct24(data_dir / TRAIN_FILE)
    cfg = json.loads((model_dir / "config.json").read_text("utf-8"))
    sha = file_sha256(model_dir / cfg.get("encoder_file", "encoder.int8.onnx"))
    cache = Path("runs/claims-cache")
    parse = load_parse(train, "train", cache)
    views = [head_inputs("encoder+parse",
                         load_features(model_dir, train, "mean+max", "train", cache, sha, v),
                         parse) for v in VIEWS]
    oof = [sigmoid(o) for o in cross_validate(views, y, folds, SEED, hidden=0,
                                              epochs=HEAD_EPOCHS, lr=HEAD_LR,
                                              weight_decay=HEAD_WEIGHT_DECAY)]
    return {v: {f: o[fold] for f, fold in enumerate(folds)} for v, o in zip(VIEWS, oof,
                                                                           strict=True)}


def report(args: argparse.Namespace, folds: Sequence[np.ndarray], y: np.ndarray) -> None:
    labels = y.astype(bool).tolist()
    out: dict[str, Any] = {}
    epoch = 1
    while scores := epoch_scores(args.out, len(folds), epoch):
        out[f"epoch{epoch}"] = r = pooled_report(labels, folds, scores)
        b = r["at_best"]
        log(f"epoch {epoch}, folds {r['folds']}: f1 {b['f1']:.4f} (p {b['precision']:.3f}"
            f" r {b['recall']:.3f}) at {b['threshold']:.3f}; f1@0.5 {r['at_0.5']['f1']:.4f};"
            f" ap {b['average_precision']:.4f}; fold f1 "
            + " ".join(f"{f}:{x:.3f}" for f, x in r["fold_f1"].items()))
        epoch += 1
    if args.frozen:
        for view, scores in frozen_scores(args.data, folds, y, args.technique_model).items():
            done = sorted(set().union(*(r["folds"] for r in out.values()))) or list(scores)
            out[f"frozen-{view}"] = r = pooled_report(
                labels, folds, {f: scores[f] for f in done})
            b = r["at_best"]
            log(f"frozen head ({view}), folds {r['folds']}: f1 {b['f1']:.4f} at"
                f" {b['threshold']:.3f}; f1@0.5 {r['at_0.5']['f1']:.4f};"
                f" ap {b['average_precision']:.4f}; fold f1 "
                + " ".join(f"{f}:{x:.3f}" for f, x in r["fold_f1"].items()))
    (args.out / "report.json").write_text(json.dumps(out, indent=1, default=str), "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, type=Path, help="the checkworthiness/ folder")
    p.add_argument("--out", type=Path, default=Path("runs/claims-ft"))
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--fold", type=int, nargs="*", help="run these folds only (default: all)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--lr", type=float, default=5e-5, help="encoder learning rate")
    p.add_argument("--head-lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--max-len", type=int, default=64, help="tokens per sentence, with [CLS]")
    p.add_argument("--init", choices=("base", "technique"), default="base")
    p.add_argument("--technique-model", type=Path, default=Path("src/unspun/models/techniques"))
    p.add_argument("--train-layers", type=int, default=0,
                   help="train only the top K layers, over the lower ones' states computed"
                        " once (0: all)")
    p.add_argument("--train-embeddings", action="store_true")
    p.add_argument("--parse", action="store_true", help="join the 20 parse features")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--max-steps", type=int, default=0,
                   help="time this many steps of the first fold and stop (throughput)")
    p.add_argument("--log-every", type=int, default=50)
    p.add_argument("--report", action="store_true", help="pool the saved scores and stop")
    p.add_argument("--frozen", action="store_true",
                   help="with --report: the frozen head on the same folds too")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)

    train = read_ct24(args.data / TRAIN_FILE)
    y = np.asarray([d.label for d in train], np.int64)
    ids = [int(d.sentence_id) for d in train]
    folds = [np.asarray(f) for f in grouped_folds(debate_groups(ids, DEBATE_GAP, MIN_GROUP),
                                                  args.folds, SEED)]
    log(f"train {len(train)} ({int(y.sum())} Yes); folds " + ", ".join(str(len(f)) for f in folds))
    if args.report:
        report(args, folds, y)
        return 0

    from training.encoders import encoder_dir
    from unspun.resources.encoder import load_tokenizer

    tok = load_tokenizer(encoder_dir("minilm") / "tokenizer.json")
    tok.enable_truncation(args.max_len)
    tokens = [list(e.ids) for e in tok.encode_batch([d.text for d in train])]
    log(f"tokens: mean {np.mean([len(t) for t in tokens]):.1f}, truncated at {args.max_len}:"
        f" {sum(len(t) == args.max_len for t in tokens)}")
    parse = load_parse(train, "train", Path("runs/claims-cache")) if args.parse else None
    args.out.mkdir(parents=True, exist_ok=True)
    inputs: Sequence[list[int]] | Sequence[torch.Tensor] = tokens
    if args.train_layers:
        lower, branch = split_encoder(build_encoder(args.init, args.technique_model),
                                      args.train_layers)
        t0 = time.monotonic()
        inputs = lower_states(lower, tokens)
        log(f"lower layers' states of every sentence: {(time.monotonic() - t0) / 60:.1f} min")

        def new_encoder() -> nn.Module:
            return copy.deepcopy(branch)
    else:
        def new_encoder() -> nn.Module:
            return build_encoder(args.init, args.technique_model)

    for f in args.fold if args.fold is not None else range(args.folds):
        run_fold(args, f, folds, inputs, y, parse, new_encoder)
        if args.max_steps:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
