"""Access control (issue 28, finding 2): tokens, roles, private analyses, the delete audit,
the trusted proxy and the session-bound CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from unspun.cli import main
from unspun.web import Limits, create_app
from web.web_support import FakeAnalyzer, wait_done

ARTICLE = "Mayor Alice Smith said on Monday that the Harbour Bridge will close.\n"
OTHER = "Minister Bob Jones said on Tuesday that the Ferry Terminal will open.\n"


def _app(db: str, **kwargs: Any) -> TestClient:
    kwargs.setdefault("analyzer_factory", FakeAnalyzer)
    kwargs.setdefault("limits", Limits(requests_per_second=0, submits_per_minute=0))
    return TestClient(create_app(db, **kwargs), raise_server_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'auth.db'}"


def _token(db: str, name: str, role: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["tokens", "create", name, "--role", role, "--db", db]) == 0
    return capsys.readouterr().out.strip()


@pytest.fixture
def secured(
    db: str, capsys: pytest.CaptureFixture[str]
) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    heads = {
        name: {"Authorization": f"Bearer {_token(db, name, role, capsys)}"}
        for name, role in [("rita", "reader"), ("ann", "analyst"), ("bo", "analyst"),
                           ("ada", "admin")]
    }
    with _app(db, require_auth=True) as client:
        yield client, heads


def test_anonymous_requests_are_refused(secured: Any) -> None:
    client, _ = secured
    assert client.get("/api/v1/analyses").status_code == 401
    assert client.get("/api/v1/analyses/abc").status_code == 401
    assert client.delete("/api/v1/analyses/abc").status_code == 401
    assert client.post("/api/v1/analyses", json={"text": ARTICLE}).status_code == 401
    bad = client.get("/api/v1/analyses", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    assert client.get("/healthz").status_code == 200
    page = client.get("/analyses", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_roles_and_ownership(secured: Any, db: str) -> None:
    client, heads = secured
    assert client.post("/api/v1/analyses", json={"text": ARTICLE},
                       headers=heads["rita"]).status_code == 403
    mine = client.post("/api/v1/analyses", json={"text": ARTICLE}, headers=heads["ann"]).json()
    theirs = client.post("/api/v1/analyses", json={"text": OTHER}, headers=heads["bo"]).json()
    for ident, who in ((mine["id"], "ann"), (theirs["id"], "bo")):
        client.headers.update(heads[who])
        assert wait_done(client, ident)["status"] == "done"
    client.headers.clear()
    listed = client.get("/api/v1/analyses", headers=heads["ann"]).json()["items"]
    assert [i["id"] for i in listed] == [mine["id"]]
    assert client.get(f"/api/v1/analyses/{theirs['id']}", headers=heads["ann"]).status_code == 404
    assert client.get(f"/analyses/{theirs['id']}", headers=heads["ann"]).status_code == 404
    assert client.get("/api/v1/analyses", headers=heads["rita"]).json()["items"] == []
    everything = client.get("/api/v1/analyses", headers=heads["ada"]).json()["items"]
    assert {i["id"] for i in everything} == {mine["id"], theirs["id"]}
    # The same input from another analyst is the same analysis, and now theirs too.
    again = client.post("/api/v1/analyses", json={"text": ARTICLE}, headers=heads["bo"]).json()
    assert again["id"] == mine["id"]
    assert client.get(f"/api/v1/analyses/{mine['id']}", headers=heads["bo"]).status_code == 200
    # Only an admin deletes, and the deletion is audited.
    assert client.delete(f"/api/v1/analyses/{mine['id']}", headers=heads["rita"]).status_code == 403
    assert client.delete(f"/api/v1/analyses/{mine['id']}", headers=heads["ann"]).status_code == 403
    assert client.delete(f"/api/v1/analyses/{mine['id']}", headers=heads["ada"]).status_code == 204
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT actor, action, analysis_id FROM audit")).all()
        secrets_kept = [r[0] for r in conn.execute(text("SELECT secret_hash FROM tokens"))]
    engine.dispose()
    assert [tuple(r) for r in rows] == [("ada", "delete", mine["id"])]
    for head in heads.values():
        secret = head["Authorization"].split()[1]
        assert all(secret not in kept for kept in secrets_kept)
        assert len(secret) > 40


def test_audit_command_and_revoked_token(secured: Any, db: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    client, heads = secured
    item = client.post("/api/v1/analyses", json={"text": ARTICLE}, headers=heads["ann"]).json()
    assert client.delete(f"/api/v1/analyses/{item['id']}", headers=heads["ada"]).status_code == 204
    capsys.readouterr()
    shared = client.post("/api/v1/analyses", json={"text": ARTICLE + " Shared."},
                         headers=heads["ann"]).json()
    sharing = client.put(f"/api/v1/analyses/{shared['id']}/sharing",
                         json={"everyone": True}, headers=heads["ann"])
    assert sharing.status_code == 200, sharing.text
    assert main(["tokens", "audit", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\tada\tdelete\t" + item["id"] in out
    assert re.search(rf"\tann\tshare\t{shared['id']}\t[^\t]*\tall users$", out, re.M), out
    assert main(["tokens", "revoke", "ann", "--db", db]) == 0
    assert client.get("/api/v1/analyses", headers=heads["ann"]).status_code == 401
    assert main(["tokens", "list", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"^ann\tanalyst\t\S+\trevoked", listing, re.M)
    assert "Bearer" not in listing and heads["ann"]["Authorization"][7:] not in listing


def test_browser_login_sets_a_session(secured: Any) -> None:
    client, heads = secured
    login = client.get("/login?next=/analyses")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
    assert token
    secret = heads["ann"]["Authorization"][7:]
    wrong = client.post("/login", data={"csrf_token": token.group(1), "token": "nope",
                                        "next": "/analyses"}, follow_redirects=False)
    assert wrong.status_code == 401
    ok = client.post("/login", data={"csrf_token": token.group(1), "token": secret,
                                     "next": "/analyses"}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/analyses"
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert client.get("/analyses").status_code == 200
    # An outside "next" is not followed.
    away = client.post("/login", data={"csrf_token": token.group(1), "token": secret,
                                       "next": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"


def _sign_in(client: TestClient, secret: str) -> str:
    """Sign ``client`` in with token ``secret``; the CSRF token of its pages."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    signed = client.post("/login", data={"csrf_token": token.group(1), "token": secret},
                         follow_redirects=False)
    assert signed.status_code == 303
    return token.group(1)


