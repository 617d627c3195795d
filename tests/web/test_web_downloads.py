"""An analysis's downloads: the report as HTML, Markdown, JSON and CSV attachments."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from unspun.report import ROW_FIELDS, Report
from unspun.web import store as st
from unspun.web.downloads import content_disposition, file_stem
from web.test_web_api import assert_strict_csp, html_doc
from web.web_support import RichAnalyzer, make_client, submit, wait_done

STORY = (
    'The plan is a disaster for 4,000 workers, Mayor Alice Smith said. "We always lose,"'
    " said Tom Baker.\n"
)


@pytest.fixture(scope="module")
def done() -> Iterator[tuple[TestClient, str]]:
    with make_client(analyzer_factory=RichAnalyzer) as client:
        ident = submit(client, html=html_doc("Bridge: “closure” & costs", STORY))["id"]
        assert wait_done(client, ident)["status"] == "done"
        yield client, ident


def _get(done: tuple[TestClient, str], fmt: str) -> tuple[object, Report]:
    client, ident = done
    response = client.get(f"/analyses/{ident}/download/{fmt}")
    report = Report.model_validate(client.get(f"/api/v1/analyses/{ident}").json()["report"])
    return response, report


@pytest.mark.parametrize(
    ("fmt", "media_type", "extension"),
    [
        ("html", "text/html; charset=utf-8", "html"),
        ("md", "text/markdown; charset=utf-8", "md"),
        ("json", "application/json", "json"),
        ("csv", "text/csv; charset=utf-8", "csv"),
    ],
)
def test_each_download_is_an_attachment_named_after_the_article(
    done: tuple[TestClient, str], fmt: str, media_type: str, extension: str
) -> None:
    client, ident = done
    response = client.get(f"/analyses/{ident}/download/{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == (
        f'attachment; filename="bridge-closure-costs.{extension}"'
    )
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in response.headers["content-security-policy"]


def test_json_download_is_the_report(done: tuple[TestClient, str]) -> None:
    response, report = _get(done, "json")
    assert Report.model_validate(json.loads(response.text)) == report  # type: ignore[attr-defined]


def test_markdown_download_starts_with_the_title(done: tuple[TestClient, str]) -> None:
    response, _ = _get(done, "md")
    assert response.text.startswith("# Bridge: “closure” & costs\n")  # type: ignore[attr-defined]


def test_html_download_is_the_standalone_report(done: tuple[TestClient, str]) -> None:
    response, _ = _get(done, "html")
    text = response.text  # type: ignore[attr-defined]
    assert text.startswith("<!DOCTYPE html>") and 'class="report' in text
    assert "Content-Security-Policy" in text  # its own policy, for when it is opened from disk


def test_csv_download_has_one_row_per_span_of_every_layer(done: tuple[TestClient, str]) -> None:
    response, report = _get(done, "csv")
    text = response.text  # type: ignore[attr-defined]
    assert text.splitlines()[0] == ",".join(ROW_FIELDS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(report.spans())
    layers = {row["layer"] for row in rows}
    assert {"sentences", "entities", "quotes", "claims", "techniques"} <= layers
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert report.document.text[start:end] == row["text"].removeprefix("'")
    technique = next(row for row in rows if row["layer"] == "techniques")
    assert technique["label"] and technique["technique_name"] and float(technique["score"])
    quote = next(row for row in rows if row["layer"] == "quotes")
    assert quote["speaker"] == "Alice Smith" and quote["speaker_kind"] == "person"


def test_analysis_page_links_every_download(done: tuple[TestClient, str]) -> None:
    client, ident = done
    page = client.get(f"/analyses/{ident}")
    links = re.findall(r'href="(/analyses/[^"]+/download/[^"]+)"', page.text)
    assert links == [f"/analyses/{ident}/download/{fmt}" for fmt in ("html", "md", "json", "csv")]
    assert all(client.get(link).status_code == 200 for link in links)
    assert_strict_csp(page)


def test_downloads_of_what_has_no_report(done: tuple[TestClient, str]) -> None:
    client, ident = done
    unknown = client.get(f"/analyses/{ident}/download/pdf")
    assert unknown.status_code == 404 and "text/html" in unknown.headers["content-type"]
    assert client.get("/analyses/nope/download/csv").status_code == 404
    store: st.Store = client.app.state.store  # type: ignore[attr-defined]
    pending, _ = store.claim("d" * 64, "text", "<pasted text>")
    response = client.get(f"/analyses/{pending.id}/download/md")
    assert response.status_code == 409 and "still being analysed" in response.text
    page = client.get(f"/analyses/{pending.id}")
    assert "/download/" not in page.text  # no links before there is a report
    store.finish(pending.id, status=st.FAILED, error="boom")
    response = client.get(f"/analyses/{pending.id}/download/json")
    assert response.status_code == 409 and "failed" in response.text
    assert "/download/" not in client.get(f"/analyses/{pending.id}").text
    store.delete(pending.id)


def test_file_names() -> None:
    assert file_stem("Harbour Bridge to close, council confirms!", "x") == (
        "harbour-bridge-to-close-council-confirms")
    assert file_stem("   ", "unspun-abc") == "unspun-abc" and file_stem(None, "f") == "f"
    assert len(file_stem("word " * 40, "x")) <= 60 and not file_stem("word " * 40, "x").endswith(
        "-")
    assert content_disposition("été.md") == (
        "attachment; filename=\"ete.md\"; filename*=UTF-8''%C3%A9t%C3%A9.md")
    assert content_disposition("北京.csv") == (
        "attachment; filename=\"report.csv\"; filename*=UTF-8''%E5%8C%97%E4%BA%AC.csv")
    # No quote, semicolon or line break of a title can reach the header.
    header = content_disposition(file_stem('a"b;c\r\nd', "x") + ".md")
    assert header == 'attachment; filename="a-b-c-d.md"'


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    from unspun.report import Document, Report, Sentence
    from unspun.web.downloads import to_csv

    text = '=HYPERLINK("http://evil.example","click")\n+1 more\n@SUM(A1)\nPlain words.'
    sentences = []
    start = 0
    for i, line in enumerate(text.split("\n")):
        sentences.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    report = Report(unspun_version="0", source="-", document=Document(text=text),
                    sentences=sentences)
    cells = [row["text"] for row in csv.DictReader(io.StringIO(to_csv(report)))]
    assert cells == ["'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1 more", "'@SUM(A1)",
                     "Plain words."]
