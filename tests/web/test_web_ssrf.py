"""The server never fetches private addresses, whatever the redirects (the core guard)."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

import unspun.ingest.fetch as fetch
from web.web_support import submit, wait_done


class _Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, location: str | None) -> None:
        self.location = location
        self.hits: list[str] = []
        super().__init__((host, 0), _Handler)

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: _Recorder

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        if self.server.location is not None:
            self.send_response(302)
            self.send_header("Location", self.server.location)
            self.end_headers()
            return
        body = b"<html><body><p>Secret internal page of Mayor Smith.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _start(host: str, location: str | None) -> _Recorder:
    server = _Recorder(host, location)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def target() -> Iterator[_Recorder]:
    server = _start("127.0.0.1", None)
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("hop", ["loopback", "metadata"])
def test_loopback_redirector_is_refused_and_nothing_is_fetched(
    client: TestClient, target: _Recorder, hop: str
) -> None:
    location = f"{target.base}/secret" if hop == "loopback" else "http://169.254.169.254/latest/"
    redirector = _start("127.0.0.1", location)
    try:
        # A host name: a literal address would be refused before queuing (test_web_messages).
        job = submit(client, url=f"{redirector.base.replace('127.0.0.1', 'localhost')}/story")
        done = wait_done(client, job["id"])
    finally:
        redirector.shutdown()
        redirector.server_close()
    assert done["status"] == "refused", done
    assert "report" not in done
    assert redirector.hits == [] and target.hits == []
    refused = wait_done(client, submit(client, url="http://localhost:1/")["id"])
    assert refused["status"] == "refused", refused
    for literal in ("http://2130706433/", "http://[::1]/"):  # refused before queuing
        response = client.post("/api/v1/analyses", json={"url": literal})
        assert response.status_code == 400 and "loopback" in response.json()["error"]


@pytest.mark.parametrize("hop", ["loopback", "metadata"])
def test_redirect_from_an_allowed_host_to_a_private_one_is_refused(
    client: TestClient, target: _Recorder, hop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The redirector stands for a public site: the policy lets 127.0.0.2 through (and
    nothing else), so the first hop is fetched and the redirect hop must be refused."""
    try:
        redirector = _start("127.0.0.2", None)
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 here")
    redirector.location = (
        f"{target.base}/secret" if hop == "loopback" else "http://169.254.169.254/latest/"
    )
    public_stand_in = ipaddress.ip_address("127.0.0.2")
    default = fetch.address_refusal_reason
    monkeypatch.setattr(
        fetch,
        "address_refusal_reason",
        lambda ip: None if ip == public_stand_in else default(ip),
    )
    try:
        job = submit(client, url=f"{redirector.base}/story")
        done = wait_done(client, job["id"])
    finally:
        redirector.shutdown()
        redirector.server_close()
    assert redirector.hits == ["/story"]  # the allowed first hop was fetched...
    assert done["status"] == "refused", done  # ...and the redirect refused
    assert "redirect" in done["error"]
    assert target.hits == []
