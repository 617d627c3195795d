"""Engines: where analysis runs. The driver (run.py) reads inputs and commits output; an
engine only turns a stream of Tasks into a stream of Results, in any order.

An engine must:

* build one analyzer per worker, once, with ``config.analyzer_factory`` (a picklable,
  module-level callable, so that it can be shipped to another process or machine);
* never raise for a bad article: :func:`analyse_task` turns every exception into a Failure;
* keep a bounded number of tasks in flight, so that a huge input streams through memory;
* stop promptly when the driver closes the result iterator (Ctrl-C, an error).

``LocalEngine`` uses a process pool on this machine. A Dask engine would submit batches of
tasks to a ``distributed.Client`` with ``analyse_task`` as the function and a worker plugin
or a per-worker cache for the analyzer, and yield from ``as_completed``.
"""

from __future__ import annotations

import os
import resource
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol

from unspun.batch.rows import article_row, span_rows
from unspun.batch.tasks import Analysed, Failure, Result, Task, WorkerStats
from unspun.errors import UnspunError


class AnalyzerLike(Protocol):
    """What batch needs of an analyzer (``unspun.Analyzer`` is one)."""

    def analyze_page(self, page: Any) -> Any: ...


def default_analyzer_factory() -> AnalyzerLike:
    from unspun.analyzer import Analyzer

    analyzer = Analyzer()
    # Loading every model now, in the initialiser, keeps the first article's time honest and
    # makes a broken install fail before any task is taken.
    _ = analyzer.language, analyzer.techniques, analyzer.claims_head
    return analyzer


@dataclass(frozen=True)
class EngineConfig:
    workers: int
    analyzer_factory: Callable[[], AnalyzerLike] = default_analyzer_factory
    in_flight_per_worker: int = 4
    mp_start_method: str = "spawn"
    extra: dict[str, Any] = field(default_factory=dict)


class Engine(Protocol):
    name: str

    def run(self, tasks: Iterable[Task], config: EngineConfig) -> Iterator[
        tuple[Result, WorkerStats]
    ]: ...


def analyse_task(analyzer: AnalyzerLike, task: Task) -> Result:
    """Analyse one task; every failure becomes a Failure row, never an exception."""
    try:
        report = analyzer.analyze_page(task.page)
        return Analysed(
            task.id, task.source, article_row(task.id, task.source, report),
            span_rows(task.id, report),
        )
    except UnspunError as exc:
        return Failure(task.id, task.source, str(exc), type(exc).__name__)
    except Exception as exc:  # a bug on one odd page must not stop a corpus run
        return Failure(task.id, task.source, f"internal error: {exc!r}", type(exc).__name__)


# One analyzer per worker process, set by the pool initialiser.
_worker_analyzer: AnalyzerLike | None = None


def _init_worker(factory: Callable[[], AnalyzerLike]) -> None:
    global _worker_analyzer
    # Ctrl-C reaches the whole process group; the driver decides how to stop, and a worker
    # dying mid-task on SIGINT would only break the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_analyzer = factory()


def _run_in_worker(task: Task) -> tuple[Result, WorkerStats]:
    assert _worker_analyzer is not None, "worker not initialised"
    result = analyse_task(_worker_analyzer, task)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = WorkerStats(os.getpid(), usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
    return result, stats


class LocalEngine:
    """A pool of worker processes on this machine, each holding its own analyzer."""

    name = "local"

    def run(
        self, tasks: Iterable[Task], config: EngineConfig
    ) -> Iterator[tuple[Result, WorkerStats]]:
        import multiprocessing

        context = multiprocessing.get_context(config.mp_start_method)
        limit = max(1, config.workers * config.in_flight_per_worker)
        pool = ProcessPoolExecutor(
            max_workers=config.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(config.analyzer_factory,),
        )
        pending: set[Future[tuple[Result, WorkerStats]]] = set()
        source = iter(tasks)
        exhausted = False
        try:
            while True:
                # Top up to the in-flight limit: enough to keep every worker busy, few enough
                # that pages wait in the input files rather than in memory.
                while not exhausted and len(pending) < limit:
                    task = next(source, None)
                    if task is None:
                        exhausted = True
                    else:
                        pending.add(pool.submit(_run_in_worker, task))
                if not pending:
                    break
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


ENGINES: dict[str, Callable[[], Engine]] = {"local": LocalEngine}


def get_engine(name: str) -> Engine:
    try:
        return ENGINES[name]()
    except KeyError:
        raise ValueError(
            f"unknown engine {name!r}; available: {', '.join(sorted(ENGINES))}"
        ) from None
