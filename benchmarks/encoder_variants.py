"""Compare technique model files and window steps: encoder time and span steadiness.

    python benchmarks/encoder_variants.py MODEL_DIR[@STRIDE] ... [--rounds 4] [--articles DIR]

Each variant is a model directory, optionally with the window step overridden (``@224``).
Time: the encoder pass (``TechniqueModel.encode``, one onnxruntime thread) over the first 20
PTC articles, the variants interleaved round by round so that a noisy machine slows them all
alike; median and best round, in ms per 1,000 words. Steadiness: the bundled sample read
alone (its span count), and 27 copies of it read as one 20,000-word article, where window
edges fall at a different place in each copy: the mean Jaccard index of the span characters
of every two copies (1.0: the spans do not depend on where the windows fall).

An earlier model, to compare against: ``git archive COMMIT src/unspun/models/techniques | tar
-x -C /tmp/old`` and pass ``/tmp/old/src/unspun/models/techniques@192``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from unspun import analyze
from unspun.techniques.layer import find_techniques
from unspun.techniques.model import TechniqueModel

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "unspun" / "samples" / "sample-article.html"
COPIES = 27


def load_variant(spec: str) -> TechniqueModel:
    path, _, stride = spec.partition("@")
    model = TechniqueModel.load(Path(path), threads=1)
    if stride:
        model.config.stride = int(stride)
    return model


def span_chars(model: TechniqueModel, text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in find_techniques(model, model.encode(text), lambda o: 0)]


def steadiness(model: TechniqueModel, sample: str) -> tuple[int, float]:
    alone = len(span_chars(model, sample))
    step = len(sample) + 1
    copies: list[set[int]] = [set() for _ in range(COPIES)]
    for s, e in span_chars(model, "\n".join([sample] * COPIES)):
        k = s // step
        copies[k].update(range(s - k * step, e - k * step))
    jaccard = statistics.mean(
        len(a & b) / max(1, len(a | b)) for a, b in itertools.combinations(copies, 2)
    )
    return alone, jaccard


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="+", help="MODEL_DIR or MODEL_DIR@STRIDE")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument(
        "--articles", type=Path, default=ROOT.parent / "shared" / "data" / "ptc" / "train-articles"
    )
    args = parser.parse_args()
    texts = [
        p.read_text("utf-8") for p in sorted(args.articles.glob("*.txt"))[:20]
    ] or [analyze(str(SAMPLE)).document.text]
    words = sum(len(t.split()) for t in texts)
    models = {spec: load_variant(spec) for spec in args.variants}
    for model in models.values():
        model.encode(texts[0])  # warm up
    seconds: dict[str, list[float]] = {spec: [] for spec in models}
    for _ in range(args.rounds):
        for spec, model in models.items():
            t0 = time.perf_counter()
            for text in texts:
                model.encode(text)
            seconds[spec].append(time.perf_counter() - t0)
    sample = analyze(str(SAMPLE)).document.text
    print(f"$ python benchmarks/encoder_variants.py {' '.join(args.variants)}")
    print(f"{len(texts)} texts, {words} words, {args.rounds} interleaved rounds, one thread")
    print(f"{'variant':50s} {'median':>8s} {'best':>8s}  sample spans  copies Jaccard")
    for spec, model in models.items():
        med = 1e6 * statistics.median(seconds[spec]) / words
        best = 1e6 * min(seconds[spec]) / words
        alone, jaccard = steadiness(model, sample)
        print(f"{spec:50s} {med:8.1f} {best:8.1f}  {alone:12d}  {jaccard:14.2f}")
    print("(ms per 1,000 words for the encoder pass)")


if __name__ == "__main__":
    main()
