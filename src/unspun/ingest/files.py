"""Reading local input: files, standard input, and content passed in directly."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from unspun.errors import InputError
from unspun.ingest.fetch import non_http_refusal
from unspun.ingest.page import MediaType, Page
from unspun.ingest.sniff import (
    SNIFF_BYTES,
    check_content,
    format_size,
    is_warc,
    sniff_media_type,
)
from unspun.ingest.warc import read_warc

if TYPE_CHECKING:
    from unspun.ingest import IngestOptions

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_TEXT_SUFFIXES = frozenset({".txt"})
# What a file's suffix says it is (other files are sniffed).
_PAGE_TYPE_OF: dict[str, MediaType] = {
    **dict.fromkeys(_HTML_SUFFIXES, "text/html"),
    **dict.fromkeys(_TEXT_SUFFIXES, "text/plain"),
}
_WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})


def read_file(path: Path, options: IngestOptions) -> Iterator[Page]:
    """Yield the page(s) in the file at *path*: one for HTML/text, one per record for a WARC."""
    name = str(path)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError, OSError, ValueError) as exc:
        # "data:,text" or "javascript:..." given where a file is expected names no file:
        # say what it is rather than "no such file".
        refusal = non_http_refusal(name)
        if refusal is not None:
            raise refusal from None
        if isinstance(exc, FileNotFoundError | NotADirectoryError):
            raise InputError(f"no such file: {name}") from None
        raise InputError(f"cannot read {name}: {_os_reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name} is a directory, not a file")
    suffix = _suffix(path)
    limit = options.max_bytes
    # Regular files announce their size, so an oversized non-WARC file is refused unread.
    # WARCs are exempt: they are streamed and the cap applies per record.
    oversized = stat.S_ISREG(info.st_mode) and info.st_size > limit

    try:
        handle = path.open("rb")
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {name}: {_os_reason(exc)}") from None
    with handle:
        try:
            # Capped so that a tiny max_bytes still means "never load more than that".
            head = handle.read(min(SNIFF_BYTES, limit + 1))
        except OSError as exc:
            raise InputError(f"cannot read {name}: {_os_reason(exc)}") from None
        if suffix in _WARC_SUFFIXES or is_warc(head):
            yield from _read_warc_file(handle, head, name, options)
            return
        if oversized:
            raise InputError(f"{name} is larger than the {format_size(limit)} limit")
        try:
            data = head + handle.read(max(0, limit + 1 - len(head)))
        except OSError as exc:
            raise InputError(f"cannot read {name}: {_os_reason(exc)}") from None

    if len(data) > limit:
        raise InputError(f"{name} is larger than the {format_size(limit)} limit")
    check_content(data, name)
    media_type = _PAGE_TYPE_OF.get(suffix) or sniff_media_type(data)
    yield Page(body=data, source=name, media_type=media_type)


def _read_warc_file(
    handle: BinaryIO, head: bytes, name: str, options: IngestOptions
) -> Iterator[Page]:
    if not head:
        raise InputError(f"empty input: {name} is empty")
    if not is_warc(head):
        raise InputError(f"not a WARC file: {name} does not start with a WARC record")
    if handle.seekable():
        handle.seek(0)
        yield from read_warc(handle, name, options)
        return
    # A pipe (e.g. process substitution) cannot be rewound; such WARCs are held in memory and
    # therefore capped like any other content.
    try:
        data = head + handle.read(max(0, options.max_bytes + 1 - len(head)))
    except OSError as exc:
        raise InputError(f"cannot read {name}: {_os_reason(exc)}") from None
    if len(data) > options.max_bytes:
        raise InputError(f"{name} is larger than the {format_size(options.max_bytes)} limit")
    yield from read_warc(io.BytesIO(data), name, options)


def read_stdin(stream: BinaryIO, options: IngestOptions) -> Iterator[Page]:
    """Yield the page(s) read from standard input (content is sniffed, WARC included)."""
    try:
        data = stream.read(options.max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read standard input: {_os_reason(exc)}") from None
    if isinstance(data, str):
        # A text-mode stream passed by mistake: its characters are still the content.
        data = data.encode("utf-8", errors="surrogateescape")
    yield from read_bytes(data or b"", options, source="-", what="standard input")


def read_bytes(
    data: bytes, options: IngestOptions, *, source: str = "<bytes>", what: str = "the given content"
) -> Iterator[Page]:
    """Yield the page(s) in raw content: sniffed as WARC, HTML or plain text."""
    limit = options.max_bytes
    if len(data) > limit:
        raise InputError(f"{what} is larger than the {format_size(limit)} limit")
    if is_warc(data[:SNIFF_BYTES]):
        yield from read_warc(io.BytesIO(data), source, options)
        return
    check_content(data, what)
    yield Page(body=data, source=source, media_type=sniff_media_type(data))


def read_text(text: str, options: IngestOptions) -> Iterator[Page]:
    """Yield the page that *text* (article text or HTML, not a path or URL) is."""
    charset: str | None = "utf-8"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates: argv bytes that were not UTF-8 arrive surrogate-escaped, so undo
        # that to get the original bytes back; their charset is then unknown.
        charset = None
        try:
            data = text.encode("utf-8", errors="surrogateescape")
        except UnicodeEncodeError:
            data = text.encode("utf-8", errors="replace")
    what = "the given text"
    if len(data) > options.max_bytes:
        raise InputError(f"{what} is larger than the {format_size(options.max_bytes)} limit")
    check_content(data, what)
    yield Page(body=data, source="<text>", media_type=sniff_media_type(data), charset=charset)


def looks_like_path(value: str) -> bool:
    """Whether a string that names no existing file was evidently meant as a path.

    Treating "article.html" (a typo'd file name) as the article's text would analyse eleven
    characters and confuse everyone; these get "no such file" instead.
    """
    if "\n" in value or "<" in value or len(value) > 1024:
        return False
    stripped = value.strip()
    lowered = stripped.lower()
    if any(lowered.endswith(suffix) for suffix in _PAGE_TYPE_OF):
        return not any(char.isspace() for char in stripped)
    if lowered.endswith(tuple(_WARC_SUFFIXES)):
        return True
    if any(char.isspace() for char in stripped):
        return False
    return stripped.startswith(("/", "./", "../", "~/", ".\\", "..\\"))


def names_existing_path(value: str) -> bool:
    """Whether *value* is the name of something on disk (never raises, never reads it)."""
    if not value or "\n" in value or "\x00" in value or len(value) > 4096:
        return False
    try:
        return os.path.exists(value)
    except (OSError, ValueError):
        return False


def _suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__
