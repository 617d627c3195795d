"""Cost of the claims layer per 1,000 words: the shipped head against another, one process.

    python benchmarks/claims_cost.py --baseline DIR [--articles 20] [--rounds 5]

Both heads score the same PolNeAR dev articles from the same spaCy parse and the same shared
encoder pass (computed once, outside the timing), in alternating rounds, so the difference is
the heads' own work: for a head with an n-gram blend (``claims_ngrams.npz``), the n-gram model
over each sentence's text. ``--baseline`` is a claims model directory to compare with, for
instance the previous head checked out with ``git show``. Prints the median ms per 1,000
words of each and their ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, type=Path,
                        help="a claims model directory to time beside the shipped one")
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--texts", type=Path, default=POLNEAR_DEV)
    args = parser.parse_args()

    from unspun.claims import DEFAULT_CLAIMS_DIR, find_claims, load_claims_head
    from unspun.nlp.pipeline import LanguageLayer
    from unspun.techniques.model import TechniqueModel

    heads = {"shipped": load_claims_head(DEFAULT_CLAIMS_DIR),
             "baseline": load_claims_head(args.baseline)}
    language = LanguageLayer()
    model = TechniqueModel.load(threads=1)
    texts = [p.read_text("utf-8") for p in sorted(args.texts.glob("*"))[: args.articles]]
    inputs = [(t, language.analyze(t, None), model.encode(t)) for t in texts]
    words = sum(len(t.split()) for t in texts)
    samples: dict[str, list[float]] = {name: [] for name in heads}
    for _ in range(args.rounds):
        for name, head in heads.items():
            t0 = time.perf_counter()
            for text, analysis, encoded in inputs:
                find_claims(analysis, text, encoded, head)
            samples[name].append((time.perf_counter() - t0) * 1e6 / words)
    print(f"$ python benchmarks/claims_cost.py --baseline {args.baseline}"
          f" --articles {args.articles} --rounds {args.rounds}")
    print(f"{len(texts)} articles, {words:,} words x {args.rounds} rounds;"
          f" Python {platform.python_version()}; {platform.processor() or platform.machine()}")
    medians = {name: statistics.median(s) for name, s in samples.items()}
    for name, median in medians.items():
        print(f"{name:10}{median:8.1f} ms / 1,000 words")
    print(f"shipped / baseline: {medians['shipped'] / medians['baseline']:.2f}")


if __name__ == "__main__":
    main()
