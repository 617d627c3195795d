"""The report view: default layers, strength by confidence, threshold, palette, findings, print.

The page's behaviour in a browser (persistence, the threshold control, jump links) is tested in
test_html_browser.py; these tests read the markup and the stylesheet.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from render.test_render_html import VOID, Page
from unspun.render import html as html_module
from unspun.render import to_html
from unspun.render.html import (
    DEFAULT_LAYERS,
    DEFAULT_THRESHOLD,
    PALETTE,
    confidence_bucket,
    technique_style,
)
from unspun.report import Claim, Report, TechniqueSpan
from unspun.techniques import TECHNIQUE_IDS, get_technique

# Okabe & Ito's eight colours; the yellow (#f0e442) is too light for a line on white.
OKABE_ITO = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7"}


def with_weak_technique(report: Report, confidence: float = 0.19) -> Report:
    """``report`` with one more technique span, on "Critics", at ``confidence``."""
    text = report.document.text
    start = text.index("Critics")
    report.techniques.append(
        TechniqueSpan(
            technique="Doubt",
            confidence=confidence,
            sentence=2,
            start=start,
            end=start + 7,
            text="Critics",
        )
    )
    return report


def style_of(html: str) -> str:
    (style,) = Page(html).styles
    return style


def boxes(page: Page) -> dict[str, dict[str, str]]:
    return {a["class"]: a for tag, a in page.elements if tag == "input"}


class Findings(HTMLParser):
    """The findings panel of each article: its sections, technique groups, claims and links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.panels: list[dict[str, Any]] = []
        self._depth = 0
        self._capture: tuple[dict[str, Any], str] | None = None
        self._li: dict[str, Any] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if not self._depth:
            if tag == "section" and "findings" in classes:
                self._depth = 1
                self.panels.append(
                    {"id": a["id"], "sections": [], "techniques": [], "claims": [], "links": []}
                )
            return
        if tag not in VOID:
            self._depth += 1
        panel = self.panels[-1]
        if tag == "section":
            panel["sections"].append(classes[0])
        elif tag == "li" and "fd-tech" in classes:
            panel["techniques"].append(
                {"t": a["data-t"], "name": "", "n": "", "explain": "", "items": []}
            )
        elif tag == "li" and panel["sections"][-1:] == ["fd-tk"]:
            self._li = {"class": a.get("class", ""), "text": ""}
            panel["techniques"][-1]["items"].append(self._li)
        elif tag == "li" and panel["sections"][-1:] == ["fd-cl"]:
            self._li = {"score": "", "kind": "", "text": ""}
            panel["claims"].append(self._li)
        elif tag == "a":
            panel["links"].append(a)
            if self._li is not None:
                self._li["j"] = a.get("data-j")
        section = panel["sections"][-1] if panel["sections"] else ""
        for cls in classes:
            if section == "fd-tk" and cls in ("fd-name", "n", "fd-explain"):
                self._capture = (panel["techniques"][-1], cls.removeprefix("fd-"))
            elif section == "fd-cl" and cls in ("score", "kind") and self._li is not None:
                self._capture = (self._li, cls)

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if tag in ("span", "p"):
            self._capture = None
        if tag == "li":
            self._li = None

    def handle_data(self, data: str) -> None:
        if not self._depth:
            return
        if self._capture is not None:
            target, field = self._capture
            target[field] += data
        if self._li is not None:
            self._li["text"] += data


# ------------------------------------------------------------------------------ default view


def test_default_view_is_techniques_only(sample: Report) -> None:
    html = to_html(sample)
    page = Page(html)
    inputs = boxes(page)
    assert {"tk"} == DEFAULT_LAYERS
    assert "checked" in inputs["tg-tk"]
    for key in ("cl", "qt", "ent", "dt"):
        assert "checked" not in inputs[f"tg-{key}"], key
        assert "disabled" not in inputs[f"tg-{key}"], key  # one click away
    # Every technique of the report is on, each with its own box.
    technique_boxes = [a for cls, a in inputs.items() if re.fullmatch(r"tg-tk-\d+", cls)]
    assert technique_boxes and all("checked" in a for a in technique_boxes)
    # Without scripts, :has() on the unchecked boxes hides the other layers from the start.
    style = style_of(html)
    for rule in (
        ".report:has(.tg-ent:not(:checked)) .en{background-color:transparent}",
        ".report:has(.tg-cl:not(:checked)) .cl{background-color:transparent}",
        ".report:has(.tg-qt:not(:checked)) .qt{font-style:inherit;color:inherit}",
        ".report:has(.tg-dt:not(:checked)) .dt{text-decoration:none}",
    ):
        assert rule in style
    # The script remembers the choice: in localStorage, never through an inline handler.
    (code,) = page.code_scripts()
    assert "localStorage" in code and "unspun.view" in code


