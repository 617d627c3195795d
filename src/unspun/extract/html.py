"""HTML extraction: from a page's decoded markup to a :class:`~unspun.report.Document`.

The pipeline that ties the other modules together: parse the markup, read the metadata from
the whole page, prune furniture from a copy, then try the text passes in turn (trafilatura,
trafilatura favouring recall, the visible text; then both again on the unpruned page) until
one leaves article text after the furniture and headline filters.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml.html import HtmlElement, document_fromstring

from unspun.errors import InputError
from unspun.extract.furniture import drop_furniture, drop_headline
from unspun.extract.metadata import headline, metadata, title_candidates
from unspun.extract.normalise import INVALID_CHARS
from unspun.extract.prune import LONG_BLOCK, prune_furniture, squash
from unspun.extract.serialise import (
    SKIPPED_TAGS,
    lines_of,
    retile,
    trafilatura_lines,
    visible_lines,
)
from unspun.ingest.page import Page
from unspun.report import Document
from unspun.settings import ExtractSettings

LOGGER = logging.getLogger(__name__)

# A reading can hold blocks glued by trafilatura's baseline when it has this few lines, or a
# line this long.
GLUED_MAX_LINES = 3
GLUED_MIN_CHARS = 1500
# What lxml refuses in text nodes: the characters :data:`INVALID_CHARS` removes, and the
# whitespace controls Python accepts but XML does not, which become spaces. One character
# class, so the markup is scanned once (two scans cost a third of the parse).
_UNPARSEABLE = re.compile(INVALID_CHARS.pattern[:-1] + "\x0b\x0c\x1c-\x1f]")
_SPACE_CONTROLS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


def _parseable(match: re.Match[str]) -> str:
    return " " if match.group() in _SPACE_CONTROLS else ""


def _parse_html(markup: str) -> HtmlElement | None:
    """Parse markup into an lxml.html tree, or None when nothing parseable is left."""
    markup = _UNPARSEABLE.sub(_parseable, markup)
    if not markup.strip():
        return None
    # An XML declaration with an encoding makes lxml refuse a str; the text is decoded already.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    tree: HtmlElement | None = None
    try:
        tree = trafilatura.load_html(markup)
    except Exception:  # a parser bug must not abort extraction: the fallback below handles it
        LOGGER.debug("trafilatura.load_html failed", exc_info=True)
    if tree is None:
        # load_html rejects fragments and text that does not start like HTML; a document
        # wrapper keeps such pages analysable.
        try:
            tree = document_fromstring(f"<html><body><div>{markup}</div></body></html>")
        except Exception:  # lxml raises ParserError and ValueError on degenerate input
            LOGGER.debug("lxml could not parse the markup", exc_info=True)
            return None
    return tree


def _too_many(elements: int, limits: ExtractSettings) -> InputError:
    return InputError(f"page too large to analyse: {elements:,} elements;"
                      f" at most {limits.max_elements:,}")


def check_markup(markup: str, limits: ExtractSettings) -> None:
    """Refuse markup with more start tags than ``limits.max_elements``, before parsing it.

    The start tags are counted as the ``<`` that open no end tag, comment, declaration or
    processing instruction and are not followed by a space: a few string scans, about 15 ms
    for 8 MB (a regular expression takes 50 times as long; parsing 8 MB of ``<br>`` takes
    0.7 s and the text passes minutes). Stray ``<`` in scripts can only add a few thousand
    on a real page, against a limit in the hundreds of thousands.
    """
    tags = markup.count("<")
    if tags <= limits.max_elements:
        return
    tags -= sum(markup.count(s) for s in ("</", "<!", "<?", "< "))
    if tags > limits.max_elements:
        raise _too_many(tags, limits)


def check_size(tree: HtmlElement, limits: ExtractSettings) -> None:
    """Refuse a parsed page too big or too deeply nested to extract in bounded time.

    Both checks run in libxml2 (XPath), not in Python: a few milliseconds for 200,000
    elements, so every page pays almost nothing for them.
    """
    elements = int(tree.xpath("count(//*)"))
    if elements > limits.max_elements:
        raise _too_many(elements, limits)
    # An element at depth max_depth + 1 exists when this chain of child steps selects one.
    if tree.xpath("boolean(/" + "/*" * (limits.max_depth + 1) + ")"):
        raise InputError(f"page nested too deeply to analyse: more than"
                         f" {limits.max_depth:,} levels of elements")


def _misses(lines: list[str], paragraphs: tuple[str, ...]) -> bool:
    """Whether a reading lacks one of the paragraphs of prose of the page it read."""
    read = squash("".join(lines))
    return any(squash(p) not in read for p in paragraphs)


def extract_html(page: Page, markup: str, limits: ExtractSettings | None = None) -> Document:
    """The article of an HTML page; :class:`InputError` when it holds no article text, or
    when it has more elements or deeper nesting than ``limits`` allow."""
    limits = limits or ExtractSettings()
    check_markup(markup, limits)
    tree = _parse_html(markup)
    if tree is None:
        raise InputError(f"no article text found in {page.source}")
    check_size(tree, limits)
    meta = metadata(tree, page)
    titles = title_candidates(tree, meta)
    # The headline as the page shows it is the title the text will start with.
    meta.title = headline(tree, meta)
    # The tree is pruned in place; the few pages whose readings need the whole page again
    # parse it again (cheaper over the whole crawl than copying every page's tree).
    pruned = tree
    removed = prune_furniture(pruned)
    known: list[list[str]] = []
    unpruned: list[HtmlElement] = []

    def whole_page() -> HtmlElement:
        if not unpruned:
            again = _parse_html(markup)
            unpruned.append(pruned if again is None else again)
        return unpruned[0]

    def page_lines() -> list[str]:
        """The pruned page's own lines, serialised once, when first needed."""
        if not known:
            body = pruned.find("body")
            known.append(lines_of(body if body is not None else pruned, SKIPPED_TAGS))
        return known[0]

    def retiled(lines: list[str]) -> list[str]:
        # Only trafilatura's baseline glues blocks, into one long paragraph (or a few lines
        # of a short page): other readings skip serialising the page to compare.
        if len(lines) > GLUED_MAX_LINES and max(map(len, lines)) <= GLUED_MIN_CHARS:
            return lines
        return retile(lines, page_lines())

    def first_pass() -> list[str]:
        # The pruning is a proposal: when it removed paragraphs of prose, and more readable
        # text than trafilatura then kept, trafilatura also reads the whole page; if that
        # reading keeps those paragraphs, the article was pruned, not the furniture.
        lines = trafilatura_lines(pruned, meta.url, recall=False)
        kept = sum(map(len, lines))
        if removed.chars > kept and (removed.prose or _misses(lines, removed.kept_prose)):
            whole = trafilatura_lines(whole_page(), meta.url, recall=False)
            # Compared without whitespace: a <br> inside a paragraph splits it into lines.
            read = squash("".join(whole))
            if any(squash(p) in read for p in removed.prose):
                return whole
            # Or the pruning misled trafilatura on what it left: the whole page's reading
            # has paragraphs of prose that are still on the pruned page but not in its
            # reading, as much text as that reading kept in all.
            had, left = set(lines), set(page_lines())
            missed = [line for line in whole
                      if len(line) >= LONG_BLOCK and line not in had and line in left]
            if missed and sum(map(len, missed)) >= kept:
                return whole
        return lines

    attempts = (
        first_pass,
        lambda: trafilatura_lines(pruned, meta.url, recall=True),
        lambda: visible_lines(pruned),
        # The pruning guards the article, but a page named oddly enough could still lose it.
        lambda: trafilatura_lines(whole_page(), meta.url, recall=True),
        lambda: visible_lines(whole_page()),
    )
    lines: list[str] = []
    for attempt in attempts:
        lines = drop_headline(drop_furniture(retiled(attempt())), titles)
        if lines:
            break
    if not lines:
        raise InputError(f"no article text found in {page.source}")
    return Document(
        url=meta.url,
        title=meta.title,
        author=meta.author,
        date=meta.date,
        site=meta.site,
        language=None,
        text="\n".join(lines),
    )
