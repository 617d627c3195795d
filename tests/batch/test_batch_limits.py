"""Bounded work in batch: an article past its deadline or memory cap is an error row with
the reason, its worker is replaced, and every other article is written exactly once. The
same on the Dask engine, where the worker replaced is a Dask worker's sub-worker and Dask
sees no worker die (test_batch_limits_dask.py has what is the Dask engine's own)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from batch.batch_support import HOG_MB, dying_factory, heavy_factory, html, make_corpus
from batch.test_batch_run import run_fake, sorted_table
from support import saved_pages
from unspun.batch import read_table
from unspun.batch.engine import WorkerStartError
from unspun.bounded import UNLIMITED, JobLimits
from unspun.cli import main

# Far above the fake's workers (about 100 MB), far below a HOG article's.
CAP_MB = HOG_MB - 100
LIMITS = JobLimits(deadline_s=1, max_rss_mb=CAP_MB)


def _with_pathological(tmp_path: Path, n: int = 9) -> list[str]:
    folder = make_corpus(tmp_path, n, bad=False)
    (folder / "zz-stall.html").write_text(html("STALL the worker."), encoding="utf-8")
    (folder / "zz-hog.html").write_text(html("HOG the memory."), encoding="utf-8")
    return [str(folder)]


def _ids(out: Path, table: str) -> list[str]:
    return list(read_table(out, table).column("id").to_pylist())


ENGINES = pytest.mark.parametrize("engine", ["local", "dask"])


@ENGINES
def test_articles_over_a_limit_are_error_rows_and_the_others_go_on(
    tmp_path: Path, engine: str
) -> None:
    inputs = _with_pathological(tmp_path)
    out = tmp_path / "out"
    # On the dask engine, a ClusterLostError (workers killed and restarted until none was
    # left) would end the run here.
    summary = run_fake(inputs, out, workers=2, chunk_size=3, limits=LIMITS, engine=engine)
    assert (summary.articles, summary.errors) == (9, 2)  # type: ignore[attr-defined]
    errors = {Path(e["source"]).name: (e["error_type"], e["reason"])
              for e in read_table(out, "errors").to_pylist()}
    assert errors == {
        "zz-stall.html": ("DeadlineExceeded", "took longer than 1 s"),
        "zz-hog.html": ("MemoryExceeded", f"needed more than {CAP_MB} MB"),
    }
    articles, failed = _ids(out, "articles"), _ids(out, "errors")
    assert len(articles) == len(set(articles)) == 9
    assert not set(articles) & set(failed)
    # The workers that finished articles reported their own peak memory, under the cap that
    # spared them (not the test process's, over 300 MB late in a full run: ru_maxrss would
    # have carried it across exec).
    peaks = summary.worker_peak_rss_mib  # type: ignore[attr-defined]
    assert peaks
    assert all(0 < peak < CAP_MB for peak in peaks.values()), peaks

    # Like every error row, these are done: a rerun, even without limits, leaves them.
    before = {t: sorted_table(out, t) for t in ("articles", "spans", "errors")}
    again = run_fake(inputs, out, workers=2, limits=UNLIMITED, engine=engine)
    assert (again.articles, again.errors, again.skipped) == (0, 0, 11)  # type: ignore[attr-defined]
    assert {t: sorted_table(out, t) for t in before} == before


@ENGINES
def test_without_limits_a_run_is_as_before(tmp_path: Path, engine: str) -> None:
    inputs = [str(make_corpus(tmp_path, 6))]
    run_fake(inputs, tmp_path / "bounded", workers=2, limits=LIMITS, engine=engine)
    run_fake(inputs, tmp_path / "free", workers=2, limits=UNLIMITED, engine=engine)
    for table in ("articles", "spans", "errors"):
        assert sorted_table(tmp_path / "free", table) == sorted_table(tmp_path / "bounded", table)


@ENGINES
def test_a_cap_below_what_the_models_need_stops_the_run_in_one_line(
    tmp_path: Path, engine: str
) -> None:
    # Models that need 64 MB: a cap of 40 stops every worker while it loads them.
    with pytest.raises(WorkerStartError) as info:
        run_fake([str(make_corpus(tmp_path, 3))], tmp_path / "out", workers=1,
                 limits=JobLimits(max_rss_mb=40), engine=engine,
                 analyzer_factory=heavy_factory)
    assert str(info.value) == (
        "worker processes were stopped 3 times in a row before finishing an article: they"
        " needed more than 40 MB, the models included; raise --max-memory")
    assert read_table(tmp_path / "out", "errors").num_rows == 0


@ENGINES
def test_workers_that_crash_while_loading_stop_the_run(tmp_path: Path, engine: str) -> None:
    from unspun.batch import run_batch

    with pytest.raises(WorkerStartError, match="died 3 times in a row without finishing"):
        run_batch([str(make_corpus(tmp_path, 3))], tmp_path / "out", workers=2,
                  analyzer_factory=dying_factory, progress=io.StringIO(), engine=engine)
    assert read_table(tmp_path / "out", "errors").num_rows == 0


def test_batch_command_takes_the_limits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    page = str(saved_pages()[0])
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["batch", page, "--out", str(out), "--workers", "1", "--layers", "quotes",
                 "--deadline", "0.01", "--max-memory", "0"], stdout=stdout, stderr=stderr)
    assert code == 0, stderr.getvalue()
    assert stdout.getvalue().startswith("0 articles, 1 errors")
    (error,) = read_table(out, "errors").to_pylist()
    assert (error["error_type"], error["reason"]) == ("DeadlineExceeded",
                                                      "took longer than 0.01 s")
    with pytest.raises(SystemExit) as refused:
        main(["batch", page, "--out", str(out), "--deadline", "-1"])
    assert refused.value.code == 2


def test_batch_workers_watch_their_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspun.batch import engine

    started: list[bool] = []
    monkeypatch.setattr(engine, "start_parent_watch", lambda: started.append(True))
    monkeypatch.setattr(engine, "_worker_analyzer", None)
    # Not this test process's Ctrl-C: the initializer ignores SIGINT in the worker.
    monkeypatch.setattr(engine.signal, "signal", lambda *args: None)
    engine.init_pool_worker(lambda: object())  # type: ignore[arg-type,return-value]
    assert started == [True]
