"""Metadata: title, author, date, site and URL of a page, and the spellings of its headline.

trafilatura's metadata extraction, with the fallbacks described in :mod:`unspun.extract`
(the page's URL over the canonical one, the host as site, a verbatim ``<meta
name="author">``), the URL helpers the plain-text path shares, and the headline candidates
:func:`~unspun.extract.furniture.drop_headline` compares lines with.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement

from unspun.extract.author import extract_author
from unspun.extract.normalise import fold, norm_label
from unspun.ingest.page import Page

LOGGER = logging.getLogger(__name__)


@dataclass
class Meta:
    """What :func:`metadata` found: the metadata fields of the :class:`~unspun.report.Document`."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _opt(value: object) -> str | None:
    """A metadata value as one clean line (no control or bidirectional characters), or None."""
    if not isinstance(value, str):
        return None
    value = norm_label(value)
    return value or None


def http_url(value: object) -> str | None:
    """``value``, normalised, when it is an http(s) URL with a host, else None."""
    url = _opt(value)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def url_host(url: str | None) -> str | None:
    """The host name of ``url`` without ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


# A link's words before the name that a byline element holds: "View all posts by Ada Lind".
_BYLINE_LINK = re.compile(
    r"^(?:[\w ]{0,30}\b(?:posts|articles|stories|entries|columns)|written|posted|published)"
    r"\s+by\s+(?=\S)", re.IGNORECASE)


def _byline_name(author: str | None) -> str | None:
    """``author`` without the link's words before it ("View all posts by Ada Lind" -> "Ada
    Lind")."""
    if author is None:
        return None
    return _BYLINE_LINK.sub("", author) or None


def _meta_author(tree: HtmlElement) -> str | None:
    """A verbatim ``<meta name="author">``, when it is short and plainly a name."""
    for value in tree.xpath('//meta[translate(@name, "AUTHOR", "author")="author"]/@content'):
        author = _opt(str(value))
        if author and len(author) <= 80 and "@" not in author and "://" not in author:
            return author
    return None


def _trafilatura_metadata(tree: HtmlElement, url: str | None, date_config: dict[str, Any]) -> Any:
    """trafilatura's ``extract_metadata`` for the fields a Document has: the same steps in
    the same order, without the categories, tags and licence it would also look for (a
    third of its time, for fields unspun does not report)."""
    try:
        from htmldate import find_date
        from trafilatura.metadata import (
            META_URL,
            examine_meta,
            extract_meta_json,
            extract_sitename,
            extract_title,
            extract_url,
        )
    except ImportError:  # another trafilatura layout: its own function does the same
        return trafilatura.extract_metadata(tree, default_url=url, date_config=date_config)
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    try:
        found = extract_meta_json(tree, found)
    except Exception:  # bugs in trafilatura's JSON-LD reading, as it guards them itself
        LOGGER.debug("JSON-LD metadata failed", exc_info=True)
    found.title = found.title or extract_title(tree)
    found.author = found.author or extract_author(tree)
    found.url = found.url or extract_url(tree, url)
    found.date = find_date(tree, **{**date_config, "url": found.url})
    found.sitename = found.sitename or extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url and (match := META_URL.match(found.url)):
        found.sitename = match[1]
    found.filedate = date_config.get("max_date")
    found.clean_and_trim()
    return found


def metadata(tree: HtmlElement, page: Page) -> Meta:
    max_date = (page.fetched_at or datetime.now(UTC)).date().isoformat()
    date_config = {"original_date": True, "extensive_search": False, "max_date": max_date}
    try:
        found = _trafilatura_metadata(tree, page.url, date_config)
    except Exception:  # metadata is optional: a bug in its heuristics must not lose the text
        LOGGER.debug("trafilatura metadata extraction failed", exc_info=True)
        found = None
    meta = Meta()
    if found is not None:
        meta.title = _opt(found.title)
        meta.author = _byline_name(_opt(found.author))
        date = _opt(found.date)
        meta.date = date if date and _ISO_DATE.fullmatch(date) else None
        meta.site = _opt(found.sitename)
        meta.url = http_url(found.url)
    meta.url = http_url(page.url) or meta.url
    if meta.author is None:
        meta.author = _meta_author(tree)
    if meta.site and " " not in meta.site and "." in meta.site:
        # A host name is trafilatura's own URL fallback, taken from the canonical URL; the
        # reported URL's host (the page's own, when known) is the better one.
        meta.site = url_host(meta.url) or meta.site.removeprefix("www.")
    meta.site = meta.site or url_host(meta.url)
    return meta


# What separates a headline from the site's name in a <title> or og:title: "Headline | Site",
# "Headline - Section - Site", "Headline » Site".
_TITLE_PARTS = re.compile(r"\s+[|–—»·-]\s+")


def headline(tree: HtmlElement, meta: Meta) -> str | None:
    """The article's headline as the page shows it.

    The page's ``<h1>`` when the metadata title agrees with it (one of the title's parts
    is the ``<h1>``, or the ``<h1>`` starts the title), or the page's one ``<h1>`` of four
    words or more that the metadata does not name; else the metadata title without the
    parts that name the site or its sections ("Losing face: masks stolen | The Japan Times"
    → "Losing face: masks stolen"): the part with the most words.
    """
    title = norm_label(meta.title or "")
    if not title:
        return None
    parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
    folded_parts = {fold(p) for p in parts} | {fold(title)}
    h1s = [h for h in (norm_label(e.text_content()) for e in tree.iter("h1")) if h]
    for h1 in h1s:
        if fold(h1) in folded_parts or fold(title).startswith(fold(h1)):
            return h1
    if len(h1s) == 1 and len(h1s[0].split()) >= 4:
        # One headline-like <h1> the metadata does not name: a title that is the site's name
        # ("The Daily Bugle") or "Untitled".
        return h1s[0]
    if len(parts) < 2:
        return title
    site = fold(meta.site or "")
    kept = [p for p in parts if fold(p) != site] or parts
    return max(kept, key=lambda p: (len(p.split()), -parts.index(p)))


def title_candidates(tree: HtmlElement, meta: Meta) -> set[str]:
    """Every spelling of the headline the page offers, folded for comparison."""
    texts: list[str] = []
    if meta.title:
        texts.append(meta.title)
    texts.extend(str(v) for v in tree.xpath('//meta[@property="og:title"]/@content'))
    texts.extend(str(v) for v in tree.xpath('//meta[@name="twitter:title"]/@content'))
    for element in tree.xpath("//h1|//title"):
        text = element.text_content()
        texts.append(text)
        # "<Headline> | <Site>" and "<Headline> - <Section> - <Site>" titles
        texts.extend(re.split(r"\s+[|–—-]\s+", text)[:1])
    return {folded for folded in map(fold, texts) if folded}
