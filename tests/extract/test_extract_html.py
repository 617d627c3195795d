"""HTML extraction end to end: saved pages against their golden outputs, fragments and odd
markup, and pages without article text."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from extract.extract_support import ARTICLE, ROOT, _assert_conventions, _html, _page
from support import PAGES
from unspun.errors import InputError
from unspun.report import Document

GOLDEN = sorted(PAGES.glob("*.expected.json"))
METADATA = ("url", "title", "author", "date", "site")


def _golden(path: Path) -> tuple[dict[str, Any], Document]:
    expected = json.loads(path.read_text(encoding="utf-8"))
    page_path = ROOT / expected["page"]
    return expected, _html(page_path.read_text(encoding="utf-8"), source=str(page_path))


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
    lines = document.text.split("\n")
    assert lines[0] == expected["title"] and lines.count(expected["title"]) == 1
    words = len(document.text.split())
    assert 400 <= words <= 1000, f"{words} words of article text"


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_expectations_are_consistent(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    for needle in expected["must_not_contain"]:
        assert needle not in expected["text"], needle
    for needle in expected["must_contain"]:
        assert needle in expected["text"], needle


def test_fragment_and_xml_declaration_are_accepted() -> None:
    fragment = "<p>The harbour board voted on Tuesday to close the eastern quay.</p>"
    assert _html(fragment).text == "The harbour board voted on Tuesday to close the eastern quay."
    declared = '<?xml version="1.0" encoding="utf-8"?>\n' + _page(ARTICLE)
    assert _html(declared).text.startswith(
        "Harbour board closes the eastern quay\nThe harbour board met on Tuesday")


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
