"""Property tests: whatever comes in, only UnspunError comes out, and decode never raises.

Every example runs under the autouse network fixture (fake DNS, loopback-only connect), so
even a generated string that happened to be a URL could not reach the network.
"""

from __future__ import annotations

import gzip
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspun.errors import UnspunError
from unspun.ingest import IngestOptions, MediaType, Page, decode, is_url, read_pages
from unspun.ingest.sniff import binary_kind, is_warc, looks_like_html

# The network fixture is function-scoped but stateless between examples (it only patches
# socket functions), so sharing it across examples is exactly what is wanted.
FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SMALL = IngestOptions(max_bytes=64 * 1024, timeout=1.0)

WARC_PREFIX = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n"


def drain(source: str | bytes) -> None:
    """Read every page, decode it, and accept only deliberate errors."""
    try:
        for page in read_pages(source, SMALL, stdin=io.BytesIO(b"")):
            assert isinstance(decode(page), str)
    except UnspunError as error:
        message = str(error)
        assert message and "\n" not in message


@FAST
@given(st.binary(max_size=4096))
def test_arbitrary_bytes(data: bytes) -> None:
    drain(data)


@FAST
@given(st.text(max_size=2048))
def test_arbitrary_text(text: str) -> None:
    drain(text)


@FAST
@given(st.binary(max_size=2048))
def test_arbitrary_warc_like_bytes(tail: bytes) -> None:
    drain(WARC_PREFIX + tail)
    drain(gzip.compress(WARC_PREFIX + tail))


@FAST
@given(
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "file:", "javascript:"]),
    st.text(max_size=64),
)
def test_arbitrary_url_like_strings(prefix: str, rest: str) -> None:
    drain(prefix + rest)
    assert isinstance(is_url(prefix + rest), bool)


@FAST
@given(
    body=st.binary(max_size=4096),
    charset=st.none() | st.text(max_size=40),
    media_type=st.sampled_from(["text/html", "text/plain"]),
)
def test_decode_never_raises(body: bytes, charset: str | None, media_type: MediaType) -> None:
    text = decode(Page(body=body, source="<test>", media_type=media_type, charset=charset))
    assert isinstance(text, str)
    assert not text.startswith("\ufeff")


@FAST
@given(st.text(max_size=1024), st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_decode_round_trips_declared_text(text: str, charset: str) -> None:
    try:
        body = text.encode(charset)
    except UnicodeEncodeError:
        return
    decoded = decode(Page(body=body, source="<test>", media_type="text/plain", charset=charset))
    if charset == "utf-16":
        # The BOM that Python writes is stripped; everything else must survive. A text that
        # starts with NUL is left out: BOM + U+0000 is byte for byte the UTF-32 BOM.
        if not text.startswith("\x00"):
            assert decoded == text.removeprefix("\ufeff")
    elif charset == "utf-8" or (charset == "cp1252" and text.isascii()):
        assert decoded == text.removeprefix("\ufeff")


@FAST
@given(st.binary(max_size=4096))
def test_sniffers_never_raise(data: bytes) -> None:
    binary_kind(data)
    looks_like_html(data)
    is_warc(data)
