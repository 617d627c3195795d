"""Batch analysis of many articles into Parquet tables, resumable and exactly once.

    from unspun.batch import run_batch
    summary = run_batch(["corpus/", "crawl.warc.gz"], Path("out"), workers=2)

Tables under the output folder (read them with :func:`read_table`, which sees committed
chunks only): ``articles`` (one row per article), ``spans`` (one row per span of every
layer) and ``errors`` (one row per input that could not be analysed).

Each chunk's manifest records the size, row count and SHA-256 of its Parquet files; every
run checks them and redoes the articles of a damaged or missing part, and a refused write
(disk full, permission) raises :class:`OutputError`, resumable (store.py has the format).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from unspun.batch.engine import (
        AnalyzerLike,
        Engine,
        EngineConfig,
        analyse_task,
        default_analyzer_factory,
    )
    from unspun.batch.local_engine import LocalEngine
    from unspun.batch.rows import report_from_row
    from unspun.batch.run import BatchSummary, run_batch
    from unspun.batch.schemas import ARTICLES_SCHEMA, ERRORS_SCHEMA, SPANS_SCHEMA
    from unspun.batch.sources import Politeness, count_items, iter_items
    from unspun.batch.store import ChunkStore, OutputError, read_table, verified_parts
    from unspun.batch.tasks import Analysed, Failure, Task, task_id

# Where each public name lives. They load on first use, so that a batch worker, which imports
# only the engine and the row builders, never loads the driver's pyarrow and Parquet store.
_HOMES = {
    "AnalyzerLike": "engine", "Engine": "engine", "EngineConfig": "engine",
    "analyse_task": "engine", "default_analyzer_factory": "engine",
    "LocalEngine": "local_engine",
    "ARTICLES_SCHEMA": "schemas", "ERRORS_SCHEMA": "schemas", "SPANS_SCHEMA": "schemas",
    "report_from_row": "rows",
    "BatchSummary": "run", "run_batch": "run",
    "Politeness": "sources", "count_items": "sources", "iter_items": "sources",
    "ChunkStore": "store", "OutputError": "store", "read_table": "store",
    "verified_parts": "store",
    "Analysed": "tasks", "Failure": "tasks", "Task": "tasks", "task_id": "tasks",
}


_SUBMODULES = frozenset(
    "dask_engine engine local_engine progress registry rows run schemas sources store tasks"
    .split())


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:  # `unspun.batch.store` after a bare `import unspun.batch`
        return importlib.import_module(f"{__name__}.{name}")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)


__all__ = [
    "ARTICLES_SCHEMA",
    "ERRORS_SCHEMA",
    "SPANS_SCHEMA",
    "Analysed",
    "AnalyzerLike",
    "BatchSummary",
    "ChunkStore",
    "Engine",
    "EngineConfig",
    "Failure",
    "LocalEngine",
    "OutputError",
    "Politeness",
    "Task",
    "analyse_task",
    "count_items",
    "default_analyzer_factory",
    "iter_items",
    "read_table",
    "report_from_row",
    "run_batch",
    "task_id",
    "verified_parts",
]
