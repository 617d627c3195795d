"""Cost of each analysis stage per 1,000 words, on the bundled pages (one core).

    python benchmarks/layer_costs.py [--repeat 5]

Stages are the Analyzer's own timings (``analyze_page(timings=...)``): the spaCy parse and the
encoder pass are timed once and shared by the layers, so each layer's row is its own work
alone (the heads, for techniques and claims). Figures are medians over pages x repeats, in
ms per 1,000 words.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")) + sorted(
    (ROOT / "src" / "unspun" / "samples").glob("*.html")
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from unspun.analyzer import Analyzer
    from unspun.ingest import read_pages

    t0 = time.perf_counter()
    analyzer = Analyzer().load()
    load_s = time.perf_counter() - t0
    pages = [next(read_pages(p)) for p in PAGES]
    per_1000: dict[str, list[float]] = defaultdict(list)

    for _ in range(args.repeat):
        for page in pages:
            # The analyzer's own timings: extraction, language id, the spaCy parse, the
            # shared encoder pass, then each layer alone (the heads, for claims and techniques).
            timings: dict[str, float] = {}
            report = analyzer.analyze_page(page, timings=timings)
            words = max(1, len(report.document.text.split()))
            for stage, seconds in timings.items():
                per_1000[stage].append(seconds * 1e6 / words)

    print(f"$ python benchmarks/layer_costs.py --repeat {args.repeat}")
    print(f"{len(PAGES)} pages x {args.repeat}; Python {platform.python_version()};"
          f" models loaded in {load_s:.2f} s")
    total = 0.0
    for stage, samples in per_1000.items():
        median = statistics.median(samples)
        total += median
        print(f"{stage:34}{median:8.1f} ms / 1,000 words")
    print(f"{'sum of medians':34}{total:8.1f} ms / 1,000 words")


if __name__ == "__main__":
    main()
