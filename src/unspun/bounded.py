"""Bounded work: a wall-clock deadline and a memory cap for every analysis.

One pathological input must not hold a worker for minutes or take the machine's memory:
each analysis (a web job, a batch article, a CLI run) runs under :class:`JobLimits`. A job
past either limit is stopped and recorded as failed with the reason
(:func:`deadline_reason`, :func:`memory_reason`), and its worker is replaced; jobs that were
only waiting are not touched.

Two ways to enforce them, by where the work runs:

* in worker processes (``unspun serve``, ``unspun batch``), the parent watches: the pool
  (pebble's) kills a worker whose task passes its deadline, and :class:`ChildMemoryWatch`
  kills a worker whose resident memory passes the cap, remembering why by pid;
* in this process (``unspun analyze``), :class:`SelfWatch` watches from a thread and ends
  the process with one line when a limit is passed.

The cap is on resident memory (RSS), not address space: onnxruntime and the BLAS libraries
reserve far more virtual memory than they touch, so ``RLIMIT_AS`` at any useful level makes
model loading fail while bounding nothing a user cares about.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Literal, TextIO

import psutil
from pebble import ProcessExpired

from unspun.errors import UnspunError

log = logging.getLogger("unspun")

DEFAULT_DEADLINE_S = 60.0
DEFAULT_MAX_RSS_MB = 1536


@dataclass(frozen=True)
class JobLimits:
    """What one analysis may take. ``None`` lifts a limit."""

    deadline_s: float | None = DEFAULT_DEADLINE_S
    """Wall-clock seconds from the start of the analysis (not from when it was queued). The
    longest article accepted (20,000 words) takes about 30 s on one core; a typical
    1,000-word article under 1 s."""
    max_rss_mb: int | None = DEFAULT_MAX_RSS_MB
    """Resident memory of the process doing the analysis, models included (about 450 MB
    loaded; a 20,000-word article peaks near 800 MB)."""

    def __post_init__(self) -> None:
        if self.deadline_s is not None and not self.deadline_s > 0:
            raise ValueError(f"deadline must be positive seconds, not {self.deadline_s}")
        if self.max_rss_mb is not None and self.max_rss_mb <= 0:
            raise ValueError(f"memory cap must be positive megabytes, not {self.max_rss_mb}")


UNLIMITED = JobLimits(None, None)


class LimitExceededError(UnspunError):
    """An analysis passed its deadline or memory cap and was stopped."""


def _amount(value: float) -> str:
    return f"{value:g}"


def deadline_reason(deadline_s: float) -> str:
    """The failure recorded for a job stopped at its deadline: "took longer than 60 s"."""
    return f"took longer than {_amount(deadline_s)} s"


def memory_reason(max_rss_mb: int) -> str:
    """The failure recorded for a job stopped at its memory cap: "needed more than 1.5 GB"."""
    if max_rss_mb >= 1024:
        return f"needed more than {_amount(round(max_rss_mb / 1024, 2))} GB"
    return f"needed more than {max_rss_mb} MB"


def rss_mb(pid: int | None = None) -> float | None:
    """Resident memory of process ``pid`` (this one by default) in MiB; None when it is
    gone."""
    try:
        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None


class ChildMemoryWatch:
    """Kills any direct child process of this one whose RSS passes ``max_rss_mb``.

    Polls from a daemon thread. :meth:`reason_for` says, for a pid it killed, why — so a
    pool that sees a worker die can record "needed more than 1.5 GB" instead of a crash.
    Direct children are the pool's workers (and, under the spawn start method, the small
    resource-tracker process, far below any useful cap).
    """

    def __init__(
        self,
        max_rss_mb: int,
        interval: float = 0.2,
        *,
        kill: Callable[[psutil.Process], object] | None = None,
    ) -> None:
        self.max_rss_mb = max_rss_mb
        self.interval = interval
        self._kill = kill or (lambda process: process.kill())
        """How to stop a child: a pool may need to hold a lock its workers share first, so
        that the killed worker cannot die holding it (pebble's channel lock). A hook that
        returns False could not stop it yet; it is tried again at the next poll."""
        self._killed: dict[int, str] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name="unspun-memory-watch")

    def start(self) -> ChildMemoryWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def reason_for(self, pid: int | None) -> str | None:
        """Why this watch killed process ``pid``, or None if it did not."""
        if pid is None:
            return None
        with self._lock:
            return self._killed.pop(pid, None)

    def check(self) -> list[int]:
        """Kill the children over the cap now; their pids."""
        killed: list[int] = []
        try:
            children = psutil.Process().children()
        except psutil.Error:
            return killed
        for child in children:
            try:
                over = child.memory_info().rss / 2**20 > self.max_rss_mb
                if over:
                    # Recorded before the kill, so that the pool, told of the death, finds it.
                    with self._lock:
                        self._killed[child.pid] = memory_reason(self.max_rss_mb)
                    if self._kill(child) is False:  # not now: the next poll tries again
                        with self._lock:
                            self._killed.pop(child.pid, None)
                        continue
                    killed.append(child.pid)
            except psutil.Error:
                continue  # it ended on its own meanwhile
        return killed

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:  # a kill hook that failed: keep watching the others
                log.exception("the memory watch could not stop a worker")


def pebble_worker_stopper(
    current_pool: Callable[[], object],
) -> Callable[[psutil.Process], bool]:
    """A ``kill`` for :class:`ChildMemoryWatch` over a pebble ``ProcessPool`` (5.2 or
    later): stops the worker the way pebble stops one at its deadline, only while holding
    the channel lock the workers share, so that it cannot die holding that lock and stall
    the others. When the lock is busy it stops nothing and says so (False); the watch
    tries again at its next poll. ``current_pool`` gives the pool in use (a pool that broke
    may have been replaced)."""

    def stop(process: psutil.Process) -> bool:
        manager = getattr(getattr(current_pool(), "_pool_manager", None), "worker_manager",
                          None)
        channel = getattr(manager, "workers_channel", None)
        if channel is None:  # pebble's layout changed, or the pool is closing
            process.kill()
            return True
        with channel.lock(block=False) as locked:
            if locked:
                process.kill()
            return bool(locked)

    return stop


@dataclass(frozen=True)
class Stopped:
    """Why a pool job ended without a result of its own."""

    limit: Literal["deadline", "memory"] | None
    """The limit it passed; None when its worker died on its own (a crash)."""
    reason: str | None
    """The limit's reason ("took longer than 60 s"); None for a crash, which each caller
    words for its users."""
    exitcode: int | None = None
    """The dead worker's exit code, for a crash."""


def why_stopped(
    error: BaseException, limits: JobLimits, watch: ChildMemoryWatch | None
) -> Stopped | None:
    """What an exception raised by a pebble future means: the job passed its deadline
    (pebble killed its worker), its memory cap (``watch`` killed the worker), or its worker
    died on its own; None for any other exception."""
    if isinstance(error, TimeoutError):
        assert limits.deadline_s is not None  # pebble times out only with a deadline
        return Stopped("deadline", deadline_reason(limits.deadline_s))
    if isinstance(error, ProcessExpired):
        why = watch.reason_for(error.pid) if watch is not None else None
        if why is not None:
            return Stopped("memory", why)
        return Stopped(None, None, error.exitcode)
    return None


def pool_broke(future: Future[Any]) -> bool:
    """Whether ``future`` ended because its process pool broke (pebble 5.2 ends the futures
    of a pool whose workers died holding no task with ``BrokenProcessPool``): its job never
    ran to any end of its own, so it is to be run again on a new pool, not failed."""
    return (future.done() and not future.cancelled()
            and isinstance(future.exception(), BrokenProcessPool))


def watch_parent(
    parent: int, interval: float = 1.0, exit: Callable[[int], object] = os._exit
) -> None:
    """Exit this process once its parent ``parent`` is gone (it is then re-parented, so
    ``os.getppid()`` changes): a worker must not outlive a killed ``unspun serve`` or
    ``unspun batch``, nor finish an article nobody will read.

    A polling thread rather than ``prctl(PR_SET_PDEATHSIG)``: that fires when the *thread*
    that started the worker ends, and pools start workers from short-lived threads."""
    while os.getppid() == parent:
        time.sleep(interval)
    log.warning("the parent process %d is gone; worker %d exits", parent, os.getpid())
    exit(1)


def start_parent_watch() -> None:
    """In a pool worker process: start :func:`watch_parent` on the process that started it
    (nothing in the main process)."""
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        threading.Thread(target=watch_parent, args=(parent.pid,), daemon=True,
                         name="unspun-parent-watch").start()


def _exit_with_line(line: str, stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stderr
    try:
        out.write(line + "\n")
        out.flush()
    finally:
        os._exit(LimitExceededError.exit_code)


class SelfWatch:
    """Watches this process's own run time and memory from a thread, for work done in this
    process (``unspun analyze``): when a limit is passed, ``on_exceed`` gets the reason;
    by default it writes ``unspun: <label>: <reason>`` on stderr and exits with code 2 at
    once (the work itself cannot be interrupted safely from another thread).

    Use as a context manager around the analysis; the clock starts on entry.
    """

    def __init__(
        self,
        limits: JobLimits,
        label: str = "analysis",
        *,
        interval: float = 0.1,
        on_exceed: Callable[[str], object] | None = None,
    ) -> None:
        self.limits = limits
        self.label = label
        self.interval = interval
        self.on_exceed = on_exceed or (
            lambda reason: _exit_with_line(f"unspun: {self.label}: {reason}"))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = 0.0

    def __enter__(self) -> SelfWatch:
        if self.limits.deadline_s is None and self.limits.max_rss_mb is None:
            return self
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name="unspun-self-watch")
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def reason(self) -> str | None:
        """The limit passed now, if any."""
        limits = self.limits
        if (limits.deadline_s is not None
                and time.monotonic() - self._started > limits.deadline_s):
            return deadline_reason(limits.deadline_s)
        if limits.max_rss_mb is not None:
            used = rss_mb()
            if used is not None and used > limits.max_rss_mb:
                return memory_reason(limits.max_rss_mb)
        return None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            why = self.reason()
            if why is not None:
                self.on_exceed(why)
                return
