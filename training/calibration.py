"""How far the techniques layer's ``confidence`` can be trusted, out of fold.

    python -m training.calibration --data ../shared/data/ptc \\
        --fold-models runs/tech-f0/model runs/tech-f1/model ... [--fold-ids 0 1 ...] \\
        [--encoder-file encoder.int8.onnx] [--out runs/calibration.json]

Each model is the one ``training.techniques --fold K --export`` trained without fold K. Its
held-out articles go through the report's own techniques layer
(:func:`unspun.techniques.layer.find_techniques`: the shipped decoding, a second technique
where the head gives one), so every highlight is judged exactly as a reader meets it.

**Right.** A highlight is right when it shares at least half of the shorter of the two with a
gold fragment of its technique in that article (``|h & g| >= 0.5 * min(|h|, |g|)``, the
lenient match the PolNeAR evaluation uses too: a highlight on "disgraceful, corrupt regime"
where the annotator marked "corrupt regime" is right, one that only grazes it is not); *span
right* when it so matches a gold fragment of any technique (the text is propaganda, the label
may be wrong).

**Reliability table.** Highlights by tenth of confidence, the buckets the HTML view uses
(:func:`unspun.render.html.confidence_bucket`): count, mean confidence, share right.
Expected calibration error: ``ECE = sum_b n_b / N * |right_b - confidence_b|``; 0 means a
highlight shown at 60% is right 60% of the time.

**Confidence map** (``--fit-map``). The raw score overstates, and more for some techniques
than others, so the report shows it through a map (:mod:`unspun.techniques.calibration`): a
logistic fit of *right* on the logit of the raw score with an L2-penalised offset per
technique, the penalty chosen by cross-fitted log loss among :data:`OFFSET_L2` (one line for
all techniques is printed beside it). Its figures are cross-fitted: each fold's highlights are
mapped by a map fitted on the other folds, so they are what a reader of an unseen article
sees; the map that ships (``--write-map``) is fitted on all folds' highlights.

**Display threshold.** The tenth ``t`` (0.0-0.9) whose highlights at or above ``t`` have the
best F-beta (``--beta``, default 0.5) of *right* (precision: the share of shown highlights
naming a technique the annotators marked there) against the share of gold fragments a shown
highlight of their technique overlaps (recall). Beta 0.5 weighs precision twice as much as
recall: a wrong flag costs the reader's trust in the whole report, a missed one costs less,
and the view can always be lowered. ``--rule precision`` instead takes the lowest tenth whose
shown highlights are span right (``--judge technique``: right) at least
``--target-precision`` of the time. With ``--fit-map`` the threshold is chosen on the mapped
confidences. It is the value for :data:`unspun.render.html.DEFAULT_THRESHOLD`; the model
card records the run.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from training.ptc_data import Article, add_fold_model_arguments, held_out_folds
from unspun.evaluate.ptc import TCLabel
from unspun.render.html import confidence_bucket
from unspun.techniques.calibration import ConfidenceMap, logit
from unspun.techniques.layer import find_techniques
from unspun.techniques.model import DEFAULT_MODEL_DIR, TechniqueModel

TENTHS = [k / 10 for k in range(10)]


@dataclass(frozen=True)
class Highlight:
    """One technique highlight of a held-out article, judged against the gold fragments."""

    article_id: str
    technique: str
    confidence: float
    right: bool
    span_right: bool
    fold: int = 0


def _matches(start: int, end: int, fragments: Iterable[TCLabel]) -> bool:
    return any(
        min(end, f.end) - max(start, f.start) >= 0.5 * min(end - start, f.end - f.start) > 0
        for f in fragments
    )


def judge(article_id: str, start: int, end: int, technique: str, confidence: float,
          gold: Sequence[TCLabel]) -> Highlight:
    """A highlight ``[start, end)`` with its technique, against its article's gold."""
    return Highlight(
        article_id, technique, confidence,
        right=_matches(start, end, [g for g in gold if g.technique == technique]),
        span_right=_matches(start, end, gold),
    )


def held_out_highlights(model: TechniqueModel, articles: Sequence[Article], fold: int = 0
                        ) -> tuple[list[Highlight], list[tuple[TCLabel, float]]]:
    """The highlights of ``model`` over ``articles`` (held out of ``fold``), and each gold
    fragment with the highest confidence of a highlight of its technique overlapping it (0.0:
    none)."""
    highlights: list[Highlight] = []
    found: list[tuple[TCLabel, float]] = []
    for art in articles:
        spans = find_techniques(model, model.encode(art.text), lambda _offset: 0)
        highlights += [replace(judge(art.article_id, s.start, s.end, s.technique, s.confidence,
                                     art.tc), fold=fold)
                       for s in spans]
        for g in art.tc:
            best = max((s.confidence for s in spans if s.technique == g.technique
                        and s.start < g.end and g.start < s.end), default=0.0)
            found.append((g, best))
    return highlights, found


