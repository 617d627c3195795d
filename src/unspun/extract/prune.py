"""HTML pruning: furniture containers removed from the tree before trafilatura reads it.

An element goes when its tag, or a word of its class or id, marks it as furniture (comment
lists, share widgets, sidebars, navigation, bylines, cookie and advertisement boxes, ...); an
element that holds the article is never removed, however it is named. Pruning whole elements
keeps a widget out even where trafilatura's fallbacks would take it in, and keeps its
lines from reaching the line filters of :mod:`unspun.extract.furniture`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from unspun.extract.normalise import norm_line

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
_TAGS_TO_JUDGE = _FURNITURE_TAGS | {"header"}


@dataclass(frozen=True, slots=True)
class _Names:
    """What an element's class and id say, worked out once per distinct pair: pages repeat
    the same few class strings on thousands of elements."""

    hidden_helper: bool = False
    furniture: bool = False
    content: bool = False
    comments: bool = False


_NO_NAMES = _Names()


@lru_cache(maxsize=16384)
def _read_name(name: str) -> _Names:
    """What one lower-cased class token or id says."""
    if name.startswith(_TAXONOMY_PREFIXES):  # taxonomy classes name the topic, not the element
        return _NO_NAMES
    words = _words(name)
    joined = " ".join(words)
    return _Names(
        hidden_helper=bool(_HIDDEN_HELPER.search(name)),
        # Comment words name a comment section when they lead ("comments-area",
        # "comment-list"), as in trafilatura's own rules; "live-match-comments" is a ticker.
        furniture=bool(words) and (
            words[0] in _COMMENT_WORDS
            or any(word in _FURNITURE_WORDS for word in words if word not in _COMMENT_WORDS)
            or any(phrase in joined for phrase in _FURNITURE_PHRASES)
        ),
        content=bool(_CONTENT_CLASS.match(name)),
        comments=any(word in _COMMENT_WORDS for word in words),
    )


def _any_of(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# Whether a lower-cased "class id" string may say anything at all, in one regex search: a word
# of a name is bounded by the string's ends, whitespace, "-" or "_" (as :func:`_words` splits
# it), a phrase is its words joined by runs of "-" and "_". Most names say nothing, and ids
# are mostly unique ("post-4711"), so this spares reading them word by word.
_MAY_SAY = re.compile(
    rf"(?:^|[-_\s])(?:{_any_of(_FURNITURE_WORDS | _COMMENT_WORDS)})(?=$|[-_\s])"
    rf"|{'|'.join(r'[-_]+'.join(map(re.escape, p.split())) for p in _FURNITURE_PHRASES)}"
    rf"|{_HIDDEN_HELPER.pattern.removeprefix('(?:^|[-_])').removesuffix('$')}"
    rf"|{_CONTENT_CLASS.pattern.removeprefix('^').removesuffix('$')}"
)


@lru_cache(maxsize=8192)
def _read_names(classes: str | None, ident: str | None) -> _Names:
    names = f"{classes or ''} {ident or ''}".lower()
    if not _MAY_SAY.search(names):
        return _NO_NAMES
    read = [_read_name(name) for name in names.split()]
    return _Names(
        hidden_helper=any(r.hidden_helper for r in read),
        furniture=any(r.furniture for r in read),
        content=any(r.content for r in read),
        comments=any(r.comments for r in read),
    )


def _names(element: etree._Element) -> _Names:
    classes, ident = element.get("class"), element.get("id")
    if classes is None and ident is None:  # most elements: nothing to read
        return _NO_NAMES
    return _read_names(classes, ident)


def _words(name: str) -> list[str]:
    return [word for word in re.split(r"[-_]+", name) if word]


def _is_furniture(element: etree._Element, names: _Names | None = None) -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return False
    names = names or _names(element)
    if names.hidden_helper:
        return True
    # An inline element named like furniture is usually a word inside a sentence.
    return names.furniture and tag not in _INLINE_TAGS


def is_content(element: etree._Element, names: _Names | None = None) -> bool:
    tag = element.tag
    if tag in ("main", "h1") or element.get("role") == "main":
        return True
    if element.get("itemprop") == "articleBody":
        return True
    names = names or _names(element)
    # A comment in a comment list is an <article> too.
    return names.content or (tag == "article" and not names.comments)


def _in_quote(element: etree._Element) -> bool:
    # A <footer> inside a <blockquote> attributes the quotation: it is content.
    return any(ancestor.tag in ("blockquote", "q") for ancestor in element.iterancestors())


# A furniture-named element holding this share of the page's running text holds the article:
# sidebars, share bars and related-post boxes are mostly links and a few teaser lines.
ARTICLE_SHARE = 0.4
# A run of this many characters in one block is a paragraph of prose: bylines, captions,
# share bars and teaser lists do not have one. Only an element holding one can be the article
# (a one-paragraph post among big widgets is still pruned as usual).
LONG_BLOCK = 150
_NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})


def running_text(
    tree: etree._Element, elements: list[etree._Element] | None = None
) -> tuple[dict[etree._Element, int], list[etree._Element]]:
    """Characters of text outside links in each element's subtree (how much of the page's
    readable text an element holds: navigation and link lists hold next to none), and the
    elements whose own text (theirs and their inline children's tails) is a long block.
    ``elements`` are the tree's elements in document order, when the caller has them."""
    in_link: set[etree._Element] = set()
    for link in tree.iter("a"):
        in_link.update(link.iter())
    mass: dict[etree._Element, int] = {}
    long_blocks: list[etree._Element] = []
    # Reverse document order visits every child before its parent.
    for element in reversed(elements if elements is not None else list(tree.iter(etree.Element))):
        if element in in_link or element.tag in _NO_TEXT_TAGS:
            mass[element] = 0  # a link's text is not running text, nor is its children's
            continue
        text = element.text
        own = len(text.strip()) if text else 0
        total = own
        for child in element:
            held = mass.get(child, 0)
            tail = child.tail
            tail_chars = len(tail.strip()) if tail else 0
            total += held + tail_chars
            own += tail_chars
            if child.tag in _INLINE_TAGS:
                own += held
        mass[element] = total
        if own >= LONG_BLOCK and element.tag not in _INLINE_TAGS:
            long_blocks.append(element)
    return mass, long_blocks


def _comment_named(element: etree._Element) -> bool:
    return _names(element).comments


@dataclass(frozen=True)
class Pruned:
    """What :func:`prune_furniture` removed."""

    chars: int = 0
    """Characters of running text."""
    prose: tuple[str, ...] = ()
    """The paragraphs of prose (comments aside), as normalised lines: if a reading of the
    whole page keeps them, the pruning cut the article."""
    kept_prose: tuple[str, ...] = ()
    """The paragraphs of prose left on the page: a reading that misses them is suspect."""



def prune_furniture(tree: HtmlElement) -> Pruned:
    """Remove known furniture containers from ``tree`` in place (tails are kept).

    An element goes when its class or id names furniture (see :data:`_FURNITURE_WORDS`,
    :data:`_FURNITURE_PHRASES`), or when it is a ``<header>`` outside the article; it stays
    when it holds the article (see :func:`is_content`), however it is named.

    The names are a proposal that the text must confirm: an element marked for pruning that
    holds a paragraph of prose (:data:`LONG_BLOCK`) and :data:`ARTICLE_SHARE` of the page's
    running text (:func:`running_text`), or of the running text of the article container it
    sits in, is the article in a container named like furniture (a theme's ``widget`` grid,
    a ``sidebar`` layout, a hero ``header``, a video page's teaser ``caption``) and stays,
    unless it is named as comments. What the pruning cannot judge alone (the article
    spread over several such containers) :class:`Pruned` reports, for the extraction to
    check against a reading of the whole page.

    Returns what was removed (:class:`Pruned`).
    """
    # One pass over the tree (lxml makes a new proxy object for every element it hands out),
    # keeping the proxies alive for the passes below, and the few elements that say something.
    elements: list[etree._Element] = []
    content: list[etree._Element] = []
    candidates: list[tuple[etree._Element, _Names]] = []
    for element in tree.iter(etree.Element):
        elements.append(element)
        names = _names(element)
        if is_content(element, names):
            content.append(element)
        elif names is not _NO_NAMES or element.tag in _TAGS_TO_JUDGE:
            candidates.append((element, names))
    protected: set[etree._Element] = set(content)
    for element in content:
        protected.update(element.iterancestors())
    containers = {element for element in content if element.tag != "h1"}
    doomed = [
        element
        for element, names in candidates
        if element not in protected
        and element.tag not in _UNPRUNABLE_TAGS
        and (
            _is_furniture(element, names)
            or (element.tag in _FURNITURE_TAGS and not _in_quote(element))
            or (element.tag == "header"
                and not any(a in containers for a in element.iterancestors()))
        )
    ]
    if not doomed:
        return Pruned()
    mass, long_blocks = running_text(tree, elements)
    total = max(1, mass.get(tree, 0))
    holders = set(content)
    # Comments are prose too, but never the article: leaving their paragraphs out here keeps
    # a comment section from ever holding the article, or being reported as cut article.
    prose = [b for b in long_blocks
             if not any(_comment_named(a) for a in (b, *b.iterancestors()))]
    with_prose: set[etree._Element] = set(prose)
    for block in prose:
        with_prose.update(block.iterancestors())

    def holds_article(element: etree._Element) -> bool:
        if element not in with_prose:
            return False
        if mass.get(element, 0) >= ARTICLE_SHARE * total:
            return True
        # Within the article's own container (a <main> whose text is a teaser in a caption,
        # an <article> whose body sits in a "widget"), the share is of that container's text.
        holder = next((a for a in element.iterancestors() if a in holders), None)
        return holder is not None and mass.get(element, 0) >= ARTICLE_SHARE * max(
            1, mass.get(holder, 0))

    doomed = [element for element in doomed if not holds_article(element)]
    marked = set(doomed)
    outermost = [e for e in doomed if not any(a in marked for a in e.iterancestors())]
    removed = sum(mass.get(e, 0) for e in outermost)
    gone = set(outermost)
    removed_prose = [b for b in prose if any(a in gone for a in (b, *b.iterancestors()))]
    texts = tuple(norm_line(b.text_content()) for b in removed_prose)
    gone_prose = set(removed_prose)
    left = tuple(norm_line(b.text_content()) for b in prose if b not in gone_prose)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return Pruned(removed, texts, left)


def squash(text: str) -> str:
    """``text`` without whitespace: the same words however lines and <br> cut them."""
    return "".join(text.split())
