"""Train the check-worthiness head over the technique model's encoder (CLEF CheckThat! 2024).

    python -m training.claims --data ../shared/data/checkworthiness \
        --encoder-model src/unspun/models/techniques --out src/unspun/models/claims --threads 1

Every CT24 train and dev sentence goes through the technique model's ONNX encoder (the very
``TechniqueModel.encode`` the analyzer runs once per article) and is pooled into one vector
(:func:`unspun.claims.pool`), in two views: ``isolated`` (the sentence alone) and ``context``
(read out of one encoder pass over a pseudo-article of 40 neighbouring transcript sentences,
as :func:`unspun.claims.sentence_vectors` reads it out of a real article at run time; a head
trained on isolated sentences alone loses about 5 F1 points there). Each sentence is also
parsed alone by the language layer's spaCy pipeline for :data:`unspun.claims.PARSE_FEATURES`.

**Every choice is made by cross-validation grouped by debate** on TRAIN only
(:func:`unspun.evaluate.checkworthiness.debate_groups`: CT24's ids split where the id gap
exceeds ``--group-gap``, runs under ``--min-group`` sentences merged into their neighbour;
whole groups to ``--folds`` folds balanced by size): the feature set (``--features``:
encoder vector, parse features, or both), the head (``--hidden``: 0 = logistic regression,
else one hidden layer; class-weighted, trained in torch) and the decision threshold (the one
that maximises the out-of-fold positive-class F1 of the context view). One stratified
random-sentence CV of the chosen variant is run for reference only: the gap between the two
is how much random folds flatter a head.

**The n-gram blend** (``--ngram-weights``): a tf-idf logistic model over the word 1-2-grams of
each sentence's text (scikit-learn, read at run time by :mod:`unspun.ngrams`) is
cross-validated on the same folds, and each candidate head is also scored blended with it,
``(1 - w) * head logit + w * n-gram logit``, for each weight ``w``; 0 is the head alone.
Grouped CV picks the weight with the head and the threshold.

The final head is trained on all of train and measured once on CT24 dev (which samples the
same debates as train, so it is not held out by debate) and on the CLEF 2019 Task 1 debates
and speeches (``--clef``), one encoder pass per file as at run time: files that share at
least :data:`SEEN_SHARE` of their sentences with CT24 train are left out, and so is every
other sentence found in CT24 train; the held-out figure is F1 at the CT24 threshold and F1
with a leave-one-debate-out threshold (chosen on the other held-out files).
Writes ``claims_head.npz``, ``claims.json``, ``claims_ngrams.npz`` (when a weight above 0 is
chosen) and ``MODEL_CARD.md`` into ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from training.ngram_fit import fit_word_ngrams
from unspun.claims import (
    FEATURE_SETS,
    NGRAM_FILE,
    PARSE_FEATURES,
    POOLINGS,
    ClaimsHead,
    head_inputs,
    parse_sentences,
    pool,
)
from unspun.evaluate.checkworthiness import (
    DEBATE_GAP,
    MIN_GROUP,
    LabelledSentence,
    best_f1_threshold,
    debate_groups,
    grouped_folds,
    normalise,
    read_clef2019,
    read_ct24,
    score_report,
)
from unspun.ngrams import NgramModel

TRAIN_FILE = "ct24/CT24_checkworthy_english_train.tsv"
DEV_FILE = "ct24/CT24_checkworthy_english_dev.tsv"
CLEF_DIR = "clef2019/training"
# A CLEF 2019 file that shares this much with CT24 train is a debate the head was trained
# on (the three 2016 presidential debates share 63-72%; the others under 1%: "Thank you.").
SEEN_SHARE = 0.1

# The "context" view: the run-time condition, where a sentence's tokens are read from the
# encoder pass over the whole article, so its states also carry its neighbours.
VIEWS = ("isolated", "context")
CONTEXT_BLOCK = 40
# The seed fixes the grouped folds too, so training.claims_finetune reads these defaults.
SEED = 13
HEAD_EPOCHS = 20
HEAD_LR = 1e-3
HEAD_WEIGHT_DECAY = 1e-2
CONTEXT_PER_LINE = 8
# The n-gram model: word 1-2-grams seen in two sentences or more, sublinear tf-idf, an L2
# logistic regression at C (scikit-learn's inverse strength). Probed on the grouped folds
# (2026-12-06, blended at weight 0.4-0.5 with the shipped head, F1 0.688 alone): C 2 / 4 / 8
# gave 0.710 / 0.710 / 0.711; adding in-word character 2-5-grams 0.709-0.711 at ten times the
# run-time cost (about 10 ms per 1,000 words more); word 1-3-grams 0.709.
NGRAM_C = 4.0
NGRAM_MIN_DF = 2

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


def load_parse(
    data: Sequence[LabelledSentence], name: str, cache: Path | None
) -> np.ndarray:
    """:func:`unspun.claims.parse_sentences` of the sentences, cached like the vectors;
    the key holds the feature code (``unspun/claims.py``) and the spaCy model's version."""
    from unspun import claims
    from unspun.nlp.pipeline import load_spacy

    code = Path(claims.__file__).read_bytes()
    key = hashlib.sha256(
        code + load_spacy().meta["version"].encode()
        + "\x00".join(d.text for d in data).encode()
    ).hexdigest()[:16]
    path = cache / f"{name}-parse-{key}.npy" if cache else None
    if path is not None and path.is_file():
        log(f"{name}: cached parse features {path}")
        return np.load(path)
    x = parse_sentences([d.text for d in data])
    log(f"parsed {name}: {len(data)} sentences")
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


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0))))


