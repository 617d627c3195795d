"""The server-side request forgery guard: refusals happen before any connection is made."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Any

import pytest

from ingest.ingest_support import LocalServer, NetworkLog
from unspun.errors import FetchError, InputError, RefusedURLError, UnspunError
from unspun.ingest import IngestOptions, is_url, read_pages
from unspun.ingest.fetch import (
    IPAddress,
    address_refusal_reason,
    fetch_url,
    parse_ip_literal,
)


def only_127_0_0_1(ip: IPAddress) -> str | None:
    if ip == ipaddress.ip_address("127.0.0.1"):
        return None
    return address_refusal_reason(ip)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.1.1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not globally routable"),
        ("192.0.2.1", "private"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("fd00:ec2::254", "metadata"),
        ("::ffff:127.0.0.1", "IPv4-mapped 127.0.0.1"),
        ("::ffff:169.254.169.254", "IPv4-mapped 169.254.169.254"),
        ("::ffff:0:a00:1", "IPv4-translated 10.0.0.1"),
        ("::127.0.0.1", "IPv4-compatible 127.0.0.1"),
        ("2002:7f00:1::", "6to4 127.0.0.1"),
        ("2002:a9fe:a9fe::1", "6to4 169.254.169.254"),
        ("64:ff9b::a00:5", "NAT64 10.0.0.5"),
        ("64:ff9b:1::1", "local-use NAT64"),
        ("2001:db8::1", "private"),
    ],
)
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    verdict = address_refusal_reason(ipaddress.ip_address(address))
    assert verdict is not None
    assert reason in verdict


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"],
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_refusal_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("::ffff:7f00:1", "::ffff:127.0.0.1"),
        ("fe80::1%25eth0", "fe80::1%eth0"),
        ("example.com", None),
        ("cafe.bad", None),
    ],
)
def test_numeric_host_forms_are_normalised_without_dns(host: str, expected: str | None) -> None:
    parsed = parse_ip_literal(host)
    assert parsed == (ipaddress.ip_address(expected) if expected is not None else None)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/admin",
        "https://127.0.0.1/",
        "HTTP://127.0.0.1/",
        "http://user:secret@127.0.0.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0x7f000001/",
        "http://017700000001/",
        "http://127.1/",
        "http://0/",
        "http://0.0.0.0:80/",
        "http://10.0.0.5/",
        "http://192.168.0.1/router",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fe80::1%25eth0]/",
        "http://[fd00:ec2::254]/",
        "http://[2002:7f00:1::]/",
        "http://[64:ff9b::a9fe:a9fe]/",
    ],
)
def test_refused_before_any_dns_or_connection(url: str, network: NetworkLog) -> None:
    with pytest.raises(RefusedURLError, match=r"^refused: .* resolves to .*private-network"):
        list(read_pages(url))
    assert network.connections == []
    assert network.lookups == []


def test_refusal_message_names_url_address_and_kind() -> None:
    with pytest.raises(RefusedURLError) as caught:
        fetch_url("http://2130706433/x", IngestOptions())
    assert str(caught.value) == (
        "refused: http://2130706433/x resolves to 127.0.0.1, a loopback address"
        " (use --allow-private-network to allow)"
    )


def test_hostname_resolving_to_private_address_is_refused(network: NetworkLog) -> None:
    network.dns["intranet.example"] = ["10.0.0.5"]
    with pytest.raises(RefusedURLError, match=r"resolves to 10\.0\.0\.5, a private address"):
        fetch_url("http://intranet.example/", IngestOptions())
    assert network.lookups == ["intranet.example"]
    assert network.connections == []


def test_any_bad_address_refuses_the_host(network: NetworkLog) -> None:
    network.dns["mixed.example"] = ["93.184.216.34", "169.254.169.254"]
    with pytest.raises(RefusedURLError, match="metadata"):
        fetch_url("http://mixed.example/", IngestOptions())
    assert network.connections == []


def test_localhost_resolving_to_ipv6_loopback(network: NetworkLog) -> None:
    network.dns["localhost"] = ["::1"]
    with pytest.raises(RefusedURLError, match=r"resolves to ::1, a loopback address"):
        fetch_url("http://localhost:8000/", IngestOptions())
    assert network.connections == []


def test_custom_policy_and_resolver_are_used(network: NetworkLog) -> None:
    seen: list[IPAddress] = []

    def resolver(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("203.0.113.9")]

    def policy(ip: IPAddress) -> str | None:
        seen.append(ip)
        return "a test-refused address"

    with pytest.raises(RefusedURLError, match="a test-refused address"):
        fetch_url("http://news.test/", IngestOptions(), address_policy=policy, resolver=resolver)
    assert seen == [ipaddress.ip_address("203.0.113.9")]
    assert network.lookups == [] and network.connections == []


@pytest.mark.parametrize(
    ("target", "refused_ip"),
    [
        ("http://127.0.0.2:{port}/html", "127.0.0.2"),
        ("http://localhost:{port}/html", "::1"),
        ("http://internal.test/html", "10.0.0.5"),
        ("http://[::ffff:127.0.0.1]:{port}/html", "::ffff:127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ],
)
def test_redirect_to_refused_address_is_refused(
    server: LocalServer, network: NetworkLog, target: str, refused_ip: str
) -> None:
    network.dns["localhost"] = ["::1"]
    network.dns["internal.test"] = ["10.0.0.5"]
    location = target.format(port=server.port)
    start = server.url(f"/redirect-to?url={location}")
    with pytest.raises(RefusedURLError) as caught:
        fetch_url(start, IngestOptions(), address_policy=only_127_0_0_1)
    message = str(caught.value)
    assert message.startswith(f"refused: {start} redirects to ")
    # Python versions differ in how they print IPv4-mapped addresses, so print it the same way.
    assert f"resolves to {ipaddress.ip_address(refused_ip)}," in message
    # Only the allowed redirector was ever connected to.
    assert set(network.connections) == {("127.0.0.1", server.port)}


def test_redirect_hop_refused_through_read_pages(
    server: LocalServer, network: NetworkLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("unspun.ingest.fetch.address_refusal_reason", only_127_0_0_1)
    start = server.url(f"/redirect-to?url=http://127.0.0.2:{server.port}/html")
    with pytest.raises(RefusedURLError, match=re.escape("resolves to 127.0.0.2")):
        list(read_pages(start))
    assert set(network.connections) == {("127.0.0.1", server.port)}


def test_connected_peer_is_checked_before_the_body(server: LocalServer) -> None:
    # Simulates DNS rebinding slipping past the pre-connect check: the policy allows the
    # address when connecting but refuses the same peer afterwards.
    calls: list[IPAddress] = []

    def flip(ip: IPAddress) -> str | None:
        calls.append(ip)
        return None if len(calls) == 1 else "a rebinding address"

    with pytest.raises(RefusedURLError, match=r"connected to 127\.0\.0\.1, a rebinding address"):
        fetch_url(server.url("/html"), IngestOptions(), address_policy=flip)


def test_allow_private_network_lifts_the_guard(server: LocalServer) -> None:
    [page] = read_pages(server.url("/html"), IngestOptions(allow_private_network=True))
    assert page.body


@pytest.mark.parametrize(
    "source",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "file://localhost/etc/hostname",
        "ftp://example.com/article.html",
        "javascript:alert(1)",
        "data:text/html,<b>hi</b>",
        "gopher://127.0.0.1:70/",
        "ws://127.0.0.1/",
    ],
)
def test_other_schemes_are_refused_and_never_read(
    source: str, network: NetworkLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(RefusedURLError, match="only http and https URLs are fetched"):
        list(read_pages(source))
    assert opened == []
    assert network.connections == [] and network.lookups == []


@pytest.mark.parametrize("source", ["http://", "https:///path", "http:example.com"])
def test_malformed_http_urls(source: str, network: NetworkLog) -> None:
    with pytest.raises(InputError, match="invalid URL"):
        list(read_pages(source))
    assert network.connections == []


def test_refused_is_a_fetch_error() -> None:
    assert issubclass(RefusedURLError, FetchError)
    assert issubclass(RefusedURLError, UnspunError)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.com/news/1", True),
        ("  http://example.com  ", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("http://[::1]:8080/x", True),
        ("http://", False),
        ("http://exa mple.com/", False),
        ("ftp://example.com/", False),
        ("example.com", False),
        ("some text http://example.com", False),
        ("", False),
    ],
)
def test_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected
