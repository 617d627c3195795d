"""Cost of each analysis stage per 1,000 words, on the bundled pages (one core).

    python benchmarks/layer_costs.py [--repeat 5]

Stages are timed one after another on the same article, as the Analyzer runs them; the
encoder pass is timed once and shared by the techniques and claims heads, so their rows are
the heads alone. Figures are medians over pages x repeats, in ms per 1,000 words.
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
    from unspun.claims import find_claims
    from unspun.extract import extract
    from unspun.ingest import decode, read_pages
    from unspun.quotes import find_quotes
    from unspun.techniques.layer import find_techniques

    analyzer = Analyzer()
    t0 = time.perf_counter()
    language, model, head = analyzer.language, analyzer.techniques, analyzer.claims_head
    load_s = time.perf_counter() - t0
    pages = [next(read_pages(p)) for p in PAGES]
    per_1000: dict[str, list[float]] = defaultdict(list)

    def timed(stage: str, words: int, fn, *a):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        out = fn(*a)
        per_1000[stage].append((time.perf_counter() - start) * 1000 * 1000 / words)
        return out

    for _ in range(args.repeat):
        for page in pages:
            start = time.perf_counter()
            document = extract(page, decode(page))
            words = max(1, len(document.text.split()))
            per_1000["ingest + extraction"].append(
                (time.perf_counter() - start) * 1e6 / words)
            found = timed("language layer (spaCy, dates)", words,
                          language.analyze, document.text, None)
            timed("quotes", words, find_quotes, found, document.text)
            encoded = timed("encoder pass (shared)", words, model.encode, document.text)
            timed("techniques heads", words, find_techniques, model, encoded,
                  found.sentence_index)
            timed("claims head + rules", words, find_claims, found, document.text, encoded,
                  head)

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
