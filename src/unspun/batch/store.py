"""The output directory: Parquet written in chunks, each committed exactly once.

Layout under the output directory::

    articles/part-000003.parquet   spans/part-000003.parquet   errors/part-000003.parquet
    _manifests/part-000003.json    (written last: its presence is what commits the chunk)

Commit protocol: every file is written under a dot-prefixed temporary name, fsynced, and
renamed into place; the manifest (the ids the chunk holds) goes last. A crash at any point
leaves either a manifest, and so a complete chunk, or no manifest, and so files that
:meth:`ChunkStore.open` deletes before the run goes on. The ids in committed manifests are
skipped, so no article is written twice and none is lost. Dot and underscore prefixes keep
temporaries and manifests out of ``pyarrow.dataset`` reads of each table folder; read through
:func:`read_table` to see committed chunks only, even while a run is going.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from unspun.batch.rows import SCHEMAS
from unspun.batch.tasks import Analysed, Failure, Result

TABLES = tuple(SCHEMAS)
MANIFESTS = "_manifests"
_PART = re.compile(r"\Apart-(\d{6,})\.(?:parquet|json)\Z")


@dataclass
class Committed:
    """What earlier runs already committed to the output directory."""

    ids: set[str]
    parts: list[str]
    articles: int
    errors: int
    analyzers: set[str] = field(default_factory=set)
    """Fingerprints of the analyzers (version, layers, models) the chunks were made with."""


class ChunkStore:
    """Appends chunks of results to an output directory, exactly once per article id."""

    def __init__(self, out: Path, analyzer: str = "") -> None:
        self.out = out
        self.analyzer = analyzer  # the fingerprint each manifest records, if known
        self.committed = Committed(set(), [], 0, 0)
        self._next = 0

    def open(self) -> Committed:
        """Create the layout, drop what an interrupted run left uncommitted, load the ids."""
        for name in (*TABLES, MANIFESTS):
            (self.out / name).mkdir(parents=True, exist_ok=True)
        ids: set[str] = set()
        analyzers: set[str] = set()
        parts: list[str] = []
        articles = errors = 0
        highest = -1
        for path in sorted((self.out / MANIFESTS).iterdir()):
            match = _PART.match(path.name)
            if match is None:
                _remove(path)  # a temporary manifest that never got renamed
                continue
            manifest = json.loads(path.read_text("utf-8"))
            ids.update(manifest["articles"])
            ids.update(manifest["errors"])
            if manifest.get("analyzer"):
                analyzers.add(manifest["analyzer"])
            articles += len(manifest["articles"])
            errors += len(manifest["errors"])
            parts.append(path.stem)
            highest = max(highest, int(match.group(1)))
        committed_names = set(parts)
        for table in TABLES:
            for path in (self.out / table).iterdir():
                match = _PART.match(path.name)
                if match is not None:
                    # Counting orphans too means a part number is never reused, so a reader
                    # that listed the folder before this cleanup cannot mix up two chunks.
                    highest = max(highest, int(match.group(1)))
                if match is None or path.stem not in committed_names:
                    _remove(path)
        self._next = highest + 1
        self.committed = Committed(ids, parts, articles, errors, analyzers)
        return self.committed

    def commit(self, results: list[Result]) -> str | None:
        """Write one chunk (all three tables, then its manifest); returns the part name."""
        if not results:
            return None
        part = f"part-{self._next:06d}"
        self._next += 1
        analysed = [r for r in results if isinstance(r, Analysed)]
        failures = [r for r in results if isinstance(r, Failure)]
        tables = {
            "articles": [r.article for r in analysed],
            "spans": [row for r in analysed for row in r.spans],
            "errors": [
                {"id": f.id, "source": f.source, "reason": f.reason, "error_type": f.error_type}
                for f in failures
            ],
        }
        for table, rows in tables.items():
            data = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
            _write_atomic(self.out / table / f"{part}.parquet", lambda p, d=data: _parquet(d, p))
            # The renames must be durable before the manifest says the chunk exists.
            _fsync_dir(self.out / table)
        manifest = {
            "part": part,
            "articles": [r.id for r in analysed],
            "errors": [f.id for f in failures],
            **({"analyzer": self.analyzer} if self.analyzer else {}),
        }
        payload = json.dumps(manifest).encode("utf-8")
        _write_atomic(self.out / MANIFESTS / f"{part}.json", lambda p: p.write_bytes(payload))
        _fsync_dir(self.out / MANIFESTS)
        self.committed.ids.update(manifest["articles"])
        self.committed.ids.update(manifest["errors"])
        self.committed.parts.append(part)
        self.committed.articles += len(analysed)
        self.committed.errors += len(failures)
        return part


def committed_parts(out: Path) -> list[str]:
    """The names of the committed chunks of a batch output (``part-000003``), in order."""
    manifests = out / MANIFESTS
    if not manifests.is_dir():
        return []
    return sorted(p.stem for p in manifests.iterdir() if _PART.match(p.name))


def read_table(out: Path, table: str) -> pa.Table:
    """One table of a batch output, from committed chunks only."""
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    pieces = [pq.read_table(out / table / f"{part}.parquet") for part in committed_parts(out)]
    if not pieces:
        return SCHEMAS[table].empty_table()
    return pa.concat_tables(pieces)


def _parquet(data: pa.Table, path: Path) -> None:
    pq.write_table(data, path, compression="zstd")


def _write_atomic(final: Path, write: Any) -> None:
    temp = final.with_name(f".{final.name}.tmp")
    write(temp)
    with open(temp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, final)


def _fsync_dir(path: Path) -> None:
    # Makes the rename itself durable, so a power cut cannot lose a committed manifest.
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