def reliability_table(highlights: Sequence[Highlight]) -> list[dict[str, float | int]]:
    """Per tenth of confidence: highlights, mean confidence, share right, share span right."""
    rows = []
    for b in range(len(TENTHS)):
        inside = [h for h in highlights if confidence_bucket(h.confidence) == b]
        n = len(inside)
        rows.append({
            "bucket": TENTHS[b],
            "n": n,
            "confidence": sum(h.confidence for h in inside) / n if n else 0.0,
            "right": sum(h.right for h in inside) / n if n else 0.0,
            "span_right": sum(h.span_right for h in inside) / n if n else 0.0,
        })
    return rows


def expected_calibration_error(table: Sequence[dict[str, float | int]]) -> float:
    total = sum(int(r["n"]) for r in table)
    if not total:
        return 0.0
    return sum(int(r["n"]) / total * abs(float(r["right"]) - float(r["confidence"]))
               for r in table)


def at_threshold(highlights: Sequence[Highlight], found: Sequence[tuple[TCLabel, float]],
                 threshold: float) -> dict[str, float | int]:
    """What the reader sees at ``threshold``: highlights shown, the shares right and span right,
    and the share of gold fragments a shown highlight of their technique overlaps."""
    bucket = confidence_bucket(threshold)
    shown = [h for h in highlights if confidence_bucket(h.confidence) >= bucket]
    hit = sum(1 for _, best in found if best > 0 and confidence_bucket(best) >= bucket)
    return {
        "threshold": threshold,
        "shown": len(shown),
        "precision": sum(h.right for h in shown) / len(shown) if shown else 0.0,
        "span_precision": sum(h.span_right for h in shown) / len(shown) if shown else 0.0,
        "gold_found": hit / len(found) if found else 0.0,
    }


def choose_threshold(rows: Sequence[dict[str, float | int]], target: float,
                     key: str = "span_precision") -> float | None:
    """The lowest threshold whose shown highlights are span right (``key="precision"``: right)
    at least ``target`` of the time (None when no threshold reaches it)."""
    for row in rows:
        if row["shown"] and float(row[key]) >= target:
            return float(row["threshold"])
    return None


def f_beta(row: dict[str, float | int], beta: float) -> float:
    """F-beta of a threshold row: precision = share of shown highlights right, recall = share
    of gold fragments found."""
    p, r = float(row["precision"]), float(row["gold_found"])
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def best_f_threshold(rows: Sequence[dict[str, float | int]], beta: float) -> float | None:
    """The threshold with the best F-beta (the lower one on a tie; None without highlights)."""
    scored = [(f_beta(r, beta), -float(r["threshold"])) for r in rows if r["shown"]]
    return -max(scored)[1] if scored else None


# L2 weights tried for the per-technique offsets; the one with the lowest cross-fitted log
# loss is kept (a technique with few highlights stays near the common line).
OFFSET_L2 = [0.3, 1.0, 3.0, 10.0, 30.0]


def fit_map(highlights: Sequence[Highlight], l2: float | None = 1.0,
            iterations: int = 50) -> ConfidenceMap:
    """A :class:`ConfidenceMap` fitted by penalised maximum likelihood (Newton steps) of
    *right* on the logit of the raw confidence, with an offset per technique under an L2
    penalty ``l2`` (None: no offsets, one line for all techniques)."""
    techniques = sorted({h.technique for h in highlights}) if l2 is not None else []
    col = {t: 2 + i for i, t in enumerate(techniques)}
    x = np.zeros((len(highlights), 2 + len(techniques)))
    for i, h in enumerate(highlights):
        x[i, 0] = logit(h.confidence)
        x[i, 1] = 1.0
        if h.technique in col:
            x[i, col[h.technique]] = 1.0
    y = np.array([h.right for h in highlights], dtype=float)
    penalty = np.full(x.shape[1], 1e-6)
    penalty[2:] = l2 or 0.0
    w = np.array([1.0, 0.0] + [0.0] * len(techniques))
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return ConfidenceMap(slope=float(w[0]), intercept=float(w[1]),
                         offsets={t: float(w[col[t]]) for t in techniques})


