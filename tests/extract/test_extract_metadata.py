"""Metadata of HTML pages: URL, site, and publication date."""

from __future__ import annotations

from extract.extract_support import ARTICLE, _html, _page


def test_page_url_wins_over_canonical_and_site_falls_back_to_host() -> None:
    head = '<link rel="canonical" href="https://canonical.example/story">'
    document = _html(_page(ARTICLE, head), url="https://www.harbour-news.example/a/b?c=1")
    assert document.url == "https://www.harbour-news.example/a/b?c=1"
    assert document.site == "harbour-news.example"


def test_canonical_url_when_page_url_unknown() -> None:
    head = '<link rel="canonical" href="https://www.harbour-news.example/story">'
    document = _html(_page(ARTICLE, head))
    assert document.url == "https://www.harbour-news.example/story"
    assert document.site == "harbour-news.example"


def test_copyright_year_is_not_a_publication_date() -> None:
    markup = _page(ARTICLE + "<footer><p>© 2020 Harbour News. All rights reserved.</p></footer>")
    document = _html(markup)
    assert document.date is None
    assert "©" not in document.text


def test_published_time_meta_gives_iso_date() -> None:
    head = '<meta property="article:published_time" content="2020-09-13T07:00:00+01:00">'
    assert _html(_page(ARTICLE, head)).date == "2020-09-13"
