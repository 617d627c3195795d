"""The technique classifier's word n-gram blend (issue 29): fit, measure out of fold, write.

    python -m training.tc_ngrams --data ../shared/data/ptc \\
        --fold-models runs/tech-f0-base/model ... runs/tech-f4-base/model \\
        [--write-folds] [--ship src/unspun/models/techniques] [--out runs/tc-ngrams.json]

TC names the technique of a fragment from the encoder's pooled states and a few span
features (:class:`unspun.techniques.model.SpanHead`). A fragment's own words often name it
more plainly ("traitor", "never again", "the radical left"), so a multinomial logistic
regression over the fragment's word 1-2-grams (sublinear tf-idf, scikit-learn; read at run
time by :mod:`unspun.ngrams`) is blended in: technique logits ``(1 - w) * head + w * n-grams``
(:meth:`unspun.techniques.model.TechniqueModel.technique_probs`).

**Out of fold.** Each fold model (``training.techniques --fold K --export``) was trained
without PTC fold K; its n-gram model is fitted on the same training articles (every gold
TC line of the other folds, one row per line) and both score fold K's gold fragments, with
``training.ptc_data.tc_on_gold_spans``' rule (a fragment with k gold lines gets its k most
likely techniques) and the official TC micro-F1. ``--weights`` are the candidates; the weight
with the best mean micro-F1 over the folds is chosen, and beside it the nested figure (each
fold scored at the weight best on the other folds), which no choice has seen.

``--write-folds`` writes each fold's n-gram model (``tc_ngrams.npz``) and the chosen weight
(``tc_ngram_weight`` in ``config.json``) into its fold model's directory, so that
``training.si_decoding``, ``training.calibration`` and ``training.reliability`` measure the
blend as the report meets it. ``--ship DIR`` fits the n-gram model on all PTC training
articles and writes it and the weight into the shipped model's directory.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training.ngram_fit import fit_word_ngrams
from training.ptc_data import (
    Article,
    add_fold_model_arguments,
    held_out_folds,
    load_ptc,
)
from unspun.evaluate.ptc import TCLabel, tc_scores
from unspun.ngrams import NgramModel
from unspun.techniques.model import TC_NGRAM_FILE, TechniqueModel, top_k_techniques

NGRAM_C = 4.0
NGRAM_MIN_DF = 2
# Probed with these five fold models (2026-12-06): micro-F1 0.638 alone; word 1-2-grams at
# C 1 / 4 blended at 0.3: 0.650 / 0.652; adding in-word character 2-5-grams or the 80
# characters around the fragment: within 0.002 of the words alone.
WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
# An absent class's intercept: it never wins (a fold that lacks a technique cannot learn it).
ABSENT = -30.0


def fit_tc_ngrams(
    texts: Sequence[str], labels: Sequence[int], names: Sequence[str], c: float = NGRAM_C
) -> NgramModel:
    """A multinomial n-gram model over the techniques ``names`` (``labels`` index them;
    columns in their order), checked against scikit-learn's own logits on the training
    texts as the file stores it (:func:`training.ngram_fit.fit_word_ngrams`)."""
    fitted, classes = fit_word_ngrams(texts, labels, c=c, min_df=NGRAM_MIN_DF)
    if len(classes) < 3:
        raise ValueError("fewer than three techniques in the training fragments")
    coef = np.zeros((len(fitted.idf), len(names)))
    intercept = np.full(len(names), ABSENT)
    coef[:, classes] = fitted.coef
    intercept[classes] = fitted.intercept
    return NgramModel(fitted.low, fitted.high, fitted.vocabulary, fitted.idf, coef, intercept,
                      tuple(names))


def fragments(articles: Sequence[Article], names: Sequence[str]) -> tuple[list[str], list[int]]:
    """Each gold TC line's fragment text and technique index (a fragment with two lines
    counts twice, as the head's training does)."""
    index = {n: i for i, n in enumerate(names)}
    texts: list[str] = []
    labels: list[int] = []
    for a in articles:
        for lab in a.tc:
            texts.append(a.text[lab.span[0]:lab.span[1]])
            labels.append(index[lab.technique])
    return texts, labels


def blended(head_logits: np.ndarray, ngram_logits: np.ndarray, weight: float) -> np.ndarray:
    """Technique probabilities as :meth:`TechniqueModel.technique_probs` blends them."""
    z = (1 - weight) * np.asarray(head_logits, np.float64) + weight * ngram_logits
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def fold_micro_f1(
    held_out: Sequence[Article], names: Sequence[str],
    scored: Sequence[tuple[np.ndarray, np.ndarray]], weight: float,
) -> float:
    pred: list[TCLabel] = []
    gold: list[TCLabel] = []
    for a, (head, words) in zip(held_out, scored, strict=True):
        labels = a.span_labels()
        if not labels:
            continue
        for ((s, e), techniques), p in zip(labels.items(), blended(head, words, weight),
                                           strict=True):
            pred += [TCLabel(a.article_id, names[k], s, e)
                     for k in top_k_techniques(p, len(techniques))]
        gold += list(a.tc)
    return tc_scores(pred, gold).micro.f1


