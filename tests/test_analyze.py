"""End-to-end: sources of every kind through the whole pipeline into a Report."""

from __future__ import annotations

import contextlib
import gzip
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unspun
from support import SAMPLES, saved_pages
from unspun.errors import InputError, UnspunError, UnsupportedLanguageError

FIXTURE_OK = [HealthCheck.function_scoped_fixture]
ENGLISH = (
    "The Defense Ministry said on Sunday that 300 troops had returned to their bases.\n"
    "Opposition leader Anna Petrova called the announcement a cynical stunt."
)


def _warc(path: Path, bodies: list[str]) -> Path:
    """A minimal gzipped WARC with one HTML response record per body."""
    chunks = []
    for i, body in enumerate(bodies):
        http = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        ).encode()
        header = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{i}>\r\n"
            "WARC-Date: 2020-09-14T10:00:00Z\r\n"
            f"WARC-Target-URI: https://news.example.org/story-{i}\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n"
        ).encode()
        chunks.append(gzip.compress(header + http + b"\r\n\r\n"))
    path.write_bytes(b"".join(chunks))
    return path


def _html(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>")


@pytest.mark.parametrize("page", saved_pages(), ids=lambda p: p.name)
def test_every_span_of_every_saved_page_is_offset_exact(analyzer, page: Path) -> None:
    report = analyzer.analyze(page)
    text = report.document.text
    assert report.sentences and report.entities
    for layer, span in report.spans():
        assert text[span.start:span.end] == span.text, (layer, span)
    for quote in report.quotes:
        if quote.speaker and quote.speaker.start is not None:
            assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text


def test_sample_article_has_metadata_and_resolved_dates(analyzer) -> None:
    report = analyzer.analyze(SAMPLES / "sample-article.html")
    doc = report.document
    assert doc.title and doc.date and doc.site and doc.language == "en"
    assert any(d.value for d in report.dates)
    assert report.quotes == [] or report.quotes[0].speaker is not None


def test_plain_string_is_content_and_published_sets_reference(analyzer) -> None:
    report = analyzer.analyze(ENGLISH, published="2020-09-15")
    assert report.source == "<text>"
    assert report.document.date == "2020-09-15"
    sunday = next(d for d in report.dates if d.text == "Sunday")
    assert sunday.value == "2020-09-13"


def test_bytes_html_and_module_level_analyze() -> None:
    report = unspun.analyze(_html("Troops return", ENGLISH).encode())
    assert report.document.title == "Troops return"
    assert "cynical stunt" in report.document.text


def test_existing_path_given_as_string_is_read_as_file(analyzer, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert analyzer.analyze(str(path)).source == str(path)


def test_missing_path_is_bad_input(analyzer, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        analyzer.analyze(tmp_path / "missing.html")


def test_non_english_is_unsupported(analyzer) -> None:
    german = ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten in "
              "den großen Städten begrenzen soll. Die Opposition kritisierte den Entwurf.")
    with pytest.raises(UnsupportedLanguageError):
        analyzer.analyze(german)


def test_unknown_option_is_a_type_error(analyzer) -> None:
    with pytest.raises(TypeError, match="unknown option"):
        analyzer.analyze(ENGLISH, colour="blue")


def test_refused_url_never_fetched(analyzer) -> None:
    with pytest.raises(unspun.RefusedURLError):
        analyzer.analyze("http://127.0.0.1:9/article")


def test_warc_with_several_articles(analyzer, tmp_path: Path) -> None:
    warc = _warc(tmp_path / "crawl.warc.gz", [
        _html("First story", ENGLISH),
        _html("Second story", ENGLISH.replace("Anna Petrova", "Ivan Orlov")),
    ])
    with pytest.raises(InputError, match="several articles"):
        analyzer.analyze(warc)
    reports = list(analyzer.analyze_all(warc))
    assert [r.document.url for r in reports] == [
        "https://news.example.org/story-0", "https://news.example.org/story-1",
    ]
    assert all(r.source.startswith("warc:") for r in reports)


def test_analyzer_shares_its_models(analyzer) -> None:
    first = analyzer.language
    analyzer.analyze(ENGLISH)
    assert analyzer.language is first


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_unspun_errors(analyzer, data: bytes) -> None:
    with contextlib.suppress(UnspunError):
        analyzer.analyze(data)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=st.text(max_size=2000))
def test_arbitrary_text_raises_only_unspun_errors(analyzer, text: str) -> None:
    if Path(text).exists() if len(text) < 200 and "\x00" not in text else False:
        return  # an existing path is read as a file: not what this test is about
    try:
        report = analyzer.analyze(text)
    except UnspunError:
        return
    for _, span in report.spans():
        assert report.document.text[span.start:span.end] == span.text


def test_the_headline_is_analysed_with_exact_offsets(analyzer) -> None:
    title = "Mayor Anna Petrova calls the Harbour Road closure a “cynical stunt”"
    report = analyzer.analyze(_html(title, ENGLISH))
    text = report.document.text
    assert report.document.title == title and text.split("\n")[0] == title
    in_headline = [e for e in report.entities if e.end <= len(title)]
    assert "Anna Petrova" in [e.text for e in in_headline]
    assert report.sentences[0].text == title  # a sentence of its own
    for _, span in report.spans():
        assert text[span.start:span.end] == span.text
    from unspun.render import to_html

    html = to_html(report)
    headline = html[html.index('<h2 class="headline"'):]
    headline = headline[: headline.index("</h2>")]
    assert 'class="hl' in headline and "Petrova" in headline


def test_analyze_all_reads_a_folder_like_batch(analyzer, tmp_path: Path) -> None:
    (tmp_path / "b-story.html").write_text(_html("Second story", ENGLISH), "utf-8")
    (tmp_path / "a-story.txt").write_text("First story\n\n" + ENGLISH, "utf-8")
    (tmp_path / "notes.md").write_text("# not an article type batch reads", "utf-8")
    with pytest.raises(InputError, match=re.escape(f"{tmp_path} holds several articles")):
        analyzer.analyze(tmp_path)
    for source in (tmp_path, str(tmp_path)):
        reports = list(analyzer.analyze_all(source))
        assert [Path(r.source).name for r in reports] == ["a-story.txt", "b-story.html"]
        assert [r.document.title for r in reports] == ["First story", "Second story"]
        assert all(r.sentences for r in reports)


def test_analyze_all_raises_at_a_folders_unreadable_file(analyzer, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, "utf-8")
    (tmp_path / "b.html").write_bytes(b"")
    reports = analyzer.analyze_all(tmp_path)
    assert next(reports).sentences
    with pytest.raises(InputError, match=r"b\.html"):
        next(reports)
