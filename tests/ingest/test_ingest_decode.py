"""decode(): declared charset, BOM, <meta>, detection and fallbacks; it never raises."""

from __future__ import annotations

import codecs

import pytest

from unspun.ingest import MediaType, Page, decode


def page(body: bytes, charset: str | None = None, media_type: MediaType = "text/html") -> Page:
    return Page(body=body, source="<test>", media_type=media_type, charset=charset)


RUSSIAN = "Правительство объявило о новых мерах поддержки экономики в понедельник."
FRENCH = "Le café était très « animé », naïve façade — déjà vu. Où est la bibliothèque ? "


def test_plain_utf8() -> None:
    assert decode(page("naïve — “quoted”".encode(), media_type="text/plain")) == "naïve — “quoted”"


def test_declared_charset_is_honoured() -> None:
    body = RUSSIAN.encode("koi8-r")
    assert decode(page(body, charset="KOI8-R")) == RUSSIAN


def test_meta_charset_cp1251() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body>{RUSSIAN}</body></html>'
    assert decode(page(html.encode("cp1251"))) == html


def test_meta_http_equiv_latin1() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body>Caf\u00e9 cr\u00e8me</body></html>"
    )
    assert decode(page(html.encode("latin-1"))) == html


def test_header_beats_meta() -> None:
    html = f'<meta charset="windows-1251"><p>{RUSSIAN}</p>'
    assert decode(page(html.encode("koi8-r"), charset="koi8-r")) == html


def test_meta_is_ignored_for_plain_text() -> None:
    text = f'<meta charset="koi8-r"> {RUSSIAN}'
    assert decode(page(text.encode("utf-8"), media_type="text/plain")) == text


def test_latin1_label_decodes_as_windows_1252() -> None:
    # Browsers read ISO-8859-1 pages as windows-1252; 0x93/0x94 are curly quotes there.
    assert decode(page(b"\x93Hi\x94 caf\xe9", charset="ISO-8859-1")) == "“Hi” café"


def test_latin1_label_with_bytes_undefined_in_cp1252() -> None:
    assert decode(page(b"a\x81b", charset="latin-1")) == "a\x81b"


def test_lying_utf8_header_falls_back_to_detection() -> None:
    body = (FRENCH * 3).encode("cp1252")
    assert decode(page(body, charset="utf-8", media_type="text/plain")) == FRENCH * 3


def test_lying_single_byte_header_on_utf8_body() -> None:
    body = "Café “naïve”".encode()
    assert decode(page(body, charset="iso-8859-1")) == "Café “naïve”"


def test_lying_utf16_header_on_ascii_body() -> None:
    assert decode(page(b"<p>hello</p>", charset="utf-16")) == "<p>hello</p>"


def test_lying_meta_falls_back() -> None:
    html = f'<meta charset="utf-8"><p>{RUSSIAN}</p>'
    assert decode(page(html.encode("cp1251"))) == html


@pytest.mark.parametrize(
    "charset",
    ["x-no-such-charset", "base64", "rot13", "zlib", "utf-7", "", "  ", "\x00\xff", "a" * 500],
)
def test_unknown_or_bogus_charset_names_are_ignored(charset: str) -> None:
    assert decode(page("héllo +ADw-".encode(), charset=charset)) == "héllo +ADw-"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_bom_is_used_and_stripped(encoding: str, bom: bytes) -> None:
    text = "<p>Grüße</p>"
    assert decode(page(bom + text.encode(encoding))) == text


def test_bom_beats_a_conflicting_header() -> None:
    assert decode(page(codecs.BOM_UTF8 + "café".encode(), charset="windows-1251")) == "café"


def test_utf16_without_bom() -> None:
    text = "Plain words, in UTF-16 without a byte-order mark."
    assert decode(page(text.encode("utf-16-le"), media_type="text/plain")) == text
    assert decode(page(text.encode("utf-16-be"), media_type="text/plain")) == text


def test_undeclared_cp1252_is_detected() -> None:
    text = "The company said its “new” product—launched in München—was a success."
    assert decode(page(text.encode("cp1252"), media_type="text/plain")) == text


def test_undeclared_cp1251_is_detected() -> None:
    assert decode(page(RUSSIAN.encode("cp1251"), media_type="text/plain")) == RUSSIAN


def test_damaged_utf8_keeps_the_good_characters() -> None:
    body = "ünïcödé text here ".encode() * 3 + b"\xff"
    assert decode(page(body, media_type="text/plain")) == "ünïcödé text here " * 3 + "\ufffd"


def test_text_is_not_otherwise_altered() -> None:
    text = "line one\r\nline two\ttab\x0cform feed  trailing  \n"
    assert decode(page(text.encode(), media_type="text/plain")) == text


def test_only_a_leading_bom_is_stripped() -> None:
    assert decode(page("\ufeffa\ufeffb".encode())) == "a\ufeffb"


@pytest.mark.parametrize(
    "body",
    [b"", b"\x00", b"\xff\xfe", b"\xfe\xff\x00", b"\x80\x81\x82\xff" * 100, bytes(range(256)) * 4],
)
def test_garbage_never_raises(body: bytes) -> None:
    assert isinstance(decode(page(body, charset="utf-16")), str)
    assert isinstance(decode(page(body)), str)


def test_plain_utf16_label_uses_the_byte_order_the_nuls_show() -> None:
    text = "Big-endian words without a BOM."
    assert decode(page(text.encode("utf-16-be"), charset="UTF-16", media_type="text/plain")) == text
