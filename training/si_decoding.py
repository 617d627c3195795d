"""Choose the SI decoding (how token probabilities become spans) out-of-fold.

    python -m training.si_decoding --data ../shared/data/ptc \\
        --fold-models runs/tech-f0-e3/model runs/tech-f1-e3/model ... [--out runs/si-decoding.json]
    python -m training.si_decoding --data ../shared/data/ptc \\
        --fold-models runs/tech-f1-X/model runs/tech-f3-X/model --fold-ids 1 3   # a probe

Each model is the one ``training.techniques --fold K --export`` trained without fold K; it is
run (int8, as shipped) once over its held-out articles, and every decoding in the grid is
scored there with the official SI metric. Then, for each fold, the decoding with the best
mean F1 on the *other* folds is applied to it: that held-out F1 is the honest figure, since
no fold helps choose its own decoding. The best decoding on all folds together is the one
to put in the shipped model's config (``si_threshold``, ``si_extend_threshold``,
``si_merge_gap``, ``si_min_confidence``). The same is printed for hysteresis alone (no gap
merge, no confidence filter), as the runtime decoded before 2026-12-03. To compare training recipes
on a few folds, the best decoding *on each fold itself* is printed too (optimistic, but the
same for every recipe).

TC micro-F1 on the gold spans is printed for each fold too (the first model of an entry).

A ``--fold-models`` entry ``DIR1,DIR2,...`` averages the tag probabilities of several models
held out on the same fold (a logit ensemble, to measure what ensembling would gain).

``--post-processing`` also scores, at the decoding chosen on all folds, two rewrites of the
decoded spans that did not pay (kept so the figures can be reproduced): copying each span to
the other occurrences of its text in the article (what Repetition annotates), and widening a
span to its whole sentence when it already covers a share of it.

Decodings: a threshold on P(B) + P(I) (the runtime's), hysteresis (a span needs one token
above ``high`` and extends over tokens above ``low``), and merging spans separated by at
most ``gap`` characters within a clause, and dropping spans whose mean probability (their
confidence) is below ``min_score``.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from training.ptc_data import add_fold_model_arguments, held_out_folds, tc_on_gold_spans
from unspun.evaluate.ptc import TCLabel, merge_spans, si_scores, tc_macro_f1, tc_scores
from unspun.techniques.model import TechniqueModel
from unspun.techniques.windows import decode_spans


@dataclass(frozen=True)
class Decoding:
    high: float
    low: float
    gap: int
    min_score: float = 0.0

    @property
    def name(self) -> str:
        return f"high={self.high} low={self.low} gap={self.gap} min_score={self.min_score}"


@dataclass
class HeldOut:
    """One article's SI tag probabilities under its fold's model."""

    article_id: str
    text: str
    probs: np.ndarray
    offsets: np.ndarray
    is_continuation: np.ndarray
    gold: list[tuple[int, int]]
    # TC on the gold spans (technique_probs of the first model): predicted and gold lines.
    tc_pred: list[TCLabel]
    tc_gold: list[TCLabel]


def decode(a: HeldOut, d: Decoding) -> list[tuple[int, int]]:
    """The runtime's decoding: seed ``high``, extend to ``low``, filter, merge."""
    found = decode_spans(
        a.probs, a.offsets, a.is_continuation, d.high, d.low, a.text,
        min_confidence=d.min_score, merge_gap=d.gap,
    )
    return [(p.start, p.end) for p in found]


def copy_to_repeats(a: HeldOut, spans: list[tuple[int, int]], min_chars: int = 8
                    ) -> list[tuple[int, int]]:
    """Add every other whole-word occurrence of each span's text (of ``min_chars`` or more)."""
    folded = a.text.casefold()
    out = list(spans)
    for s, e in spans:
        fragment = folded[s:e].strip()
        if len(fragment) < min_chars:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)", folded):
            if not any(m.start() < pe and ps < m.end() for ps, pe in out):
                out.append((m.start(), m.end()))
    return merge_spans(out)


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def widen_to_sentences(a: HeldOut, spans: list[tuple[int, int]], share: float
                       ) -> list[tuple[int, int]]:
    """Widen a span to its sentence when it covers at least ``share`` of it (then merge:
    the metric would count overlapping predictions twice, which is not a gain)."""
    sentences = []
    for m in _SENTENCE.finditer(a.text):
        s, e = m.start(), m.end()
        while s < e and a.text[s].isspace():
            s += 1
        while e > s and a.text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append((s, e))
    out = []
    for s, e in spans:
        for ss, se in sentences:
            if ss <= s < se:
                if (e - s) / (se - ss) >= share:
                    s, e = ss, max(e, se)
                break
        out.append((s, e))
    return merge_spans(out)


