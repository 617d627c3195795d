"""Engines: the Dask engine gives the local engine's tables; dying workers cost one article.

Dask runs on a LocalCluster of worker processes here, the same code path as a remote
scheduler except for where the workers live.
"""

from __future__ import annotations

import io
import os
import re
import signal
import time
from pathlib import Path

import pytest

from batch.batch_support import broken_factory, html, make_corpus
from batch.test_batch_run import corpus_inputs, run_fake, sorted_table
from support import saved_pages
from unspun.batch import read_table, run_batch
from unspun.batch.engine import WORKER_DIED, WorkerStartError
from unspun.batch.local_engine import _sigint_deferred
from unspun.batch.registry import get_engine
from unspun.bounded import UNLIMITED, JobLimits
from unspun.cli import main
from unspun.errors import ClusterLostError

TABLES = ("articles", "spans", "errors")


def test_dask_engine_matches_the_local_engine(tmp_path: Path) -> None:
    inputs = corpus_inputs(tmp_path, 20)
    run_fake(inputs, tmp_path / "local", workers=2, chunk_size=6)
    summary = run_fake(inputs, tmp_path / "dask", workers=2, chunk_size=4, engine="dask")
    assert summary.engine == "dask"  # type: ignore[attr-defined]
    assert summary.articles == 24 and summary.errors == 4  # type: ignore[attr-defined]
    for table in TABLES:
        assert sorted_table(tmp_path / "dask", table) == sorted_table(tmp_path / "local", table)
    # Both workers of the LocalCluster reported their memory.
    assert len(summary.worker_peak_rss_mib) == 2  # type: ignore[attr-defined]


def test_dask_engine_resumes_a_local_run(tmp_path: Path) -> None:
    inputs = corpus_inputs(tmp_path)
    out = tmp_path / "out"
    run_fake(inputs[:1], out, workers=1)
    summary = run_fake(inputs, out, workers=1, engine="dask")
    assert summary.skipped == 14  # type: ignore[attr-defined]
    ids = read_table(out, "articles").column("id").to_pylist()
    assert len(ids) == len(set(ids)) == 16


def test_real_analyzer_gives_identical_rows_on_both_engines(tmp_path: Path) -> None:
    pages = [str(p) for p in saved_pages()[:2]]
    for engine in ("local", "dask"):
        summary = run_batch(pages, tmp_path / engine, workers=1, engine=engine,
                            progress=io.StringIO())
        assert (summary.articles, summary.errors) == (2, 0)
    for table in TABLES:
        assert sorted_table(tmp_path / "dask", table) == sorted_table(tmp_path / "local", table)
    spans = read_table(tmp_path / "local", "spans").to_pylist()
    quotes = [s for s in spans if s["layer"] == "quotes"]
    assert quotes and all(s["speaker"] for s in quotes if s["label"] == "direct")
    assert all(s["speaker"] is None for s in spans if s["layer"] != "quotes")


def _with_killer(tmp_path: Path) -> list[str]:
    folder = make_corpus(tmp_path, 9, bad=False)
    (folder / "zz-kill.html").write_text(html("KILL the worker."), encoding="utf-8")
    return [str(folder)]


# The dask engine without limits analyses in its workers, which the article kills; with
# limits, in a sub-worker of each, which it kills instead.
@pytest.mark.parametrize(("engine", "limits"), [
    ("local", JobLimits()), ("dask", JobLimits()), ("dask", UNLIMITED)])
def test_an_article_that_kills_its_worker_is_written_off_alone(
    tmp_path: Path, engine: str, limits: JobLimits
) -> None:
    out = tmp_path / "out"
    summary = run_fake(_with_killer(tmp_path), out, workers=2, engine=engine, limits=limits)
    assert (summary.articles, summary.errors) == (9, 1)  # type: ignore[attr-defined]
    (error,) = read_table(out, "errors").to_pylist()
    assert Path(error["source"]).name == "zz-kill.html"
    assert error["error_type"] == "WorkerDied"
    assert error["reason"] == WORKER_DIED


def test_a_pool_that_breaks_loses_no_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pebble breaks a pool when a worker dies holding no article (killed while idle, or in
    # its initialiser), and then refuses the next task: the refused task and those the
    # broken pool held must run again in a new pool, none dropped and none analysed twice.
    from pebble import ProcessPool  # type: ignore[import-untyped]

    import unspun.batch.local_engine as local_engine

    refusals = iter([False, False, True])

    class RefusesOnce(ProcessPool):  # type: ignore[misc]
        def schedule(self, fn, args=(), timeout=None):  # type: ignore[no-untyped-def]
            if next(refusals, False):
                raise RuntimeError("Unexpected error within the Pool")
            return super().schedule(fn, args=args, timeout=timeout)

    monkeypatch.setattr(local_engine, "ProcessPool", RefusesOnce)
    out = tmp_path / "out"
    summary = run_fake([str(make_corpus(tmp_path, 9, bad=False))], out, workers=2)
    assert (summary.articles, summary.errors) == (9, 0)  # type: ignore[attr-defined]
    ids = read_table(out, "articles").column("id").to_pylist()
    assert len(ids) == len(set(ids)) == 9


def test_workers_that_cannot_start_stop_the_run(tmp_path: Path) -> None:
    # A broken install must not be written off article by article as bad input; the
    # factory's own error is the one line the command prints.
    for engine in ("local", "dask"):
        log = io.StringIO()
        with pytest.raises(WorkerStartError, match=re.escape(
                "load the analyzer (RuntimeError('models missing on purpose')); check that")):
            run_batch([str(make_corpus(tmp_path / engine, 3))], tmp_path / engine / "out",
                      workers=1, engine=engine, analyzer_factory=broken_factory, progress=log)
        assert read_table(tmp_path / engine / "out", "errors").num_rows == 0


def test_stage_times_cover_reading_analysis_and_writing(tmp_path: Path) -> None:
    summary = run_fake(corpus_inputs(tmp_path), tmp_path / "out", workers=1)
    stages = summary.stage_seconds  # type: ignore[attr-defined]
    assert {"read", "extraction", "write"} <= set(stages)
    assert stages["extraction"] == pytest.approx(0.001 * 16)  # the fake's fixed stage time
    shares = summary.stage_shares()  # type: ignore[attr-defined]
    assert sum(shares.values()) == pytest.approx(1.0)


def test_unknown_engine_and_scheduler_without_dask(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        get_engine("spark")
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", str(tmp_path), "--out", str(tmp_path / "o"),
              "--scheduler", "tcp://127.0.0.1:8786"], stderr=io.StringIO())
    assert exit_info.value.code == 2


