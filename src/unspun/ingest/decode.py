"""Turning a page's bytes into text: declared charset, BOM, meta tag, detection, fallback.

:func:`decode` never raises: charset names and bytes come from untrusted pages and headers,
and a page that cannot be decoded perfectly is still worth analysing.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from unspun.ingest.page import Page
from unspun.ingest.sniff import bom_encoding, utf16_without_bom

# WHATWG's prescan reads the first 1024 bytes; real pages often put <meta charset> after a
# pile of <link> and inline <script>, so look a little further.
_META_SCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.()\-]+)""",
    re.IGNORECASE,
)

# Labels browsers decode with a superset codec (WHATWG Encoding Standard). Pages labelled
# ISO-8859-1 are in practice windows-1252: decoding them as Latin-1 would turn curly quotes
# into C1 control characters.
_WHATWG_SUPERSETS = {
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gbk",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}
# UTF-7 lets "+ADw-" mean "<": browsers refuse the label and so do we.
_REFUSED_CODECS = frozenset({"utf_7"})
_WIDE_CODECS = frozenset({"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"})
_SINGLE_BYTE_LEGACY = frozenset({"cp1252", "iso8859_1", "ascii", "iso8859_15"})
# Single-byte code pages for Latin-script languages, as charset_normalizer names them.
_LATIN_CODEPAGES = frozenset(
    {
        "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3",
        "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
        "iso8859_16", "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish", "cp437",
        "cp775", "cp850", "cp852", "cp857", "cp858", "cp860", "cp861", "cp863", "cp865",
    }
)  # fmt: skip

# A body with a few broken sequences among many good multi-byte ones is UTF-8 that got
# damaged (cut at a cap, one bad byte pasted in). Detection would pick a legacy codepage and
# garble every other non-ASCII character, so keep UTF-8 and replace only the broken bytes.
_MIN_GOOD_PER_BAD_UTF8 = 4


def decode(page: Page) -> str:
    """The text of *page*, never raising.

    Order: a BOM; the declared charset (``page.charset``); for HTML a ``<meta>`` charset in
    the first 4 KB; UTF-16 recognised by its NUL pattern; strict UTF-8; charset_normalizer
    detection; UTF-8 with replacement characters. A declared charset is used only if Python
    knows it and the bytes decode cleanly with it. A BOM beats a declared charset, as in
    browsers: the bytes themselves are stronger evidence than a header. A leading BOM is
    stripped; nothing else in the text is altered.
    """
    try:
        text = _decode(page)
    except Exception:  # decode() promises never to raise, whatever the bytes
        text = page.body.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def _decode(page: Page) -> str:
    body = page.body
    if not body:
        return ""
    found = bom_encoding(body)
    if found is not None:
        encoding, length = found
        return body[length:].decode(encoding, errors="replace")

    for label in _declared_labels(page):
        text = _try_label(label, body)
        if text is not None:
            return text

    wide = utf16_without_bom(body)
    if wide is not None:
        return body.decode(wide, errors="replace")

    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(body):
        return body.decode("utf-8", errors="replace")

    detected = _detect(body)
    if detected is not None:
        return detected
    return body.decode("utf-8", errors="replace")


def _declared_labels(page: Page) -> list[str]:
    labels: list[str] = []
    if page.charset:
        labels.append(page.charset)
    if page.media_type == "text/html":
        match = _META_CHARSET.search(page.body, 0, _META_SCAN_BYTES)
        if match is not None:
            meta = match.group(1).decode("ascii", errors="replace")
            # WHATWG: a <meta> read by an ASCII-based prescan cannot truly say UTF-16.
            if _codec_name(meta) in _WIDE_CODECS:
                meta = "utf-8"
            labels.append(meta)
    return labels


def _try_label(label: str, body: bytes) -> str | None:
    """Decode *body* as *label* if Python knows it and the bytes fit it, else None."""
    codec = _codec_name(label)
    if codec is None or codec in _REFUSED_CODECS:
        return None
    if codec in _WIDE_CODECS:
        wide = utf16_without_bom(body)
        if wide is None:
            # A UTF-16 label on a body without UTF-16's NUL pattern is a lying header; obeying
            # it turns ASCII HTML into a wall of CJK characters that "decodes cleanly".
            return None
        if codec == "utf_16":
            # Without a BOM the plain label does not say which byte order; the NULs do.
            codec = wide
    codec = _WHATWG_SUPERSETS.get(codec, codec)
    if codec in _SINGLE_BYTE_LEGACY and _is_non_ascii_utf8(body):
        # Single-byte codecs decode anything, so a lie cannot show up as an error; valid
        # multi-byte UTF-8 is practically never legacy-encoded text by accident.
        return body.decode("utf-8")
    for candidate in (codec, "latin_1") if codec == "cp1252" else (codec,):
        try:
            return body.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            # cp1252 leaves five bytes undefined; Latin-1 is what the label literally said.
            continue
    return None


def _codec_name(label: str) -> str | None:
    """Python's canonical codec name for a charset label, or None if it is not a text codec."""
    cleaned = label.strip().strip("\"'").strip().lower()
    if not cleaned or len(cleaned) > 40:
        return None
    try:
        info = codecs.lookup(cleaned)
    except (LookupError, ValueError):
        return None
    # Binary-to-binary codecs (base64, zlib, rot13) are registered too; they are not charsets.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name.replace("-", "_")


def _is_non_ascii_utf8(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(body: bytes) -> bool:
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    # Counted with C-level string operations: a per-character loop is slow on a 10 MB page.
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return good >= _MIN_GOOD_PER_BAD_UTF8 * max(bad, 1)


def _detect(body: bytes) -> str | None:
    best = charset_normalizer.from_bytes(body).best()
    if best is None or not best.encoding:
        return None
    encoding = best.encoding
    if encoding in _LATIN_CODEPAGES:
        # On short Western text the detector cannot tell Latin code pages apart (it picks
        # cp1257 for French, cp1250 for English with curly quotes). windows-1252 is the web's
        # default for undeclared Western pages, so it wins whenever it fits the bytes.
        try:
            return body.decode("cp1252")
        except UnicodeDecodeError:
            pass
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return None
