"""The local engine: a process pool on this machine (engine.py says what an engine must do)."""

from __future__ import annotations

import contextlib
import itertools
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait

from pebble import ProcessPool

from unspun.batch.engine import (
    Chunk,
    CountingMemoryWatch,
    EngineConfig,
    WorkerDeaths,
    chunk_deadline,
    init_pool_worker,
    pool_outcome,
    run_in_pool_worker,
)
from unspun.batch.tasks import Result, Task, WorkerStats
from unspun.bounded import pebble_worker_stopper, pool_broke

# How often the driver, waiting on the pool, looks whether Ctrl-C was pressed.
_INTERRUPT_POLL_S = 0.2


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


def _chunks(tasks: Iterator[Task], size: int) -> Iterator[Chunk]:
    """*tasks* in chunks of *size* (the last may be smaller)."""
    while chunk := tuple(itertools.islice(tasks, size)):
        yield chunk


class LocalEngine:
    """A pool of worker processes on this machine (pebble's), each holding its own analyzer.

    Each article runs under ``config.limits``: pebble kills the worker of an article past
    its deadline, a :class:`~unspun.bounded.ChildMemoryWatch` kills one past the memory
    cap, and a worker may also die on its own (a native crash). Either way pebble names the
    article that worker held, which alone becomes a Failure (with the reason); the worker is
    replaced and the articles in flight on other workers, or waiting, go on.

    With ``config.articles_per_call`` k above 1 a worker takes k articles per call, with k
    times the deadline; a call stopped at a limit, or whose worker dies, is not yet any
    article's Failure: its articles go back to the front of the queue, one per call, and
    meet the limits each on its own.
    """

    name = "local"

    def run(
        self, tasks: Iterable[Task], config: EngineConfig
    ) -> Iterator[tuple[Result, WorkerStats | None]]:
        import multiprocessing

        context = multiprocessing.get_context(config.mp_start_method)
        limits = config.limits

        def new_pool() -> ProcessPool:
            return ProcessPool(max_workers=config.workers, initializer=init_pool_worker,
                               initargs=(config.analyzer_factory,), context=context)

        # Enough articles in flight to keep every worker busy, few enough that pages wait in
        # the input files, not in memory; with several articles per call, two calls per
        # worker at least, so that one is ready as soon as the other is done.
        per_call = config.articles_per_call
        calls = -(-config.in_flight_per_worker // per_call)
        limit = max(1, config.workers * (max(2, calls) if per_call > 1 else calls))
        pool = new_pool()
        watch = None
        if limits.max_rss_mb is not None:
            # Killed the way pebble kills at a deadline, under the lock the workers share: a
            # worker killed holding it would stall the others.
            watch = CountingMemoryWatch(limits.max_rss_mb, kill=pebble_worker_stopper(lambda: pool))
            watch.start()
        deaths = WorkerDeaths(watch, limits)
        pending: dict[Future[tuple[list[Result], WorkerStats]], Chunk] = {}
        again: deque[Chunk] = deque()  # held by a pool that broke, or a chunk that was stopped
        source = _chunks(iter(tasks), per_call)
        try:
            while True:
                broken = False
                with _sigint_deferred() as interrupted:
                    while len(pending) < limit:
                        chunk = again.popleft() if again else next(source, None)
                        if chunk is None:
                            break
                        try:
                            future = pool.schedule(run_in_pool_worker, args=(chunk,),
                                                   timeout=chunk_deadline(chunk, limits))
                        except RuntimeError:  # the pool broke since the last look
                            again.appendleft(chunk)
                            broken = True
                            break
                        pending[future] = chunk
                    if not pending and not again:
                        break
                    done: set[Future[tuple[list[Result], WorkerStats]]] = set()
                    while pending and not done and pool.active and not interrupted():
                        done, _ = wait(pending, _INTERRUPT_POLL_S, FIRST_COMPLETED)
                    if interrupted():
                        raise KeyboardInterrupt
                for finished in [f for f in pending if f.done()]:
                    chunk = pending.pop(finished)
                    if pool_broke(finished):  # never ran to an end of its own
                        again.append(chunk)
                        broken = True
                        continue
                    outcomes = pool_outcome(finished, chunk, watch, limits)
                    if outcomes is None:  # stopped with several articles: each alone
                        again.extendleft((task,) for task in reversed(chunk))
                        continue
                    for result, stats in outcomes:
                        deaths.record(result)
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
