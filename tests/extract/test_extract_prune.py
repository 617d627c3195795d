"""Pruning: furniture stays out of harder variants of the saved pages, where trafilatura has
to guess (no semantic tags or body classes) or falls back to its baselines (short article)."""

from __future__ import annotations

import json
import re

import pytest

from extract.extract_support import ROOT, _assert_conventions, _html
from support import PAGES


def _degrade(markup: str) -> str:
    """The same page without semantic tags or well-known body classes."""
    markup = re.sub(r"<(/?)(article|main|aside|nav|header|footer|section)\b", r"<\1div", markup)
    return re.sub(
        r'class="(entry-content|article__body|govspeak|story__body)"', 'class="x"', markup
    )


SHORT = "A short post. It says only a little about the council and its plans."
CUTS = {
    "blog-wordpress": ("<p>Last week", '<div id="jp-post-flair"'),
    "news-site": ("<p><strong>NORTHGATE", '    </div>\n\n    <footer class="article__footer">'),
    "sample-article": ("<p>This morning", '    </div>\n\n    <footer class="story__footer">'),
}


def _shorten(markup: str, start: str, end: str) -> str:
    """The same page with a one-paragraph article: trafilatura then falls back to baselines."""
    return markup[: markup.index(start)] + f"<p>{SHORT}</p>" + markup[markup.index(end) :]


@pytest.mark.parametrize("name", sorted(CUTS))
@pytest.mark.parametrize("variant", ["degraded", "short", "short+degraded"])
def test_furniture_stays_out_of_harder_variants(name: str, variant: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    markup = (ROOT / expected["page"]).read_text(encoding="utf-8")
    if "short" in variant:
        markup = _shorten(markup, *CUTS[name])
    if "degraded" in variant:
        markup = _degrade(markup)
    document = _html(markup)
    _assert_conventions(document)
    leaked = [needle for needle in expected["must_not_contain"] if needle in document.text]
    assert not leaked, f"furniture leaked: {leaked}"
    if "short" in variant:
        assert SHORT in document.text.split("\n")
    else:
        assert document.text.split("\n")[-1] == expected["text"].split("\n")[-1]
    assert document.title == expected["title"]
