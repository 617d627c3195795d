"""Train the check-worthiness head over the technique model's encoder (CLEF CheckThat! 2024).

    python -m training.claims --data ../shared/data/checkworthiness \
        --encoder-model src/unspun/models/techniques --out src/unspun/models/claims

Every CT24 train and dev sentence goes through the technique model's ONNX encoder (the very
``TechniqueModel.encode`` the analyzer runs once per article) and is pooled into one vector
(:func:`unspun.claims.pool`), in two views: ``isolated`` (the sentence alone) and ``context``
(read out of one encoder pass over a pseudo-article of 40 neighbouring transcript sentences,
as :func:`unspun.claims.sentence_vectors` reads it out of a real article at run time; a head
trained on isolated sentences alone loses about 5 F1 points there).

A small head (logistic regression and a one-hidden-layer MLP, class-weighted) is trained in
torch; the head type and the decision threshold are chosen by stratified k-fold
cross-validation on TRAIN only (the threshold that maximises the out-of-fold positive-class
F1 of the context view). The final head is trained on all of train and measured once on dev.
Writes ``claims_head.npz``, ``claims.json`` and ``MODEL_CARD.md`` into ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from unspun.claims import POOLINGS, ClaimsHead, pool
from unspun.evaluate.checkworthiness import (
    LabelledSentence,
    best_f1_threshold,
    read_ct24,
    score_report,
)

TRAIN_FILE = "ct24/CT24_checkworthy_english_train.tsv"
DEV_FILE = "ct24/CT24_checkworthy_english_dev.tsv"

# The "context" view: the run-time condition, where a sentence's tokens are read from the
# encoder pass over the whole article, so its states also carry its neighbours.
VIEWS = ("isolated", "context")
CONTEXT_BLOCK = 40
CONTEXT_PER_LINE = 8

_T0 = time.monotonic()


def log(msg: str) -> None:
    print(f"[claims {time.monotonic() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def encode_sentences(
    model: Any, data: Sequence[LabelledSentence], pooling: str, name: str
) -> np.ndarray:
    width: int | None = None
    rows: list[np.ndarray] = []
    for i, d in enumerate(data):
        vec = pool(model.encode(d.text).hidden, pooling)
        if width is None and vec.size:
            width = vec.size
        rows.append(vec)
        if (i + 1) % 2000 == 0:
            log(f"encoded {name} {i + 1}/{len(data)}")
    assert width is not None
    # An empty sentence has no token: a zero vector (what the runtime gives it too).
    return np.stack([r if r.size == width else np.zeros(width, np.float32) for r in rows])


def context_blocks(
    data: Sequence[LabelledSentence], block: int, per_line: int
) -> list[tuple[str, list[tuple[int, int]], list[int]]]:
    """Pseudo-articles: sentences in transcript (id) order, ``per_line`` to a paragraph line
    and ``block`` to an article, with each sentence's character range and row index."""
    order = sorted(
        range(len(data)),
        key=lambda i: (0, int(data[i].sentence_id)) if data[i].sentence_id.isdigit() else (1, i),
    )
    out: list[tuple[str, list[tuple[int, int]], list[int]]] = []
    for b in range(0, len(order), block):
        rows = order[b : b + block]
        text = ""
        spans: list[tuple[int, int]] = []
        for k, i in enumerate(rows):
            if k:
                text += "\n" if k % per_line == 0 else " "
            spans.append((len(text), len(text) + len(data[i].text)))
            text += data[i].text
        out.append((text, spans, rows))
    return out


