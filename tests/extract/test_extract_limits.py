"""Pathological pages are refused before the text passes, quickly and in one line (issue
28, finding 1: an 8 MB page of ``<br>`` tags kept a worker busy for minutes)."""

from __future__ import annotations

import time

import pytest

from extract.extract_support import ARTICLE, _html
from unspun.errors import InputError
from unspun.extract import extract
from unspun.ingest.page import Page
from unspun.settings import ExtractSettings


def _page(markup: str) -> Page:
    return Page(body=markup.encode(), source="<test>", media_type="text/html")


def test_a_page_of_br_tags_is_refused_at_once() -> None:
    markup = "<html><body><p>Hello world.</p>" + "<br>" * 300_000 + "</body></html>"
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        extract(_page(markup), markup)
    assert time.perf_counter() - start < 0.5
    assert str(caught.value) == "page too large to analyse: 300,003 elements; at most 200,000"


def test_the_parsed_tree_is_counted_too() -> None:
    # Tags the string scan does not count (implied by the parser) still count.
    markup = "<html><body>" + "<p>word " * 50 + "</body></html>"
    limits = ExtractSettings(max_elements=40)
    with pytest.raises(InputError, match=r"^page too large to analyse: 5\d elements; at most 40$"):
        extract(_page(markup), markup, limits)


def test_deep_nesting_is_refused() -> None:
    markup = "<html><body>" + "<div>" * 230 + "deep text " * 20 + "</div>" * 230 + "</body></html>"
    with pytest.raises(InputError, match=r"^page nested too deeply to analyse: more than 200 "):
        extract(_page(markup), markup)


def test_limits_are_settable_and_a_normal_page_passes() -> None:
    markup = f"<html><body><article>{ARTICLE}</article></body></html>"
    assert _html(markup).text
    with pytest.raises(InputError, match=r"elements; at most 5$"):
        extract(_page(markup), markup, ExtractSettings(max_elements=5))
    with pytest.raises(InputError, match="more than 2 levels"):
        extract(_page(markup), markup, ExtractSettings(max_depth=2))
