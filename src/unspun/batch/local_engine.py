"""The local engine: a process pool on this machine (engine.py says what an engine must do)."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait

from pebble import ProcessExpired, ProcessPool  # type: ignore[import-untyped]

from unspun.batch.engine import (
    DEADLINE_EXCEEDED,
    MEMORY_EXCEEDED,
    WORKER_DIED,
    WORKER_DIED_TYPE,
    AnalyzerLike,
    EngineConfig,
    WorkerStartError,
    analyse_task,
    start_failure,
    worker_stats,
)
from unspun.batch.tasks import Failure, Result, Task, WorkerStats
from unspun.bounded import (
    ChildMemoryWatch,
    JobLimits,
    deadline_reason,
    memory_reason,
    pebble_worker_stopper,
    start_parent_watch,
)

# Worker deaths in a row, with no article finished between them, that stop the run.
_BARREN_DEATHS = 3
# How often the driver, waiting on the pool, looks whether Ctrl-C was pressed.
_INTERRUPT_POLL_S = 0.2

# One analyzer per worker process, set by the pool initialiser; or why it could not be made.
_worker_analyzer: AnalyzerLike | None = None
_worker_failure: WorkerStartError | None = None


def _init_worker(factory: Callable[[], AnalyzerLike]) -> None:
    global _worker_analyzer, _worker_failure
    # Ctrl-C reaches the whole process group; the driver decides how to stop, and a worker
    # dying mid-task on SIGINT would only look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    start_parent_watch()
    try:
        _worker_analyzer = factory()
    except Exception as error:
        # Told to the driver with the first task: an initialiser that raises only gets its
        # traceback logged by pebble and its worker started again, or, with no task running,
        # the pool broken with every queued task left waiting.
        _worker_failure = start_failure(error)


def _run_in_worker(task: Task) -> tuple[Result, WorkerStats]:
    if _worker_failure is not None:
        raise _worker_failure
    assert _worker_analyzer is not None, "worker not initialised"
    return analyse_task(_worker_analyzer, task), worker_stats()


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[Callable[[], bool]]:
    """Within the block, Ctrl-C only sets a flag (the yielded callable reads it).

    A KeyboardInterrupt raised inside concurrent.futures (in ``wait()``, between taking two
    futures' locks) can leave a future's lock held; the pool's shutdown then waits on it
    forever. So the pool is driven with Ctrl-C deferred, and the engine raises
    KeyboardInterrupt itself where it holds no lock. Outside the main thread, or where
    SIGINT was given another handler, nothing changes.
    """
    received = False

    def note(signum: int, frame: object) -> None:
        nonlocal received
        received = True

    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield lambda: False
        return
    signal.signal(signal.SIGINT, note)
    try:
        yield lambda: received
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class _MemoryWatch(ChildMemoryWatch):
    """A ChildMemoryWatch that also counts its kills, so that workers killed before taking
    any article (models alone over the cap) can be told from workers that crash."""

    kills = 0

    def check(self) -> list[int]:
        killed = super().check()
        self.kills += len(killed)
        return killed


class _Deaths:
    """Worker deaths since the last finished article; enough in a row stop the run."""

    def __init__(self, watch: _MemoryWatch | None, limits: JobLimits) -> None:
        self.watch = watch
        self.limits = limits
        self.count = 0
        self._kills_before = 0

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


class LocalEngine:
    """A pool of worker processes on this machine (pebble's), each holding its own analyzer.

    Each article runs under ``config.limits``: pebble kills the worker of an article past
    its deadline, a :class:`~unspun.bounded.ChildMemoryWatch` kills one past the memory
    cap, and a worker may also die on its own (a native crash). Either way pebble names the
    article that worker held, which alone becomes a Failure (with the reason); the worker is
    replaced and the articles in flight on other workers, or waiting, go on.
    """

    name = "local"

    def run(
        self, tasks: Iterable[Task], config: EngineConfig
    ) -> Iterator[tuple[Result, WorkerStats | None]]:
        import multiprocessing

        context = multiprocessing.get_context(config.mp_start_method)
        limits = config.limits

        def new_pool() -> ProcessPool:
            return ProcessPool(max_workers=config.workers, initializer=_init_worker,
                               initargs=(config.analyzer_factory,), context=context)

        limit = max(1, config.workers * config.in_flight_per_worker)
        pool = new_pool()
        watch = None
        if limits.max_rss_mb is not None:
            # Killed the way pebble kills at a deadline, under the lock the workers share: a
            # worker killed holding it would stall the others.
            watch = _MemoryWatch(limits.max_rss_mb, kill=pebble_worker_stopper(lambda: pool))
            watch.start()
        deaths = _Deaths(watch, limits)
        pending: dict[Future[tuple[Result, WorkerStats]], Task] = {}
        again: deque[Task] = deque()  # held by a pool that broke, never finished: run again
        source = iter(tasks)
        try:
            while True:
                broken = False
                with _sigint_deferred() as interrupted:
                    # Top up to the in-flight limit: enough to keep every worker busy, few
                    # enough that pages wait in the input files, not in memory.
                    while len(pending) < limit:
                        task = again.popleft() if again else next(source, None)
                        if task is None:
                            break
                        try:
                            future = pool.schedule(_run_in_worker, args=(task,),
                                                   timeout=limits.deadline_s)
                        except RuntimeError:  # the pool broke since the last look
                            again.appendleft(task)
                            broken = True
                            break
                        pending[future] = task
                    if not pending and not again:
                        break
                    done: set[Future[tuple[Result, WorkerStats]]] = set()
                    while pending and not done and pool.active and not interrupted():
                        done, _ = wait(pending, _INTERRUPT_POLL_S, FIRST_COMPLETED)
                    if interrupted():
                        raise KeyboardInterrupt
                for future in [f for f in pending if f.done()]:
                    result, stats = self._outcome(future, pending.pop(future), watch, limits)
                    if isinstance(result, Failure) and result.error_type == WORKER_DIED_TYPE:
                        deaths.died()
                    else:
                        deaths.progress()
                    yield result, stats
                if broken or not pool.active:
                    # Pebble breaks the pool when a worker dies holding no article (its
                    # initialiser crashed, or it was killed while idle). The articles it
                    # held were all waiting, and will never finish there: run them again.
                    deaths.died()
                    again.extend(pending.values())
                    pending.clear()
                    pool.stop()
                    pool.join()
                    pool = new_pool()
        finally:
            if watch is not None:
                watch.stop()
            pool.stop()
            pool.join()

    @staticmethod
    def _outcome(
        future: Future[tuple[Result, WorkerStats]], task: Task,
        watch: ChildMemoryWatch | None, limits: JobLimits,
    ) -> tuple[Result, WorkerStats | None]:
        """What a finished future gives: its result, or the Failure of a worker stopped at
        a limit or dead (no stats then: the worker is gone)."""
        try:
            return future.result()
        except TimeoutError:
            assert limits.deadline_s is not None  # pebble times out only with a deadline
            reason = deadline_reason(limits.deadline_s)
            return Failure(task.id, task.source, reason, DEADLINE_EXCEEDED), None
        except ProcessExpired as error:
            why = watch.reason_for(error.pid) if watch is not None else None
            if why is not None:
                return Failure(task.id, task.source, why, MEMORY_EXCEEDED), None
            return Failure(task.id, task.source, WORKER_DIED, WORKER_DIED_TYPE), None
        except WorkerStartError as error:
            raise WorkerStartError(str(error)) from None  # not the worker's traceback
