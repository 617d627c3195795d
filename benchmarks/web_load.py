"""Bounded load test of ``unspun serve``'s JSON API against a server this script starts itself.

    python benchmarks/web_load.py [--requests 200] [--concurrency 8] [--workers 2]

The server runs in a child process on 127.0.0.1 (a free port, a temporary SQLite file, the
real Analyzer in a process pool, rate limits off) and nothing else is contacted. Phases:

* uncached: N distinct saved pages (each page of the corpus with a unique HTML comment, so
  every content hash is new), submitted as {"html"} and polled until done; latency is from
  submission to the report being available.
* cached: the same N submissions again (answered from the database), then N report reads
  (GET /api/v1/analyses/{id}) and N analysis pages (GET /analyses/{id}).

It prints requests/s, p50/p99 latency and errors (any non-2xx or failed analysis) per phase,
and the RSS of the server and its workers before and after each phase.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import platform
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ROOT / "src" / "unspun" / "samples" / "sample-article.html",
    *sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")),
]


def _serve(port: int, db: str, workers: int) -> None:
    import uvicorn

    from unspun.web import Limits, create_app

    limits = Limits(requests_per_second=0, submits_per_minute=0, max_pending=100_000)
    app = create_app(f"sqlite:///{db}", workers=workers, pool="process", limits=limits)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_tree_mib(pid: int) -> float:
    """RSS of ``pid`` and all its descendants (the worker processes), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0

    def line(self) -> str:
        n = len(self.latencies) + self.errors
        ordered = sorted(self.latencies) or [0.0]
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        return (
            f"{self.name:<34}{n:>6}{n / self.wall:>10.1f}"
            f"{statistics.median(ordered) * 1000:>10.1f}{p99 * 1000:>10.1f}{self.errors:>8}"
        )


def _run(name: str, jobs: list[Callable[[], bool]], concurrency: int) -> Phase:
    phase = Phase(name)

    def timed(job: Callable[[], bool]) -> tuple[float, bool]:
        start = time.perf_counter()
        try:
            ok = job()
        except httpx.HTTPError:
            ok = False
        return time.perf_counter() - start, ok

    start = time.perf_counter()
    with cf.ThreadPoolExecutor(concurrency) as pool:
        for elapsed, ok in pool.map(timed, jobs):
            if ok:
                phase.latencies.append(elapsed)
            else:
                phase.errors += 1
    phase.wall = time.perf_counter() - start
    return phase


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per phase")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="analysis worker processes")
    parser.add_argument(
        "--serve", nargs=3, metavar=("PORT", "DB", "WORKERS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.serve:
        _serve(int(args.serve[0]), args.serve[1], int(args.serve[2]))
        return 0

    n = args.requests
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    bodies = [p.read_text("utf-8") for p in PAGES]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(port), db, str(args.workers)],
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            client = httpx.Client(
                base_url=base,
                timeout=120,
                trust_env=False,
                limits=httpx.Limits(max_connections=args.concurrency * 2),
            )
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    print("server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            # Warm-up: the workers load their models and analyse one page each.
            for i in range(args.workers):
                _submit_and_wait(client, f"<!-- warm {i} -->" + bodies[0])
            rss = [("after warm-up", _rss_tree_mib(server.pid))]

            docs = [f"<!-- bench {i} -->\n" + bodies[i % len(bodies)] for i in range(n)]
            ids: list[str] = [""] * n

            def uncached(i: int) -> Callable[[], bool]:
                def job() -> bool:
                    ident = _submit_and_wait(client, docs[i])
                    ids[i] = ident or ""
                    return ident is not None

                return job

            def resubmit(i: int) -> Callable[[], bool]:
                def job() -> bool:
                    r = client.post("/api/v1/analyses", json={"html": docs[i]})
                    return r.status_code == 200 and r.json()["status"] == "done"

                return job

            def get(path: str) -> Callable[[], bool]:
                def job() -> bool:
                    r = client.get(path)
                    return r.status_code == 200 and len(r.content) > 0

                return job

            phases = [
                _run(
                    "uncached: submit → report done",
                    [uncached(i) for i in range(n)],
                    args.concurrency,
                )
            ]
            rss.append(("after uncached", _rss_tree_mib(server.pid)))
            phases.append(
                _run(
                    "cached: POST (dedup by hash)",
                    [resubmit(i) for i in range(n)],
                    args.concurrency,
                )
            )
            phases.append(
                _run(
                    "cached: GET report JSON",
                    [get(f"/api/v1/analyses/{ids[i]}") for i in range(n)],
                    args.concurrency,
                )
            )
            phases.append(
                _run(
                    "cached: GET analysis page (HTML)",
                    [get(f"/analyses/{ids[i]}") for i in range(n)],
                    args.concurrency,
                )
            )
            rss.append(("after cached round 1", _rss_tree_mib(server.pid)))
            for _ in range(2):
                _run("again", [get(f"/analyses/{ids[i]}") for i in range(n)], args.concurrency)
                _run("again", [resubmit(i) for i in range(n)], args.concurrency)
            rss.append(("after cached rounds 2-3", _rss_tree_mib(server.pid)))
        finally:
            server.terminate()
            server.wait(30)

    print("$ " + shlex.join(["python", "benchmarks/web_load.py", *sys.argv[1:]]))
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
        f"{args.workers} worker processes, concurrency {args.concurrency}, "
        f"{len(PAGES)} distinct pages"
    )
    print(f"{'phase':<34}{'n':>6}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for phase in phases:
        print(phase.line())
    print("server RSS (server + workers): " + ", ".join(f"{k} {v:.0f} MiB" for k, v in rss))
    return 0 if all(p.errors == 0 for p in phases) else 1


def _submit_and_wait(client: httpx.Client, html: str) -> str | None:
    r = client.post("/api/v1/analyses", json={"html": html})
    if r.status_code not in (200, 202):
        return None
    ident = r.json()["id"]
    status = r.json()["status"]
    delay = 0.02
    while status == "pending":
        time.sleep(delay)
        delay = min(delay * 1.5, 0.25)
        body = client.get(f"/api/v1/analyses/{ident}")
        if body.status_code != 200:
            return None
        status = body.json()["status"]
    return ident if status == "done" else None


if __name__ == "__main__":
    sys.exit(main())
