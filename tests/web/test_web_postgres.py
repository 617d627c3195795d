"""The store, the JSON API and access control (tokens, owners, sharing, the audit log) over
PostgreSQL (psycopg 3), not only SQLite.

A module-scoped fixture runs a throwaway cluster (Debian's ``postgresql`` package) listening
on a unix socket in a temporary directory only. Without the server binaries or psycopg the
tests are skipped, except under CI (``CI`` set), where they fail: CI must install both.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, text

from unspun.web import Limits, create_app
from unspun.web import store as st
from web.test_web_api import (
    test_delete,
    test_form_requires_csrf_token,
    test_html_analysis_has_title_and_site,
    test_list_search_and_cursor_pagination,
    test_same_content_from_another_input_reuses_the_report,
    test_text_analysis_round_trip_and_dedup,
)
from web.test_web_sharing import (
    secured,
    test_admin_shares_any_and_every_change_is_audited,
    test_concurrent_identical_changes_are_recorded_once,
    test_everyone_readers_and_unsharing,
    test_owner_shares_from_the_analysis_page,
    test_shared_user_reads_but_neither_shares_nor_deletes,
    test_unknown_or_revoked_users_are_422_and_change_nothing,
)
from web.web_support import FakeAnalyzer

# The SQLite API and sharing tests, run again here against the PostgreSQL ``client`` and
# ``sharing_db`` fixtures below (``secured`` builds its app over the latter).
__all__ = [
    "secured",
    "test_admin_shares_any_and_every_change_is_audited",
    "test_concurrent_identical_changes_are_recorded_once",
    "test_delete",
    "test_everyone_readers_and_unsharing",
    "test_form_requires_csrf_token",
    "test_html_analysis_has_title_and_site",
    "test_list_search_and_cursor_pagination",
    "test_owner_shares_from_the_analysis_page",
    "test_same_content_from_another_input_reuses_the_report",
    "test_shared_user_reads_but_neither_shares_nor_deletes",
    "test_text_analysis_round_trip_and_dedup",
    "test_unknown_or_revoked_users_are_422_and_change_nothing",
]

DB_NAME = "unspun_test"
DB_USER = "unspun"


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it)", pytrace=False)
    pytest.skip(reason)


def _pg_bin() -> Path | None:
    """The newest PostgreSQL server's bin directory (Debian layout), or one on PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path and shutil.which("pg_ctl") else None


def _runner() -> tuple[list[str], int | None]:
    """The command prefix that runs a server binary, and the uid to own the cluster: the
    server refuses to run as root, so root hands it to the ``postgres`` user."""
    if os.geteuid() != 0:
        return [], None
    try:
        uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        _missing("running as root and there is no 'postgres' user to run PostgreSQL as")
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"], uid
    return [shutil.which("su") or "su", "postgres", "-s", "/bin/sh", "-c", '"$0" "$@"'], uid


