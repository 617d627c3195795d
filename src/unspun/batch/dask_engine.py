"""The Dask engine: the same per-article work as the local engine, on a Dask cluster.

Without a scheduler address it starts a ``LocalCluster`` of single-threaded worker processes
on this machine. With one (``tcp://scheduler:8786``) it uses any running cluster, however it
was deployed: dask-kubernetes, dask-jobqueue on Slurm, ``dask scheduler`` + ``dask worker``
by hand. Workers need unspun installed (``pip install 'unspun[dask]'``); each worker process
loads the models once, on its first task (in its sub-worker, below), and should run one
thread (``dask worker --nthreads 1``): the analyzer already uses the core it is given.

The driver stays where ``unspun batch`` runs: it reads the inputs, submits a bounded number
of tasks, and commits results as they come back, so resuming and exactly-once writing work as
with the local engine. A task whose Dask worker dies (the machine's out-of-memory killer, or
Dask's own ``--memory-limit``, which sees the Dask worker process but not its sub-worker) is
retried by Dask on other workers (``distributed.scheduler.allowed-failures``, 3 by default);
if Dask gives up on it while other tasks were in flight, it is rerun alone, and only if it
kills workers on its own does it come back as a Failure row, as with the local engine. A
cluster left with no worker at all for ``EngineConfig.worker_wait_s`` stops the run with
:class:`~unspun.errors.ClusterLostError`; what was analysed is kept, and the same command
resumes.

Each article runs under ``EngineConfig.limits`` without killing a Dask worker: Dask cannot
stop a running task short of killing its worker, and a killed worker makes Dask retry the
task on other workers and restart workers, again and again for an article over a limit
(tried with the nanny's memory limit at the cap, on a LocalCluster with spilling and pausing
off: workers were absent most of the time, and the no-worker watch below stopped the run,
:class:`~unspun.errors.ClusterLostError`, in 4 of 5 tries). So each Dask worker process
runs the analysis in a supervised sub-worker of its own, as the local engine does on this
machine: a pebble pool of one process, started on its first task, which holds the models
instead of the Dask worker (with the shipped models, a Dask worker and its sub-worker peaked
at 472 MiB together, against 387 MiB for a Dask worker holding them itself: the second
interpreter), kills the sub-worker of an article past its deadline, and, with a
:class:`~unspun.bounded.ChildMemoryWatch` in the Dask worker, one past the memory cap. The
article becomes a Failure (``DeadlineExceeded``, ``MemoryExceeded``, or ``WorkerDied`` for a
crash), returned as an ordinary task result, pebble starts a new sub-worker (which loads the
models again), and Dask sees no worker die. Sub-workers that keep dying before they finish
an article (models that fail to load, or need more than the cap) stop the run with
:class:`~unspun.batch.engine.WorkerStartError`, as local workers do. A Dask worker with
several threads analyses one article at a time under limits. With the limits lifted (no
deadline, no cap) the articles run in the Dask worker process itself, as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import wait
from typing import Any

from pebble import ProcessPool

from unspun.batch.engine import (
    WORKER_DIED,
    WORKER_DIED_TYPE,
    AnalyzerLike,
    CountingMemoryWatch,
    EngineConfig,
    WorkerDeaths,
    WorkerStartError,
    analyse_task,
    init_pool_worker,
    pool_outcome,
    run_in_pool_worker,
    start_failure,
    worker_stats,
)
from unspun.batch.tasks import Failure, Result, Task, WorkerStats
from unspun.bounded import UNLIMITED, JobLimits, pebble_worker_stopper, pool_broke
from unspun.errors import ClusterLostError, UnsupportedError

# How often a Dask worker, waiting on its sub-worker, looks whether the sub-worker's pool
# broke (pebble's pool breaks when its worker dies holding no article).
_POOL_POLL_S = 0.2

# This Dask worker process's state, made by its first task: without limits, its analyzer;
# with limits, the sub-worker that holds one. A worker may run several threads, so the
# first load is locked: one analyzer, and one model load, per process.
_analyzer: AnalyzerLike | None = None
_supervised: _SubWorker | None = None
_first_lock = threading.Lock()


def _analyse_on_worker(
    task: Task, factory: Callable[[], AnalyzerLike], limits: JobLimits
) -> tuple[Result, WorkerStats | None]:
    global _analyzer, _supervised
    if limits != UNLIMITED:
        with _first_lock:
            if _supervised is None:
                _supervised = _SubWorker(factory)
        return _supervised.analyse(task, limits)
    if _analyzer is None:
        with _first_lock:
            if _analyzer is None:
                # Outside analyse_task on purpose: a worker that cannot load the models fails
                # the task as an exception, which stops the run, not as a bad-article row.
                try:
                    _analyzer = factory()
                except Exception as error:
                    raise start_failure(error) from None
    return analyse_task(_analyzer, task), worker_stats()


def _allow_children() -> None:
    """Let this process start processes of its own.

    Dask starts its worker processes daemonic (``distributed.worker.daemon``), and
    multiprocessing refuses children to a daemonic process, lest it be ended abruptly and
    orphan them. The sub-worker does not outlive it: it watches its parent
    (``init_pool_worker`` starts :func:`~unspun.bounded.watch_parent`), and pebble stops it
    when this process exits."""
    process = multiprocessing.current_process()
    process._config["daemon"] = False  # type: ignore[attr-defined]


class _SubWorker:
    """The analysis process of one Dask worker process, under the limits: a pebble pool of
    one worker that holds the analyzer, and a memory watch beside it in the Dask worker."""

    def __init__(self, factory: Callable[[], AnalyzerLike]) -> None:
        _allow_children()
        self.factory = factory
        self.pool = self._new_pool()
        self.watch: CountingMemoryWatch | None = None
        self.deaths: WorkerDeaths | None = None
        self.lock = threading.Lock()

    def _new_pool(self) -> ProcessPool:
        # Spawn, not fork: the Dask worker runs threads (its event loop, its executor),
        # and a fork copies their locks in whatever state they are.
        return ProcessPool(max_workers=1, initializer=init_pool_worker,
                           initargs=(self.factory,),
                           context=multiprocessing.get_context("spawn"))

    def _bound(self, limits: JobLimits) -> WorkerDeaths:
        """Hold the sub-worker to the memory cap of *limits* (a later run on the same
        cluster may set another); the count of its deaths under that cap."""
        if self.deaths is not None and self.deaths.limits.max_rss_mb == limits.max_rss_mb:
            return self.deaths
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
        if limits.max_rss_mb is not None:
            self.watch = CountingMemoryWatch(limits.max_rss_mb,
                                             kill=pebble_worker_stopper(lambda: self.pool))
            self.watch.start()
        self.deaths = WorkerDeaths(self.watch, limits)
        return self.deaths

    def analyse(self, task: Task, limits: JobLimits) -> tuple[Result, WorkerStats | None]:
        """Analyse *task* in the sub-worker; an article over a limit, or one that kills the
        sub-worker, is a Failure. Raises WorkerStartError when sub-workers keep dying with
        no article finished (models that fail to load, or need more than the cap)."""
        with self.lock:  # one article at a time: the pool has one process
            deaths = self._bound(limits)
            while True:
                if not self.pool.active:
                    self.pool.stop()
                    self.pool.join()
                    self.pool = self._new_pool()
                outcome = self._attempt(task, limits)
                if outcome is not None:
                    deaths.record(outcome[0])
                    return outcome
                # The sub-worker died before it took the article (while loading the models,
                # or killed idle): the article is not to blame, and runs again.
                deaths.died()

    def _attempt(
        self, task: Task, limits: JobLimits
    ) -> tuple[Result, WorkerStats | None] | None:
        """The outcome of *task* in the pool as it is, or None if the pool broke first."""
        try:
            future = self.pool.schedule(run_in_pool_worker, args=((task,),),
                                        timeout=limits.deadline_s)
        except RuntimeError:  # the pool broke since the last look
            return None
        while not future.done():
            if not self.pool.active:
                return None
            wait([future], _POOL_POLL_S)
        if pool_broke(future):
            return None
        outcomes = pool_outcome(future, (task,), self.watch, limits)
        assert outcomes is not None  # a chunk of one always has its outcome
        (outcome,) = outcomes
        return outcome


# How often the driver, waiting for a result, looks whether one is ready, and how often it
# asks the scheduler whether any worker is left.
_READY_POLL_S = 0.02
_WORKER_POLL_S = 1.0


class _WorkerWatch:
    """Waits on the cluster's results; stops the run once the cluster has had no worker for
    *patience* seconds.

    Without it the driver waits forever on a task no worker will ever run: a LocalCluster's
    nanny restarts a worker that dies, but under heavy load one was seen to leave the
    cluster with none. The patience is for clusters that grow from no worker (adaptive
    deployments) and for a restart in progress.
    """

    def __init__(self, client: Any, patience: float) -> None:
        self.client = client
        self.patience = patience
        self.idle_since: float | None = None

    def check(self) -> None:
        if self.client.nthreads():
            self.idle_since = None
            return
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        elif now - self.idle_since >= self.patience:
            raise ClusterLostError(
                f"the Dask cluster has had no worker for {self.patience:g} s, so the run"
                " stopped; what was analysed is kept, and the same command resumes"
            )

    def next_done(self, completed: Any) -> Any:
        """The next future of *completed* to finish, as ``next(completed)``, but watched."""
        checked = time.monotonic()
        while not completed.has_ready():
            time.sleep(_READY_POLL_S)
            if time.monotonic() - checked >= _WORKER_POLL_S:
                self.check()
                checked = time.monotonic()
        return next(completed)

    def result(self, future: Any) -> Any:
        """``future.result()``, watched: a finished task whose worker died since is computed
        again, which needs a worker."""
        while True:
            try:
                return future.result(timeout=_WORKER_POLL_S)
            except TimeoutError:
                self.check()


class DaskEngine:
    """Runs tasks on a Dask distributed cluster, one analyzer per worker, one article per
    Dask task (``EngineConfig.articles_per_call`` is the local engine's only)."""

    name = "dask"

    def run(
        self, tasks: Iterable[Task], config: EngineConfig
    ) -> Iterator[tuple[Result, WorkerStats | None]]:
        try:
            from distributed import Client, KilledWorker, LocalCluster, as_completed
        except ImportError as exc:  # the extra is optional
            raise UnsupportedError(
                "the dask engine needs Dask: pip install 'unspun[dask]'"
            ) from exc

        cluster = None
        if config.scheduler:
            client = Client(config.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=config.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        pending: dict[Any, Task] = {}
        try:
            workers = len(client.scheduler_info().get("workers", {})) or config.workers
            limit = max(1, workers * config.in_flight_per_worker)
            completed = as_completed()
            watch = _WorkerWatch(client, config.worker_wait_s)
            source = iter(tasks)
            # Tasks that Dask gave up on while others were in flight: a worker that dies takes
            # the tasks queued on it along, so an innocent article can collect as many worker
            # deaths as the one that kills. Each is rerun alone before it is written off.
            suspects: deque[Task] = deque()
            alone: set[Any] = set()  # futures of suspects, run with nothing else in flight

            def submit(task: Task) -> Any:
                # pure=False: two inputs may hold the same bytes, and each is its own row.
                future = client.submit(_analyse_on_worker, task, config.analyzer_factory,
                                       config.limits, pure=False)
                pending[future] = task
                completed.add(future)
                return future

            def top_up() -> None:
                if suspects:
                    if not pending:
                        alone.add(submit(suspects.popleft()))
                    return
                while len(pending) < limit:
                    task = next(source, None)
                    if task is None:
                        return
                    submit(task)

            top_up()
            while pending:
                future = watch.next_done(completed)
                if future.status not in ("finished", "error"):
                    # Its worker died after finishing it, taking the result along; Dask is
                    # computing it again, so wait for it once more.
                    completed.add(future)
                    continue
                task = pending.pop(future)
                try:
                    outcome = watch.result(future)
                except KilledWorker:
                    # The task's own errors are Failures already. KilledWorker means workers
                    # kept dying while this article was on them; any other exception is the
                    # cluster's trouble, not the article's, and must not be written off.
                    if future in alone:
                        yield Failure(task.id, task.source, WORKER_DIED, WORKER_DIED_TYPE), None
                    else:
                        suspects.append(task)
                except WorkerStartError as error:
                    raise WorkerStartError(str(error)) from None  # not the worker's traceback
                else:
                    yield outcome
                alone.discard(future)
                future.release()
                top_up()
        finally:
            for future in pending:
                future.cancel()
            client.close()
            if cluster is not None:
                cluster.close()
