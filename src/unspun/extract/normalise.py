"""Character and line normalisation, shared by every part of extraction.

The text conventions of :mod:`unspun.extract` (whitespace collapsed inside a line, no
invisible characters, nothing XML cannot carry, ``\\n`` the only separator) are enforced by
these few functions, so that the HTML and plain-text paths, the metadata and the headline
comparison all clean text the same way.
"""

from __future__ import annotations

import re
import unicodedata

# Characters XML (hence lxml) cannot carry, plus C0/C1 controls other than whitespace: they
# break the parser and have no place in text that spaCy and the renderers consume.
INVALID_CHARS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Invisible characters that would split or glue words without being visible.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# Every separator str.splitlines() honours: all of them become "\n" in plain text.
LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def clean_chars(text: str) -> str:
    return _INVISIBLE.sub("", INVALID_CHARS.sub("", text))


def norm_line(text: str) -> str:
    """One line of the final text: whitespace collapsed, invisible characters gone, in
    Unicode NFC (as trafilatura's own text: one spelling of "য়" or "é", not two)."""
    line = _SPACES.sub(" ", clean_chars(text)).strip()
    return line if line.isascii() else unicodedata.normalize("NFC", line)


def fold(text: str) -> str:
    """Comparison key for headlines: case, spacing and final punctuation do not matter."""
    return norm_line(text).casefold().rstrip(" .:;!?")
