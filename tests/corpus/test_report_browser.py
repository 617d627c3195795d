"""The corpus report in a real browser (Playwright and Debian's Chromium, skipped without
them): no CSP violation, the articles table sorts, and a group's link shows its articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corpus.corpus_support import hand_corpus, write_output
from unspun.corpus import build_corpus_report
from web import test_web_browser as shared

browser = shared.browser  # the module-scoped Chromium of the web browser tests


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    out = write_output(tmp_path / "out", hand_corpus())
    report = build_corpus_report(out, by="site", article_pages=False)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console",
           lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.goto(report.html.as_uri())
    yield tab
    context.close()
    assert not problems, problems


def _visible(page: Any, column: int) -> list[str]:
    return [str(t) for t in page.eval_on_selector_all(
        "#articles-table tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{column}].textContent)")]


def test_sorting_and_filtering_the_articles(page: Any) -> None:
    assert len(_visible(page, 0)) == 7
    page.click("#articles-table th:nth-child(5) button")  # techniques per 1,000 words
    densities = [float(v) for v in _visible(page, 4)]
    assert densities == sorted(densities) and densities[-1] == 100.0  # b1: 3 in 30 words
    page.click("#articles-table th:nth-child(5) button")
    assert [float(v) for v in _visible(page, 4)] == sorted(densities, reverse=True)
    page.click("a[href='#g1']")  # beta.example's one article
    # the filter follows the hash change, an event the click only queues
    page.wait_for_function(
        "() => document.querySelectorAll('#articles-table tbody tr:not([hidden])').length === 1")
    assert _visible(page, 1) == ["beta.example"]
    assert "Showing the 1 article of beta.example" in page.inner_text("#filter")
    page.click("#filter a")  # show all
    page.wait_for_function(
        "() => document.querySelectorAll('#articles-table tbody tr:not([hidden])').length === 7")
    assert len(_visible(page, 0)) == 7