def test_signing_out_ends_the_session(secured: Any) -> None:
    client, heads = secured
    # A token caller has no session to end: no button.
    assert 'action="/logout"' not in client.get("/", headers=heads["ann"]).text
    csrf = _sign_in(client, heads["ann"]["Authorization"][7:])
    for path in ("/", "/analyses"):
        header = client.get(path).text.split("</header>")[0]
        assert re.search(r'<form class="inline app-account" method="post" action="/logout">'
                         r'<input type="hidden" name="csrf_token" value="[^"]+">'
                         r'<span>ann</span><button type="submit">Sign out</button></form>',
                         header), path
    # Only with the form's token: another site cannot sign anyone out.
    assert client.post("/logout", follow_redirects=False).status_code == 403
    assert client.get("/analyses", follow_redirects=False).status_code == 200
    out = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert 'unspun_session=""' in out.headers["set-cookie"]
    assert "unspun_session" not in client.cookies
    again = client.get("/analyses", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/login")


def test_the_session_key_is_kept_for_the_next_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from unspun.web.auth import SECRET_BYTES, load_secret

    path = tmp_path / "data" / "analyses.db.key"
    key = load_secret(path)
    assert len(key) == SECRET_BYTES and path.read_bytes() == key
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_secret(path) == key
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no draft left behind

    db = f"sqlite:///{tmp_path / 'data' / 'analyses.db'}"
    secret = _token(db, "ann", "analyst", capsys)
    with _app(db, require_auth=True, secret=key) as before:
        _sign_in(before, secret)
        session = before.cookies["unspun_session"]

    def restarted(key: bytes | None) -> int:
        with _app(db, require_auth=True, secret=key) as after:
            after.cookies.set("unspun_session", session)
            return after.get("/analyses", follow_redirects=False).status_code

    assert restarted(load_secret(path)) == 200
    assert restarted(None) == 303  # a key of its own: everyone signed out

    path.write_bytes(b"short")  # damaged: a new key, not a weak one
    fresh = load_secret(path)
    assert len(fresh) == SECRET_BYTES and fresh != key
    assert path.stat().st_mode & 0o777 == 0o600


def test_serve_signs_with_the_key_beside_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from unspun.web import serve

    apps: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: apps.append(app))
    serve("127.0.0.1", 0, str(tmp_path / "served.db"))
    (app,) = apps
    try:
        assert app.state.auth.secret == (tmp_path / "served.db.key").read_bytes()
    finally:
        app.state.jobs.shutdown()
        app.state.store.close()


