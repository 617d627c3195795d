"""`unspun batch --date --site`: what fills in for the articles that state no date or site,
and why an output folder resumes only under the same ones."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from batch.batch_support import fake_factory, html, write_jsonl
from unspun.batch import read_table, run_batch
from unspun.batch.engine import analyse_task
from unspun.batch.tasks import Analysed, Task
from unspun.cli import main
from unspun.errors import UnsupportedLanguageError
from unspun.ingest import Page
from unspun.report import Document, Report

DATE = dt.date(2020, 3, 6)  # a Friday


def _fake_run(inputs: list[str], out: Path, **kwargs: Any) -> Any:
    return run_batch(inputs, out, workers=1, analyzer_factory=fake_factory,
                     progress=io.StringIO(), **kwargs)


def test_date_and_site_fill_in_only_what_the_input_does_not_state(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plain.txt").write_text("Plain story says things.\n", encoding="utf-8")
    (folder / "own.txt").write_text("Own story. Dated 2019-01-02.\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = _fake_run([str(folder)], out, published=DATE, site="Courier")
    assert summary.articles == 2
    rows = {Path(r["source"]).name: r for r in read_table(out, "articles").to_pylist()}
    assert (rows["plain.txt"]["date"], rows["own.txt"]["date"]) == ("2020-03-06", "2019-01-02")
    assert rows["plain.txt"]["site"] == "Courier"
    report = json.loads(rows["plain.txt"]["report_json"])["document"]
    assert (report["date"], report["site"]) == ("2020-03-06", "Courier")
    # Without them nothing is filled in.
    bare = tmp_path / "bare"
    _fake_run([str(folder)], bare)
    assert {(r["date"], r["site"]) for r in read_table(bare, "articles").to_pylist()} == {
        (None, None), ("2019-01-02", None)}


def test_a_site_of_its_own_is_kept() -> None:
    class Sited:
        def analyze_page(self, page: Page, *, timings: Any = None, **_: Any) -> Report:
            return Report(unspun_version="test", source=page.source,
                          document=Document(text="Text.", site="Own Site", language="en"))

    page = Page(body=b"Text.", source="x.txt", media_type="text/plain")
    result = analyse_task(Sited(), Task("id", "x.txt", page, DATE, "Courier"))
    assert isinstance(result, Analysed) and result.article["site"] == "Own Site"


def test_an_unsupported_language_row_gets_the_site_too() -> None:
    class German:
        def analyze_page(self, page: Page, *, timings: Any = None,
                         published: dt.date | None = None) -> Report:
            error = UnsupportedLanguageError("de")
            error.document = Document(text="Der Bundestag hat beschlossen.", language="de",
                                      date=published.isoformat() if published else None)
            raise error

    page = Page(body=b"Der Bundestag.", source="de.txt", media_type="text/plain")
    result = analyse_task(German(), Task("id", "de.txt", page, DATE, "Courier"))
    assert isinstance(result, Analysed)
    assert result.article["status"] == "unsupported_language"
    assert (result.article["site"], result.article["date"]) == ("Courier", "2020-03-06")


def test_an_output_folder_resumes_only_under_the_same_date_and_site(tmp_path: Path) -> None:
    from unspun.errors import InputError

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Story a.\n", encoding="utf-8")
    out = tmp_path / "out"
    _fake_run([str(folder)], out, published=DATE, site="Courier")
    (folder / "b.txt").write_text("Story b.\n", encoding="utf-8")
    others: list[dict[str, Any]] = [
        {"published": dt.date(2020, 3, 7), "site": "Courier"},
        {"published": DATE, "site": "Other"},
        {"published": DATE},
    ]
    for other in others:
        with pytest.raises(InputError, match="--date or --site"):
            _fake_run([str(folder)], out, **other)
    # The same ones resume; a blank site is no site.
    assert _fake_run([str(folder)], out, published=DATE, site=" Courier ").articles == 1
    assert len(read_table(out, "articles")) == 2


def test_batch_command_date_and_site_with_the_real_analyzer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pasted.txt").write_text(
        "The council voted on Tuesday to close the Harbour Bridge for repairs, the mayor"
        " said.\n", encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>Bridge to close</title>"
        '<meta property="og:site_name" content="The Northgate Courier">'
        '<meta property="article:published_time" content="2022-08-11"></head><body>'
        + html("The council voted on Tuesday to close the Harbour Bridge for repairs, the"
               " mayor said.").split("<body>", 1)[1],
        encoding="utf-8")
    records = write_jsonl(tmp_path / "feed.jsonl", [
        {"url": "https://news.example/story",
         "text": "The council voted on Tuesday to close the bridge, the mayor said."},
    ])
    out = tmp_path / "out"
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["batch", str(folder), str(records), "--out", str(out), "--workers", "1",
                 "--layers", "dates", "--date", "2020-03-06", "--site", "Courier"],
                stdout=stdout, stderr=stderr)
    assert code == 0, stderr.getvalue()
    rows = {Path(r["source"]).name: r for r in read_table(out, "articles").to_pylist()}
    pasted, page = rows["pasted.txt"], rows["page.html"]
    feed = next(r for r in rows.values() if r["source"].startswith("jsonl:"))
    assert (pasted["date"], pasted["site"]) == ("2020-03-06", "Courier")
    assert (page["date"], page["site"]) == ("2022-08-11", "The Northgate Courier")
    assert (feed["date"], feed["site"]) == ("2020-03-06", "news.example")  # the URL's host
    # The relative dates resolve against the date given.
    dates = json.loads(pasted["report_json"])["dates"]
    assert {d["text"]: d["value"] for d in dates}["Tuesday"] == "2020-03-03"
    # Resuming without them would mix rows of two configurations.
    stderr = io.StringIO()
    code = main(["batch", str(folder), "--out", str(out), "--workers", "1", "--layers", "dates"],
                stdout=stdout, stderr=stderr)
    assert code == 2 and "holds results of another configuration" in stderr.getvalue()
    # An invalid --date is refused before any work.
    with pytest.raises(SystemExit) as exited:
        main(["batch", str(folder), "--out", str(tmp_path / "none"), "--date", "6/3/2020"])
    assert exited.value.code == 2 and "not an ISO date" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()
