"""Reading web archives (WARC, plain or gzipped) with FastWARC: one Page per HTML response.

Archives are streamed record by record, so a multi-gigabyte crawl never sits in memory; the
size cap applies to each record's payload (after decompression) instead of the whole file.

Damage policy: when the archive is malformed or cut short before any HTML page was read, an
:class:`InputError` says so. When some pages were read first, those pages are yielded, a
warning is logged, and iteration stops cleanly: a partial download of a crawl is still worth
analysing, and the caller has already received (and may have processed) the good pages.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from unspun.errors import InputError
from unspun.ingest.page import Page
from unspun.ingest.sniff import (
    HTML_MEDIA_TYPES,
    binary_kind,
    charset_param,
    is_blank,
    looks_like_html,
    parse_content_type,
)

if TYPE_CHECKING:
    from unspun.ingest import IngestOptions

logger = logging.getLogger(__name__)

try:
    import brotli  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - FastWARC depends on brotli, so it is normally there
    brotli = None

_DECOMPRESS_ERRORS: tuple[type[Exception], ...] = (zlib.error,) + (
    (brotli.error,) if brotli is not None else ()
)


class _Damaged(Exception):
    """The archive cannot be read past this point."""


class _Unusable:
    """Marks an HTML response record that had to be skipped, so the final error can say so."""


_UNUSABLE = _Unusable()


def read_warc(stream: BinaryIO, label: str, options: IngestOptions) -> Iterator[Page]:
    """Yield a Page for every successful HTTP response record with an HTML payload.

    *label* names the archive in sources (``warc:<label>#<record-id>``) and messages.
    """
    yielded = 0
    skipped = 0
    try:
        # Only response records can hold a fetched page; FastWARC filters the others out
        # without parsing them. Payload decoding is left to us so that a payload that says
        # it is gzipped but is not (some crawlers store it decoded) is kept, not fatal.
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,
            parse_http=True,
            auto_decode="none",
        )
    except Exception as exc:  # FastWARC reports bad input as arbitrary errors
        raise InputError(f"malformed WARC: cannot read {label} ({_one_line(exc)})") from None

    while True:
        try:
            record = _next_record(records)
            if record is None:
                break
            page = _page_from_record(record, label, options)
        except _Damaged as exc:
            if yielded == 0:
                raise InputError(f"malformed WARC: {label} {exc}") from None
            logger.warning(
                "stopped reading %s after %d page(s): the archive %s", label, yielded, exc
            )
            return
        if page is None:
            continue
        if page is _UNUSABLE:
            skipped += 1
            continue
        assert isinstance(page, Page)
        yielded += 1
        yield page

    if yielded == 0:
        detail = (
            f" (skipped {skipped} HTML record(s) too large or not readable as text)"
            if skipped
            else ""
        )
        raise InputError(f"{label} holds no HTML response records{detail}")


def _next_record(records: ArchiveIterator) -> WarcRecord | None:
    try:
        return next(records)
    except StopIteration:
        return None
    except Exception as exc:  # FastWARC raises OSError/ValueError on bad input
        raise _Damaged(f"is damaged ({_one_line(exc)})") from None


def _page_from_record(
    record: WarcRecord, label: str, options: IngestOptions
) -> Page | _Unusable | None:
    """The Page for one response record; None if it is not an HTML page at all, or
    _UNUSABLE if it is one that cannot be used (too large, empty, binary)."""
    try:
        record_id = record.record_id or "?"
        headers = record.headers
        target = (headers.get("WARC-Target-URI") or "").strip().strip("<>") or None
        warc_date = headers.get("WARC-Date")
        http = record.http_headers
        status = http.status_code
        content_type = http.get("Content-Type")
        content_encoding = (http.get("Content-Encoding") or "").strip().lower()
        transfer_encoding = (http.get("Transfer-Encoding") or "").strip().lower()
        expected = record.content_length
        # One byte over the cap tells "too large" apart from "exactly at the cap".
        payload = record.reader.read(options.max_bytes + 1)
    except Exception as exc:  # the record's bytes are untrusted
        raise _Damaged(f"has an unreadable record ({_one_line(exc)})") from None

    if len(payload) <= options.max_bytes and len(payload) < expected:
        # FastWARC hands back a short payload, without an error, when the file ends early.
        raise _Damaged(f"is truncated: record {record_id} ends before its declared length")
    if status is None or not 200 <= status < 300:
        # Redirects and error pages carry boilerplate HTML, not the article.
        return None
    media_type, params = parse_content_type(content_type)
    if media_type is not None and media_type not in HTML_MEDIA_TYPES:
        return None
    if len(payload) > options.max_bytes:
        logger.warning("skipped WARC record %s in %s: payload over the size cap", record_id, label)
        return _UNUSABLE

    if "chunked" in transfer_encoding:
        payload = _dechunk(payload)
    body = _decompress(payload, content_encoding, options.max_bytes)
    if body is None:
        logger.warning("skipped WARC record %s in %s: payload over the size cap", record_id, label)
        return _UNUSABLE
    if is_blank(body) or binary_kind(body) is not None:
        return _UNUSABLE
    if media_type is None and not looks_like_html(body):
        return None
    return Page(
        body=body,
        source=f"warc:{label}#{record_id}",
        media_type="text/html",
        url=target,
        charset=charset_param(params),
        fetched_at=_parse_warc_date(warc_date),
    )


def _one_line(exc: BaseException) -> str:
    # Error messages are printed on one line; parser errors may quote multi-line input.
    return " ".join(str(exc).split()) or type(exc).__name__


def _parse_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _dechunk(payload: bytes) -> bytes:
    """Undo HTTP chunked transfer coding; keep the payload as stored if it is not chunked.

    Archivers disagree on whether to store the transfer coding, so the header alone is not
    proof and a payload that does not parse as chunks was evidently stored decoded.
    """
    out = bytearray()
    position = 0
    while True:
        line_end = payload.find(b"\r\n", position)
        if line_end < 0:
            return payload
        size_text = payload[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return payload
        if size == 0:
            return bytes(out)
        start = line_end + 2
        if start + size > len(payload):
            return payload
        out += payload[start : start + size]
        position = start + size + 2


def _decompress(payload: bytes, encoding: str, limit: int) -> bytes | None:
    """Undo a Content-Encoding, capped at *limit* bytes of output (None if over the cap).

    A payload that fails to decompress is returned as stored: it was most likely saved
    already decoded with the original header kept.
    """
    try:
        if encoding in ("gzip", "x-gzip") and payload.startswith(b"\x1f\x8b"):
            return _inflate(payload, wbits=31, limit=limit)
        if encoding == "deflate":
            try:
                return _inflate(payload, wbits=15, limit=limit)
            except zlib.error:
                # Servers differ on whether "deflate" has a zlib header; try raw deflate too.
                return _inflate(payload, wbits=-15, limit=limit)
        if encoding == "br" and brotli is not None:
            decompressor = brotli.Decompressor()
            out = decompressor.process(payload, output_buffer_limit=limit + 1)
            return None if len(out) > limit else out
    except _DECOMPRESS_ERRORS:
        return payload
    return payload


def _inflate(payload: bytes, *, wbits: int, limit: int) -> bytes | None:
    decompressor = zlib.decompressobj(wbits=wbits)
    # max_length bounds the output, so a decompression bomb cannot exhaust memory.
    out = decompressor.decompress(payload, limit + 1)
    if len(out) > limit:
        return None
    return out
