"""The output directory: Parquet written in chunks, each committed exactly once and verified.

Layout under the output directory::

    articles/part-000003.parquet   spans/part-000003.parquet   errors/part-000003.parquet
    _manifests/part-000003.json    (written last: its presence is what commits the chunk)

Manifest format (one JSON object per chunk, ``_manifests/part-NNNNNN.json``)::

    {"part": "part-000003", "format": 2,
     "articles": ["<id>", ...],        # ids of the articles the chunk holds
     "errors": ["<id>", ...],          # ids of its error rows
     "analyzer": "<fingerprint>",      # only when the run's analyzer has one
     "files": {"articles": {"bytes": 18734, "rows": 4, "sha256": "<hex>"},
               "spans": {...}, "errors": {...}}}

``files`` records, for each table's Parquet file of the chunk, its exact size, its row
count and the SHA-256 of its bytes. Manifests written before ``format`` 2 have no ``files``;
they are still read, and checked as far as they allow (the files exist, their Parquet footer
reads, and the articles and errors files hold as many rows as the manifest has ids).

Commit protocol: every file is written under a dot-prefixed temporary name, fsynced, and
renamed into place; the manifest goes last. A crash at any point leaves either a manifest,
and so a complete chunk, or no manifest, and so files that :meth:`ChunkStore.open` deletes
before the run goes on. The ids in committed manifests are skipped, so no article is written
twice and none is lost. Dot and underscore prefixes keep temporaries and manifests out of
``pyarrow.dataset`` reads of each table folder; read through :func:`read_table` to see
verified, committed chunks only, even while a run is going.

Integrity: :meth:`ChunkStore.open` (every run, so every resume) checks each committed chunk
against its manifest. A chunk whose manifest is damaged (not JSON, not the shape above) or
whose files are missing, of another size (truncated) or of another hash (altered) is
*uncommitted*: its manifest is deleted first, then its files, and one line per chunk says so
(:attr:`Committed.damaged`); its ids are no longer "done", so the run redoes those articles,
once. :func:`verified_parts` runs the same checks for readers (``unspun corpus``,
:func:`read_table`) and never deletes anything.

A write that the operating system refuses (disk full, quota, permission, read-only file
system) raises :class:`OutputError` (one line, CLI exit code 2) after removing what the
unfinished chunk had written; the chunks committed before it stay, and the same command
resumes.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import pyarrow as pa
import pyarrow.parquet as pq

from unspun.batch.schemas import SCHEMAS
from unspun.batch.tasks import Analysed, Failure, Result
from unspun.errors import InputError, UnspunError

TABLES = tuple(SCHEMAS)
MANIFESTS = "_manifests"
MANIFEST_FORMAT = 2
_PART = re.compile(r"\Apart-(\d{6,})\.(?:parquet|json)\Z")
_HASH_BLOCK = 1 << 20


class OutputError(UnspunError):
    """The output folder cannot be written (disk full, quota, permission): the run stops;
    what was committed is kept, and the same command resumes once the cause is fixed."""


@dataclass(frozen=True)
class FileRecord:
    """What a manifest records of one Parquet file of a chunk."""

    bytes: int
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """A chunk's manifest, as read and checked for shape (not yet against the files)."""

    part: str
    articles: list[str]
    errors: list[str]
    analyzer: str = ""
    files: dict[str, FileRecord] | None = None
    """None for manifests written before format 2."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"part": self.part, "format": MANIFEST_FORMAT,
                                "articles": self.articles, "errors": self.errors}
        if self.analyzer:
            data["analyzer"] = self.analyzer
        if self.files is not None:
            data["files"] = {t: {"bytes": f.bytes, "rows": f.rows, "sha256": f.sha256}
                             for t, f in self.files.items()}
        return data


class DamagedPart(Exception):
    """A committed chunk that does not match its manifest, or whose manifest is damaged."""

    def __init__(self, part: str, reason: str, ids: int | None = None) -> None:
        super().__init__(f"{part}: {reason}")
        self.part = part
        self.reason = reason
        self.ids = ids
        """How many articles and errors its manifest claimed (None: unreadable manifest)."""


@dataclass
class Committed:
    """What earlier runs already committed to the output directory."""

    ids: set[str]
    parts: list[str]
    articles: int
    errors: int
    analyzers: set[str] = field(default_factory=set)
    """Fingerprints of the analyzers (version, layers, models) the chunks were made with."""
    damaged: list[str] = field(default_factory=list)
    """One line per chunk found damaged and uncommitted by :meth:`ChunkStore.open`."""


def load_manifest(path: Path) -> Manifest:
    """The manifest at *path*; :class:`DamagedPart` if it is not one (OSError if unreadable)."""
    part = path.stem
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError both
        kind = "empty" if not raw.strip() else "not valid JSON"
        raise DamagedPart(part, f"its manifest is damaged ({kind})") from None
    if not isinstance(data, dict):
        raise DamagedPart(part, "its manifest is damaged (not a JSON object)")
    articles, errors = data.get("articles"), data.get("errors")
    if not _str_list(articles) or not _str_list(errors):
        raise DamagedPart(part, "its manifest is damaged (no list of article and error ids)")
    claimed = len(articles) + len(errors)
    if data.get("part") != part:
        raise DamagedPart(part, "its manifest is damaged (it names another part)", claimed)
    analyzer = data.get("analyzer", "")
    if not isinstance(analyzer, str):
        raise DamagedPart(part, "its manifest is damaged (bad analyzer)", claimed)
    version = data.get("format", 1)
    if not isinstance(version, int):
        raise DamagedPart(part, "its manifest is damaged (bad format)", claimed)
    files: dict[str, FileRecord] | None = None
    if "files" in data or version >= MANIFEST_FORMAT:
        files = _file_records(data.get("files"))
        if files is None:
            raise DamagedPart(part, "its manifest is damaged (bad file records)", claimed)
    return Manifest(part, articles, errors, analyzer, files)


def _str_list(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _file_records(value: Any) -> dict[str, FileRecord] | None:
    if not isinstance(value, dict) or set(value) != set(TABLES):
        return None
    records: dict[str, FileRecord] = {}
    for table, entry in value.items():
        if not isinstance(entry, dict):
            return None
        size, rows, digest = entry.get("bytes"), entry.get("rows"), entry.get("sha256")
        if (not isinstance(size, int) or not isinstance(rows, int)
                or not isinstance(digest, str) or len(digest) != 64):
            return None
        records[table] = FileRecord(size, rows, digest)
    return records


def check_part(out: Path, manifest: Manifest, tables: tuple[str, ...] = TABLES) -> None:
    """Raise :class:`DamagedPart` unless the chunk's files (of *tables*) are what its
    manifest records.

    With file records: each file exists, has the recorded size, then the recorded SHA-256.
    Without (older manifests): each file exists and its Parquet footer reads, with as many
    article and error rows as the manifest has ids. OSError other than a missing file (a
    permission problem) propagates: the chunk may be fine.
    """
    claimed = len(manifest.articles) + len(manifest.errors)
    expected_rows = {"articles": len(manifest.articles), "errors": len(manifest.errors)}
    for table in tables:
        name = f"{table}/{manifest.part}.parquet"
        path = out / name
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise DamagedPart(manifest.part, f"{name} is missing", claimed) from None
        if manifest.files is not None:
            record = manifest.files[table]
            if size != record.bytes:
                how = "truncated" if size < record.bytes else "grown"
                raise DamagedPart(manifest.part, f"{name} is {how} ({size:,} bytes, the"
                                  f" manifest says {record.bytes:,})", claimed)
            if _sha256(path) != record.sha256:
                raise DamagedPart(manifest.part, f"{name} is altered (its SHA-256 differs"
                                  " from the manifest's)", claimed)
            if table in expected_rows and record.rows != expected_rows[table]:
                raise DamagedPart(manifest.part, f"its manifest is damaged ({table} rows"
                                  " and ids disagree)", claimed)
            continue
        try:
            rows = pq.read_metadata(path).num_rows
        except (pa.ArrowException, ValueError) as exc:
            raise DamagedPart(manifest.part, f"{name} is not readable Parquet"
                              f" ({_first_line(exc)})", claimed) from None
        if table in expected_rows and rows != expected_rows[table]:
            raise DamagedPart(manifest.part, f"{name} holds {rows} rows, the manifest"
                              f" {expected_rows[table]}", claimed)


def verified_parts(
    out: Path, tables: tuple[str, ...] = TABLES
) -> Iterator[Manifest | DamagedPart]:
    """Each committed chunk of *out*, in order: its manifest if it and its files of *tables*
    check, else why not.

    Read only: unlike :meth:`ChunkStore.open`, nothing is deleted, so a reader can run
    beside a batch run.
    """
    for part in committed_parts(out):
        path = out / MANIFESTS / f"{part}.json"
        try:
            manifest = load_manifest(path)
            check_part(out, manifest, tables)
        except DamagedPart as damaged:
            yield damaged
            continue
        except FileNotFoundError:
            continue  # deleted since it was listed: a batch run just uncommitted it
        yield manifest


def damage_line(damaged: DamagedPart, *, then: str) -> str:
    """One line about a damaged chunk: which, why, and what happens to it (*then*)."""
    claimed = "" if damaged.ids is None else f" ({damaged.ids} articles and errors)"
    return f"{damaged.part}{claimed}: {damaged.reason}; {then}"


class ChunkStore:
    """Appends chunks of results to an output directory, exactly once per article id."""

    def __init__(self, out: Path, analyzer: str = "") -> None:
        self.out = out
        self.analyzer = analyzer  # the fingerprint each manifest records, if known
        self.committed = Committed(set(), [], 0, 0)
        self._next = 0

    def open(self) -> Committed:
        """Create the layout, uncommit damaged chunks, drop what an interrupted run left
        uncommitted, and load the ids of the rest."""
        try:
            return self._open()
        except OSError as exc:
            raise _output_error(exc, self.out, "use") from None

    def _open(self) -> Committed:
        for name in (*TABLES, MANIFESTS):
            (self.out / name).mkdir(parents=True, exist_ok=True)
        committed = Committed(set(), [], 0, 0)
        highest = -1
        for path in sorted((self.out / MANIFESTS).iterdir()):
            match = _PART.match(path.name)
            if match is None:
                _remove(path)  # a temporary manifest that never got renamed
                continue
            # Counted even when damaged, so that its number is never reused.
            highest = max(highest, int(match.group(1)))
            try:
                manifest = load_manifest(path)
                check_part(self.out, manifest)
            except DamagedPart as damaged:
                # The manifest goes first: once it is gone the files are plain leftovers,
                # which the loop below removes (and so would the next open, after a crash).
                _remove(path)
                _fsync_dir(self.out / MANIFESTS)
                committed.damaged.append(
                    damage_line(damaged, then="uncommitted, its articles will be redone"))
                continue
            committed.ids.update(manifest.articles)
            committed.ids.update(manifest.errors)
            if manifest.analyzer:
                committed.analyzers.add(manifest.analyzer)
            committed.articles += len(manifest.articles)
            committed.errors += len(manifest.errors)
            committed.parts.append(path.stem)
        committed_names = set(committed.parts)
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
        self.committed = committed
        return committed

    def commit(self, results: list[Result]) -> str | None:
        """Write one chunk (all three tables, then its manifest); returns the part name.

        Raises :class:`OutputError` when a write is refused, after removing what this chunk
        had written: the output is then as it was before the call.
        """
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
        written: list[Path] = []
        try:
            files: dict[str, FileRecord] = {}
            for table, rows in tables.items():
                data = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
                payload = _parquet_bytes(data)
                files[table] = FileRecord(len(payload), data.num_rows,
                                          hashlib.sha256(payload).hexdigest())
                final = self.out / table / f"{part}.parquet"
                written.append(final)
                _write_atomic(final, payload)
                # The renames must be durable before the manifest says the chunk exists.
                _fsync_dir(self.out / table)
            manifest = Manifest(part, [r.id for r in analysed], [f.id for f in failures],
                                self.analyzer, files)
            payload = json.dumps(manifest.to_json()).encode("utf-8")
            final = self.out / MANIFESTS / f"{part}.json"
            written.append(final)
            _write_atomic(final, payload)
            _fsync_dir(self.out / MANIFESTS)
        except OSError as exc:
            # Manifest first (if it got there at all), so the chunk is never half committed.
            for path in reversed(written):
                _remove_quietly(path)
                _remove_quietly(_temporary(path))
            raise _output_error(exc, self.out, "write") from None
        self.committed.ids.update(manifest.articles)
        self.committed.ids.update(manifest.errors)
        self.committed.parts.append(part)
        self.committed.articles += len(analysed)
        self.committed.errors += len(failures)
        return part


def committed_parts(out: Path) -> list[str]:
    """The names of the committed chunks of a batch output (``part-000003``), in order.

    Committed means that a manifest names them; :func:`verified_parts` also checks them.
    """
    manifests = out / MANIFESTS
    if not manifests.is_dir():
        return []
    return sorted(p.stem for p in manifests.iterdir() if _PART.match(p.name))


def read_table(
    out: Path, table: str, *, on_damaged: Callable[[str], None] | None = None
) -> pa.Table:
    """One table of a batch output, from verified committed chunks only.

    A damaged chunk raises :class:`~unspun.errors.InputError` naming it; with *on_damaged*,
    it is left out instead and *on_damaged* gets one line about it.
    """
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    pieces = []
    for checked in verified_parts(out, (table,)):
        if isinstance(checked, DamagedPart):
            if on_damaged is None:
                line = damage_line(checked, then="run `unspun batch` again to redo it")
                raise InputError(f"{out}: {line}")
            on_damaged(damage_line(checked, then="skipped"))
            continue
        pieces.append(pq.read_table(out / table / f"{checked.part}.parquet"))
    if not pieces:
        return SCHEMAS[table].empty_table()
    return pa.concat_tables(pieces)


def _parquet_bytes(data: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(data, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _temporary(final: Path) -> Path:
    return final.with_name(f".{final.name}.tmp")


def _write_atomic(final: Path, payload: bytes) -> None:
    temp = _temporary(final)
    with open(temp, "wb") as handle:
        handle.write(payload)
        handle.flush()
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


def _remove_quietly(path: Path) -> None:
    # Cleaning up after a refused write: a second refusal must not hide the first.
    with contextlib.suppress(OSError):
        path.unlink()


_REASONS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.EIO: "input/output error",
}


def _output_error(exc: OSError, out: Path, verb: str) -> OutputError:
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc) or type(exc).__name__)
    where = exc.filename if isinstance(exc.filename, str) else str(out)
    return OutputError(
        f"cannot {verb} {where}: {reason.lower()}; the chunks committed so far are kept,"
        " so fix that and run the same command again to continue"
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
