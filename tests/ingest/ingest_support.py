"""Helpers for the ingest tests: a local HTTP server with canned routes, and a network log.

A plain module rather than conftest content, because tests/conftest.py already claims the
``conftest`` module name and tests import these names directly.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class NetworkLog:
    """What the tests' sockets were asked to do."""

    lookups: list[str] = field(default_factory=list)
    connections: list[tuple[str, int]] = field(default_factory=list)
    dns: dict[str, list[str]] = field(default_factory=dict)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    routes: dict[str, Route]

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn, a reverse DNS lookup; skip it.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def do_GET(self) -> None:
        route = self.server.routes.get(urlsplit(self.path).path)
        if route is None:
            send(self, 404, b"<html><body>not here</body></html>", "text/html")
            return
        # The client hanging up early (deadline, size cap) is what those tests want.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def send(
    handler: http.server.BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str | None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send a complete response with a Content-Length."""
    handler.send_response(status)
    if content_type is not None:
        handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def query(handler: http.server.BaseHTTPRequestHandler, name: str) -> str:
    return parse_qs(urlsplit(handler.path).query)[name][0]


ARTICLE = b"<html><head><title>T</title></head><body><p>An article.</p></body></html>"


def routes(stop: threading.Event) -> dict[str, Route]:
    def redirect(handler: http.server.BaseHTTPRequestHandler, location: str) -> None:
        send(handler, 302, b"", "text/html", {"Location": location})

    def chain(handler: http.server.BaseHTTPRequestHandler) -> None:
        left = int(query(handler, "n"))
        redirect(handler, "/html" if left == 0 else f"/chain?n={left - 1}")

    def close_delimited(
        handler: http.server.BaseHTTPRequestHandler, chunks: Iterator[bytes]
    ) -> None:
        # No Content-Length: the body runs until the connection closes.
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for chunk in chunks:
            handler.wfile.write(chunk)
            handler.wfile.flush()
        handler.close_connection = True

    def endless(handler: http.server.BaseHTTPRequestHandler) -> None:
        def chunks() -> Iterator[bytes]:
            yield b"<html><body>"
            for _ in range(2000):
                if stop.is_set():
                    return
                yield b"x" * 1024

        close_delimited(handler, chunks())

    def trickle(handler: http.server.BaseHTTPRequestHandler) -> None:
        def chunks() -> Iterator[bytes]:
            yield b"<html><body>"
            while not stop.wait(0.05):
                yield b"x"

        close_delimited(handler, chunks())

    def stall(handler: http.server.BaseHTTPRequestHandler) -> None:
        stop.wait(5)

    def slow_chain(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(0.15)
        left = int(query(handler, "n"))
        redirect(handler, "/html" if left == 0 else f"/slow-chain?n={left - 1}")

    return {
        "/html": lambda h: send(h, 200, ARTICLE, "text/html; charset=utf-8"),
        "/cp1251": lambda h: send(
            h,
            200,
            "<html><body><p>Новости дня</p></body></html>".encode("cp1251"),
            "text/html; charset=windows-1251",
        ),
        "/text": lambda h: send(h, 200, b"Just some plain text.", "text/plain"),
        "/untyped": lambda h: send(h, 200, ARTICLE, None),
        "/octet": lambda h: send(h, 200, b"plain words here", "application/octet-stream"),
        "/xhtml": lambda h: send(h, 200, ARTICLE, "application/xhtml+xml"),
        "/gzip": lambda h: send(
            h, 200, gzip.compress(ARTICLE), "text/html", {"Content-Encoding": "gzip"}
        ),
        "/empty": lambda h: send(h, 200, b"", "text/html"),
        "/png": lambda h: send(h, 200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
        "/pdf": lambda h: send(h, 200, b"%PDF-1.7\n", "application/pdf"),
        "/png-as-html": lambda h: send(h, 200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "text/html"),
        "/missing": lambda h: send(h, 404, b"<html>gone</html>", "text/html"),
        "/error": lambda h: send(h, 503, b"<html>down</html>", "text/html"),
        "/chain": chain,
        "/slow-chain": slow_chain,
        "/relative": lambda h: redirect(h, "html"),
        "/redirect-to": lambda h: redirect(h, query(h, "url")),
        "/no-location": lambda h: send(h, 302, b"", "text/html"),
        "/loop": lambda h: redirect(h, "/loop"),
        "/big-declared": lambda h: send(h, 200, b"<html>" + b"x" * 5000, "text/html"),
        "/big-streamed": endless,
        "/trickle": trickle,
        "/stall": stall,
    }


@dataclass
class LocalServer:
    base: str
    port: int
    routes: dict[str, Route]

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def add(
        self,
        path: str,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> str:
        """Serve a fixed response at *path*; returns its URL."""
        self.routes[path] = lambda handler: send(handler, status, body, content_type, headers)
        return self.url(path)
