"""Bounded work in the web workers (issue 28, finding 5: pool workers outlived a killed
``serve`` parent)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from unspun.web.worker import watch_parent


def test_a_worker_exits_when_its_parent_is_gone() -> None:
    exits: list[int] = []
    watch_parent(os.getpid() + 1_000_000, interval=0.01, exit=exits.append)
    assert exits == [1]


def test_a_worker_process_outlives_no_killed_parent(tmp_path: Path) -> None:
    # A parent that starts a pool worker and is then killed: the worker exits on its own.
    code = (
        "import multiprocessing as mp, os, time, sys\n"
        "from unspun.web.worker import watch_parent\n"
        "def child(q):\n"
        "    q.put(os.getpid()); watch_parent(os.getppid(), interval=0.05)\n"
        "if __name__ == '__main__':\n"
        "    q = mp.get_context('spawn').Queue()\n"
        "    mp.get_context('spawn').Process(target=child, args=(q,)).start()\n"
        "    print(q.get(), flush=True); os._exit(0)\n"
    )
    script = tmp_path / "parent.py"
    script.write_text(code)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=60, check=True)
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, 9)
    raise AssertionError("the worker outlived its parent")
