"""Analyzer.analyze_pages: several pages with one shared spaCy pass, each report the one
analyze_page gives, and a bad page failing alone."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from support import saved_pages
from unspun import Analyzer
from unspun.errors import InputError, UnsupportedLanguageError
from unspun.ingest import Page

GERMAN = ("Die Bundesregierung hat am Sonntag angekündigt, dass die Truppen in ihre Kasernen"
          " zurückkehren werden. Die Opposition nannte das einen zynischen Trick.")


def _pages(analyzer: Analyzer) -> list[Page]:
    pages = [next(analyzer.pages(path)) for path in saved_pages()]
    # A page refused before the parse (not English) and one with no text at all.
    return [*pages[:2], next(analyzer.pages(GERMAN)), *pages[2:],
            next(analyzer.pages("<html><body></body></html>"))]


def test_reports_are_those_of_analyze_page_and_bad_pages_fail_alone(analyzer) -> None:
    pages = _pages(analyzer)
    dates = [dt.date(2020, 9, 13) if i % 2 else None for i in range(len(pages))]
    timings: list[dict[str, float]] = [{} for _ in pages]
    together = analyzer.analyze_pages(pages, published=dates, timings=timings, batch_size=3)
    assert len(together) == len(pages)
    for page, when, outcome, spent in zip(pages, dates, together, timings, strict=True):
        try:
            alone = analyzer.analyze_page(page, published=when)
        except (InputError, UnsupportedLanguageError) as error:
            assert type(outcome) is type(error) and str(outcome) == str(error)
            continue
        assert outcome == alone
        assert spent["language"] > 0 and spent["encoder"] > 0
    assert sum(isinstance(o, Exception) for o in together) == 2


def test_a_shared_parse_that_raises_falls_back_to_one_parse_per_page(
    analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [next(analyzer.pages(path)) for path in saved_pages()[:3]]
    expected = [analyzer.analyze_page(page) for page in pages]
    language = analyzer.language

    def first_then_fail(texts, published, batch_size):
        yield language.analyze(texts[0], published[0])
        raise RuntimeError("a parse that breaks on the second text")

    monkeypatch.setattr(language, "analyze_many", first_then_fail)
    assert analyzer.analyze_pages(pages) == expected


def test_one_entry_per_page_is_required(analyzer) -> None:
    page = next(analyzer.pages(saved_pages()[0]))
    with pytest.raises(ValueError, match="one entry per page"):
        analyzer.analyze_pages([page, page], published=[None])


@pytest.mark.slow
def test_real_pages_in_chunks_give_the_reports_of_one_page_at_a_time() -> None:
    """The 990 real pages of the golden test, 8 to a shared parse, against one at a time."""
    from test_golden import EXTRACTION_DATA, _real_pages, golden_json

    if not EXTRACTION_DATA.is_dir():
        pytest.skip("../shared/data/extraction is not here")
    from unspun.errors import UnspunError
    from unspun.report import BUILTIN_LAYERS

    analyzer = Analyzer(layers=BUILTIN_LAYERS)
    pages: list[Page] = []
    for _, path in _real_pages():
        try:
            pages.append(next(analyzer.pages(gzip.decompress(path.read_bytes()))))
        except (UnspunError, StopIteration):
            continue

    def seen(outcome: object) -> str:
        if isinstance(outcome, Exception):
            return f"{type(outcome).__name__}: {outcome}"
        return golden_json(outcome)  # type: ignore[arg-type]

    changed = []
    for first in range(0, len(pages), 8):
        chunk = pages[first:first + 8]
        for page, outcome in zip(chunk, analyzer.analyze_pages(chunk), strict=True):
            try:
                alone: object = analyzer.analyze_page(page)
            except UnspunError as error:
                alone = error
            if seen(outcome) != seen(alone):
                changed.append(page.source)
    assert len(pages) > 900
    assert not changed, f"{len(changed)} reports differ: {changed[:10]}"
