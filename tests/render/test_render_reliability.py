"""How far to trust each technique, as the reports show it: the legend, the findings, the
details data and the Markdown technique section.

A made-up table stands in for the shipped figures, so that every band is on the page and the
tests do not change when the model's figures do.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import pytest

from render.test_render_html import Page
from unspun.render import html as html_module
from unspun.render import markdown as markdown_module
from unspun.render import to_html, to_markdown
from unspun.report import Report
from unspun.techniques import TECHNIQUE_IDS, get_technique
from unspun.techniques.reliability import Reliability, parse_reliability

# The sample's techniques: one in each band, and three without a figure.
F1 = {
    "Loaded_Language": 0.81,
    "Name_Calling,Labeling": 0.7,
    "Exaggeration,Minimisation": 0.55,
    "Bandwagon,Reductio_ad_hitlerum": 0.22,
}
WORDS = {
    "Loaded_Language": "usually right",
    "Name_Calling,Labeling": "usually right",
    "Exaggeration,Minimisation": "often right",
    "Bandwagon,Reductio_ad_hitlerum": "often wrong or missed",
    "Appeal_to_fear-prejudice": "not measured yet",
    "Slogans": "not measured yet",
}


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> Reliability:
    data: dict[str, Any] = {
        "provenance": {"date": "2026-12-03"},
        "si": {"f1": 0.62, "precision": 0.6, "recall": 0.34},
        "tc": {"micro_f1": 0.7, "macro_f1": 0.5, "unmeasured_mean_f1": 0.41},
        "techniques": {t: {"tc_f1": F1.get(t), "gold_fragments": 100} for t in TECHNIQUE_IDS},
    }
    made_up = parse_reliability(data)
    for module in (html_module, markdown_module):
        monkeypatch.setattr(module, "shipped_reliability", lambda: made_up)
    return made_up


def _label_id(label: str) -> str:
    return next(t for t in TECHNIQUE_IDS if get_technique(t).label == label)


def test_legend_gives_each_technique_its_words_with_the_f1_in_the_tooltip(
    sample: Report, table: Reliability
) -> None:
    html = to_html(sample)
    side = html[html.index('<fieldset class="techniques">') : html.index("</fieldset>", html.index(
        '<fieldset class="techniques">'))]
    rows = re.findall(
        r'<span>([^<]+) <small class="rel rel-(\w+)" title="([^"]*)">([^<]*)</small></span>',
        side,
    )
    got = {_label_id(html_lib.unescape(label)): (band, html_lib.unescape(tip), words)
           for label, band, tip, words in rows}
    assert {t: words for t, (_, _, words) in got.items()} == WORDS
    assert got["Exaggeration,Minimisation"][0] == "fair"
    assert "F1 0.55" in got["Exaggeration,Minimisation"][1]
    assert "F1 0.81" in got["Loaded_Language"][1]
    # No figure: no F1 of its own, the mean of the unmeasured ones instead.
    assert "average F1 about 0.41" in got["Slogans"][1]
    # The overall sentence below the list, in words (SI F1 0.62).
    assert "Overall, techniques are sometimes missed." in side


def test_findings_head_names_how_reliable_each_technique_is(
    sample: Report, table: Reliability
) -> None:
    html = to_html(sample)
    heads = re.findall(
        r'<span class="fd-name">([^<]+)</span><small class="rel rel-\w+" title="[^"]*">'
        r'([^<]*)</small><span class="n">',
        html,
    )
    assert {_label_id(html_lib.unescape(label)): words for label, words in heads} == WORDS
    # And the sentence on finding techniques at all, under the findings' heading.
    (note,) = re.findall(r'<p class="fd-note fd-si">([^<]*)</p>', html)
    assert html_lib.unescape(note) == table.si_sentence
    assert table.si_sentence.startswith("Techniques are sometimes missed: the model finds about"
                                        " a third of what a trained annotator marks (F1 0.62")


def test_details_data_carries_words_and_f1(sample: Report, table: Reliability) -> None:
    (data,) = Page(to_html(sample)).data_blocks()
    by_id = {t["id"]: t for t in data["techniques"].values()}
    assert {t: entry["reliability"] for t, entry in by_id.items()} == WORDS
    assert by_id["Bandwagon,Reductio_ad_hitlerum"]["f1"] == 0.22
    assert by_id["Slogans"]["f1"] is None


def test_unknown_technique_is_not_measured(sample: Report, table: Reliability) -> None:
    sample.techniques[0].technique = "Some_New_Technique"
    html = to_html(sample)
    (data,) = Page(html).data_blocks()
    entry = next(t for t in data["techniques"].values() if t["id"] == "Some_New_Technique")
    assert entry["reliability"] == "not measured yet" and entry["f1"] is None


def test_markdown_names_the_words_and_f1_of_each_technique(
    sample: Report, table: Reliability
) -> None:
    md = to_markdown(sample)
    assert table.si_sentence in md
    lines = [line for line in md.splitlines() if line.startswith("- **") and " ×" in line]
    found = {}
    for line in lines:
        m = re.fullmatch(r"- \*\*(.+?)\*\* ×\d+ \(([^)]*)\): .*", line)
        assert m is not None, line
        found[_label_id(m.group(1).replace("\\", ""))] = m.group(2)
    assert found["Loaded_Language"] == "usually right, F1 0.81"
    assert found["Exaggeration,Minimisation"] == "often right, F1 0.55"
    assert found["Bandwagon,Reductio_ad_hitlerum"] == "often wrong or missed, F1 0.22"
    assert found["Slogans"] == "not measured yet"


def test_shipped_figures_reach_the_page(sample: Report) -> None:
    """Without the stand-in: the words come from the shipped reliability.json."""
    from unspun.techniques.reliability import shipped_reliability

    html = to_html(sample)
    words = shipped_reliability().of("Loaded_Language").words
    assert re.search(
        r'<span class="fd-name">Loaded language</span><small class="rel rel-\w+" title="[^"]+">'
        + re.escape(words) + "</small>",
        html,
    )
