"""The job pool: submissions become rows in the store and jobs on the worker pool, and
each finished job's result is written back to its row.

An input already analysed (same kind and bytes, same publication date given) is answered
from the store; failed ones are tried again. At most ``max_pending`` analyses wait at once;
beyond that a submission is refused with 503.

The pool runs jobs first in, first out, so the jobs this server has queued and not yet seen
finish, in the order it queued them, say where each stands (:meth:`Jobs.progress`): the
first ``workers`` of them are being analysed, the others wait their turn.
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
from dataclasses import dataclass
from typing import Literal

from unspun.ingest import is_url
from unspun.web import store as st
from unspun.web.errors import ApiError
from unspun.web.worker import AnalyzerFactory, Job, JobKind, JobResult, init_worker, run_job

log = logging.getLogger("unspun.web")

PoolKind = Literal["thread", "process"]


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
    ) -> None:
        self.store = store
        self.factory = factory
        self.workers = max(1, workers)
        self.pool = pool
        self.max_pending = max_pending
        self._pending = 0
        self._queued: dict[str, None] = {}  # unfinished jobs' ids, in the order queued
        self._lock = threading.Lock()
        self._executor = self._new_executor()

    def _new_executor(self) -> cf.Executor:
        if self.pool == "process":
            # spawn, not fork: the server process has threads, and forking those is unsafe.
            return cf.ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=init_worker,
                initargs=(self.factory, self.store.url),
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

        for _ in range(self.workers):
            self._executor.submit(warm_up)

    def shutdown(self) -> None:
        """Cancel what has not started and wait for what has (the store stays open)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def submit_input(
        self, kind: str, value: str, published: dt.date | None = None
    ) -> st.Analysis:
        """:meth:`submit` for a ``url``, ``text`` or ``html`` (any other kind) that a client
        typed or pasted: checked first."""
        if kind == "url":
            value = value.strip()
            if not is_url(value):
                raise ApiError(400, "url must be an absolute http:// or https:// URL")
            return self.submit("url", value, value, published=published)
        if not value.strip():
            raise ApiError(400, f"{kind} is empty")
        if kind == "text":
            return self.submit("text", value, "<pasted text>", published=published)
        return self.submit("html", value, "<pasted HTML>", published=published)

    def submit(
        self,
        kind: JobKind,
        payload: str | bytes,
        source: str,
        name: str | None = None,
        *,
        published: dt.date | None = None,
    ) -> st.Analysis:
        """The analysis for this input; queues it when it is new work. ``published`` is the
        publication date to use when the article states none: part of the input's key."""
        key = _input_key("text" if kind == "file" else kind, payload,
                         getattr(self.factory, "fingerprint", ""), published)
        existing = self.store.by_input_key(key)
        if existing is not None and existing.status not in st.ERROR_STATUSES:
            return existing
        with self._lock:
            if self._pending >= self.max_pending:
                raise ApiError(503, "the server is busy: too many analyses queued, retry later")
            self._pending += 1
        queued = False
        try:
            item, fresh = self.store.claim(key, kind, source)
            if fresh:
                self._queue(Job(item.id, kind, payload, name, published))
                queued = True
            return item
        finally:
            if not queued:
                with self._lock:
                    self._pending -= 1

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

    def _queue(self, job: Job) -> None:
        with self._lock:
            self._queued[job.id] = None
        try:
            try:
                future = self._executor.submit(run_job, job)
            except cf.BrokenExecutor:
                # A worker process died (killed for memory, say): start a fresh pool once.
                log.error("worker pool broken; restarting it")
                self._executor = self._new_executor()
                future = self._executor.submit(run_job, job)
        except BaseException:
            with self._lock:
                self._queued.pop(job.id, None)
            raise
        future.add_done_callback(functools.partial(self._finished, job.id))

    def _finished(self, ident: str, future: cf.Future[JobResult]) -> None:
        with self._lock:
            self._pending -= 1
        try:
            result = future.result()
        except BaseException:  # a dead worker or a cancelled job; never a client's business
            log.exception("analysis %s did not complete", ident)
            result = JobResult(ident, st.FAILED, error="the analysis did not complete")
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
        finally:
            # Only now: until its row says done, the job still counts as being analysed.
            with self._lock:
                self._queued.pop(ident, None)
