"""Analysis off the event loop: a pool of workers, each holding one Analyzer.

The pool is a process pool for ``unspun serve`` (parallel on several cores, a crash or a
leak in the models cannot take the server down, and a job past its deadline or memory cap
can be stopped by killing its worker) or a thread pool (tests, in-memory databases). Either
way the Analyzer is created once per worker by the initializer, never per request. Workers
return plain data (:class:`JobResult`); only the server process writes to the database, so
SQLite sees a single writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from unspun.bounded import deadline_reason, start_parent_watch
from unspun.errors import (
    FetchError,
    InputError,
    RefusedURLError,
    UnspunError,
    UnsupportedError,
)
from unspun.extract.normalise import norm_label
from unspun.ingest import IngestOptions, Page
from unspun.ingest.files import read_text
from unspun.report import Report
from unspun.web import store as st
from unspun.web.figures import figures_of

log = logging.getLogger("unspun.web")

JobKind = Literal["url", "text", "html", "file"]


class AnalyzerLike(Protocol):
    """What the server needs of an Analyzer (tests pass fast fakes)."""

    @property
    def ingest_options(self) -> IngestOptions: ...

    def pages(self, source: Any, **options: Any) -> Iterator[Page]: ...

    def analyze_page(self, page: Page, *, published: dt.date | None = None) -> Report: ...


AnalyzerFactory = Callable[[], AnalyzerLike]
ReportLookup = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    kind: JobKind
    payload: str | bytes
    name: str | None = None  # the uploaded file's name, shown as the source
    published: dt.date | None = None
    """The publication date the client gave, used when the article states none."""


@dataclass(frozen=True, slots=True)
class JobResult:
    id: str
    status: str
    error: str | None = None
    report_json: str | None = None
    content_hash: str | None = None
    title: str | None = None
    site: str | None = None
    url: str | None = None
    figures: st.Figures | None = None
    """What the history shows of the report, counted here rather than in the server."""


_local = threading.local()


def init_worker(factory: AnalyzerFactory, lookup: ReportLookup | str | None) -> None:
    """Pool initializer: build this worker's Analyzer and load its models now, not on the
    first request. ``lookup`` is a database URL in a worker process."""
    start_parent_watch()
    _local.analyzer = factory()
    if isinstance(lookup, str):
        _local.lookup = st.Store(lookup).report_by_content
    else:
        _local.lookup = lookup
    # Every model now, not on the first request; fakes simply have nothing to load.
    load = getattr(_local.analyzer, "load", None)
    if callable(load):
        load()


def warm_up() -> bool:
    return getattr(_local, "analyzer", None) is not None


def content_hash(page: Page, config: str = "", published: dt.date | None = None) -> str:
    """The key of a page's report: its content, and the analyzer's fingerprint if it has one
    (the same page under other layers or models has another report), and the publication
    date the client gave if any (relative dates resolve against it)."""
    digest = hashlib.sha256()
    if config:
        digest.update(config.encode() + b"\0")
    if published is not None:
        digest.update(f"published={published.isoformat()}".encode() + b"\0")
    digest.update(page.media_type.encode())
    digest.update(b"\0")
    digest.update(page.body)
    return digest.hexdigest()


def _first_page(analyzer: AnalyzerLike, job: Job) -> Page:
    pages: Iterator[Page]
    if job.kind == "text":
        # Never analyzer.pages(text): a pasted "/etc/passwd" would be read as a path.
        assert isinstance(job.payload, str)
        pages = read_text(job.payload, analyzer.ingest_options)
    elif job.kind == "html":
        assert isinstance(job.payload, str)
        pages = analyzer.pages(job.payload.encode("utf-8"))
    elif job.kind == "file":
        assert isinstance(job.payload, bytes)
        pages = analyzer.pages(job.payload)
    else:
        assert isinstance(job.payload, str)
        pages = analyzer.pages(job.payload)
    # A WARC may hold several articles; the web view shows the first one.
    page = next(pages, None)
    if page is None:
        raise InputError("no article found in the input")
    if job.kind == "file" and job.name:
        page = dataclasses.replace(page, source=f"{job.name} ({page.source})")
    elif job.kind == "html":
        page = dataclasses.replace(page, source="<pasted HTML>")
    return page


def _first_words(text: str, limit: int = 80) -> str | None:
    """A stand-in title for pasted text, so the history lists something recognisable."""
    line = next((norm_label(ln) for ln in text.splitlines() if norm_label(ln)), "")
    if len(line) <= limit:
        return line or None
    return line[:limit].rsplit(" ", 1)[0] + "…"


def _status_of(error: UnspunError) -> str:
    if isinstance(error, RefusedURLError):
        return st.REFUSED
    if isinstance(error, FetchError):
        return st.FETCH_FAILED
    if isinstance(error, UnsupportedError):
        return st.UNSUPPORTED
    return st.INVALID


def run_job(job: Job) -> JobResult:
    """Analyse one submission; never raises (a bug becomes a generic failure)."""
    analyzer: AnalyzerLike = _local.analyzer
    lookup: ReportLookup | None = _local.lookup
    try:
        page = _first_page(analyzer, job)
        digest = content_hash(page, getattr(analyzer, "fingerprint", ""), job.published)
        cached = lookup(digest) if lookup is not None else None
        if cached is not None:
            report = Report.model_validate_json(cached)
            report_json = cached
        else:
            report = analyzer.analyze_page(page, published=job.published)
            report_json = report.model_dump_json()
        figures = figures_of(report)
    except UnspunError as error:
        return JobResult(job.id, _status_of(error), error=str(error))
    except Exception:
        # Details go to the server log only: clients never see internals.
        log.exception("analysis %s failed", job.id)
        return JobResult(job.id, st.FAILED, error="internal error while analysing this input")
    doc = report.document
    fetched = job.payload if job.kind == "url" and isinstance(job.payload, str) else None
    return JobResult(
        job.id,
        st.DONE,
        report_json=report_json,
        content_hash=digest,
        title=doc.title or _first_words(doc.text),
        site=doc.site,
        url=doc.url or fetched,
        figures=figures,
    )


def run_job_timed(job: Job, deadline_s: float | None) -> JobResult:
    """:func:`run_job` in a thread, which nothing can stop at its deadline: a job that ran
    past it is recorded as failed once it ends, as the process pool would have stopped it,
    so the client gets the same answer either way."""
    started = time.monotonic()
    result = run_job(job)
    taken = time.monotonic() - started
    if deadline_s is None or taken <= deadline_s:
        return result
    log.warning("analysis %s took %.1f s, past its deadline, which threads cannot enforce",
                job.id, taken)
    return JobResult(job.id, st.FAILED, error=deadline_reason(deadline_s))
