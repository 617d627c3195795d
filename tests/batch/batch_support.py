"""Helpers for the batch tests: a fast fake analyzer and small corpora of every input kind.

The fake stands in for the models (which take seconds to load per worker) wherever a test is
about the batch machinery rather than about analysis. It is a module-level factory so that
spawned worker processes can import it by name.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from pathlib import Path

from unspun.errors import InputError
from unspun.ingest import Page, decode
from unspun.report import Claim, Document, Report, Sentence, TechniqueSpan

DELAY_ENV = "UNSPUN_TEST_FAKE_DELAY"
HOG_MB = 400
"""What an article marked HOG makes its worker hold, resident, on top of its ~100 MB."""
_OWN_DATE = re.compile(r"\bDated (\d{4}-\d{2}-\d{2})\b")


class FakeAnalyzer:
    """Deterministic reports from the page text: a sentence per line, a claim, a technique."""

    def analyze_page(self, page: Page, *, timings: dict[str, float] | None = None,
                     published: dt.date | None = None) -> Report:
        if timings is not None:
            timings["extraction"] = timings.get("extraction", 0.0) + 0.001
        delay = float(os.environ.get(DELAY_ENV, "0") or 0)
        if delay:
            time.sleep(delay)
        # Tags dropped rather than extracted: enough for a stand-in, and instant.
        text = re.sub(r"<[^>]*>", "", decode(page)).strip()
        if "BAD" in text:
            raise InputError(f"{page.source}: refused on purpose")
        if "CRASH" in text:
            raise RuntimeError("a bug on purpose")
        if "KILL" in text:
            os._exit(3)  # a worker process dying outright, as a segfault or the OOM killer would
        if "STALL" in text:
            time.sleep(60)  # a pathological article: far past any deadline a test sets
        if "HOG" in text:
            ballast = bytearray(HOG_MB * 2**20)
            ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page: resident
            time.sleep(60)

        first = text.split("\n")[0]
        sentences = [Sentence(start=0, end=len(first), text=first, index=0)]
        claims = [Claim(start=0, end=len(first), text=first, score=0.5, kind="other", sentence=0)]
        word = text.split()[0]
        techniques = [
            TechniqueSpan(start=0, end=len(word), text=word, technique="Loaded_Language",
                          confidence=0.9, sentence=0)
        ]
        # "Dated YYYY-MM-DD" stands for a page's own date; the caller's fills in for the rest.
        own = _OWN_DATE.search(text)
        date = own.group(1) if own else published.isoformat() if published else None
        return Report(
            unspun_version="test",
            source=page.source,
            document=Document(url=page.url, title=first[:20], date=date, text=text,
                              language="en"),
            sentences=sentences,
            claims=claims,
            techniques=techniques,
        )


def fake_factory() -> FakeAnalyzer:
    return FakeAnalyzer()


MODELS_MB = 64


def heavy_factory() -> FakeAnalyzer:
    """A stand-in whose loading, like the real models', holds MODELS_MB resident for a
    while: long enough for a memory watch polling every 0.2 s to see it."""
    analyzer = FakeAnalyzer()
    models = bytearray(MODELS_MB * 2**20)
    models[::4096] = b"x" * len(models[::4096])  # touch every page: resident
    analyzer.models = models  # type: ignore[attr-defined]
    time.sleep(1)
    return analyzer


def broken_factory() -> FakeAnalyzer:
    raise RuntimeError("models missing on purpose")


def dying_factory() -> FakeAnalyzer:
    os._exit(4)  # a native crash while loading the models: no exception to report


def dask_worker_state() -> tuple[int, bool, list[int]]:
    """Run on a Dask worker (``client.run``): its pid, whether it holds an analyzer itself,
    and the pids of its sub-worker processes."""
    import multiprocessing

    from unspun.batch import dask_engine

    subs = [p.pid for p in multiprocessing.active_children() if p.name == "pebble_pool_worker"]
    return os.getpid(), dask_engine._analyzer is not None, [p for p in subs if p is not None]


def html(words: str) -> str:
    return f"<html><body><p>{words}</p></body></html>"


def make_corpus(root: Path, n: int = 12, *, bad: bool = True) -> Path:
    """A folder of n articles (html, htm, txt, nested), plus a bad one and a non-article."""
    folder = root / "corpus"
    (folder / "nested" / "deeper").mkdir(parents=True)
    for i in range(n):
        where = [folder, folder / "nested", folder / "nested" / "deeper"][i % 3]
        suffix = [".html", ".htm", ".txt"][i % 3]
        body = f"Article {i} says things.\nSecond line {i}."
        content = html(body) if suffix != ".txt" else body
        (where / f"a{i:03d}{suffix}").write_text(content, encoding="utf-8")
    if bad:
        (folder / "zz-bad.txt").write_text("BAD article here.\n", encoding="utf-8")
        (folder / "zz-crash.txt").write_text("CRASH article here.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    return folder


def write_jsonl(path: Path, records: list[object | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def warc_record(body: bytes, record_id: str, uri: str = "https://news.example/story") -> bytes:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    header = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: {record_id}\r\n"
        f"WARC-Date: 2024-03-04T05:06:07Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def write_warc(path: Path, n: int) -> Path:
    path.write_bytes(
        b"".join(
            warc_record(
                html(f"Warc story {i} is here.").encode(),
                f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>",
                f"https://news.example/{i}",
            )
            for i in range(n)
        )
    )
    return path
