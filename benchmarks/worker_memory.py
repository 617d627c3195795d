"""Where a batch worker's memory goes: resident memory after each start-up step and as
articles pass through it.

    python benchmarks/worker_memory.py [--articles 150] [--marks 1,10,50,150]

A fresh process, started the way ``unspun batch`` starts its workers (spawn, one onnxruntime
thread), reads Linux's ``VmRSS`` (resident now) and ``VmHWM`` (peak) from
``/proc/self/status`` after importing unspun, after loading each model (spaCy
``en_core_web_sm``, the onnxruntime encoder session, the layers' heads, the language
identifier) and after analysing the first ``--marks`` of ``--articles`` English pages of
``../shared/data/extraction`` (those of ``throughput.py --batch``, read one at a time as a
worker receives them), each through the batch worker's own ``analyse_task``. Beside each it
prints glibc's heap (``mallinfo2``: bytes in use, and bytes free but still held, which only
``malloc_trim`` gives back) and the size of spaCy's StringStore, which grows with every new
word a long-running process meets.

The worker is set up as a batch pool worker is (``init_pool_worker``, ``run_in_pool_worker``):
glibc told to give large freed blocks back (``--glibc-default`` leaves glibc as it is), and
each article analysed inside spaCy's memory zone (``--no-memory-zone`` does without);
``--trim`` adds ``malloc_trim(0)`` after every article. ``--chunk-size K`` hands the worker K
articles per call (``articles_per_call``: one zone and one shared spaCy pass per call, through
``analyse_tasks``).
"""

from __future__ import annotations

import argparse
import ctypes
import gzip
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

# As a batch worker runs; set before numpy and onnxruntime load (the child inherits it).
os.environ.setdefault("OMP_NUM_THREADS", "1")

from throughput import english_page_files  # the pages throughput.py --batch times

MIB = 1024 * 1024


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _heap() -> Callable[[], tuple[float, float]] | None:
    """(MiB in use, MiB free but held) of glibc's heap, or None off glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _Mallinfo2
    except (OSError, AttributeError):
        return None

    def read() -> tuple[float, float]:
        info = libc.mallinfo2()
        return (info.uordblks + info.hblkhd) / MIB, info.fordblks / MIB

    return read


def _status_mib() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MiB."""
    values: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def worker(files: list[Path], marks: set[int], options: argparse.Namespace, out: Any) -> None:
    """The measured process: start-up steps, then the articles; one row per mark."""
    import contextlib

    heap = _heap()
    rows: list[tuple[str, float, float, float, float, int]] = []
    strings: Callable[[], int] = lambda: 0  # noqa: E731 (until spaCy is loaded)

    def mark(label: str) -> None:
        rss, hwm = _status_mib()
        used, free = heap() if heap is not None else (float("nan"), float("nan"))
        rows.append((label, rss, hwm, used, free, strings()))

    mark("interpreter started")
    from unspun.analyzer import Analyzer
    from unspun.batch.engine import analyse_tasks, give_back_large_blocks
    from unspun.batch.tasks import Failure, Task
    if not options.glibc_default:
        give_back_large_blocks()
    trim = ctypes.CDLL("libc.so.6").malloc_trim if options.trim else None
    mark("unspun imported (trafilatura, lxml, numpy)")
    analyzer = Analyzer()
    mark("Analyzer() (layers made, nothing loaded)")
    nlp = analyzer.resources.language.nlp
    strings = lambda: len(nlp.vocab.strings)  # noqa: E731
    mark("spaCy en_core_web_sm loaded")
    _ = analyzer.resources.encoder
    mark("onnxruntime encoder session")
    for layer in analyzer.layers:
        layer.load()
    mark("layers' heads (techniques, claims, speakers)")
    analyzer.load()  # the language identifier, and whatever else load() adds
    mark("language identifier (Analyzer.load done)")
    failures = 0
    size = options.chunk_size
    for first in range(0, len(files), size):
        chunk = tuple(Task(str(i), path.name, next(analyzer.pages(gzip.decompress(
            path.read_bytes())))) for i, path in enumerate(files[first:first + size], first + 1))
        zone = contextlib.nullcontext() if options.no_memory_zone else analyzer.memory_zone()
        with zone:
            results = analyse_tasks(analyzer, chunk)
        if trim is not None:
            trim(0)
        failures += sum(isinstance(result, Failure) for result in results)
        done = first + len(chunk)
        for i in sorted(m for m in marks if first < m <= done):
            mark(f"after {i} articles" if size == 1 else f"after {done} articles (>= {i})")
    rows.append((f"{failures} failures", 0, 0, 0, 0, 0))
    out.put(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--marks", default="1,10,50,150",
                        help="article counts after which to read memory")
    parser.add_argument("--glibc-default", action="store_true",
                        help="leave glibc's mmap threshold to itself")
    parser.add_argument("--no-memory-zone", action="store_true",
                        help="analyse without spaCy's memory zone")
    parser.add_argument("--trim", action="store_true", help="malloc_trim(0) after each article")
    parser.add_argument("--chunk-size", type=int, default=1,
                        help="articles per worker call, as articles_per_call")
    args = parser.parse_args()
    marks = {int(m) for m in args.marks.split(",")} | {args.articles}
    from unspun.analyzer import Analyzer

    files = english_page_files(Analyzer(), args.articles)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=worker, args=(files, marks, args, queue))
    process.start()
    rows = queue.get()
    process.join()
    *rows, (failures, *_) = rows
    setup = [name for name in ("glibc_default", "no_memory_zone", "trim") if getattr(args, name)]
    setup += [f"chunk-size {args.chunk_size}"] if args.chunk_size > 1 else []
    print(f"one spawned worker, {len(files)} English extraction pages ({failures});"
          f" {' '.join('--' + s.replace('_', '-') for s in setup) or 'as a batch worker'}; MiB")
    print(f"{'step':46}{'VmRSS':>8}{'VmHWM':>8}{'+RSS':>7}{'heap used':>11}{'heap free':>11}"
          f"{'strings':>10}")
    last = 0.0
    for label, rss, hwm, used, free, strings in rows:
        print(f"{label:46}{rss:8.0f}{hwm:8.0f}{rss - last:+7.0f}{used:11.0f}{free:11.0f}"
              f"{strings:10,}")
        last = rss


if __name__ == "__main__":
    main()