def fold_maps(highlights: Sequence[Highlight], l2: float | None) -> dict[int, ConfidenceMap]:
    """Per fold, the map fitted on the other folds' highlights."""
    return {fold: fit_map([h for h in highlights if h.fold != fold], l2)
            for fold in sorted({h.fold for h in highlights})}


def apply_fold_maps(highlights: Sequence[Highlight],
                    maps: dict[int, ConfidenceMap]) -> list[Highlight]:
    """Each fold's highlights, fold by fold, with confidences mapped by that fold's map."""
    return [replace(h, confidence=maps[fold](h.confidence, h.technique))
            for fold in maps for h in highlights if h.fold == fold]


def cross_fitted(highlights: Sequence[Highlight], l2: float | None) -> list[Highlight]:
    """Each fold's highlights with confidences mapped by a map fitted on the other folds: what
    a reader of an unseen article would see."""
    return apply_fold_maps(highlights, fold_maps(highlights, l2))


def log_loss(highlights: Sequence[Highlight]) -> float:
    """Mean negative log-likelihood of *right* under the confidences (lower is better; unlike
    the ECE it also rewards telling right from wrong, not only being right on average)."""
    eps = 1e-6
    return -sum(math.log(min(1 - eps, max(eps, h.confidence if h.right else 1 - h.confidence)))
                for h in highlights) / max(1, len(highlights))


def raw_score_quantiles(model: TechniqueModel, texts: Sequence[str]) -> list[float]:
    """Deciles (10th to 90th percentile) and the count of the raw highlight scores of
    ``model`` over ``texts``, its map switched off."""
    saved, model.confidence_map = model.confidence_map, None
    try:
        scores = [s.confidence for text in texts
                  for s in find_techniques(model, model.encode(text), lambda _offset: 0)]
    finally:
        model.confidence_map = saved
    return [*np.quantile(scores, TENTHS[1:]).round(3).tolist(), len(scores)] if scores else []


def transfer_check(fold_models: Sequence[str], shipped: str, texts_dir: str, n: int,
                   encoder_file: str | None) -> None:
    """The map is fitted on fold models and shipped with the model trained on all articles;
    that holds if their raw scores are alike. Print the deciles of each on ``n`` texts none
    of them was trained on (PolNeAR's, say)."""
    texts = [p.read_text("utf-8") for p in sorted(Path(texts_dir).glob("*.txt"))[:n]]
    print(f"raw score deciles over {len(texts)} texts of {texts_dir} (10th ... 90th, count):")
    for model_dir in [shipped, *fold_models]:
        model = TechniqueModel.load(Path(model_dir), encoder_file=encoder_file)
        print(f"| {model_dir} | " + " | ".join(f"{q:g}" for q in raw_score_quantiles(model, texts))
              + " |")


