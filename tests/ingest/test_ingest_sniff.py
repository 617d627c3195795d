"""Content sniffing: binary formats, HTML versus text, WARC signatures, helpers."""

from __future__ import annotations

import codecs
import gzip

import pytest

from unspun.errors import InputError
from unspun.ingest.sniff import (
    binary_kind,
    check_content,
    format_size,
    is_warc,
    looks_like_html,
    parse_content_type,
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (gzip.compress(b"<html>not a warc</html>"), "gzip"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "RIFF"),
        (bytes(range(256)) * 8, "binary data"),
        (b"\x01\x02\x03\x04 text-ish \x05\x06\x07\x08\x0e\x0f", "binary data"),
        (b"abc\x00def", "binary data"),
    ],
)
def test_binary_is_recognised(data: bytes, kind: str) -> None:
    found = binary_kind(data)
    assert found is not None
    assert kind in found


@pytest.mark.parametrize(
    "data",
    [
        b"Plain ASCII text.\n",
        "Unicode “text” — naïve".encode(),
        "Latin-1 caf\u00e9".encode("latin-1"),
        "Кириллица".encode("cp1251"),
        b"\x1b[31mred\x1b[0m terminal output\n",
        b"tabs\tand\r\nwindows\x0cline ends",
        codecs.BOM_UTF16_LE + "UTF-16 text".encode("utf-16-le"),
        "UTF-16 without a BOM".encode("utf-16-le"),
        "UTF-16 big endian, no BOM".encode("utf-16-be"),
        b"A long article. " * 200 + b"\x00" + b"With one stray NUL. " * 200,
        b"",
    ],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert binary_kind(data) is None


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"  \n<html lang=en>",
        b"<!-- generated --><!doctype HTML>",
        b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
        b"<p>Just a fragment</p>",
        b"<div class=x>hi</div>",
        b"Text first, then <b>bold</b> and <i>italic</i>.",
        codecs.BOM_UTF8 + b"<html>",
        codecs.BOM_UTF16_LE + "<html><body>wide</body></html>".encode("utf-16-le"),
        "<p>UTF-16 without BOM</p>".encode("utf-16-le"),
        b"Some preamble\n<body>\n",
    ],
)
def test_html_is_recognised(data: bytes) -> None:
    assert looks_like_html(data)


@pytest.mark.parametrize(
    "data",
    [
        b"Plain text about HTML.",
        b"If a < b and c > d then the <p> tag is mentioned once.",
        b"Email me at <someone@example.com>.",
        b"",
    ],
)
def test_text_is_not_html(data: bytes) -> None:
    assert not looks_like_html(data)


def test_warc_signatures() -> None:
    record = b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"
    assert is_warc(record)
    assert is_warc(b"WARC/0.18\r\n")
    assert is_warc(gzip.compress(record))
    assert not is_warc(gzip.compress(b"<html>"))
    assert not is_warc(b"WARC files are web archives.")
    assert not is_warc(b"\x1f\x8b broken gzip")
    assert not is_warc(b"")


def test_check_content_messages() -> None:
    with pytest.raises(InputError, match=r"^empty input: x is empty$"):
        check_content(b"", "x")
    with pytest.raises(InputError, match=r"^empty input: x holds only whitespace$"):
        check_content(b" \n\t ", "x")
    with pytest.raises(InputError, match=r"^empty input"):
        check_content(codecs.BOM_UTF8 + b"  ", "x")
    with pytest.raises(
        InputError, match=r"^binary content, not a web page or text: x looks like a PDF document$"
    ):
        check_content(b"%PDF-1.4", "x")
    check_content(b"fine", "x")


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (10 * 1024 * 1024, "10 MB"),
        (64 * 1024, "64 KB"),
        (100, "100 bytes"),
        (1536 * 1024, "1.5 MB"),
    ],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


@pytest.mark.parametrize(
    ("header", "media_type", "params"),
    [
        ("text/html; charset=UTF-8", "text/html", {"charset": "UTF-8"}),
        ('TEXT/HTML;Charset="iso-8859-1"', "text/html", {"charset": "iso-8859-1"}),
        ("text/plain", "text/plain", {}),
        ("; charset=utf-8", None, {"charset": "utf-8"}),
        ("", None, {}),
        (None, None, {}),
        ("text/html; junk; charset = 'koi8-r' ", "text/html", {"charset": "koi8-r"}),
    ],
)
def test_parse_content_type(
    header: str | None, media_type: str | None, params: dict[str, str]
) -> None:
    assert parse_content_type(header) == (media_type, params)
