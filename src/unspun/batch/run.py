"""The batch driver: inputs → tasks → engine → chunks committed exactly once.

The driver is the only writer. Whatever the engine, results come back here and are buffered
into chunks of ``chunk_size`` results; each chunk is committed atomically (see store.py), so
an interrupted run (Ctrl-C, kill -9, a crash) is continued by running the same command again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from unspun.batch.engine import AnalyzerLike, EngineConfig, default_analyzer_factory
from unspun.batch.progress import Progress
from unspun.batch.registry import get_engine
from unspun.batch.sources import Fetch, Item, Politeness, count_items, iter_items, unread_files
from unspun.batch.store import ChunkStore
from unspun.batch.tasks import Analysed, Failure, Result, Task
from unspun.bounded import JobLimits
from unspun.errors import ClusterLostError, InputError
from unspun.ingest import IngestOptions
from unspun.ingest.fetch import fetch_url


@dataclass
class BatchSummary:
    """What one ``run_batch`` call did."""

    out: Path
    engine: str
    workers: int
    articles: int
    """Articles analysed and committed by this run."""
    errors: int
    """Error rows committed by this run."""
    skipped: int
    """Articles or errors already committed by earlier runs, so left alone."""
    parts: list[str]
    """Chunks this run committed."""
    seconds: float
    interrupted: bool = False
    worker_peak_rss_mib: dict[int, float] = field(default_factory=dict)
    """Peak resident memory of each worker process, by pid."""
    worker_cpu_s: dict[int, float] = field(default_factory=dict)
    """CPU seconds each worker process used (model loading included), by pid."""
    stage_seconds: dict[str, float] = field(default_factory=dict)
    """Seconds spent per stage over the run: ``read`` (the driver reading, or fetching,
    inputs), each analysis stage summed over the workers, and ``write`` (committing)."""

    def stage_shares(self) -> dict[str, float]:
        """Each stage's share of the time all stages took together."""
        total = sum(self.stage_seconds.values())
        return {k: v / total for k, v in self.stage_seconds.items()} if total > 0 else {}

    @property
    def rate(self) -> float:
        """Articles and errors per second over the whole run, start-up included."""
        return (self.articles + self.errors) / self.seconds if self.seconds > 0 else 0.0


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS has no sched_getaffinity
        return max(1, os.cpu_count() or 1)


def _fingerprint(analyzer: str, published: dt.date | None, site: str | None) -> str:
    """What the chunks of a run are made with: the analyzer's fingerprint and, when given,
    the date and site that fill in what articles do not state (without them, the analyzer's
    fingerprint as it is, so that older output folders resume)."""
    if published is None and site is None:
        return analyzer
    given = f"{analyzer}\0published={published or ''}\0site={site or ''}"
    return hashlib.sha256(given.encode()).hexdigest()[:16]


def _unread_line(unread: list[Path], shown: int = 5) -> str:
    names = ", ".join(str(path) for path in unread[:shown])
    more = f" and {len(unread) - shown} more" if len(unread) > shown else ""
    files = "1 file in the input folders was" if len(unread) == 1 else \
        f"{len(unread)} files in the input folders were"
    return (f"{files} not read (only .html, .htm, .xhtml, .shtml, .txt, .jsonl(.gz) and"
            f" .warc(.gz) are): {names}{more}")


