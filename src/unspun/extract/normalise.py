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
# Bidirectional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
# (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C). In a title or a name they reorder
# what is shown after it: the rest of a history list's row, a file name's extension.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
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


def norm_label(text: str) -> str:
    """A title, a site's or an author's name: :func:`norm_line` without bidirectional
    controls or other invisible format characters (zero-width joiners stay: emoji and some
    scripts need them). Article text keeps its marks; a label is shown among other text."""
    line = norm_line(BIDI_CONTROLS.sub("", text))
    if line.isascii():
        return line
    return "".join(
        c for c in line if c in "\u200c\u200d" or unicodedata.category(c) != "Cf"
    ).strip()


def fold(text: str) -> str:
    """Comparison key for headlines: case, spacing, final punctuation and bidirectional
    controls do not matter (a title is a label, the text's headline line keeps them)."""
    return norm_line(BIDI_CONTROLS.sub("", text)).casefold().rstrip(" .:;!?")
