"""Remake the README's screenshots of the article report and the corpus report.

    python docs/screenshots.py [report] [corpus]

With no argument both are remade; naming one remakes only that one. Needs the dev extra
(Playwright) and Debian's chromium. The article report is the bundled sample, in its default
view (techniques only, the default threshold); the corpus report is `unspun batch` +
`unspun corpus` over the project's saved pages (test fixtures and the sample). The web app's
screenshot comes from its browser test:
``UNSPUN_UPDATE_SCREENSHOT=1 pytest tests/web/test_web_browser.py``.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, sync_playwright

from unspun import analyze
from unspun.batch import run_batch
from unspun.corpus import build_corpus_report
from unspun.render import to_html

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
SAMPLE = ROOT / "src" / "unspun" / "samples" / "sample-article.html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


SHOTS = ("report", "corpus")


def show_strongest_technique(page: Page) -> None:
    """Bring the most confident technique to mid-screen and open its details, as a click would:
    the shot then shows graded highlights, the controls and the details panel together."""
    page.evaluate(
        """() => {
          const spans = JSON.parse(document.getElementById('r0-data').textContent).spans;
          const ids = Object.keys(spans).filter(id => spans[id].layer === 'tk');
          if (!ids.length) { return; }
          ids.sort((a, b) => spans[b].confidence - spans[a].confidence);
          const seg = document.querySelector('.hl[data-s~="' + ids[0] + '"]');
          seg.scrollIntoView({ block: 'center' });
          seg.click();
        }"""
    )


def main(wanted: list[str]) -> None:
    unknown = sorted(set(wanted) - set(SHOTS))
    if unknown:
        raise SystemExit(f"unknown screenshot {', '.join(unknown)}: choose from {', '.join(SHOTS)}")
    shots = [name for name in SHOTS if name in wanted] or list(SHOTS)
    with tempfile.TemporaryDirectory(prefix="unspun-shots-") as tmp:
        pages: dict[str, tuple[Path, ViewportSize]] = {}
        if "report" in shots:
            report = Path(tmp) / "report.html"
            report.write_text(to_html(analyze(str(SAMPLE))), encoding="utf-8")
            pages["report"] = (report, {"width": 1280, "height": 1100})
        if "corpus" in shots:
            out = Path(tmp) / "results"
            saved = [*sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")), SAMPLE]
            run_batch([str(p) for p in saved], out, workers=1, progress=io.StringIO())
            corpus = build_corpus_report(out, by="site").html
            pages["corpus"] = (corpus, {"width": 1000, "height": 1300})
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, (path, viewport) in pages.items():
                # A fresh context each: the report view remembers a reader's choices.
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                page.goto(path.as_uri())
                if name == "report":
                    show_strongest_technique(page)
                page.screenshot(path=str(DOCS / f"{name}-screenshot.png"))
                context.close()
            browser.close()
    print("wrote " + " and ".join(f"docs/{name}-screenshot.png" for name in pages))


if __name__ == "__main__":
    main(sys.argv[1:])
