"""Request guards that run before any route: per-client rate limit, body size cap, and the
security headers every response carries. Pure ASGI, so an over-limit request is answered
before FastAPI parses (or buffers) anything."""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Header-level CSP for HTML responses that did not set their own (framework error pages).
FALLBACK_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


DEFAULT_MAX_QUEUED_PER_CLIENT = 20


@dataclass(frozen=True, slots=True)
class Limits:
    """Server limits; the defaults suit a small shared instance."""

    max_json_bytes: int = 2 * 1024 * 1024
    """Largest JSON body of the API (POST /api/v1/analyses)."""
    max_upload_bytes: int = 10 * 1024 * 1024
    """Largest uploaded file or pasted form text; the multipart request may be 64 KiB more."""
    requests_per_second: float = 20.0
    """Sustained requests per client IP, all routes but /healthz; 0 switches the limit off."""
    burst: int = 60
    submits_per_minute: float = 30.0
    """Sustained analysis submissions per client IP (API and form); 0 switches it off."""
    submit_burst: int = 10
    max_pending: int = 200
    """Analyses queued at once; beyond that submissions get 503."""
    max_queued_per_client: int = DEFAULT_MAX_QUEUED_PER_CLIENT
    """Analyses one client may have waiting or running at once (its token's name with
    access control on, else its address as the rate limit keys it); beyond that its
    submissions get 429. 0 switches the limit off."""
    trusted_proxies: tuple[str, ...] = ()
    """Networks (CIDR) of reverse proxies whose ``X-Forwarded-For`` names the client: from
    them, the rate limit keys on the forwarded address (and auth.py trusts their user
    header). Empty: the socket's peer is the client, whatever the headers say."""


class TokenBucket:
    """In-memory token buckets keyed by client; one lock, since the work under it is tiny."""

    def __init__(self, rate: float, burst: int, *, max_clients: int = 50_000) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0 if a request from ``client`` may proceed, else the seconds until it may."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1, now)
            if len(self._buckets) > self.max_clients:
                self._prune(now)
            return 0.0

    def _prune(self, now: float) -> None:
        # Full buckets carry no state worth keeping; dropping them bounds memory.
        full = [
            key
            for key, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * self.rate >= self.burst
        ]
        for key in full:
            del self._buckets[key]
        if len(self._buckets) > self.max_clients:
            self._buckets.clear()


Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(cidrs: tuple[str, ...] | list[str]) -> tuple[Network, ...]:
    """``cidrs`` as networks (a bare address is a /32 or /128); ValueError for a bad one."""
    return tuple(ipaddress.ip_network(c.strip(), strict=False) for c in cidrs)


def _address(value: str) -> Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _header(scope: Scope, name: bytes) -> str | None:
    values = [v.decode("latin-1") for n, v in scope.get("headers", []) if n == name]
    return ",".join(values) if values else None


def _trusted(address: Address | None, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def peer_is_trusted(scope: Scope, networks: tuple[Network, ...]) -> bool:
    """Whether the socket's peer is one of the trusted proxies."""
    client = scope.get("client")
    return client is not None and _trusted(_address(str(client[0])), networks)


def client_address(scope: Scope, networks: tuple[Network, ...] = ()) -> Address | None:
    """The client's address: the socket's peer, or, when the peer is a trusted proxy, the
    last address in ``X-Forwarded-For`` that is not itself a trusted proxy (the ones left of
    it were written by the client and prove nothing)."""
    client = scope.get("client")
    peer = _address(str(client[0])) if client else None
    if not _trusted(peer, networks):
        return peer
    forwarded = _header(scope, b"x-forwarded-for")
    if not forwarded:
        return peer
    hops = [_address(part) for part in forwarded.split(",")]
    for hop in reversed(hops):
        if hop is None:
            return peer  # a garbled header: key on the proxy rather than on a guess
        if not _trusted(hop, networks):
            return hop
    return hops[0] or peer


def client_key(scope: Scope, networks: tuple[Network, ...] = ()) -> str:
    """What the rate limit counts requests by: the client's IPv4 address, or its IPv6 /64
    (one host gets a whole /64, so keying by /128 would let it pick a fresh key per
    request)."""
    address = client_address(scope, networks)
    if address is None:
        client = scope.get("client")
        return str(client[0]) if client else "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


async def send_json(send: Send, status: int, body: dict[str, Any], headers: Any = ()) -> None:
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def is_submission(scope: Scope) -> bool:
    return scope["method"] == "POST" and scope["path"] in ("/api/v1/analyses", "/analyses")


class GuardMiddleware:
    """Rate limit, body cap and security headers for every HTTP request."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.requests = TokenBucket(limits.requests_per_second, limits.burst)
        self.submits = TokenBucket(limits.submits_per_minute / 60.0, limits.submit_burst)
        self.trusted = parse_networks(limits.trusted_proxies)

    def body_cap(self, scope: Scope) -> int:
        if scope["path"].startswith("/api/"):
            return self.limits.max_json_bytes
        return self.limits.max_upload_bytes + 64 * 1024

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        if scope["path"] != "/healthz":
            client = client_key(scope, self.trusted)
            wait = self.requests.take(client)
            if not wait and is_submission(scope):
                wait = self.submits.take(client)
            if wait:
                retry = str(max(1, round(wait))).encode()
                await send_json(
                    send,
                    429,
                    {"error": "too many requests: slow down and retry later"},
                    [(b"retry-after", retry)],
                )
                return
        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            cap = self.body_cap(scope)
            declared = _content_length(scope)
            if declared is not None and declared > cap:
                await _drain_and_refuse(send, cap)
                return
            body, too_big = await _read_body(receive, cap)
            if too_big:
                await _drain_and_refuse(send, cap)
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend(
                    [
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"),
                        (b"x-frame-options", b"DENY"),
                        (b"cross-origin-opener-policy", b"same-origin"),
                    ]
                )
                content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
                if (
                    content_type.startswith(b"text/html")
                    and b"content-security-policy" not in names
                ):
                    headers.append((b"content-security-policy", FALLBACK_CSP.encode()))
                message["headers"] = headers
            await send(message)

        return wrapped


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read_body(receive: Receive, cap: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks), False


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _drain_and_refuse(send: Send, cap: int) -> None:
    size = f"{cap / (1024 * 1024):.1f} MiB" if cap >= 1024 * 1024 else f"{cap} bytes"
    await send_json(send, 413, {"error": f"request body too large (limit {size})"})