def blend(head_logits: np.ndarray, ngram_logits: np.ndarray, weight: float) -> np.ndarray:
    """The probabilities of a head blended with the n-gram model, as
    :meth:`unspun.claims.ClaimsHead.probabilities` blends them at run time."""
    return sigmoid((1 - weight) * np.asarray(head_logits, np.float64) + weight * ngram_logits)


def fit_ngrams(texts: Sequence[str], y: np.ndarray, c: float = NGRAM_C) -> NgramModel:
    """Fit the class-weighted n-gram model (:func:`training.ngram_fit.fit_word_ngrams`,
    which checks the run-time reading against scikit-learn) as the run time reads it."""
    model, _ = fit_word_ngrams(texts, y, c=c, min_df=NGRAM_MIN_DF, class_weight="balanced")
    return model


def ngram_oof(
    texts: Sequence[str], y: np.ndarray, folds: Sequence[np.ndarray], c: float = NGRAM_C
) -> np.ndarray:
    """Out-of-fold n-gram logits: each fold scored by a model fitted on the others."""
    out = np.zeros(len(y), np.float64)
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        model = fit_ngrams([texts[i] for i in train], y[train], c)
        out[test] = model.logits([texts[i] for i in test])
        log(f"n-gram fold of {len(test)}: {len(model.idf)} columns")
    return out


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
    views: Sequence[np.ndarray], y: np.ndarray, folds: Sequence[np.ndarray], seed: int,
    **kw: Any,
) -> list[np.ndarray]:
    """Out-of-fold logits of every view; folds split sentences, not rows, so that no
    sentence is both trained and scored in one fold through its other view."""
    oof = [np.zeros(len(y), np.float64) for _ in views]
    for f, test in enumerate(folds):
        train = np.setdiff1d(np.arange(len(y)), test)
        head = fit_views(views, y, train, seed=seed + f, **kw)
        for o, v in zip(oof, views, strict=True):
            o[test] = head.logits(v[test])
    return oof


