"""read_pages on files, standard input, bytes and strings (everything except URLs and WARCs)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from unspun.errors import InputError
from unspun.ingest import IngestOptions, Page, decode, read_pages

HTML = b"<!DOCTYPE html><html><body><p>Hello.</p></body></html>"
TEXT = b"A plain-text article.\nSecond line.\n"


def one(source: Any, options: IngestOptions | None = None, **kwargs: Any) -> Page:
    pages = list(read_pages(source, options, **kwargs))
    assert len(pages) == 1
    return pages[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "media_type"),
    [
        ("a.html", HTML, "text/html"),
        ("a.HTM", HTML, "text/html"),
        ("a.html", TEXT, "text/html"),  # the extension decides for .html ...
        ("a.txt", TEXT, "text/plain"),
        ("a.txt", HTML, "text/plain"),  # ... and for .txt
        ("a.dat", HTML, "text/html"),  # any other extension: sniffed
        ("a.md", TEXT, "text/plain"),
        ("noext", HTML, "text/html"),
        ("noext", TEXT, "text/plain"),
    ],
)
def test_file_media_types(tmp_path: Path, name: str, data: bytes, media_type: str) -> None:
    path = write(tmp_path, name, data)
    page = one(path)
    assert page.media_type == media_type
    assert page.body == data
    assert page.source == str(path)
    assert page.url is None and page.charset is None and page.fetched_at is None


def test_string_naming_a_file_reads_it(tmp_path: Path) -> None:
    path = write(tmp_path, "story.html", HTML)
    assert one(str(path)).source == str(path)


def test_pathlike_that_is_not_a_path(tmp_path: Path) -> None:
    class Location(os.PathLike[str]):
        def __fspath__(self) -> str:
            return str(tmp_path / "story.txt")

    write(tmp_path, "story.txt", TEXT)
    assert one(Location()).body == TEXT


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    with pytest.raises(InputError, match=f"^no such file: {missing}$"):
        list(read_pages(missing))


@pytest.mark.parametrize("name", ["nope.html", "nope.txt", "./nope", "/no/such/dir/x", "a.warc.gz"])
def test_missing_file_named_by_string(name: str) -> None:
    with pytest.raises(InputError, match=r"^no such file: "):
        list(read_pages(name))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"is a directory"):
        list(read_pages(tmp_path))
    with pytest.raises(InputError, match=r"is a directory"):
        list(read_pages(str(tmp_path)))


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.html", b"")
    with pytest.raises(InputError, match=f"^empty input: {path} is empty$"):
        list(read_pages(path))


def test_whitespace_only_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^empty input: .* holds only whitespace$"):
        list(read_pages(write(tmp_path, "blank.txt", b"  \r\n\t\n")))


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50, "a PNG image"),
        ("paper.txt", b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n", "a PDF document"),
        ("prog", b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "an ELF executable"),
        ("blob.bin", bytes(range(256)) * 4, "binary data"),
        ("page.html.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "gzip-compressed data"),
    ],
)
def test_binary_file(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    path = write(tmp_path, name, data)
    message = f"binary content, not a web page or text: {path} looks like {kind}"
    with pytest.raises(InputError) as caught:
        list(read_pages(path))
    assert str(caught.value) == message


def test_file_over_the_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "big.html", b"<p>" + b"x" * 200)
    with pytest.raises(InputError, match=f"^{path} is larger than the 100 bytes limit$"):
        list(read_pages(path, IngestOptions(max_bytes=100)))


def test_file_exactly_at_the_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "fits.txt", b"x" * 100)
    assert len(one(path, IngestOptions(max_bytes=100)).body) == 100


def test_default_cap_is_quoted_as_10_mb(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", b"")
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)  # sparse: no 10 MB written
    with pytest.raises(InputError, match=r"is larger than the 10 MB limit$"):
        list(read_pages(path))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_unsized_file_is_read_only_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/zero never ends and has no size: reading must stop at max_bytes + 1.
    requested: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read

        def read(size: int = -1) -> bytes:
            requested.append(size)
            assert size >= 0, "unbounded read"
            data: bytes = real_read(size)
            return data

        handle.read = read
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    with pytest.raises(InputError, match=r"larger than the 1000 bytes limit"):
        list(read_pages(Path("/dev/zero"), IngestOptions(max_bytes=1000)))
    assert sum(requested) <= 1001


def test_stdin() -> None:
    page = one("-", stdin=io.BytesIO(HTML))
    assert page.source == "-"
    assert page.media_type == "text/html"
    assert one("-", stdin=io.BytesIO(TEXT)).media_type == "text/plain"


def test_stdin_problems() -> None:
    with pytest.raises(InputError, match=r"^empty input: standard input is empty$"):
        list(read_pages("-", stdin=io.BytesIO(b"")))
    with pytest.raises(InputError, match=r"^binary content.*standard input looks like a PDF"):
        list(read_pages("-", stdin=io.BytesIO(b"%PDF-1.4")))
    with pytest.raises(InputError, match=r"^standard input is larger than the 10 bytes limit$"):
        list(read_pages("-", IngestOptions(max_bytes=10), stdin=io.BytesIO(b"x" * 11)))


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(TEXT)

    monkeypatch.setattr("sys.stdin", FakeStdin())
    assert one("-").body == TEXT


def test_bytes_content() -> None:
    page = one(HTML)
    assert page.source == "<bytes>"
    assert page.media_type == "text/html"
    assert one(bytearray(TEXT)).media_type == "text/plain"
    with pytest.raises(InputError, match=r"^empty input: the given content is empty$"):
        list(read_pages(b""))
    with pytest.raises(InputError, match=r"^binary content"):
        list(read_pages(b"GIF89a\x01\x00"))


@pytest.mark.parametrize(
    ("text", "media_type"),
    [
        ("Just a sentence typed on the command line.", "text/plain"),
        ("<html><body><p>Inline HTML</p></body></html>", "text/html"),
        ("hello", "text/plain"),
        ("Look: http://example.com is mentioned, not fetched.", "text/plain"),
        ("Multi\nline\ntext about ./configure and a.html", "text/plain"),
    ],
)
def test_string_content(text: str, media_type: str) -> None:
    page = one(text)
    assert page.source == "<text>"
    assert page.media_type == media_type
    assert page.charset == "utf-8"
    assert decode(page) == text


def test_string_content_with_surrogate_escapes() -> None:
    # What Python makes of non-UTF-8 bytes in argv: the original bytes come back.
    page = one("caf\udce9 au lait")
    assert page.body == b"caf\xe9 au lait"
    assert page.charset is None


def test_string_content_problems() -> None:
    with pytest.raises(InputError, match=r"^empty input: the given text"):
        list(read_pages(""))
    with pytest.raises(InputError, match=r"^empty input: the given text holds only whitespace$"):
        list(read_pages(" \n "))
    with pytest.raises(InputError, match=r"^the given text is larger than the 5 bytes limit$"):
        list(read_pages("too long", IngestOptions(max_bytes=5)))


def test_unsupported_source_type() -> None:
    with pytest.raises(InputError, match=r"^cannot read a int"):
        list(read_pages(42))  # type: ignore[arg-type]


def test_read_pages_is_lazy(tmp_path: Path) -> None:
    pages = read_pages(tmp_path / "missing.html")  # no error yet
    with pytest.raises(InputError):
        next(pages)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": 0}, "invalid timeout"),
        ({"timeout": -1.0}, "invalid timeout"),
        ({"max_bytes": 0}, "invalid size limit"),
        ({"max_redirects": -1}, "invalid redirect limit"),
    ],
)
def test_invalid_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        IngestOptions(**options)


def test_default_options() -> None:
    options = IngestOptions()
    assert options.timeout == 10.0
    assert options.max_bytes == 10 * 1024 * 1024
    assert options.max_redirects == 5
    assert options.allow_private_network is False
    assert options.user_agent.startswith("unspun/")
