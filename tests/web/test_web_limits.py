"""Bounded work in the web workers (issue 28): per-job deadlines and memory caps (finding
1), jobs queued behind a dead worker requeued and workers that end with their parent
(finding 5), and the per-client limit on queued jobs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.bounded import JobLimits, watch_parent
from unspun.web import Limits, create_app
from unspun.web.jobs import GAVE_UP
from web.pool_support import HOG_MB, CannotLoad, Misbehaving
from web.web_support import FakeAnalyzer, make_client, submit, wait_done


def test_a_worker_exits_when_its_parent_is_gone() -> None:
    exits: list[int] = []
    watch_parent(os.getpid() + 1_000_000, interval=0.01, exit=exits.append)
    assert exits == [1]


def test_a_worker_process_outlives_no_killed_parent(tmp_path: Path) -> None:
    # A parent that starts a pool worker and is then killed: the worker exits on its own.
    code = (
        "import multiprocessing as mp, os, time, sys\n"
        "from unspun.bounded import watch_parent\n"
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


# ---------------------------------------------------------------- deadlines and memory caps
# (finding 1: one submission stalled the service; finding 5: a killed worker failed every
# queued job too)


def _process_app(db: Path, limits: JobLimits) -> TestClient:
    app = create_app(f"sqlite:///{db}", analyzer_factory=Misbehaving, workers=1,
                     pool="process", job_limits=limits,
                     limits=Limits(requests_per_second=0, submits_per_minute=0))
    return TestClient(app, raise_server_exceptions=False)


def test_a_job_past_its_limits_fails_alone_and_the_queue_behind_it_is_served(
    tmp_path: Path,
) -> None:
    cap = 400  # a fake worker holds about 150 MB; a HOG article takes HOG_MB more
    assert cap < HOG_MB
    texts = ["Alpha story about Paris.", "SLEEP past the deadline.", "Bravo story about Rome.",
             "HOG memory past the cap.", "Charlie story about Oslo.", "DIE at once.",
             "Delta story about Lima."]
    with _process_app(tmp_path / "bounded.db", JobLimits(deadline_s=1, max_rss_mb=cap)) as c:
        # All queued at once behind one worker: each normal story waits behind a job that
        # loses its worker.
        ids = [submit(c, text=text)["id"] for text in texts]
        results = [wait_done(c, ident, timeout=90) for ident in ids]
    statuses = [(r["status"], r.get("error")) for r in results]
    assert statuses == [
        ("done", None),
        ("failed", "took longer than 1 s"),
        ("done", None),
        ("failed", f"needed more than {cap} MB"),
        ("done", None),
        ("failed", "the analysis worker stopped unexpectedly (exit code 3)"),
        ("done", None),
    ]
    # Each failure cost its worker: every normal story after one ran in a fresh process.
    workers = [r["report"]["source"] for r in results if r["status"] == "done"]
    assert len(set(workers)) == 4, workers
    # A normal job's report is what the analyzer made of its text.
    first = results[0]["report"]
    assert first["document"]["text"].strip() == texts[0]
    assert [e["text"] for e in first["entities"]] == ["Alpha", "Paris"]


def test_the_failure_reads_the_same_in_the_page(tmp_path: Path) -> None:
    with _process_app(tmp_path / "page.db", JobLimits(deadline_s=0.5, max_rss_mb=None)) as c:
        ident = submit(c, text="SLEEP in the page.")["id"]
        assert wait_done(c, ident, timeout=60)["error"] == "took longer than 0.5 s"
        page = c.get(f"/analyses/{ident}").text
    assert "This analysis failed" in page and "took longer than 0.5 s" in page


@pytest.mark.slow
def test_workers_that_cannot_start_fail_the_jobs_after_a_few_pools(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'broken.db'}", analyzer_factory=CannotLoad,
                     workers=1, pool="process", job_limits=JobLimits(),
                     limits=Limits(requests_per_second=0, submits_per_minute=0))
    with TestClient(app, raise_server_exceptions=False) as c:
        ident = submit(c, text="A story nobody can analyse.")["id"]
        assert wait_done(c, ident, timeout=90)["error"] == GAVE_UP
        assert app.state.jobs.progress(app.state.store.get(ident)).position is None


def test_threads_record_a_deadline_overrun_once_the_job_ends(gate: threading.Event) -> None:
    # A thread cannot be stopped: the job runs to its end and is then recorded as failed.
    with make_client(job_limits=JobLimits(deadline_s=0.3, max_rss_mb=None)) as c:
        calls = FakeAnalyzer.calls
        slow = submit(c, text="Held back past the deadline.\n")["id"]
        started = time.monotonic()
        while FakeAnalyzer.calls == calls:  # until its analysis starts (models load first)
            assert time.monotonic() - started < 60
            time.sleep(0.01)
        time.sleep(0.5)
        assert c.get(f"/api/v1/analyses/{slow}").json()["status"] == "pending"
        gate.set()
        assert wait_done(c, slow)["error"] == "took longer than 0.3 s"
        quick = wait_done(c, submit(c, text="Quick story about Rome.\n")["id"])
        assert quick["status"] == "done"


# ---------------------------------------------------------------- queued jobs per client


def _queue_limited(**kwargs: Any) -> TestClient:
    limits = Limits(requests_per_second=0, submits_per_minute=0, max_queued_per_client=2,
                    trusted_proxies=("10.0.0.0/8",))
    app = create_app("sqlite://", analyzer_factory=FakeAnalyzer, limits=limits, **kwargs)
    return TestClient(app, raise_server_exceptions=False, client=("10.0.0.5", 1))


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    FakeAnalyzer.gate = threading.Event()
    try:
        yield FakeAnalyzer.gate
    finally:
        FakeAnalyzer.gate.set()
        FakeAnalyzer.gate = None


def _post(client: TestClient, text: str, headers: dict[str, str]) -> Any:
    return client.post("/api/v1/analyses", json={"text": text}, headers=headers)


def test_one_client_may_queue_only_so_many_jobs(gate: threading.Event) -> None:
    with _queue_limited() as c:
        # Clients behind a trusted proxy are told apart as the rate limit tells them.
        ann = {"X-Forwarded-For": "203.0.113.7"}
        ids = [_post(c, f"Story {n} of Ann.\n", ann).json()["id"] for n in range(2)]
        refused = _post(c, "Story 3 of Ann.\n", ann)
        assert refused.status_code == 429
        assert refused.json()["error"] == (
            "you have 2 analyses waiting or running, the most one client may:"
            " submit more once some have finished")
        # The same input again is the same analysis, not more work: still answered.
        again = _post(c, "Story 0 of Ann.\n", ann)
        assert again.status_code == 202 and again.json()["id"] == ids[0]
        # Another client behind the same proxy has its own share.
        assert _post(c, "Story of Bo.\n", {"X-Forwarded-For": "198.51.100.9"}).status_code == 202
        # So does the form, which counts against the same share.
        page = c.get("/", headers=ann)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        form = c.post("/analyses", data={"text": "Story 4 of Ann.\n",
                                         "csrf_token": token.group(1)},
                      headers=ann, follow_redirects=False)
        assert form.status_code == 429 and "the most one client may" in form.text
        gate.set()
        for ident in ids:
            assert wait_done(c, ident)["status"] == "done"
        # Once its jobs are done, the client may submit again.
        assert _post(c, "Story 3 of Ann.\n", ann).status_code == 202


def test_with_access_control_the_share_is_the_users(gate: threading.Event) -> None:
    with _queue_limited(require_auth=True) as c:
        store = c.app.state.store  # type: ignore[attr-defined]
        ann, bo = ({"Authorization": f"Bearer {store.create_token(name, 'analyst')}"}
                   for name in ("ann", "bo"))
        # Both from the same address: the limit follows who they are.
        for n in range(2):
            assert _post(c, f"Story {n} of Ann.\n", ann).status_code == 202
        assert _post(c, "Story 2 of Ann.\n", ann).status_code == 429
        assert _post(c, "Story of Bo.\n", bo).status_code == 202


# ---------------------------------------------------------------- the serve options


def _serve_options(monkeypatch: pytest.MonkeyPatch, *argv: str) -> dict[str, Any]:
    import unspun.web
    from unspun.cli import main

    seen: dict[str, Any] = {}
    monkeypatch.setattr(unspun.web, "serve", lambda *a, **k: seen.update(k))
    assert main(["serve", *argv]) == 0
    return seen


def test_serve_takes_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = _serve_options(monkeypatch)
    assert defaults["job_limits"] == JobLimits()
    assert defaults["max_queued_per_client"] is None  # the server's own default
    given = _serve_options(monkeypatch, "--deadline", "2.5", "--max-memory", "900",
                           "--max-queued-per-client", "3")
    assert given["job_limits"] == JobLimits(deadline_s=2.5, max_rss_mb=900)
    assert given["max_queued_per_client"] == 3
    lifted = _serve_options(monkeypatch, "--deadline", "none", "--max-memory", "0",
                            "--max-queued-per-client", "0")
    assert lifted["job_limits"] == JobLimits(deadline_s=None, max_rss_mb=None)
    assert lifted["max_queued_per_client"] == 0


@pytest.mark.parametrize("argv", [["--deadline", "-1"], ["--deadline", "soon"],
                                  ["--deadline", "inf"], ["--max-memory", "1.5"],
                                  ["--max-queued-per-client", "-2"]])
def test_serve_refuses_nonsense_limits(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from unspun.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", *argv])
    assert exit_.value.code == 2
    assert repr(argv[1]) in capsys.readouterr().err
