"""The history's compare flow, the downloads and the waiting page's progress in a real browser
(Playwright driving Debian's Chromium); skipped where test_web_browser is, whose server and
browser fixtures it shares."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from unspun.ingest import Page
from unspun.report import Report
from web.test_web_browser import ARTICLE, browser, server, serving
from web.web_support import FakeAnalyzer

__all__ = ["browser", "server"]

WIRE = """Ministry confirms new bus lanes for Northbridge

The Ministry of Transport said on Monday that three bus lanes will open in Northbridge in May. \
Officials expect journeys to be 10 minutes shorter, a spokesperson said."""


def _csp_watch(page: Any) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return violations


def _analyse(page: Any, server: str, text: str) -> str:
    page.goto(server + "/")
    page.fill("#f-text", text)
    page.click("text=Analyse text")
    page.wait_for_url(re.compile(r"/analyses/[\w-]+$"))
    page.wait_for_selector("article.report", timeout=60_000)
    return str(page.url.rsplit("/", 1)[1])


def test_pick_two_in_the_history_and_compare_them(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = _csp_watch(page)
    first = _analyse(page, server, ARTICLE)
    second = _analyse(page, server, WIRE)
    page.goto(server + "/analyses")
    page.check(f'input.pick[value="{first}"]')
    page.check(f'input.pick[value="{second}"]')
    page.click("text=Compare the two ticked")
    page.wait_for_url(re.compile(r"/compare\?"))
    headings = page.locator(".compare-table.figures thead th a").all_inner_texts()
    assert sorted(headings) == sorted([
        "Harbour Bridge to close for three months, council confirms",
        "Ministry confirms new bus lanes for Northbridge",
    ])
    words = page.locator(".compare-table.figures tbody tr").filter(
        has=page.locator("th", has_text=re.compile("^Words$"))).locator("td")
    assert words.count() == 2 and all(int(w.replace(",", "")) > 20
                                      for w in words.all_inner_texts())
    assert page.locator(".compare-table.mix").count() + page.locator(
        "text=Neither article has a technique span").count() == 1
    page.click(f'.compare-table.figures thead a[href="/analyses/{first}"]')
    page.wait_for_selector("article.report")
    assert not violations, violations
    context.close()


def test_the_analysis_page_offers_the_downloads(
    server: str, browser: Any, tmp_path: Path
) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    violations = _csp_watch(page)
    ident = _analyse(page, server, ARTICLE)
    links = page.locator('ul.downloads a')
    assert links.all_inner_texts() == ["HTML", "Markdown", "JSON", "CSV"]
    stem = "harbour-bridge-to-close-for-three-months-council-confirms"
    saved: dict[str, str] = {}
    for fmt in ("html", "md", "json", "csv"):
        with page.expect_download() as info:
            page.click(f'ul.downloads a[data-format="{fmt}"]')
        download = info.value
        assert download.suggested_filename == f"{stem}.{fmt}"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        saved[fmt] = target.read_text("utf-8")
    assert page.url.endswith(f"/analyses/{ident}")  # saved, never shown in place
    assert saved["md"].startswith("# Harbour Bridge to close")
    assert Report.model_validate(json.loads(saved["json"])).document.title
    assert saved["csv"].startswith("source,layer,start,end,text,label,score")
    assert 'class="report' in saved["html"]
    assert not violations, violations
    context.close()


class SteppedAnalyzer(FakeAnalyzer):
    """FakeAnalyzer that finishes one analysis per :attr:`steps` release."""

    steps = threading.Semaphore(0)

    def analyze_page(self, page: Page, *, published: Any = None, **_: Any) -> Report:
        type(self).steps.acquire(timeout=30)
        return super().analyze_page(page, published=published)


@pytest.fixture
def stepped() -> Iterator[str]:
    from unspun.web import Limits, create_app

    SteppedAnalyzer.steps = threading.Semaphore(0)
    app = create_app("sqlite://", analyzer_factory=SteppedAnalyzer,
                     limits=Limits(requests_per_second=0, submits_per_minute=0))
    try:
        with serving(app) as url:
            yield url
    finally:
        SteppedAnalyzer.steps.release(20)


def _submit(server: str, text: str) -> str:
    request = urllib.request.Request(
        server + "/api/v1/analyses", data=json.dumps({"text": text}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(json.load(response)["id"])


def test_the_waiting_page_follows_the_queue_and_the_clock(stepped: str, browser: Any) -> None:
    first = _submit(stepped, "Story one about the Harbour Bridge.")
    second = _submit(stepped, "Story two about the Harbour Bridge.")
    context = browser.new_context()
    page = context.new_page()
    violations = _csp_watch(page)
    page.goto(f"{stepped}/analyses/{second}")
    queue = page.locator("#queue")
    assert queue.inner_text() == "Next in the queue"
    assert re.fullmatch(r"\d+ s", page.locator("#elapsed").inner_text())
    # The clock runs on its own, between polls.
    page.wait_for_function(
        "start => document.getElementById('elapsed').textContent !== start",
        arg=page.locator("#elapsed").inner_text(), timeout=5_000)
    SteppedAnalyzer.steps.release()  # the first finishes: the second is analysed now
    page.wait_for_function(
        "() => document.getElementById('queue').textContent === 'Being analysed now'",
        timeout=15_000)
    SteppedAnalyzer.steps.release()  # the second finishes: the page shows its report
    page.wait_for_selector("article.report", timeout=15_000)
    assert f"/analyses/{first}" != page.url
    assert not violations, violations
    context.close()


def test_the_waiting_page_refreshes_itself_without_scripts(stepped: str, browser: Any) -> None:
    ident = _submit(stepped, "A story about the Harbour Bridge, read without scripts.")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{stepped}/analyses/{ident}")
    assert page.locator("#queue").inner_text() == "Being analysed now"
    assert re.fullmatch(r"\d+ s", page.locator("#elapsed").inner_text())
    SteppedAnalyzer.steps.release()
    page.wait_for_selector("article.report", timeout=15_000)  # by the meta refresh
    context.close()
