"""Golden reports: refactors must not change what unspun finds.

The full JSON report of every saved page (``support.saved_pages``) is stored under
``fixtures/golden``, and the report of the 990 real pages of ``../shared/data/extraction`` as a
SHA-256 of the same JSON (the pages themselves stay out of the repository). Both compare
byte for byte, apart from ``unspun_version``.

After a change that is *meant* to change findings, rewrite them and review the diff:

    UNSPUN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py -m 'slow or not slow'
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import pytest

from support import FIXTURES, saved_pages
from unspun.analyzer import Analyzer
from unspun.render.json_render import to_json
from unspun.report import BUILTIN_LAYERS, Report

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = FIXTURES / "golden"
REAL_PAGES_HASHES = GOLDEN / "real-pages.sha256.json"
EXTRACTION_DATA = ROOT.parent / "shared" / "data" / "extraction"
UPDATE = os.environ.get("UNSPUN_UPDATE_GOLDEN") == "1"


def golden_json(report: Report) -> str:
    """The report as `unspun analyze --format json` writes it, without the version, and with
    a saved page's path relative to the checkout (CI clones it elsewhere)."""
    source = report.source
    if source.startswith(f"{ROOT}/"):
        source = source[len(f"{ROOT}/"):]
    return to_json(report.model_copy(update={"unspun_version": "<version>", "source": source}))


@pytest.fixture(scope="module")
def builtin_analyzer() -> Analyzer:
    """The built-in layers only: an installed plugin layer must not change these reports."""
    return Analyzer(layers=BUILTIN_LAYERS)


@pytest.mark.parametrize("page", saved_pages(), ids=lambda p: p.name)
def test_saved_page_report_is_unchanged(builtin_analyzer: Analyzer, page: Path) -> None:
    path = GOLDEN / f"{page.stem}.report.json"
    got = golden_json(builtin_analyzer.analyze(page))
    if UPDATE:
        path.write_text(got, "utf-8")
    assert got == path.read_text("utf-8")


def _real_pages() -> list[tuple[str, Path]]:
    index = json.loads((EXTRACTION_DATA / "evaldata.json").read_text("utf-8"))
    return [(url, EXTRACTION_DATA / "pages" / entry["file"]) for url, entry in index.items()]


@pytest.mark.slow
def test_real_page_reports_are_unchanged(builtin_analyzer: Analyzer) -> None:
    if not EXTRACTION_DATA.is_dir():
        pytest.skip("../shared/data/extraction is not here")
    from unspun.errors import UnspunError

    got: dict[str, str] = {}
    for url, path in _real_pages():
        html = gzip.decompress(path.read_bytes())
        try:
            page = next(builtin_analyzer.pages(html))
            report = builtin_analyzer.analyze_page(page)
        except UnspunError as error:  # a refusal must stay the same refusal
            got[url] = f"error: {type(error).__name__}: {error}"
            continue
        got[url] = hashlib.sha256(golden_json(report).encode()).hexdigest()
    if UPDATE:
        REAL_PAGES_HASHES.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(REAL_PAGES_HASHES.read_text("utf-8"))
    changed = sorted(u for u in expected.keys() | got.keys() if expected.get(u) != got.get(u))
    assert not changed, f"{len(changed)} reports changed: {changed[:10]}"
