"""The pruning is a proposal the text must confirm: each failure mode met on real pages
(../shared/data/extraction), reproduced on a small page the project writes itself.

On those pages furniture names sat on the article's own containers, so pruning by name kept
2-5% of what trafilatura alone reads; benchmarks/extraction_eval.py measures the whole set.
"""

from __future__ import annotations

import unicodedata

from extract.extract_support import _assert_conventions, _html
from unspun.extract.prune import LONG_BLOCK

PARAGRAPHS = [
    "The harbour board met on Tuesday evening and voted, after a long and often bitter debate"
    " that ran past midnight, to close the eastern quay for at least eighteen months of repairs.",
    "Officials said the work on the crumbling sea wall would cost about four million dollars,"
    " most of it borrowed, and that the ferry to the islands would move to the western pier.",
    "Residents who use the quay every day said they had not been consulted at any stage, and a"
    " petition against the closure gathered more than two thousand signatures in a single week.",
]
assert all(len(p) >= LONG_BLOCK for p in PARAGRAPHS)
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
NAV = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
# Teasers of other stories, named plainly: what trafilatura takes when the article is gone.
TEASERS = '<div class="teasers">' + "".join(
    f"<p>Other story {i}: the council debated the budget for the coming year again.</p>"
    for i in range(3)
) + "</div>"
SIDEBAR = (
    '<aside class="sidebar"><h3>Most read</h3><ul>'
    + "".join(f'<li><a href="/m{i}">Story number {i} of the week</a></li>' for i in range(6))
    + "</ul></aside>"
)


def _page(content: str, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Harbour board closes the eastern quay</title>"
        f"{head}</head><body><nav><ul>{NAV}</ul></nav>{content}{TEASERS}{SIDEBAR}"
        '<footer class="site-footer"><p>© Harbour Courier</p></footer></body></html>'
    )


def _assert_article(markup: str) -> str:
    document = _html(markup, url="https://news.example/harbour")
    _assert_conventions(document)
    for paragraph in PARAGRAPHS:
        assert paragraph in document.text.split("\n"), f"lost: {paragraph[:40]}"
    assert "Most read" not in document.text and "Section 3" not in document.text
    return document.text


def test_article_inside_a_widget_named_container_stays() -> None:
    # A theme's grid: the story body is a "widget" of a "widget-area".
    _assert_article(_page(
        f'<div class="widget-area"><div class="widget widget_text">{ARTICLE}</div></div>'))


def test_article_inside_a_sidebar_layout_stays() -> None:
    _assert_article(_page(
        f'<div class="layout-with-sidebar"><div class="content-col">{ARTICLE}</div></div>'))


def test_article_inside_a_header_wrapped_hero_stays() -> None:
    # The hero <header> holds headline and body alike, outside any <article>.
    _assert_article(_page(
        f'<div class="page"><header class="hero"><h2>Harbour board closes the eastern quay'
        f"</h2>{ARTICLE}</header></div>"))


def test_a_main_whose_text_is_a_teaser_in_a_caption_keeps_it() -> None:
    # A video page: <main> holds a player and the article's only text in a "caption". The
    # page has more text than the caption (a sidebar of notes), so only the caption's share
    # of <main>, not of the page, shows that it is the article.
    teaser = PARAGRAPHS[0]
    notes = "".join(f"<p>Note {i}: the mayor opened a new bridge over the river again.</p>"
                    for i in range(6))
    document = _html(_page(
        '<main><div class="player">Video 2 min</div>'
        f'<div class="item-caption"><p>{teaser}</p></div></main>'
        f'<div class="sidebar-notes">{notes}</div>'))
    assert teaser in document.text


def test_a_ticker_named_comments_is_not_a_comment_section() -> None:
    # "live-match-comments" is a live ticker; "comments-area" would be reader comments.
    text = _assert_article(_page(
        f'<main><div class="live-match-comments">{ARTICLE}</div>'
        '<div class="comments-area"><p>First! Great article, totally agree with every word'
        " of it.</p></div></main>"))
    assert "First!" not in text


def test_an_article_split_over_furniture_named_boxes_is_read_whole() -> None:
    # Each paragraph in its own "related"-named box: none holds the article alone, so the
    # pruning removes them all, and the reading of the whole page is taken instead.
    boxes = "".join(f'<div class="related-box"><p>{p}</p></div>' for p in PARAGRAPHS)
    _assert_article(_page(f"<div class='story'>{boxes}</div>"))


def test_comments_never_hold_the_article() -> None:
    # A one-paragraph post under reader replies many times its size, in a container that
    # trafilatura does not know as comments ("replies-list"): only the pruning keeps them out,
    # and no share of running text may spare them.
    replies = "".join(
        f'<div class="reply"><p>{p.replace("harbour", "council")}</p></div>' for p in PARAGRAPHS
    )
    document = _html(_page(
        "<article><p>A short post. It says only a little about the council and its plans.</p>"
        f'</article><div class="replies-list">{replies}</div>'))
    assert "A short post. It says only a little about the council and its plans." in (
        document.text.split("\n"))
    assert "council board met" not in document.text


def test_text_is_in_nfc() -> None:
    decomposed = "Cafe\u0301 owners in Tu\u0308bingen said the rent had doubled in a year. " * 3
    document = _html(_page(f"<article><p>{decomposed}</p>{ARTICLE}</article>"))
    assert unicodedata.is_normalized("NFC", document.text)
    assert "Café owners in Tübingen" in document.text
