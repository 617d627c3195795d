"""Extraction: from one page's decoded markup to the article text and its metadata.

:func:`extract` turns a :class:`~unspun.ingest.page.Page` and its already-decoded body into a
:class:`~unspun.report.Document`. Every later layer points into ``Document.text`` by character
offsets, so the text conventions below are a contract.

Text conventions (both media types)
-----------------------------------
* One paragraph or block element per line, lines separated by ``"\\n"``; headings, list items,
  block quotations and table rows are lines of their own. List items carry no ``-`` marker;
  the cells of a simple table row are joined by ``" | "``.
* Inside a line all whitespace (tabs, no-break and thin spaces, stray line breaks of the
  markup) is collapsed to one space; soft hyphens, zero-width spaces and byte-order marks are
  removed, as are control characters and characters XML cannot carry.
* No leading or trailing whitespace on any line, no empty lines, no other line separators
  (``\\r``, ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028``, ``\\u2029`` never
  occur), so ``text.split("\\n") == text.splitlines()``.
* The headline is not part of the text: it goes to ``Document.title``, and an extracted first
  line that repeats it (with any short kicker or section label above it, and a byline or
  date line just below it) is dropped. A standfirst under the headline stays when the
  extractor keeps it.
* ``Document.language`` is left ``None``; the caller detects the language.
* The text is never empty: :class:`~unspun.errors.InputError` is raised instead.

HTML (``text/html``)
--------------------
Metadata (title, author, ISO date, site name, canonical URL) comes from trafilatura's metadata
extraction on the whole page. htmldate runs without its "extensive" free-text search, which
otherwise turns a footer's "© 2020" into a publication date of 2020-01-01 that would then
anchor every relative date of the article. The site falls back to the URL's host without
``www.``, the URL to the page's canonical URL when ``Page.url`` is unknown, and the author to a
verbatim ``<meta name="author">`` when trafilatura discards it (it keeps personal names only,
which loses the issuing organisation of a press release).

The text comes from trafilatura's ``bare_extraction`` (comments, links, images and formatting
off, tables on), serialised from its XML body by :func:`_lines_of`, run on a copy of the page
from which known furniture containers were pruned first (see :func:`_prune_furniture`):
elements whose class or id names comment lists and forms, share and like widgets
(``sharedaddy``, ``jp-post-flair``, likes), related posts (``jp-relatedposts``), sidebars and
widget areas (``secondary``, ``widget``), site headers and footers (``colophon``,
``masthead``), navigation and breadcrumbs, bylines and entry meta, newsletter, cookie and
advertisement boxes, author promo boxes (``author-box``, ``author-bio``) or screen-reader-only
helpers, and every ``nav``, ``aside``, ``footer`` (except a quotation's), ``form``,
``figcaption`` and out-of-article ``header``. The pruning never removes an element that holds
the article (``main``, an ``article`` that is not a comment, ``itemprop="articleBody"``, a
known article-body class such as ``entry-content``, or an ``h1``), and it ignores taxonomy
classes such as ``tag-cookies`` or ``category-social`` that WordPress puts on the post itself.
Metadata is read before the pruning, from the whole page.

When trafilatura falls back to its "baseline" (short articles), it glues a whole ``<article>``
into one paragraph; such a line is cut back into the page's blocks (:func:`_retile`). When
the first pass finds nothing, the same is tried with ``favor_recall``, then the visible text of
the pruned page, then trafilatura and the visible text of the unpruned page; only then does
extraction fail with ``InputError("no article text found in <source>")``.

Furniture lines
---------------
Whatever survives is filtered line by line (both media types): a line that matches, as a
*whole line* and ignoring case, one of the patterns of :data:`_FURNITURE_LINES` ("Leave a
Reply", "You are commenting using your WordPress.com account.", "Like this:", "Like
Loading...", "%d bloggers like this:", "Share this:", "Click to share on Twitter (Opens in new
window)", "Tweet", "Related", "Recent Posts", "Follow Blog via Email", "Blog at WordPress.com.",
"Powered by …", a line starting with "©", "Up ↑", "Advertisement", "Read more: …", a cookie
notice, "Sign up to our newsletter", …) is removed. Lines are matched whole, never as
substrings, so an article sentence that merely mentions cookies, likes or related research
stays. Single share-button words ("Facebook", "Email", "Print") are removed only in runs of
two or more, so that a list item naming one company survives. A trailing press-release or
promo section is cut at a heading-like line "Notes to editors", "About the author", "Media
enquiries", "For more information", "###" or "ENDS"; "About <Name>" and "Contact" cut only in
the second half of the text and when less than 40% of it follows.

Plain text (``text/plain``)
---------------------------
Newlines are normalised (``\r\n`` and ``\r``, and the other separators above, become
``\n``), whitespace inside lines collapsed, and blank lines dropped: a paragraph is a line, as
in HTML. When the text is hard-wrapped (most lines fill a column of 40 to 100 characters), a
line that fills the column and does not end in sentence punctuation is joined to the next line
of the same blank-line-separated paragraph, so a wrapped paragraph becomes one line again;
a line starting with a list marker is never joined, and list markers are kept as written. The
furniture lines above are removed. The first line is the title when it looks like a headline
(at most 150 characters and 25 words, not ending in ``.``, ``,``, ``;`` or ``:``, followed by
more text); it is then removed from the text, together with a ``By <Name>`` line right below
it, which becomes the author. Empty input raises ``InputError("empty input: <source>")``.

Nothing but :class:`~unspun.errors.UnspunError` escapes :func:`extract`.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, document_fromstring

from unspun.errors import InputError, UnspunError
from unspun.ingest.page import Page
from unspun.report import Document

__all__ = ["extract"]

LOGGER = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Character and line normalisation
# --------------------------------------------------------------------------------------------

# Characters XML (hence lxml) cannot carry, plus C0/C1 controls other than whitespace: they
# break the parser and have no place in text that spaCy and the renderers consume.
_INVALID_CHARS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Invisible characters that would split or glue words without being visible.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# Every separator str.splitlines() honours: all of them become "\n" in plain text.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")


def _clean_chars(text: str) -> str:
    return _INVISIBLE.sub("", _INVALID_CHARS.sub("", text))


def _norm_line(text: str) -> str:
    """One line of the final text: whitespace collapsed, invisible characters gone."""
    return _SPACES.sub(" ", _clean_chars(text)).strip()


def _fold(text: str) -> str:
    """Comparison key for headlines: case, spacing and final punctuation do not matter."""
    return _norm_line(text).casefold().rstrip(" .:;!?")


# --------------------------------------------------------------------------------------------
# Furniture lines: removed wherever they occur, matched as whole lines (case-insensitive)
# --------------------------------------------------------------------------------------------

_FURNITURE_LINES: tuple[str, ...] = (
    # comment sections and forms
    r"leave a (?:reply|comment)(?: to .{1,80})?",
    r"cancel reply",
    r"post comment",
    r"comments? (?:are|is) closed\.?",
    r"comments on this (?:article|story|post) (?:are|is) (?:now )?closed\.?",
    r"\d[\d,]* (?:comments?|responses?|replies|thoughts) (?:on|to) .{1,200}",
    r"\d[\d,]* (?:comments?|responses?|replies)",
    r"comments? \(\d[\d,]*\)",
    r"you are commenting using your [\w.]+ account\.?(?: \(? ?log ?out / change ?\)?)?",
    r"notify me of (?:new|follow-up) (?:comments|posts)(?: via| by) e-?mail\.?",
    r"fill in your details below or click an icon to log in:?",
    r"enter your comment here\.*",
    r"(?:e-?mail|name) \(required\)(?: \(address never made public\))?",
    r"reply(?: to .{1,60})?",
    # like and share widgets
    r"like this:?",
    r"like loading\.*",
    r"like(?: ?liked?)?(?: by \d+ (?:people|person|bloggers?))?",
    r"liked by \d+ (?:people|person|bloggers?)",
    r"loading\.*",
    r"(?:%d|\d+) bloggers? likes? this[:.]?",
    r"share this(?: article| page| story| post)?:?",
    r"share(?: on| via| by) (?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|e-?mail|"
    r"telegram|messenger|bluesky|threads|mastodon)",
    r"click to (?:share on|email|print|share|email a link to a friend)\b.{0,60}"
    r"(?:\(opens in new window\))?",
    r"\(opens in new window\)",
    r"tweet",
    r"copy (?:link|shortlink)",
    r"print this (?:page|article)",
    r"email this (?:page|article|story)",
    r"reblog",
    # related posts and teasers
    r"related(?: posts| articles| stories| content| reading| links| topics)?:?",
    r"(?:you (?:may|might) also (?:like|enjoy)|recommended(?: for you| stories)?|"
    r"more (?:on|about) this (?:story|topic)|more from .{1,40}|more stories|"
    r"most (?:read|popular|viewed|shared)|trending(?: now)?|popular (?:posts|stories|now))",
    r"(?:read|see) (?:more|also)(?::.{0,200})?",
    r"(?:also read|related|read next|recommended|further reading): .{1,200}",
    r"in [\"“][^\"”]{1,40}[\"”]",
    r"(?:previous|next|older|newer) (?:post|article|story|entry)",
    r"post navigation",
    # sidebars and blog widgets
    r"(?:recent|latest|top) (?:posts|comments|articles|stories)(?: (?:&|and) pages)?",
    r"archives|categories|tags|meta|blogroll|search|search for:?|search …|search \.\.\.",
    r"follow(?:ing)?(?: blog)?(?: via e-?mail)?",
    r"follow (?:us|me)(?: on .{1,40})?",
    r"enter your e-?mail address to (?:follow|subscribe to) this blog and receive "
    r"notifications of new posts by e-?mail\.?",
    r"join [\d,]+ other (?:followers|subscribers)",
    r"e-?mail address:?",
    r"sign me up!?",
    r"already have a wordpress\.com account\? log in now\.?",
    r"subscribe(?: now| today| here| via e-?mail| to (?:our|the) newsletters?)?!?",
    r"(?:sign up|subscribe) (?:to|for) (?:our|the) (?:\w+ )?newsletters?.{0,80}",
    r"sign (?:up|in|out)|log ?(?:in|out)|register|my account|customi[sz]e",
    r"report this (?:content|ad)",
    r"view (?:post|all posts) in reader|manage subscriptions|collapse this bar",
    r"by (?:signing up|subscribing|clicking|entering your e-?mail).{0,200}"
    r"(?:privacy|terms|policy|notice).{0,100}",
    r"you can unsubscribe at any time\.?",
    # site chrome and footers
    r"skip to (?:main )?(?:content|navigation|footer)",
    r"(?:back to |go to )?top(?: of page)? ?[↑⬆]?|up ?[↑⬆]|[↑⬆]? ?back to top",
    r"menu|main menu|toggle (?:navigation|menu)|close|open menu|home(?:page)?",
    r"blog at wordpress\.com\.?",
    r"(?:website |proudly )?powered by [^,;:!?]{1,60}",
    r"(?:theme|design)(?: by)?:? .{1,60} by .{1,60}",
    r"(?:©|\(c\)|copyright ©?|copyright \d{4}).{0,200}",
    r"all rights reserved\.?",
    # cookie banners
    r"(?:we|this (?:web)?site|our (?:web)?site) uses? (?:some )?(?:essential )?cookies\b.{0,300}",
    r"(?:accept|reject|allow|decline)(?: all| additional| optional)?(?: cookies)?",
    r"(?:manage|view|change) (?:cookies|cookie settings|preferences|settings|consent)",
    r"cookie (?:policy|settings|preferences|notice)",
    r"cookies on .{1,60}",
    # advertisements
    r"advertisements?|sponsored(?: content)?|ad|ads",
    r"(?:story |article )?continues? (?:reading )?below(?: advertisement)?",
    # captions' credits and photo galleries
    r"(?:photo|photograph|image|picture|illustration)(?: credit)?: .{1,80}",
    # author promo boxes
    r"about the author",
)
_FURNITURE_LINE = re.compile(
    "(?:" + "|".join(f"(?:{p})" for p in _FURNITURE_LINES) + ")", re.IGNORECASE
)

# Share-button captions: furniture in runs of two or more, words otherwise.
_SHARE_WORDS = frozenset(
    "facebook twitter x linkedin whatsapp reddit pinterest telegram tumblr pocket email "
    "e-mail print share messenger more flipboard mastodon bluesky threads".split()
)

# A byline or dateline line right under the headline: metadata, not article text. Names must
# be capitalised (the pattern is case-sensitive outside the keywords), so "By the time the vote
# came" is not a byline.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|le|la|al|bin))*"
_BYLINE_OR_DATE = re.compile(
    rf"(?i:by)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:,\s[^.!?]{{1,60}})?"
    r"|(?i:(?:first )?published|updated|posted|last (?:updated|modified))(?i: on| at)?:?\s"
    r"(?=[^.!?]*\d)[^.!?]{1,60}?(?:\s(?i:by)\s[^.!?]{1,60})?"
    r"|(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)(?i:day),?\s)?"
    r"(?:\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?i:at\s+)?\d{1,2}[:.]\d{2}\s*(?i:am|pm)?(?:\s+[A-Z]{2,4})?)?",
)

# Trailing press-release and promo boilerplate: the section such a heading opens is cut.
# Unmistakable markers cut wherever they follow some text; "About <Name>" and "Contact" also
# head real sections, so they cut only late in the text (see _cut_trailer). "About" must be
# followed by a capitalised name ("About the Ministry of …", "About Acme"), so that a
# subheading like "About the plan" is never taken for boilerplate.
_TRAILER_STRONG = re.compile(
    r"ENDS|#{3}"
    r"|(?i:notes? (?:to|for) editors?|editors?['’]? notes?|about the authors?"
    r"|(?:media|press) (?:contacts?|enquiries|inquiries|information)"
    r"|for (?:further|more) information(?:,? (?:please )?contact[^.!?]{0,80})?:?"
    r"|-+ ?ends ?-+)"
)
_TRAILER_WEAK = re.compile(r"About (?:the )?[A-Z][^.!?]{0,80}|(?i:contacts?)")

# Marks of a list item in plain text: never joined to the previous line when reflowing.
_LIST_MARK = re.compile(r"(?:[-*•·–—]|\d{1,3}[.)]|[a-z][.)])\s")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]$")
_HEADING_END = re.compile(r"[.,;:]$")


def _is_heading_like(line: str) -> bool:
    return len(line) <= 100 and not _HEADING_END.search(line)


def _is_share_word(line: str) -> bool:
    return line.casefold() in _SHARE_WORDS


def _drop_furniture(lines: list[str]) -> list[str]:
    """Remove furniture lines (whole-line patterns, share-word runs, trailing boilerplate)."""
    kept = [line for line in lines if not _FURNITURE_LINE.fullmatch(line)]
    out: list[str] = []
    i = 0
    while i < len(kept):
        j = i
        while j < len(kept) and _is_share_word(kept[j]):
            j += 1
        if j - i >= 2:
            i = j
            continue
        if j == i:
            out.append(kept[i])
            i += 1
        else:
            out.extend(kept[i:j])
            i = j
    return _cut_trailer(out)


def _cut_trailer(lines: list[str]) -> list[str]:
    """Cut a trailing "Notes to editors" / "About X" / "Media enquiries" section."""
    total = sum(len(line) + 1 for line in lines)
    seen = 0
    for index, line in enumerate(lines):
        if index > 0 and _is_heading_like(line):
            if _TRAILER_STRONG.fullmatch(line):
                return lines[:index]
            if seen >= total / 2 and total - seen < 0.4 * total and _TRAILER_WEAK.fullmatch(line):
                return lines[:index]
        seen += len(line) + 1
    return lines


def _drop_headline(lines: list[str], titles: set[str]) -> list[str]:
    """Drop the headline line (with a kicker above and byline/date lines below it).

    Further down, a line repeating a headline of four words or more is furniture too (a
    "thoughts on <headline>" box split by the markup, a repeated teaser).
    """
    if not lines:
        return lines
    start = 0
    for index, line in enumerate(lines[:4]):
        if _fold(line) in titles:
            # Everything above the headline must be a short label (kicker, section name).
            if all(len(prev.split()) <= 8 and _is_heading_like(prev) for prev in lines[:index]):
                start = index + 1
            break
    while start < len(lines) - 1 and start < 6 and _BYLINE_OR_DATE.fullmatch(lines[start]):
        start += 1
    long_titles = {title for title in titles if len(title.split()) >= 4}
    return [line for line in lines[start:] if _fold(line) not in long_titles]


# --------------------------------------------------------------------------------------------
# HTML: parsing, metadata, pruning, serialising
# --------------------------------------------------------------------------------------------


# Whitespace controls Python accepts but XML does not: lxml refuses them in text nodes.
_XML_SPACE_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f]")


def _parse_html(markup: str) -> HtmlElement | None:
    """Parse markup into an lxml.html tree, or None when nothing parseable is left."""
    markup = _XML_SPACE_CONTROLS.sub(" ", _INVALID_CHARS.sub("", markup))
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


@dataclass
class _Meta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _opt(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _norm_line(value)
    return value or None


def _http_url(value: object) -> str | None:
    url = _opt(value)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


def _meta_author(tree: HtmlElement) -> str | None:
    """A verbatim ``<meta name="author">``, when it is short and plainly a name."""
    for value in tree.xpath('//meta[translate(@name, "AUTHOR", "author")="author"]/@content'):
        author = _opt(str(value))
        if author and len(author) <= 80 and "@" not in author and "://" not in author:
            return author
    return None


def _metadata(tree: HtmlElement, page: Page) -> _Meta:
    max_date = (page.fetched_at or datetime.now(UTC)).date().isoformat()
    date_config = {"original_date": True, "extensive_search": False, "max_date": max_date}
    try:
        found = trafilatura.extract_metadata(tree, default_url=page.url, date_config=date_config)
    except Exception:  # metadata is optional: a bug in its heuristics must not lose the text
        LOGGER.debug("trafilatura metadata extraction failed", exc_info=True)
        found = None
    meta = _Meta()
    if found is not None:
        meta.title = _opt(found.title)
        meta.author = _opt(found.author)
        date = _opt(found.date)
        meta.date = date if date and _ISO_DATE.fullmatch(date) else None
        meta.site = _opt(found.sitename)
        meta.url = _http_url(found.url)
    meta.url = _http_url(page.url) or meta.url
    if meta.author is None:
        meta.author = _meta_author(tree)
    if meta.site and " " not in meta.site and "." in meta.site:
        # A host name is trafilatura's own URL fallback, taken from the canonical URL; the
        # reported URL's host (the page's own, when known) is the better one.
        meta.site = _host(meta.url) or meta.site.removeprefix("www.")
    meta.site = meta.site or _host(meta.url)
    return meta


def _title_candidates(tree: HtmlElement, meta: _Meta) -> set[str]:
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
    return {folded for folded in map(_fold, texts) if folded}


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


def _is_content(element: etree._Element) -> bool:
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


def _prune_furniture(tree: HtmlElement) -> None:
    """Remove known furniture containers from ``tree`` in place (tails are kept).

    An element goes when its class or id names furniture (see :data:`_FURNITURE_WORDS`,
    :data:`_FURNITURE_PHRASES`), or when it is a ``<header>`` outside the article; it stays
    when it holds the article (see :func:`_is_content`), however it is named.
    """
    content: list[etree._Element] = []
    protected: set[etree._Element] = set()
    for element in tree.iter():
        if isinstance(element.tag, str) and _is_content(element):
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
_SKIPPED_TAGS = frozenset(
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
        text = _norm_line("".join(cell.itertext()))
        if text:
            cells.append(text)
    return " | ".join(cells)


def _lines_of(root: etree._Element, skipped: frozenset[str] = frozenset()) -> list[str]:
    """Serialise a tree to lines: blocks and line breaks end lines, everything else flows.

    ``skipped`` names the tags whose content is not text; it must stay empty for trafilatura's
    output, where ``head`` is a heading rather than the document head.
    """
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = _norm_line("".join(buffer))
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


def _trafilatura_lines(tree: HtmlElement, url: str | None, *, recall: bool) -> list[str]:
    try:
        result = trafilatura.bare_extraction(
            tree,
            url=url,
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
    return _lines_of(body)


def _retile(lines: list[str], page_lines: list[str]) -> list[str]:
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


def _visible_lines(tree: HtmlElement) -> list[str]:
    """The page's visible body text, without navigation, forms and other chrome."""
    tree = deepcopy(tree)
    for element in list(tree.iter(*_FALLBACK_DROPPED)):
        if element.getparent() is not None and not any(
            _is_content(x) for x in element.iter() if isinstance(x.tag, str)
        ):
            element.drop_tree()
    body = tree.find("body")
    return _lines_of(body if body is not None else tree, _SKIPPED_TAGS)


