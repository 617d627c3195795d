"""Fetching one article over HTTP(S), safely.

Safety comes from where the checks sit. The address guard lives in the network backend
httpx uses to open sockets: it resolves the host itself, refuses the whole host if any of
its addresses is not public, and then connects to exactly the vetted address. So every
connection (every redirect hop included) is checked, and DNS rebinding cannot swap in a
private address between the check and the connection. The connected peer is checked once
more before the body is read, as a second line of defence.

The deadline is enforced in the same place: every socket operation gets at most the time
left, so a server trickling one byte at a time cannot stretch a 10 s fetch.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

from unspun.errors import FetchError, InputError, RefusedURLError, UnsupportedError
from unspun.ingest.page import MediaType, Page
from unspun.ingest.sniff import (
    HTML_MEDIA_TYPES,
    charset_param,
    check_content,
    format_size,
    parse_content_type,
    sniff_media_type,
)

if TYPE_CHECKING:
    from unspun.ingest import IngestOptions

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], str | None]
"""Why an address may not be connected to (a phrase such as "a loopback address"), or None."""
Resolver = Callable[[str, int], Sequence[IPAddress]]
"""Host name and port to the addresses to try, in order. Raises OSError when it fails."""

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_TEXT_MEDIA_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
# A declared type unspun trusts, and the page type it means (others are sniffed).
_PAGE_TYPE_OF: dict[str, MediaType] = {
    **dict.fromkeys(HTML_MEDIA_TYPES, "text/html"),
    **dict.fromkeys(_TEXT_MEDIA_TYPES, "text/plain"),
}
# Servers that do not know what they serve; the body decides.
_UNKNOWN_MEDIA_TYPES = frozenset({"application/octet-stream", "binary/octet-stream"})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
_ALLOW_HINT = "use --allow-private-network to allow"

_METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
# inet_aton's legacy spellings (2130706433, 0x7f.1, 0177.0.0.1, 127.1) resolve without DNS.
_LEGACY_IPV4 = re.compile(r"\A(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}\Z", re.I)
_HTTP_URL = re.compile(r"\Ahttps?://", re.IGNORECASE)
# A single token that starts like a URL ("ftp://x", "file:///etc/passwd", "javascript:...").
# Two-letter minimum so that a Windows drive ("C:\\...") is not mistaken for a scheme.
_URL_LIKE = re.compile(r"\A([a-z][a-z0-9+.\-]{1,31}):(//)?\S*\Z", re.IGNORECASE)
_KNOWN_SCHEMES = frozenset(
    {
        "http", "https", "file", "ftp", "ftps", "sftp", "javascript", "vbscript", "data",
        "mailto", "gopher", "ldap", "ldaps", "dict", "tftp", "telnet", "ssh", "smb", "nfs",
        "ws", "wss", "jar", "blob", "about", "view-source", "chrome", "resource", "s3", "gs",
    }
)  # fmt: skip
# A data: URL, spaces in its payload or not ("data:,hello world", "data:text/html;base64,...").
_DATA_URL = re.compile(
    r"\Adata:(?:[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+)?(?:;[a-z0-9!#$&^_.+=-]+)*,", re.IGNORECASE
)


def is_url(value: str) -> bool:
    """Whether *value* is an absolute http(s) URL with a host (never raises)."""
    candidate = value.strip()
    if not _HTTP_URL.match(candidate) or any(char.isspace() for char in candidate):
        return False
    try:
        return bool(httpx.URL(candidate).host)
    except Exception:  # httpx raises several types for malformed URLs
        return False


def non_http_refusal(value: str) -> RefusedURLError | None:
    """The refusal for *value* when it is a URL of a scheme other than http(s), else None.

    A URL is a single token with ``scheme://`` or a well-known scheme (``data:``,
    ``javascript:``, ``mailto:``...), or a ``data:`` URL of any length (its payload may hold
    spaces); an http(s) URL that does not parse is left to the caller, and so is anything
    else (a path, a host without a scheme, text).
    """
    stripped = value.strip()
    if _DATA_URL.match(stripped):
        scheme = "data"
    else:
        url_like = _URL_LIKE.match(stripped)
        if url_like is None or not (
            url_like.group(2) is not None or url_like.group(1).lower() in _KNOWN_SCHEMES
        ):
            return None
        scheme = url_like.group(1).lower()
        if scheme in ("http", "https"):
            return None
    hint = " (to read a local file, pass its path)" if scheme == "file" else ""
    return RefusedURLError(
        f"refused: {_shown(stripped)}: only http and https URLs are fetched, not {scheme}:{hint}"
    )


def _shown(url: str, limit: int = 100) -> str:
    """*url* for a one-line message: whitespace runs as one space, a long one cut short."""
    flat = " ".join(url.split())
    return flat if len(flat) <= limit else f"{flat[: limit - 40]}... ({len(flat)} characters)"


def check_url_early(url: str, *, allow_private_network: bool = False) -> None:
    """Raise the :class:`RefusedURLError` that fetching *url* would raise, where that is
    known without a DNS lookup or a connection: a non-http(s) scheme, or a host written as
    an IP address that the address policy refuses (``allow_private_network`` lifts that).

    What a server calls on a submitted URL so that the client hears at once, with the same
    words as the command line, what the worker would only find out later. Host names are
    not looked up here: the guard checks their addresses when they are fetched, hop by hop.
    Anything else (text, a malformed URL) passes: the caller's own checks answer it.
    """
    refusal = non_http_refusal(url)
    if refusal is not None:
        raise refusal
    stripped = url.strip()
    if allow_private_network or not is_url(stripped):
        return
    ip = parse_ip_literal(httpx.URL(stripped).host)
    if ip is None:
        return
    # Looked up at call time, like fetch_url's policy, so a test can monkeypatch it.
    reason = address_refusal_reason(ip)
    if reason is not None:
        raise RefusedURLError(f"refused: {stripped} resolves to {ip}, {reason} ({_ALLOW_HINT})")


def address_refusal_reason(ip: IPAddress) -> str | None:
    """Why the default policy refuses to connect to *ip*, or None if it is globally routable.

    IPv6 forms that carry an IPv4 address (mapped, translated, compatible, 6to4, Teredo,
    NAT64) are judged by the address they carry too, since that is where packets end up.
    """
    if isinstance(ip, ipaddress.IPv6Address) and not (ip.is_unspecified or ip.is_loopback):
        if ip in _NAT64_LOCAL_USE:
            return "a local-use NAT64 address"
        for form, embedded, decisive in _embedded_ipv4(ip):
            reason = address_refusal_reason(embedded)
            if reason is not None:
                return f"{reason} ({form} {embedded})"
            if decisive:
                # ::ffff:8.8.8.8 is 8.8.8.8 on the wire; the IPv6 registry's view of the
                # ::ffff:0:0/96 block ("private") says nothing about it.
                return None
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip in _METADATA_ADDRESSES:
        return "a link-local address (the cloud metadata endpoint)"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "an address that is not globally routable"
    return None


def _embedded_ipv4(
    ip: ipaddress.IPv6Address,
) -> Iterator[tuple[str, ipaddress.IPv4Address, bool]]:
    """IPv4 addresses inside *ip*: (form, address, whether the IPv4 address alone decides)."""
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.ipv4_mapped is not None:
        yield "IPv4-mapped", ip.ipv4_mapped, True
    if ip in _IPV4_TRANSLATED:
        yield "IPv4-translated", low32, True
    if int(ip) >> 32 == 0:
        yield "IPv4-compatible", low32, False
    if ip.sixtofour is not None:
        yield "6to4", ip.sixtofour, False
    if ip.teredo is not None:
        server, client = ip.teredo
        yield "Teredo server", server, False
        yield "Teredo client", client, False
    if ip in _NAT64_WELL_KNOWN:
        # DNS64 networks hand out these for every IPv4-only site: judge the site, not the
        # prefix (which Python files under "reserved").
        yield "NAT64", low32, True


def _allow_everything(ip: IPAddress) -> str | None:
    return None


def parse_ip_literal(host: str) -> IPAddress | None:
    """*host* as an IP address if it is written as one, legacy IPv4 spellings included."""
    cleaned = host.strip("[]").replace("%25", "%")
    try:
        return ipaddress.ip_address(cleaned)
    except ValueError:
        pass
    if _LEGACY_IPV4.match(cleaned):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(cleaned))
        except OSError:
            return None
    return None


def system_resolver(host: str, port: int) -> list[IPAddress]:
    """Resolve *host* with :func:`socket.getaddrinfo` (looked up at call time, so patchable)."""
    addresses: list[IPAddress] = []
    for family, _type, _proto, _name, sockaddr in socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM
    ):
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            ip = ipaddress.ip_address(str(sockaddr[0]))
        except ValueError:
            continue
        if ip not in addresses:
            addresses.append(ip)
    return addresses


class _Deadline:
    """The one clock shared by every step of a fetch."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def clamp(self, timeout: float | None, expired: type[Exception]) -> float:
        left = self.remaining()
        if left <= 0:
            raise expired("deadline passed")
        return left if timeout is None else min(timeout, left)


