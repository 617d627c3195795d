"""HTML pruning: furniture containers removed from the tree before trafilatura reads it.

An element goes when its tag, or a word of its class or id, marks it as furniture (comment
lists, share widgets, sidebars, navigation, bylines, cookie and advertisement boxes, ...); an
element that holds the article is never removed, however it is named. Pruning whole elements
keeps a widget out even where trafilatura's fallbacks would take it in, and keeps its
lines from reaching the line filters of :mod:`unspun.extract.furniture`.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# Class/id words (split on "-", "_", "__", "--") that mark page furniture.
_FURNITURE_WORDS = frozenset(
    """
    comment comments commentlist respond disqus sidebar widget widgets secondary sharing share
    shares sharedaddy social sociable addthis sharethis related relatedposts likes wpl
    newsletter newsletters subscribe subscription subscriptions signup cookie cookies consent
    gdpr breadcrumb breadcrumbs advert adverts advertisement advertising adslot ad ads dfp
    sponsored promo byline meta metadata tags tagcloud topics categories author bio footer
    colophon masthead nav navbar navigation menu popular trending feedback print actionbar
    wpadminbar outbrain taboola recirculation caption figcaption
    """.split()
)
# Two-word phrases of such names (joined by one space) that mark furniture.
_FURNITURE_PHRASES = tuple(
    phrase.replace("-", " ")
    for phrase in """
    most-read most-popular most-viewed read-more more-stories see-also also-read recent-posts
    recent-comments post-navigation skip-link back-to-top screen-reader sr-only visually-hidden
    visuallyhidden post-flair site-info site-header site-footer site-nav
    """.split()
)
# Words that by themselves mark a screen-reader-only or skip helper (pruned even when inline).
_HIDDEN_HELPER = re.compile(
    r"(?:^|[-_])(?:screen-reader-text|sr-only|visually-?hidden|skip-link|a11y-hidden)$"
)
# Class names of article-body containers: never pruned, nor are their ancestors.
_CONTENT_CLASS = re.compile(
    r"^(?:entry-content|post-content|post-body|article-body|article__body|article-content|"
    r"articlebody|article-text|story-body|story__body|story-content|body-text|td-post-content|"
    r"main-content|content-body|rich-text|govspeak)$",
    re.IGNORECASE,
)
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
    "time u var label".split()
)
# Class prefixes of taxonomy classes ("tag-cookies", "category-social" on a WordPress post,
# "section-comment" on a newspaper's opinion page): they name the topic, not the element.
_TAXONOMY_PREFIXES = ("tag-", "category-", "section-", "topic-", "postid-", "term-")
# Names that make an <article> a comment rather than the article.
_COMMENT_WORDS = frozenset({"comment", "comments", "reply", "replies", "respond"})
# Quotations are content even when a site names their wrapper "social-embed" or "promo".
_UNPRUNABLE_TAGS = frozenset(
    {"html", "body", "head", "title", "meta", "link", "blockquote", "q", "h1"}
)
# Tags that are furniture whatever their names (trafilatura's main pass drops most of them too,
# but its baseline fallbacks do not). Captions are not running text either.
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "figcaption", "menu", "dialog"})


def _names(element: etree._Element) -> list[str]:
    """The class tokens and the id of an element, lower-cased, taxonomy classes left out."""
    values = f"{element.get('class', '')} {element.get('id', '')}".lower().split()
    return [value for value in values if not value.startswith(_TAXONOMY_PREFIXES)]


def _words(name: str) -> list[str]:
    return [word for word in re.split(r"[-_]+", name) if word]


def _is_furniture(element: etree._Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return False
    names = _names(element)
    if any(_HIDDEN_HELPER.search(name) for name in names):
        return True
    if tag in _INLINE_TAGS:
        # An inline element named like furniture is usually a word inside a sentence.
        return False
    for name in names:
        words = _words(name)
        if any(word in _FURNITURE_WORDS for word in words):
            return True
        joined = " ".join(words)
        if any(phrase in joined for phrase in _FURNITURE_PHRASES):
            return True
    return False


def is_content(element: etree._Element) -> bool:
    tag = element.tag
    if tag in ("main", "h1") or element.get("role") == "main":
        return True
    if element.get("itemprop") == "articleBody":
        return True
    names = _names(element)
    if any(_CONTENT_CLASS.match(name) for name in names):
        return True
    # A comment in a comment list is an <article> too.
    return tag == "article" and not any(
        word in _COMMENT_WORDS for name in names for word in _words(name)
    )


def _in_quote(element: etree._Element) -> bool:
    # A <footer> inside a <blockquote> attributes the quotation: it is content.
    return any(ancestor.tag in ("blockquote", "q") for ancestor in element.iterancestors())


def prune_furniture(tree: HtmlElement) -> None:
    """Remove known furniture containers from ``tree`` in place (tails are kept).

    An element goes when its class or id names furniture (see :data:`_FURNITURE_WORDS`,
    :data:`_FURNITURE_PHRASES`), or when it is a ``<header>`` outside the article; it stays
    when it holds the article (see :func:`is_content`), however it is named.
    """
    content: list[etree._Element] = []
    protected: set[etree._Element] = set()
    for element in tree.iter():
        if isinstance(element.tag, str) and is_content(element):
            content.append(element)
            protected.add(element)
            protected.update(element.iterancestors())
    inside_content: set[etree._Element] = set()
    for element in content:
        if element.tag != "h1":
            inside_content.update(element.iterdescendants())
    doomed = [
        element
        for element in tree.iter()
        if isinstance(element.tag, str)
        and element not in protected
        and element.tag not in _UNPRUNABLE_TAGS
        and (
            _is_furniture(element)
            or (element.tag in _FURNITURE_TAGS and not _in_quote(element))
            or (element.tag == "header" and element not in inside_content)
        )
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