def test_dask_engine_on_a_running_cluster_by_address(tmp_path: Path) -> None:
    from distributed import LocalCluster

    inputs = corpus_inputs(tmp_path)
    run_fake(inputs, tmp_path / "local", workers=1)
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        summary = run_fake(inputs, tmp_path / "remote", engine="dask",
                           scheduler=cluster.scheduler_address)
        # The engine leaves a cluster it did not start running.
        assert cluster.status.name == "running"
    assert summary.articles == 16  # type: ignore[attr-defined]
    for table in TABLES:
        assert sorted_table(tmp_path / "remote", table) == sorted_table(tmp_path / "local", table)


def test_a_cluster_that_loses_every_worker_stops_the_run_resumably(tmp_path: Path) -> None:
    # Seen once under load: a LocalCluster whose nanny did not restart a killed worker left
    # the driver waiting forever on a task no worker would run.
    from distributed import LocalCluster

    inputs = [str(make_corpus(tmp_path, 40, bad=False))]
    out = tmp_path / "out"
    seen: list[str] = []
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:

        def retire_the_worker_after_the_first(result: object) -> None:
            seen.append(result.id)  # type: ignore[attr-defined]
            if len(seen) == 1:
                cluster.scale(0)

        with pytest.raises(ClusterLostError, match="no worker for 1 s"):
            run_fake(inputs, out, engine="dask", scheduler=cluster.scheduler_address,
                     worker_wait_s=1.0, chunk_size=1, on_result=retire_the_worker_after_the_first)
    # What came back before the cluster emptied is committed; the same call does the rest.
    assert 1 <= len(seen) < 40
    assert sorted(read_table(out, "articles").column("id").to_pylist()) == sorted(seen)
    summary = run_fake(inputs, out, workers=1, engine="dask")
    assert (summary.skipped, summary.articles) == (len(seen), 40 - len(seen))  # type: ignore[attr-defined]


def test_the_cli_reports_a_cluster_without_workers(tmp_path: Path) -> None:
    from distributed import LocalCluster

    make_corpus(tmp_path / "in", 2, bad=False)
    stderr = io.StringIO()
    with LocalCluster(n_workers=0, dashboard_address=None) as cluster:
        code = main(["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                     "--engine", "dask", "--scheduler", cluster.scheduler_address,
                     "--worker-wait", "0.5"], stderr=stderr)
    assert code == ClusterLostError.exit_code == 3
    assert "no worker for 0.5 s" in stderr.getvalue()
    assert "the same command resumes" in stderr.getvalue()


def test_the_worker_watch_waits_its_patience_and_forgives_a_returning_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import unspun.batch.dask_engine as dask_engine

    clock = [0.0]
    monkeypatch.setattr(dask_engine.time, "monotonic", lambda: clock[0])

    class Client:
        def __init__(self) -> None:
            self.workers: dict[str, int] = {}

        def nthreads(self) -> dict[str, int]:
            return self.workers

    client = Client()
    watch = dask_engine._WorkerWatch(client, patience=10.0)
    for clock[0] in (0.0, 5.0, 9.9):
        watch.check()  # no worker, but not for 10 s yet
    client.workers = {"tcp://w": 1}
    clock[0] = 30.0
    watch.check()  # a worker came back: the count starts again
    client.workers = {}
    for clock[0] in (31.0, 40.9):
        watch.check()
    clock[0] = 41.0
    with pytest.raises(ClusterLostError, match="no worker for 10 s"):
        watch.check()


def test_ctrl_c_while_the_pool_is_driven_is_deferred_to_the_engine() -> None:
    # A KeyboardInterrupt inside concurrent.futures can leave a future's lock held and hang
    # the pool's shutdown, so within the block Ctrl-C only sets the flag the engine reads.
    # A shell starts background jobs (`make test &`) with SIGINT ignored, which the engine
    # rightly leaves alone; this test is about the default handler, so it sets that itself.
    launcher_handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with _sigint_deferred() as interrupted:
            assert not interrupted()
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the handler runs at the next bytecode of the main thread
            assert interrupted()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
    finally:
        signal.signal(signal.SIGINT, launcher_handler)


def test_a_custom_sigint_handler_is_left_alone() -> None:
    calls: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: calls.append(signum))
    try:
        with _sigint_deferred() as interrupted:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            assert not interrupted()
        assert calls == [signal.SIGINT]
    finally:
        signal.signal(signal.SIGINT, previous)
