"""PTC loading, article-level K-fold split and tokenisation/windowing for training."""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from unspun.evaluate.ptc import (
    Span,
    TCLabel,
    merge_spans,
    read_articles,
    read_tc_labels,
    read_techniques,
)
from unspun.techniques.model import (
    EncodedArticle,
    TechniqueModel,
    TokenizedArticle,
    tokenize,
    top_k_techniques,
)
from unspun.techniques.windows import TAG_B, TAG_I, TAG_O, span_features, token_range


@dataclass(slots=True)
class Article:
    article_id: str
    text: str
    tc: list[TCLabel]
    si: list[Span] = field(default_factory=list)  # merged gold spans
    tokens: TokenizedArticle | None = None

    def span_labels(self) -> dict[Span, list[str]]:
        """Distinct spans with their (multiset of) gold techniques, in text order."""
        out: dict[Span, list[str]] = defaultdict(list)
        for lab in self.tc:
            out[lab.span].append(lab.technique)
        return dict(sorted(out.items()))


def load_ptc(data_dir: str | Path) -> tuple[list[Article], list[str]]:
    d = Path(data_dir)
    texts = read_articles(d / "train-articles")
    techniques = read_techniques(d / "techniques.txt")
    by_article: dict[str, list[TCLabel]] = defaultdict(list)
    for lab in read_tc_labels(d / "train-task-flc-tc.labels"):
        by_article[lab.article_id].append(lab)
    articles = []
    for aid, text in texts.items():
        tc = by_article.get(aid, [])
        articles.append(Article(aid, text, tc, merge_spans(lab.span for lab in tc)))
    return articles, techniques


def kfold(ids: Sequence[str], folds: int, seed: int = 13) -> list[list[str]]:
    """Article IDs of each fold: a seeded shuffle of the sorted IDs dealt round-robin.

    Sorting first makes the split independent of directory listing order.
    """
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [sorted(order[k::folds]) for k in range(folds)]


