"""Ingestion: turn a path, URL, standard input, WARC or raw content into :class:`Page` objects.

Every failure caused by the input surfaces as an :class:`~unspun.errors.UnspunError`
subclass (InputError, FetchError, RefusedURLError, UnsupportedError) with a one-line message.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from unspun import __version__
from unspun.errors import InputError
from unspun.ingest.decode import decode
from unspun.ingest.fetch import check_url_early, fetch_url, is_url, non_http_refusal
from unspun.ingest.files import (
    looks_like_path,
    names_existing_path,
    read_bytes,
    read_file,
    read_stdin,
    read_text,
)
from unspun.ingest.page import MediaType, Page

__all__ = [
    "IngestOptions",
    "MediaType",
    "Page",
    "check_url_early",
    "decode",
    "is_url",
    "read_pages",
]

# A single token that starts like an http(s) URL but is not one ("http:/x", "https://").
_HTTP_LIKE = re.compile(r"\Ahttps?:\S*\Z", re.IGNORECASE)


@dataclass(frozen=True)
class IngestOptions:
    """Limits and switches for reading input; the defaults suit a command-line run."""

    timeout: float = 10.0
    """Total seconds for a URL fetch, every redirect included."""
    max_bytes: int = 10 * 1024 * 1024
    """Largest body accepted, for URLs and files alike (per record for WARC files)."""
    max_redirects: int = 5
    allow_private_network: bool = False
    """Allow URLs that resolve to loopback, private, link-local or other non-public addresses."""
    user_agent: str = f"unspun/{__version__} (+article analysis)"

    def __post_init__(self) -> None:
        # Options usually come from command-line flags, so bad values are the user's input.
        if not self.timeout > 0:
            raise InputError(f"invalid timeout: {self.timeout} (must be more than 0 seconds)")
        if self.max_bytes < 1:
            raise InputError(f"invalid size limit: {self.max_bytes} (must be at least 1 byte)")
        if self.max_redirects < 0:
            raise InputError(f"invalid redirect limit: {self.max_redirects} (must be 0 or more)")


def read_pages(
    source: str | bytes | os.PathLike[str],
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Page]:
    """Yield the pages in *source*; one per article (a WARC holds many).

    * ``Path`` / PathLike: a file (HTML, text or WARC; chosen by extension, else by content).
    * ``str``: ``"-"`` reads *stdin* (default ``sys.stdin.buffer``); an http(s) URL is fetched;
      the name of an existing file reads that file; any other string is the content itself
      (``<text>``). Other URL schemes are refused and never read. A one-word string that is
      evidently a path ("story.html", "./x", "/a/b") but names no file is "no such file",
      not a one-word article.
    * ``bytes``: the content itself (``<bytes>``), sniffed as WARC, HTML or text.

    This is a generator: nothing is read and no error is raised until iteration starts.
    """
    opts = options if options is not None else IngestOptions()
    if isinstance(source, os.PathLike):
        yield from read_file(Path(source), opts)
    elif isinstance(source, bytes | bytearray | memoryview):
        yield from read_bytes(bytes(source), opts)
    elif isinstance(source, str):
        yield from _read_string(source, opts, stdin)
    else:
        raise InputError(
            f"cannot read a {type(source).__name__}: expected a path, a URL, text or bytes"
        )


def _read_string(source: str, options: IngestOptions, stdin: BinaryIO | None) -> Iterator[Page]:
    if source == "-":
        yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer, options)
        return
    if is_url(source):
        yield fetch_url(source, options)
        return
    stripped = source.strip()
    refusal = non_http_refusal(stripped)
    if refusal is not None:
        raise refusal
    url_like = _HTTP_LIKE.match(stripped)
    if url_like is not None:
        raise InputError(f"invalid URL: {stripped} (expected http(s)://host/path)")
    if names_existing_path(source):
        yield from read_file(Path(source), options)
        return
    if looks_like_path(source):
        raise InputError(f"no such file: {stripped}")
    yield from read_text(source, options)
