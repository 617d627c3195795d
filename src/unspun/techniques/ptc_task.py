"""SemEval-2020 Task 11 with the shipped model: predictions in the official formats, scores
with the official metrics (:mod:`unspun.evaluate.ptc`). Behind ``unspun predict ptc`` and
``unspun evaluate ptc``.

SI is predicted on the raw article text; TC is predicted for the spans of a label file (a
span with k label lines gets the k most likely distinct techniques, which is what the
official multiset matching rewards).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from unspun.errors import InputError
from unspun.evaluate.ptc import (
    Span,
    StrPath,
    TCLabel,
    read_articles,
    read_si_labels,
    read_tc_labels,
    si_from_tc,
    si_scores,
    tc_scores,
)
from unspun.techniques.model import TechniqueModel, top_k_techniques


def load_articles(directory: StrPath) -> dict[str, str]:
    if not Path(directory).is_dir():
        raise InputError(f"not a directory of PTC articles: {directory}")
    articles = read_articles(directory)
    if not articles:
        raise InputError(f"no article<ID>.txt files in {directory}")
    return articles


def read_labels(path: StrPath) -> tuple[dict[str, list[Span]], list[TCLabel] | None]:
    """Gold SI spans, and TC lines when the file is in the TC format (4 columns)."""
    if not Path(path).exists():
        raise InputError(f"no such label file: {path}")
    try:
        lines = read_tc_labels(path)
    except ValueError:
        try:
            return read_si_labels(path), None
        except ValueError as error:
            raise InputError(f"not a PTC label file: {path}: {error}") from None
    return si_from_tc(lines), lines


def predict_si(model: TechniqueModel, articles: Mapping[str, str]) -> dict[str, list[Span]]:
    return {
        article_id: [(s, e) for s, e, _ in model.find_spans(model.encode(text))]
        for article_id, text in articles.items()
    }


def predict_tc(
    model: TechniqueModel, articles: Mapping[str, str], template: Sequence[TCLabel]
) -> list[TCLabel]:
    """One technique per template line, in the template's order."""
    lines_by_article: dict[str, dict[Span, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, label in enumerate(template):
        if label.article_id not in articles:
            raise InputError(f"label line {i + 1}: no article {label.article_id} in the articles")
        lines_by_article[label.article_id][label.span].append(i)
    names = model.config.techniques
    out: list[TCLabel | None] = [None] * len(template)
    for article_id, by_span in lines_by_article.items():
        spans = list(by_span)
        probs = model.technique_probs(model.encode(articles[article_id]), spans)
        for span, p in zip(spans, probs, strict=True):
            indices = by_span[span]
            for i, k in zip(indices, top_k_techniques(p, len(indices)), strict=True):
                out[i] = TCLabel(article_id, names[k], *span)
    return [label for label in out if label is not None]


def evaluate_ptc(
    model: TechniqueModel, articles_dir: StrPath, labels: StrPath
) -> dict[str, Any]:
    """``{"si": {precision, recall, f1}, "tc": {micro_f1, per_technique}, "n_articles"}``."""
    articles = load_articles(articles_dir)
    gold_si, gold_tc = read_labels(labels)
    scored = {a: t for a, t in articles.items() if a in gold_si or gold_tc is None}
    si = si_scores(predict_si(model, scored), {a: gold_si.get(a, []) for a in scored})
    result: dict[str, Any] = {
        "n_articles": len(scored),
        "si": {"precision": si.precision, "recall": si.recall, "f1": si.f1},
    }
    if gold_tc is not None:
        tc = tc_scores(predict_tc(model, articles, gold_tc), gold_tc, model.config.techniques)
        result["tc"] = {
            "micro_f1": tc.micro.f1,
            "per_technique": {name: prf.f1 for name, prf in sorted(tc.per_technique.items())},
        }
    return result
