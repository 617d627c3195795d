from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

from unspun.render import render, to_html
from unspun.render.html import _asset, report_parts
from unspun.report import Document, Entity, Quote, Report, TechniqueSpan

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "p",
    "span",
    "nav",
    "ol",
    "li",
    "a",
    "main",
    "article",
    "h2",
    "h3",
    "section",
    "dl",
    "div",
    "dt",
    "dd",
    "ul",
    "time",
    "aside",
    "fieldset",
    "legend",
    "label",
    "input",
    "button",
    "details",
    "summary",
    "noscript",
    "script",
    "footer",
    "b",
    "small",
    "blockquote",
    "h4",
    "select",
    "option",
}
VOID = {"meta", "input", "br", "img", "link", "hr"}


class Page(HTMLParser):
    """Everything the tests need from a rendered page, gathered in one parse."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self._script: dict[str, str] | None = None
        self._style = False
        self._buffer: list[str] = []
        # Inside .doc-text: per paragraph, the text and the highlights with their extents.
        self.paragraphs: list[str] = []
        self.highlights: list[tuple[int, int, int, list[str]]] = []  # paragraph, a, b, ids
        self._text_depth = 0
        self._in_p = False
        self._stack: list[str | None] = []  # data-s of open spans (None for inner spans)
        self._open: list[tuple[int, list[str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "script":
            self._script, self._buffer = a, []
        elif tag == "style":
            self._style, self._buffer = True, []
        if self._text_depth:
            if tag not in VOID:
                self._text_depth += 1
            if tag == "p":
                self.paragraphs.append("")
                self._in_p = True
            if tag == "span":
                ids = a.get("data-s")
                self._stack.append(ids)
                if ids is not None:
                    self._open.append((len(self.paragraphs[-1]), ids.split()))
        elif tag == "div" and "doc-text" in (a.get("class") or "").split():
            self._text_depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buffer)))
            self._script = None
        elif tag == "style" and self._style:
            self.styles.append("".join(self._buffer))
            self._style = False
        if self._text_depth:
            self._text_depth -= 1
            self._in_p = self._in_p and tag != "p"
            if tag == "span" and self._stack and self._stack.pop() is not None:
                start, ids = self._open.pop()
                end = len(self.paragraphs[-1])
                self.highlights.append((len(self.paragraphs) - 1, start, end, ids))

    def handle_data(self, data: str) -> None:
        if self._script is not None or self._style:
            self._buffer.append(data)
        elif self._in_p:
            self.paragraphs[-1] += data

    def data_blocks(self) -> list[dict[str, Any]]:
        return [
            json.loads(body)
            for attrs, body in self.scripts
            if attrs.get("type") == "application/json"
        ]

    def code_scripts(self) -> list[str]:
        return [body for attrs, body in self.scripts if attrs.get("type") != "application/json"]


def text_lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if not m.group().isspace()]


def sha256(content: str) -> str:
    return base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()


# ------------------------------------------------------------------------------ fidelity


def test_highlights_match_span_offsets(sample: Report) -> None:
    page = Page(to_html(sample))
    text = sample.document.text
    lines = text_lines(text)
    # The visible text is exactly the article, line by line (generated content aside).
    assert page.paragraphs == [text[a:b] for a, b in lines]

    (data,) = page.data_blocks()
    spans = data["spans"]
    for details in spans.values():
        assert details["text"] == text[details["start"] : details["end"]]

    covered: dict[str, set[int]] = {sid: set() for sid in spans}
    for paragraph, a, b, ids in page.highlights:
        start, end = lines[paragraph][0] + a, lines[paragraph][0] + b
        for sid in ids:
            assert spans[sid]["start"] <= start and end <= spans[sid]["end"], sid
            covered[sid].update(range(start, end))
    in_lines = {i for a, b in lines for i in range(a, b)}
    for sid, details in spans.items():
        assert covered[sid] == set(range(details["start"], details["end"])) & in_lines, sid


def test_every_layer_is_present(sample: Report) -> None:
    page = Page(to_html(sample))
    (data,) = page.data_blocks()
    layers = {d["layer"] for d in data["spans"].values()}
    assert layers == {"ent", "dt", "qt", "spk", "cue", "cl", "tk"}
    ids = {sid for sid, d in data["spans"].items() if d["layer"] == "tk"}
    # The zero-length technique is skipped; the 8 others (start and end of text) are drawn.
    assert len(ids) == 8
    assert "t8" not in data["spans"]
    quote = data["spans"]["q0"]
    assert quote["speaker"] == "Jane Smith"
    assert data["spans"]["d0"]["value"] == "2020-08-04"
    assert data["spans"]["c0"]["score"] == 0.87


def test_overlapping_techniques_all_visible(sample: Report) -> None:
    html = to_html(sample)
    page = Page(html)
    (data,) = page.data_blocks()
    # "disastrous" is inside both Loaded_Language (t0) and Exaggeration (t1): separate tracks.
    segments = [ids for _, _, _, ids in page.highlights if "t0" in ids]
    assert segments and all("t1" in ids for ids in segments)
    tk_classes = [
        (a.get("class") or "").split()
        for tag, a in page.elements
        if tag == "span" and "tk" in (a.get("class") or "").split()
    ]
    tracks_with_both = [c for c in tk_classes if "tk-8" in c or "tk-6" in c]
    assert {c for cls in tracks_with_both for c in cls if c.startswith("trk-")} >= {
        "trk-0",
        "trk-1",
    }
    # Each present technique has its own filter checkbox and colour rule.
    boxes = {a.get("class") for tag, a in page.elements if tag == "input"}
    for index in {d["t"] for d in data["spans"].values() if d["layer"] == "tk"}:
        assert f"tg-tk-{index}" in boxes
        assert f".tk-{index}{{--tc:#" in page.styles[0]


def test_layer_checkboxes_are_labelled(sample: Report) -> None:
    page = Page(to_html(sample))
    inputs = [a for tag, a in page.elements if tag == "input"]
    assert {a["class"] for a in inputs} >= {"tg-ent", "tg-dt", "tg-qt", "tg-cl", "tg-tk"}
    html = to_html(sample)
    for a in inputs:
        assert a["type"] == "checkbox"
        # Every checkbox is wrapped in its <label>.
        assert re.search(r'<label class="tg"[^>]*><input [^>]*id="' + a["id"] + '"', html)


def test_empty_layers_and_text(make_sample: Callable[..., Report]) -> None:
    bare = Report(unspun_version="0", source="-", document=Document(text="Just text.\nMore."))
    page = Page(to_html(bare))
    assert page.paragraphs == ["Just text.", "More."]
    assert page.highlights == []
    assert page.data_blocks() == [{"spans": {}, "techniques": {}}]

    empty = Report(unspun_version="0", source="-", document=Document(text=""))
    assert "no text" in to_html(empty)


def test_many_overlaps_and_out_of_range_spans() -> None:
    text = "word " * 40
    techniques = [
        TechniqueSpan(
            technique=t, confidence=0.5, sentence=0, start=s, end=s + 30, text=text[s : s + 30]
        )
        for s, t in zip(range(0, 150, 5), ["Doubt", "Slogans", "Repetition"] * 10, strict=False)
    ]
    report = Report(
        unspun_version="0", source="-", document=Document(text=text), techniques=techniques
    )
    # A span past the end of the text (inconsistent input) is left out, not misdrawn.
    report.entities.append(Entity(label="ORG", sentence=0, start=198, end=210, text="x" * 12))
    page = Page(to_html(report))
    (data,) = page.data_blocks()
    assert len(data["spans"]) == len(techniques)
    assert page.paragraphs == [text]


def test_long_text_renders_every_span(make_sample: Callable[..., Report]) -> None:
    unit = (
        "The minister said the reckless plan would cost $4 billion by March, and "
        "critics called it a disaster for every family in the country.\n"
    )
    text = unit * (100_000 // len(unit) + 1)
    entities, techniques = [], []
    for i in range(0, len(text), len(unit)):
        for needle, label in (
            ("minister", "PERSON"),
            ("$4 billion", "MONEY"),
            ("March", "DATE"),
            ("country", "GPE"),
        ):
            s = text.index(needle, i)
            entities.append(
                Entity(label=label, sentence=0, start=s, end=s + len(needle), text=needle)
            )
        for needle in ("reckless plan would cost", "plan", "a disaster for every family"):
            s = text.index(needle, i)
            techniques.append(
                TechniqueSpan(
                    technique="Loaded_Language",
                    confidence=0.5,
                    sentence=0,
                    start=s,
                    end=s + len(needle),
                    text=needle,
                )
            )
    report = Report(
        unspun_version="0",
        source="-",
        document=Document(text=text),
        entities=entities,
        techniques=techniques,
    )
    html = to_html(report)
    assert len(text) >= 100_000 and html.count('class="hl') > 5000


# ------------------------------------------------------------------------------ self-contained


def test_self_contained_and_csp_pinned(sample: Report) -> None:
    html = to_html(sample)
    page = Page(html)
    assert not any(tag in {"link", "img", "iframe", "object", "embed"} for tag, _ in page.elements)
    for tag, attrs in page.elements:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or href == sample.document.url
    links = [a for tag, a in page.elements if tag == "a" and "#" not in (a.get("href") or "#")[:1]]
    assert [a["href"] for a in links] == [sample.document.url]
    (style,) = page.styles
    assert "http" not in style and "@import" not in style and "url(" not in style

    csp = next(
        a["content"]
        for tag, a in page.elements
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    directives = {k: v for k, v in (d.strip().split(" ", 1) for d in csp.split(";"))}
    assert directives["default-src"] == "'none'"
    (code,) = page.code_scripts()
    assert code == _asset("script.js")
    assert directives["script-src"] == f"'sha256-{sha256(code)}'"
    assert directives["style-src"] == f"'sha256-{sha256(style)}'"
    assert "unsafe" not in csp
    # Inline style attributes would be blocked by that policy: there must be none.
    assert not any("style" in attrs for _, attrs in page.elements)


def test_report_parts_are_the_page_pieces(sample: Report) -> None:
    """The web app hosts these pieces in its own page: they must be what to_html shows."""
    parts = report_parts(sample)
    html = to_html(sample)
    page = Page(html)
    assert page.styles == [parts.style]
    assert page.code_scripts() == [parts.script]
    assert f"<main>\n{parts.articles}</main>" in html
    assert parts.articles.count("<article") == 1


def test_multiple_reports(make_sample: Callable[..., Report]) -> None:
    reports = [make_sample(), make_sample(title="Second one"), make_sample(title=None)]
    html = render(reports, "html")
    page = Page(html)
    articles = [a for tag, a in page.elements if tag == "article"]
    assert [a["id"] for a in articles] == ["r0", "r1", "r2"]
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids))
    for _, a in page.elements:
        if a.get("for"):
            assert a["for"] in ids
    assert len(page.data_blocks()) == 3
    assert len(page.code_scripts()) == 1
    assert 'href="#r1"' in html and "Second one" in html and "Untitled article" in html


def test_no_reports() -> None:
    page = Page(to_html([]))
    assert not [a for tag, a in page.elements if tag == "article"]
    assert page.code_scripts() == [_asset("script.js")]


def test_unknown_technique_id_is_rendered_safely(make_sample: Callable[..., Report]) -> None:
    report = make_sample()
    report.techniques.append(
        TechniqueSpan(
            technique='Evil"><script>x()</script>',
            confidence=0.2,
            sentence=0,
            start=0,
            end=4,
            text=report.document.text[:4],
        )
    )
    html = to_html(report)
    page = Page(html)
    assert "<script>x()" not in html
    (data,) = page.data_blocks()
    assert any(t["id"].startswith("Evil") for t in data["techniques"].values())


# ------------------------------------------------------------------------------ XSS

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea>",
    "</script><script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "'><a href=javascript:alert(4)>x</a>",
    "<!--",
    "\u2028\u2029",
]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        'https://ok.example/"><svg onload=alert(1)>',
        'https://ok.example/"><svg/onload=alert(1)>',
    ],
)
def test_malicious_document_is_inert(make_sample: Callable[..., Report], url: str) -> None:
    evil = " ".join(PAYLOADS)
    text = f"{evil}\n{evil} {make_sample().document.text} {evil}"
    report = make_sample(text=text, title=evil, author=evil, site=evil, date=evil, url=url)
    # Speaker names and date values reach attributes and CSS content(): poison them too.
    assert report.quotes[0].speaker is not None
    report.quotes[0].speaker.name = evil
    report.dates[0].value = evil
    html = to_html([report, report])
    page = Page(html)

    assert {tag for tag, _ in page.elements} <= ALLOWED_TAGS
    code = page.code_scripts()
    assert code == [_asset("script.js")]
    assert all(a.get("type") == "application/json" or a == {} for a, _ in page.scripts)
    assert len(page.scripts) == 3
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src", "action", "formaction"}:
                assert value is not None
                assert value.startswith("#") or value.lower().startswith("https://"), value
    for payload in PAYLOADS[:-1]:
        assert payload not in html
    assert "\u2028" not in page.scripts[0][1]
    # The data blocks still carry the exact text, so the details panel shows it faithfully.
    data = page.data_blocks()[0]
    for d in data["spans"].values():
        assert d["text"] == report.document.text[d["start"] : d["end"]]
    assert data["spans"]["q0"]["speaker"] == " ".join(evil.split())
    # And what the reader sees is the literal text.
    assert page.paragraphs[0] == report.document.text.split("\n")[0]


# ------------------------------------------------------------------------------ sources


class Sources(HTMLParser):
    """The Sources sections of a page: per speaker, what its heading says and its quotes."""

    FIELDS = ("src-name", "src-kind", "src-flag", "n")

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[str] = []  # the text of each section, whitespace collapsed
        self.groups: list[dict[str, Any]] = []
        self._depth = 0
        self._field: str | None = None
        self._title = ""
        self._buffer = ""
        self.feed(html)
        self.close()
        self.sections = [" ".join(text.split()) for text in self.sections]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if not self._depth:
            if tag == "section" and "sources" in classes:
                self._depth = 1
                self.sections.append("")
            return
        if tag not in VOID:
            self._depth += 1
        if tag == "li" and "src" in classes:
            self.groups.append({"name": "", "kinds": [], "flags": [], "n": "", "quotes": []})
        elif tag == "li":
            self.groups[-1]["quotes"].append({"href": None, "q": None, "text": ""})
            self._field, self._buffer = "quote", ""
        elif tag == "a":
            self.groups[-1]["quotes"][-1].update(href=a["href"], q=a["data-j"])
        elif tag == "span" and classes and classes[0] in self.FIELDS:
            self._field, self._title, self._buffer = classes[0], a.get("title", ""), ""

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._field == "quote" and tag == "li":
            self.groups[-1]["quotes"][-1]["text"] = self._buffer
        elif self._field in ("src-name", "n") and tag == "span":
            self.groups[-1][self._field.removeprefix("src-")] = self._buffer
        elif self._field == "src-kind" and tag == "span":
            self.groups[-1]["kinds"].append(self._buffer)
        elif self._field == "src-flag" and tag == "span":
            self.groups[-1]["flags"].append((self._buffer, self._title))
        else:
            return
        self._field = None

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.sections[-1] += data
            self._buffer += data


def test_sources_group_quotes_by_speaker(sourced: Report) -> None:
    html = to_html(sourced)
    panel = Sources(html)
    assert len(panel.sections) == 1
    assert panel.sections[0].startswith("Sources ")
    assert "38% from a named source · 3 person · 2 vague · 1 anonymous" in panel.sections[0]
    groups = panel.groups
    evil = sourced.quotes[3].speaker.name if sourced.quotes[3].speaker else None
    assert evil is not None and "<script>" in evil
    # Most quoted first, then the one quoted earlier; quotes without a speaker last.
    assert [g["name"] for g in groups] == [
        "Jane Smith",
        "Experts",  # "Experts" and "experts": one group, in its first spelling
        evil,  # shown literally...
        "A source close to the minister",
        "Speaker not identified",
    ]
    assert "<script>alert(1)" not in html  # ...but escaped
    assert [g["n"] for g in groups] == ["2 quotes", "2 quotes", "1 quote", "1 quote", "2 quotes"]
    # Named kinds are labels; vague and anonymous ones are warnings that say why they matter.
    assert [g["kinds"] for g in groups] == [["person"], [], ["person"], [], []]
    assert [[text for text, _ in g["flags"]] for g in groups] == [
        [], ["⚠ vague source"], [], ["⚠ anonymous source"], []
    ]
    for group in (groups[1], groups[3]):
        (_, why), = group["flags"]
        assert "checked" in why
    # Each group's quotes in text order, shortened and quoted when direct.
    assert [q["text"] for q in groups[0]["quotes"]] == [
        "“a disaster for every family”",
        "“It was never going to work,”",
    ]
    assert [q["text"] for q in groups[1]["quotes"]] == ["the cost will double", "of long delays"]
    assert [q["q"] for g in groups for q in g["quotes"]] == [
        "q1", "q0", "q2", "q5", "q3", "q4", "q6", "q7"
    ]


def test_sources_link_to_the_quotes_in_the_text(
    sourced: Report, make_sample: Callable[..., Report]
) -> None:
    html = to_html([make_sample(), sourced])
    page = Page(html)
    ids = {a["id"]: (tag, a) for tag, a in page.elements if "id" in a}
    spans = page.data_blocks()[1]["spans"]
    links = [q for g in Sources(html).groups for q in g["quotes"]]
    assert len(links) == 1 + len(sourced.quotes)
    for link in links[1:]:  # the second article's
        target = link["href"].removeprefix("#")
        assert target == f"r1-{link['q']}"
        tag, attrs = ids[target]
        assert (tag, attrs["class"]) == ("span", "anc")
        quote = spans[link["q"]]
        assert quote["layer"] == "qt"
        # The anchor sits right before the quote: its opening mark, then its first words.
        after = html[html.index(f'id="{target}"') :]
        head = re.match(
            r'id="[^"]+"></span>(?:<span class="anc"[^>]*></span>)*[“"]?'
            r'<span class="hl[^"]*" data-s="([^"]*)"[^>]*>([^<]*)',
            after,
        )
        assert head is not None, after[:200]
        assert link["q"] in head.group(1).split()
        assert quote["text"].startswith(head.group(2))


def test_sources_shorten_long_quotes() -> None:
    said = " ".join(["word"] * 60)
    text = f"He said “{said}” and left."
    start = text.index(said)
    report = Report(
        unspun_version="0",
        source="-",
        document=Document(text=text),
        quotes=[
            Quote(kind="direct", confidence=0.5, start=start, end=start + len(said), text=said)
        ],
    )
    (group,) = Sources(to_html(report)).groups
    (quote,) = group["quotes"]
    assert quote["text"].startswith("“word word") and quote["text"].endswith("…”")
    assert len(quote["text"]) <= 122


def test_sources_when_quotes_not_run_or_none_found(sourced: Report) -> None:
    bare = Report(unspun_version="0", source="-", document=Document(text="No quotes here."))
    panel = Sources(to_html(bare))
    assert panel.sections == ["Sources No quotes found."]
    assert panel.groups == []

    sourced.skipped_layers = ["quotes"]
    sourced.quotes = []
    html = to_html(sourced)
    assert Sources(html).sections == []
    assert 'class="anc"' not in html

    # A list of findings, not a highlight: switching the quotes layer off leaves it.
    (style,) = Page(html).styles
    assert ".sources{display:none}" not in style
