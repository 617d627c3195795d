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

**Display threshold.** The lowest tenth ``t`` (0.0-0.9) at which the highlights at or above
``t`` are span right at least ``--target-precision`` of the time (default 0.5: what the
reader sees unasked is more often than not text the annotators marked as a technique;
``--judge technique`` asks it of the technique as well, which the legend's per-technique
reliability words otherwise convey). Printed with the share of gold fragments a highlight of
their technique at or above ``t`` still overlaps, so the price in misses is visible. It is
the value for :data:`unspun.render.html.DEFAULT_THRESHOLD`; the model card records the run.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from training.ptc_data import Article, add_fold_model_arguments, held_out_folds
from unspun.evaluate.ptc import TCLabel
from unspun.render.html import confidence_bucket
from unspun.techniques.layer import find_techniques
from unspun.techniques.model import TechniqueModel

TENTHS = [k / 10 for k in range(10)]


@dataclass(frozen=True)
class Highlight:
    """One technique highlight of a held-out article, judged against the gold fragments."""

    article_id: str
    technique: str
    confidence: float
    right: bool
    span_right: bool


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


def held_out_highlights(model: TechniqueModel, articles: Sequence[Article]) -> tuple[
    list[Highlight], list[tuple[TCLabel, float]]
]:
    """The highlights of ``model`` over ``articles``, and each gold fragment with the
    highest confidence of a highlight of its technique overlapping it (0.0: none)."""
    highlights: list[Highlight] = []
    found: list[tuple[TCLabel, float]] = []
    for art in articles:
        spans = find_techniques(model, model.encode(art.text), lambda _offset: 0)
        highlights += [judge(art.article_id, s.start, s.end, s.technique, s.confidence, art.tc)
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


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    add_fold_model_arguments(
        p, "model dirs of folds 0..K-1, in fold order (or as --fold-ids says)")
    p.add_argument("--target-precision", type=float, default=0.5)
    p.add_argument("--judge", choices=["span", "technique"], default="span",
                   help="what the shown highlights must get right (default: the span)")
    p.add_argument("--out", help="write the table and the choice as JSON")
    args = p.parse_args(argv)

    fold_ids, fold_articles = held_out_folds(p, args)
    highlights: list[Highlight] = []
    found: list[tuple[TCLabel, float]] = []
    for model_dir, arts in zip(args.fold_models, fold_articles, strict=True):
        model = TechniqueModel.load(Path(model_dir), encoder_file=args.encoder_file)
        h, f = held_out_highlights(model, arts)
        highlights += h
        found += f

    table = reliability_table(highlights)
    ece = expected_calibration_error(table)
    rows = [at_threshold(highlights, found, t) for t in TENTHS]
    key = "span_precision" if args.judge == "span" else "precision"
    chosen = choose_threshold(rows, args.target_precision, key)
    print(f"{len(highlights)} highlights over {len(found)} gold fragments, folds {fold_ids}")
    print("| confidence | highlights | mean confidence | right | span right |")
    print("|---|---|---|---|---|")
    for r in table:
        print(f"| {r['bucket']:.1f}-{r['bucket'] + 0.1:.1f} | {r['n']} | {r['confidence']:.3f} "
              f"| {r['right']:.3f} | {r['span_right']:.3f} |")
    print(f"expected calibration error: {ece:.3f}")
    print("| shown from | highlights | right | span right | gold fragments found |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['threshold']:.1f} | {r['shown']} | {r['precision']:.3f} "
              f"| {r['span_precision']:.3f} | {r['gold_found']:.3f} |")
    print(f"display threshold, {args.judge} right >= {args.target_precision}: {chosen}")
    if args.out:
        Path(args.out).write_text(json.dumps({
            "fold_ids": fold_ids, "fold_models": args.fold_models, "ece": ece,
            "reliability": table, "thresholds": rows, "target_precision": args.target_precision,
            "judge": args.judge, "display_threshold": chosen,
            "highlights": [asdict(h) for h in highlights],
        }, indent=1), "utf-8")


if __name__ == "__main__":
    main()
