"""Titles, site names and author names are labels shown among other text (the history list,
a download's file name): control characters and bidirectional controls are stripped from
them, while the article text keeps what the page has."""

from __future__ import annotations

import pytest

from extract.extract_support import ARTICLE, _html, _page
from unspun.extract.normalise import BIDI_CONTROLS, fold, norm_label

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f", "\u061c"]  # fmt: skip
CONTROLS = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x80", "\x9b", "\u2061", "\U000e0041"]


@pytest.mark.parametrize("char", BIDI + CONTROLS)
def test_title_site_and_author_lose_bidi_and_control_characters(char: str) -> None:
    title = f"Harbour board{char} closes the {char}eastern quay"
    head = (
        f'<meta property="og:site_name" content="Harbour{char} News">'
        f'<meta name="author" content="Jane {char}Smith">'
    )
    document = _html(_page(ARTICLE, head, title=title))
    assert document.title == "Harbour board closes the eastern quay"
    assert document.site == "Harbour News"
    assert document.author == "Jane Smith"
    # The headline line is the title: not doubled because the page's <h1> spelled it
    # with an invisible character.
    assert document.text.split("\n")[0] == document.title
    assert document.text.count("eastern quay") == 2  # headline + first paragraph


def test_an_override_cannot_reverse_a_title() -> None:
    """The trick of the review: "\u202e" makes what follows read right to left."""
    title = "Quay closes \u202egnp.exe\u202c for repairs"
    document = _html(_page(ARTICLE, title=title))
    assert document.title == "Quay closes gnp.exe for repairs"
    assert not BIDI_CONTROLS.search(document.title or "")


def test_a_byline_author_is_cleaned_too() -> None:
    body = '<p class="byline">By <a rel="author" href="/jane">Jane \u202eSmith\u202c</a></p>'
    document = _html(_page(body + ARTICLE))
    assert document.author == "Jane Smith"


def test_article_text_keeps_its_marks() -> None:
    """Only labels are cleaned: a right-to-left mark in a paragraph is the page's text."""
    body = ARTICLE + "<p>The mayor, \u200fאבי כהן\u200f, said the plan was sound and fair.</p>"
    document = _html(_page(body))
    assert "\u200fאבי כהן\u200f" in document.text


def test_normal_titles_are_unchanged() -> None:
    for title in ("Harbour board closes the eastern quay", "Ça va: Zürich’s café — 100%",
                  "👩‍👩‍👧 families and क्‍ष: joiners stay", "سلام دنیا"):
        assert norm_label(title) == title
    assert norm_label("  Two\u00a0 spaces\tand\x0ba tab ") == "Two spaces and a tab"


def test_fold_ignores_bidi_controls() -> None:
    assert fold("Quay \u202eCLOSES\u202c.") == fold("quay closes")


@pytest.mark.parametrize("link", ["View all posts by", "More stories by", "Posted by"])
def test_a_byline_link_s_words_are_not_the_author_s_name(link: str) -> None:
    body = f'<p class="byline"><a rel="author" href="/ada">{link} Ada Lindqvist</a></p>'
    document = _html(_page(body + ARTICLE))
    assert document.author == "Ada Lindqvist"
