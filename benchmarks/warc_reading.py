"""What unspun's WARC reading costs over FastWARC's own iteration, on the same file.

    python benchmarks/warc_reading.py [--records 5000] [--repeat 3]

A WARC is generated from the saved pages (a request record before each response, as a crawler
writes them) as plain and gzipped (one gzip member per record, as crawlers write them).
Three readers go through each file:

* ``fastwarc``: ``ArchiveIterator`` over response records with HTTP parsing, reading every
  payload: the least any reader of the file must do;
* ``read_pages``: unspun's reader: the same, plus the checks that make a Page (status,
  media type, charset, payload size cap, damage handling);
* ``batch items``: what ``unspun batch`` pulls from a WARC input (read_pages plus task ids
  and the skip test for resuming).

Reported: the best of --repeat runs, in records/s and MB/s of the file, and each reader's
time relative to fastwarc's.
"""

from __future__ import annotations

import argparse
import gzip
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")) + sorted(
    (ROOT / "src" / "unspun" / "samples").glob("*.html")
)


def _record(kind: str, uri: str, block: bytes, number: int) -> bytes:
    mime = "application/http; msgtype=" + kind
    header = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-{number % 10000:04d}-{number:012d}>\r\n"
        f"WARC-Date: 2024-03-04T05:06:07Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {mime}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def make_warcs(folder: Path, records: int) -> tuple[Path, Path]:
    bodies = [p.read_bytes() for p in PAGES]
    plain = folder / "crawl.warc"
    gzipped = folder / "crawl.warc.gz"
    with plain.open("wb") as raw, gzipped.open("wb") as gz:
        for i in range(records):
            uri = f"https://news{i % 17}.example/story/{i}"
            request = _record("request", uri, f"GET /story/{i} HTTP/1.1\r\n"
                              f"Host: news{i % 17}.example\r\n\r\n".encode(), 2 * i)
            body = bodies[i % len(bodies)]
            response = _record("response", uri, b"HTTP/1.1 200 OK\r\nContent-Type: text/html;"
                               b" charset=utf-8\r\nContent-Length: " + str(len(body)).encode()
                               + b"\r\n\r\n" + body, 2 * i + 1)
            for record in (request, response):
                raw.write(record)
                gz.write(gzip.compress(record, compresslevel=6))
    return plain, gzipped


def read_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    with path.open("rb") as stream:  # FastWARC detects the gzip members itself
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response,
                                      parse_http=True):
            record.reader.read()
            count += 1
    return count


def read_unspun(path: Path) -> int:
    from unspun.ingest import IngestOptions, read_pages

    return sum(1 for _ in read_pages(path, IngestOptions()))


def read_batch_items(path: Path) -> int:
    from unspun.batch import iter_items
    from unspun.batch.tasks import Task
    from unspun.ingest import IngestOptions

    done: set[str] = set()
    return sum(isinstance(item, Task) for item in iter_items([str(path)], IngestOptions(),
                                                              skip=done.__contains__))


def best(reader: Callable[[Path], int], path: Path, repeat: int) -> tuple[float, int]:
    reader(path)  # untimed: imports, and the file into the page cache
    times, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = reader(path)
        times.append(time.perf_counter() - started)
    return min(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=5000, help="HTML responses per file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    readers = {"fastwarc": read_fastwarc, "read_pages": read_unspun,
               "batch items": read_batch_items}
    print(f"$ {Path(sys.executable).name} {' '.join(sys.argv)}")
    print(f"python {platform.python_version()}, {platform.machine()}; {args.records} responses"
          f" (+ as many requests) from {len(PAGES)} distinct pages")
    with tempfile.TemporaryDirectory(prefix="unspun-warc-bench-") as tmp:
        for path in make_warcs(Path(tmp), args.records):
            size_mb = path.stat().st_size / 1e6
            print(f"\n{path.name}: {size_mb:.1f} MB")
            print(f"{'reader':>12} {'records':>8} {'seconds':>8} {'records/s':>10} {'MB/s':>7}"
                  f" {'vs fastwarc':>11}")
            base = None
            for name, reader in readers.items():
                seconds, count = best(reader, path, args.repeat)
                base = base or seconds
                print(f"{name:>12} {count:>8} {seconds:>8.3f} {count / seconds:>10.0f}"
                      f" {size_mb / seconds:>7.1f} {seconds / base:>10.2f}x")


if __name__ == "__main__":
    main()
