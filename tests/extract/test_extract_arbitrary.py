"""Arbitrary input: :func:`unspun.extract.extract` returns a Document that keeps the text
conventions, or raises an UnspunError, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.extract_support import _assert_conventions
from unspun.errors import UnspunError
from unspun.extract import extract
from unspun.ingest.page import Page

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
