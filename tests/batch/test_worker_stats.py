"""Worker statistics (unspun.batch.engine.worker_stats): a worker's peak memory is its own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from unspun.batch.engine import peak_rss_kib

BALLAST_MIB = 300

_CHILD = (
    "import resource; from unspun.batch.engine import peak_rss_kib; "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, peak_rss_kib() // 1024)"
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
def test_a_spawned_worker_reports_its_own_peak_not_its_parents() -> None:
    ballast = bytearray(BALLAST_MIB * 1024 * 1024)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # touch every page: resident
    assert peak_rss_kib() // 1024 >= BALLAST_MIB
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    inherited, own = int(out[0]), int(out[1])
    # What ru_maxrss alone reported: the parent's peak, carried across exec.
    assert inherited >= BALLAST_MIB
    assert own < BALLAST_MIB / 2
    del ballast