def _print_tables(highlights: Sequence[Highlight], found: Sequence[tuple[TCLabel, float]],
                  args: argparse.Namespace) -> tuple[list[dict[str, float | int]],
                                                     list[dict[str, float | int]],
                                                     float | None]:
    table = reliability_table(highlights)
    rows = [at_threshold(highlights, found, t) for t in TENTHS]
    if args.rule == "precision":
        key = "span_precision" if args.judge == "span" else "precision"
        chosen = choose_threshold(rows, args.target_precision, key)
    else:
        chosen = best_f_threshold(rows, args.beta)
    print("| confidence | highlights | mean confidence | right | span right |")
    print("|---|---|---|---|---|")
    for r in table:
        print(f"| {r['bucket']:.1f}-{r['bucket'] + 0.1:.1f} | {r['n']} | {r['confidence']:.3f} "
              f"| {r['right']:.3f} | {r['span_right']:.3f} |")
    print(f"expected calibration error: {expected_calibration_error(table):.3f}, "
          f"log loss {log_loss(highlights):.3f}")
    print(f"| shown from | highlights | right | span right | gold fragments found "
          f"| F{args.beta:g} |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['threshold']:.1f} | {r['shown']} | {r['precision']:.3f} "
              f"| {r['span_precision']:.3f} | {r['gold_found']:.3f} "
              f"| {f_beta(r, args.beta):.3f} |")
    return table, rows, chosen


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_fold_model_arguments(
        p, "model dirs of folds 0..K-1, in fold order (or as --fold-ids says)")
    p.add_argument("--rule", choices=["fbeta", "precision"], default="fbeta",
                   help="how the display threshold is chosen (see above)")
    p.add_argument("--beta", type=float, default=0.5)
    p.add_argument("--target-precision", type=float, default=0.5)
    p.add_argument("--judge", choices=["span", "technique"], default="span",
                   help="with --rule precision: what the shown highlights must get right")
    p.add_argument("--fit-map", action="store_true",
                   help="fit the confidence map, judged by cross-fitting over the folds, and "
                        "choose the threshold on the mapped confidences")
    p.add_argument("--write-map", metavar="CONFIG_JSON",
                   help="with --fit-map: store the map fitted on all folds in this model "
                        "config.json (confidence_map, and display_threshold)")
    p.add_argument("--out", help="write the table and the choice as JSON")
    p.add_argument("--transfer-check", metavar="TEXTS_DIR",
                   help="only compare the raw scores of the shipped model (--shipped) and the "
                        "fold models on --texts texts of TEXTS_DIR, and stop")
    p.add_argument("--shipped", default=str(DEFAULT_MODEL_DIR))
    p.add_argument("--texts", type=int, default=40)
    args = p.parse_args(argv)
    if args.transfer_check:
        transfer_check(args.fold_models, args.shipped, args.transfer_check, args.texts,
                       args.encoder_file)
        return

    fold_ids, fold_articles = held_out_folds(p, args)
    highlights: list[Highlight] = []
    found: list[tuple[TCLabel, float]] = []
    found_fold: list[int] = []
    for fold, model_dir, arts in zip(fold_ids, args.fold_models, fold_articles, strict=True):
        model = TechniqueModel.load(Path(model_dir), encoder_file=args.encoder_file)
        if model.confidence_map is not None:
            p.error(f"{model_dir} maps its confidences already: give fold models")
        h, f = held_out_highlights(model, arts, fold)
        highlights += h
        found += f
        found_fold += [fold] * len(f)

    print(f"{len(highlights)} highlights over {len(found)} gold fragments, folds {fold_ids}")
    print("raw confidence:")
    table, rows, chosen = _print_tables(highlights, found, args)
    result: dict[str, object] = {"fold_ids": fold_ids, "fold_models": args.fold_models,
                                 "ece": expected_calibration_error(table),
                                 "reliability": table, "thresholds": rows}
    if args.fit_map:
        variants: dict[str, float | None] = {"one line": None}
        variants.update({f"per technique, L2 {l2:g}": l2 for l2 in OFFSET_L2})
        print("| map (cross-fitted over the folds) | ECE | log loss |")
        print("|---|---|---|")
        print(f"| none (raw) | {expected_calibration_error(table):.3f} "
              f"| {log_loss(highlights):.3f} |")
        scored = {}
        maps_of: dict[str, dict[int, ConfidenceMap]] = {}
        for name, l2 in variants.items():
            maps_of[name] = fold_maps(highlights, l2)
            mapped = apply_fold_maps(highlights, maps_of[name])
            scored[name] = log_loss(mapped)
            ece = expected_calibration_error(reliability_table(mapped))
            print(f"| {name} | {ece:.3f} | {scored[name]:.3f} |")
        best = min(scored, key=lambda n: scored[n])
        l2, maps = variants[best], maps_of[best]
        print(f"kept: {best}")
        mapped = apply_fold_maps(highlights, maps)
        mapped_found = [(g, maps[k](best_raw, g.technique) if best_raw > 0 else 0.0)
                        for (g, best_raw), k in zip(found, found_fold, strict=True)]
        print("mapped confidence (each fold by the map of the other folds):")
        table, rows, chosen = _print_tables(mapped, mapped_found, args)
        final = fit_map(highlights, l2)
        result.update({"map": final.to_dict(), "map_variant": best,
                       "mapped_ece": expected_calibration_error(table),
                       "mapped_reliability": table, "mapped_thresholds": rows})
        print(f"map on all folds: {json.dumps(final.to_dict())}")
        if args.write_map:
            config_path = Path(args.write_map)
            config = json.loads(config_path.read_text("utf-8"))
            config["confidence_map"] = final.to_dict()
            config["display_threshold"] = chosen
            config_path.write_text(json.dumps(config, indent=2) + "\n", "utf-8")
            print(f"wrote the map and the display threshold into {config_path}")
    rule = (f"best F{args.beta:g}" if args.rule == "fbeta"
            else f"{args.judge} right >= {args.target_precision}")
    print(f"display threshold, {rule}: {chosen}")
    if args.out:
        result.update({"rule": rule, "target_precision": args.target_precision,
                       "judge": args.judge, "beta": args.beta,
                       "display_threshold": chosen,
                       "highlights": [asdict(h) for h in highlights]})
        Path(args.out).write_text(json.dumps(result, indent=1), "utf-8")


if __name__ == "__main__":
    main()
