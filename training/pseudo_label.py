"""Pseudo-label unlabelled news articles with a technique model (self-training data).

    python -m training.pseudo_label --model runs/tech-f1-X/model \\
        --texts ../shared/data/polnear/train/text --n 150 --out runs/silver-f1

Writes a PTC-format directory (``train-articles/article<ID>.txt``,
``train-task-flc-tc.labels``, ``techniques.txt``) holding ``--n`` articles drawn with a fixed
seed from ``--texts`` and, as their labels, the spans and techniques the model predicts
(decoded as its config says, or at ``--threshold`` / ``--extend-threshold``).
``training.techniques --extra-data DIR`` adds such articles to every training set and never
to a held-out fold. For a cross-validated probe the teacher of fold K must itself be a model
trained without fold K, so that no held-out article shapes its own student.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

from unspun.evaluate.ptc import TCLabel, read_article, write_tc_labels
from unspun.techniques.model import TechniqueModel

# Silver article IDs start here: far above the PTC's (nine digits, 111111111-999999999).
FIRST_ID = 5_000_000_000


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--model", required=True, help="teacher model directory (config.json, ONNX)")
    p.add_argument("--texts", required=True, help="directory of plain-text articles (*.txt)")
    p.add_argument("--out", required=True)
    p.add_argument("--n", type=int, default=150, help="articles to draw")
    p.add_argument("--max-chars", type=int, default=12_000, help="skip longer articles")
    p.add_argument("--min-chars", type=int, default=800, help="skip shorter articles")
    p.add_argument("--threshold", type=float, help="SI seed threshold (default: the config's)")
    p.add_argument("--extend-threshold", type=float, help="SI extension threshold")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--encoder-file", default="encoder.int8.onnx",
                   help="the teacher's export to run: encoder.int8.onnx (default) or"
                   " encoder.onnx (fp32: a large teacher may lose more to quantisation)")
    args = p.parse_args(argv)

    model = TechniqueModel.load(args.model, encoder_file=args.encoder_file)
    if args.threshold is not None:
        model.config.si_threshold = args.threshold
    if args.extend_threshold is not None:
        model.config.si_extend_threshold = args.extend_threshold
    paths = sorted(Path(args.texts).glob("*.txt"))
    random.Random(args.seed).shuffle(paths)
    out = Path(args.out)
    (out / "train-articles").mkdir(parents=True, exist_ok=True)
    (out / "techniques.txt").write_text("\n".join(model.config.techniques) + "\n", "utf-8")
    labels: list[TCLabel] = []
    sources: dict[str, str] = {}
    for path in paths:
        if len(sources) >= args.n:
            break
        text = read_article(path)
        if not args.min_chars <= len(text) <= args.max_chars:
            continue
        article_id = str(FIRST_ID + len(sources))
        with open(out / "train-articles" / f"article{article_id}.txt", "w", encoding="utf-8",
                  newline="") as f:
            f.write(text)
        labels += [
            TCLabel(article_id, span.technique, span.start, span.end)
            for span in model.predict(text)
        ]
        sources[article_id] = path.name
    write_tc_labels(out / "train-task-flc-tc.labels", labels)
    (out / "sources.json").write_text(json.dumps(sources, indent=1), "utf-8")
    print(f"{len(sources)} articles, {len(labels)} silver spans -> {out}")


if __name__ == "__main__":
    main()
