"""Content sniffing: is it a WARC, binary, HTML or plain text, and is it usable at all?

Everything here works on raw bytes and never raises except :func:`check_content`, which raises
:class:`~unspun.errors.InputError` on purpose. Sniffing only ever looks at a prefix of the
content so it stays cheap on 10 MB inputs.
"""

from __future__ import annotations

import codecs
import re
import zlib

from unspun.errors import InputError
from unspun.ingest.page import MediaType

# How much of the content sniffing looks at. Binary formats announce themselves in the first
# bytes and HTML documents in their first few KB; a bounded prefix keeps sniffing O(1).
SNIFF_BYTES = 8192

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})

# BOMs longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# (magic prefix, what to call it). Only prefixes that plain text practically never starts with.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS\x00", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

# C0 controls that do not occur in text. Tab, LF, VT, FF, CR and ESC (ANSI colour codes in
# captured terminal output) are left out on purpose.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_TABLE = bytes.maketrans(_CONTROL_BYTES, b"\x00" * len(_CONTROL_BYTES))

# Text in the wild has no NULs and almost no other controls; compressed or machine data has
# about 11 % of them, so these thresholds separate the two with a wide margin.
_MAX_NUL_SHARE = 0.01
_MAX_CONTROL_SHARE = 0.05

# The WHATWG MIME sniffing rule: a document whose first tag is one of these is HTML.
_HTML_START = re.compile(
    r"""\A\s*
    (?:<\?xml[^>]*>\s*)?
    (?:<!--.*?-->\s*)*
    <(?:!doctype\s+html|html|head|body|script|iframe|h[1-6]|div|font|table|a|style|title|b|br
       |p|meta|link|article|section|main|header|nav|span|ul|ol|img|form|noscript)
    (?=[\s>/])""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
# Fallback for fragments that start with text: an unmistakable document tag, or several
# closing tags (a stray "<p>" in a plain-text article is not enough).
_HTML_DOCUMENT_TAG = re.compile(r"<(?:!doctype\s+html|html|body)(?=[\s>])", re.IGNORECASE)
_HTML_CLOSING_TAG = re.compile(
    r"</(?:p|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|table|tr|td|article|section|head|title"
    r"|script|style)\s*>",
    re.IGNORECASE,
)
_MIN_CLOSING_TAGS = 2

_WARC_START = re.compile(rb"\AWARC/\d")

_KIB = 1024
_MIB = 1024 * 1024


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark at the start of *data* announces, and the BOM's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from its tell-tale pattern of NULs in every other byte.

    Mostly-Latin UTF-16 has a NUL as the high byte of nearly every code unit; without this
    check such text would be rejected as binary (it is full of NULs).
    """
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    for encoding, high, low, high_nuls, low_nuls in (
        ("utf-16-le", odd, even, odd_nuls, even_nuls),
        ("utf-16-be", even, odd, even_nuls, odd_nuls),
    ):
        if high_nuls >= 0.9 * len(high) and low_nuls <= 0.05 * len(low):
            try:
                sample.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def sample_text(data: bytes) -> str:
    """A prefix of *data* as text, good enough for pattern matching (never raises).

    Latin-1 maps every byte to a character, so ASCII markup is found in any ASCII-compatible
    encoding without knowing which one it is.
    """
    sample = data[:SNIFF_BYTES]
    found = bom_encoding(sample)
    encoding = found[0] if found else utf16_without_bom(sample)
    if encoding is not None:
        start = found[1] if found else 0
        return sample[start:].decode(encoding, errors="ignore")
    return sample.decode("latin-1")


def is_warc(head: bytes) -> bool:
    """Whether *head* (the first few KB of a file) starts a WARC file, plain or gzipped."""
    if _WARC_START.match(head):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            # wbits=31: expect a gzip header. A .warc.gz is a series of gzip members, each one
            # record, so the first member must decompress to the start of a WARC record.
            start = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
        return _WARC_START.match(start) is not None
    return False


def binary_kind(data: bytes) -> str | None:
    """What binary format *data* is ("a PDF document", "binary data"), or None if it is text."""
    sample = data[:SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return kind
    if sample.startswith(b"ID3") and sample[3:4] in (b"\x02", b"\x03", b"\x04"):
        return "an MP3 audio file"
    if sample[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    if sample.startswith(b"RIFF") and sample[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file"
    if bom_encoding(sample) is not None or utf16_without_bom(sample) is not None:
        # Wide encodings are legitimately full of NULs; their controls are checked as text.
        text = sample_text(sample)
        controls = sum(1 for char in text if ord(char) < 0x80 and ord(char) in _CONTROL_BYTES)
        return "binary data" if text and controls > _MAX_CONTROL_SHARE * len(text) else None
    if not sample:
        return None
    nuls = sample.count(0)
    if nuls > _MAX_NUL_SHARE * len(sample):
        return "binary data"
    controls = sample.translate(_CONTROL_TABLE).count(0)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        return "binary data"
    return None


def looks_like_html(data: bytes) -> bool:
    """Whether *data* is HTML rather than plain text, judged from its first few KB."""
    text = sample_text(data).lstrip("\ufeff")
    if _HTML_START.match(text) or _HTML_DOCUMENT_TAG.search(text):
        return True
    return len(_HTML_CLOSING_TAG.findall(text, 0, SNIFF_BYTES)) >= _MIN_CLOSING_TAGS


def sniff_media_type(data: bytes) -> MediaType:
    """HTML or plain text, for content that came without a trustworthy type."""
    return "text/html" if looks_like_html(data) else "text/plain"


def is_blank(data: bytes) -> bool:
    """Whether *data* holds nothing but whitespace (and maybe a BOM)."""
    found = bom_encoding(data)
    if found is not None:
        try:
            return not data[found[1] :].decode(found[0]).strip()
        except UnicodeDecodeError:
            return False
    return not data.strip()


def check_content(data: bytes, what: str) -> None:
    """Raise InputError if *data* is empty or binary; *what* names the input in the message."""
    if not data:
        raise InputError(f"empty input: {what} is empty")
    if is_blank(data):
        raise InputError(f"empty input: {what} holds only whitespace")
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(f"binary content, not a web page or text: {what} looks like {kind}")


def format_size(size: int) -> str:
    """A byte count the way limits are quoted to users: "10 MB", "64 KB", "100 bytes"."""
    if size >= _MIB and size % _MIB == 0:
        return f"{size // _MIB} MB"
    if size >= _MIB:
        return f"{size / _MIB:.1f} MB"
    if size >= _KIB and size % _KIB == 0:
        return f"{size // _KIB} KB"
    return f"{size} bytes"


def parse_content_type(value: str | None) -> tuple[str | None, dict[str, str]]:
    """Split a Content-Type header into its lower-cased media type and its parameters.

    Hand-rolled rather than ``email.message`` because that one substitutes ``text/plain``
    for a malformed type, which would turn garbage into an accepted page.
    """
    if not value:
        return None, {}
    media_type, _, rest = value.partition(";")
    media_type = media_type.strip().lower()
    params: dict[str, str] = {}
    for part in rest.split(";"):
        key, sep, param = part.partition("=")
        if sep:
            params[key.strip().lower()] = param.strip().strip("\"'").strip()
    return (media_type or None), params


def charset_param(params: dict[str, str]) -> str | None:
    """The charset parameter of a parsed Content-Type, if it names anything."""
    charset = params.get("charset", "").strip()
    return charset or None
