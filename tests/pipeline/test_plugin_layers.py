"""Third-party layers: an installed entry point adds a layer without touching the core.

The example plugin of ``examples/unspun-exclamations`` is installed into a temporary
folder as pip would (its module and a ``.dist-info`` with the entry point), and put on
``sys.path`` (and ``PYTHONPATH`` for processes the test starts). Its spans must then show
in the JSON report, the HTML report, the Markdown summary and the batch ``spans`` table.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from unspun.analyzer import Analyzer, analyzer_factory
from unspun.batch import run_batch
from unspun.batch.store import read_table
from unspun.errors import InputError
from unspun.pipeline import available_layers, default_layers
from unspun.render import render

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "unspun-exclamations"
ARTICLE = (
    "The minister said on Monday that the bridge would reopen in May.\n"
    "Critics were furious. “This is a disgrace!” said Mara Olsen, a local councillor.\n"
    "Enough is enough! The council meets again on Friday."
)
SHOUTED = ["Enough is enough!"]
LOADING_LAYER = """
from unspun.report import LayerSpan


class NeedsLoading:
    name = "needs_loading"
    needs = frozenset()

    def __init__(self, settings):
        self.model = None

    def load(self):
        self.model = "loaded"

    def __call__(self, article):
        return [LayerSpan(start=0, end=3, text=article.text[:3], label=self.model)]
"""


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(EXAMPLE / "src" / "unspun_exclamations.py", site)
    info = site / "unspun_exclamations-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: unspun-exclamations\nVersion: 0.1.0\n", "utf-8"
    )
    # The entry points exactly as the example's pyproject.toml declares them.
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text("utf-8"))["project"]
    declared = project["entry-points"]["unspun.layers"]
    lines = "".join(f"{name} = {value}\n" for name, value in declared.items())
    (info / "entry_points.txt").write_text(f"[unspun.layers]\n{lines}", "utf-8")
    # Two more entry points of the kind a broken or careless package would declare.
    (site / "unspun_more_layers.py").write_text(LOADING_LAYER, "utf-8")
    (info / "entry_points.txt").write_text(
        (info / "entry_points.txt").read_text("utf-8")
        + "needs_loading = unspun_more_layers:NeedsLoading\n"
        + "Bad-Name = unspun_more_layers:NeedsLoading\n"
        + "quotes = unspun_more_layers:NeedsLoading\n", "utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [
        str(site), os.environ.get("PYTHONPATH", "")])))
    return site


def test_the_plugin_is_found_and_runs_by_default(installed_plugin: Path) -> None:
    assert available_layers()["exclamations"] == "unspun_exclamations:ExclamationLayer"
    assert default_layers()[-2:] == ["exclamations", "needs_loading"]
    report = Analyzer().analyze(ARTICLE)
    spans = report.extra_layers["exclamations"]
    assert [s.text for s in spans] == SHOUTED
    for span in spans:
        assert report.document.text[span.start:span.end] == span.text
        assert (span.label, span.score) == ("exclamation", 1.0)
    data = json.loads(render(report, "json"))
    assert [s["text"] for s in data["extra_layers"]["exclamations"]] == SHOUTED
    assert "skipped_layers" not in data  # every built-in layer ran too
    assert ("exclamations", spans[0]) in report.spans()


def test_a_layer_is_loaded_before_its_first_article(installed_plugin: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    report = Analyzer(["needs_loading"]).analyze(ARTICLE)  # no explicit load()
    assert [s.label for s in report.extra_layers["needs_loading"]] == ["loaded"]
    # The badly named and the clashing entry points are left out, with a warning each.
    assert "Bad-Name" not in available_layers()
    assert available_layers()["quotes"] == "unspun.quotes.layer:QuotesLayer"
    assert "ignored layer 'Bad-Name'" in caplog.text and "ignored layer 'quotes'" in caplog.text


def test_plugin_spans_in_html_and_markdown(installed_plugin: Path) -> None:
    report = Analyzer(["sentences", "exclamations"]).analyze(ARTICLE)
    html = render(report, "html")
    assert 'class="hl ext"' in html and "Other layers" in html
    assert '"name":"exclamations","label":"exclamation","score":1.0' in html
    md = render(report, "md")
    assert "## exclamations" in md and "Enough is enough!" in md
    assert "_Layers not run: entities, dates, quotes, claims, techniques._" in md


def test_plugin_spans_in_the_batch_spans_table(installed_plugin: Path, tmp_path: Path) -> None:
    page = tmp_path / "in" / "story.txt"
    page.parent.mkdir()
    page.write_text(ARTICLE, "utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(page.parent)], out, workers=1, progress=io.StringIO(),
                        analyzer_factory=analyzer_factory("sentences,exclamations"))
    assert (summary.articles, summary.errors) == (1, 0)
    rows = read_table(out, "spans").to_pylist()
    shouted = [r for r in rows if r["layer"] == "exclamations"]
    assert [r["text"] for r in shouted] == SHOUTED
    assert {(r["label"], r["score"]) for r in shouted} == {("exclamation", 1.0)}
    assert {r["layer"] for r in rows} == {"sentences", "exclamations"}


def test_plugin_layer_from_the_command_line(installed_plugin: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "unspun", "analyze", str(story), "--layers", "exclamations"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["text"] for s in data["extra_layers"]["exclamations"]] == SHOUTED
    assert data["skipped_layers"] == [
        "sentences", "entities", "dates", "quotes", "claims", "techniques"]
    listed = subprocess.run([sys.executable, "-m", "unspun", "layers"], capture_output=True,
                            text=True, timeout=120, check=True).stdout
    assert "exclamations" in listed and "unspun_exclamations:ExclamationLayer" in listed


def test_an_unknown_layer_name_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"unknown layer.*no_such_layer"):
        Analyzer(["quotes", "no_such_layer"])