class _RefusedAddress(Exception):
    def __init__(self, host: str, ip: IPAddress, reason: str) -> None:
        super().__init__(f"{host} resolves to {ip}, {reason}")
        self.host = host
        self.ip = ip
        self.reason = reason


class _ResolutionFailed(Exception):
    def __init__(self, host: str, detail: str) -> None:
        super().__init__(f"cannot resolve {host}: {detail}")
        self.host = host
        self.detail = detail


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses the policy allows, within the deadline."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver, deadline: _Deadline) -> None:
        self._policy = policy
        self._resolver = resolver
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._resolve(host, port)
        for ip in addresses:
            reason = self._policy(ip)
            if reason is not None:
                # Refuse the host as a whole: connecting to a "good" sibling address would
                # still let an attacker steer some attempts inward.
                raise _RefusedAddress(host, ip, reason)
        last_error: Exception | None = None
        for ip in addresses:
            try:
                stream = self._inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=self._deadline.clamp(timeout, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                last_error = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise last_error or httpcore.ConnectError(f"no address to connect to for {host}")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by unspun")

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, min(seconds, self._deadline.remaining())))

    def _resolve(self, host: str, port: int) -> list[IPAddress]:
        literal = parse_ip_literal(host)
        if literal is not None:
            return [literal]
        outcome: list[Sequence[IPAddress] | BaseException] = []
        done = threading.Event()

        def work() -> None:
            try:
                outcome.append(self._resolver(host, port))
            except BaseException as exc:  # handed to the waiting thread
                outcome.append(exc)
            finally:
                done.set()

        # getaddrinfo has no timeout of its own; a daemon thread lets the deadline win and is
        # simply abandoned if the resolver hangs.
        threading.Thread(target=work, name="unspun-resolve", daemon=True).start()
        if not done.wait(max(0.0, self._deadline.remaining())):
            raise httpcore.ConnectTimeout(f"resolving {host} timed out")
        result = outcome[0]
        if isinstance(result, socket.gaierror):
            raise _ResolutionFailed(host, result.strerror or str(result))
        if isinstance(result, OSError):
            raise _ResolutionFailed(host, str(result))
        if isinstance(result, BaseException):
            raise result
        addresses: list[IPAddress] = []
        for ip in result:
            if ip not in addresses:
                addresses.append(ip)
        if not addresses:
            raise _ResolutionFailed(host, "no IPv4 or IPv6 address")
        return addresses


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """The TLS settings for every fetch: httpx's defaults, certificates verified.

    Built once: loading the CA bundle costs tens of milliseconds, and a context is safe to
    share between connections and threads.
    """
    return httpx.create_ssl_context(trust_env=False)


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class _GuardedTransport(httpx.BaseTransport):
    """httpx transport over an httpcore pool that uses the guarded backend.

    httpx's own HTTPTransport offers no public way to pass a network backend, so this is the
    same few lines of request/response translation over public httpcore API. httpcore's
    exceptions pass through unmapped and are turned into FetchError by the caller.
    """

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context(),
            network_backend=backend,
            http1=True,
            http2=False,
            retries=0,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        core_response = self._pool.handle_request(core_request)
        assert isinstance(core_response.stream, Iterable)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_ResponseStream(core_response.stream),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