def test_loopback_app_needs_no_token(db: str) -> None:
    with _app(db) as client:
        item = client.post("/api/v1/analyses", json={"text": ARTICLE}).json()
        assert client.get("/api/v1/analyses").json()["items"][0]["id"] == item["id"]
        assert client.delete(f"/api/v1/analyses/{item['id']}").status_code == 204


def test_serve_turns_access_control_on_off_loopback() -> None:
    from unspun.web.app import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1") and not is_loopback("::")


def _scope(peer: str, forwarded: str | None = None) -> dict[str, Any]:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return {"client": (peer, 1234), "headers": headers}


def test_forwarded_for_only_from_a_trusted_proxy() -> None:
    from unspun.web.limits import client_key, parse_networks

    trusted = parse_networks(["10.0.0.0/8"])
    assert client_key(_scope("203.0.113.9", "198.51.100.1"), trusted) == "203.0.113.9"
    assert client_key(_scope("10.1.2.3", "198.51.100.1"), trusted) == "198.51.100.1"
    # Spoofed hops left of what the proxy appended prove nothing.
    assert client_key(_scope("10.1.2.3", "1.2.3.4, 198.51.100.1"), trusted) == "198.51.100.1"
    assert client_key(_scope("10.1.2.3"), trusted) == "10.1.2.3"


def test_ipv6_clients_are_keyed_by_their_64() -> None:
    from unspun.web.limits import client_key

    a = client_key(_scope("2001:db8:1:2::1"))
    b = client_key(_scope("2001:db8:1:2:ffff::9"))
    assert a == b == "2001:db8:1:2::/64"
    assert client_key(_scope("2001:db8:1:3::1")) != a


def test_trusted_proxy_user_header(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from unspun.web import auth

    with _app(db, require_auth=True, auth_header="X-Remote-User",
              limits=Limits(requests_per_second=0, submits_per_minute=0,
                            trusted_proxies=("10.0.0.0/8",))) as client:
        app = client.app
        request_from = {"type": "http", "headers": [(b"x-remote-user", b"carol")],
                        "client": ("10.0.0.5", 1), "app": app, "method": "GET", "path": "/",
                        "query_string": b""}
        from starlette.requests import Request

        principal = auth.identify(Request(request_from))
        assert principal == auth.Principal("carol", "analyst")
        untrusted = dict(request_from, client=("203.0.113.5", 1))
        assert auth.identify(Request(untrusted)) is None


def test_csrf_token_is_bound_to_the_session(db: str) -> None:
    with _app(db) as client:
        page = client.get("/")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        cookie = client.cookies.get("unspun_csrf")
        assert cookie and cookie != token.group(1)
        # A cookie tossed by a sibling subdomain, with a token of the attacker's choice.
        client.cookies.set("unspun_csrf", "x" * 43)
        tossed = client.post("/analyses", data={"text": ARTICLE, "csrf_token": "x" * 43},
                             follow_redirects=False)
        assert tossed.status_code == 403
        client.cookies.set("unspun_csrf", cookie)
        cross = client.post("/analyses", data={"text": ARTICLE, "csrf_token": token.group(1)},
                            headers={"Origin": "https://evil.example"}, follow_redirects=False)
        assert cross.status_code == 403
        fetch = client.post("/analyses", data={"text": ARTICLE, "csrf_token": token.group(1)},
                            headers={"Sec-Fetch-Site": "cross-site"}, follow_redirects=False)
        assert fetch.status_code == 403
        ok = client.post("/analyses", data={"text": ARTICLE, "csrf_token": token.group(1)},
                         headers={"Origin": "http://testserver",
                                  "Sec-Fetch-Site": "same-origin"}, follow_redirects=False)
        assert ok.status_code == 303


def test_serve_passes_the_proxy_options(monkeypatch: pytest.MonkeyPatch) -> None:
    import unspun.web

    seen: dict[str, Any] = {}
    monkeypatch.setattr(unspun.web, "serve", lambda *a, **k: seen.update(k))
    assert main(["serve", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1",
                 "--auth-header", "X-Remote-User"]) == 0
    assert seen["trusted_proxies"] == ["10.0.0.0/8", "::1"]
    assert seen["auth_header"] == "X-Remote-User"
    with pytest.raises(SystemExit):
        main(["serve", "--trusted-proxy", "not-a-network"])
