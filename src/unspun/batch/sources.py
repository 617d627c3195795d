"""Turning batch inputs into tasks: folders, JSON Lines, WARC files and lists of URLs.

Inputs are read lazily, in a stable order (paths sorted), so a huge input is never held in
memory and a rerun meets the articles in the same order. Anything that cannot become a task
(an unreadable file, a bad JSON line, a refused URL) becomes a :class:`Failure` with its own
id instead of stopping the run.

A folder is searched recursively for every kind of input a file can be on its own: pages
(.html, .htm, .xhtml, .shtml, .txt, a .txt being a URL list when every line is a URL), JSON
Lines (.jsonl, .jsonl.gz) and WARC files (.warc, .warc.gz). Other files in it (notes,
images) are not read; :func:`unread_files` lists them, so that the run can name them instead
of passing over them without a word.

URL lists are fetched here, in the driver, not in the analysis workers: politeness (one
request at a time per host, a delay between them) needs one place that sees every request,
and an engine then only ever analyses pages.
"""

from __future__ import annotations

import gzip
import json
import os
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from unspun.batch.tasks import Failure, Task, task_id
from unspun.errors import UnspunError
from unspun.ingest import IngestOptions, Page, is_url, read_pages
from unspun.ingest.fetch import fetch_url, non_http_refusal
from unspun.ingest.page import MediaType

_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_FOLDER_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt",
                    *_JSONL_SUFFIXES, *_WARC_SUFFIXES)
# A .txt file is a URL list only when every non-blank line is a URL; reading more than this
# to decide would make a huge article read twice.
_URL_LIST_PROBE_BYTES = 1024 * 1024

Item = Task | Failure
Fetch = Callable[[str, IngestOptions], Page]


@dataclass(frozen=True)
class Politeness:
    """How URL lists are fetched: never two requests at once to a host, and a pause between."""

    delay: float = 1.0
    """Seconds between the end of one request to a host and the start of the next."""
    hosts_in_parallel: int = 8
    """How many different hosts are fetched from at the same time."""


def iter_items(
    inputs: Iterable[str],
    options: IngestOptions,
    *,
    skip: Callable[[str], bool] = lambda _id: False,
    politeness: Politeness | None = None,
    fetch: Fetch = fetch_url,
) -> Iterator[Item]:
    """Every article in *inputs* as a Task (or a Failure), leaving out ids that *skip* names.

    Local articles come first, in input order; URLs are collected and fetched after them, and
    a URL whose id is skipped (committed by an earlier run) is never fetched again.
    """
    seen: set[str] = set()
    urls: list[tuple[str, str]] = []
    for item in _local_items(inputs, options, urls):
        if item.id in seen or skip(item.id):
            continue
        seen.add(item.id)
        yield item
    pending = []
    for ident, url in urls:
        if ident in seen or skip(ident):
            continue
        seen.add(ident)
        pending.append((ident, url))
    if pending:
        yield from _fetch_politely(pending, options, politeness or Politeness(), fetch)


def count_items(inputs: Iterable[str]) -> int | None:
    """How many articles *inputs* hold, when that is cheap to know (None for WARC, gzip)."""
    total = 0
    for raw in inputs:
        if is_url(raw):
            total += 1
            continue
        path = Path(raw)
        files = _folder_files(path) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if name.endswith((".gz", ".warc")):
                return None
            try:
                if name.endswith(".jsonl"):
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                elif name.endswith(".txt") and (listed := _url_list(file)) is not None:
                    total += len(listed)
                else:
                    total += 1
            except OSError:
                total += 1  # it will be one error row
    return total


def _local_items(
    inputs: Iterable[str], options: IngestOptions, urls: list[tuple[str, str]]
) -> Iterator[Item]:
    for raw in inputs:
        if is_url(raw):
            urls.append((task_id(f"url:{raw.strip()}"), raw.strip()))
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _folder_files(path):
                yield from _file_items(file, options, urls)
        elif path.exists():
            yield from _file_items(path, options, urls)
        elif (refusal := non_http_refusal(raw)) is not None:  # "data:…", "ftp://…"
            yield Failure(task_id(f"url:{raw.strip()}"), raw.strip(), str(refusal),
                          type(refusal).__name__)
        else:
            ident = str(path.absolute())
            yield Failure(task_id(f"file:{ident}"), ident, f"no such file: {raw}", "InputError")


def unread_files(inputs: Iterable[str]) -> list[Path]:
    """The files inside the folders among *inputs* that are of no input kind, so not read."""
    unread: list[Path] = []
    for raw in inputs:
        if not is_url(raw) and Path(raw).is_dir():
            _folder_files(Path(raw), unread)
    return unread


def _folder_files(folder: Path, unread: list[Path] | None = None) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()  # os.walk visits in directory order; sorting makes reruns agree
        for name in sorted(files):
            if name.lower().endswith(_FOLDER_SUFFIXES):
                found.append(Path(root) / name)
            elif unread is not None:
                unread.append(Path(root) / name)
    return found