def add_fold_model_arguments(p: argparse.ArgumentParser, fold_models_help: str) -> None:
    """The arguments of the scripts that score fold models out of fold: ``--data``,
    ``--fold-models``, ``--fold-ids``, ``--encoder-file``, ``--folds``, ``--seed``."""
    p.add_argument("--data", required=True)
    p.add_argument("--fold-models", nargs="+", required=True, help=fold_models_help)
    p.add_argument("--fold-ids", nargs="+", type=int,
                   help="the held-out fold of each model (default 0, 1, ...)")
    p.add_argument("--encoder-file", default="encoder.int8.onnx",
                   help="the export to run: encoder.int8.onnx (as shipped, default) or"
                   " encoder.onnx (fp32, to measure the quantisation loss)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=13)


def held_out_folds(
    p: argparse.ArgumentParser, args: argparse.Namespace
) -> tuple[list[int], list[list[Article]]]:
    """For the arguments of :func:`add_fold_model_arguments`: the fold each model was trained
    without (``--fold-ids``, default 0, 1, ...) and that fold's articles."""
    ids = list(args.fold_ids) if args.fold_ids else list(range(len(args.fold_models)))
    if len(ids) != len(args.fold_models):
        p.error("give one --fold-ids entry per --fold-models entry")
    articles, _ = load_ptc(args.data)
    by_id = {a.article_id: a for a in articles}
    split = kfold(sorted(by_id), args.folds, args.seed)
    return ids, [[by_id[i] for i in split[k]] for k in ids]


def training_split(
    articles: Sequence[Article],
    folds: int,
    fold: int,
    seed: int = 13,
    extra: Sequence[Article] = (),
) -> tuple[list[Article], list[Article]]:
    """(train, held-out) articles of fold ``fold`` (-1: all articles train, none held out).

    ``extra`` articles (self-training data from another corpus) join the training side only:
    they are never held out, so the held-out figures stay those of PTC articles.
    """
    test_ids: set[str] = set()
    if fold >= 0:
        test_ids = set(kfold([a.article_id for a in articles], folds, seed)[fold])
    if test_ids & {a.article_id for a in extra}:
        raise ValueError("extra training articles share IDs with held-out PTC articles")
    train = [a for a in articles if a.article_id not in test_ids] + list(extra)
    return train, [a for a in articles if a.article_id in test_ids]


def tokenize_all(articles: Sequence[Article], tokenizer: Any) -> None:
    for a in articles:
        a.tokens = tokenize(tokenizer, a.text)


def technique_tags(article: Article, techniques: Sequence[str]) -> np.ndarray:
    """Per token, which techniques' gold spans cover it: ``(n_tokens, n_techniques)``.

    The target of an auxiliary training loss only: token-level technique supervision tells
    the encoder *why* a token is inside a span, which the O/B/I tags alone do not.
    """
    assert article.tokens is not None
    index = {t: k for k, t in enumerate(techniques)}
    out = np.zeros((len(article.tokens.offsets), len(techniques)), dtype=np.float32)
    for lab in article.tc:
        a, b = token_range(article.tokens.offsets, lab.start, lab.end)
        out[a:b, index[lab.technique]] = 1.0
    return out


def bio_tags(article: Article) -> np.ndarray:
    """Token tags from the merged gold spans: a token is inside if it overlaps a span."""
    assert article.tokens is not None
    offsets = article.tokens.offsets
    tags = np.full(len(offsets), TAG_O, dtype=np.int64)
    for s, e in article.si:
        a, b = token_range(offsets, s, e)
        if b > a:
            tags[a] = TAG_B
            tags[a + 1 : b] = TAG_I
    # A word is tagged as its first piece, as the decoder reads it.
    cont = article.tokens.is_continuation
    for i in range(1, len(tags)):
        if cont[i]:
            tags[i] = TAG_O if tags[i - 1] == TAG_O else TAG_I
    return tags


def line_index(article: Article) -> np.ndarray:
    """Per token, the index of the text line it starts on.

    PTC articles hold one sentence (or title) per line, so a line is the unit of the
    sentence-level auxiliary loss: does this sentence contain any propaganda?
    """
    assert article.tokens is not None
    breaks = np.array([i for i, ch in enumerate(article.text) if ch == "\n"], dtype=np.int64)
    return np.searchsorted(breaks, article.tokens.offsets[:, 0], side="right").astype(np.int64)


@dataclass(slots=True)
class SpanExample:
    tok_start: int  # relative to the window's content (0 = first token after [CLS])
    tok_end: int
    target: np.ndarray  # (n_techniques,) distribution over the gold techniques
    features: np.ndarray


@dataclass(slots=True)
class Window:
    ids: np.ndarray  # content token ids (no specials)
    tags: np.ndarray
    spans: list[SpanExample]
    # (n, n_techniques) multi-hot: the techniques of the gold spans covering each token.
    technique_tags: np.ndarray | None = None
    line_ids: np.ndarray | None = None  # (n,) text line of each token (see line_index)


def article_span_examples(
    article: Article, techniques: Sequence[str]
) -> list[tuple[int, int, np.ndarray, np.ndarray]]:
    """(token start, token end, target distribution, features) for each distinct gold span."""
    assert article.tokens is not None
    index = {t: k for k, t in enumerate(techniques)}
    labels = article.span_labels()
    spans = list(labels)
    feats = span_features(article.text, spans, article.tokens.offsets)
    out = []
    for (s, e), f in zip(spans, feats, strict=True):
        a, b = token_range(article.tokens.offsets, s, e)
        if b <= a:
            continue
        target = np.zeros(len(techniques), np.float32)
        for t, c in Counter(labels[(s, e)]).items():
            target[index[t]] = c
        out.append((a, b, target / target.sum(), f))
    return out


def training_window_starts(n: int, content_len: int, offset: int) -> list[int]:
    """The first token of each window :func:`make_windows` cuts from ``n`` tokens."""
    starts = [0] if n <= content_len else list(range(-offset, n, content_len))
    return sorted({max(0, s) for s in starts if s + content_len > 0})


def make_windows(
    article: Article,
    techniques: Sequence[str],
    content_len: int,
    offset: int = 0,
) -> list[Window]:
    """Non-overlapping training windows, the first one starting ``offset`` tokens early.

    A random ``offset`` per epoch moves the window edges, so over epochs every span is seen
    with context on both sides without paying for overlapping windows in one epoch. Each
    gold span is given to the one window holding most of its tokens (clipped to it).
    """
    assert article.tokens is not None
    n = len(article.tokens.ids)
    tags = bio_tags(article)
    tech = technique_tags(article, techniques)
    lines = line_index(article)
    starts = training_window_starts(n, content_len, offset)
    windows = [
        Window(
            article.tokens.ids[s : s + content_len],
            tags[s : s + content_len],
            [],
            tech[s : s + content_len],
            lines[s : s + content_len],
        )
        for s in starts
    ]
    for a, b, target, f in article_span_examples(article, techniques):
        best, best_cover = -1, 0
        for k, s in enumerate(starts):
            cover = min(b, s + content_len) - max(a, s)
            if cover > best_cover:
                best, best_cover = k, cover
        if best < 0:
            continue
        s = starts[best]
        wa, wb = max(a, s) - s, min(b, s + content_len) - s
        windows[best].spans.append(SpanExample(wa, wb, target, f))
    return windows


def tc_on_gold_spans(
    model: TechniqueModel, encoded: EncodedArticle, article: Article
) -> list[TCLabel]:
    """TC predictions for the article's gold spans: a span with k gold lines gets the k most
    likely distinct techniques (the best answer under the official multiset matching)."""
    labels = article.span_labels()
    spans = list(labels)
    names = model.config.techniques
    return [
        TCLabel(article.article_id, names[k], s, e)
        for (s, e), p in zip(spans, model.technique_probs(encoded, spans), strict=True)
        for k in top_k_techniques(p, len(labels[(s, e)]))
    ]