def test_plugin_layers_are_off_by_default(make_sample: Callable[..., Report]) -> None:
    from unspun.report import LayerSpan

    report = make_sample()
    report.extra_layers["sarcasm"] = [LayerSpan(start=0, end=7, text="Senator", label="x")]
    inputs = boxes(Page(to_html(report)))
    assert "checked" not in inputs["tg-ext"]


# ------------------------------------------------------------------------------ strength


def test_confidence_buckets_follow_the_shown_percent() -> None:
    assert [confidence_bucket(x) for x in (0.0, 0.04, 0.19, 0.2949, 0.2996, 0.3, 0.84)] == [
        0, 0, 1, 2, 3, 3, 8
    ]
    assert confidence_bucket(1.0) == 9 and confidence_bucket(0.999) == 9


def test_strength_follows_confidence(sample: Report) -> None:
    report = with_weak_technique(sample, 0.19)
    start = report.document.text.index("Café")
    report.techniques.append(
        TechniqueSpan(technique="Doubt", confidence=0.84, sentence=3, start=start,
                      end=start + 4, text="Café")
    )
    html = to_html(report)
    page = Page(html)
    (data,) = page.data_blocks()
    spans = data["spans"]
    # Every technique bar carries exactly one strength class: its span's confidence in tenths.
    # (Bars are nested; the track tells which span of the stretch a bar draws.)
    for tag, a in page.elements:
        names = a.get("class", "").split()
        if tag == "span" and "tk" in names:
            assert len([c for c in names if c.startswith("cf-")]) == 1, names
    for span in spans.values():
        if span["layer"] == "tk":
            assert span["cf"] == confidence_bucket(span["confidence"])
    weak, strong = (
        sid for sid, s in spans.items() if s["layer"] == "tk" and s["technique"] == "Doubt"
    )
    assert (spans[weak]["cf"], spans[strong]["cf"]) == (1, 8)
    assert f' cf-1" data-s="{weak}"' in html and f' cf-8" data-s="{strong}"' in html
    # Claims: the background's strength follows the score (0.87).
    assert re.search(r'<span class="(?:hl )?cl cf-8"', html)

    # The classes set opacity and width: a 0.19 line is thinner and fainter than a 0.84 one.
    style = style_of(html)
    levels = {
        int(b): (int(tp), int(tw))
        for b, tp, tw in re.findall(r"\.cf-(\d)\{--tp:(\d+)%;--tw:(\d)px\}", style)
    }
    assert sorted(levels) == list(range(10))
    assert all(levels[b] <= levels[b + 1] for b in range(9))
    assert levels[1][0] < levels[8][0] - 40 and levels[1][1] < levels[8][1]
    assert "var(--tp" in style and "var(--tw" in style


# ------------------------------------------------------------------------------ threshold


def test_threshold_default_is_stated_and_adjustable(sample: Report) -> None:
    html = to_html([sample, sample])
    page = Page(html)
    assert DEFAULT_THRESHOLD == 0.3
    # Documented: named in the module's description, explained where it is defined.
    assert "DEFAULT_THRESHOLD" in (html_module.__doc__ or "")
    assert 'DEFAULT_THRESHOLD = 0.3\n"""Technique highlights under this confidence are hidden' in (
        inspect.getsource(html_module)
    )
    articles = [a for tag, a in page.elements if tag == "article"]
    assert [a["data-threshold"] for a in articles] == ["0.3", "0.3"]
    selects = [a for tag, a in page.elements if tag == "select"]
    assert [s["class"] for s in selects] == ["thr-sel", "thr-sel"]
    assert [s["id"] for s in selects] == ["r0-thr", "r1-thr"]
    assert all(s["data-default"] == "3" for s in selects)
    options = re.findall(r'<option value="(\d)"( selected)?>([^<]*)</option>', html)
    assert [v for v, _, _ in options[:10]] == [str(b) for b in range(10)]
    assert [(v, label) for v, sel, label in options[:10] if sel] == [("3", "30% (default)")]
    assert '<label for="r0-thr">Hide techniques with a confidence under</label>' in html
    # The page says what the threshold does and what it is by default.
    assert re.search(
        r'display threshold \(now <b class="thr-v">30%</b> confidence; 30% by default\)', html
    )

    style = style_of(html)
    hidden = ".tk:is(.cf-0,.cf-1,.cf-2){border-bottom-color:transparent}"
    listed = ".fd-spans>li:is(.cf-0,.cf-1,.cf-2){display:none}"
    for prefix in (".report.min-3 ", '.report:has(.thr-sel option[value="3"]:checked) '):
        assert prefix + hidden in style and prefix + listed in style
    # 0% hides nothing: there is no rule for it.
    assert ".report.min-0 " not in style