def held_out(
    model_dirs: str,
    articles: Sequence[Any],
    window_blend: bool | None = None,
    stride: int | None = None,
    encoder_file: str = "encoder.int8.onnx",
) -> list[HeldOut]:
    """Tag probabilities of one fold's model, or the mean of several (``dir1,dir2``: an
    ensemble, to measure what ensembling would gain; the speed budget allows one model).
    ``window_blend`` and ``stride`` override the models' own window stitching and window
    step (``None``: as configured). ``encoder_file`` picks the export: the int8 encoder as
    shipped, or ``encoder.onnx`` (fp32) to measure what quantisation costs."""
    models = [
        TechniqueModel.load(Path(d), encoder_file=encoder_file)
        for d in model_dirs.split(",")
    ]
    for m in models:
        if window_blend is not None:
            m.config.window_blend = window_blend
        if stride is not None:
            m.config.stride = stride
    out = []
    for art in articles:
        encoded = [m.encode(art.text) for m in models]
        probs = np.mean([m.tag_probs(e) for m, e in zip(models, encoded, strict=True)], axis=0)
        tokens = encoded[0].tokens
        tc_pred = tc_on_gold_spans(models[0], encoded[0], art)
        out.append(HeldOut(art.article_id, art.text, probs, tokens.offsets,
                           tokens.is_continuation, list(art.si), tc_pred, list(art.tc)))
    return out


def score(fold: list[HeldOut], d: Decoding) -> dict[str, float]:
    pred = {a.article_id: decode(a, d) for a in fold}
    gold = {a.article_id: a.gold for a in fold}
    return si_scores(pred, gold).as_dict()


def chosen_out_of_fold(
    grid: Sequence[Decoding], f1: dict[Decoding, list[float]]
) -> list[Decoding]:
    """For each fold, the decoding of ``grid`` with the best mean F1 on the other folds
    (none with a single fold: it would have nothing to be chosen on)."""
    n = len(next(iter(f1.values())))
    if n < 2:
        return []
    return [
        max(grid, key=lambda d: statistics.mean(f1[d][j] for j in range(n) if j != k))
        for k in range(n)
    ]


