"""The Dask engine's own side of bounded work: under limits each Dask worker analyses in a
sub-worker that holds the models, which exits with its Dask worker; without limits the Dask
worker analyses itself, as before. (test_batch_limits.py runs the limits on both engines.)"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psutil

from batch.batch_support import dask_worker_state, make_corpus
from batch.test_batch_run import run_fake
from unspun.bounded import UNLIMITED, JobLimits


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.1)
    return _gone(pid)


def test_limits_put_the_models_in_a_sub_worker_that_exits_with_its_dask_worker(
    tmp_path: Path,
) -> None:
    from distributed import Client, LocalCluster

    inputs = [str(make_corpus(tmp_path, 4, bad=False))]
    with (LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster,
          Client(cluster) as client):
        free = run_fake(inputs, tmp_path / "free", engine="dask", limits=UNLIMITED,
                        scheduler=cluster.scheduler_address)
        ((worker, holds, subs),) = client.run(dask_worker_state).values()
        assert (holds, subs) == (True, [])
        assert set(free.worker_peak_rss_mib) == {worker}  # type: ignore[attr-defined]

        client.restart()  # a fresh worker, as a cluster that only ever ran with limits
        bounded = run_fake(inputs, tmp_path / "bounded", engine="dask",
                           limits=JobLimits(deadline_s=30), scheduler=cluster.scheduler_address)
        ((worker, holds, subs),) = client.run(dask_worker_state).values()
        assert not holds and len(subs) == 1
        # The rows came from the sub-worker, which holds the analyzer.
        assert set(bounded.worker_peak_rss_mib) == set(subs)  # type: ignore[attr-defined]
        assert bounded.articles == free.articles == 4  # type: ignore[attr-defined]

        # A Dask worker killed outright (its nanny's memory limit, the OOM killer) runs no
        # exit handler; its sub-worker, seeing its parent gone, exits on its own.
        os.kill(worker, signal.SIGKILL)
        assert _wait_gone(subs[0], 10), "the sub-worker outlived its Dask worker"
