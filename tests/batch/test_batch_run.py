"""run_batch end to end: tables, errors, same output whatever the workers, resume after kill -9.

Most tests use the fake analyzer (batch_support.FakeAnalyzer) so that workers start fast;
one runs the real models on the saved pages.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow as pa
import pytest

from batch.batch_support import DELAY_ENV, fake_factory, make_corpus, write_jsonl, write_warc
from support import saved_pages
from unspun.batch import (
    ARTICLES_SCHEMA,
    ERRORS_SCHEMA,
    SPANS_SCHEMA,
    read_table,
    report_from_row,
    run_batch,
)
from unspun.batch.progress import Progress

TESTS = Path(__file__).resolve().parent.parent
SRC = TESTS.parent / "src"


def corpus_inputs(tmp_path: Path, n: int = 12) -> list[str]:
    folder = make_corpus(tmp_path, n)
    jsonl = write_jsonl(tmp_path / "x.jsonl", [
        {"url": "https://x.example/1", "html": "<html><body><p>Json one.</p></body></html>"},
        {"url": "https://x.example/2", "text": "Json two."},
        "{broken",
    ])
    warc = write_warc(tmp_path / "crawl.warc", 2)
    return [str(folder), str(jsonl), str(warc), str(tmp_path / "missing.html")]


def run_fake(inputs: list[str], out: Path, **kwargs: object) -> object:
    kwargs.setdefault("progress", io.StringIO())
    kwargs.setdefault("analyzer_factory", fake_factory)
    return run_batch(inputs, out, **kwargs)  # type: ignore[arg-type]


def sorted_table(out: Path, table: str) -> list[dict[str, object]]:
    keys = {"articles": ["id"], "errors": ["id"],
            "spans": ["article_id", "layer", "start", "end", "label"]}[table]
    return read_table(out, table).sort_by([(k, "ascending") for k in keys]).to_pylist()


def test_tables_schema_and_contents(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_fake(corpus_inputs(tmp_path), out, workers=2, chunk_size=4)
    articles = read_table(out, "articles")
    spans = read_table(out, "spans")
    errors = read_table(out, "errors")
    assert articles.schema.equals(ARTICLES_SCHEMA)
    assert spans.schema.equals(SPANS_SCHEMA)
    assert errors.schema.equals(ERRORS_SCHEMA)
    # 12 files + 2 JSON lines + 2 WARC records; errors: BAD, CRASH, a broken line, a missing file.
    assert (articles.num_rows, errors.num_rows) == (16, 4)
    assert (summary.articles, summary.errors, summary.skipped) == (16, 4, 0)  # type: ignore[attr-defined]
    assert len(set(articles.column("id").to_pylist())) == 16

    rows = {Path(r["source"]).name: r for r in articles.to_pylist()}
    row = rows["a000.html"]
    assert row["word_count"] == 7 and row["n_sentences"] == 1 and row["n_claims"] == 1
    assert row["n_entities"] == 0
    assert row["technique_counts"] == [("Loaded_Language", 1)]
    assert row["mean_claim_score"] == 0.5
    report = report_from_row(row)
    assert report.document.text.startswith("Article 0 says things.")
    json_row = next(r for r in articles.to_pylist() if r["source"].endswith("x.jsonl:1"))
    assert json_row["url"] == "https://x.example/1"

    by_article = spans.filter(pa.compute.equal(spans["article_id"], row["id"])).to_pylist()
    assert {(s["layer"], s["label"], s["score"]) for s in by_article} == {
        ("sentences", None, None), ("claims", "other", 0.5),
        ("techniques", "Loaded_Language", 0.9),
    }
    text = report.document.text
    assert all(text[s["start"]:s["end"]] == s["text"] for s in by_article)

    reasons = {Path(e["source"]).name: (e["error_type"], e["reason"]) for e in errors.to_pylist()}
    assert reasons["zz-bad.txt"][0] == "InputError"
    crash = ("RuntimeError", "internal error: RuntimeError('a bug on purpose')")
    assert reasons["zz-crash.txt"] == crash
    assert reasons["missing.html"][1] == f"no such file: {tmp_path / 'missing.html'}"
    assert any(r[1].startswith("invalid JSON") for r in reasons.values())


def test_same_result_with_one_and_two_workers(tmp_path: Path) -> None:
    inputs = corpus_inputs(tmp_path, 20)
    run_fake(inputs, tmp_path / "one", workers=1, chunk_size=7)
    run_fake(inputs, tmp_path / "two", workers=2, chunk_size=3)
    for table in ("articles", "spans", "errors"):
        assert sorted_table(tmp_path / "one", table) == sorted_table(tmp_path / "two", table)


def test_rerun_after_completion_does_nothing(tmp_path: Path) -> None:
    inputs = corpus_inputs(tmp_path)
    out = tmp_path / "out"
    run_fake(inputs, out, workers=1)
    log = io.StringIO()
    summary = run_fake(inputs, out, workers=1, progress=log)
    assert (summary.articles, summary.errors, summary.skipped) == (0, 0, 20)  # type: ignore[attr-defined]
    assert "resuming, 20 articles already done" in log.getvalue()
    assert read_table(out, "articles").num_rows == 16


def test_new_inputs_are_added_to_an_existing_output(tmp_path: Path) -> None:
    inputs = corpus_inputs(tmp_path)
    out = tmp_path / "out"
    run_fake(inputs[:1], out, workers=1)
    summary = run_fake(inputs, out, workers=1)
    assert summary.skipped == 14  # type: ignore[attr-defined]
    assert read_table(out, "articles").num_rows == 16


_SCRIPT = textwrap.dedent(
    """
    import signal
    import sys
    from pathlib import Path
    from batch.batch_support import fake_factory
    from unspun.batch import run_batch

    if __name__ == "__main__":
        # As from a terminal: a shell starts background jobs (`make test &`) with SIGINT
        # ignored, and the run would then rightly ignore the test's Ctrl-C too.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        run_batch(sys.argv[2:], Path(sys.argv[1]), workers=2, chunk_size=5,
                  analyzer_factory=fake_factory, progress_interval=0)
    """
)


def _start(script: Path, out: Path, inputs: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), str(TESTS)]))
    env[DELAY_ENV] = "0.01"
    return subprocess.Popen(
        [sys.executable, str(script), str(out), *inputs],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,  # so the kill takes the workers too, like a killed terminal
    )


def _wait_for_parts(out: Path, count: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        manifests = out / "_manifests"
        if manifests.is_dir() and len(list(manifests.glob("part-*.json"))) >= count:
            return
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be killed: {proc.stderr.read()!r}")  # type: ignore[union-attr]
        time.sleep(0.005)
    pytest.fail("no progress within 60 s")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_resume_after_kill_writes_every_article_exactly_once(
    tmp_path: Path, sig: signal.Signals
) -> None:
    inputs = corpus_inputs(tmp_path, 120)
    script = tmp_path / "run.py"
    script.write_text(_SCRIPT)
    out = tmp_path / "out"
    # Killed just after a commit, then at two offsets that land inside later chunks.
    for parts, offset in ((2, 0.0), (6, 0.013), (11, 0.031)):
        proc = _start(script, out, inputs)
        _wait_for_parts(out, parts, proc)
        time.sleep(offset)
        if sig == signal.SIGKILL:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            os.kill(proc.pid, signal.SIGINT)  # Ctrl-C: the in-hand results are committed
        proc.wait(timeout=60)
        assert proc.returncode != 0
    done_before = len(read_table(out, "articles")) + len(read_table(out, "errors"))
    assert 0 < done_before < 124

    summary = run_fake(inputs, out, workers=2, chunk_size=5)
    assert summary.skipped == done_before  # type: ignore[attr-defined]
    articles = read_table(out, "articles").column("id").to_pylist()
    errors = read_table(out, "errors").column("id").to_pylist()
    assert len(articles) == len(set(articles)) == 120 + 4  # 120 files, 2 JSON lines, 2 WARC
    assert len(errors) == len(set(errors)) == 4
    assert not set(articles) & set(errors)
    spans = read_table(out, "spans")
    assert spans.num_rows == 3 * 124  # three spans per fake report, none doubled
    # Every Parquet file on disk belongs to a committed chunk.
    committed = {p.stem for p in (out / "_manifests").iterdir()}
    for table in ("articles", "spans", "errors"):
        assert {p.stem for p in (out / table).iterdir()} == committed
    expected = tmp_path / "clean"
    run_fake(inputs, expected, workers=1, chunk_size=50)
    for table in ("articles", "spans", "errors"):
        assert sorted_table(out, table) == sorted_table(expected, table)


def test_real_analyzer_on_the_saved_pages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    pages = [str(p) for p in saved_pages()]
    summary = run_batch(pages, out, workers=1, progress=io.StringIO())
    assert (summary.articles, summary.errors) == (len(pages), 0)
    assert summary.worker_peak_rss_mib and all(v > 50 for v in summary.worker_peak_rss_mib.values())
    articles = read_table(out, "articles").to_pylist()
    spans = read_table(out, "spans")
    assert spans.num_rows == sum(
        sum(r[f"n_{layer}"] for layer in ("sentences", "entities", "dates", "quotes", "claims",
                                         "techniques"))
        for r in articles
    )
    for row in articles:
        report = report_from_row(row)
        assert row["title"] == report.document.title and row["title"]
        assert row["language"] == "en"
        assert row["n_claims"] == len(report.claims) > 0
        assert dict(row["technique_counts"]) == {
            t: sum(1 for s in report.techniques if s.technique == t)
            for t in {s.technique for s in report.techniques}
        }
        mine = spans.filter(pa.compute.equal(spans["article_id"], row["id"])).to_pylist()
        assert all(report.document.text[s["start"]:s["end"]] == s["text"] for s in mine)
    json.loads(articles[0]["report_json"])


def test_progress_lines() -> None:
    stream = io.StringIO()
    meter = Progress(10, already=4, stream=stream, interval=0)
    meter.started -= 2  # two seconds in
    meter.update(error=False)
    meter.update(error=True)
    first, second = stream.getvalue().splitlines()
    assert first.startswith("unspun batch: 5/10 articles (0 errors this run)")
    assert "articles/s, ETA" in second and "6/10" in second and "(1 errors" in second
    meter.emit(final=True)
    assert "done in" in stream.getvalue().splitlines()[-1]
    unknown = Progress(None, stream=io.StringIO(), interval=0)
    unknown.update(error=False)
    assert "ETA" not in unknown.line() and "1 articles" in unknown.line()


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    meter = Progress(8, already=2, stream=stream, interval=0, terminal=True)
    meter.started -= 2
    meter.update(error=False)
    meter.update(error=True)
    frames = stream.getvalue().split("\r\x1b[K")[1:]
    assert len(frames) == 2 and "\n" not in stream.getvalue()  # redrawn in place
    assert frames[-1].startswith("[" + "#" * 14 + "." * 14 + "] 4/8")
    assert "art/s" in frames[-1] and "1 errors" in frames[-1] and "ETA" in frames[-1]
    meter.emit(final=True)
    assert stream.getvalue().endswith("\n") and "done in" in stream.getvalue()
    # Files and pipes are not terminals: plain lines.
    assert not Progress(None, stream=io.StringIO()).terminal


def test_batch_command_runs_only_the_chosen_layers(tmp_path: Path) -> None:
    from unspun.cli import main

    out = tmp_path / "out"
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["batch", str(saved_pages()[0]), "--out", str(out), "--workers", "1",
                 "--layers", "quotes,entities"], stdout=stdout, stderr=stderr)
    assert code == 0, stderr.getvalue()
    assert {r["layer"] for r in read_table(out, "spans").to_pylist()} == {"quotes", "entities"}
    (article,) = read_table(out, "articles").to_pylist()
    assert article["n_entities"] > 0 and article["n_techniques"] is None  # not run, not 0
    kinds = dict(article["source_kinds"])  # the sourcing profile, for comparing outlets
    assert sum(kinds.values()) == article["n_quotes"]
    assert 0 <= article["named_source_share"] <= 1
    assert json.loads(article["report_json"])["skipped_layers"] == [
        "sentences", "dates", "claims", "techniques"]
    code = main(["batch", str(saved_pages()[0]), "--out", str(out), "--layers", "bogus"],
                stdout=stdout, stderr=stderr)
    assert code == 2 and "unknown layer(s): bogus" in stderr.getvalue()
    # Resuming into the same folder with other layers would mix two kinds of rows.
    stderr = io.StringIO()
    code = main(["batch", *map(str, saved_pages()[:2]), "--out", str(out), "--workers", "1",
                 "--layers", "quotes"], stdout=stdout, stderr=stderr)
    assert code == 2 and "holds results of another configuration" in stderr.getvalue()
    assert len(read_table(out, "articles")) == 1
    code = main(["batch", *map(str, saved_pages()[:2]), "--out", str(out), "--workers", "1",
                 "--layers", "entities,quotes"], stdout=stdout, stderr=io.StringIO())
    assert code == 0 and len(read_table(out, "articles")) == 2  # the same one resumes


def test_a_non_english_page_is_an_article_row_with_its_status(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    english = saved_pages()[0]
    (pages / english.name).write_bytes(english.read_bytes())
    (pages / "de.html").write_text(
        "<html><head><title>Mietpreisbremse beschlossen</title></head><body><article>"
        "<h1>Mietpreisbremse beschlossen</h1><p>Der Bundestag hat am Donnerstag ein neues"
        " Gesetz beschlossen, das die Mieten in den großen Städten begrenzen soll. Die"
        " Opposition kritisierte den Entwurf scharf.</p></article></body></html>",
        encoding="utf-8")
    (pages / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    summary = run_batch([str(pages)], out, workers=1, progress=io.StringIO())
    assert (summary.articles, summary.errors) == (2, 1)  # the empty file is an error row
    rows = {Path(r["source"]).name: r for r in read_table(out, "articles").to_pylist()}
    german = rows["de.html"]
    assert (german["status"], german["language"]) == ("unsupported_language", "de")
    assert german["title"] == "Mietpreisbremse beschlossen" and german["word_count"] > 10
    assert german["n_quotes"] is None and german["n_techniques"] is None  # not looked for
    assert rows[english.name]["status"] == "analysed"
    assert not [s for s in read_table(out, "spans").to_pylist()
                if s["article_id"] == german["id"]]
    from unspun.corpus.queries import connect

    con = connect(out)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM all_articles").fetchone() == (2,)
