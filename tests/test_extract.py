"""Extraction: saved pages against their golden outputs, text conventions, furniture removal,
plain text, and never raising anything but UnspunError."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import PAGES
from unspun.errors import InputError, UnspunError
from unspun.extract import _drop_furniture, extract
from unspun.ingest.page import Page
from unspun.report import Document

ROOT = Path(__file__).parent.parent
GOLDEN = sorted(PAGES.glob("*.expected.json"))
METADATA = ("url", "title", "author", "date", "site")


def _html(markup: str, url: str | None = None, source: str = "<test>") -> Document:
    page = Page(body=markup.encode(), source=source, media_type="text/html", url=url)
    return extract(page, markup)


def _plain(text: str, url: str | None = None) -> Document:
    page = Page(body=text.encode(), source="<text>", media_type="text/plain", url=url)
    return extract(page, text)


def _golden(path: Path) -> tuple[dict[str, Any], Document]:
    expected = json.loads(path.read_text(encoding="utf-8"))
    page_path = ROOT / expected["page"]
    return expected, _html(page_path.read_text(encoding="utf-8"), source=str(page_path))


def _assert_conventions(document: Document) -> None:
    """The text contract of the module docstring."""
    text = document.text
    assert text, "text must never be empty"
    assert text.split("\n") == text.splitlines(), "only \\n separates lines"
    for line in text.split("\n"):
        assert line, "no empty lines"
        assert line == line.strip(), f"no surrounding whitespace: {line!r}"
        assert not re.search(r"\s\s|[^\S ]", line), f"whitespace not collapsed: {line!r}"
        assert not re.search("[\u00ad\u200b\ufeff]", line), f"invisible characters: {line!r}"
    assert document.language is None


# --------------------------------------------------------------------------------------------
# Golden pages
# --------------------------------------------------------------------------------------------


def test_golden_files_exist() -> None:
    names = {path.name.removesuffix(".expected.json") for path in GOLDEN}
    assert {"blog-wordpress", "news-site", "press-release", "sample-article"} <= names
    for path in GOLDEN:
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert (ROOT / expected["page"]).is_file(), expected["page"]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_metadata(path: Path) -> None:
    expected, document = _golden(path)
    assert {key: getattr(document, key) for key in METADATA} == {
        key: expected[key] for key in METADATA
    }


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_text_exact(path: Path) -> None:
    expected, document = _golden(path)
    assert document.text == expected["text"]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_text_similarity(path: Path) -> None:
    # The tolerant twin of the exact test: says how far off a regression is.
    expected, document = _golden(path)
    ratio = difflib.SequenceMatcher(None, expected["text"], document.text, autojunk=False).ratio()
    assert ratio >= 0.98, f"similarity to the golden text is {ratio:.4f}"


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_contains_article_not_furniture(path: Path) -> None:
    expected, document = _golden(path)
    for needle in expected["must_contain"]:
        assert needle in document.text, needle
    leaked = [needle for needle in expected["must_not_contain"] if needle in document.text]
    assert not leaked, f"furniture leaked: {leaked}"


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_conventions(path: Path) -> None:
    expected, document = _golden(path)
    _assert_conventions(document)
    assert not document.text.startswith(expected["title"])
    words = len(document.text.split())
    assert 400 <= words <= 1000, f"{words} words of article text"


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_expectations_are_consistent(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    for needle in expected["must_not_contain"]:
        assert needle not in expected["text"], needle
    for needle in expected["must_contain"]:
        assert needle in expected["text"], needle


# --------------------------------------------------------------------------------------------
# Harder variants of the saved pages: furniture must stay out when trafilatura has to guess
# --------------------------------------------------------------------------------------------


def _degrade(markup: str) -> str:
    """The same page without semantic tags or well-known body classes."""
    markup = re.sub(r"<(/?)(article|main|aside|nav|header|footer|section)\b", r"<\1div", markup)
    return re.sub(
        r'class="(entry-content|article__body|govspeak|story__body)"', 'class="x"', markup
    )


SHORT = "A short post. It says only a little about the council and its plans."
CUTS = {
    "blog-wordpress": ("<p>Last week", '<div id="jp-post-flair"'),
    "news-site": ("<p><strong>NORTHGATE", '    </div>\n\n    <footer class="article__footer">'),
    "sample-article": ("<p>This morning", '    </div>\n\n    <footer class="story__footer">'),
}


def _shorten(markup: str, start: str, end: str) -> str:
    """The same page with a one-paragraph article: trafilatura then falls back to baselines."""
    return markup[: markup.index(start)] + f"<p>{SHORT}</p>" + markup[markup.index(end) :]


@pytest.mark.parametrize("name", sorted(CUTS))
@pytest.mark.parametrize("variant", ["degraded", "short", "short+degraded"])
def test_furniture_stays_out_of_harder_variants(name: str, variant: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    markup = (ROOT / expected["page"]).read_text(encoding="utf-8")
    if "short" in variant:
        markup = _shorten(markup, *CUTS[name])
    if "degraded" in variant:
        markup = _degrade(markup)
    document = _html(markup)
    _assert_conventions(document)
    leaked = [needle for needle in expected["must_not_contain"] if needle in document.text]
    assert not leaked, f"furniture leaked: {leaked}"
    if "short" in variant:
        assert SHORT in document.text.split("\n")
    else:
        assert document.text.split("\n")[-1] == expected["text"].split("\n")[-1]
    assert document.title == expected["title"]


# --------------------------------------------------------------------------------------------
# HTML details
# --------------------------------------------------------------------------------------------

ARTICLE = """
<p>The harbour board met on Tuesday and voted to close the eastern quay for repairs.</p>
<p>Officials said the work would take at least eighteen months and cost 4 million dollars.</p>
<p>Residents who use the quay every day said they had not been consulted at any stage.</p>
<p>The board will publish its full plan on its website before the end of the month.</p>
"""


def _page(body: str, head: str = "", title: str = "Harbour board closes the eastern quay") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


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


def test_title_not_prepended_and_headline_line_dropped() -> None:
    document = _html(_page(ARTICLE))
    assert document.title == "Harbour board closes the eastern quay"
    assert document.text.startswith("The harbour board met on Tuesday")
    assert "Harbour board closes the eastern quay" not in document.text


def test_copyright_year_is_not_a_publication_date() -> None:
    markup = _page(ARTICLE + "<footer><p>© 2020 Harbour News. All rights reserved.</p></footer>")
    document = _html(markup)
    assert document.date is None
    assert "©" not in document.text


def test_published_time_meta_gives_iso_date() -> None:
    head = '<meta property="article:published_time" content="2020-09-13T07:00:00+01:00">'
    assert _html(_page(ARTICLE, head)).date == "2020-09-13"


def test_lists_headings_and_tables_are_lines_of_their_own() -> None:
    body = (
        ARTICLE
        + "<h2>What happens next</h2><p>The board listed three steps for the coming year:</p>"
        + "<ul><li>Survey the quay wall.</li><li>Award the <b>repair</b> contract.</li></ul>"
        + "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2021</td><td>1.5 million</td></tr>"
        + "</table><p>Work should be complete by the summer of 2022, the board said.</p>"
    )
    lines = _html(_page(body)).text.split("\n")
    assert "What happens next" in lines
    assert "Survey the quay wall." in lines
    assert "Award the repair contract." in lines
    assert "Year | Cost" in lines
    assert "2021 | 1.5 million" in lines


def test_line_breaks_split_lines_and_whitespace_collapses() -> None:
    body = ARTICLE + "<p>First\u00a0 line   of\tthe note<br>second line<br><br>third line.</p>"
    lines = _html(_page(body)).text.split("\n")
    assert lines[-3:] == ["First line of the note", "second line", "third line."]


def test_legitimate_sentences_with_furniture_words_survive() -> None:
    sentences = [
        "Related research by the university found the quay wall was already failing.",
        "Residents who like this kind of project say the board should share its plans sooner.",
        "The cookie policy of the board's website was also criticised at the meeting.",
        "Leave a reply, the chairman told one objector, and we will read it.",
        "Share prices of the contractor rose 3% after the decision was announced.",
        "Powered by tidal turbines, the new pumps will run day and night.",
    ]
    body = ARTICLE + "".join(f"<p>{sentence}</p>" for sentence in sentences)
    text = _html(_page(body)).text
    for sentence in sentences:
        assert sentence in text


def test_short_article_is_not_glued_to_its_headline() -> None:
    markup = _page(
        '<div class="entry-meta">Posted on March 14, 2021 by Ines Kowal</div>'
        "<p>The quay closes on Monday.</p><p>Boats must move by Sunday night.</p>"
    )
    document = _html(markup)
    assert document.text == "The quay closes on Monday.\nBoats must move by Sunday night."


def test_fragment_and_xml_declaration_are_accepted() -> None:
    fragment = "<p>The harbour board voted on Tuesday to close the eastern quay.</p>"
    assert _html(fragment).text == "The harbour board voted on Tuesday to close the eastern quay."
    declared = '<?xml version="1.0" encoding="utf-8"?>\n' + _page(ARTICLE)
    assert _html(declared).text.startswith("The harbour board met on Tuesday")


def test_plain_text_sent_as_html_still_yields_text() -> None:
    document = _html("Just some words that were served as text/html by a careless server.")
    assert document.text == "Just some words that were served as text/html by a careless server."


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "   \n\t ",
        "<html></html>",
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script><style>p{}</style></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav><footer>Blog at WordPress.com.</footer>"
        "</body></html>",
        "\x00\x01\x02\x03",
        "<!-- only a comment -->",
    ],
)
def test_html_without_article_text_raises_input_error(markup: str) -> None:
    with pytest.raises(InputError, match="no article text found in <test>"):
        _html(markup)


# --------------------------------------------------------------------------------------------
# Furniture lines
# --------------------------------------------------------------------------------------------


def test_furniture_lines_are_removed_whole() -> None:
    article = ["The council voted on Sunday.", "It will meet again in March."]
    furniture = [
        "Leave a Reply",
        "Leave a comment",
        "You are commenting using your WordPress.com account. ( Log Out / Change )",
        "Notify me of new comments via email.",
        "Cancel reply",
        "Like this:",
        "Like Loading...",
        "%d bloggers like this:",
        "4 bloggers like this.",
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Tweet",
        "Related",
        "Related posts",
        "Recent Posts",
        "Archives",
        "Categories",
        "Follow Blog via Email",
        "Subscribe",
        "Blog at WordPress.com.",
        "Powered by WordPress",
        "© 2022 Northgate Courier Media Ltd. All rights reserved.",
        "Copyright 2021 The Quiet Ledger",
        "Up ↑",
        "Advertisement",
        "Read more: Northgate Water fined over Riverside sewage spill",
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "Sign up to our newsletter",
        "About the author",
    ]
    assert _drop_furniture([article[0], *furniture[:-1], article[1]]) == article


def test_share_words_go_only_in_runs() -> None:
    assert _drop_furniture(["Text.", "Facebook", "Twitter", "Email", "More text."]) == [
        "Text.",
        "More text.",
    ]
    kept = ["The largest advertisers are:", "Google", "Facebook", "Amazon"]
    assert _drop_furniture(kept) == kept


def test_press_release_trailer_is_cut_but_not_an_early_about_heading() -> None:
    lines = [f"Paragraph {i} of the release, with enough words to weigh it." for i in range(8)]
    trailer = ["Notes to editors", "About Acme Harbour Works", "Acme builds quays.", "###"]
    assert _drop_furniture([*lines, *trailer]) == lines
    about_early = ["Intro line of the story.", "About the Plan", *lines]
    assert _drop_furniture(about_early) == about_early


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------


def test_plain_text_newlines_blank_lines_and_title() -> None:
    text = (
        "Council approves water rise\r\nBy Priya Anand\r\n\r\n\r\n"
        "Household bills   will rise by 14%.  \r\rThe vote was 27 to 19.\r\n\r\n"
    )
    document = _plain(text, url="https://www.northgate-courier.example/x")
    assert document.title == "Council approves water rise"
    assert document.author == "Priya Anand"
    assert document.text == "Household bills will rise by 14%.\nThe vote was 27 to 19."
    assert document.site == "northgate-courier.example"
    assert document.url == "https://www.northgate-courier.example/x"
    _assert_conventions(document)


def test_plain_text_first_sentence_is_not_a_title() -> None:
    document = _plain("The council voted on Sunday.\nIt will meet again in March.")
    assert document.title is None
    assert document.text == "The council voted on Sunday.\nIt will meet again in March."


def test_plain_text_single_line_stays_text() -> None:
    document = _plain("Short headline only")
    assert document.title is None
    assert document.text == "Short headline only"


def test_plain_text_hard_wrapped_paragraphs_are_reflowed() -> None:
    text = """Ministry announces flood fund