# Failures of the network or of the server's HTTP: all become FetchError with the URL named.
_NETWORK_ERRORS: tuple[type[Exception], ...] = (
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
    httpx.HTTPError,
    httpx.InvalidURL,
    httpx.StreamError,
    OSError,
)
_TIMEOUTS: tuple[type[Exception], ...] = (httpcore.TimeoutException, httpx.TimeoutException)


def fetch_url(
    url: str,
    options: IngestOptions,
    *,
    address_policy: AddressPolicy | None = None,
    resolver: Resolver | None = None,
) -> Page:
    """Fetch *url* (following up to ``options.max_redirects`` redirects) as one Page.

    *address_policy* replaces :func:`address_refusal_reason` (tests allow 127.0.0.1 but
    nothing else); ``options.allow_private_network`` switches the guard off entirely.
    *resolver* replaces :func:`system_resolver`.
    """
    original = url.strip()
    current = _parse_http_url(original)
    deadline = _Deadline(options.timeout)
    if options.allow_private_network:
        policy: AddressPolicy = _allow_everything
    else:
        # Looked up at call time so a test can monkeypatch the module-level policy.
        policy = address_policy or address_refusal_reason
    backend = _GuardedBackend(policy, resolver or system_resolver, deadline)
    client = httpx.Client(
        transport=_GuardedTransport(backend),
        follow_redirects=False,
        trust_env=False,  # proxies from the environment would hide the real peer address
        timeout=httpx.Timeout(options.timeout),
        headers={"User-Agent": options.user_agent, "Accept": _ACCEPT},
    )
    redirects = 0
    try:
        with client:
            while True:
                where = original if redirects == 0 else f"{original} (redirected to {current})"
                try:
                    target = _fetch_once(client, current, original, where, options, policy)
                except _RefusedAddress as exc:
                    hop = (
                        original if redirects == 0 else f"{original} redirects to {current}, which"
                    )
                    raise RefusedURLError(
                        f"refused: {hop} resolves to {exc.ip}, {exc.reason} ({_ALLOW_HINT})"
                    ) from None
                except _ResolutionFailed as exc:
                    raise FetchError(
                        f"could not fetch {where}: cannot resolve {exc.host} ({exc.detail})"
                    ) from None
                if isinstance(target, Page):
                    return target
                redirects += 1
                if redirects > options.max_redirects:
                    raise FetchError(
                        f"could not fetch {original}: too many redirects "
                        f"(more than {options.max_redirects})"
                    )
                current = target
    except _TIMEOUTS:
        raise FetchError(
            f"could not fetch {original}: timed out after {deadline.seconds:g} s"
        ) from None
    except _NETWORK_ERRORS as exc:
        raise FetchError(f"could not fetch {original}: {_network_error_text(exc)}") from None


