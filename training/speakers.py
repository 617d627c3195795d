"""Train the pronoun-speaker resolver of the quotes layer on PolNeAR train.

    python -m training.speakers --data ../shared/data/polnear --out src/unspun/models/speakers

The quotes layer's rules find each quote's speaker as written; when that is a pronoun ("he
said", "they added"), :class:`unspun.quotes.coref.SpeakerResolver` picks the name it stands
for among candidates (:meth:`unspun.quotes.coref.Coreference.candidates`). This script:

1. runs the language layer over every PolNeAR train and dev article (cached under
   ``--cache``, since the parse is most of the time);
2. runs :func:`unspun.quotes.find_quotes` with a resolver that records each pronoun's
   candidates and keeps the rules' answer, and labels a candidate right when its name
   shares a word with the name the gold attribution's source refers to (the reference of
   :mod:`unspun.evaluate.polnear`'s speaker accuracy; with ``--labels agreeing``, the
   adjudicated pronoun rule's, which never names a person the article gives the other
   gender), for pronouns whose quote matches a gold attribution; pronouns with no right
   candidate are left out;
3. fits a conditional logit (softmax over each pronoun's candidates, L2, full-batch gradient
   descent with Adam, fixed steps: deterministic);
4. measures speaker accuracy with 5-fold cross-validation on train split by article (each
   fold's articles analysed with the model fitted on the other four, scored together), and
   the rules alone on the same articles; then fits on all of train and measures dev once.

Writes ``speaker_resolver.json`` (weights by feature) and ``figures.json`` (every figure
above) to ``--out``; ``MODEL_CARD.md`` beside them is written by hand from those figures.
Only numpy: no torch needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pickle
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from unspun.evaluate import polnear
from unspun.evaluate.polnear import Article
from unspun.quotes import find_quotes
from unspun.quotes.coref import FEATURES, RULES, Candidate, SpeakerResolver
from unspun.quotes.speakers import Resolver

_T0 = time.monotonic()
L2 = 0.001
STEPS = 800
# Rounds of re-recording the candidates with the model fitted so far.
ROUNDS = 2
LEARNING_RATE = 0.05


def log(msg: str) -> None:
    print(f"[speakers {time.monotonic() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


@dataclass
class Instance:
    """One pronoun speaker: its candidates' features and which are right."""

    article: str
    features: np.ndarray  # candidates x features
    right: np.ndarray  # candidates, bool


class Recorder:
    """A resolver that records every pronoun's candidates and answers like ``resolver``
    (the rules in the first round; then the model of the round before, so that the
    candidates' features, which depend on the speakers resolved before them, are those the
    model meets when it runs)."""

    def __init__(self, resolver: Resolver = RULES) -> None:
        self.seen: dict[int, tuple[str, list[Candidate]]] = {}
        self.resolver = resolver

    def choose(self, pronoun: str, start: int, candidates: list[Candidate]) -> Candidate | None:
        self.seen[start] = (pronoun, candidates)
        return self.resolver.choose(pronoun, start, candidates)


def analyse(split_dir: Path, cache: Path) -> tuple[list[Article], list[Any]]:
    """The split's articles and their language analyses (cached: parsing is slow)."""
    if cache.is_file():
        log(f"reading cached analyses {cache}")
        with cache.open("rb") as handle:
            articles, analyses = pickle.load(handle)
        return articles, analyses
    from unspun.nlp import LanguageLayer

    language = LanguageLayer()
    articles = polnear.read_split(split_dir)
    analyses = []
    for i, article in enumerate(articles):
        analysis = language.analyze(article.text, None)
        article.entities = analysis.entities
        analyses.append(analysis)
        if i % 100 == 0:
            log(f"{split_dir.name}: analysed {i}/{len(articles)}")
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as handle:
        pickle.dump((articles, analyses), handle)
    return articles, analyses


LABELS = ("official", "agreeing")
"""Which reference labels a candidate: the official one of :mod:`unspun.evaluate.polnear`,
or the adjudicated pronoun rule's (:func:`unspun.evaluate.polnear.agreeing_reference`)."""


def instances(
    article: Article, analysis: Any, resolver: Resolver = RULES, labels: str = "official"
) -> list[Instance]:
    """The labelled pronoun speakers of one article, as met when ``resolver`` decides."""
    recorder = Recorder(resolver)
    quotes = find_quotes(analysis, article.text, resolver=recorder)
    golds = [(g, polnear._chars(g.content)) for g in article.gold]
    sources = polnear.source_references(article)
    genders = polnear.stated_genders(article, analysis) if labels == "agreeing" else {}
    out: list[Instance] = []
    done: set[int] = set()
    for quote in quotes:
        if quote.speaker is None or quote.speaker.start not in recorder.seen:
            continue
        start = quote.speaker.start
        if start in done:
            continue
        chars = set(range(quote.start, quote.end))
        matched = [(polnear._matches(chars, g_chars), g) for g, g_chars in golds]
        matched = [(overlap, g) for overlap, g in matched if overlap]
        if not matched:
            continue
        gold = max(matched, key=lambda m: m[0])[1]
        reference = (polnear.agreeing_reference(gold, article, genders)
                     if labels == "agreeing" else polnear._reference(gold, article, sources))
        if reference is None:
            continue
        _, candidates = recorder.seen[start]
        right = np.array([bool(polnear._words(c.name) & polnear._words(reference))
                          for c in candidates])
        if not right.any():
            continue
        done.add(start)
        out.append(Instance(article.name, np.array([c.vector() for c in candidates]), right))
    return out


