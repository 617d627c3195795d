"""The one-pass author search agrees with trafilatura's own, rule by rule and on real pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.metadata import extract_author as trafilatura_author

from support import saved_pages
from unspun.extract import author

ROOT = Path(__file__).resolve().parents[2]
EXTRACTION_DATA = ROOT.parent / "shared" / "data" / "extraction"

# One page per rule of trafilatura's three expressions and its discarded sections, each
# with a decoy that a wrong reading of the rule would pick instead.
PAGES = {
    "rel author link": '<a rel="author" href="/x">Jane Roe</a>',
    "id author": '<div id="author">Jane Roe</div>',
    "class authorname": '<span class="post-author-name">Jane Roe</span>',
    "itemprop author name": '<span itemprop="author name">Jane Roe</span>',
    "data-testid": '<div data-testid="AuthorCard">Jane Roe</div>',
    "author element": "<author>Jane Roe</author>",
    "rel me child": "<p><rel>me</rel>Jane Roe</p>",
    "specific before generic": '<p class="byline">By John Doe</p>'
                               '<span class="author">Jane Roe</span>',
    "generic byline": '<p class="byline">By John Doe</p>',
    "generic id": '<h4 id="the-author-box">John Doe</h4>',
    "generic channel": '<div class="channel-name">Channel Four</div>',
    "any element itemprop": '<li itemprop="author">John Doe</li>',
    "any element class": '<li class="WriterLine">John Doe</li><li class="writer">Ann Lee</li>',
    "any element data-component": '<section data-component="Byline">Ann Lee</section>',
    "too short": '<span class="author">Al</span><span class="writer">Ann Lee</span>',
    "too long": f'<span class="author">{"word " * 30}</span><p class="byline">Ann Lee</p>',
    "in comments": '<div id="comments"><span class="author">Troll</span></div>'
                   '<p class="writer">Ann Lee</p>',
    "comment list id": '<section id="comment-list-1"><span class="author">Troll</span>'
                       '</section><p class="writer">Ann Lee</p>',
    "sidebar": '<div class="widget sidebar"><a class="author">Other</a></div>',
    "date inside byline": '<p class="byline">By Ann Lee <time>May 1</time> in Paris</p>',
    "figure credit": '<figure><span class="author">Photographer</span></figure>',
    "discarded span keeps tail": '<p class="byline">Ann<span class="date">x</span> Lee</p>',
    "quote class": '<div class="pullquote"><span class="author">Quoted</span></div>',
    "nothing": "<p>No byline here.</p>",
}


def _tree(body: str) -> etree._Element:
    tree = trafilatura.load_html(f"<html><head><title>t</title></head><body>{body}</body></html>")
    assert tree is not None
    return tree


def test_the_installed_trafilatura_has_the_translated_rules() -> None:
    # Fails after a trafilatura upgrade that changed its author rules: translate them again
    # (until then extract_author falls back to trafilatura's slower function).
    assert author.TRANSLATED


@pytest.mark.parametrize("body", PAGES.values(), ids=PAGES.keys())
def test_same_author_as_trafilatura(body: str) -> None:
    tree = _tree(body)
    before = etree.tostring(tree)
    assert author.extract_author(tree) == trafilatura_author(tree)
    assert etree.tostring(tree) == before  # the tree is read, not changed


def test_rules_pick_what_trafilatura_picks() -> None:
    found = {name: author.extract_author(_tree(body)) for name, body in PAGES.items()}
    assert found["specific before generic"] == "Jane Roe"
    assert found["in comments"] == found["too short"] == "Ann Lee"
    # Dates and discarded spans go, with their text only ("x" of "Ann<span>x</span> Lee").
    assert found["date inside byline"] == found["discarded span keeps tail"] == "Ann Lee"
    assert found["any element class"] == "Ann Lee"  # the pattern "writer" is case-sensitive
    assert found["figure credit"] is found["sidebar"] is found["quote class"] is None
    assert found["nothing"] is None


def test_falls_back_to_trafilatura_when_its_rules_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[object] = []

    def theirs(tree: object) -> str:
        calls.append(tree)
        return "From Trafilatura"

    monkeypatch.setattr(author, "TRANSLATED", False)
    monkeypatch.setattr(trafilatura.metadata, "extract_author", theirs)
    assert author.extract_author(_tree(PAGES["id author"])) == "From Trafilatura"
    assert len(calls) == 1


@pytest.mark.parametrize("page", saved_pages(), ids=lambda p: p.name)
def test_same_author_on_saved_pages(page: Path) -> None:
    tree = trafilatura.load_html(page.read_bytes())
    assert author.extract_author(tree) == trafilatura_author(tree)


@pytest.mark.slow
def test_same_author_on_real_pages() -> None:
    if not EXTRACTION_DATA.is_dir():
        pytest.skip("../shared/data/extraction is not here")
    index = json.loads((EXTRACTION_DATA / "evaldata.json").read_text("utf-8"))
    differ = []
    for url, entry in index.items():
        tree = trafilatura.load_html(
            gzip.decompress((EXTRACTION_DATA / "pages" / entry["file"]).read_bytes()))
        if tree is not None and author.extract_author(tree) != trafilatura_author(tree):
            differ.append(url)
    assert differ == []
