"""The web form's Published field in a real browser (Playwright driving Debian's Chromium);
skipped where test_web_browser is, whose server and browser fixtures it shares."""

from __future__ import annotations

import re
from typing import Any

from web.test_web_browser import browser, server

__all__ = ["browser", "server"]


def test_the_published_field_dates_pasted_text(server: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    page.fill("#f-text", "The council voted on Tuesday to close the Harbour Bridge, the mayor"
              " said. Work starts next month.")
    page.fill("#f-text-published", "2020-03-06")  # a Friday
    page.click("text=Analyse text")
    page.wait_for_url(re.compile(r"/analyses/[\w-]+$"))
    page.wait_for_selector("article.report", timeout=60_000)
    ident = page.url.rsplit("/", 1)[1]
    report = page.request.get(f"{server}/api/v1/analyses/{ident}").json()["report"]
    assert report["document"]["date"] == "2020-03-06"
    assert {d["text"]: d["value"] for d in report["dates"]}["Tuesday"] == "2020-03-03"
    context.close()