def _extract_html(page: Page, markup: str) -> Document:
    tree = _parse_html(markup)
    if tree is None:
        raise InputError(f"no article text found in {page.source}")
    meta = _metadata(tree, page)
    titles = _title_candidates(tree, meta)
    pruned = deepcopy(tree)
    _prune_furniture(pruned)
    body = pruned.find("body")
    page_lines = _lines_of(body if body is not None else pruned, _SKIPPED_TAGS)

    attempts = (
        lambda: _trafilatura_lines(pruned, meta.url, recall=False),
        lambda: _trafilatura_lines(pruned, meta.url, recall=True),
        lambda: _visible_lines(pruned),
        # The pruning guards the article, but a page named oddly enough could still lose it.
        lambda: _trafilatura_lines(tree, meta.url, recall=True),
        lambda: _visible_lines(tree),
    )
    lines: list[str] = []
    for attempt in attempts:
        lines = _drop_headline(_drop_furniture(_retile(attempt(), page_lines)), titles)
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


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------

_BYLINE = re.compile(rf"(?i:by)\s+({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)")


# A line at least this share of the wrap column long "fills" it.
_FILLED = 0.75


def _paragraphs(markup: str) -> list[list[str]]:
    """Blank-line-separated paragraphs, each a list of normalised non-empty lines."""
    blocks: list[list[str]] = [[]]
    for raw in _LINE_BREAKS.split(_clean_chars(markup)):
        line = _norm_line(raw)
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
        and not _HEADING_END.search(line)
        and any(ch.isalpha() for ch in line)
        and not _LIST_MARK.match(line)
    )