def test_threshold_hides_the_weak_span_in_text_and_findings(sample: Report) -> None:
    html = to_html(with_weak_technique(sample))
    (panel,) = Findings(html).panels
    (doubt,) = [g for g in panel["techniques"] if g["name"] == "Casting doubt"]
    (item,) = doubt["items"]
    assert item["class"] == "cf-1" and "19%" in item["text"]
    assert re.search(r'<span class="hl tk tk-5 trk-\d cf-1"', html)


# ------------------------------------------------------------------------------ palette


def test_palette_is_colour_blind_safe_and_distinct() -> None:
    assert set(PALETTE) == set(TECHNIQUE_IDS)
    looks = [(colour, style) for _, colour, style in PALETTE.values()]
    assert len(set(looks)) == 14
    assert {colour for colour, _ in looks} == OKABE_ITO
    assert {style for _, style in looks} == {"solid", "dashed"}
    # Each colour names one hex; the names travel to the legend's tooltips.
    names = {colour: name for name, colour, _ in PALETTE.values()}
    assert len(set(names.values())) == len(names) == 7
    # The seven techniques most frequent in PTC are solid: never two dashed neighbours there.
    solid = {tid for tid, (_, _, style) in PALETTE.items() if style == "solid"}
    assert {"Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt"} <= solid
    assert technique_style("Some_New,Thing") == ("grey", "#6b7280", "dotted")


def test_palette_in_the_css_and_names_in_tooltips(sample: Report) -> None:
    html = to_html(sample)
    page = Page(html)
    style = style_of(html)
    (data,) = page.data_blocks()
    for index, entry in data["techniques"].items():
        _, colour, line = technique_style(entry["id"])
        assert f".tk-{index}{{--tc:{colour};--ts:{line}}}" in style
        assert f".tk-sw-{index}{{--tc:{colour};--ts:{line}}}" in style
    # Every highlight's tooltip names each technique under it, by its readable name.
    spans = data["spans"]
    seen = 0
    for tag, a in page.elements:
        if tag != "span" or "data-s" not in a:
            continue
        for sid in a["data-s"].split():
            if spans[sid]["layer"] == "tk":
                label = get_technique(spans[sid]["technique"]).label
                assert f"Technique · {label} · confidence" in a["title"], (sid, a["title"])
                seen += 1
    assert seen >= 8
    # The findings' swatches say colour and line style in words.
    assert re.search(r'<span class="sw sw-tk tk-sw-8" title="vermillion, solid line">', html)


# ------------------------------------------------------------------------------ speakers


def test_no_speaker_text_inside_the_article(sourced: Report, sample: Report) -> None:
    for report in (sourced, sample):
        html = to_html(report)
        page = Page(html)
        text = report.document.text
        assert page.paragraphs == [text[a:b] for a, b in
                                   ((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))]
        assert "data-who" not in html and 'class="who"' not in html
        # Empty anchors are all the markup adds to the text.
        doc = html[html.index('<div class="doc-text"') : html.index('<section class="findings"')]
        assert re.findall(r'<span class="anc" id="[^"]+"></span>', doc)
        assert "attr(data-who)" not in style_of(html)
    # Speakers are in the Sources part of the findings, and in the data for the details panel.
    html = to_html(sourced)
    sources = html[html.index('<section class="sources"') :]
    assert "Jane Smith" in sources
    (data,) = Page(html).data_blocks()
    assert data["spans"]["q0"]["speaker"] == "Jane Smith"


# ------------------------------------------------------------------------------ findings


def test_findings_list_every_technique_with_count_explanation_and_instances(
    sample: Report,
) -> None:
    html = to_html(sample)
    (panel,) = Findings(html).panels
    assert panel["id"] == "r0-findings"
    assert panel["sections"] == ["fd-tk", "fd-cl", "sources"]
    groups = panel["techniques"]
    # Most frequent first, with the count and the catalogue's one-sentence explanation.
    assert [(g["name"], g["n"]) for g in groups] == [
        ("Loaded language", "3"),
        ("Appeal to fear or prejudice", "1"),
        ("Bandwagon / guilt by association", "1"),
        ("Exaggeration / minimisation", "1"),
        ("Name calling / labelling", "1"),
        ("Slogans", "1"),
    ]
    for group in groups:
        entry = get_technique(next(t for t in TECHNIQUE_IDS
                                   if get_technique(t).label == group["name"]))
        assert group["explain"] == entry.explanation
        assert len(group["items"]) == int(group["n"])
    # Each instance: its words, its confidence, a jump link; in text order.
    loaded = groups[0]["items"]
    assert [(i["j"], i["text"]) for i in loaded] == [
        ("t0", "“disastrous” 91%"),
        ("t3", "“betrayal” 80%"),
        ("t4", "“reckless gamble” 77%"),
    ]
    # The side panel links to the findings.
    assert '<a href="#r0-findings">' in html


