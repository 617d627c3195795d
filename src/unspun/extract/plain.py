"""Plain-text extraction: from ``text/plain`` to a :class:`~unspun.report.Document`.

Blank-line-separated paragraphs, hard-wrapped lines joined back into paragraphs
(:func:`_reflow`), the furniture filters, and a headline-like first line taken as the title,
with a ``By <Name>`` line below it as the author.
"""

from __future__ import annotations

import re

from unspun.errors import InputError
from unspun.extract.furniture import HEADING_END, NAME, drop_furniture
from unspun.extract.metadata import http_url, url_host
from unspun.extract.normalise import LINE_BREAKS, clean_chars, norm_label, norm_line
from unspun.ingest.page import Page
from unspun.report import Document

# Marks of a list item in plain text: never joined to the previous line when reflowing.
_LIST_MARK = re.compile(r"(?:[-*•·–—]|\d{1,3}[.)]|[a-z][.)])\s")
# A line ending like a sentence: the next line is never joined to it when reflowing.
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]$")

# A "By <Name>" line right under a plain-text headline: the author.
_BYLINE = re.compile(rf"(?i:by)\s+({NAME}(?:\s*(?:,|and|&)\s*{NAME})*)")


# A line at least this share of the wrap column long "fills" it.
_FILLED = 0.75


def _paragraphs(markup: str) -> list[list[str]]:
    """Blank-line-separated paragraphs, each a list of normalised non-empty lines."""
    blocks: list[list[str]] = [[]]
    for raw in LINE_BREAKS.split(clean_chars(markup)):
        line = norm_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when it is not wrapped."""
    inner = [len(line) for block in blocks for line in block[:-1]]
    if len(inner) < 2:
        return None
    width = max(len(line) for block in blocks for line in block)
    # Nobody wraps prose below 40 columns; a list of short items is not wrapped prose.
    if not 40 <= width <= 100:
        return None
    # Wrapped text fills its column: most non-final lines of a paragraph come close to it.
    near = sum(1 for length in inner if length >= _FILLED * width)
    return width if near >= 0.6 * len(inner) else None


def _reflow(blocks: list[list[str]]) -> list[str]:
    width = _wrap_width(blocks)
    lines: list[str] = []
    for block in blocks:
        current = previous = block[0]
        for line in block[1:]:
            # A line that fills the column and ends mid-sentence was broken by the wrapping.
            joinable = (
                width is not None
                and len(previous) >= _FILLED * width
                and not _SENTENCE_END.search(previous)
                and not _LIST_MARK.match(line)
            )
            if joinable:
                current = f"{current} {line}"
            else:
                lines.append(current)
                current = line
            previous = line
        lines.append(current)
    return lines


def _looks_like_headline(line: str) -> bool:
    return (
        len(line) <= 150
        and len(line.split()) <= 25
        and not HEADING_END.search(line)
        and any(ch.isalpha() for ch in line)
        and not _LIST_MARK.match(line)
    )


def extract_plain(page: Page, markup: str) -> Document:
    """The article of a plain-text page; :class:`InputError` when it is empty."""
    lines = drop_furniture(_reflow(_paragraphs(markup)))
    if not lines:
        raise InputError(f"empty input: {page.source}")
    title: str | None = None
    author: str | None = None
    if len(lines) > 1 and _looks_like_headline(lines[0]):
        title = norm_label(lines.pop(0)) or None
        if len(lines) > 1 and (match := _BYLINE.fullmatch(lines[0])):
            author = match.group(1)
            lines.pop(0)
    return Document(
        url=http_url(page.url),
        title=title,
        author=author,
        site=url_host(http_url(page.url)),
        language=None,
        text="\n".join(lines),
    )
