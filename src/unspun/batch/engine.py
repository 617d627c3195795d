"""What every engine shares. An engine is where analysis runs: the driver (run.py) reads
inputs and commits output; an engine only turns a stream of Tasks into a stream of Results, in
any order.

An engine must:

* build one analyzer per worker, once, with ``config.analyzer_factory`` (a picklable,
  module-level callable, so that it can be shipped to another process or machine);
* never raise for a bad article: :func:`analyse_task` turns every exception into a Failure,
  and an article that kills its worker process outright (a native crash, the out-of-memory
  killer) becomes a Failure too (reason :data:`WORKER_DIED`), after the engine has made sure
  which article it was;
* hold each article to ``config.limits`` (:class:`~unspun.bounded.JobLimits`) as far as it
  can: an article past its deadline or memory cap is a Failure with the reason
  (:data:`DEADLINE_EXCEEDED`, :data:`MEMORY_EXCEEDED`), its worker is replaced, and the other
  articles go on;
* stop the run with :class:`WorkerStartError` (one line) when workers cannot build their
  analyzer, rather than write off every article as bad input;
* keep a bounded number of tasks in flight, so that a huge input streams through memory;
* where it hands a worker several articles per call (``config.articles_per_call``, a
  :data:`Chunk`, the local engine), keep the limits per article: a chunk that passes its
  deadline (one per article) or the memory cap, or whose worker dies, is no article's
  Failure yet; its articles run again one per call;
* stop promptly when the driver closes the result iterator (Ctrl-C, an error).

``LocalEngine`` (local_engine.py) uses a process pool on this machine; ``DaskEngine``
(dask_engine.py) sends the same function to the workers of a Dask cluster, each of which runs
it in a pool of its own when there are limits. Both pools are pebble's, and share what is
here: the pool workers' initialiser and task (:func:`init_pool_worker`,
:func:`run_in_pool_worker`), the rows of articles stopped at a limit (:func:`pool_outcome`),
and the count of worker deaths that stops a run (:class:`WorkerDeaths`). registry.py names
the engines for :func:`~unspun.batch.registry.get_engine`. Imports point one way: the
engines import this module, the registry imports the engines, and this module imports
neither.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import os
import resource
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol

from pebble import ProcessExpired

from unspun import __version__
from unspun.batch.rows import UNSUPPORTED_LANGUAGE, article_row, span_rows
from unspun.batch.tasks import Analysed, Failure, Result, Task, WorkerStats
from unspun.bounded import (
    ChildMemoryWatch,
    JobLimits,
    memory_reason,
    start_parent_watch,
    why_stopped,
)
from unspun.errors import UnspunError, UnsupportedLanguageError
from unspun.report import BUILTIN_LAYERS, Document, Report


class AnalyzerLike(Protocol):
    """What batch needs of an analyzer (``unspun.Analyzer`` is one). ``published`` is passed
    only when the run has a ``--date``."""

    def analyze_page(
        self, page: Any, *, timings: dict[str, float] | None = None,
        published: dt.date | None = None,
    ) -> Any: ...


def default_analyzer_factory() -> AnalyzerLike:
    """Every layer, the shipped models (``unspun.analyzer.analyzer_factory`` makes others)."""
    from unspun.analyzer import Analyzer

    return Analyzer().load()


@dataclass(frozen=True)
class EngineConfig:
    workers: int
    analyzer_factory: Callable[[], AnalyzerLike] = default_analyzer_factory
    in_flight_per_worker: int = 4
    mp_start_method: str = "spawn"
    scheduler: str | None = None
    """Address of a Dask scheduler (dask engine only); None starts a LocalCluster."""
    worker_wait_s: float = 120.0
    """How long the dask engine waits on a cluster with no worker before it stops the run."""
    limits: JobLimits = field(default_factory=JobLimits)
    """The deadline and memory cap of each article (``--deadline``, ``--max-memory``)."""
    articles_per_call: int = 1
    """How many articles a worker takes at once (local engine; the dask engine takes one):
    their spaCy parses run together (``Analyzer.analyze_pages``). A call of k articles has
    k deadlines; if it is stopped at a limit or its worker dies, its articles run again one
    by one under the per-article limits, so that only the guilty one fails."""

    def __post_init__(self) -> None:
        if self.articles_per_call < 1:
            raise ValueError("articles_per_call must be at least 1")


class Engine(Protocol):
    name: str

    def run(self, tasks: Iterable[Task], config: EngineConfig) -> Iterator[
        tuple[Result, WorkerStats | None]
    ]: ...


WORKER_DIED = (
    "the worker process died while analysing this article (a crash in a native library,"
    " or the out-of-memory killer)"
)

# The error_type of the Failure rows of articles stopped at a limit; the reason says which
# limit ("took longer than 60 s", "needed more than 1.5 GB").
DEADLINE_EXCEEDED = "DeadlineExceeded"
MEMORY_EXCEEDED = "MemoryExceeded"
WORKER_DIED_TYPE = "WorkerDied"


class WorkerStartError(UnspunError):
    """Worker processes could not build their analyzer (a model that fails to load, a
    broken install, a memory cap below what the models need): the run stops, resumable."""


def start_failure(error: BaseException) -> WorkerStartError:
    """What a worker whose analyzer factory raised *error* reports to the driver."""
    return WorkerStartError(
        f"the workers could not load the analyzer ({error!r}); check that `unspun analyze`"
        " works on one file"
    )


def _with_site(document: Document, site: str | None) -> Document:
    """``document`` with ``site`` (``--site``) when it names none of its own."""
    if site is None or document.site:
        return document
    return document.model_copy(update={"site": site})


def analyse_task(analyzer: AnalyzerLike, task: Task) -> Result:
    """Analyse one task; every failure becomes a Failure row, never an exception.

    The task's ``published`` and ``site`` fill in what the article does not state: the
    analyzer uses ``published`` only when the page has no date of its own.
    """
    timings: dict[str, float] = {}
    given = {} if task.published is None else {"published": task.published}
    try:
        outcome: Any = analyzer.analyze_page(task.page, timings=timings, **given)
    except Exception as exc:
        outcome = exc
    return task_result(task, outcome, timings)


def analyse_tasks(analyzer: AnalyzerLike, tasks: Sequence[Task]) -> list[Result]:
    """:func:`analyse_task` of each task, in order; through the analyzer's
    ``analyze_pages`` (one shared spaCy pass) when it has one and there are several."""
    many = getattr(analyzer, "analyze_pages", None)
    if many is None or len(tasks) < 2:
        return [analyse_task(analyzer, task) for task in tasks]
    timings: list[dict[str, float]] = [{} for _ in tasks]
    try:
        outcomes = many([t.page for t in tasks], published=[t.published for t in tasks],
                        timings=timings)
    except Exception:  # a bug in what the articles share: each on its own, as usual
        return [analyse_task(analyzer, task) for task in tasks]
    return [task_result(task, outcome, timing)
            for task, outcome, timing in zip(tasks, outcomes, timings, strict=True)]


def task_result(task: Task, outcome: Any, timings: dict[str, float]) -> Result:
    """The row of *task* from what its analysis gave: a report, or the exception it raised
    (an Exception; anything else is a report)."""
    try:
        if isinstance(outcome, Exception):
            raise outcome
        report = outcome
        document = _with_site(report.document, task.site)
        if document is not report.document:
            report = report.model_copy(update={"document": document})
        return Analysed(
            task.id, task.source, article_row(task.id, task.source, report),
            span_rows(task.id, report), timings,
        )
    except UnsupportedLanguageError as exc:
        if exc.document is None:
            return Failure(task.id, task.source, str(exc), type(exc).__name__)
        # Read and extracted, but not analysed: an article row with its metadata, no spans.
        unread = Report(unspun_version=__version__, source=task.page.source,
                        document=_with_site(exc.document, task.site),
                        skipped_layers=list(BUILTIN_LAYERS))
        row = article_row(task.id, task.source, unread, status=UNSUPPORTED_LANGUAGE)
        return Analysed(task.id, task.source, row, [], timings)
    except UnspunError as exc:
        return Failure(task.id, task.source, str(exc), type(exc).__name__)
    except Exception as exc:  # a bug on one odd page must not stop a corpus run
        return Failure(task.id, task.source, f"internal error: {exc!r}", type(exc).__name__)


def peak_rss_kib() -> int:
    """The calling process's peak resident set in KiB since it was started.

    ``ru_maxrss`` survives ``exec``, so a spawned worker would report at least its parent's
    peak (a driver that read a large corpus index would show in every worker); Linux's
    ``VmHWM`` belongs to the address space, which ``exec`` replaces. Elsewhere, ru_maxrss.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def worker_stats() -> WorkerStats:
    """Memory and CPU of the calling worker process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return WorkerStats(os.getpid(), peak_rss_kib(), usage.ru_utime + usage.ru_stime)


# Worker deaths in a row, with no article finished between them, that stop the run.
_BARREN_DEATHS = 3

# One analyzer per pool worker process, set by the pool initialiser; or why it could not be
# made.
_worker_analyzer: AnalyzerLike | None = None
_worker_failure: WorkerStartError | None = None


# glibc's mallopt(M_MMAP_THRESHOLD): blocks from this size up get pages of their own, given
# back to the system when freed. Left to itself glibc raises the threshold to the largest
# block freed so far (up to 32 MiB), after which spaCy's per-article arrays come from the
# heap and stay resident when freed: 130 MiB held after one 10,000-token page.
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 1 << 20


def give_back_large_blocks() -> bool:
    """Make glibc return every freed block of :data:`MMAP_THRESHOLD_BYTES` or more to the
    system at once (a worker's steady memory then follows its articles down as well as up).
    False where the C library is not glibc."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


def init_pool_worker(factory: Callable[[], AnalyzerLike]) -> None:
    """The initialiser of a pebble pool's worker process: builds its analyzer."""
    global _worker_analyzer, _worker_failure
    # Ctrl-C reaches the whole process group; the driver decides how to stop, and a worker
    # dying mid-task on SIGINT would only look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    start_parent_watch()
    give_back_large_blocks()
    try:
        _worker_analyzer = factory()
    except Exception as error:
        # Told to the driver with the first task: an initialiser that raises only gets its
        # traceback logged by pebble and its worker started again, or, with no task running,
        # the pool broken with every queued task left waiting.
        _worker_failure = start_failure(error)


Chunk = tuple[Task, ...]
"""The articles of one call to a pool worker (``EngineConfig.articles_per_call``)."""


def run_in_pool_worker(chunk: Chunk) -> tuple[list[Result], WorkerStats]:
    """The task of a pebble pool's worker process (after :func:`init_pool_worker`): the
    results of a chunk's articles, in order."""
    if _worker_failure is not None:
        raise _worker_failure
    assert _worker_analyzer is not None, "worker not initialised"
    # A pool worker runs one chunk at a time for the whole run: spaCy may forget the words
    # each one brought (analyse_tasks finishes the rows inside the zone).
    zone = getattr(_worker_analyzer, "memory_zone", contextlib.nullcontext)
    with zone():
        results = analyse_tasks(_worker_analyzer, chunk)
    return results, worker_stats()


def chunk_deadline(chunk: Chunk, limits: JobLimits) -> float | None:
    """A chunk's deadline: one article's for each of its articles."""
    return None if limits.deadline_s is None else limits.deadline_s * len(chunk)


class CountingMemoryWatch(ChildMemoryWatch):
    """A ChildMemoryWatch that also counts its kills, so that workers killed before taking
    any article (models alone over the cap) can be told from workers that crash."""

    kills = 0

    def check(self) -> list[int]:
        killed = super().check()
        self.kills += len(killed)
        return killed


class WorkerDeaths:
    """Pool worker deaths since the last finished article; enough in a row stop the run."""

    def __init__(self, watch: CountingMemoryWatch | None, limits: JobLimits) -> None:
        self.watch = watch
        self.limits = limits
        self.count = 0
        self._kills_before = 0

    def record(self, result: Result) -> None:
        """Count *result*: an article finished, or a worker that died on it."""
        if isinstance(result, Failure) and result.error_type == WORKER_DIED_TYPE:
            self.died()
        else:
            self.progress()

    def progress(self) -> None:
        self.count = 0
        self._kills_before = self.watch.kills if self.watch is not None else 0

    def died(self) -> None:
        self.count += 1
        if self.count < _BARREN_DEATHS:
            return
        # Not one bad article but a broken worker: a model that fails to load, or a cap
        # below what the models alone need.
        killed = self.watch is not None and self.watch.kills > self._kills_before
        if killed and self.limits.max_rss_mb is not None:
            raise WorkerStartError(
                f"worker processes were stopped {self.count} times in a row before finishing"
                f" an article: they {memory_reason(self.limits.max_rss_mb)}, the models"
                " included; raise --max-memory"
            )
        raise WorkerStartError(
            f"worker processes died {self.count} times in a row without finishing an"
            " article; check that `unspun analyze` works on one file"
        )


def pool_outcome(
    future: Future[tuple[list[Result], WorkerStats]], chunk: Chunk,
    watch: ChildMemoryWatch | None, limits: JobLimits,
) -> list[tuple[Result, WorkerStats | None]] | None:
    """What a finished future of a pebble pool gives: its chunk's results, or, for a chunk
    of one article, the Failure of a worker stopped at a limit or dead (no stats then: the
    worker is gone). None for a chunk of several stopped so: it is not known which article
    was to blame, so each is to run again alone."""
    try:
        results, stats = future.result()
        return [(result, stats) for result in results]
    except (TimeoutError, ProcessExpired) as error:
        if len(chunk) > 1:
            return None
        (task,) = chunk
        stopped = why_stopped(error, limits, watch)
        assert stopped is not None
        if stopped.reason is None:
            return [(Failure(task.id, task.source, WORKER_DIED, WORKER_DIED_TYPE), None)]
        kind = DEADLINE_EXCEEDED if stopped.limit == "deadline" else MEMORY_EXCEEDED
        return [(Failure(task.id, task.source, stopped.reason, kind), None)]
    except WorkerStartError as error:
        raise WorkerStartError(str(error)) from None  # not the worker's traceback
