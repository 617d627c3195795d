"""Soak test of ``unspun serve`` with bounded jobs (issue 28): 200 mixed submissions, 5 of
them pathological, at concurrency 8, against a baseline run without the pathological ones.

    python benchmarks/web_soak.py [--submissions 200] [--baseline 50] [--concurrency 8]

It starts the real ``unspun serve --workers 2 --deadline 6 --max-memory 600`` on 127.0.0.1
(a free port, a temporary SQLite file, the real models) and contacts nothing else. The
clients come from 40 loopback addresses (127.0.0.10 and up), as 40 users would, so the
server keeps its default rate limits and per-client queue limit.

Phases, in one run against one server (its workers warmed up first):

* baseline: ``--baseline`` normal submissions;
* soak: ``--submissions`` submissions, 5 of them pathological, spread through the run:
  two texts of 10,000 words (10-15 s of analysis under 550 MB: past the 6 s deadline),
  one of 19,500 words (past the 600 MB cap within about 2 s), one of 25,000 words and one
  page of 1.9 MB of ``<br>`` tags (both refused by the pre-checks, length and element
  count).

Normal submissions are short English paragraphs generated here (150 to 900 words) or the
bundled sample article with a generated paragraph inserted, as text or HTML; each is
unique, so no cache answers. Latency is from submission to the report being available.

It prints the errors other than the pathological jobs' own failures (must be 0), the median
latency of the normal jobs in each phase and their ratio (must be at most 2), and the peak
resident memory of every worker process against the cap; exit code 1 when a criterion
fails. The limits are lowered from the defaults (60 s, 1536 MB) so that the pathological
jobs really hit them while every normal job stays far below.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import platform
import random
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "unspun" / "samples" / "sample-article.html"

DEADLINE_S = 6
MAX_MEMORY_MB = 600
WORKERS = 2
CLIENT_ADDRESSES = 40
JOB_TIMEOUT_S = 300

FIRST = ["Alice", "Bruno", "Carla", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines",
         "Jonas", "Kemi", "Luis", "Maya", "Nils", "Olga", "Priya", "Quentin", "Rosa"]
LAST = ["Smith", "Jones", "Diaz", "Reed", "Lee", "Okafor", "Novak", "Tanaka", "Silva",
        "Berg", "Haddad", "Kowalski", "Moreau", "Fischer", "Quinn", "Walsh"]
ROLES = ["Mayor", "Councillor", "Minister", "Dr", "Professor", "Senator", "Inspector"]
PLACES = ["Arlsford", "the harbour district", "Riverside", "the old town", "North Vale",
          "Castlebridge", "the university quarter", "Eastmoor", "Port Ellen"]
TOPICS = ["the new tram line", "the school budget", "the bridge repairs", "the housing plan",
          "the water tariff", "the hospital merger", "the parking scheme", "the library cuts",
          "the flood barrier", "the night bus service"]
ADJECTIVES = ["reckless", "overdue", "shameful", "sensible", "a disaster", "long overdue",
              "a cash grab", "the right call", "a betrayal", "unaffordable"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "last week", "this morning"]
SENTENCES = [
    "{who} said on {day} that {topic} would cost {n} million dollars more than planned.",
    '"This is {adj} for every family in {place}," {last} told reporters.',
    "Critics called {topic} {adj}, but {n} percent of residents said they supported it.",
    "The council will vote on {topic} next month, according to a statement from {place}.",
    "Officials in {place} expect {n} thousand people to be affected by {topic}.",
    '"We have always been honest about {topic}," said {who}.',
    "According to figures released on {day}, spending on {topic} rose by {n} percent.",
    "{who} warned that {topic} would leave {place} worse off within {small} years.",
    "Residents of {place} gathered on {day} to protest against {topic}.",
    "A report published by the city found {n} complaints about {topic} since January.",
]


def sentence(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return rng.choice(SENTENCES).format(
        who=f"{rng.choice(ROLES)} {first} {last}", last=last, day=rng.choice(DAYS),
        topic=rng.choice(TOPICS), place=rng.choice(PLACES), adj=rng.choice(ADJECTIVES),
        n=rng.randint(2, 95), small=rng.randint(2, 9),
    )


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))


def prose(rng: random.Random, words: int, serial: int) -> str:
    """At least ``words`` words of English paragraphs, unique by ``serial``."""
    parts = [f"Report {serial} from {rng.choice(PLACES)}."]
    count = 4
    while count < words:
        parts.append(paragraph(rng))
        count += len(parts[-1].split())
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Submission:
    name: str
    body: dict[str, str]
    expect: tuple[str, str] | None = None
    """For a pathological one: the status and the start of the error it must end with."""


def normal(rng: random.Random, serial: int, sample: str) -> Submission:
    if serial % 3 == 0:
        # The sample page with one paragraph of its own, right after the article's first.
        cut = sample.index("</p>", sample.index("<article")) + len("</p>")
        page = f"{sample[:cut]}\n<p>{paragraph(rng)} (Update {serial}.)</p>{sample[cut:]}"
        return Submission(f"sample page {serial}", {"html": page})
    words = rng.randint(150, 900)
    text = prose(rng, words, serial)
    if serial % 3 == 1:
        html = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
        return Submission(f"{words}-word page {serial}",
                          {"html": f"<html><body><article>{html}</article></body></html>"})
    return Submission(f"{words}-word text {serial}", {"text": text})


def pathological(rng: random.Random, serial: int) -> list[Submission]:
    deadline = ("failed", f"took longer than {DEADLINE_S} s")
    return [
        Submission("10,000 words (deadline)", {"text": prose(rng, 10_000, serial)}, deadline),
        Submission("19,500 words (memory)", {"text": prose(rng, 19_500, serial + 1)},
                   ("failed", f"needed more than {MAX_MEMORY_MB} MB")),
        Submission("25,000 words (length pre-check)", {"text": prose(rng, 25_000, serial + 2)},
                   ("invalid", "article too long to analyse")),
        Submission("10,000 words (deadline)", {"text": prose(rng, 10_000, serial + 3)}, deadline),
        Submission("1.9 MB of <br> (element pre-check)",
                   {"html": f"<html><body><p>Report {serial}</p>" + "<br>" * 475_000
                            + "</body></html>"},
                   ("invalid", "page too large to analyse")),
    ]


@dataclass
class Outcome:
    submission: Submission
    latency: float
    status: str
    error: str | None

    @property
    def as_intended(self) -> bool:
        expect = self.submission.expect
        if expect is None:
            return self.status == "done"
        return self.status == expect[0] and (self.error or "").startswith(expect[1])


def run_one(base: str, address: str, submission: Submission) -> Outcome:
    started = time.perf_counter()
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=base, transport=transport, trust_env=False, timeout=60) as client:
        try:
            answer = client.post("/api/v1/analyses", json=submission.body)
            if answer.status_code not in (200, 202):
                return Outcome(submission, 0.0, f"HTTP {answer.status_code}",
                               answer.json().get("error"))
            body = answer.json()
            delay = 0.05
            while body["status"] == "pending":
                if time.perf_counter() - started > JOB_TIMEOUT_S:
                    return Outcome(submission, 0.0, "timed out", None)
                time.sleep(delay)
                delay = min(delay * 1.5, 0.25)
                polled = client.get(f"/api/v1/analyses/{body['id']}")
                if polled.status_code != 200:
                    return Outcome(submission, 0.0, f"HTTP {polled.status_code}",
                                   polled.json().get("error"))
                body = polled.json()
        except httpx.HTTPError as error:
            return Outcome(submission, 0.0, "transport error", str(error))
    return Outcome(submission, time.perf_counter() - started, body["status"], body.get("error"))


class WorkerMemory:
    """Peak RSS of each worker process of the server, sampled every 0.1 s."""

    def __init__(self, server: int) -> None:
        self.server = psutil.Process(server)
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            try:
                children = self.server.children()
            except psutil.Error:
                return
            for child in children:
                try:
                    if "spawn_main" not in " ".join(child.cmdline()):
                        continue  # the resource tracker, not a worker
                    rss = child.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(rss, self.peaks.get(child.pid, 0.0))


def run_phase(base: str, submissions: list[Submission], concurrency: int,
              first_address: int) -> tuple[list[Outcome], float]:
    addresses = max(CLIENT_ADDRESSES, -(-len(submissions) // 5))

    def job(n: int) -> Outcome:
        address = f"127.0.0.{10 + (first_address + n) % addresses}"
        return run_one(base, address, submissions[n])

    started = time.perf_counter()
    with cf.ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(job, range(len(submissions))))
    return outcomes, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, db: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "unspun", "serve", "--host", "127.0.0.1",
               "--port", str(port), "--db", str(db), "--workers", str(WORKERS),
               "--deadline", str(DEADLINE_S), "--max-memory", str(MAX_MEMORY_MB)]
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})


def wait_healthy(base: str, server: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + 120
    with httpx.Client(base_url=base, trust_env=False, timeout=5) as client:
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if client.get("/healthz").status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    return False


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def median_ms(outcomes: list[Outcome]) -> float:
    latencies = [o.latency for o in outcomes if o.submission.expect is None and o.as_intended]
    return statistics.median(latencies) * 1000 if latencies else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=200,
                        help="soak submissions, 5 of them pathological (default 200)")
    parser.add_argument("--baseline", type=int, default=50,
                        help="normal submissions of the baseline run (default 50)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=28)
    args = parser.parse_args()
    if args.submissions < 10 or args.baseline < 4:
        parser.error("at least 10 soak and 4 baseline submissions")

    rng = random.Random(args.seed)
    sample = SAMPLE.read_text("utf-8")
    serials = iter(range(1_000_000))
    warm = [normal(rng, next(serials), sample) for _ in range(WORKERS * 2)]
    baseline = [normal(rng, next(serials), sample) for _ in range(args.baseline)]
    soak = [normal(rng, next(serials), sample) for _ in range(args.submissions - 5)]
    bad = pathological(rng, 900_000)
    for k, one in enumerate(bad):  # spread through the run, the first one early
        soak.insert(int((k + 0.5) * args.submissions / len(bad)), one)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="unspun-soak-") as tmp:
        log = Path(tmp) / "serve.log"
        server = start_server(port, Path(tmp) / "soak.db", log)
        try:
            if not wait_healthy(base, server):
                print("the server did not start:\n" + log.read_text(errors="replace"))
                return 1
            with WorkerMemory(server.pid) as memory:
                # Models load per worker at start; a few jobs make sure both are ready.
                warmed, _ = run_phase(base, warm, WORKERS * 2, 0)
                base_out, base_wall = run_phase(base, baseline, args.concurrency, len(warm))
                soak_out, soak_wall = run_phase(base, soak, args.concurrency,
                                                len(warm) + len(baseline))
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        server_log = log.read_text(errors="replace")

    errors = [o for o in warmed + base_out + soak_out if not o.as_intended]
    patho = [o for o in soak_out if o.submission.expect is not None]
    base_ms, soak_ms = median_ms(base_out), median_ms(soak_out)
    ratio = soak_ms / base_ms
    peaks = sorted(memory.peaks.values())
    over = [p for p in peaks if p > MAX_MEMORY_MB]
    killed_for_memory = sum(1 for o in patho
                            if o.status == "failed" and "needed more" in (o.error or ""))

    print("$ " + shlex.join(["python", "benchmarks/web_soak.py", *sys.argv[1:]]))
    print(f"{cpu_name()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"unspun serve --workers {WORKERS} --deadline {DEADLINE_S} "
          f"--max-memory {MAX_MEMORY_MB}; concurrency {args.concurrency}, "
          f"{CLIENT_ADDRESSES} client addresses; {time.perf_counter() - started:.0f} s in all")
    print(f"baseline: {len(base_out)} normal submissions in {base_wall:.0f} s, "
          f"median latency {base_ms:.0f} ms")
    print(f"soak:     {len(soak_out)} submissions ({len(soak_out) - len(patho)} normal, "
          f"{len(patho)} pathological) in {soak_wall:.0f} s, median latency of the normal "
          f"ones {soak_ms:.0f} ms = {ratio:.2f}x the baseline (must be at most 2)")
    for o in patho:
        mark = "as intended" if o.as_intended else "NOT AS INTENDED"
        print(f"  pathological: {o.submission.name}: {o.status}, {o.error!r} "
              f"after {o.latency:.1f} s ({mark})")
    print(f"errors other than the pathological jobs' own failures: {len(errors)}")
    for o in errors[:10]:
        print(f"  {o.submission.name}: {o.status} {o.error!r}")
    print(f"peak RSS per worker ({len(peaks)} worker processes, replacements included): "
          f"{', '.join(f'{p:.0f}' for p in peaks)} MiB; cap {MAX_MEMORY_MB} MB; "
          f"over it: {len(over)}, workers killed for memory: {killed_for_memory}")
    if errors or len(over) > killed_for_memory or os.environ.get("SOAK_LOG"):
        print("server log (tail):\n" + "\n".join(
            line for line in server_log.splitlines() if "HTTP/1.1" not in line)[-3000:])
    ok = not errors and ratio <= 2 and len(over) <= killed_for_memory
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
