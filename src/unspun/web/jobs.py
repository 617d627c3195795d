"""The job pool: submissions become rows in the store and jobs on the worker pool, and
each finished job's result is written back to its row.

An input already analysed (same kind and bytes, same publication date given) is answered
from the store; failed ones are tried again. At most ``max_pending`` analyses wait at once
(beyond that a submission is refused with 503), and at most ``max_queued_per_client`` of
them from one client (429).

The pool runs jobs first in, first out, so the jobs this server has queued and not yet seen
finish, in the order it queued them, say where each stands (:meth:`Jobs.progress`): the
first ``workers`` of them are being analysed, the others wait their turn.

Bounded jobs (:class:`~unspun.bounded.JobLimits`). In process mode (``unspun serve``) the
pool is pebble's: a job past its deadline has its worker killed, and a
:class:`~unspun.bounded.ChildMemoryWatch` kills a worker whose resident memory passes the
cap. Either way only that job fails, with the reason ("took longer than 60 s", "needed more
than 1.5 GB"); a fresh worker (its models loaded again) takes the next job, and the jobs
that were only queued stay queued, since none was handed to the dead worker. Should the
pool itself break (workers dying with no job to blame), it is replaced and its unfinished
jobs are scheduled again, a few times in a row at most.

A thread cannot be stopped from outside, so the thread mode (tests, in-memory databases)
enforces nothing: a job that ran past its deadline is recorded as failed once it ends, for
the same answer as the process mode, and memory is not capped at all.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import functools
import hashlib
import json
import logging
import multiprocessing
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from pebble import ProcessExpired, ProcessPool

from unspun.bounded import (
    ChildMemoryWatch,
    JobLimits,
    pebble_worker_stopper,
    pool_broke,
    why_stopped,
)
from unspun.ingest import is_url
from unspun.web import store as st
from unspun.web.errors import ApiError
from unspun.web.worker import (
    AnalyzerFactory,
    Job,
    JobKind,
    JobResult,
    init_worker,
    run_job,
    run_job_timed,
)

log = logging.getLogger("unspun.web")

PoolKind = Literal["thread", "process"]

BROKEN_POOLS_IN_A_ROW = 3
"""Pools that may break one after another, no job finishing between, before the server
stops replacing them on its own and fails the jobs they held (a model that cannot load)."""

GAVE_UP = ("the analysis workers keep stopping before they can take a job; "
           "the server log says why")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def published_date(value: str | None) -> dt.date | None:
    """The publication date a client gave (``YYYY-MM-DD``; empty is none), or a 422."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise invalid_published(text)


def invalid_published(given: object) -> ApiError:
    """The 422 for a publication date that is not a ``YYYY-MM-DD`` day of the calendar."""
    shown = json.dumps(given, ensure_ascii=False)
    shown = shown if len(shown) <= 42 else shown[:40] + "…"
    return ApiError(
        422, f"published must be a date written YYYY-MM-DD, such as 2024-03-14, not {shown}"
    )


def _input_key(
    kind: str, payload: str | bytes, config: str = "", published: dt.date | None = None
) -> str:
    # ``config`` is the analyzers' fingerprint: the same input under other layers or models
    # is other work, not a cached answer; so is the same input with another publication date.
    data = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
    prefix = f"{config}\0" if config else ""
    if published is not None:
        prefix += f"published={published.isoformat()}\0"
    return hashlib.sha256((prefix + kind).encode() + b"\0" + data).hexdigest()


@dataclass(frozen=True, slots=True)
class Progress:
    """How a pending analysis is getting on."""

    position: int | None
    """0 while a worker analyses it; n (1 or more) while it waits as the n-th in line; None
    when this server did not queue it (another server's job, sharing the database)."""
    elapsed: float
    """Seconds since it was queued."""

    def as_json(self) -> dict[str, int | float | None]:
        return {"queue_position": self.position, "elapsed_seconds": round(self.elapsed, 1)}