def _file_items(path: Path, options: IngestOptions, urls: list[tuple[str, str]]) -> Iterator[Item]:
    # Absolute, not resolved: the same path given from another directory is the same
    # article, while a symlink stays the name the user chose.
    name = str(path.absolute())
    lower = name.lower()
    if lower.endswith(_JSONL_SUFFIXES):
        yield from _jsonl_items(Path(name), options)
    elif lower.endswith(_WARC_SUFFIXES):
        yield from _warc_items(Path(name), options)
    else:
        listed = _url_list(Path(name)) if lower.endswith(".txt") else None
        if listed is not None:
            urls.extend((task_id(f"url:{url}"), url) for url in listed)
            return
        ident = task_id(f"file:{name}")
        try:
            for page in read_pages(Path(name), options):
                # A WARC without the suffix holds many pages, each named by its record id.
                own = ident if page.source == name else task_id(page.source)
                yield Task(own, page.source, page)
        except UnspunError as exc:
            yield Failure(ident, name, str(exc), type(exc).__name__)


def _url_list(path: Path) -> list[str] | None:
    """The URLs in a .txt file if it is a URL list, else None (it is an article)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_URL_LIST_PROBE_BYTES + 1)
    except OSError:
        return None
    if len(head) > _URL_LIST_PROBE_BYTES:
        return None
    lines = [line.strip() for line in head.decode("utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line]
    if lines and all(is_url(line) for line in lines):
        return lines
    return None


def _jsonl_items(path: Path, options: IngestOptions) -> Iterator[Item]:
    name = str(path)
    try:
        opener = gzip.open if name.lower().endswith(".gz") else open
        with opener(path, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                source = f"jsonl:{name}:{number}"
                yield _jsonl_record(task_id(source), source, line, options)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        # The lines before the damage were yielded; the damage itself is one error row.
        source = f"jsonl:{name}"
        yield Failure(task_id(source), source, f"cannot read {name}: {exc}", "InputError")


def _jsonl_record(ident: str, source: str, line: bytes, options: IngestOptions) -> Item:
    try:
        record = json.loads(line)
    except ValueError as exc:
        return Failure(ident, source, f"invalid JSON: {exc}", "InputError")
    if not isinstance(record, dict):
        return Failure(ident, source, "a JSON Lines record must be an object", "InputError")
    html, text, url = record.get("html"), record.get("text"), record.get("url")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return Failure(ident, source, "record has no non-empty 'html' or 'text'", "InputError")
    if url is not None and not isinstance(url, str):
        return Failure(ident, source, "'url' must be a string", "InputError")
    data = body.encode("utf-8", errors="surrogateescape")
    if len(data) > options.max_bytes:
        reason = f"record is larger than the {options.max_bytes}-byte limit"
        return Failure(ident, source, reason, "InputError")
    media: MediaType = "text/html" if body is html else "text/plain"
    page = Page(body=data, source=source, media_type=media, url=url, charset="utf-8")
    return Task(ident, source, page)


def _warc_items(path: Path, options: IngestOptions) -> Iterator[Item]:
    try:
        for page in read_pages(path, options):
            # The record id is the identity; the source already reads warc:<path>#<id>.
            yield Task(task_id(page.source), page.source, page)
    except UnspunError as exc:
        source = f"warc:{path}"
        yield Failure(task_id(source), source, str(exc), type(exc).__name__)


def _fetch_politely(
    pending: list[tuple[str, str]], options: IngestOptions, polite: Politeness, fetch: Fetch
) -> Iterator[Item]:
    by_host: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
    for ident, url in pending:
        by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append((ident, url))
    hosts: queue.Queue[list[tuple[str, str]]] = queue.Queue()
    for entries in by_host.values():
        hosts.put(entries)
    # Bounded, so fetchers wait while the engine is busy instead of piling pages up in memory.
    done: queue.Queue[Item | None] = queue.Queue(maxsize=64)
    stop = threading.Event()

    def fetch_host_by_host() -> None:
        # One thread owns a host until its list is done: that is what keeps it at one request
        # at a time, with the delay between the end of one request and the next.
        while not stop.is_set():
            try:
                entries = hosts.get_nowait()
            except queue.Empty:
                break
            for index, (ident, url) in enumerate(entries):
                if stop.is_set():
                    break
                if index:
                    stop.wait(polite.delay)
                try:
                    page = fetch(url, options)
                    item: Item = Task(ident, url, page)
                except UnspunError as exc:
                    item = Failure(ident, url, str(exc), type(exc).__name__)
                except Exception as exc:  # a fetch bug must not stop the other hosts
                    item = Failure(ident, url, f"internal error: {exc!r}", type(exc).__name__)
                _put(done, item, stop)
        _put(done, None, stop)

    threads = [
        threading.Thread(target=fetch_host_by_host, name="unspun-fetch", daemon=True)
        for _ in range(max(1, min(polite.hosts_in_parallel, len(by_host))))
    ]
    for thread in threads:
        thread.start()
    finished = 0
    try:
        while finished < len(threads):
            item = done.get()
            if item is None:
                finished += 1
            else:
                yield item
    finally:
        stop.set()


def _put(target: queue.Queue[Item | None], item: Item | None, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            target.put(item, timeout=0.2)
            return
        except queue.Full:
            continue


__all__ = ["Item", "Politeness", "count_items", "iter_items", "unread_files"]
