"""Readers for every batch input kind, stable ids, de-duplication and polite URL fetching."""

from __future__ import annotations

import gzip
import itertools
import threading
import time
from pathlib import Path

import pytest

from batch.batch_support import html, make_corpus, write_jsonl, write_warc
from unspun.batch import Failure, Politeness, Task, count_items, iter_items, task_id
from unspun.errors import FetchError
from unspun.ingest import IngestOptions, Page

OPTIONS = IngestOptions()


def items(inputs: list[str], **kwargs: object) -> list[Task | Failure]:
    return list(iter_items(inputs, OPTIONS, **kwargs))  # type: ignore[arg-type]


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path, 6, bad=False)
    found = items([str(folder)])
    assert all(isinstance(i, Task) for i in found)
    names = [Path(i.source).name for i in found]
    assert names == ["a000.html", "a003.html", "a001.htm", "a004.htm", "a002.txt", "a005.txt"]
    kinds = {Path(i.source).suffix: i.page.media_type for i in found if isinstance(i, Task)}
    assert kinds == {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}
    assert count_items([str(folder)]) == 6


def test_ids_are_stable_and_independent_of_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_corpus(tmp_path, 3, bad=False)
    first = [i.id for i in items([str(folder)])]
    monkeypatch.chdir(tmp_path)
    again = [i.id for i in items(["corpus"])]
    assert first == again
    assert first[0] == task_id(f"file:{folder / 'a000.html'}")
    assert len(set(first)) == 3


def test_the_same_article_twice_is_one_task(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path, 3, bad=False)
    found = items([str(folder), str(folder / "a000.html")])
    assert len(found) == 3


def test_skip_leaves_out_committed_ids(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path, 3, bad=False)
    ids = [i.id for i in items([str(folder)])]
    assert [i.id for i in items([str(folder)], skip={ids[1]}.__contains__)] == [ids[0], ids[2]]


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {"url": "https://x.example/1", "html": html("One story.")},
            {"url": "https://x.example/2", "text": "Two story."},
            "{not json",
            {"url": "https://x.example/4"},
            ["a list"],
            {"url": 5, "text": "bad url type"},
        ],
    )
    found = items([str(path)])
    assert [type(i).__name__ for i in found] == ["Task"] * 2 + ["Failure"] * 4
    first, second = found[0], found[1]
    assert isinstance(first, Task) and isinstance(second, Task)
    assert first.page.media_type == "text/html" and first.page.url == "https://x.example/1"
    assert second.page.media_type == "text/plain" and second.page.body == b"Two story."
    assert first.source == f"jsonl:{path}:1"
    assert first.id == task_id(f"jsonl:{path}:1")
    reasons = [i.reason for i in found[2:] if isinstance(i, Failure)]
    assert reasons[0].startswith("invalid JSON")
    assert "no non-empty 'html' or 'text'" in reasons[1]
    assert count_items([str(path)]) == 6


def test_gzipped_jsonl_and_a_truncated_one(tmp_path: Path) -> None:
    lines = "".join(f'{{"url": "https://x.example/{i}", "text": "Story {i}."}}\n' for i in range(3))
    good = tmp_path / "a.jsonl.gz"
    good.write_bytes(gzip.compress(lines.encode()))
    assert [type(i).__name__ for i in items([str(good)])] == ["Task"] * 3
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(lines.encode())[:-12])
    kinds = [type(i).__name__ for i in items([str(cut)])]
    assert kinds[-1] == "Failure" and set(kinds[:-1]) == {"Task"}
    assert count_items([str(good)]) is None  # unknown without decompressing


def test_warc_records_are_tasks_with_record_ids(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", 3)
    found = items([str(path)])
    assert len(found) == 3 and all(isinstance(i, Task) for i in found)
    assert found[0].source == f"warc:{path}#<urn:uuid:00000000-0000-0000-0000-000000000000>"
    assert found[0].id == task_id(found[0].source)
    gz = tmp_path / "crawl.warc.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    assert len(items([str(gz)])) == 3


def test_unreadable_inputs_are_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "junk.warc").write_bytes(b"not a warc at all")
    found = items([str(tmp_path / "missing.html"), str(tmp_path / "empty.html"),
                   str(tmp_path / "junk.warc")])
    assert all(isinstance(i, Failure) for i in found)
    assert "no such file" in found[0].reason  # type: ignore[union-attr]


class FakeFetch:
    """Records when each request ran, to check one-at-a-time per host and the delay."""

    def __init__(self, seconds: float = 0.05) -> None:
        self.seconds = seconds
        self.calls: list[tuple[str, float, float]] = []
        self.lock = threading.Lock()

    def __call__(self, url: str, options: IngestOptions) -> Page:
        start = time.monotonic()
        time.sleep(self.seconds)
        with self.lock:
            self.calls.append((url, start, time.monotonic()))
        if url.endswith("/gone"):
            raise FetchError(f"could not fetch {url}: HTTP 404")
        return Page(body=html(url).encode(), source=url, media_type="text/html", url=url)


def test_url_list_is_fetched_politely(tmp_path: Path) -> None:
    urls = [f"https://a.example/{i}" for i in range(3)] + [
        f"https://b.example/{i}" for i in range(3)
    ] + ["https://b.example/gone"]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls[:4]) + "\n\n  " + "\n".join(urls[4:]) + "\n")
    fetch = FakeFetch()
    found = items([str(listing)], politeness=Politeness(delay=0.1), fetch=fetch)
    assert sorted(i.source for i in found) == sorted(urls)
    assert [i.id for i in found if i.source == urls[0]] == [task_id(f"url:{urls[0]}")]
    failed = [i for i in found if isinstance(i, Failure)]
    assert [f.source for f in failed] == ["https://b.example/gone"]
    assert count_items([str(listing)]) == 7
    for host in ("a.example", "b.example"):
        calls = sorted((c for c in fetch.calls if host in c[0]), key=lambda c: c[1])
        for before, after in itertools.pairwise(calls):
            # Never overlapping, and the delay between the end of one and the next start.
            assert after[1] - before[2] >= 0.09
    # The two hosts were fetched at the same time, not one after the other.
    starts = {c[0].split("/")[2]: c[1] for c in sorted(fetch.calls, key=lambda c: -c[1])}
    assert abs(starts["a.example"] - starts["b.example"]) < 0.1


def test_skipped_urls_are_not_fetched_again(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("https://a.example/1\nhttps://a.example/2\n")
    fetch = FakeFetch(0)
    done = task_id("url:https://a.example/1")
    found = items([str(listing)], skip={done}.__contains__, fetch=fetch)
    assert [i.source for i in found] == ["https://a.example/2"]
    assert [c[0] for c in fetch.calls] == ["https://a.example/2"]


def test_a_txt_with_prose_is_an_article_not_a_url_list(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("https://a.example/1\nand some words\n")
    (found,) = items([str(path)])
    assert isinstance(found, Task) and found.page.media_type == "text/plain"
