"""Fetching URLs from a local server on 127.0.0.1 (the guard is lifted or narrowed to it)."""

from __future__ import annotations

import http.server
import ipaddress
import re
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.ingest_support import ARTICLE, Handler, LocalServer, NetworkLog, Server
from unspun.errors import FetchError, InputError, RefusedURLError, UnsupportedError
from unspun.ingest import IngestOptions, decode, read_pages
from unspun.ingest.fetch import IPAddress, address_refusal_reason, fetch_url

LOCAL = IngestOptions(allow_private_network=True)


def only_127_0_0_1(ip: IPAddress) -> str | None:
    """The production policy, except that the test server's address is allowed."""
    if ip == ipaddress.ip_address("127.0.0.1"):
        return None
    return address_refusal_reason(ip)


def test_fetches_html_page(server: LocalServer) -> None:
    before = datetime.now(UTC)
    [page] = read_pages(server.url("/html"), LOCAL)
    assert page.body == ARTICLE
    assert page.media_type == "text/html"
    assert page.source == server.url("/html")
    assert page.url == server.url("/html")
    assert page.charset == "utf-8"
    assert page.fetched_at is not None and page.fetched_at >= before
    assert page.fetched_at.tzinfo is not None


def test_charset_header_is_kept_and_honoured(server: LocalServer) -> None:
    page = fetch_url(server.url("/cp1251"), LOCAL)
    assert page.charset == "windows-1251"
    assert "Новости дня" in decode(page)


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/text", "text/plain"),
        ("/xhtml", "text/html"),
        ("/untyped", "text/html"),
        ("/octet", "text/plain"),
    ],
)
def test_media_type_from_header_or_sniffed(server: LocalServer, path: str, media_type: str) -> None:
    assert fetch_url(server.url(path), LOCAL).media_type == media_type


def test_gzip_content_encoding_is_undone(server: LocalServer) -> None:
    assert fetch_url(server.url("/gzip"), LOCAL).body == ARTICLE


def test_follows_redirect_chain_and_reports_final_url(server: LocalServer) -> None:
    page = fetch_url(server.url("/chain?n=4"), LOCAL)  # five redirects: the limit
    assert page.body == ARTICLE
    assert page.url == server.url("/html")
    assert page.source == server.url("/chain?n=4")


def test_relative_redirect(server: LocalServer) -> None:
    assert fetch_url(server.url("/relative"), LOCAL).url == server.url("/html")


def test_too_many_redirects(server: LocalServer) -> None:
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        fetch_url(server.url("/chain?n=5"), LOCAL)  # six redirects


def test_redirect_limit_is_an_option(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        options = IngestOptions(allow_private_network=True, max_redirects=0)
        fetch_url(server.url("/chain?n=0"), options)


def test_redirect_loop(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(server.url("/loop"), LOCAL)


def test_redirect_without_location(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="redirect without a Location"):
        fetch_url(server.url("/no-location"), LOCAL)


def test_redirect_to_other_scheme_is_refused(server: LocalServer) -> None:
    with pytest.raises(RefusedURLError, match="not an http"):
        fetch_url(server.url("/redirect-to?url=file:///etc/passwd"), LOCAL)


@pytest.mark.parametrize(("path", "status"), [("/missing", "404"), ("/error", "503")])
def test_http_errors(server: LocalServer, path: str, status: str) -> None:
    with pytest.raises(FetchError, match=re.escape(f"fetch {server.url(path)}: HTTP {status}")):
        fetch_url(server.url(path), LOCAL)


def test_declared_body_over_cap(server: LocalServer) -> None:
    options = IngestOptions(allow_private_network=True, max_bytes=1000)
    with pytest.raises(FetchError, match="larger than the 1000 bytes limit"):
        fetch_url(server.url("/big-declared"), options)


def test_streamed_body_over_cap_stops_reading(server: LocalServer) -> None:
    options = IngestOptions(allow_private_network=True, max_bytes=64 * 1024)
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than the 64 KB limit"):
        fetch_url(server.url("/big-streamed"), options)
    assert time.monotonic() - started < 5


def test_trickling_server_hits_total_deadline(server: LocalServer) -> None:
    options = IngestOptions(allow_private_network=True, timeout=0.4)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.4 s"):
        fetch_url(server.url("/trickle"), options)
    # Each byte arrives well within any per-read timeout; only a total deadline stops this.
    assert time.monotonic() - started < 1.5


def test_stalled_server_times_out(server: LocalServer) -> None:
    options = IngestOptions(allow_private_network=True, timeout=0.3)
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server.url("/stall"), options)


def test_deadline_covers_all_redirects(server: LocalServer) -> None:
    # Four hops of 0.15 s each: every hop is quick, the whole chain is not.
    options = IngestOptions(allow_private_network=True, timeout=0.4)
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server.url("/slow-chain?n=3"), options)