def encode_in_context(
    model: Any, data: Sequence[LabelledSentence], pooling: str, name: str
) -> np.ndarray:
    """Sentence vectors read from one encoder pass over a pseudo-article, as at run time."""
    from unspun.claims import sentence_vectors

    x: np.ndarray | None = None
    blocks = context_blocks(data, CONTEXT_BLOCK, CONTEXT_PER_LINE)
    for n, (text, spans, rows) in enumerate(blocks):
        vectors = sentence_vectors(model.encode(text), spans, pooling)
        if x is None:
            x = np.zeros((len(data), vectors.shape[1]), np.float32)
        x[rows] = vectors
        if (n + 1) % 100 == 0:
            log(f"encoded {name} in context {n + 1}/{len(blocks)} blocks")
    assert x is not None
    return x


def load_features(
    model_dir: Path, data: Sequence[LabelledSentence], pooling: str, name: str,
    cache: Path | None, encoder_sha: str, view: str,
) -> np.ndarray:
    # Encoding 22,500 sentences takes minutes on one thread; re-runs with other head
    # settings reuse the vectors as long as the encoder file, its config (the window step and
    # stitching shape the states) and the sentences are the same.
    encoder_config = (model_dir / "config.json").read_text("utf-8")
    key = hashlib.sha256(
        (encoder_sha + encoder_config + pooling + view + "\x00".join(d.text for d in data)).encode()
    ).hexdigest()[:16]
    path = cache / f"{name}-{view}-{key}.npy" if cache else None
    if path is not None and path.is_file():
        log(f"{name}: cached {view} vectors {path}")
        return np.load(path)
    from unspun.techniques.model import TechniqueModel

    model = TechniqueModel.load(model_dir, threads=1)
    if view == "context":
        x = encode_in_context(model, data, pooling, name)
    else:
        x = encode_sentences(model, data, pooling, name)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, x)
    return x


def train_head(
    x: np.ndarray, y: np.ndarray, hidden: int, epochs: int, lr: float, weight_decay: float,
    seed: int, dropout: float = 0.1,
) -> ClaimsHead:
    """Fit a class-weighted logistic regression (hidden=0) or MLP on standardised vectors."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0).astype(np.float32)
    std = (x.std(axis=0) + 1e-4).astype(np.float32)
    xt = torch.from_numpy((x - mean) / std).float()
    yt = torch.from_numpy(y.astype(np.float32))
    d = x.shape[1]
    net: nn.Module
    if hidden:
        net = nn.Sequential(nn.Dropout(dropout), nn.Linear(d, hidden), nn.ReLU(),
                            nn.Dropout(dropout), nn.Linear(hidden, 1))
    else:
        net = nn.Sequential(nn.Linear(d, 1))
    # Positives are a quarter of CT24: weight them so the head does not learn "always No".
    pos_weight = torch.tensor((len(y) - y.sum()) / max(1, y.sum()), dtype=torch.float32)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=weight_decay)
    batch = 256
    for _ in range(epochs):
        net.train()
        order = rng.permutation(len(y))
        for s in range(0, len(y), batch):
            idx = torch.from_numpy(order[s : s + batch])
            opt.zero_grad()
            loss = loss_fn(net(xt[idx]).squeeze(-1), yt[idx])
            loss.backward()
            opt.step()
    net.eval()
    linears = [m for m in net.modules() if isinstance(m, nn.Linear)]
    if hidden:
        l1, l2 = linears
        return ClaimsHead(
            mean=mean, std=std,
            w1=l1.weight.detach().numpy().T.copy(), b1=l1.bias.detach().numpy().copy(),
            w2=l2.weight.detach().numpy().T.copy(), b2=l2.bias.detach().numpy().copy(),
        )
    (l2,) = linears
    return ClaimsHead(
        mean=mean, std=std,
        w2=l2.weight.detach().numpy().T.copy(), b2=l2.bias.detach().numpy().copy(),
    )


def stratified_folds(y: np.ndarray, k: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for cls in (0, 1):
        idx = rng.permutation(np.flatnonzero(y == cls))
        for i, j in enumerate(idx):
            folds[i % k].append(int(j))
    return [np.sort(np.asarray(f)) for f in folds]


def fit_views(
    views: Sequence[np.ndarray], y: np.ndarray, rows: np.ndarray, **kw: Any
) -> ClaimsHead:
    """One head over the rows of every view stacked (each sentence once per view)."""
    x = np.concatenate([v[rows] for v in views])
    return train_head(x, np.concatenate([y[rows]] * len(views)), **kw)


def cross_validate(
    views: Sequence[np.ndarray], y: np.ndarray, k: int, seed: int, **kw: Any
) -> list[np.ndarray]:
    """Out-of-fold probabilities of every view; folds split sentences, not rows, so that no
    sentence is both trained and scored in one fold through its other view."""
    oof = [np.zeros(len(y), np.float32) for _ in views]
    for f, test in enumerate(stratified_folds(y, k, seed)):
        train = np.setdiff1d(np.arange(len(y)), test)
        head = fit_views(views, y, train, seed=seed + f, **kw)
        for o, v in zip(oof, views, strict=True):
            o[test] = head.probabilities(v[test])
    return oof


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, type=Path, help="the checkworthiness/ folder")
    p.add_argument("--encoder-model", required=True, type=Path,
                   help="technique model dir (config.json, encoder ONNX, tokenizer.json)")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--cache", type=Path, default=Path("runs/claims-cache"),
                   help="where encoded sentence vectors are kept between runs")
    p.add_argument("--pooling", choices=POOLINGS, default="mean+max")
    p.add_argument("--views", choices=VIEWS, nargs="+", default=list(VIEWS),
                   help="which encodings of the train sentences the head is trained on")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--hidden", type=int, nargs="+", default=[0, 256],
                   help="candidate hidden sizes (0 = logistic regression); CV picks one")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=1e-2)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)

    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    train = read_ct24(args.data / TRAIN_FILE)
    dev = read_ct24(args.data / DEV_FILE)
    log(f"train {len(train)} ({sum(d.label for d in train)} Yes), "
        f"dev {len(dev)} ({sum(d.label for d in dev)} Yes)")
    model_cfg = json.loads((args.encoder_model / "config.json").read_text("utf-8"))
    encoder_file = args.encoder_model / model_cfg.get("encoder_file", "encoder.int8.onnx")
    encoder_sha = file_sha256(encoder_file)
    log(f"encoder {encoder_file} sha256 {encoder_sha[:12]}")
    x_train = [
        load_features(args.encoder_model, train, args.pooling, "train", args.cache,
                      encoder_sha, v)
        for v in args.views
    ]
    x_dev = {
        v: load_features(args.encoder_model, dev, args.pooling, "dev", args.cache, encoder_sha, v)
        for v in VIEWS
    }
    y_train = np.asarray([d.label for d in train], np.int64)
    y_dev = [d.label for d in dev]
    labels = y_train.astype(bool).tolist()
    # The threshold is tuned where it is used: on the run-time (context) view if trained on.
    tune = args.views.index("context") if "context" in args.views else 0

    common = {"epochs": args.epochs, "lr": args.lr, "weight_decay": args.weight_decay}
    cv: dict[str, dict[str, dict[str, float]]] = {}
    best: tuple[float, int, float] | None = None
    for hidden in args.hidden:
        oof = cross_validate(x_train, y_train, args.folds, args.seed, hidden=hidden, **common)
        t, f1 = best_f1_threshold(labels, oof[tune].tolist())
        cv[f"hidden={hidden}"] = {
            v: score_report(labels, o.tolist(), t) for v, o in zip(args.views, oof, strict=True)
        }
        log(f"cv hidden={hidden}: threshold {t:.3f} ({args.views[tune]} view) " + "; ".join(
            f"{v} f1 {r['f1']:.4f} ap {r['average_precision']:.4f}"
            for v, r in cv[f"hidden={hidden}"].items()
        ))
        if best is None or f1 > best[0]:
            best = (f1, hidden, t)
    assert best is not None
    _, hidden, threshold = best
    log(f"chosen hidden={hidden} threshold={threshold:.3f}; training on all of train")
    head = fit_views(x_train, y_train, np.arange(len(y_train)), hidden=hidden, seed=args.seed,
                     **common)
    head.threshold = threshold
    head.pooling = args.pooling
    dev_report: dict[str, dict[str, float]] = {}
    oracle: dict[str, dict[str, float]] = {}
    for v, x in x_dev.items():
        dev_scores = head.probabilities(x).tolist()
        dev_report[v] = score_report(y_dev, dev_scores, threshold)
        log(f"dev ({v}): " + ", ".join(
            f"{k} {val:.4f}" if isinstance(val, float) else f"{k} {val}"
            for k, val in dev_report[v].items()
        ))
        # For reference only (never used to choose anything): the best dev F1 any threshold
        # could reach, i.e. how much the CV threshold leaves on the table.
        ot, of1 = best_f1_threshold(y_dev, dev_scores)
        oracle[v] = {"threshold": ot, "f1": of1}

    date = dt.date.today().isoformat()
    command = "python -m training.claims " + " ".join(sys.argv[1:] if argv is None else argv)
    config = {
        "task": "check-worthiness (CLEF CheckThat! 2024 Task 1, English)",
        "date": date,
        "head": "mlp" if hidden else "logistic",
        "hidden": hidden,
        "pooling": args.pooling,
        "encoder_model": str(args.encoder_model),
        "encoder_file": encoder_file.name,
        "encoder_sha256": encoder_sha,
        "threshold_source": f"best out-of-fold F1 of {args.folds}-fold CV on train,"
                            f" {args.views[tune]} view",
        "train": {"n": len(train), "epochs": args.epochs, "lr": args.lr,
                  "weight_decay": args.weight_decay, "seed": args.seed},
        "cv": cv,
        "views": list(args.views),
        "context_view": f"sentences in id order, {CONTEXT_PER_LINE} to a line,"
                        f" {CONTEXT_BLOCK} to one encoder pass",
        "dev": dev_report,
        "dev_oracle_threshold_reference": oracle,
        "command": command,
    }
    head.save(args.out, config)
    write_card(args.out, config)
    log(f"wrote {args.out}")
    return 0


def write_card(out: Path, config: dict[str, Any]) -> None:
    rows = "\n".join(
        f"| {view} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f}"
        f" | {r['average_precision']:.3f} | {r['threshold']:.3f} | {int(r['n'])} |"
        for view, r in config["dev"].items()
    )
    text = f"""## Check-worthy claims head (CLEF CheckThat! 2024 Task 1)

- Date: {config["date"]}
- Data: CT24 English train ({config["train"]["n"]:,} debate sentences) for training and for
  the decision threshold ({config["threshold_source"]}); CT24 English dev (1,032 sentences)
  for the figures below only, never for choosing anything.
- Features: {config["pooling"]} pooling of the token hidden states of the technique
  model's encoder `{config["encoder_file"]}` (sha256 {config["encoder_sha256"][:16]}…), the
  article's one shared encoder pass at run time. Trained on the views {config["views"]}:
  `isolated` = each sentence encoded alone; `context` = {config["context_view"]}
  (the run-time condition: a sentence read out of a whole-article pass).
- Head: {config["head"]} (hidden {config["hidden"]}), class-weighted BCE, AdamW,
  {config["train"]["epochs"]} epochs, seed {config["train"]["seed"]}.
- Metric: F1 of the positive class (official); average precision for ranking.
- Command: `{config["command"]}`

| CT24 dev, view | precision | recall | F1 | average precision | threshold | n |
|---|---|---|---|---|---|---|
{rows}

`unspun evaluate checkworthiness` measures the isolated view. Run-time rules on top of the
head (not measured by CT24): questions skipped, opinion markers and predictions
downweighted; see `unspun/claims.py`.
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
