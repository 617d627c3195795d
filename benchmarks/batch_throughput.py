"""Throughput of `unspun batch` with 1 and 2 workers on a generated corpus; time per stage.

    python benchmarks/batch_throughput.py [--articles 80] [--workers 1 2] [--engines local dask]

The corpus is the saved pages (test fixtures and bundled samples) copied under distinct
names until it holds --articles files. Each worker count gets a fresh output folder. Two
rates are reported: "overall" is articles / wall time of the whole run (process start and
model loading included: what a user waits for), "steady" is articles / time between the
first and the last result (model loading excluded: what a long run converges to).
Scaling efficiency is steady rate(N) / (N x steady rate(1)). Peak RSS is per worker process.

The stage table (from ``BatchSummary.stage_seconds``) splits the time of each run into reading
inputs (driver), each analysis stage (summed over workers) and writing Parquet (driver); the
shares are of the sum, so they say which stage to optimise next.
"""

from __future__ import annotations

import argparse
import io
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")) + sorted(
    (ROOT / "src" / "unspun" / "samples").glob("*.html")
)


def make_corpus(folder: Path, articles: int) -> None:
    folder.mkdir(parents=True)
    for i in range(articles):
        page = PAGES[i % len(PAGES)]
        shutil.copyfile(page, folder / f"{i:05d}-{page.name}")


def measure(corpus: Path, out: Path, workers: int, engine: str) -> dict[str, Any]:
    from unspun.batch import run_batch

    stamps: list[float] = []
    started = time.perf_counter()
    summary = run_batch(
        [str(corpus)], out, workers=workers, engine=engine, progress=io.StringIO(),
        on_result=lambda _r: stamps.append(time.perf_counter()),
    )
    wall = time.perf_counter() - started
    done = summary.articles + summary.errors
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
    peaks = sorted(summary.worker_peak_rss_mib.values())
    return {
        "engine": engine,
        "stages": summary.stage_seconds,
        "workers": workers,
        "articles": summary.articles,
        "errors": summary.errors,
        "wall_s": wall,
        "overall_rate": done / wall,
        "steady_rate": steady,
        "first_result_s": stamps[0] - started if stamps else float("nan"),
        # Worker CPU over wall: how many cores the run actually got (others share them).
        "cores_used": sum(summary.worker_cpu_s.values()) / wall,
        "peak_rss_worker_max_mib": peaks[-1] if peaks else float("nan"),
        "peak_rss_worker_min_mib": peaks[0] if peaks else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", default=["local"], choices=["local", "dask"])
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory(prefix="unspun-batch-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, args.articles)
        for engine in args.engines:
            for workers in args.workers:
                out = Path(tmp) / f"out-{engine}-{workers}"
                results.append(measure(corpus, out, workers, engine))

    print(f"$ {Path(sys.executable).name} {' '.join(sys.argv)}")
    print(f"python {platform.python_version()}, {platform.machine()},"
          f" {len(PAGES)} distinct pages repeated to {args.articles} articles")
    for engine in args.engines:
        print(f"\nengine: {engine}")
        table([r for r in results if r["engine"] == engine])
    print("\ntime per stage (share of the sum of all stages):")
    stages = list(results[0]["stages"])
    print(f"{'stage':>12} " + " ".join(f"{r['engine']}/{r['workers']:<3}" .rjust(10)
                                        for r in results))
    for stage in stages:
        cells = []
        for r in results:
            total = sum(r["stages"].values())
            cells.append(f"{r['stages'].get(stage, 0.0) / total:>10.1%}")
        print(f"{stage:>12} " + " ".join(cells))
    ms = results[0]["stages"]
    n = results[0]["articles"]
    print("(first run, per article: " + ", ".join(
        f"{k} {1000 * v / max(1, n):.1f} ms" for k, v in ms.items()) + ")")
    driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"driver peak RSS: {driver:.0f} MiB")


def table(results: list[dict[str, Any]]) -> None:
    base = next((r for r in results if r["workers"] == 1), None)
    print(f"{'workers':>7} {'wall s':>7} {'first s':>7} {'overall/s':>9} {'steady/s':>8}"
          f" {'scaling':>7} {'cores used':>10} {'worker RSS MiB':>14}")
    for r in results:
        scaling = (
            r["steady_rate"] / (r["workers"] * base["steady_rate"])
            if base and base["steady_rate"] else float("nan")
        )
        print(f"{r['workers']:>7} {r['wall_s']:>7.1f} {r['first_result_s']:>7.1f}"
              f" {r['overall_rate']:>9.2f} {r['steady_rate']:>8.2f} {scaling:>7.0%}"
              f" {r['cores_used']:>10.2f}"
              f" {r['peak_rss_worker_max_mib']:>14.0f}")


if __name__ == "__main__":
    main()
