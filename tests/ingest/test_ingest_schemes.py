"""URLs of other schemes than http(s) are refused as such, wherever they are given, and the
refusals that need no DNS lookup can be had before any fetch (``check_url_early``)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ingest.ingest_support import NetworkLog
from unspun.cli import main
from unspun.errors import RefusedURLError
from unspun.ingest import IngestOptions, check_url_early, read_pages
from unspun.ingest.fetch import fetch_url, non_http_refusal

DATA_URLS = [
    "data:text/html,<p>hi</p>",
    "data:text/plain;base64,SGVsbG8=",
    "data:,hello world",
    "DATA:text/html;charset=utf-8,<h1>Mayor Smith resigns</h1> <p>The mayor said so.</p>",
    "data:text/html,<p>one\nline two</p>",
]


@pytest.mark.parametrize("url", DATA_URLS)
def test_data_urls_are_refused_as_not_http_not_read_as_text(
    url: str, network: NetworkLog
) -> None:
    with pytest.raises(RefusedURLError) as refused:
        list(read_pages(url))
    message = str(refused.value)
    assert "only http and https URLs are fetched, not data:" in message
    assert "\n" not in message
    assert network.connections == [] and network.lookups == []


@pytest.mark.parametrize("url", [*DATA_URLS, "javascript:alert(1)", "mailto:a@example.org"])
def test_a_url_given_where_a_file_is_expected_is_refused_not_missing(url: str) -> None:
    """What ``unspun extract INPUT`` does with INPUT that has no "://": a Path."""
    with pytest.raises(RefusedURLError, match="only http and https URLs are fetched"):
        list(read_pages(Path(url)))


@pytest.mark.parametrize("url", ["data:text/html,<p>hi</p>", "javascript:alert(1)"])
def test_cli_says_refused_for_a_data_url(url: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["extract", url], stdout=out, stderr=err) == 2
    assert "refused:" in err.getvalue() and "no such file" not in err.getvalue()
    assert out.getvalue() == ""


def test_an_existing_file_with_such_a_name_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name == "nt":
        pytest.skip("':' cannot be in a file name here")
    monkeypatch.chdir(tmp_path)
    Path("data:,notes.txt").write_text("Mayor Smith said the bridge will close.")
    (page,) = read_pages(Path("data:,notes.txt"))
    assert page.body.startswith(b"Mayor Smith")


@pytest.mark.parametrize(
    "text",
    [
        "Data: 5, 6 and 7 per cent, the figures show.",
        "data:5,6 were the scores on Tuesday night",
        "Notes: the council met on Tuesday.",
        "notes:draft, as the mayor called it",
    ],
)
def test_text_that_merely_starts_like_a_scheme_is_text(text: str) -> None:
    assert non_http_refusal(text) is None
    (page,) = read_pages(text)
    assert page.source == "<text>"


def test_a_long_data_url_is_cut_short_in_the_message() -> None:
    url = "data:text/html," + "<p>word</p> " * 5000
    refusal = non_http_refusal(url)
    assert refusal is not None
    assert len(str(refusal)) < 200 and "characters)" in str(refusal)


def test_fetch_url_refuses_a_data_url_as_not_http() -> None:
    with pytest.raises(RefusedURLError, match="not data:"):
        fetch_url("data:,hello world", IngestOptions())


# check_url_early: what a server calls on a submitted URL.


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "127.0.0.1, a loopback address"),
        ("http://[::1]:8080/x", "::1, a loopback address"),
        ("https://10.0.0.5/", "10.0.0.5, a private address"),
        ("http://169.254.169.254/latest/", "the cloud metadata endpoint"),
        ("http://[fe80::1%25eth0]/", "a link-local address"),
        ("http://017700000001/", "127.0.0.1, a loopback address"),
        ("http://[::ffff:192.168.0.1]/", "IPv4-mapped 192.168.0.1"),
    ],
)
def test_early_check_refuses_literal_private_addresses(
    url: str, reason: str, network: NetworkLog
) -> None:
    with pytest.raises(RefusedURLError) as early:
        check_url_early(url)
    assert reason in str(early.value)
    with pytest.raises(RefusedURLError) as fetched:
        fetch_url(url, IngestOptions(timeout=1))
    assert str(early.value) == str(fetched.value)  # the same words as the fetch itself
    assert network.connections == [] and network.lookups == []
    check_url_early(url, allow_private_network=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://8.8.8.8/",
        "https://[2606:4700:4700::1111]/",
        "http://localhost/",  # a name: judged by the guard when fetched, hop by hop
        "http://internal.example/",
        "https://example.org/news",
        "not a url at all",
        "http://",  # malformed: left to the caller's own check
    ],
)
def test_early_check_passes_names_and_public_addresses_without_lookups(
    url: str, network: NetworkLog
) -> None:
    check_url_early(url)
    assert network.lookups == [] and network.connections == []


@pytest.mark.parametrize("url", ["data:,x", "ftp://example.org/a", "file:///etc/passwd"])
def test_early_check_refuses_other_schemes(url: str) -> None:
    with pytest.raises(RefusedURLError, match="only http and https URLs are fetched"):
        check_url_early(url, allow_private_network=True)