def run_batch(
    inputs: list[str],
    out: Path,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    worker_wait_s: float = 120.0,
    chunk_size: int = 200,
    ingest_options: IngestOptions | None = None,
    politeness: Politeness | None = None,
    analyzer_factory: Callable[[], AnalyzerLike] = default_analyzer_factory,
    progress: TextIO | None = None,
    progress_interval: float = 5.0,
    fetch: Fetch = fetch_url,
    mp_start_method: str = "spawn",
    on_result: Callable[[Result], None] | None = None,
    published: dt.date | None = None,
    site: str | None = None,
    limits: JobLimits | None = None,
    articles_per_call: int = 1,
) -> BatchSummary:
    """Analyse every article in *inputs* into Parquet tables under *out*; resumable.

    *inputs*: folders (searched recursively for .html, .htm, .txt, .jsonl, .jsonl.gz, .warc,
    .warc.gz; other files in them are named in one line on *progress*, not read), .jsonl /
    .jsonl.gz, .warc / .warc.gz, .txt lists of http(s) URLs, single files and URLs. Running
    the same call again after an interruption skips what was committed and does the rest.
    ``KeyboardInterrupt`` commits the results already in hand, then propagates.

    Every run first checks the chunks already in *out* (store.py): one that is damaged or
    missing a file is reported in one line on *progress* and its articles are done again.
    A write the system refuses (disk full, permission) raises
    :class:`~unspun.batch.store.OutputError`; the committed chunks stay, and the same call
    resumes.

    ``published`` and ``site`` (``--date``, ``--site``) are the publication date and site of
    the articles that state none: a page's own date (its metadata; else a dateline, which
    comes after ``published``) and its own site name or host are kept. They are part of the
    run's configuration: an output folder resumes only under the same ones.

    ``limits`` (:class:`~unspun.bounded.JobLimits`; 60 s and 1536 MB by default) bound each
    article: one that runs past the deadline, or whose worker's resident memory passes the
    cap, is stopped and becomes an error row with the reason ("took longer than 60 s",
    "needed more than 1.5 GB"; error_type ``DeadlineExceeded``, ``MemoryExceeded``), its
    worker is replaced, and the other articles go on. Like every error row it is not redone
    by a rerun. They are not part of the run's configuration: a rerun may change them. Both
    engines enforce them (the dask engine in a sub-worker of each Dask worker).

    ``articles_per_call`` (local engine) hands each worker that many articles at once, their
    spaCy parses run together; the reports are the same, and so are the limits' meaning: a
    call that passes its deadline (that many times the article's) or the cap, or whose
    worker dies, has its articles run again one by one, and only the guilty one fails.

    ``engine`` is "local" (a process pool here) or "dask" (a Dask cluster at ``scheduler``,
    or a LocalCluster when that is None); a Dask cluster with no worker for ``worker_wait_s``
    seconds stops the run with ``ClusterLostError``, after committing the results in hand.
    ``analyzer_factory`` builds each worker's analyzer
    (a module-level callable, since it is sent to worker processes); ``on_result`` sees every
    result as it arrives, before commit.
    ``mp_start_method`` is "spawn" by default: it is safe with the fetch threads the driver
    runs, at the cost of scripts needing an ``if __name__ == "__main__":`` guard.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    count = workers if workers is not None else _default_workers()
    if count < 1:
        raise ValueError("workers must be at least 1")
    if worker_wait_s <= 0:
        raise ValueError("worker_wait_s must be positive")
    options = ingest_options if ingest_options is not None else IngestOptions()
    stream = progress if progress is not None else sys.stderr
    runner = get_engine(engine)
    started = time.monotonic()

    site = (site.strip() or None) if site is not None else None
    fingerprint = _fingerprint(str(getattr(analyzer_factory, "fingerprint", "")),
                               published, site)
    store = ChunkStore(Path(out), fingerprint)
    committed = store.open()
    if fingerprint and committed.analyzers - {fingerprint}:
        # Resuming under other layers, models, --date or --site would mix two kinds of rows
        # in one table.
        raise InputError(
            f"{out} holds results of another configuration (unspun version, layers, models,"
            " --date or --site); run it again as it was, or write to another --out"
        )
    for line in committed.damaged:
        print(f"unspun batch: {line}", file=stream, flush=True)
    bounds = limits if limits is not None else JobLimits()
    unread = unread_files(inputs)
    if unread:
        print(f"unspun batch: {_unread_line(unread)}", file=stream, flush=True)
    already = len(committed.ids)
    if already:
        print(f"unspun batch: resuming, {already} articles already done in {out}",
              file=stream, flush=True)
    meter = Progress(count_items(inputs), already=already, stream=stream,
                     interval=progress_interval)
    stages: defaultdict[str, float] = defaultdict(float)  # seconds; analysis from workers

    # Failures found while reading inputs never reach the engine; they wait here until the
    # driver's loop (which pulls tasks through the engine) picks them up.
    failures: list[Failure] = []

    def tasks() -> Iterator[Task]:
        items: Iterator[Item] = iter_items(
            inputs, options, skip=committed.ids.__contains__, politeness=politeness, fetch=fetch
        )
        while True:
            since = time.perf_counter()
            item = next(items, None)
            stages["read"] += time.perf_counter() - since
            if item is None:
                return
            if isinstance(item, Failure):
                failures.append(item)
            elif published is not None or site is not None:
                yield dataclasses.replace(item, published=published, site=site)
            else:
                yield item

    config = EngineConfig(workers=count, analyzer_factory=analyzer_factory,
                          mp_start_method=mp_start_method, scheduler=scheduler,
                          worker_wait_s=worker_wait_s, limits=bounds,
                          articles_per_call=articles_per_call)
    buffer: list[Result] = []
    parts: list[str] = []
    articles = errors = 0
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    interrupted = False

    def take(result: Result) -> None:
        nonlocal articles, errors
        buffer.append(result)
        is_error = isinstance(result, Failure)
        if isinstance(result, Analysed):
            for stage, seconds in result.timings.items():
                stages[stage] += seconds
        errors += int(is_error)
        articles += int(not is_error)
        meter.update(error=is_error)
        if on_result is not None:
            on_result(result)
        if len(buffer) >= chunk_size:
            flush()

    def flush() -> None:
        # Cleared before committing: if Ctrl-C lands inside commit, the handler's flush must
        # not commit these results a second time (an unfinished chunk is dropped on restart).
        chunk = buffer[:]
        buffer.clear()
        since = time.perf_counter()
        part = store.commit(chunk)
        stages["write"] += time.perf_counter() - since
        if part is not None:
            parts.append(part)

    results: Any = runner.run(tasks(), config)
    try:
        for result, stats in results:
            while failures:
                take(failures.pop(0))
            take(result)
            if stats is not None:  # None: the worker died, so there is nothing to read
                peaks[stats.pid] = max(peaks.get(stats.pid, 0.0), stats.peak_rss_kib / 1024)
                cpu[stats.pid] = max(cpu.get(stats.pid, 0.0), stats.cpu_s)
        while failures:  # inputs with no task at all, or failures after the last task
            take(failures.pop(0))
        flush()
    except KeyboardInterrupt:
        interrupted = True
        # What is in hand is complete and correct, so keep it; the rest is redone next time.
        flush()
        raise
    except ClusterLostError:
        flush()
        raise
    finally:
        results.close()
        meter.emit(final=True)
    return BatchSummary(
        out=Path(out), engine=engine, workers=count, articles=articles, errors=errors,
        skipped=already, parts=parts, seconds=time.monotonic() - started,
        interrupted=interrupted, worker_peak_rss_mib=peaks, worker_cpu_s=cpu,
        stage_seconds=dict(stages),
    )
