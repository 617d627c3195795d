"""Folders given to `unspun batch`: every input kind inside them is read (.jsonl, .warc and
their .gz too), and any other file is named in one line, never passed over in silence."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from batch.batch_support import make_corpus, write_jsonl, write_warc
from batch.test_batch_integrity import cli_batch, lines_about
from batch.test_batch_run import run_fake
from unspun.batch import read_table


def test_a_folder_includes_the_warc_and_jsonl_files_inside_it(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path, 3, bad=False)
    records = [{"url": f"https://j.example/{i}", "text": f"Json story {i}."} for i in range(2)]
    write_jsonl(folder / "feed.jsonl", records)
    (folder / "nested" / "feed.jsonl.gz").write_bytes(
        gzip.compress((folder / "feed.jsonl").read_bytes()))
    write_warc(folder / "nested" / "crawl.warc", 2)
    plain = write_warc(tmp_path / "crawl.warc", 3).read_bytes()
    (folder / "nested" / "deeper" / "crawl.warc.gz").write_bytes(gzip.compress(plain))
    out = tmp_path / "out"
    log = io.StringIO()
    summary = run_fake([str(folder)], out, workers=1, progress=log)
    sources = sorted(r["source"] for r in read_table(out, "articles").to_pylist())
    assert (summary.articles, summary.errors) == (3 + 2 + 2 + 2 + 3, 0)  # type: ignore[attr-defined]
    assert sum(s.startswith(f"jsonl:{folder / 'feed.jsonl'}:") for s in sources) == 2
    assert sum(s.startswith(f"jsonl:{folder / 'nested' / 'feed.jsonl.gz'}:") for s in sources) == 2
    assert sum("crawl.warc.gz#" in s for s in sources) == 3
    assert sum("crawl.warc#" in s for s in sources) == 2
    # The folder's one other file is named, not dropped without a word.
    (line,) = lines_about(log.getvalue(), "notes.md")
    assert "not read" in line


def test_the_cli_names_files_it_does_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = make_corpus(tmp_path, 2, bad=False)
    (folder / "nested" / "photo.png").write_bytes(b"\x89PNG")
    code, _, stderr = cli_batch([str(folder)], tmp_path / "out", monkeypatch)
    assert code == 0, stderr
    (line,) = lines_about(stderr, "not read")
    assert "2 files" in line and "notes.md" in line and "photo.png" in line


def test_folder_inputs_are_counted_and_listed_in_sorted_order(tmp_path: Path) -> None:
    from unspun.batch import Task, count_items, iter_items
    from unspun.ingest import IngestOptions

    folder = make_corpus(tmp_path, 2, bad=False)
    write_jsonl(folder / "b.jsonl", [{"text": "One."}, {"text": "Two."}, "{broken"])
    # 2 pages, 3 JSON lines (one an error row); notes.md is not an input.
    assert count_items([str(folder)]) == 5
    write_warc(folder / "c.warc", 2)
    assert count_items([str(folder)]) is None  # unknown without reading the WARC through
    found = list(iter_items([str(folder)], IngestOptions()))
    assert len(found) == 7 and sum(isinstance(i, Task) for i in found) == 6
    kinds = [i.source.split(":")[0] if ":" in i.source else Path(i.source).name for i in found]
    # Sorted, files before subfolders, as os.walk gives them: a rerun meets the same order.
    assert kinds == ["a000.html", "jsonl", "jsonl", "jsonl", "warc", "warc", "a001.htm"]
    (folder / "d.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Three."}\n'))
    assert len(list(iter_items([str(folder)], IngestOptions()))) == 8


def test_a_data_url_input_is_refused_as_not_http() -> None:
    from unspun.batch.sources import iter_items
    from unspun.batch.tasks import Failure
    from unspun.ingest import IngestOptions

    items = list(iter_items(["data:text/html,<p>hi</p>"], IngestOptions()))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert "only http and https URLs are fetched" in items[0].reason
