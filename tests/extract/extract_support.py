"""Helpers shared by the extraction tests (importable as ``extract.extract_support``): HTML
extraction of a test page, the text conventions every extracted text keeps, and a small
article page to build HTML tests on.

A plain module rather than conftest content, because tests/conftest.py already claims the
``conftest`` module name and tests import these names directly.
"""

from __future__ import annotations

import re
from pathlib import Path

from unspun.extract import extract
from unspun.ingest.page import Page
from unspun.report import Document

ROOT = Path(__file__).parents[2]


def _html(markup: str, url: str | None = None, source: str = "<test>") -> Document:
    page = Page(body=markup.encode(), source=source, media_type="text/html", url=url)
    return extract(page, markup)


def _assert_conventions(document: Document) -> None:
    """The text contract of the :mod:`unspun.extract` docstring."""
    text = document.text
    assert text, "text must never be empty"
    assert text.split("\n") == text.splitlines(), "only \\n separates lines"
    for line in text.split("\n"):
        assert line, "no empty lines"
        assert line == line.strip(), f"no surrounding whitespace: {line!r}"
        assert not re.search(r"\s\s|[^\S ]", line), f"whitespace not collapsed: {line!r}"
        assert not re.search("[\u00ad\u200b\ufeff]", line), f"invisible characters: {line!r}"
    assert document.language is None


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
