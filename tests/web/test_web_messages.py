"""What the server says about a submission it can judge at once: a URL the worker would
refuse without a DNS lookup is refused synchronously, with the command line's words."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from unspun.web import create_app
from web.web_support import FakeAnalyzer, make_client, submit, wait_done

LITERAL_PRIVATE = [
    ("http://127.0.0.1/", "127.0.0.1, a loopback address"),
    ("http://127.0.0.1:8080/story", "127.0.0.1, a loopback address"),
    ("http://[::1]/", "::1, a loopback address"),
    ("http://10.0.0.5/", "10.0.0.5, a private address"),
    ("http://192.168.1.1/admin", "192.168.1.1, a private address"),
    ("http://169.254.169.254/latest/meta-data/", "the cloud metadata endpoint"),
    ("http://2130706433/", "127.0.0.1, a loopback address"),
    ("http://0x7f.1/", "127.0.0.1, a loopback address"),
    ("HTTP://[::ffff:10.0.0.1]/", "IPv4-mapped 10.0.0.1"),
    ("  http://0.0.0.0/  ", "an unspecified address"),
]


def _csrf(client: TestClient) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize(("url", "reason"), LITERAL_PRIVATE)
def test_api_refuses_a_literal_private_address_at_once(
    client: TestClient, url: str, reason: str
) -> None:
    response = client.post("/api/v1/analyses", json={"url": url})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error.startswith(f"refused: {url.strip()} resolves to "), error
    assert reason in error and "--allow-private-network" in error
    assert client.get("/api/v1/analyses").json()["items"] == []  # nothing was queued
    assert FakeAnalyzer.calls == 0


def test_the_refusal_is_the_command_lines(client: TestClient) -> None:
    from unspun.errors import RefusedURLError
    from unspun.ingest import IngestOptions, read_pages

    with pytest.raises(RefusedURLError) as cli:
        next(read_pages("http://10.0.0.5/x", IngestOptions(timeout=1)))
    response = client.post("/api/v1/analyses", json={"url": "http://10.0.0.5/x"})
    assert response.json()["error"] == str(cli.value)


@pytest.mark.parametrize(("url", "reason"), LITERAL_PRIVATE[:4])
def test_form_refuses_a_literal_private_address_at_once(
    client: TestClient, url: str, reason: str
) -> None:
    response = client.post(
        "/analyses", data={"csrf_token": _csrf(client), "url": url}, follow_redirects=False
    )
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]
    assert reason in response.text
    assert client.get("/api/v1/analyses").json()["items"] == []


def test_host_names_still_go_to_the_worker_guard(client: TestClient) -> None:
    """No DNS lookup in the request path: a name is accepted and refused by the worker."""
    job = submit(client, url="http://localhost:1/")
    done = wait_done(client, job["id"])
    assert done["status"] == "refused" and "loopback" in done["error"], done


def test_addresses_outside_public_space_are_refused_too(client: TestClient) -> None:
    response = client.post("/api/v1/analyses", json={"url": "http://192.0.2.1/"})
    assert response.status_code == 400  # TEST-NET-1: documentation space, not routable
    assert "192.0.2.1, a private address" in response.json()["error"]


def test_the_guard_switch_of_the_app_is_respected() -> None:
    with make_client() as client:
        client.app.state.allow_private_network = True  # type: ignore[attr-defined]
        response = client.post("/api/v1/analyses", json={"url": "http://127.0.0.1:1/"})
        assert response.status_code == 202, response.text


def test_allow_private_network_of_the_default_factory_is_respected() -> None:
    """``unspun serve --allow-private-network``: the operator asked for loopback pages."""
    app = create_app("sqlite://", allow_private_network=True, layers=["sentences"])
    guarded = create_app("sqlite://", layers=["sentences"])
    # No lifespan (no `with`): nothing is analysed, only the submission is answered.
    client = TestClient(app, raise_server_exceptions=False)
    response = client.post("/api/v1/analyses", json={"url": "http://127.0.0.1:1/"})
    assert response.status_code == 202, response.text
    refused = TestClient(guarded, raise_server_exceptions=False).post(
        "/api/v1/analyses", json={"url": "http://127.0.0.1:1/"}
    )
    assert refused.status_code == 400
    app.state.jobs.shutdown()
    guarded.state.jobs.shutdown()


@pytest.mark.parametrize(
    "url", ["data:text/html,<p>Mayor Smith</p>", "data:,hello world", "javascript:alert(1)"]
)
def test_non_http_urls_are_refused_as_such(client: TestClient, url: str) -> None:
    response = client.post("/api/v1/analyses", json={"url": url})
    assert response.status_code == 400
    assert "only http and https URLs are fetched, not " in response.json()["error"]
    form = client.post(
        "/analyses", data={"csrf_token": _csrf(client), "url": url}, follow_redirects=False
    )
    assert form.status_code == 400 and "only http and https URLs" in form.text


def test_the_history_lists_titles_and_sites_without_bidi_controls(client: TestClient) -> None:
    """The history list shows the title and site stored from the report's document: a
    right-to-left override in the page's title must not reorder the row."""
    body = "Mayor Alice Smith said on Monday that the Harbour Bridge will close. " * 3
    page = (
        "<html><head><title>Bridge \u202eesolc\u202c to close</title>"
        '<meta property="og:site_name" content="Example\u2067 News\u2069"></head>'
        f"<body><article><h1>Bridge \u202eesolc\u202c to close</h1><p>{body}</p></article>"
        "</body></html>"
    )
    done = wait_done(client, submit(client, html=page)["id"])
    assert done["status"] == "done", done
    assert done["title"] == "Bridge esolc to close" and done["site"] == "Example News"
    history = client.get("/analyses").text
    assert "Bridge esolc to close" in history
    for char in "\u202e\u202c\u2067\u2069":
        assert char not in history
        assert char not in client.get("/api/v1/analyses").text
