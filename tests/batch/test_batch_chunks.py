"""Several articles per worker call (``articles_per_call``): the same rows as one at a
time, and the limits still per article: a call stopped at a limit, or whose worker dies,
has its articles run again one by one, so only the guilty one fails and none is lost."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from batch.batch_support import FakeAnalyzer, html, make_corpus
from batch.test_batch_run import run_fake, sorted_table
from support import saved_pages
from unspun.batch import read_table, run_batch
from unspun.batch.engine import (
    WORKER_DIED,
    EngineConfig,
    analyse_task,
    analyse_tasks,
    chunk_deadline,
)
from unspun.batch.local_engine import _chunks
from unspun.batch.sources import iter_items
from unspun.batch.tasks import Task
from unspun.bounded import JobLimits
from unspun.ingest import IngestOptions

TABLES = ("articles", "spans", "errors")
CAP_MB = 300
LIMITS = JobLimits(deadline_s=1, max_rss_mb=CAP_MB)


def _tasks(folder: Path) -> list[Task]:
    return [item for item in iter_items([str(folder)], IngestOptions())
            if isinstance(item, Task)]


def test_chunks_and_their_deadline() -> None:
    assert [len(c) for c in _chunks(iter(range(10)), 4)] == [4, 4, 2]  # type: ignore[arg-type]
    assert list(_chunks(iter([]), 4)) == []
    chunk = tuple(range(3))
    assert chunk_deadline(chunk, JobLimits(deadline_s=2)) == 6  # type: ignore[arg-type]
    assert chunk_deadline(chunk, JobLimits(deadline_s=None)) is None  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least 1"):
        EngineConfig(workers=1, articles_per_call=0)


class _Together(FakeAnalyzer):
    """The fake with an analyze_pages, as the real Analyzer has: each page's report or
    exception, in order."""

    calls = 0

    def analyze_pages(self, pages, *, published, timings):  # type: ignore[no-untyped-def]
        self.calls += 1
        outcomes: list[object] = []
        for page, when, sink in zip(pages, published, timings, strict=True):
            try:
                outcomes.append(self.analyze_page(page, published=when, timings=sink))
            except Exception as error:
                outcomes.append(error)
        return outcomes


def test_a_workers_chunk_gives_each_task_its_own_row(tmp_path: Path) -> None:
    tasks = _tasks(make_corpus(tmp_path, 5))  # with a BAD and a CRASH article
    alone = [analyse_task(FakeAnalyzer(), task) for task in tasks]
    together = _Together()
    assert analyse_tasks(together, tasks) == alone
    assert together.calls == 1
    assert analyse_tasks(FakeAnalyzer(), tasks) == alone  # no analyze_pages: one by one

    class Broken(_Together):
        def analyze_pages(self, pages, *, published, timings):  # type: ignore[no-untyped-def]
            raise RuntimeError("a bug in what the articles share")

    assert analyse_tasks(Broken(), tasks) == alone


def test_chunked_runs_write_the_rows_of_unchunked_ones(tmp_path: Path) -> None:
    inputs = [str(make_corpus(tmp_path, 11))]
    run_fake(inputs, tmp_path / "one", workers=2)
    summary = run_fake(inputs, tmp_path / "four", workers=2, articles_per_call=4)
    assert (summary.articles, summary.errors) == (11, 2)  # type: ignore[attr-defined]
    for table in TABLES:
        assert sorted_table(tmp_path / "four", table) == sorted_table(tmp_path / "one", table)


def test_a_chunks_guilty_articles_alone_fail(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path, 9, bad=False)
    for name, words in [("m-stall", "STALL the worker."), ("m-hog", "HOG the memory."),
                        ("m-kill", "KILL the worker.")]:
        (folder / f"{name}.html").write_text(html(words), encoding="utf-8")
    out = tmp_path / "out"
    summary = run_fake([str(folder)], out, workers=2, limits=LIMITS, articles_per_call=4)
    assert (summary.articles, summary.errors) == (9, 3)  # type: ignore[attr-defined]
    errors = {Path(e["source"]).name: (e["error_type"], e["reason"])
              for e in read_table(out, "errors").to_pylist()}
    assert errors == {
        "m-stall.html": ("DeadlineExceeded", "took longer than 1 s"),
        "m-hog.html": ("MemoryExceeded", f"needed more than {CAP_MB} MB"),
        "m-kill.html": ("WorkerDied", WORKER_DIED),
    }
    articles = read_table(out, "articles").column("id").to_pylist()
    assert len(articles) == len(set(articles)) == 9


GERMAN = ("Die Bundesregierung hat am Sonntag angekündigt, dass die Truppen in ihre Kasernen"
          " zurückkehren werden. Die Opposition nannte das einen zynischen Trick.")


def test_real_reports_are_the_same_in_chunks(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in saved_pages():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    for per_call in (1, 4):
        run_batch([str(folder)], tmp_path / str(per_call), workers=1, progress=io.StringIO(),
                  articles_per_call=per_call)
    for table in TABLES:
        assert sorted_table(tmp_path / "4", table) == sorted_table(tmp_path / "1", table)
    assert read_table(tmp_path / "1", "articles").num_rows == len(saved_pages()) + 1
    assert read_table(tmp_path / "1", "errors").num_rows == 1
