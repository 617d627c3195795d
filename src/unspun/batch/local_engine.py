"""The local engine: a process pool on this machine (engine.py says what an engine must do)."""

from __future__ import annotations

import contextlib
import itertools
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from unspun.batch.engine import WORKER_DIED, AnalyzerLike, EngineConfig, analyse_task, worker_stats
from unspun.batch.tasks import Failure, Result, Task, WorkerStats

_BARREN_POOLS = 3
# How often the driver, waiting on the pool, looks whether Ctrl-C was pressed.
_INTERRUPT_POLL_S = 0.2

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


class LocalEngine:
    """A pool of worker processes on this machine, each holding its own analyzer.

    When a worker process dies, every task it shared the pool with fails with it and the
    culprit is unknown; those tasks are rerun one at a time in a fresh pool, so that only the
    article that kills a worker on its own is written off (as a Failure).
    """

    name = "local"

    def run(
        self, tasks: Iterable[Task], config: EngineConfig
    ) -> Iterator[tuple[Result, WorkerStats | None]]:
        import multiprocessing

        context = multiprocessing.get_context(config.mp_start_method)
        barren = 0  # pools in a row that died before finishing any task

        def new_pool() -> ProcessPoolExecutor:
            return ProcessPoolExecutor(
                max_workers=config.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(config.analyzer_factory,),
            )

        def replace_pool(old: ProcessPoolExecutor) -> ProcessPoolExecutor:
            nonlocal barren
            barren += 1
            if barren >= _BARREN_POOLS:
                # Not one bad article but a broken worker: a model that fails to load.
                raise RuntimeError(
                    f"worker processes died {barren} times in a row without finishing"
                    " an article; check that `unspun analyze` works on one file"
                )
            old.shutdown(wait=False, cancel_futures=True)
            return new_pool()

        limit = max(1, config.workers * config.in_flight_per_worker)
        pool = new_pool()
        pending: dict[Future[tuple[Result, WorkerStats]], Task] = {}
        suspects: deque[Task] = deque()  # in flight when a worker died: rerun one at a time
        source = iter(tasks)
        exhausted = False
        try:
            while True:
                rerunning = bool(suspects)
                with _sigint_deferred() as interrupted:
                    try:
                        if rerunning:
                            if not pending:
                                task = suspects.popleft()
                                pending[pool.submit(_run_in_worker, task)] = task
                        else:
                            # Top up to the in-flight limit: enough to keep every worker busy,
                            # few enough that pages wait in the input files, not in memory.
                            while not exhausted and len(pending) < limit:
                                fresh = next(source, None)
                                if fresh is None:
                                    exhausted = True
                                else:
                                    task = fresh  # the task to put back if submit() fails
                                    pending[pool.submit(_run_in_worker, task)] = task
                    except BrokenProcessPool:
                        # A worker died after the last wait() and the pool refused this task.
                        # It never ran, so it goes back to the head of its queue; the tasks in
                        # flight are reported broken by wait() below and handled there.
                        if rerunning:
                            suspects.appendleft(task)
                        else:
                            source = itertools.chain([task], source)
                        if not pending:
                            pool = replace_pool(pool)
                            continue
                    if not pending:
                        break
                    alone = len(pending) == 1
                    done: set[Future[tuple[Result, WorkerStats]]] = set()
                    while not done and not interrupted():
                        done, _ = wait(pending, _INTERRUPT_POLL_S, FIRST_COMPLETED)
                    if interrupted():
                        raise KeyboardInterrupt
                broken = False
                for future in done:
                    task = pending.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone:
                            yield Failure(task.id, task.source, WORKER_DIED, "WorkerDied"), None
                        else:
                            suspects.append(task)
                        continue
                    barren = 0
                    yield outcome
                if broken:
                    # Every other task in flight went down with the pool.
                    suspects.extend(pending.values())
                    pending.clear()
                    pool = replace_pool(pool)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