def test_findings_quote_each_instance_once(sample: Report) -> None:
    text = sample.document.text
    start = text.index("“This is")
    end = text.index("family,”") + len("family,”")
    sample.techniques = [
        TechniqueSpan(technique="Slogans", confidence=0.5, sentence=1, start=start, end=end,
                      text=text[start:end])
    ]
    (panel,) = Findings(to_html(sample)).panels
    (group,) = panel["techniques"]
    assert group["items"][0]["text"] == "“This is a betrayal of every American family,” 50%"


def test_findings_rank_claims_by_score_with_kind(sample: Report) -> None:
    text = sample.document.text
    for needle, score, kind in (("Everyone knows it will fail", 0.71, "other"),
                                ("Critics at the Acme Institute", 0.95, "attribution")):
        start = text.index(needle)
        sample.claims.append(Claim(score=score, kind=kind, sentence=2, start=start,
                                   end=start + len(needle), text=needle))
    (panel,) = Findings(to_html(sample)).panels
    assert [(c["score"], c["kind"], c["j"]) for c in panel["claims"]] == [
        ("0.95", "attribution", "c2"),
        ("0.87", "quantity", "c0"),
        ("0.71", "other", "c1"),
    ]
    assert panel["claims"][1]["text"].endswith("the “disastrous” plan would cost $4 billion")


def test_findings_jump_links_have_targets(
    sample: Report, sourced: Report, make_sample: Callable[..., Report]
) -> None:
    html = to_html([sample, sourced, make_sample(title="Third")])
    page = Page(html)
    ids = {a["id"]: (tag, a) for tag, a in page.elements if "id" in a}
    panels = Findings(html).panels
    assert [p["id"] for p in panels] == ["r0-findings", "r1-findings", "r2-findings"]
    blocks = page.data_blocks()
    for n, panel in enumerate(panels):
        spans = blocks[n]["spans"]
        assert panel["links"]
        for link in panel["links"]:
            sid = link["data-j"]
            target = link["href"].removeprefix("#")
            assert target == f"r{n}-{sid}"
            tag, attrs = ids[target]
            assert (tag, attrs["class"]) == ("span", "anc")
            # The next highlight after the anchor (and any anchors beside it) is that span's.
            after = html[html.index(f'id="{target}"') :]
            head = re.match(
                r'id="[^"]+"></span>(?:<span class="anc"[^>]*></span>)*[“"]?'
                r'<span class="hl[^"]*" data-s="([^"]*)"',
                after,
            )
            assert head is not None and sid in head.group(1).split(), after[:200]
            assert spans[sid]["layer"] in {"tk", "cl", "qt"}
        linked = {link["data-j"] for link in panel["links"]}
        assert linked == {sid for sid, s in spans.items() if s["layer"] in {"tk", "cl", "qt"}}


def test_findings_when_layers_were_not_run_or_found_nothing(sample: Report) -> None:
    from unspun.report import Document

    bare = Report(unspun_version="0", source="-", document=Document(text="Plain words."))
    (panel,) = Findings(to_html(bare)).panels
    assert panel["sections"] == ["fd-tk", "fd-cl", "sources"]
    html = to_html(bare)
    assert "No persuasion techniques found." in html and "No check-worthy claims found." in html

    sample.skipped_layers = ["claims", "quotes"]
    sample.claims, sample.quotes = [], []
    (panel,) = Findings(to_html(sample)).panels
    assert panel["sections"] == ["fd-tk"]


# ------------------------------------------------------------------------------ print


def test_print_stylesheet(sample: Report) -> None:
    style = style_of(to_html(sample))
    start = style.index("@media print")
    block = style[start : style.index("\n}", start)]
    assert re.search(r"\.side, \.toc, noscript \{ display: none; \}", block)
    assert ".findings" in block and "break-inside: avoid" in block
    assert "print-color-adjust: exact" in block  # highlights print as on screen


def test_the_summary_says_where_the_article_falls_on_the_reference_scale(
    sample: Report,
) -> None:
    from unspun.reference import reference_sentence

    sentence = reference_sentence(sample)
    assert sentence is not None and "reference articles" in sentence
    page = to_html(sample)
    assert f'<p class="note note-reference">{sentence}</p>' in page


def test_a_missing_publication_date_is_explained_with_how_to_give_one(
    make_sample: Callable[..., Report],
) -> None:
    dated = make_sample()
    assert dated.dates and dated.document.date is not None
    assert "note-no-date" not in to_html(dated)
    undated = make_sample(date=None)
    page = to_html(undated)
    assert 'class="note note-no-date"' in page
    assert "<code>--date YYYY-MM-DD</code>" in page and "Published field" in page
    assert "note-no-date" not in to_html(undated.model_copy(update={"dates": []}))
