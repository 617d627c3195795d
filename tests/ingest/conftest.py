"""Fixtures for the ingest tests: a network safety net, fake DNS and a local HTTP server.

The safety net is autouse: every ingest test runs with ``socket.getaddrinfo`` answering only
from a dict the test fills in, and ``socket.create_connection`` allowed to reach loopback
only. A bug in the guard can therefore fail a test but never send a packet anywhere else.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from ingest.ingest_support import Handler, LocalServer, NetworkLog, Server, routes


@pytest.fixture(autouse=True)
def network(monkeypatch: pytest.MonkeyPatch) -> NetworkLog:
    """Fake DNS plus a loopback-only connect; tests add names to ``network.dns``."""
    log = NetworkLog()
    real_create_connection = socket.create_connection

    def fake_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        log.lookups.append(name)
        try:
            # socket.create_connection "resolves" numeric addresses too; no DNS involved.
            answers = [str(ipaddress.ip_address(name))]
        except ValueError:
            if name not in log.dns:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            answers = log.dns[name]
        results: list[Any] = []
        for address in answers:
            ip = ipaddress.ip_address(address)
            if ip.version == 4:
                results.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
            else:
                results.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
        return results

    def loopback_only(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host, port = address[0], int(address[1])
        log.connections.append((host, port))
        if not ipaddress.ip_address(host).is_loopback:
            pytest.fail(f"test tried to connect to {host}:{port}, which is not loopback")
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", loopback_only)
    return log


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1 with the routes above (tests may add their own)."""
    stop = threading.Event()
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.routes = routes(stop)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    port = httpd.server_address[1]
    try:
        yield LocalServer(f"http://127.0.0.1:{port}", port, httpd.routes)
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
