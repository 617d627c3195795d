"""The Dask engine: the same per-article work as the local engine, on a Dask cluster.

Without a scheduler address it starts a ``LocalCluster`` of single-threaded worker processes
on this machine. With one (``tcp://scheduler:8786``) it uses any running cluster, however it
was deployed: dask-kubernetes, dask-jobqueue on Slurm, ``dask scheduler`` + ``dask worker``
by hand. Workers need unspun installed (``pip install 'unspun[dask]'``); each worker process
loads the models once, on its first task, and should run one thread
(``dask worker --nthreads 1``): the analyzer already uses the core it is given.

The driver stays where ``unspun batch`` runs: it reads the inputs, submits a bounded number
of tasks, and commits results as they come back, so resuming and exactly-once writing work as
with the local engine. A task whose worker dies is retried by Dask on other workers
(``distributed.scheduler.allowed-failures``, 3 by default); if Dask gives up on it while other
tasks were in flight, it is rerun alone, and only if it kills workers on its own does it come
back as a Failure row, as with the local engine. A cluster left with no worker at all for
``EngineConfig.worker_wait_s`` stops the run with :class:`~unspun.errors.ClusterLostError`;
what was analysed is kept, and the same command resumes.

Limits (``EngineConfig.limits``) are not enforced by this engine. Dask cannot stop a
running task short of killing its worker, and killing workers is what Dask's own memory
limit does. Tried with the nanny's limit set to the cap (a LocalCluster, spilling and
pausing off), an article over it had its worker killed and restarted again and again while
Dask retried it (``allowed-failures``) and this engine reran it alone; workers were absent
most of that time, and the no-worker watch below stopped the run (ClusterLostError) in 4 of
5 tries, once under its default 120 s patience. So a pathological article holds its Dask
worker until it is done, and the only memory bound is the workers' own: ``dask worker
--memory-limit`` on a cluster of yours; on the LocalCluster this engine starts, Dask's
default (the machine's memory shared among the workers, a worker killed at 95% of its
share), recorded as ``WorkerDied`` like any worker death. Use the local engine where the
limits matter; the driver says so in one line when a dask run has limits.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from unspun.batch.engine import (
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
from unspun.errors import ClusterLostError, UnsupportedError

# The analyzer of this worker process, made by its first task. A worker may run several
# threads, so the first load is locked: one analyzer, and one model load, per process.
_analyzer: AnalyzerLike | None = None
_analyzer_lock = threading.Lock()


def _analyse_on_worker(task: Task, factory: Callable[[], AnalyzerLike]) -> tuple[
    Result, WorkerStats
]:
    global _analyzer
    if _analyzer is None:
        with _analyzer_lock:
            if _analyzer is None:
                # Outside analyse_task on purpose: a worker that cannot load the models fails
                # the task as an exception, which stops the run, not as a bad-article row.
                try:
                    _analyzer = factory()
                except Exception as error:
                    raise start_failure(error) from None
    return analyse_task(_analyzer, task), worker_stats()


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
    """Runs tasks on a Dask distributed cluster, one analyzer per worker."""

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
                future = client.submit(
                    _analyse_on_worker, task, config.analyzer_factory, pure=False
                )
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