def _extract_plain(page: Page, markup: str) -> Document:
    lines = _drop_furniture(_reflow(_paragraphs(markup)))
    if not lines:
        raise InputError(f"empty input: {page.source}")
    title: str | None = None
    author: str | None = None
    if len(lines) > 1 and _looks_like_headline(lines[0]):
        title = lines.pop(0)
        if len(lines) > 1 and (match := _BYLINE.fullmatch(lines[0])):
            author = match.group(1)
            lines.pop(0)
    return Document(
        url=_http_url(page.url),
        title=title,
        author=author,
        site=_host(_http_url(page.url)),
        language=None,
        text="\n".join(lines),
    )


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def extract(page: Page, markup: str) -> Document:
    """The article in ``markup`` (the decoded ``page.body``) as a :class:`Document`.

    Raises :class:`~unspun.errors.InputError` when the page holds no article text.
    """
    try:
        if page.media_type == "text/plain":
            return _extract_plain(page, markup)
        return _extract_html(page, markup)
    except UnspunError:
        raise
    except Exception as error:
        # The contract is that only UnspunError leaves the library. A failure here is a bug
        # (the fuzz tests look for this message), but a user with an odd page should get a
        # one-line error, not a traceback.
        LOGGER.debug("extraction failed on %s", page.source, exc_info=True)
        raise InputError(
            f"extraction failed on {page.source}: {type(error).__name__}: {error}"
        ) from error