def set_weight(model_dir: Path, weight: float) -> None:
    path = model_dir / "config.json"
    config = json.loads(path.read_text("utf-8"))
    config["tc_ngram_weight"] = weight
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_fold_model_arguments(p, "fold models (training.techniques --fold K --export)")
    p.add_argument("--weights", type=float, nargs="+", default=list(WEIGHTS))
    p.add_argument("--write-folds", action="store_true",
                   help="write each fold's n-gram model and the chosen weight into its dir")
    p.add_argument("--ship", type=Path, help="model dir to write the all-article blend into")
    p.add_argument("--out", type=Path, help="write the figures as JSON")
    args = p.parse_args(argv)
    if any(not 0 <= w <= 1 for w in args.weights):
        p.error("--weights must lie in [0, 1]")
    if len(args.fold_models) < 2:
        p.error("give two fold models or more: the weight is chosen across folds")
    fold_ids, folds = held_out_folds(p, args)
    articles, _ = load_ptc(args.data)
    per_fold: list[dict[float, float]] = []
    models: list[NgramModel] = []
    names: list[str] = []
    for model_dir, held_out in zip(args.fold_models, folds, strict=True):
        # The head alone; the blend is applied below.
        model = TechniqueModel.load(model_dir, encoder_file=args.encoder_file, tc_blend=False)
        if names and model.config.techniques != names:
            p.error(f"{model_dir}: its techniques differ from the other fold models'")
        names = model.config.techniques
        held = {a.article_id for a in held_out}
        words = fit_tc_ngrams(*fragments([a for a in articles if a.article_id not in held],
                                         names), names)
        models.append(words)
        scored = []
        for a in held_out:
            spans = list(a.span_labels())
            if not spans:
                scored.append((np.zeros((0, len(names))), np.zeros((0, len(names)))))
                continue
            scored.append((model.technique_logits(model.encode(a.text), spans),
                           words.logits([a.text[s:e] for s, e in spans])))
        per_fold.append({w: fold_micro_f1(held_out, names, scored, w) for w in args.weights})
        print(f"{model_dir}: " + "  ".join(f"w {w:g}: {f:.4f}" for w, f in per_fold[-1].items()),
              flush=True)
    mean = {w: statistics.mean(f[w] for f in per_fold) for w in args.weights}
    chosen = max(args.weights, key=lambda w: (mean[w], -w))
    nested = []
    for k, f in enumerate(per_fold):
        others = [g for j, g in enumerate(per_fold) if j != k]
        w_k = max(args.weights, key=lambda w: (statistics.mean(g[w] for g in others), -w))
        nested.append(f[w_k])
    print("TC micro-F1, mean over folds: " + "  ".join(f"w {w:g}: {mean[w]:.4f}"
                                                     for w in args.weights))
    alone = mean.get(0.0, float("nan"))
    print(f"chosen weight {chosen:g}: {mean[chosen]:.4f} (head alone {alone:.4f});"
          f" nested (each fold at the weight best on the others): {statistics.mean(nested):.4f}"
          f" {[round(x, 4) for x in nested]}")
    figures: dict[str, Any] = {
        "fold_models": args.fold_models, "fold_ids": fold_ids, "c": NGRAM_C,
        "min_df": NGRAM_MIN_DF, "ngram_range": [1, 2],
        "per_fold": [{str(w): f for w, f in d.items()} for d in per_fold],
        "mean": {str(w): f for w, f in mean.items()}, "chosen_weight": chosen,
        "nested": nested, "nested_mean": statistics.mean(nested),
    }
    if args.write_folds:
        for model_dir, words in zip(args.fold_models, models, strict=True):
            words.save(Path(model_dir) / TC_NGRAM_FILE)
            set_weight(Path(model_dir), chosen)
        print(f"wrote {TC_NGRAM_FILE} and tc_ngram_weight {chosen:g} into the fold models")
    if args.ship:
        shipped = json.loads((args.ship / "config.json").read_text("utf-8"))["techniques"]
        if shipped != names:
            p.error(f"{args.ship}: its techniques differ from the fold models'")
        words = fit_tc_ngrams(*fragments(articles, names), names)
        words.save(args.ship / TC_NGRAM_FILE)
        set_weight(args.ship, chosen)
        figures["shipped_columns"] = len(words.idf)
        print(f"wrote {args.ship / TC_NGRAM_FILE} ({len(words.idf)} columns), weight {chosen:g}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