def cv_report(
    labels: list[bool], oof: Sequence[np.ndarray], views: Sequence[str], tune: int,
    folds: Sequence[np.ndarray],
) -> dict[str, Any]:
    """Pooled out-of-fold figures per view at the threshold best for view ``tune``, and the
    F1 of each fold at that threshold (how much the debates differ)."""
    t, _ = best_f1_threshold(labels, oof[tune].tolist())
    out: dict[str, Any] = {
        v: score_report(labels, o.tolist(), t) for v, o in zip(views, oof, strict=True)
    }
    out["fold_f1"] = [
        score_report([labels[i] for i in f], oof[tune][f].tolist(), t)["f1"] for f in folds
    ]
    out["threshold"] = t
    return out


def clef_evaluation(
    head: ClaimsHead, files: dict[str, list[LabelledSentence]],
    vectors: dict[str, np.ndarray], parse: dict[str, np.ndarray],
    train_texts: set[str],
) -> dict[str, Any]:
    """The held-out CLEF 2019 figures (module docstring): per file, pooled at the head's
    threshold, and pooled with each file's threshold chosen on the other held-out files."""
    per_file: dict[str, Any] = {}
    kept: dict[str, tuple[list[bool], list[float]]] = {}
    for stem, data in files.items():
        scores = head.probabilities(
            head_inputs(head.features, vectors[stem], parse.get(stem)),
            [d.text for d in data],
        ).tolist()
        seen = [normalise(d.text) in train_texts for d in data]
        share = sum(seen) / len(data)
        rows = [i for i, s in enumerate(seen) if not s]
        entry: dict[str, Any] = {"n": len(data), "in_ct24_train": sum(seen),
                                 "seen_share": share, "held_out": share < SEEN_SHARE}
        if share < SEEN_SHARE:
            labels = [data[i].label for i in rows]
            kept[stem] = (labels, [scores[i] for i in rows])
            entry.update(score_report(labels, kept[stem][1], head.threshold))
        per_file[stem] = entry
    labels = [y for ls, _ in kept.values() for y in ls]
    scores = [s for _, ss in kept.values() for s in ss]
    at_head = score_report(labels, scores, head.threshold)
    at_head["flagged_share"] = sum(s >= head.threshold for s in scores) / len(scores)
    at_head["positive_share"] = sum(labels) / len(labels)
    predicted: list[bool] = []
    gold: list[bool] = []
    for stem, (ls, ss) in kept.items():
        others_l = [y for k, (l2, _) in kept.items() if k != stem for y in l2]
        others_s = [s for k, (_, s2) in kept.items() if k != stem for s in s2]
        t, _ = best_f1_threshold(others_l, others_s)
        predicted += [s >= t for s in ss]
        gold += ls
    lodo = score_report(gold, [float(p) for p in predicted], 0.5)
    lodo.pop("average_precision")
    lodo.pop("threshold")
    return {"files": per_file, "held_out_files": len(kept), "at_ct24_threshold": at_head,
            "leave_one_debate_out_threshold": lodo}


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
    p.add_argument("--features", choices=FEATURE_SETS, nargs="+", default=list(FEATURE_SETS),
                   help="candidate inputs of the head; grouped CV picks one")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--group-gap", type=int, default=DEBATE_GAP,
                   help="an id gap above this starts a new debate group")
    p.add_argument("--min-group", type=int, default=MIN_GROUP,
                   help="a debate group smaller than this joins its nearer neighbour")
    p.add_argument("--hidden", type=int, nargs="+", default=[0, 256],
                   help="candidate hidden sizes (0 = logistic regression); CV picks one")
    p.add_argument("--ngram-weights", type=float, nargs="+", default=[0.0, 0.3, 0.4, 0.5],
                   help="candidate weights of the n-gram model's logit in the blend"
                        " (0 = the head alone); CV picks one")
    p.add_argument("--epochs", type=int, default=HEAD_EPOCHS)
    p.add_argument("--lr", type=float, default=HEAD_LR)
    p.add_argument("--weight-decay", type=float, default=HEAD_WEIGHT_DECAY)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--no-clef", action="store_true", help="skip the CLEF 2019 evaluation")
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
    enc_train = [
        load_features(args.encoder_model, train, args.pooling, "train", args.cache,
                      encoder_sha, v)
        for v in args.views
    ]
    enc_dev = {
        v: load_features(args.encoder_model, dev, args.pooling, "dev", args.cache, encoder_sha, v)
        for v in VIEWS
    }
    parse_train = load_parse(train, "train", args.cache)
    parse_dev = load_parse(dev, "dev", args.cache)
    y_train = np.asarray([d.label for d in train], np.int64)
    y_dev = [d.label for d in dev]
    labels = y_train.astype(bool).tolist()
    # The threshold is tuned where it is used: on the run-time (context) view if trained on.
    tune = args.views.index("context") if "context" in args.views else 0

    train_ids = np.asarray([int(d.sentence_id) for d in train])
    groups = debate_groups(train_ids.tolist(), args.group_gap, args.min_group)
    folds = [np.asarray(f) for f in grouped_folds(groups, args.folds, args.seed)]
    sizes = sorted(int(n) for n in np.bincount(groups))
    spans = [(int(train_ids[m].min()), int(train_ids[m].max()))
             for m in (np.asarray(groups) == g for g in range(len(sizes)))]
    log(f"{len(sizes)} debate groups (sizes {sizes[0]}-{sizes[-1]}), folds "
        + ", ".join(str(len(f)) for f in folds))

    def inputs(features: str, views: Sequence[np.ndarray], parse: np.ndarray) -> list[np.ndarray]:
        return [head_inputs(features, v, parse) for v in views]

    common = {"epochs": args.epochs, "lr": args.lr, "weight_decay": args.weight_decay}
    texts = [d.text for d in train]
    weights = sorted(set(args.ngram_weights))
    if any(not 0 <= w <= 1 for w in weights):
        p.error("--ngram-weights must lie in [0, 1]")
    ngram_logits = ngram_oof(texts, y_train, folds) if any(weights) else None
    cv: dict[str, dict[str, Any]] = {}
    best: tuple[float, str, int, float] | None = None
    for features in args.features:
        x_train = inputs(features, enc_train, parse_train)
        for hidden in args.hidden:
            oof = cross_validate(x_train, y_train, folds, args.seed, hidden=hidden, **common)
            for w in weights:
                name = f"{features} hidden={hidden}" + (f" ngrams={w:g}" if w else "")
                scored = [sigmoid(o) for o in oof] if ngram_logits is None or not w else [
                    blend(o, ngram_logits, w) for o in oof
                ]
                cv[name] = cv_report(labels, scored, args.views, tune, folds)
                f1 = cv[name][args.views[tune]]["f1"]
                log(f"grouped cv {name}: threshold {cv[name]['threshold']:.3f}; " + "; ".join(
                    f"{v} f1 {cv[name][v]['f1']:.4f} ap {cv[name][v]['average_precision']:.4f}"
                    for v in args.views
                ) + " folds " + " ".join(f"{x:.3f}" for x in cv[name]["fold_f1"]))
                if best is None or f1 > best[0]:
                    best = (f1, features, hidden, w)
    if ngram_logits is not None:
        cv["n-grams alone"] = cv_report(labels, [sigmoid(ngram_logits)] * len(
            args.views), args.views, tune, folds)
        log(f"grouped cv n-grams alone: f1 {cv['n-grams alone'][args.views[tune]]['f1']:.4f}")
    assert best is not None
    _, features, hidden, weight = best
    chosen = f"{features} hidden={hidden}" + (f" ngrams={weight:g}" if weight else "")
    threshold = float(cv[chosen]["threshold"])
    x_train = inputs(features, enc_train, parse_train)
    # For reference only: what random-sentence folds would have said of the chosen variant.
    strat = [np.asarray(f) for f in stratified_folds(y_train, args.folds, args.seed)]
    strat_oof = cross_validate(x_train, y_train, strat, args.seed, hidden=hidden, **common)
    if weight:
        strat_ngrams = ngram_oof(texts, y_train, strat)
        strat_oof = [blend(o, strat_ngrams, weight) for o in strat_oof]
    else:
        strat_oof = [sigmoid(o) for o in strat_oof]
    stratified = cv_report(labels, strat_oof, args.views, tune, strat)
    log(f"stratified cv {chosen} (reference): "
        f"f1 {stratified[args.views[tune]]['f1']:.4f}")

    log(f"chosen {chosen} threshold={threshold:.3f}; training on all of train")
    head = fit_views(x_train, y_train, np.arange(len(y_train)), hidden=hidden, seed=args.seed,
                     **common)
    head.threshold = threshold
    head.pooling = args.pooling
    head.features = features
    if weight:
        head.ngrams = fit_ngrams(texts, y_train)
        head.ngram_weight = weight
    dev_report: dict[str, dict[str, float]] = {}
    oracle: dict[str, dict[str, float]] = {}
    for v, x in enc_dev.items():
        dev_scores = head.probabilities(head_inputs(features, x, parse_dev),
                                        [d.text for d in dev]).tolist()
        dev_report[v] = score_report(y_dev, dev_scores, threshold)
        log(f"dev ({v}): " + ", ".join(
            f"{k} {val:.4f}" if isinstance(val, float) else f"{k} {val}"
            for k, val in dev_report[v].items()
        ))
        # For reference only (never used to choose anything): the best dev F1 any threshold
        # could reach, i.e. how much the CV threshold leaves on the table.
        ot, of1 = best_f1_threshold(y_dev, dev_scores)
        oracle[v] = {"threshold": ot, "f1": of1}

    clef: dict[str, Any] | None = None
    if not args.no_clef:
        files = {f.stem: read_clef2019(f) for f in sorted((args.data / CLEF_DIR).glob("*.tsv"))}
        clef = clef_evaluation(
            head, files,
            # One pass per 40 lines of one file, as over an article at run time.
            {stem: load_features(args.encoder_model, data, args.pooling, f"clef-{stem}",
                                 args.cache, encoder_sha, "context")
             for stem, data in files.items()},
            {stem: load_parse(data, f"clef-{stem}", args.cache) for stem, data in files.items()}
            if head.reads_parse else {},
            {normalise(d.text) for d in train},
        )
        r = clef["at_ct24_threshold"]
        log(f"clef 2019 held out ({clef['held_out_files']} files, n {r['n']}): f1 {r['f1']:.4f}"
            f" ap {r['average_precision']:.4f}; leave-one-debate-out threshold f1"
            f" {clef['leave_one_debate_out_threshold']['f1']:.4f}")

    date = dt.date.today().isoformat()
    command = "python -m training.claims " + " ".join(sys.argv[1:] if argv is None else argv)
    config = {
        "task": "check-worthiness (CLEF CheckThat! 2024 Task 1, English)",
        "date": date,
        "head": "mlp" if hidden else "logistic",
        "hidden": hidden,
        "pooling": args.pooling,
        "parse_features": list(PARSE_FEATURES) if "parse" in features else [],
        "ngrams": {
            "file": NGRAM_FILE, "weight": weight, "c": NGRAM_C,
            "ngram_range": [head.ngrams.low, head.ngrams.high], "columns": len(head.ngrams.idf),
            "min_df": NGRAM_MIN_DF,
        } if head.ngrams is not None else None,
        "encoder_model": str(args.encoder_model),
        "encoder_file": encoder_file.name,
        "encoder_sha256": encoder_sha,
        "threshold_source": f"best out-of-fold F1 of {args.folds}-fold CV grouped by debate"
                            f" on train, {args.views[tune]} view, {chosen}",
        "grouping": {
            "rule": f"CT24 train ids split where consecutive ids differ by more than"
                    f" {args.group_gap}; runs under {args.min_group} sentences join the"
                    f" neighbour across the smaller gap; groups to folds largest first into"
                    f" the smallest fold (seed {args.seed})",
            "groups": len(sizes), "group_sizes": sizes,
            "fold_sizes": [len(f) for f in folds],
            "dev_n": len(dev),
            "dev_inside": sum(
                any(lo <= int(d.sentence_id) <= hi for lo, hi in spans) for d in dev
            ),
        },
        "train": {"n": len(train), "epochs": args.epochs, "lr": args.lr,
                  "weight_decay": args.weight_decay, "seed": args.seed},
        "cv_grouped": cv,
        "cv_stratified_reference": {chosen: stratified},
        "views": list(args.views),
        "context_view": f"sentences in id order, {CONTEXT_PER_LINE} to a line,"
                        f" {CONTEXT_BLOCK} to one encoder pass",
        "dev": dev_report,
        "dev_oracle_threshold_reference": oracle,
        "clef2019": clef,
        "command": command,
    }
    head.save(args.out, config)
    write_card(args.out, config)
    log(f"wrote {args.out}")
    return 0


