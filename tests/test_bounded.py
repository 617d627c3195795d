"""Deadlines and memory caps (unspun.bounded)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from unspun.bounded import (
    ChildMemoryWatch,
    JobLimits,
    SelfWatch,
    deadline_reason,
    memory_reason,
    rss_mb,
)


def test_reasons_read_as_the_issue_words_them() -> None:
    assert deadline_reason(60) == "took longer than 60 s"
    assert deadline_reason(2.5) == "took longer than 2.5 s"
    assert memory_reason(1536) == "needed more than 1.5 GB"
    assert memory_reason(2048) == "needed more than 2 GB"
    assert memory_reason(300) == "needed more than 300 MB"


@pytest.mark.parametrize("kwargs", [{"deadline_s": 0}, {"deadline_s": -1}, {"max_rss_mb": 0}])
def test_limits_refuse_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        JobLimits(**kwargs)  # type: ignore[arg-type]


def test_rss_of_this_process_and_of_a_gone_one() -> None:
    here = rss_mb()
    assert here is not None and here > 10
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    assert rss_mb(done.pid) is None


def test_self_watch_reports_the_deadline() -> None:
    seen: list[str] = []
    with SelfWatch(JobLimits(deadline_s=0.2, max_rss_mb=None), interval=0.02,
                   on_exceed=seen.append):
        time.sleep(0.5)
    assert seen == ["took longer than 0.2 s"]


def test_self_watch_quiet_within_limits() -> None:
    seen: list[str] = []
    with SelfWatch(JobLimits(deadline_s=5, max_rss_mb=100_000), interval=0.01,
                   on_exceed=seen.append):
        time.sleep(0.05)
    assert seen == []


def test_self_watch_reports_memory() -> None:
    seen: list[str] = []
    cap = int((rss_mb() or 0) + 60)
    with SelfWatch(JobLimits(deadline_s=None, max_rss_mb=cap), interval=0.01,
                   on_exceed=seen.append):
        ballast = bytearray(120 * 2**20)
        ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page: resident
        time.sleep(0.3)
    del ballast
    assert seen == [f"needed more than {cap} MB"]


def test_self_watch_ends_the_process_with_one_line() -> None:
    code = ("import time\nfrom unspun.bounded import JobLimits, SelfWatch\n"
            "with SelfWatch(JobLimits(deadline_s=0.3), 'article.html', interval=0.02):\n"
            "    time.sleep(10)\n")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=30)
    assert time.monotonic() - started < 8
    assert run.returncode == 2
    assert run.stderr == "unspun: article.html: took longer than 0.3 s\n"


def test_child_memory_watch_kills_the_child_over_the_cap_and_says_why() -> None:
    hog = subprocess.Popen([sys.executable, "-c",
                            "import time\nb = bytearray(400 * 2**20)\n"
                            "b[::4096] = b'x' * len(b[::4096])\ntime.sleep(30)"])
    calm = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    watch = ChildMemoryWatch(max_rss_mb=200, interval=0.05).start()
    try:
        assert hog.wait(timeout=20) != 0
        assert watch.reason_for(hog.pid) == "needed more than 200 MB"
        assert watch.reason_for(hog.pid) is None  # told once
        assert calm.poll() is None
        assert watch.reason_for(calm.pid) is None
    finally:
        watch.stop()
        for proc in (hog, calm):
            proc.kill()
            proc.wait()


def test_child_memory_watch_stops_children_the_given_way() -> None:
    hog = subprocess.Popen([sys.executable, "-c",
                            "import time\nb = bytearray(300 * 2**20)\n"
                            "b[::4096] = b'x' * len(b[::4096])\ntime.sleep(30)"])
    stopped: list[int] = []

    def stop(process: object) -> None:
        stopped.append(hog.pid)
        hog.terminate()

    watch = ChildMemoryWatch(max_rss_mb=150, interval=0.05, kill=stop).start()
    try:
        hog.wait(timeout=20)
        assert stopped[:1] == [hog.pid]
        assert hog.returncode == -15  # terminated by the hook, not killed
    finally:
        watch.stop()
        hog.kill()
        hog.wait()


_ORPHAN = """
import multiprocessing, sys, time
from unspun.bounded import start_parent_watch

def child():
    start_parent_watch()
    time.sleep(30)

if __name__ == "__main__":
    proc = multiprocessing.get_context("spawn").Process(target=child)
    proc.start()
    print(proc.pid, flush=True)
    time.sleep(1.5)  # the child is up and watching
    import os
    os._exit(0)  # as if killed: no cleanup, no join
"""


def test_a_worker_exits_when_its_parent_dies(tmp_path: object) -> None:
    import psutil

    run = subprocess.run([sys.executable, "-c", _ORPHAN], capture_output=True, text=True,
                         timeout=30)
    pid = int(run.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and psutil.pid_exists(pid):
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                break
        except psutil.NoSuchProcess:
            break
        time.sleep(0.1)
    alive = psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    assert not alive
