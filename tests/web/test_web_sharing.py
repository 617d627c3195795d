"""Sharing analyses (issue 28: "private to them unless shared"): the JSON API and the
analysis page's forms, as owner, other user, reader and admin; the audit of every change;
404 for what one cannot read; nothing of it with access control off.

The tests take the database from the ``sharing_db`` fixture, which test_web_postgres.py
overrides to run them again on PostgreSQL.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.web import Limits, create_app
from unspun.web import store as st
from web.web_support import FakeAnalyzer, wait_done

ARTICLE = "Mayor Alice Smith said on Monday that the Harbour Bridge will close.\n"
OTHER = "Minister Bob Jones said on Tuesday that the Ferry Terminal will open.\n"
PEOPLE = (("rita", "reader"), ("ann", "analyst"), ("bo", "analyst"), ("cy", "analyst"),
          ("ada", "admin"))

Heads = dict[str, dict[str, str]]


@pytest.fixture
def sharing_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sharing.db'}"


def _app(db: str, **kwargs: Any) -> TestClient:
    kwargs.setdefault("analyzer_factory", FakeAnalyzer)
    kwargs.setdefault("limits", Limits(requests_per_second=0, submits_per_minute=0))
    return TestClient(create_app(db, **kwargs), raise_server_exceptions=False)


@pytest.fixture
def secured(sharing_db: str) -> Iterator[tuple[TestClient, Heads]]:
    """An app with access control on, and the Authorization header of each of PEOPLE."""
    FakeAnalyzer.gate = None
    store = st.Store(sharing_db)
    try:
        heads = {name: {"Authorization": f"Bearer {store.create_token(name, role)}"}
                 for name, role in PEOPLE}
    finally:
        store.close()
    with _app(sharing_db, require_auth=True) as client:
        yield client, heads


def _submit(client: TestClient, head: dict[str, str], text: str = ARTICLE) -> str:
    response = client.post("/api/v1/analyses", json={"text": text}, headers=head)
    assert response.status_code in (200, 202), response.text
    ident: str = response.json()["id"]
    client.headers.update(head)
    try:
        assert wait_done(client, ident)["status"] == "done"
    finally:
        client.headers.clear()
    return ident


def _share(client: TestClient, ident: str, head: dict[str, str], **body: Any) -> Any:
    return client.put(f"/api/v1/analyses/{ident}/sharing", json=body, headers=head)


def _status(client: TestClient, path: str, head: dict[str, str]) -> int:
    return client.get(path, headers=head).status_code


def _listed(client: TestClient, head: dict[str, str]) -> list[str]:
    return [i["id"] for i in client.get("/api/v1/analyses", headers=head).json()["items"]]


def _audit(store: st.Store) -> list[tuple[str | None, str, str | None, str | None]]:
    return [(e.actor, e.action, e.analysis_id, e.detail) for e in store.audit_log()]


def test_shared_user_reads_but_neither_shares_nor_deletes(secured: Any) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    path = f"/api/v1/analyses/{ident}"
    assert _status(client, path, heads["bo"]) == 404
    assert client.get(f"{path}/sharing", headers=heads["ann"]).json() == {
        "id": ident, "owners": ["ann"], "users": [], "everyone": False,
        "links": {"analysis": path},
    }
    shared = _share(client, ident, heads["ann"], users=["bo"])
    assert shared.status_code == 200
    assert shared.json()["users"] == ["bo"] and shared.json()["everyone"] is False

    body = client.get(path, headers=heads["bo"]).json()
    assert body["status"] == "done" and body["owner"] == "ann" and "report" in body
    assert _listed(client, heads["bo"]) == [ident]
    assert _status(client, f"/analyses/{ident}/download/json", heads["bo"]) == 200
    # Seen, so no longer a secret: 403, not 404, for what bo may not do with it.
    assert _status(client, f"{path}/sharing", heads["bo"]) == 403
    assert _share(client, ident, heads["bo"], users=["bo", "cy"]).status_code == 403
    assert client.delete(path, headers=heads["bo"]).status_code == 403
    # Nobody else sees it, nor learns that it exists.
    assert _status(client, path, heads["cy"]) == 404
    assert _status(client, f"{path}/sharing", heads["cy"]) == 404
    assert _share(client, ident, heads["cy"], everyone=True).status_code == 404
    assert _listed(client, heads["cy"]) == []
    assert _share(client, "no-such-id", heads["ann"], everyone=True).status_code == 404


def test_everyone_readers_and_unsharing(secured: Any) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    path = f"/api/v1/analyses/{ident}"
    other = _submit(client, heads["cy"], OTHER)
    assert _status(client, path, heads["rita"]) == 404
    assert _share(client, ident, heads["ann"], users=["bo"]).status_code == 200
    # A field left out keeps its value.
    state = _share(client, ident, heads["ann"], everyone=True).json()
    assert (state["users"], state["everyone"]) == (["bo"], True)
    assert _status(client, path, heads["rita"]) == 200
    assert _listed(client, heads["rita"]) == [ident]
    assert _listed(client, heads["cy"]) == [other, ident]
    # A reader reads what is shared with it, and shares nothing.
    assert _share(client, ident, heads["rita"], everyone=False).status_code == 403
    assert _share(client, other, heads["rita"], everyone=True).status_code == 404

    assert _share(client, ident, heads["ann"], everyone=False).json()["users"] == ["bo"]
    assert _status(client, path, heads["rita"]) == 404
    assert _status(client, path, heads["cy"]) == 404
    assert _status(client, path, heads["bo"]) == 200
    assert _share(client, ident, heads["ann"], users=[]).json()["users"] == []
    assert _status(client, path, heads["bo"]) == 404
    assert _listed(client, heads["bo"]) == []
    # Owners always read it; so does an admin.
    assert _status(client, path, heads["ann"]) == 200
    assert _status(client, path, heads["ada"]) == 200


def test_unknown_or_revoked_users_are_422_and_change_nothing(
    secured: Any, sharing_db: str
) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    unknown = _share(client, ident, heads["ann"], users=["bo", "nobody"], everyone=True)
    assert unknown.status_code == 422
    assert "'nobody'" in unknown.json()["error"] and "'bo'" not in unknown.json()["error"]
    state = client.get(f"/api/v1/analyses/{ident}/sharing", headers=heads["ann"]).json()
    assert (state["users"], state["everyone"]) == ([], False)
    assert _status(client, f"/api/v1/analyses/{ident}", heads["bo"]) == 404

    store = st.Store(sharing_db)
    try:
        assert store.revoke_token("cy")
    finally:
        store.close()
    assert _share(client, ident, heads["ann"], users=["cy"]).status_code == 422
    # A user shared with before being revoked can still be removed, or kept as is.
    assert _share(client, ident, heads["ann"], users=["bo"]).status_code == 200
    assert _share(client, ident, heads["ann"], users=["bo", " bo "]).json()["users"] == ["bo"]


@pytest.mark.parametrize(
    "body",
    [{"users": "bo"}, {"users": [1]}, {"everyone": "yes"}, {"everyone": 1},
     {"users": [], "owner": "bo"}, {"users": ["x" * 201]}],
)
def test_malformed_sharing_bodies_are_refused(secured: Any, body: dict[str, Any]) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    response = _share(client, ident, heads["ann"], **body)
    assert response.status_code == 400 and "error" in response.json()
    state = client.get(f"/api/v1/analyses/{ident}/sharing", headers=heads["ann"]).json()
    assert (state["users"], state["everyone"]) == ([], False)


def test_admin_shares_any_and_every_change_is_audited(secured: Any, sharing_db: str) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    assert _share(client, ident, heads["ann"], users=["bo", "cy"]).status_code == 200
    assert _share(client, ident, heads["ann"], users=["bo", "cy"]).status_code == 200  # no change
    assert _share(client, ident, heads["ada"], users=["cy"], everyone=True).status_code == 200
    assert _share(client, ident, heads["ada"], everyone=False).status_code == 200
    assert client.delete(f"/api/v1/analyses/{ident}", headers=heads["ada"]).status_code == 204
    store = st.Store(sharing_db)
    try:
        assert _audit(store) == [
            ("ann", "share", ident, "user bo"),
            ("ann", "share", ident, "user cy"),
            ("ada", "unshare", ident, "user bo"),
            ("ada", "share", ident, "all users"),
            ("ada", "unshare", ident, "all users"),
            ("ada", "delete", ident, None),
        ]
        assert all(e.title for e in store.audit_log())  # what it was, after it is gone
        # Deleted with its shares: the same text submitted again is private again.
        assert store.sharing(ident) is None
    finally:
        store.close()
    again = _submit(client, heads["bo"])
    assert again != ident
    assert _status(client, f"/api/v1/analyses/{again}", heads["cy"]) == 404


def test_concurrent_identical_changes_are_recorded_once(secured: Any, sharing_db: str) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    store = st.Store(sharing_db)
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def share() -> None:
        try:
            start.wait()
            store.set_sharing(ident, users=["bo"], everyone=True, actor="ann")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=share) for _ in range(6)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        assert store.sharing(ident) == st.Sharing(("ann",), ("bo",), True)
        assert sorted(_audit(store)) == [("ann", "share", ident, "all users"),
                                         ("ann", "share", ident, "user bo")]
    finally:
        store.close()


# ---------------------------------------------------------------------------- the browser

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _signed_in(db: str, secret: str) -> tuple[TestClient, str]:
    """A browser signed in with token ``secret`` (a session cookie), and its CSRF token."""
    browser = _app(db, require_auth=True)
    browser.__enter__()
    token = _CSRF.search(browser.get("/login").text)
    assert token
    signed = browser.post("/login", data={"csrf_token": token.group(1), "token": secret},
                          follow_redirects=False)
    assert signed.status_code == 303
    return browser, token.group(1)


def _secret(head: dict[str, str]) -> str:
    return head["Authorization"].removeprefix("Bearer ")


def _sharing_forms(html: str, ident: str) -> list[str]:
    return re.findall(rf'<form[^>]*action="/analyses/{re.escape(ident)}/sharing">.*?</form>',
                      html)


def test_owner_shares_from_the_analysis_page(secured: Any, sharing_db: str) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    ann, csrf = _signed_in(sharing_db, _secret(heads["ann"]))
    bo, bo_csrf = _signed_in(sharing_db, _secret(heads["bo"]))
    try:
        page = ann.get(f"/analyses/{ident}").text
        assert "Not shared: only its owners and admins see it" in page
        forms = _sharing_forms(page, ident)
        assert forms and all(f'name="csrf_token" value="{csrf}"' in f for f in forms)
        assert any('name="user"' in f for f in forms)

        def post(browser: TestClient, token: str | None, **fields: str) -> Any:
            data = dict(fields, **({"csrf_token": token} if token else {}))
            return browser.post(f"/analyses/{ident}/sharing", data=data,
                                follow_redirects=False)

        # The form's token is required, and it must be this session's.
        assert post(ann, None, action="share", user="bo").status_code == 403
        assert post(ann, "x" * 43, action="share", user="bo").status_code == 403
        assert bo.get(f"/analyses/{ident}").status_code == 404
        done = post(ann, csrf, action="share", user="bo")
        assert done.status_code == 303 and done.headers["location"] == f"/analyses/{ident}"
        unknown = post(ann, csrf, action="share", user="nobody")
        assert unknown.status_code == 422 and "nobody" in unknown.text
        assert unknown.headers["content-type"].startswith("text/html")
        assert post(ann, csrf, action="share", everyone="1").status_code == 303
        page = ann.get(f"/analyses/{ident}").text
        assert "Shared with bo and all users" in page
        assert "Stop sharing with bo" in page and "Stop sharing with all users" in page
        assert 'class="share-note">shared with bo and all users</span>' in ann.get(
            "/analyses").text

        # bo reads it, sees who shared it, and gets no form to change that.
        page = bo.get(f"/analyses/{ident}").text
        assert "Shared by ann" in page and _sharing_forms(page, ident) == []
        assert 'class="share-note">shared by ann</span>' in bo.get("/analyses").text
        assert 'class="share-note">shared by ann</span>' in bo.get("/").text
        assert post(bo, bo_csrf, action="stop").status_code == 403

        assert post(ann, csrf, action="unshare", everyone="1").status_code == 303
        assert post(ann, csrf, action="unshare", user="bo").status_code == 303
        assert bo.get(f"/analyses/{ident}").status_code == 404
        assert ident not in bo.get("/analyses").text
        assert post(ann, csrf, action="share", user="cy").status_code == 303
        assert post(ann, csrf, action="stop").status_code == 303
        state = client.get(f"/api/v1/analyses/{ident}/sharing", headers=heads["ann"]).json()
        assert (state["users"], state["everyone"]) == ([], False)
        assert post(ann, csrf, action="share").status_code == 400  # nobody named
        assert post(ann, csrf, action="publish", user="bo").status_code == 400
    finally:
        ann.__exit__(None, None, None)
        bo.__exit__(None, None, None)


def test_names_are_escaped_on_the_pages(secured: Any, sharing_db: str) -> None:
    client, heads = secured
    store = st.Store(sharing_db)
    try:
        store.create_token('<img src=x onerror="alert(1)">', "reader")
    finally:
        store.close()
    ident = _submit(client, heads["ann"])
    assert _share(client, ident, heads["ann"],
                  users=['<img src=x onerror="alert(1)">']).status_code == 200
    ann, _ = _signed_in(sharing_db, _secret(heads["ann"]))
    try:
        for page in (ann.get(f"/analyses/{ident}").text, ann.get("/analyses").text):
            assert "<img" not in page
            assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    finally:
        ann.__exit__(None, None, None)


def test_admin_page_has_the_forms_and_history_notes_for_admins(secured: Any,
                                                              sharing_db: str) -> None:
    client, heads = secured
    ident = _submit(client, heads["ann"])
    assert _share(client, ident, heads["ann"], users=["bo", "cy", "rita"],
                  everyone=True).status_code == 200
    ada, _ = _signed_in(sharing_db, _secret(heads["ada"]))
    try:
        assert _sharing_forms(ada.get(f"/analyses/{ident}").text, ident)
        assert 'shared with bo, cy, rita and all users</span>' in ada.get("/analyses").text
    finally:
        ada.__exit__(None, None, None)


def test_history_note_names_a_few_users_at_most() -> None:
    from unspun.web.pages import Access, sharing_note

    item = st.Analysis(id="a1", input_key="k", content_hash=None, kind="text", source="s",
                       status=st.DONE, error=None, title="T", site=None, url=None, created=0.0,
                       updated=0.0, owner="ann")
    many = st.Sharing(("ann",), ("b", "c", "d", "e", "f"), everyone=True)
    assert sharing_note(item, Access("ann", {"a1": many})) == (
        "shared with b, c, d, 2 other users and all users"
    )
    assert sharing_note(item, Access("zed", {"a1": many})) == "shared by ann"
    assert sharing_note(item, Access("ada", {"a1": many}, admin=True)).startswith("shared with")
    assert sharing_note(item, Access("ann", {"a1": st.Sharing(("ann",))})) == ""
    assert sharing_note(item, None) == ""


# ------------------------------------------------------------------ access control off


def test_nothing_changes_with_access_control_off(sharing_db: str) -> None:
    FakeAnalyzer.gate = None
    with _app(sharing_db) as client:
        ident = client.post("/api/v1/analyses", json={"text": ARTICLE}).json()["id"]
        assert wait_done(client, ident)["status"] == "done"
        store: st.Store = client.app.state.store  # type: ignore[attr-defined]
        store.create_token("bo", "analyst")
        # Shares kept in the database (say, from a run with access control on) hide nothing
        # and show nothing here.
        assert store.set_sharing(ident, users=["bo"], everyone=True) is not None
        page = client.get(f"/analyses/{ident}").text
        assert 'id="share-h"' not in page and 'id="sharing-state"' not in page
        assert _sharing_forms(page, ident) == []
        assert 'class="share-note"' not in client.get("/analyses").text
        assert 'class="share-note"' not in client.get("/").text
        assert [i["id"] for i in client.get("/api/v1/analyses").json()["items"]] == [ident]
        assert client.get(f"/api/v1/analyses/{ident}").json()["owner"] is None
        # The local user is an admin: it may still read and set the sharing through the API.
        state = client.put(f"/api/v1/analyses/{ident}/sharing", json={"everyone": False})
        assert state.status_code == 200 and state.json()["users"] == ["bo"]
        assert store.audit_log()[-1].actor is None
        assert client.delete(f"/api/v1/analyses/{ident}").status_code == 204


# ------------------------------------------------------------------ the schema, upgraded


def test_an_old_sqlite_database_gets_the_sharing_table_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = st.Store(f"sqlite:///{path}")
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE analysis_shares")
        conn.execute("ALTER TABLE analyses DROP COLUMN shared_with_all")
        conn.execute("ALTER TABLE audit DROP COLUMN detail")
    store = st.Store(f"sqlite:///{path}")
    try:
        store.create_token("bo", "reader")
        item, _ = store.claim("k" * 64, "text", "<pasted text>")
        store.add_owner(item.id, "ann")
        assert store.set_sharing(item.id, users=["bo"], everyone=True, actor="ann") == (
            st.Sharing(("ann",), ("bo",), True)
        )
        assert store.can_read(item.id, "bo") and store.can_read(item.id, "zed")
        assert [a.id for a in store.search(viewer="zed")[0]] == [item.id]
        assert store.audit_log()[0].detail == "user bo"
    finally:
        store.close()
