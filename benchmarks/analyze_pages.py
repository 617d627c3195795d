"""Wall time and peak memory of analysing the bundled pages, against trafilatura + spaCy alone.

    python benchmarks/analyze_pages.py [--repeat 5]

Each side runs in its own fresh process so that peak memory (max RSS) is its own: "unspun"
is Analyzer.analyze_page on every page; "baseline" is what unspun builds on, trafilatura's
bare_extraction followed by the same spaCy pipeline on the extracted text. Timings exclude
model loading (reported separately) and take the median over pages x repeats.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")) + sorted(
    (ROOT / "src" / "unspun" / "samples").glob("*.html")
)


def _peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(mode: str, repeat: int) -> dict[str, object]:
    start = time.perf_counter()
    if mode == "unspun":
        from unspun.analyzer import Analyzer
        from unspun.ingest import read_pages

        analyzer = Analyzer().load()  # every model now, not inside the timed loop
        pages = [next(read_pages(p)) for p in PAGES]

        def run(i: int) -> None:
            analyzer.analyze_page(pages[i])
    else:
        import trafilatura

        from unspun.nlp import load_spacy

        nlp = load_spacy()
        markups = [p.read_text(encoding="utf-8") for p in PAGES]

        def run(i: int) -> None:
            doc = trafilatura.bare_extraction(markups[i], with_metadata=True,
                                              include_comments=False)
            nlp(doc.text if doc is not None and doc.text else "")
    load_s = time.perf_counter() - start
    run(0)  # warm caches once
    samples: list[float] = []
    for _ in range(repeat):
        for i in range(len(PAGES)):
            t0 = time.perf_counter()
            run(i)
            samples.append(time.perf_counter() - t0)
    return {"mode": mode, "load_s": load_s, "median_ms": statistics.median(samples) * 1000,
            "samples": len(samples), "peak_rss_mib": _peak_rss_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--mode", choices=["unspun", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(_measure(args.mode, args.repeat)))
        return
    results = {}
    for mode in ("unspun", "baseline"):
        out = subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True,
        ).stdout
        results[mode] = json.loads(out.strip().splitlines()[-1])
    u, b = results["unspun"], results["baseline"]
    print(f"$ python benchmarks/analyze_pages.py --repeat {args.repeat}")
    print(f"{len(PAGES)} pages x {args.repeat} repeats; Python {platform.python_version()},"
          f" {platform.machine()}")
    print(f"{'':24}{'median/article':>16}{'peak RSS':>12}{'model load':>12}")
    for name, r in (("unspun", u), ("trafilatura + spaCy", b)):
        print(f"{name:24}{r['median_ms']:>13.1f} ms{r['peak_rss_mib']:>8.0f} MiB"
              f"{r['load_s']:>10.2f} s")
    print(f"ratio unspun / baseline: time {u['median_ms'] / b['median_ms']:.2f}x,"
          f" memory {u['peak_rss_mib'] / b['peak_rss_mib']:.2f}x")


if __name__ == "__main__":
    main()
