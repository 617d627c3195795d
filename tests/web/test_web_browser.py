"""The pages in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

Screenshots go to test-artifacts/. With UNSPUN_UPDATE_SCREENSHOT=1 the analysis page is also
saved as docs/web-screenshot.png for the README.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
ARTICLE = """Harbour Bridge to close for three months, council confirms

The city council voted on Tuesday, March 3, 2020 to close the Harbour Bridge from April 1 for \
repairs. Mayor Alice Smith said the decision was "painful but unavoidable".
Opposition leader Tom Baker called the plan a disaster for Northbridge businesses, and the \
Chamber of Commerce warned that 4,000 jobs could be at risk.
Engineers from Arup found corrosion in 2019, according to a report published by the Ministry \
of Transport last week."""

if not Path(CHROMIUM).exists():
    # .ci/run installs Chromium: in CI its absence is a broken setup, not a reason to skip.
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing in CI (.ci/run should install it)")
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free local port, in a thread: yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(15)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from unspun.web import Limits, create_app

    db = tmp_path_factory.mktemp("web") / "analyses.db"
    with serving(create_app(f"sqlite:///{db}", limits=Limits(requests_per_second=0))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


def test_paste_text_see_highlights_toggle_a_layer_follow_permalink(
    server: str, browser: Any
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))

    page.goto(server + "/")
    page.fill("#f-text", ARTICLE)
    page.screenshot(path=str(ARTIFACTS / "web-1-form.png"))
    page.click("text=Analyse text")
    page.wait_for_url(re.compile(r"/analyses/[\w-]+$"))
    # Pending pages poll and reload themselves; the report appears when the analysis is done.
    page.wait_for_selector("article.report .hl", timeout=60_000)
    assert page.locator(".hl.en, .hl .en").count() > 0  # entity highlights
    assert page.locator(".hl.dt, .hl .dt").count() > 0  # date highlights
    assert page.locator(".summary").count() == 1
    page.screenshot(path=str(ARTIFACTS / "web-2-analysis.png"), full_page=True)
    if os.environ.get("UNSPUN_UPDATE_SCREENSHOT") == "1":
        page.screenshot(path=str(ROOT / "docs" / "web-screenshot.png"))

    # Techniques only at first: entities are one click away.
    assert not page.is_checked(".tg-ent")
    page.check(".tg-ent")
    entity = page.locator(".en").first
    before = entity.evaluate("el => getComputedStyle(el).backgroundColor")
    assert before != "rgba(0, 0, 0, 0)"
    page.uncheck(".tg-ent")
    after = entity.evaluate("el => getComputedStyle(el).backgroundColor")
    assert after == "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(ARTIFACTS / "web-3-entities-off.png"), full_page=True)
    page.check(".tg-ent")

    address = page.url
    page.goto(server + "/analyses")
    page.click("table a >> nth=0")
    page.wait_for_selector("article.report .hl")
    page.click("#permalink")
    page.wait_for_selector("article.report .hl")
    assert page.url == address
    assert page.locator(".tg-ent").is_checked()  # the reader's choice of layers is remembered
    assert not violations, violations
    assert not failed, failed
    context.close()


def test_article_markup_is_inert_in_the_browser(server: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/")
    page.fill("#f-text", 'Mayor Smith wrote <img src=x onerror="alert(1)"> and "<b>bold</b>".')
    page.click("text=Analyse text")
    page.wait_for_selector("article.report, .error-box", timeout=60_000)
    page.goto(server + "/analyses?q=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E")
    time.sleep(0.3)
    assert dialogs == []
    context.close()
