"""Remake the README's screenshots of the article report and the corpus report.

    python docs/screenshots.py

Needs the dev extra (Playwright) and Debian's chromium. The article report is the bundled
sample; the corpus report is `unspun batch` + `unspun corpus` over the project's saved pages
(test fixtures and the sample). The web app's screenshot comes from its browser test:
``UNSPUN_UPDATE_SCREENSHOT=1 pytest tests/web/test_web_browser.py``.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from unspun import analyze
from unspun.batch import run_batch
from unspun.corpus import build_corpus_report
from unspun.render import to_html

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
SAMPLE = ROOT / "src" / "unspun" / "samples" / "sample-article.html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="unspun-shots-") as tmp:
        report = Path(tmp) / "report.html"
        report.write_text(to_html(analyze(str(SAMPLE))), encoding="utf-8")
        out = Path(tmp) / "results"
        pages = [*sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")), SAMPLE]
        run_batch([str(p) for p in pages], out, workers=1, progress=io.StringIO())
        corpus = build_corpus_report(out, by="site").html
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.goto(report.as_uri())
            page.screenshot(path=str(DOCS / "report-screenshot.png"))
            page.set_viewport_size({"width": 1000, "height": 1300})
            page.goto(corpus.as_uri())
            page.screenshot(path=str(DOCS / "corpus-screenshot.png"))
            browser.close()
    print("wrote docs/report-screenshot.png and docs/corpus-screenshot.png")


if __name__ == "__main__":
    main()