def test_connection_refused(network: NetworkLog) -> None:
    with pytest.raises(FetchError, match=re.escape("http://127.0.0.1:9/: connection refused")):
        fetch_url("http://127.0.0.1:9/", LOCAL)
    assert network.connections == [("127.0.0.1", 9)]


def test_dns_failure_names_host() -> None:
    with pytest.raises(FetchError, match=r"cannot resolve nowhere\.invalid"):
        fetch_url("http://nowhere.invalid/", LOCAL)


def test_hanging_resolver_obeys_deadline() -> None:
    def hang(host: str, port: int) -> list[IPAddress]:
        time.sleep(2)
        return []

    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url("http://slow-dns.test/", IngestOptions(timeout=0.2), resolver=hang)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("path", ["/png", "/pdf"])
def test_non_text_content_types_unsupported(server: LocalServer, path: str) -> None:
    with pytest.raises(UnsupportedError, match="not an HTML page or plain text"):
        fetch_url(server.url(path), LOCAL)


def test_binary_body_behind_html_header(server: LocalServer) -> None:
    with pytest.raises(InputError, match="binary content"):
        fetch_url(server.url("/png-as-html"), LOCAL)


def test_empty_body(server: LocalServer) -> None:
    with pytest.raises(InputError, match="empty input"):
        fetch_url(server.url("/empty"), LOCAL)


def test_sends_user_agent(server: LocalServer) -> None:
    seen: list[str] = []

    def record(handler: http.server.BaseHTTPRequestHandler) -> None:
        seen.append(handler.headers["User-Agent"])
        server.routes["/html"](handler)

    server.routes["/ua"] = record
    fetch_url(server.url("/ua"), IngestOptions(allow_private_network=True, user_agent="probe/1"))
    assert seen == ["probe/1"]


def test_injected_policy_allows_only_the_test_server(server: LocalServer) -> None:
    assert fetch_url(server.url("/html"), IngestOptions(), address_policy=only_127_0_0_1).body


def test_monkeypatched_policy_applies_to_read_pages(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("unspun.ingest.fetch.address_refusal_reason", only_127_0_0_1)
    [page] = read_pages(server.url("/html"))
    assert page.body == ARTICLE


@pytest.fixture
def tls_server(tmp_path: Path, server: LocalServer) -> Iterator[tuple[str, Path]]:
    """The local server's routes over HTTPS, with a throwaway certificate for localhost."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert),
         "-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.routes = server.routes
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"https://localhost:{httpd.server_address[1]}", cert
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_goes_through_the_guard_and_verifies_certificates(
    tls_server: tuple[str, Path], network: NetworkLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, cert = tls_server
    network.dns["localhost"] = ["127.0.0.1"]
    # Untrusted certificate: the handshake (run over the guarded, deadline-bound stream)
    # fails cleanly.
    with pytest.raises(FetchError, match="certificate verify failed"):
        fetch_url(f"{base}/html", IngestOptions(), address_policy=only_127_0_0_1)
    # Trusted: the name checked is the URL's host, although the socket went to a vetted IP.
    trusting = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr("unspun.ingest.fetch.ssl_context", lambda: trusting)
    page = fetch_url(f"{base}/html", IngestOptions(), address_policy=only_127_0_0_1)
    assert page.body == ARTICLE
    assert page.url == f"{base}/html"
    assert {host for host, _ in network.connections} == {"127.0.0.1"}
