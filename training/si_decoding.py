"""Choose the SI decoding (how token probabilities become spans) out-of-fold.

    python -m training.si_decoding --data ../shared/data/ptc \\
        --fold-models runs/tech-f0-e3/model runs/tech-f1-e3/model ... [--out runs/si-decoding.json]

Each model is the one ``training.techniques --fold K --export`` trained without fold K; it is
run (int8, as shipped) once over its held-out articles, and every decoding in the grid is
scored there with the official SI metric. Then, for each fold, the decoding with the best
mean F1 on the *other* folds is applied to it: that held-out F1 is the honest figure, since
no fold helps choose its own decoding. The decoding chosen on all folds together is the one
to put in the shipped model's config.

Decodings: a threshold on P(B) + P(I) (the runtime's), hysteresis (a span needs one token
above ``high`` and extends over tokens above ``low``), and merging spans separated by at
most ``gap`` characters within a sentence, and dropping spans whose mean probability (their
confidence) is below ``min_score``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from training.ptc_data import kfold, load_ptc
from unspun.evaluate.ptc import si_scores
from unspun.techniques.model import TechniqueModel
from unspun.techniques.windows import decode_spans, softmax

_SENTENCE_END = re.compile(r"[.!?\n]")


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


def decode(a: HeldOut, d: Decoding) -> list[tuple[int, int]]:
    """The runtime's decoding (seed ``high``, extend to ``low``), then the gap merge."""
    found = decode_spans(a.probs, a.offsets, a.is_continuation, d.high, d.low, a.text)
    spans = [(p.start, p.end) for p in found if p.score >= d.min_score]
    if d.gap > 0 and spans:
        merged = [spans[0]]
        for s, e in spans[1:]:
            ps, pe = merged[-1]
            if s - pe <= d.gap and not _SENTENCE_END.search(a.text[pe:s]):
                merged[-1] = (ps, e)
            else:
                merged.append((s, e))
        spans = merged
    return spans


def held_out(model_dir: Path, articles: Sequence[Any]) -> list[HeldOut]:
    model = TechniqueModel.load(model_dir, encoder_file="encoder.int8.onnx")
    out = []
    for art in articles:
        enc = model.encode(art.text)
        out.append(HeldOut(art.article_id, art.text, softmax(enc.si_logits),
                           enc.tokens.offsets, enc.tokens.is_continuation, list(art.si)))
    return out


def score(fold: list[HeldOut], d: Decoding) -> dict[str, float]:
    pred = {a.article_id: decode(a, d) for a in fold}
    gold = {a.article_id: a.gold for a in fold}
    return si_scores(pred, gold).as_dict()


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--fold-models", nargs="+", required=True,
                   help="model dirs of folds 0..K-1, in fold order")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--out", help="write the full grid and the choice as JSON")
    args = p.parse_args(argv)

    articles, _ = load_ptc(args.data)
    by_id = {a.article_id: a for a in articles}
    split = kfold(sorted(by_id), args.folds, args.seed)
    folds = [
        held_out(Path(model), [by_id[i] for i in split[k]])
        for k, model in enumerate(args.fold_models)
    ]
    grid = [
        Decoding(high, low, gap, min_score)
        for high, low, gap, min_score in itertools.product(
            (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7), (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
            (0, 3, 12), (0.0, 0.3, 0.4, 0.5),
        )
        if low <= high
    ]
    table = {d: [score(f, d) for f in folds] for d in grid}
    f1 = {d: [s["f1"] for s in scores] for d, scores in table.items()}

    chosen: list[dict[str, Any]] = []
    for k in range(len(folds)):
        others = [j for j in range(len(folds)) if j != k]
        best = max(grid, key=lambda d: statistics.mean(f1[d][j] for j in others))
        chosen.append({"fold": k, "decoding": best.name, **table[best][k]})
        print(f"fold {k}: chosen on the other folds: {best.name} -> held-out SI "
              f"P {table[best][k]['precision']:.3f} R {table[best][k]['recall']:.3f} "
              f"F1 {table[best][k]['f1']:.3f}")
    held = [c["f1"] for c in chosen]
    sd = statistics.stdev(held) if len(held) > 1 else 0.0
    print(f"out-of-fold SI F1 {statistics.mean(held):.3f} ± {sd:.3f}")
    baseline = Decoding(0.5, 0.5, 0, 0.0)
    base = f1[baseline]
    print(f"baseline {baseline.name}: {statistics.mean(base):.3f} ± "
          f"{statistics.stdev(base) if len(base) > 1 else 0:.3f} {[round(x, 3) for x in base]}")
    overall = max(grid, key=lambda d: statistics.mean(f1[d]))
    print(f"best on all folds (for the shipped config): {overall.name} "
          f"{[round(x, 3) for x in f1[overall]]}")
    for d in sorted(grid, key=lambda d: -statistics.mean(f1[d]))[:8]:
        print(f"  {d.name}: mean {statistics.mean(f1[d]):.3f} {[round(x, 3) for x in f1[d]]}")
    if args.out:
        Path(args.out).write_text(json.dumps({
            "fold_models": args.fold_models,
            "out_of_fold": chosen,
            "best_on_all_folds": overall.name,
            "grid": {d.name: scores for d, scores in table.items()},
        }, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