def _fetch_once(
    client: httpx.Client,
    url: httpx.URL,
    original: str,
    where: str,
    options: IngestOptions,
    policy: AddressPolicy,
) -> Page | httpx.URL:
    """One request: the Page, or the URL a redirect points to."""
    with client.stream("GET", url) as response:
        _check_peer(response, where, policy)
        if response.status_code in _REDIRECT_STATUSES:
            return _redirect_target(response, url, where)
        if not 200 <= response.status_code < 300:
            phrase = response.reason_phrase or ""
            raise FetchError(
                f"could not fetch {where}: HTTP {response.status_code} {phrase}".rstrip()
            )
        media_type, params = parse_content_type(response.headers.get("Content-Type"))
        if not (
            media_type is None or media_type in _PAGE_TYPE_OF or media_type in _UNKNOWN_MEDIA_TYPES
        ):
            raise UnsupportedError(
                f"unsupported content: {where} is {media_type}, not an HTML page or plain text"
            )
        body = _read_body(response, where, options.max_bytes)

    check_content(body, where)
    return Page(
        body=body,
        source=original,
        media_type=_PAGE_TYPE_OF.get(media_type or "") or sniff_media_type(body),
        url=str(url),
        charset=charset_param(params),
        fetched_at=datetime.now(UTC),
    )


def _check_peer(response: httpx.Response, where: str, policy: AddressPolicy) -> None:
    """Refuse if the socket is connected somewhere the policy forbids (defence in depth)."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    try:
        ip = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    except ValueError:
        return
    reason = policy(ip)
    if reason is not None:
        raise RefusedURLError(f"refused: {where} connected to {ip}, {reason} ({_ALLOW_HINT})")


def _redirect_target(response: httpx.Response, url: httpx.URL, where: str) -> httpx.URL:
    location = response.headers.get("Location", "").strip()
    if not location:
        raise FetchError(
            f"could not fetch {where}: HTTP {response.status_code} redirect without a Location"
        )
    try:
        target = url.join(location)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"could not fetch {where}: bad redirect to {location!r} ({exc})") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise RefusedURLError(
            f"refused: {where} redirects to {location}, which is not an http(s) URL"
        )
    return target


def _read_body(response: httpx.Response, where: str, max_bytes: int) -> bytes:
    limit = format_size(max_bytes)
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"could not fetch {where}: it is larger than the {limit} limit")
    chunks: list[bytes] = []
    total = 0
    # iter_bytes undoes Content-Encoding; counting decoded bytes also stops gzip bombs.
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"could not fetch {where}: it is larger than the {limit} limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_http_url(url: str) -> httpx.URL:
    refusal = non_http_refusal(url)
    if refusal is not None:
        raise refusal
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InputError(f"invalid URL: {url} ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise RefusedURLError(f"refused: {url}: only http and https URLs are fetched")
    if not parsed.host:
        raise InputError(f"invalid URL: {url} has no host")
    return parsed


def _network_error_text(exc: Exception) -> str:
    # Messages are printed on one line; some OpenSSL and h11 errors span several.
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, httpcore.ConnectError | httpx.ConnectError | ConnectionRefusedError):
        if "refused" in detail.lower():
            return "connection refused"
        return f"cannot connect ({detail})"
    return detail
