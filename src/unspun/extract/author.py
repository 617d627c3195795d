"""The author of a page by trafilatura's rules, in one pass over the tree.

trafilatura finds a byline with three XPath expressions (most specific first) on a copy of
the page from which comments, dates, figures and a few other sections were deleted. Each of
those expressions tests several attributes of every element in libxml2, and the copy and
deletion come on top: about 4 ms a page, the costliest step of unspun's metadata and a
fifth of its whole extraction. :func:`extract_author` applies the same tests to each
element once, in Python, without copying or changing the tree, and returns what trafilatura
returns.

It is a translation of one version of those rules, so it is used only while trafilatura's
expressions are the ones translated (compared as text, :data:`TRANSLATED`); otherwise
trafilatura's own function runs. ``tests/extract/test_author.py`` compares both on pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

# trafilatura 2.3's AUTHOR_XPATHS, then AUTHOR_DISCARD_XPATHS, as written there (whitespace
# aside: it is not compared).
_TRANSLATED_FROM = (
    """//*[self::a or self::address or self::div or self::link or self::p or self::span or
    self::strong][ @rel='author' or @id='author' or @class='author' or @itemprop='author name'
    or rel='me' or @data-testid='AuthorCard' or @data-testid='AuthorURL' or re:test(@class,
    'author-?name|AuthorName|authorName')]|//author""",
    """//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][
    @class='byline' or @class='username' or @class='byl' or @class='BBL' or
    contains(@itemprop, 'author') or re:test(@id, 'author|zuozhe|bianji|xiaobian') or
    re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|
    journalist-name')]""",
    """//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or
    re:test(@id, '[Aa]uthor') or re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]""",
    """.//*[self::a or self::div or self::section or self::span][ @id='comments' or
    @class='comments' or @class='title' or @class='date' or re:test(@id,
    '^comments|comment-?list|ProductReviews') or re:test(@class,
    '^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|
    article-(?:share|support)|print|category|meta-date|meta-reviewer')
    or contains(@data-component, 'Figure')]""",
    "//time|//figure",
)

# The tests of those expressions, in the same order.
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_ANY_ID = re.compile("[Aa]uthor")
_ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_ALWAYS_DISCARDED = frozenset({"time", "figure"})
_TAGS_WITHOUT_ATTRIBUTES = _ALWAYS_DISCARDED | {"author"}
# trafilatura's bound on a byline's length (exclusive at both ends).
_MIN_CHARS, _MAX_CHARS = 2, 120


def _squashed(path: str) -> str:
    return re.sub(r"\s+", "", path)


def _still_translated() -> bool:
    try:
        from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS
    except ImportError:
        return False
    theirs = [_squashed(x.path) for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS)]
    return theirs == [_squashed(path) for path in _TRANSLATED_FROM]


TRANSLATED = _still_translated()
"""Whether the installed trafilatura's author rules are the ones translated here."""


def _discarded(tag: str, attributes: dict[str, str]) -> bool:
    if tag in _ALWAYS_DISCARDED:
        return True
    if tag not in _DISCARD_TAGS:
        return False
    ident, classes = attributes.get("id", ""), attributes.get("class", "")
    return (
        ident == "comments"
        or classes in ("comments", "title", "date")
        or bool(_DISCARD_ID.search(ident))
        or bool(_DISCARD_CLASS.search(classes))
        or "Figure" in attributes.get("data-component", "")
    )


def _rank(tag: str, attributes: dict[str, str]) -> int | None:
    """Which of trafilatura's three expressions selects an element first (0 is the most
    specific), or None."""
    ident, classes = attributes.get("id", ""), attributes.get("class", "")
    itemprop = attributes.get("itemprop", "")
    if tag == "author" or (tag in _SPECIFIC_TAGS and (
        attributes.get("rel") == "author"
        or ident == "author"
        or classes == "author"
        or itemprop == "author name"
        or attributes.get("data-testid") in ("AuthorCard", "AuthorURL")
        or _SPECIFIC_CLASS.search(classes)
    )):
        return 0
    if tag in _GENERIC_TAGS and (
        classes in _GENERIC_CLASSES
        or "author" in itemprop
        or _GENERIC_ID.search(ident)
        or _GENERIC_CLASS.search(classes)
    ):
        return 1
    if (
        "Byline" in attributes.get("data-component", "")
        or "author" in itemprop
        or _ANY_ID.search(ident)
        or _ANY_CLASS.search(classes)
    ):
        return 2
    return None


def _texts(element: HtmlElement, discarded: set[HtmlElement]) -> Iterator[str]:
    """``element.itertext()`` as it reads once the discarded elements are deleted with their
    text (their tails stay, as trafilatura's deletion keeps them)."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str) and child not in discarded:
            yield from _texts(child, discarded)
        if child.tail:
            yield child.tail


def extract_author(tree: HtmlElement) -> str | None:
    """trafilatura's ``extract_author`` on ``tree``, which is left unchanged: the first
    byline-like element outside comments, dates and figures, as a normalised author."""
    from trafilatura import metadata as trafilatura_metadata

    if not TRANSLATED:
        return trafilatura_metadata.extract_author(tree)
    from trafilatura.utils import trim

    discarded: set[HtmlElement] = set()
    hidden: set[HtmlElement] = set()
    ranked: tuple[list[HtmlElement], list[HtmlElement], list[HtmlElement]] = ([], [], [])
    # XPath's "rel='me'" in the first expression: a child element named rel reading "me".
    with_rel_me = {rel.getparent() for rel in tree.iter("rel") if rel.text_content() == "me"}
    for element in tree.iter(etree.Element):
        tag = element.tag
        items = element.items()
        # Most elements have no attributes, and then only these tags can matter.
        if not items and tag not in _TAGS_WITHOUT_ATTRIBUTES and not with_rel_me:
            continue
        if element in hidden:
            continue
        attributes = dict(items)
        if _discarded(tag, attributes):
            discarded.add(element)
            hidden.update(element.iter())
            continue
        rank = 0 if tag in _SPECIFIC_TAGS and element in with_rel_me else _rank(tag, attributes)
        if rank is not None:
            ranked[rank].append(element)
    for candidates in ranked:
        for element in candidates:
            content = trim(" ".join(_texts(element, discarded)))
            if content and _MIN_CHARS < len(content) < _MAX_CHARS:
                return trafilatura_metadata.normalize_authors(None, content)
    return None