The Ministry of Coastal Affairs today announced a 2.4 million crown
emergency fund to repair and strengthen flood defences in the districts
of Harlow Bay, Skerrin and Eastmoor, following the storm surge of
August 9 that damaged more than 600 homes.

The fund will pay for:
- the repair of 4.5 kilometres of sea wall,
- two tidal gates at Skerrin harbour.
"""
    document = _plain(text)
    assert document.title == "Ministry announces flood fund"
    assert document.text.split("\n") == [
        "The Ministry of Coastal Affairs today announced a 2.4 million crown emergency fund to "
        "repair and strengthen flood defences in the districts of Harlow Bay, Skerrin and "
        "Eastmoor, following the storm surge of August 9 that damaged more than 600 homes.",
        "The fund will pay for:",
        "- the repair of 4.5 kilometres of sea wall,",
        "- two tidal gates at Skerrin harbour.",
    ]


def test_plain_text_one_paragraph_per_line_is_kept() -> None:
    text = "Headline here\nFirst paragraph, short.\nSecond paragraph, short too.\n"
    document = _plain(text)
    assert document.text == "First paragraph, short.\nSecond paragraph, short too."


def test_plain_text_furniture_and_odd_characters() -> None:
    text = "\ufeffShare this:\nTwitter\nFacebook\nThe soft\u00adhyphen and zero\u200bwidth go.\x0b"
    text += "Like this:\n\u2028Next line.\x00"
    document = _plain(text)
    assert document.text == "The softhyphen and zerowidth go.\nNext line."


@pytest.mark.parametrize("text", ["", "   ", "\r\n\r\n", "\ufeff\u200b", "Like this:\nShare this:"])
def test_plain_text_empty_raises_input_error(text: str) -> None:
    with pytest.raises(InputError, match="empty input: <text>"):
        _plain(text)


# --------------------------------------------------------------------------------------------
# Arbitrary input: a Document that keeps the conventions, or an UnspunError, nothing else
# --------------------------------------------------------------------------------------------

_TAGS = "p div span h1 h2 li ul table tr td article br blockquote script aside footer nav a b"
_TAGS_LIST = _TAGS.split()
_CLASSES = ["", "comments", "entry-content", "sharedaddy", "sidebar", "tag-share", "post"]
_fragment = st.recursive(
    st.text(max_size=40),
    lambda inner: st.builds(
        lambda tag, cls, children: f'<{tag} class="{cls}">{"".join(children)}</{tag}>',
        st.sampled_from(_TAGS_LIST),
        st.sampled_from(_CLASSES),
        st.lists(inner, max_size=4),
    ),
    max_leaves=12,
)


def _check_arbitrary(markup: str, media_type: str) -> None:
    page = Page(body=b"", source="<fuzz>", media_type=media_type)  # type: ignore[arg-type]
    try:
        document = extract(page, markup)
    except UnspunError as error:
        # Only the deliberate errors: the safety net's "extraction failed" would mean a bug.
        assert str(error).startswith(("no article text found in", "empty input:")), error
        return
    _assert_conventions(document)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["text/html", "text/plain"]))
def test_arbitrary_text_never_raises_anything_else(markup: str, media_type: str) -> None:
    _check_arbitrary(markup, media_type)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_fragment, st.booleans())
def test_arbitrary_html_never_raises_anything_else(fragment: str, wrap: bool) -> None:
    markup = f"<html><head><title>t</title></head><body>{fragment}</body></html>"
    if not wrap:
        markup = fragment
    _check_arbitrary(markup, "text/html")


_SOUP = st.sampled_from(
    [
        "<",
        "</",
        ">",
        "<!--",
        "-->",
        "<?xml version='1.0' encoding='utf-8'?>",
        "&#0;",
        "&#x1f;",
        "&#x0b;",
        "&#xd800;",
        "&nbsp;",
        "<p>",
        "</p>",
        "<br>",
        "<div class='comments'>",
        "<article>",
        "<h1>",
        "</h1>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<li>",
        "<blockquote>",
        "<footer>",
        "<script>",
        "</script>",
        "<title>",
        "word ",
        "Sentence here. ",
        "\x1f",
        "\x0c",
        "\u2028",
        "\r",
        "\n\n",
        "<html>",
        "<body>",
        "<![CDATA[x]]>",
        "<meta property='og:title' content='A &#x1f; title'>",
        "<link rel='canonical' href='http://[::1'>",
        "<meta name='author' content='&#0;'>",
    ]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SOUP, max_size=60), st.sampled_from(["text/html", "text/plain"]))
def test_tag_soup_never_raises_anything_else(parts: list[str], media_type: str) -> None:
    _check_arbitrary("".join(parts), media_type)
