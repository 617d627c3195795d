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
  removed, as are control characters and characters XML cannot carry; the text is in Unicode
  NFC.
* No leading or trailing whitespace on any line, no empty lines, no other line separators
  (``\\r``, ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028``, ``\\u2029`` never
  occur), so ``text.split("\\n") == text.splitlines()``.
* The headline is the first line of the text, and ``Document.title`` too (:func:`with_headline`):
  the extracted line that repeats it (with any short kicker or section label above it, and a
  byline or date line just below it) is dropped from the body, and the title put first, so
  that it appears once whatever the page's layout. A standfirst under the headline stays
  when the extractor keeps it. A page without a title has no headline line.
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

The text comes from trafilatura's ``bare_extraction`` (comments, links, images and formatting off,
tables on), serialised from its XML body by :func:`.serialise.lines_of`, run on a copy of the page
from which known furniture containers were pruned first (see :func:`.prune.prune_furniture`):
elements whose class or id names comment lists and forms, share and like widgets (``sharedaddy``,
``jp-post-flair``, likes), related posts (``jp-relatedposts``), sidebars and widget areas
(``secondary``, ``widget``), site headers and footers (``colophon``, ``masthead``), navigation and
breadcrumbs, bylines and entry meta, newsletter, cookie and advertisement boxes, author promo boxes
(``author-box``, ``author-bio``) or screen-reader-only helpers, and every ``nav``, ``aside``,
``footer`` (except a quotation's), ``form``, ``figcaption`` and out-of-article ``header``. The
pruning never removes an element that holds the article (``main``, an ``article`` that is not a
comment, ``itemprop="articleBody"``, a known article-body class such as ``entry-content``, or an
``h1``), and it ignores taxonomy classes such as ``tag-cookies`` or ``category-social`` that
WordPress puts on the post itself. Metadata is read before the pruning, from the whole page.

When trafilatura falls back to its "baseline" (short articles), it glues a whole ``<article>`` into
one paragraph; such a line is cut back into the page's blocks (:func:`.serialise.retile`). When the
first pass finds nothing, the same is tried with ``favor_recall``, then the visible text of the
pruned page, then trafilatura and the visible text of the unpruned page; only then does extraction
fail with ``InputError("no article text found in <source>")``.

Furniture lines
---------------
Whatever survives is filtered line by line (both media types): a line that matches, as a *whole
line* and ignoring case, one of the patterns of :data:`.furniture._FURNITURE_LINES` ("Leave a
Reply", "You are commenting using your WordPress.com account.", "Like this:", "Like Loading...",
"%d bloggers like this:", "Share this:", "Click to share on Twitter (Opens in new window)",
"Tweet", "Related", "Recent Posts", "Follow Blog via Email", "Blog at WordPress.com.", "Powered by
…", a line starting with "©", "Up ↑", "Advertisement", "Read more: …", a cookie notice, "Sign up to
our newsletter", …) is removed. The same headings and teasers are
matched in German, French, Spanish, Portuguese, Italian and Polish ("Lesen Sie auch: …", "À
lire aussi", "Le puede interesar", "Notas relacionadas", "Anzeige", "Quelle: …", …). Lines are
matched whole, never as substrings, so an article sentence that merely mentions cookies, likes
or related research stays. Single share-button words
("Facebook", "Email", "Print") are removed only in runs of two or more, so that a list item naming
one company survives. A trailing press-release or promo section is cut at a heading-like line
"Notes to editors", "About the author", "Media enquiries", "For more information", "###" or "ENDS";
"About <Name>" and "Contact" cut only in the second half of the text and when less than 40% of it
follows.

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
more text); a ``By <Name>`` line right below it is removed and becomes the author. Empty
input raises ``InputError("empty input: <source>")``.

Nothing but :class:`~unspun.errors.UnspunError` escapes :func:`extract`.

Modules
-------
One concern each; this module holds only :func:`extract`, which picks the path by media type.

* :mod:`.html`: the HTML path (parsing, then the passes and fallbacks above).
* :mod:`.plain`: the plain-text path (paragraphs, reflowing, headline and byline).
* :mod:`.metadata`: title, author, date, site and URL of an HTML page, headline spellings.
* :mod:`.author`: trafilatura's author rules, applied in one pass over the tree.
* :mod:`.prune`: furniture elements removed from the HTML tree before trafilatura.
* :mod:`.serialise`: trees to lines, trafilatura's pass, the visible-text fallback, re-tiling.
* :mod:`.furniture`: the line filters (furniture lines, share words, trailers, headline).
* :mod:`.normalise`: character cleaning, line normalisation, headline folding.
"""

from __future__ import annotations

import logging

from unspun.errors import InputError, UnspunError
from unspun.extract.html import extract_html
from unspun.extract.normalise import fold, norm_line
from unspun.extract.plain import extract_plain
from unspun.ingest.page import Page
from unspun.report import Document
from unspun.settings import ExtractSettings

__all__ = ["extract"]

LOGGER = logging.getLogger(__name__)


def with_headline(document: Document) -> Document:
    """The document with its headline as the first line of its text.

    Headlines carry much of an article's persuasion (scare quotes, loaded words, questions),
    and the technique model's training articles start with their title line: every layer
    reads the headline, with offsets like any other line. ``title`` keeps it too.
    """
    headline = norm_line(document.title or "")
    if not headline:
        return document
    first = document.text.split("\n", 1)[0]
    if fold(first) == fold(headline):
        return document
    return document.model_copy(update={"text": f"{headline}\n{document.text}"})


def extract(page: Page, markup: str, limits: ExtractSettings | None = None) -> Document:
    """The article in ``markup`` (the decoded ``page.body``) as a :class:`Document`.

    Raises :class:`~unspun.errors.InputError` when the page holds no article text, or is
    larger or more deeply nested than ``limits`` (default :class:`ExtractSettings`) allow.
    """
    try:
        if page.media_type == "text/plain":
            return with_headline(extract_plain(page, markup))
        return with_headline(extract_html(page, markup, limits))
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