class Jobs:
    """The worker pool over the store; what the routes submit to."""

    def __init__(
        self,
        store: st.Store,
        factory: AnalyzerFactory,
        *,
        workers: int,
        pool: PoolKind,
        max_pending: int,
        limits: JobLimits | None = None,
        max_queued_per_client: int = 0,
    ) -> None:
        self.store = store
        self.factory = factory
        self.workers = max(1, workers)
        self.pool = pool
        self.max_pending = max_pending
        self.limits = limits if limits is not None else JobLimits()
        self.max_queued_per_client = max_queued_per_client
        self._pending = 0
        self._queued: dict[str, Job] = {}  # unfinished jobs, in the order queued
        self._futures: dict[str, cf.Future[JobResult]] = {}  # their futures in the pool
        self._client_of: dict[str, str] = {}
        self._per_client: Counter[str] = Counter()
        self._lock = threading.Lock()
        # Held while the pool is replaced, so that no job is scheduled on a dying one.
        self._pool_lock = threading.RLock()
        self._broken = 0
        self._closed = threading.Event()
        self._watch: ChildMemoryWatch | None = None
        if pool == "process" and self.limits.max_rss_mb is not None:
            self._watch = ChildMemoryWatch(
                self.limits.max_rss_mb, kill=pebble_worker_stopper(lambda: self._executor)
            ).start()
        self._executor = self._new_executor()
        if pool == "process":
            threading.Thread(target=self._supervise, daemon=True,
                             name="unspun-pool-supervisor").start()

    def _new_executor(self) -> ProcessPool | cf.ThreadPoolExecutor:
        if self.pool == "process":
            # spawn, not fork: the server process has threads, and forking those is unsafe.
            return ProcessPool(
                self.workers,
                initializer=init_worker,
                initargs=(self.factory, self.store.url),
                context=multiprocessing.get_context("spawn"),
            )
        return cf.ThreadPoolExecutor(
            self.workers,
            thread_name_prefix="unspun-analyze",
            initializer=init_worker,
            initargs=(self.factory, self.store.report_by_content),
        )

    def warm_up(self) -> None:
        """Start the workers (and load their models) before the first request needs them."""
        from unspun.web.worker import warm_up

        executor = self._executor
        if isinstance(executor, ProcessPool):
            _ = executor.active  # starts every worker, each running the initializer
            return
        for _ in range(self.workers):
            executor.submit(warm_up)

    def shutdown(self) -> None:
        """Stop the workers: jobs running or queued stay pending in the store, and a restart
        marks them interrupted (the store stays open)."""
        self._closed.set()
        if self._watch is not None:
            self._watch.stop()
        executor = self._executor
        if isinstance(executor, ProcessPool):
            executor.stop()
            executor.join()
        else:
            executor.shutdown(wait=True, cancel_futures=True)

    def submit_input(
        self,
        kind: str,
        value: str,
        published: dt.date | None = None,
        *,
        client: str | None = None,
    ) -> st.Analysis:
        """:meth:`submit` for a ``url``, ``text`` or ``html`` (any other kind) that a client
        typed or pasted: checked first."""
        if kind == "url":
            value = value.strip()
            if not is_url(value):
                raise ApiError(400, "url must be an absolute http:// or https:// URL")
            return self.submit("url", value, value, published=published, client=client)
        if not value.strip():
            raise ApiError(400, f"{kind} is empty")
        if kind == "text":
            return self.submit("text", value, "<pasted text>", published=published,
                               client=client)
        return self.submit("html", value, "<pasted HTML>", published=published, client=client)

    def submit(
        self,
        kind: JobKind,
        payload: str | bytes,
        source: str,
        name: str | None = None,
        *,
        published: dt.date | None = None,
        client: str | None = None,
    ) -> st.Analysis:
        """The analysis for this input; queues it when it is new work. ``published`` is the
        publication date to use when the article states none: part of the input's key.
        ``client`` is who submits (see :func:`unspun.web.auth.queue_key`): new work counts
        against its share of the queue until it finishes."""
        key = _input_key("text" if kind == "file" else kind, payload,
                         getattr(self.factory, "fingerprint", ""), published)
        existing = self.store.by_input_key(key)
        if existing is not None and existing.status not in st.ERROR_STATUSES:
            return existing
        self._reserve(client)
        queued = False
        try:
            item, fresh = self.store.claim(key, kind, source)
            if fresh:
                self._queue(Job(item.id, kind, payload, name, published), client)
                queued = True
            return item
        finally:
            if not queued:
                self._unreserve(client)

    def _reserve(self, client: str | None) -> None:
        """Count one more job waiting, for the server and for ``client``; 503 or 429 when
        either has too many."""
        cap = self.max_queued_per_client
        with self._lock:
            if self._pending >= self.max_pending:
                raise ApiError(503, "the server is busy: too many analyses queued, retry later")
            if client is not None and cap > 0 and self._per_client[client] >= cap:
                raise ApiError(
                    429,
                    f"you have {cap} analyses waiting or running, the most one client may:"
                    " submit more once some have finished",
                )
            self._pending += 1
            if client is not None:
                self._per_client[client] += 1

    def _unreserve(self, client: str | None) -> None:
        with self._lock:
            self._pending -= 1
            if client is not None:
                self._per_client[client] -= 1
                if self._per_client[client] <= 0:
                    del self._per_client[client]

    def progress(self, item: st.Analysis, now: float | None = None) -> Progress:
        """Where pending analysis ``item`` stands in this server's queue, and for how long.

        First in, first out: of the jobs queued here and not finished, the oldest
        ``workers`` are being analysed and the others wait in the order they came.
        """
        elapsed = max(0.0, (time.time() if now is None else now) - item.updated)
        with self._lock:
            ahead = next((n for n, key in enumerate(self._queued) if key == item.id), None)
        if ahead is None:
            return Progress(None, elapsed)
        return Progress(0 if ahead < self.workers else ahead - self.workers + 1, elapsed)

    def _queue(self, job: Job, client: str | None) -> None:
        with self._lock:
            self._queued[job.id] = job
            if client is not None:
                self._client_of[job.id] = client
        try:
            with self._pool_lock:
                if isinstance(self._executor, ProcessPool) and not self._executor.active:
                    self._replace_pool()
                future = self._schedule(job)
        except BaseException:
            with self._lock:
                self._queued.pop(job.id, None)
                self._client_of.pop(job.id, None)
            raise
        future.add_done_callback(functools.partial(self._finished, job.id))

    def _schedule(self, job: Job) -> cf.Future[JobResult]:
        """Hand ``job`` to the pool (under the pool lock) and remember its future."""
        executor = self._executor
        future: cf.Future[JobResult]
        if isinstance(executor, ProcessPool):
            # The deadline runs from when a worker takes the job, not from when it queued.
            future = executor.schedule(run_job, args=(job,), timeout=self.limits.deadline_s)
        else:
            future = executor.submit(run_job_timed, job, self.limits.deadline_s)
        with self._lock:
            self._futures[job.id] = future
        return future

    def _supervise(self) -> None:
        """Replace a broken process pool (one that lost its workers with no job to blame,
        which pebble cannot recover from) and schedule its unfinished jobs again; after
        :data:`BROKEN_POOLS_IN_A_ROW` in a row, fail them instead."""
        while not self._closed.wait(0.5):
            with self._pool_lock:
                executor = self._executor
                if self._closed.is_set() or not isinstance(executor, ProcessPool):
                    return
                if executor.active:
                    continue
                if self._broken < BROKEN_POOLS_IN_A_ROW:
                    self._replace_pool()
                else:
                    self._fail_unfinished(GAVE_UP)

    def _replace_pool(self) -> None:
        """A new pool for the broken one; its unfinished jobs go on the new one (under the
        pool lock)."""
        old = self._executor
        self._broken += 1
        log.error("the analysis worker pool broke (%d in a row); starting a new one",
                  self._broken)
        self._executor = self._new_executor()
        # Stopping the old pool waits for its workers to end: not in a request's time.
        threading.Thread(target=_discard, args=(old,), daemon=True).start()
        with self._lock:
            stranded = [self._queued[ident] for ident, future in self._futures.items()
                        if (not future.done() or pool_broke(future)) and ident in self._queued]
        for job in stranded:
            self._schedule(job).add_done_callback(functools.partial(self._finished, job.id))

    def _fail_unfinished(self, reason: str) -> None:
        with self._lock:
            stranded = [ident for ident, future in self._futures.items()
                        if not future.done() or pool_broke(future)]
        for ident in stranded:
            self._record(JobResult(ident, st.FAILED, error=reason))

    def _finished(self, ident: str, future: cf.Future[JobResult]) -> None:
        if pool_broke(future):
            return  # the supervisor schedules it again on a new pool
        with self._lock:
            if self._futures.get(ident) is not future:
                return  # scheduled again on a new pool, or given up: not this one's to say
            self._broken = 0
        self._record(self._result(ident, future))

    def _result(self, ident: str, future: cf.Future[JobResult]) -> JobResult:
        """What a finished future says of job ``ident``: its result, or why it has none."""
        try:
            return future.result()
        except (cf.TimeoutError, ProcessExpired) as error:
            stopped = why_stopped(error, self.limits, self._watch)
            assert stopped is not None
            reason = stopped.reason or (
                f"the analysis worker stopped unexpectedly (exit code {stopped.exitcode})"
            )
        except BaseException:  # a cancelled job or a pool's own trouble; never a client's
            log.exception("analysis %s did not complete", ident)
            return JobResult(ident, st.FAILED, error="the analysis did not complete")
        log.warning("analysis %s failed: %s; its worker was replaced", ident, reason)
        return JobResult(ident, st.FAILED, error=reason)

    def _record(self, result: JobResult) -> None:
        """Write ``result`` to its row, then let the job go from the queue."""
        ident = result.id
        try:
            self.store.finish(
                ident,
                status=result.status,
                error=result.error,
                report_json=result.report_json,
                content_hash=result.content_hash,
                title=result.title,
                site=result.site,
                url=result.url,
                figures=result.figures,
            )
        except Exception:
            log.exception("could not store analysis %s", ident)
        # Only now: until its row says done, the job still counts as being analysed.
        with self._lock:
            if self._queued.pop(ident, None) is None:
                return  # recorded already (given up on, then finished after all)
            self._futures.pop(ident, None)
            client = self._client_of.pop(ident, None)
        self._unreserve(client)


def _discard(pool: ProcessPool) -> None:
    try:
        pool.stop()
        pool.join()
    except Exception:
        log.exception("could not stop a broken worker pool")
