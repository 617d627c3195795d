"""WARC files: one Page per HTML response record; damage is reported or survived."""

from __future__ import annotations

import gzip
import io
import logging
import os
import threading
import zlib
from datetime import UTC, datetime
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

from unspun.errors import InputError
from unspun.ingest import IngestOptions, decode, read_pages

ARTICLE = b"<html><head><title>News</title></head><body><p>Story.</p></body></html>"


def http_response(
    body: bytes,
    content_type: str | None = "text/html; charset=utf-8",
    status: str = "200 OK",
    headers: dict[str, str] | None = None,
) -> bytes:
    lines = [f"HTTP/1.1 {status}"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def record(
    block: bytes,
    *,
    warc_type: str = "response",
    uri: str = "https://news.example/story",
    record_id: str = "<urn:uuid:00000000-0000-0000-0000-000000000001>",
    date: str = "2024-03-04T05:06:07Z",
) -> bytes:
    content_type = {
        "response": "application/http; msgtype=response",
        "request": "application/http; msgtype=request",
    }.get(warc_type, "application/warc-fields")
    header = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: {record_id}\r\n"
        f"WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def rid(n: int) -> str:
    return f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>"


def mixed_archive() -> bytes:
    """warcinfo, request, an HTML page, an image, a 404 page, a redirect, an XHTML page."""
    return b"".join(
        [
            record(b"software: test\r\n", warc_type="warcinfo", record_id=rid(1)),
            record(b"GET /story HTTP/1.1\r\nHost: news.example\r\n\r\n", warc_type="request"),
            record(http_response(ARTICLE), record_id=rid(3)),
            record(http_response(b"\x89PNG\r\n\x1a\n", "image/png"), record_id=rid(4)),
            record(http_response(b"<html>404</html>", status="404 Not Found"), record_id=rid(5)),
            record(
                http_response(b"<html>moved</html>", status="301 Moved", headers={"Location": "/"}),
                record_id=rid(6),
            ),
            record(
                http_response(ARTICLE, "application/xhtml+xml; charset=ISO-8859-1"),
                uri="<https://news.example/x>",
                record_id=rid(7),
            ),
        ]
    )


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_warc_yields_html_responses_only(tmp_path: Path) -> None:
    path = write(tmp_path, "crawl.warc", mixed_archive())
    pages = list(read_pages(path))
    assert [p.source for p in pages] == [f"warc:{path}#{rid(3)}", f"warc:{path}#{rid(7)}"]
    first, second = pages
    assert first.body == ARTICLE
    assert first.media_type == "text/html"
    assert first.url == "https://news.example/story"
    assert first.charset == "utf-8"
    assert first.fetched_at == datetime(2024, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert second.url == "https://news.example/x"
    assert second.charset == "ISO-8859-1"


def test_gzipped_warc_one_member_per_record(tmp_path: Path) -> None:
    data = b"".join(gzip.compress(record(http_response(ARTICLE), record_id=rid(n))) for n in (1, 2))
    pages = list(read_pages(write(tmp_path, "crawl.warc.gz", data)))
    assert [p.body for p in pages] == [ARTICLE, ARTICLE]


def test_warc_written_by_fastwarc(tmp_path: Path) -> None:
    warc = WarcRecord()
    warc.init_headers(WarcRecordType.response, b"urn:uuid:12345678-1234-1234-1234-123456789abc")
    warc.headers.append("WARC-Target-URI", "https://news.example/fw")
    warc.headers.append("Content-Type", "application/http; msgtype=response")
    warc.set_bytes_content(http_response(ARTICLE, "text/html; charset=windows-1252"))
    path = tmp_path / "fastwarc.warc.gz"
    with path.open("wb") as handle:
        writer = GzipWriter(handle)
        warc.write(writer)
        writer.close()
    [page] = read_pages(path)
    assert page.body == ARTICLE
    assert page.url == "https://news.example/fw"
    assert page.charset == "windows-1252"
    assert page.fetched_at is not None


@pytest.mark.parametrize("name", ["crawl.dat", "crawl", "crawl.html", "crawl.gz"])
def test_warc_detected_by_content_whatever_the_name(tmp_path: Path, name: str) -> None:
    data = record(http_response(ARTICLE))
    if name.endswith(".gz"):
        data = gzip.compress(data)
    [page] = read_pages(write(tmp_path, name, data))
    assert page.body == ARTICLE


def test_warc_from_bytes_and_stdin() -> None:
    data = gzip.compress(record(http_response(ARTICLE)))
    [from_bytes] = read_pages(data)
    assert from_bytes.source.startswith("warc:<bytes>#")
    [from_stdin] = read_pages("-", stdin=io.BytesIO(data))
    assert from_stdin.source.startswith("warc:-#")
    assert from_bytes.body == from_stdin.body == ARTICLE


@pytest.mark.parametrize(
    ("encoding", "payload"),
    [
        ("gzip", gzip.compress(ARTICLE)),
        ("x-gzip", gzip.compress(ARTICLE)),
        ("deflate", zlib.compress(ARTICLE)),
        ("deflate", zlib.compress(ARTICLE)[2:-4]),  # raw deflate, no zlib header
        ("br", brotli.compress(ARTICLE)),
        ("gzip", ARTICLE),  # stored decoded, header kept: used as is
    ],
)
def test_compressed_payloads_are_decoded(tmp_path: Path, encoding: str, payload: bytes) -> None:
    block = http_response(payload, headers={"Content-Encoding": encoding})
    [page] = read_pages(write(tmp_path, "c.warc", record(block)))
    assert page.body == ARTICLE


def test_chunked_payload_is_dechunked(tmp_path: Path) -> None:
    chunked = b"10\r\n" + ARTICLE[:16] + b"\r\n" + b"%x\r\n" % (len(ARTICLE) - 16)
    chunked += ARTICLE[16:] + b"\r\n0\r\n\r\n"
    block = http_response(chunked, headers={"Transfer-Encoding": "chunked"})
    [page] = read_pages(write(tmp_path, "c.warc", record(block)))
    assert page.body == ARTICLE


def test_missing_http_content_type_is_sniffed(tmp_path: Path) -> None:
    data = record(http_response(ARTICLE, None), record_id=rid(1))
    data += record(http_response(b"just text", None), record_id=rid(2))
    pages = list(read_pages(write(tmp_path, "c.warc", data)))
    assert [p.source.rsplit("#", 1)[1] for p in pages] == [rid(1)]


def test_charset_from_http_header_is_used_by_decode(tmp_path: Path) -> None:
    text = "<p>Новости</p>"
    block = http_response(text.encode("cp1251"), "text/html; charset=windows-1251")
    [page] = read_pages(write(tmp_path, "c.warc", record(block)))
    assert decode(page) == text


def test_no_html_responses(tmp_path: Path) -> None:
    data = record(b"software: x\r\n", warc_type="warcinfo")
    data += record(http_response(b"%PDF-1.4", "application/pdf"))
    path = write(tmp_path, "c.warc", data)
    with pytest.raises(InputError, match=r"c\.warc holds no HTML response records$"):
        list(read_pages(path))


def test_records_over_the_cap_are_skipped(tmp_path: Path) -> None:
    big = record(http_response(b"<html>" + b"x" * 500), record_id=rid(1))
    bomb = record(
        http_response(
            gzip.compress(b"<html>" + b"y" * 100_000), headers={"Content-Encoding": "gzip"}
        ),
        record_id=rid(2),
    )
    small = record(http_response(b"<html>ok</html>"), record_id=rid(3))
    options = IngestOptions(max_bytes=200)
    [page] = read_pages(write(tmp_path, "c.warc", big + bomb + small), options)
    assert page.body == b"<html>ok</html>"
    with pytest.raises(InputError, match=r"no HTML response records \(skipped 2 HTML record"):
        list(read_pages(write(tmp_path, "d.warc", big + bomb), options))


def test_warc_file_itself_may_exceed_the_cap(tmp_path: Path) -> None:
    data = b"".join(record(http_response(ARTICLE), record_id=rid(n)) for n in range(20))
    options = IngestOptions(max_bytes=len(ARTICLE))
    assert len(list(read_pages(write(tmp_path, "c.warc", data), options))) == 20


def test_truncated_single_record(tmp_path: Path) -> None:
    data = record(http_response(ARTICLE))[:-30]
    with pytest.raises(InputError, match=r"^malformed WARC: .*c\.warc is truncated"):
        list(read_pages(write(tmp_path, "c.warc", data)))


def test_truncated_after_good_records_yields_them_then_stops(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = record(http_response(ARTICLE), record_id=rid(1))
    data += record(http_response(ARTICLE), record_id=rid(2))[:-30]
    with caplog.at_level(logging.WARNING, logger="unspun.ingest.warc"):
        pages = list(read_pages(write(tmp_path, "c.warc", data)))
    assert [p.source.rsplit("#", 1)[1] for p in pages] == [rid(1)]
    assert "truncated" in caplog.text


def test_truncated_gzip_member(tmp_path: Path) -> None:
    good = gzip.compress(record(http_response(ARTICLE), record_id=rid(1)))
    cut = gzip.compress(record(http_response(ARTICLE * 50), record_id=rid(2)))
    cut = cut[: len(cut) // 2]
    pages = list(read_pages(write(tmp_path, "c.warc.gz", good + cut)))
    assert len(pages) == 1
    with pytest.raises(InputError, match="malformed WARC"):
        list(read_pages(write(tmp_path, "d.warc.gz", cut)))


def test_garbage_after_good_records(tmp_path: Path) -> None:
    data = record(http_response(ARTICLE)) + b"WARC/1.0\r\nthis is not a header\r\n\r\n"
    assert len(list(read_pages(write(tmp_path, "c.warc", data)))) == 1


def test_corrupt_header(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="malformed WARC"):
        list(read_pages(write(tmp_path, "c.warc", b"WARC/1.0\r\nno colon here\r\n\r\nbody")))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("junk.warc.gz", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4),
        ("junk.warc.gz", b"this is plain text, not gzip and not WARC"),
        ("junk.warc", b"<html>a web page named like an archive</html>"),
        ("junk.warc.gz", gzip.compress(b"<html>gzipped page, not a WARC</html>")),
    ],
)
def test_garbage_named_as_warc(tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(InputError, match=r"^not a WARC file: .*junk\.warc"):
        list(read_pages(write(tmp_path, name, data)))


def test_empty_warc(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^empty input: .*empty\.warc is empty$"):
        list(read_pages(write(tmp_path, "empty.warc", b"")))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_warc_from_a_pipe(tmp_path: Path) -> None:
    # Process substitution (<(curl ...)) hands over a pipe, which cannot be rewound.
    fifo = tmp_path / "crawl.warc.gz"
    os.mkfifo(fifo)
    data = gzip.compress(record(http_response(ARTICLE)))

    def feed() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    [page] = read_pages(fifo)
    writer.join(timeout=5)
    assert page.body == ARTICLE