def _prf_row(label: str, r: dict[str, Any]) -> str:
    return (f"| {label} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f}"
            f" | {r['average_precision']:.3f} | {r['threshold']:.3f} | {int(r['n'])} |")


def write_card(out: Path, config: dict[str, Any]) -> None:
    views = config["views"]
    tuned = "context" if "context" in views else views[0]
    variants = "\n".join(
        f"| {name} | {r[tuned]['f1']:.3f} | {r[tuned]['precision']:.3f}"
        f" | {r[tuned]['recall']:.3f} | {r[tuned]['average_precision']:.3f}"
        f" | {r['threshold']:.3f} | {min(r['fold_f1']):.3f}-{max(r['fold_f1']):.3f} |"
        + "".join(f" {r[v]['f1']:.3f} |" for v in views if v != tuned)
        for name, r in config["cv_grouped"].items()
    )
    other = "".join(f" {v} F1 |" for v in views if v != tuned)
    (chosen, strat), = config["cv_stratified_reference"].items()
    flattery = strat[tuned]["f1"] - config["cv_grouped"][chosen][tuned]["f1"]
    parse = (
        "\n- Parse features (`unspun.claims.parse_features`, read from the article's one spaCy"
        " parse at run time; each train sentence parsed alone): "
        + ", ".join(config["parse_features"]) + "." if config["parse_features"] else ""
    )
    ng = config.get("ngrams")
    ngrams = (
        f"\n- N-gram blend (`{ng['file']}`, read by `unspun.ngrams`): a tf-idf logistic"
        f" regression (C {ng['c']:g}, class-weighted) over the word"
        f" {ng['ngram_range'][0]}-{ng['ngram_range'][1]}-grams ({ng['columns']:,} columns)"
        + f" of the sentence text; the probability is the logistic of (1 - {ng['weight']:g})"
        f" × head logit + {ng['weight']:g} × n-gram logit." if ng else ""
    )
    dev_rows = "\n".join(_prf_row(view, r) for view, r in config["dev"].items())
    g = config["grouping"]
    clef = config.get("clef2019")
    clef_text = ""
    if clef:
        r, lodo = clef["at_ct24_threshold"], clef["leave_one_debate_out_threshold"]
        seen = ", ".join(
            f"{stem} ({e['seen_share']:.0%})" for stem, e in clef["files"].items()
            if not e["held_out"]
        )
        clef_text = f"""
### CLEF CheckThat! 2019 Task 1 (debates and speeches not in CT24 train)

Files sharing {SEEN_SHARE:.0%} or more of their sentences with CT24 train are left out:
{seen}; from the other {clef["held_out_files"]} files every sentence found in CT24 train
is left out too. Context view (one encoder pass per 40 lines of a file). CLEF 2019 marks
only the claims factcheck.org checked ({r["positive_share"]:.1%} of these sentences, against
24% Yes in CT24), so its F1 is not on CT24's scale; AP and the threshold's flagged share
say more.

| held-out CLEF 2019 | precision | recall | F1 | average precision | threshold | n |
|---|---|---|---|---|---|---|
{_prf_row("at the CT24 grouped-CV threshold", r)}

At that threshold the head flags {r["flagged_share"]:.1%} of the sentences. With each file's
threshold chosen on the other held-out files (leave one debate out): precision
{lodo["precision"]:.3f}, recall {lodo["recall"]:.3f}, F1 {lodo["f1"]:.3f}.
"""
    text = f"""## Check-worthy claims head (CLEF CheckThat! 2024 Task 1)

- Date: {config["date"]}
- Data: CT24 English train ({config["train"]["n"]:,} debate sentences) for training and for
  every choice: {config["threshold_source"]}. CT24 English dev (1,032 sentences) and CLEF
  2019 for the figures below only, never for choosing anything.
- Features: {config["pooling"]} pooling of the token hidden states of the technique
  model's encoder `{config["encoder_file"]}` (sha256 {config["encoder_sha256"][:16]}…), the
  article's one shared encoder pass at run time. Trained on the views {views}:
  `isolated` = each sentence encoded alone; `context` = {config["context_view"]}
  (the run-time condition: a sentence read out of a whole-article pass).{parse}{ngrams}
- Head: {config["head"]} (hidden {config["hidden"]}), class-weighted BCE, AdamW,
  {config["train"]["epochs"]} epochs, seed {config["train"]["seed"]}.
- Metric: F1 of the positive class (official); average precision for ranking.
- Command: `{config["command"]}`

### Cross-validation grouped by debate (the basis of every choice)

Grouping: {g["rule"]}. {g["groups"]} groups of {g["group_sizes"][0]}-{g["group_sizes"][-1]}
sentences (each reads as one debate: opening thanks, closing appeal, one pair of
candidates; `unspun.evaluate.checkworthiness` says why); fold sizes
{", ".join(str(n) for n in g["fold_sizes"])}.
Out-of-fold figures pooled over the folds, at the threshold best for the {tuned} view:

| variant | F1 ({tuned}) | precision | recall | average precision | threshold | fold F1 |{other}
|---|---|---|---|---|---|---|{"---|" * (len(views) - 1)}
{variants}

Chosen: {chosen}. For reference, random-sentence (stratified) folds score the same
variant {strat[tuned]["f1"]:.3f} F1 (AP {strat[tuned]["average_precision"]:.3f}), a
difference of {flattery:+.3f} from the grouped figure.

### CT24 dev

CT24 dev samples the same debates as train ({g["dev_inside"]:,} of its {g["dev_n"]:,} ids fall
inside the id range of one of train's debate groups), so it is not held out by debate.

| CT24 dev, view | precision | recall | F1 | average precision | threshold | n |
|---|---|---|---|---|---|---|
{dev_rows}
{clef_text}
`unspun evaluate checkworthiness` measures the isolated view. Run-time rules on top of the
head (not measured by CT24): questions skipped, opinion markers and predictions
downweighted, never-claims (credit lines, datelines, captions, calls to action,
exhortations) zeroed; see `unspun/claims.py`.
"""
    card = out / "MODEL_CARD.md"
    if card.exists():
        text = text.rstrip("\n") + "\n" + kept_sections(card.read_text(encoding="utf-8"), text)
    card.write_text(text, encoding="utf-8")


def kept_sections(old_card: str, new_card: str) -> str:
    """The ``###`` sections of the old card the generated one lacks.

    The card's news, history and fine-tuning sections are written by hand from other
    commands' output; a retrain must not erase them.
    """
    generated = set(re.findall(r"^### (.+)$", new_card, flags=re.M))
    kept = [
        "\n" + section
        for section in re.split(r"(?m)^(?=### )", old_card)
        if section.startswith("### ") and section.split("\n", 1)[0][4:] not in generated
    ]
    return "".join(kept)


if __name__ == "__main__":
    raise SystemExit(main())
