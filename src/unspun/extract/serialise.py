"""Serialisation: element trees turned into the one-block-per-line text.

:func:`lines_of` serialises trafilatura's XML body and raw HTML alike. Around it sit the
passes that produce candidate lines for :mod:`unspun.extract.html`: trafilatura's
``bare_extraction`` (:func:`trafilatura_lines`), the visible text of a page
(:func:`visible_lines`), and :func:`retile`, which cuts a line that trafilatura's baseline
glued together back into the page's blocks.
"""

from __future__ import annotations

import logging
from copy import deepcopy

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from unspun.extract.normalise import norm_line
from unspun.extract.prune import is_content

LOGGER = logging.getLogger(__name__)

# Tags whose boundaries end a line, in trafilatura's output and in raw HTML alike.
_BLOCK_TAGS = frozenset(
    """
    p head item quote list table row cell graphic div figure note body
    address article aside blockquote center dd details dialog dir dl dt fieldset figcaption
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol pre section summary tbody td tfoot
    th thead tr ul
    """.split()
)
_BREAK_TAGS = frozenset({"lb", "br"})
SKIPPED_TAGS = frozenset(
    """
    script style noscript template svg math iframe object embed canvas video audio picture
    select option button input textarea head title meta link map area
    """.split()
)
_ROW_TAGS = frozenset({"row", "tr"})
_CELL_TAGS = frozenset({"cell", "td", "th"})


def _simple_row_text(row: etree._Element) -> str | None:
    """The cells of a row joined by " | ", or None when a cell holds blocks of its own."""
    cells: list[str] = []
    for cell in row:
        if not isinstance(cell.tag, str) or cell.tag not in _CELL_TAGS:
            continue
        if any(
            isinstance(d.tag, str) and d.tag in _BLOCK_TAGS | _BREAK_TAGS
            for d in cell.iterdescendants()
        ):
            return None
        text = norm_line("".join(cell.itertext()))
        if text:
            cells.append(text)
    return " | ".join(cells)


def lines_of(root: etree._Element, skipped: frozenset[str] = frozenset()) -> list[str]:
    """Serialise a tree to lines: blocks and line breaks end lines, everything else flows.

    ``skipped`` names the tags whose content is not text; it must stay empty for trafilatura's
    output, where ``head`` is a heading rather than the document head.
    """
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = norm_line("".join(buffer))
        buffer.clear()
        if line:
            lines.append(line)

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag is None or tag in skipped:
                walker.skip_subtree()
                continue
            if tag in _BREAK_TAGS:
                flush()
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if tag in _ROW_TAGS:
                row = _simple_row_text(element)
                if row is not None:
                    buffer.append(row)
                    flush()
                    walker.skip_subtree()
                    continue
            if element.text:
                buffer.append(element.text)
        else:
            if tag is not None and tag in _BLOCK_TAGS:
                flush()
            if element is not root and element.tail:
                buffer.append(element.tail)
    flush()
    return lines


def trafilatura_lines(
    tree: HtmlElement, url: str | None, *, recall: bool, fast: bool = False
) -> list[str]:
    try:
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=fast,
            favor_recall=recall,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,
        )
    except Exception:  # trafilatura's heuristics can trip on odd pages: fall back, not fail
        LOGGER.debug("trafilatura extraction failed", exc_info=True)
        return []
    body = getattr(result, "body", None)
    if body is None:
        return []
    return lines_of(body)


def retile(lines: list[str], page_lines: list[str]) -> list[str]:
    """Split lines that glue several blocks of the page back into one line per block.

    When its main pass finds little, trafilatura falls back to a "baseline" that joins a whole
    ``<article>`` into one paragraph (headline, byline and text alike). Such a line is the
    concatenation of consecutive blocks of the page (some possibly left out); re-cutting it
    at those blocks restores the one-block-per-line convention and lets the headline and
    byline filters see their lines.
    """
    known = set(page_lines)
    out: list[str] = []
    for line in lines:
        if line in known:
            out.append(line)
            continue
        pieces = _tile(line, page_lines)
        out.extend(pieces if pieces else [line])
    return out


def _tile(line: str, page_lines: list[str]) -> list[str] | None:
    """The page lines that, joined by spaces and in page order, spell ``line`` exactly."""
    for first, candidate in enumerate(page_lines):
        if not line.startswith(candidate):
            continue
        pieces = [candidate]
        pos = len(candidate)
        for page_line in page_lines[first + 1 :]:
            if pos >= len(line):
                break
            if line.startswith(" " + page_line, pos):
                pieces.append(page_line)
                pos += len(page_line) + 1
        if pos == len(line) and len(pieces) > 1:
            return pieces
    return None


_FALLBACK_DROPPED = frozenset({"nav", "aside", "footer", "header", "form", "figure", "dialog"})


def visible_lines(tree: HtmlElement) -> list[str]:
    """The page's visible body text, without navigation, forms and other chrome."""
    tree = deepcopy(tree)
    for element in list(tree.iter(*_FALLBACK_DROPPED)):
        if element.getparent() is not None and not any(
            is_content(x) for x in element.iter() if isinstance(x.tag, str)
        ):
            element.drop_tree()
    body = tree.find("body")
    return lines_of(body if body is not None else tree, SKIPPED_TAGS)