def _mean_sd(values: Sequence[float]) -> str:
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.3f} ± {sd:.3f}"


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_fold_model_arguments(
        p, "model dirs of folds 0..K-1, in fold order (or as --fold-ids says);"
        " DIR1,DIR2 averages the tag probabilities of several models of one fold")
    p.add_argument("--post-processing", action="store_true",
                   help="also score the span rewrites that were tried (see above)")
    p.add_argument("--window-blend", choices=["on", "off"],
                   help="cross-fade overlapping windows (on) or take each token from its most"
                   " central window (off); default: as each model's config says")
    p.add_argument("--stride", type=int,
                   help="tokens from one window's start to the next (default: as each model's"
                   " config says; fewer windows cost less encoder time)")
    p.add_argument("--out", help="write the full grid and the choice as JSON")
    args = p.parse_args(argv)

    fold_ids, fold_articles = held_out_folds(p, args)
    blend = None if args.window_blend is None else args.window_blend == "on"
    folds = [
        held_out(model, arts, blend, args.stride, args.encoder_file)
        for model, arts in zip(args.fold_models, fold_articles, strict=True)
    ]
    grid = [
        Decoding(high, low, gap, min_score)
        for high, low, gap, min_score in itertools.product(
            # CRF marginals (--crf-weight) run lower than the softmax: seeds from 0.1 (the
            # 4-epoch fold models chose seeds of 0.2, then the grid's lowest).
            (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7),
            (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
            (0, 3, 12), (0.0, 0.3, 0.4, 0.5),
        )
        if low <= high
    ]
    table = {d: [score(f, d) for f in folds] for d in grid}
    f1 = {d: [s["f1"] for s in scores] for d, scores in table.items()}

    chosen: list[dict[str, Any]] = []
    for k, best in enumerate(chosen_out_of_fold(grid, f1)):
        chosen.append({"fold": fold_ids[k], "decoding": best.name, **table[best][k]})
        print(f"fold {fold_ids[k]}: chosen on the other folds: {best.name} -> held-out SI "
              f"P {table[best][k]['precision']:.3f} R {table[best][k]['recall']:.3f} "
              f"F1 {table[best][k]['f1']:.3f}")
    held = [c["f1"] for c in chosen]
    hysteresis = [d for d in grid if d.gap == 0 and d.min_score == 0.0]
    held_hysteresis = [f1[d][k] for k, d in enumerate(chosen_out_of_fold(hysteresis, f1))]
    best_hysteresis = max(hysteresis, key=lambda d: statistics.mean(f1[d]))
    if held:
        print(f"out-of-fold SI F1 {_mean_sd(held)}")
        print(f"out-of-fold SI F1, hysteresis alone: "
              f"{_mean_sd(held_hysteresis)} {[round(x, 3) for x in held_hysteresis]}")
    print(f"best hysteresis alone on all folds: {best_hysteresis.name} "
          f"{statistics.mean(f1[best_hysteresis]):.3f} "
          f"{[round(x, 3) for x in f1[best_hysteresis]]}")
    baseline = Decoding(0.5, 0.5, 0, 0.0)
    base = f1[baseline]
    print(f"baseline {baseline.name}: {_mean_sd(base)} {[round(x, 3) for x in base]}")
    overall = max(grid, key=lambda d: statistics.mean(f1[d]))
    print(f"best on all folds (for config.json): {overall.name} "
          f"{statistics.mean(f1[overall]):.3f} {[round(x, 3) for x in f1[overall]]}")
    for d in sorted(grid, key=lambda d: -statistics.mean(f1[d]))[:8]:
        print(f"  {d.name}: mean {statistics.mean(f1[d]):.3f} {[round(x, 3) for x in f1[d]]}")
    for k, fold_id in enumerate(fold_ids):
        own = max(grid, key=lambda d: f1[d][k])
        print(f"fold {fold_id}: best on the fold itself (optimistic) {own.name} {f1[own][k]:.3f}")
    tc_folds = [
        tc_scores([x for a in f for x in a.tc_pred], [x for a in f for x in a.tc_gold])
        for f in folds
    ]
    tc = [t.micro.f1 for t in tc_folds]
    techniques = sorted(set().union(*(t.per_technique for t in tc_folds)))
    tc_macro = [tc_macro_f1(t, techniques) for t in tc_folds]
    print(f"TC micro-F1 on the gold spans: {statistics.mean(tc):.3f} {[round(x, 3) for x in tc]}")
    print(f"TC macro-F1 on the gold spans: {statistics.mean(tc_macro):.3f} "
          f"{[round(x, 3) for x in tc_macro]}")
    per_technique = {
        name: statistics.mean(
            t.per_technique[name].f1 if name in t.per_technique else 0.0 for t in tc_folds
        )
        for name in techniques
    }
    print("TC F1 per technique (mean over folds): "
          + ", ".join(f"{k} {v:.2f}" for k, v in per_technique.items()))
    if args.post_processing:
        rewrites = {
            "copy to repeats (8+ chars)": copy_to_repeats,
            **{
                f"widen to sentence at {share:.0%}": functools.partial(
                    widen_to_sentences, share=share
                )
                for share in (0.0, 0.2, 0.3, 0.5)
            },
        }
        for name, rewrite in rewrites.items():
            scores = [
                si_scores(
                    {a.article_id: rewrite(a, decode(a, overall)) for a in fold},
                    {a.article_id: a.gold for a in fold},
                ).f1
                for fold in folds
            ]
            print(f"{overall.name} + {name}: {statistics.mean(scores):.3f} "
                  f"{[round(x, 3) for x in scores]}")
    if args.out:
        Path(args.out).write_text(json.dumps({
            "fold_models": args.fold_models,
            "out_of_fold": chosen,
            "best_on_all_folds": overall.name,
            "out_of_fold_hysteresis_alone": held_hysteresis,
            "best_hysteresis_alone_on_all_folds": best_hysteresis.name,
            "tc_micro_f1": tc,
            "tc_macro_f1": tc_macro,
            "tc_f1_per_technique": per_technique,
            "grid": {d.name: scores for d, scores in table.items()},
        }, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
