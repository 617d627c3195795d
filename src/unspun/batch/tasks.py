"""The units of batch work: a task (one article to analyse) and what analysing it gives.

Tasks and results cross process boundaries (to worker processes, or to Dask workers on other
machines), so they are plain frozen dataclasses of picklable values and never hold open files
or models.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from unspun.ingest import Page


def task_id(identity: str) -> str:
    """The stable id of an article: sha256 of where it came from, so a rerun finds it again."""
    return hashlib.sha256(identity.encode("utf-8", errors="surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Task:
    """One article, already ingested (read, or fetched) and ready to analyse."""

    id: str
    source: str
    page: Page
    published: dt.date | None = None
    """The publication date to use when the article states none (``--date``)."""
    site: str | None = None
    """The site to use when the article names none (``--site``)."""


@dataclass(frozen=True)
class Failure:
    """An input that could not become a task, or a task whose analysis failed."""

    id: str
    source: str
    reason: str
    error_type: str


@dataclass(frozen=True)
class Analysed:
    """A task's rows for the ``articles`` and ``spans`` tables."""

    id: str
    source: str
    article: dict[str, Any]
    spans: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    """Seconds per analysis stage (see ``Analyzer.analyze_page``); never written."""


@dataclass(frozen=True)
class WorkerStats:
    """Per-result facts about the worker that produced it (for benchmarks, never written)."""

    pid: int
    peak_rss_kib: int
    cpu_s: float
    """CPU seconds the worker process has used so far (user + system)."""


Result = Analysed | Failure