def fit(data: Sequence[Instance]) -> dict[str, float]:
    """Conditional logit weights: softmax over each instance's candidates, the probability
    of its right candidates maximised, with L2."""
    x = np.concatenate([i.features for i in data])
    right = np.concatenate([i.right for i in data]).astype(float)
    sizes = np.array([len(i.right) for i in data])
    group = np.repeat(np.arange(len(data)), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    weights = np.zeros(x.shape[1])
    m, v = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, STEPS + 1):
        scores = x @ weights
        scores -= np.maximum.reduceat(scores, starts)[group]
        exp = np.exp(scores)
        total = np.add.reduceat(exp, starts)[group]
        prob = exp / total
        right_mass = np.add.reduceat(prob * right, starts)[group]
        # d(-log sum_right p)/d score = p - p * right / right_mass
        grad_scores = prob - prob * right / right_mass
        grad = x.T @ grad_scores / len(data) + L2 * weights
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        weights -= LEARNING_RATE * (m / (1 - 0.9**step)) / (
            np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {name: round(float(w), 5) for name, w in zip(FEATURES, weights, strict=True)}


def run(articles: Sequence[Article], analyses: Sequence[Any], resolver: Resolver) -> None:
    for article, analysis in zip(articles, analyses, strict=True):
        article.predicted = find_quotes(analysis, article.text, resolver=resolver)


def pronoun_accuracy(data: Sequence[Instance], weights: dict[str, float]) -> float:
    resolver = SpeakerResolver(weights)
    w = np.array(resolver.weights)
    return float(np.mean([i.right[int(np.argmax(i.features @ w))] for i in data]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR root (train/, dev/)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("runs/speakers"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--labels", choices=LABELS, default="official",
                        help="the reference that labels a pronoun's candidates: the official "
                             "one, or the one that agrees with the gender the article states")
    args = parser.parse_args()

    train, train_analyses = analyse(args.data / "train", args.cache / "train.pkl")
    dev, dev_analyses = analyse(args.data / "dev", args.cache / "dev.pkl")
    log(f"train {len(train)} articles, dev {len(dev)}")
    pairs = list(zip(train, train_analyses, strict=True))
    data = {a.name: instances(a, x, labels=args.labels) for a, x in pairs}

    def refit(data: dict[str, list[Instance]], keep: Any) -> dict[str, list[Instance]]:
        """The instances again, met with the model fitted on those kept (ROUNDS times)."""
        for _ in range(ROUNDS):
            resolver = SpeakerResolver(fit([i for name, group in data.items() if keep(name)
                                            for i in group]))
            data = {a.name: instances(a, x, resolver, args.labels) for a, x in pairs}
        return data

    n_instances = sum(map(len, data.values()))
    log(f"{n_instances} labelled pronoun speakers in train")

    figures: dict[str, Any] = {"train_pronouns": n_instances, "labels": args.labels}
    run(train, train_analyses, RULES)
    figures["cv_rules"] = polnear.score(train)
    fold_of = {a.name: i % args.folds for i, a in enumerate(sorted(train, key=lambda a: a.name))}
    held_in: list[float] = []
    for fold in range(args.folds):
        fold_data = refit(data, lambda name, fold=fold: fold_of[name] != fold)
        fitted = fit([i for name, group in fold_data.items() if fold_of[name] != fold
                      for i in group])
        held_out = [i for name, group in fold_data.items() if fold_of[name] == fold
                    for i in group]
        held_in.append(pronoun_accuracy(held_out, fitted))
        members = [(a, x) for a, x in zip(train, train_analyses, strict=True)
                   if fold_of[a.name] == fold]
        run([a for a, _ in members], [x for _, x in members], SpeakerResolver(fitted))
        log(f"fold {fold}: pronoun accuracy (own candidates) {held_in[-1]:.4f}")
    figures["cv_model"] = polnear.score(train)
    figures["cv_adjudicated"] = polnear.adjudicated_score(train, train_analyses)
    figures["cv_errors"] = polnear.error_table(train, train_analyses)
    print(polnear.error_markdown(figures["cv_errors"]))
    figures["cv_pronoun_candidates_accuracy"] = round(float(np.mean(held_in)), 4)

    weights = fit([i for group in refit(data, lambda name: True).values() for i in group])
    run(dev, dev_analyses, RULES)
    figures["dev_rules"] = polnear.score(dev)
    run(dev, dev_analyses, SpeakerResolver(weights))
    figures["dev_model"] = polnear.score(dev)
    figures["dev_adjudicated"] = polnear.adjudicated_score(dev, dev_analyses)
    for key in ("cv_rules", "cv_model", "dev_rules", "dev_model"):
        log(f"{key}: speaker accuracy {figures[key]['speaker_accuracy']}, "
            f"attribution F1 {figures[key]['attribution']['f1']}")
    for key in ("cv_adjudicated", "dev_adjudicated"):
        log(f"{key}: speaker accuracy {figures[key]['speaker_accuracy']} "
            f"(n={figures[key]['n']}; official {figures[key]['official']})")

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speaker_resolver.json").write_text(json.dumps({
        "model": "conditional logit over pronoun-speaker candidates (unspun.quotes.coref)",
        "features": list(FEATURES),
        "weights": weights,
        "trained_on": f"PolNeAR train, 840 articles; {args.labels} references",
        "date": dt.date.today().isoformat(),
    }, indent=1) + "\n", "utf-8")
    (args.out / "figures.json").write_text(json.dumps(figures, indent=1) + "\n", "utf-8")
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