def _run(prefix: list[str], *args: str | Path) -> None:
    subprocess.run(
        [*prefix, *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LC_ALL": "C", "LANG": "C"},
    )


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A fresh database in a throwaway cluster, as a ``postgresql+psycopg://`` URL."""
    try:
        import psycopg
    except ImportError:
        _missing("psycopg is not installed (pip install 'psycopg[binary]')")
    bindir = _pg_bin()
    if bindir is None:
        _missing("PostgreSQL server binaries not found (apt-get install postgresql)")
    prefix, uid = _runner()
    # Short and outside pytest's root-only tmp tree: the socket path must fit in ~100 bytes
    # and the postgres user must be able to reach it.
    root = Path(tempfile.mkdtemp(prefix="unspun-pg-"))
    data, log = root / "data", root / "server.log"
    if uid is not None:
        os.chown(root, uid, -1)
    started = False
    try:
        _run(prefix, bindir / "initdb", "-D", data, "-U", DB_USER, "--auth=trust", "-N", "-E",
             "UTF8", "--locale=C")  # fmt: skip
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{root}' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        started = True  # from here on, always try to stop it
        _run(prefix, bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "30",
             "start")  # fmt: skip
        with psycopg.connect(host=str(root), user=DB_USER, dbname="postgres") as conn:
            conn.autocommit = True
            conn.execute(f"CREATE DATABASE {DB_NAME}")
        yield f"postgresql+psycopg://{DB_USER}@/{DB_NAME}?host={root}"
    except subprocess.CalledProcessError as exc:
        server_log = log.read_text(errors="replace") if log.exists() else ""
        pytest.fail(f"{exc.cmd[len(prefix)]} failed: {exc.stderr}\n{server_log}", pytrace=False)
    finally:
        if started:
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                _run(prefix, bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _empty(store: st.Store) -> None:
    """Every table emptied: the cluster lives for the whole module."""
    with store.engine.begin() as conn:
        for table in (st.analyses, st.analysis_owners, st.analysis_shares, st.tokens, st.audit):
            conn.execute(delete(table))


@pytest.fixture
def client(pg_url: str) -> Iterator[TestClient]:
    """What the SQLite tests' ``client`` is, over an emptied PostgreSQL database."""
    FakeAnalyzer.gate = None
    FakeAnalyzer.calls = 0
    app = create_app(
        pg_url,
        analyzer_factory=FakeAnalyzer,
        limits=Limits(requests_per_second=0, submits_per_minute=0),
    )
    _empty(app.state.store)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    FakeAnalyzer.gate = None


@pytest.fixture
def sharing_db(pg_url: str) -> str:
    """The sharing tests' database: the PostgreSQL one, emptied."""
    s = st.Store(pg_url)
    try:
        _empty(s)
    finally:
        s.close()
    return pg_url


@pytest.fixture
def store(pg_url: str) -> Iterator[st.Store]:
    s = st.Store(pg_url)
    _empty(s)
    yield s
    s.close()


def test_bare_postgresql_urls_mean_psycopg3(pg_url: str) -> None:
    bare = pg_url.replace("postgresql+psycopg://", "postgresql://")
    assert st.engine_url(bare).drivername == "postgresql+psycopg"
    assert st.engine_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert st.engine_url("sqlite://").drivername == "sqlite"
    s = st.Store(bare)
    try:
        assert s.engine.dialect.driver == "psycopg"
        s.search(limit=1)  # connects and queries
    finally:
        s.close()


def test_store_claim_finish_get_and_delete(store: st.Store) -> None:
    item, fresh = store.claim("k" * 64, "text", "<pasted text>")
    assert fresh and item.status == st.PENDING and isinstance(item.created, float)
    again, fresh_again = store.claim("k" * 64, "text", "<pasted text>")
    assert again.id == item.id and not fresh_again
    store.finish(
        item.id,
        status=st.DONE,
        report_json='{"a": 1}',
        content_hash="c" * 64,
        title="T\x00itle " + "x" * 2000,  # PostgreSQL text refuses NUL; VARCHAR(n) is enforced
        site="Site",
        url="https://example.org/" + "p" * 3000,
    )
    done = store.get(item.id)
    assert done is not None and done.status == st.DONE
    assert done.title is not None and done.title.startswith("Title ") and len(done.title) == 1024
    assert done.url is not None and len(done.url) == 2048
    assert store.report_json(item.id) == '{"a": 1}'
    assert store.report_by_content("c" * 64) == '{"a": 1}'
    # A failed input is retried by claiming it again; only one claimer queues the retry.
    store.finish(item.id, status=st.FETCH_FAILED, error="boom\x00")
    retried, fresh = store.claim("k" * 64, "text", "<pasted text>")
    assert fresh and retried.status == st.PENDING and retried.error is None
    assert store.claim("k" * 64, "text", "<pasted text>")[1] is False
    assert store.fail_unfinished("restarted") == 1
    assert store.delete(item.id) and not store.delete(item.id)
    assert store.get(item.id) is None and store.by_input_key("k" * 64) is None


def test_store_search_escapes_wildcards_and_breaks_ties_by_id(store: st.Store) -> None:
    idents: list[str] = []
    for n, title in enumerate(["100% true", "100 percent", "snake_case", "snakeXcase"]):
        item, _ = store.claim(f"{n:064d}", "html", "<pasted HTML>")
        store.finish(item.id, status=st.DONE, title=title, site=f"Site {n}")
        idents.append(item.id)
    assert [a.title for a in store.search(q="100%")[0]] == ["100% true"]
    assert [a.title for a in store.search(q="snake_")[0]] == ["snake_case"]
    assert [a.title for a in store.search(q="SNAKE")[0]] == ["snakeXcase", "snake_case"]
    assert [a.site for a in store.search(site="site 2")[0]] == ["Site 2"]
    # Rows created in the same instant still page without gaps or repeats.
    with store.engine.begin() as conn:
        conn.execute(st.analyses.update().values(created=1234.5))
    seen: list[str] = []
    cursor: str | None = None
    while True:
        page, cursor = store.search(limit=3, cursor=cursor)
        seen += [a.id for a in page]
        if cursor is None:
            break
    assert seen == sorted(idents, reverse=True)


def test_store_keeps_figures_filters_failed_and_upgrades_an_old_table(pg_url: str) -> None:
    s = st.Store(pg_url)
    try:
        _empty(s)
        # The table as versions before the figures made it: opening the store adds them.
        with s.engine.begin() as conn:
            conn.execute(text("ALTER TABLE analyses DROP COLUMN words, DROP COLUMN techniques,"
                              " DROP COLUMN claims, DROP COLUMN quotes,"
                              " DROP COLUMN top_technique"))
    finally:
        s.close()
    store = st.Store(pg_url)
    try:
        done, _ = store.claim("a" * 64, "text", "<pasted text>")
        figures = st.Figures(words=250, techniques=5, claims=None, quotes=3,
                             top_technique="Loaded_Language")
        store.finish(done.id, status=st.DONE, report_json="{}", figures=figures)
        item = store.get(done.id)
        assert item is not None and item.figures == figures
        assert item.figures.techniques_per_1000_words == 20.0
        failed, _ = store.claim("b" * 64, "text", "<pasted text>")
        store.finish(failed.id, status=st.FETCH_FAILED, error="unreachable")
        pending, _ = store.claim("c" * 64, "text", "<pasted text>")
        assert {a.id for a in store.search()[0]} == {done.id, failed.id, pending.id}
        assert {a.id for a in store.search(hide_failed=True)[0]} == {done.id, pending.id}
    finally:
        store.close()


def test_store_tokens_owners_sharing_and_audit(store: st.Store) -> None:
    secret = store.create_token("ann", "analyst")
    store.create_token("bo", "reader")
    with pytest.raises(ValueError, match="exists already"):
        store.create_token("ann", "admin")
    found = store.token_for_secret(secret)
    assert found is not None and (found.name, found.role, found.revoked) == ("ann", "analyst", None)
    assert found.secret_hash == st.hash_secret(secret) and secret not in found.secret_hash
    assert store.token_for_secret(secret + "x") is None
    assert [t.name for t in store.list_tokens()] == ["ann", "bo"]

    mine, _ = store.claim("m" * 64, "text", "<pasted text>")
    store.finish(mine.id, status=st.DONE, title="Mine", report_json="{}")
    theirs, _ = store.claim("t" * 64, "text", "<pasted text>")
    store.add_owner(mine.id, "ann")
    store.add_owner(mine.id, "ann")  # submitted twice: still one owner
    store.add_owner(theirs.id, "cy")
    item = store.get(mine.id)
    assert item is not None and item.owner == "ann"
    assert store.owns(mine.id, "ann") and not store.owns(theirs.id, "ann")
    assert [a.id for a in store.search(viewer="ann")[0]] == [mine.id]
    assert store.search(viewer="bo")[0] == []

    with pytest.raises(st.UnknownUsers):
        store.set_sharing(mine.id, users=["bo", "zed"], actor="ann")
    assert store.sharing(mine.id) == st.Sharing(("ann",), (), False)
    assert store.set_sharing(mine.id, users=["bo"], actor="ann") == st.Sharing(
        ("ann",), ("bo",), False
    )
    assert store.can_read(mine.id, "bo") and not store.can_read(mine.id, "zed")
    assert [a.id for a in store.search(viewer="bo")[0]] == [mine.id]
    assert store.set_sharing(theirs.id, everyone=True, actor="cy") is not None
    assert store.can_read(theirs.id, "zed")
    assert {a.id for a in store.search(viewer="zed")[0]} == {theirs.id}
    assert store.sharings([mine.id, theirs.id, "gone"]) == {
        mine.id: st.Sharing(("ann",), ("bo",), False),
        theirs.id: st.Sharing(("cy",), (), True),
    }
    assert store.set_sharing(mine.id, users=[], actor="ann") is not None
    assert not store.can_read(mine.id, "bo")
    assert store.set_sharing("gone", everyone=True) is None

    assert store.revoke_token("bo") and not store.revoke_token("bo")
    assert store.token_for_secret(secret) is not None
    revoked = store.token("bo")
    assert revoked is not None and revoked.revoked is not None

    assert store.delete(mine.id, actor="ada")
    assert store.sharing(mine.id) is None and not store.owns(mine.id, "ann")
    assert [(e.actor, e.action, e.analysis_id, e.title, e.detail) for e in store.audit_log()] == [
        ("ann", "share", mine.id, "Mine", "user bo"),
        ("cy", "share", theirs.id, "<pasted text>", "all users"),
        ("ann", "unshare", mine.id, "Mine", "user bo"),
        ("ada", "delete", mine.id, "Mine", None),
    ]


def test_an_old_postgresql_database_gets_the_access_tables_and_columns(pg_url: str) -> None:
    s = st.Store(pg_url)
    try:
        _empty(s)
        # As versions before sharing made it: no shares table, no flag, no audit detail.
        with s.engine.begin() as conn:
            conn.execute(text("DROP TABLE analysis_shares"))
            conn.execute(text("ALTER TABLE analyses DROP COLUMN shared_with_all"))
            conn.execute(text("ALTER TABLE audit DROP COLUMN detail"))
            conn.execute(text("INSERT INTO audit (at, actor, action, analysis_id, title)"
                              " VALUES (1.0, 'ada', 'delete', 'old', 'Old one')"))
    finally:
        s.close()
    store = st.Store(pg_url)
    try:
        store.create_token("bo", "reader")
        item, _ = store.claim("o" * 64, "text", "<pasted text>")
        store.add_owner(item.id, "ann")
        assert store.sharing(item.id) == st.Sharing(("ann",), (), False)
        assert store.set_sharing(item.id, users=["bo"], everyone=True, actor="ann") == (
            st.Sharing(("ann",), ("bo",), True)
        )
        assert [(e.analysis_id, e.detail) for e in store.audit_log()] == [
            ("old", None), (item.id, "user bo"), (item.id, "all users"),
        ]
    finally:
        store.close()
