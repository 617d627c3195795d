"""Analyses kept in a database (SQLAlchemy): SQLite by default; PostgreSQL through psycopg 3
(``postgresql://`` and ``postgres://`` URLs mean ``postgresql+psycopg://``).

Two hashes key an analysis. ``input_key`` is the hash of what was submitted (the URL, the
pasted text, the uploaded bytes) and is unique, so resubmitting the same input returns the
same analysis without queueing work. ``content_hash`` is the hash of the article bytes that
ingestion produced; it lets a URL whose page matches an earlier upload reuse that report
instead of running the models again. Both include the analyzer's fingerprint and the
publication date the client gave, if any: the same text under another date is another
analysis.

A finished analysis also keeps a few figures of its report (:class:`Figures`: words, technique,
claim and quote counts, the most frequent technique), so the history can show them without
reading every report. Tables made before these columns existed get them when a :class:`Store`
opens them; their old rows get figures the first time the history shows them.

Access (``auth.py`` decides who asks): ``analysis_owners`` holds who submitted each analysis,
``analysis_shares`` whom its owners shared it with, and ``analyses.shared_with_all`` whether
every signed-in user may read it. ``audit`` records deletions and sharing changes. Tables
missing from an older database are created, missing columns added (all nullable), whether
it is SQLite or PostgreSQL.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    not_,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

PENDING: Final = "pending"
DONE: Final = "done"
# Terminal failures; the status itself says what kind, so clients need not parse messages.
REFUSED: Final = "refused"
FETCH_FAILED: Final = "fetch_failed"
INVALID: Final = "invalid"
UNSUPPORTED: Final = "unsupported"
FAILED: Final = "failed"
ERROR_STATUSES: Final = frozenset({REFUSED, FETCH_FAILED, INVALID, UNSUPPORTED, FAILED})

_metadata = MetaData()

analyses = Table(
    "analyses",
    _metadata,
    Column("id", String(32), primary_key=True),
    Column("input_key", String(64), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=True, index=True),
    Column("kind", String(8), nullable=False),
    Column("source", String(2048), nullable=False),
    Column("status", String(16), nullable=False),
    Column("error", Text, nullable=True),
    Column("title", String(1024), nullable=True),
    Column("site", String(512), nullable=True),
    Column("url", String(2048), nullable=True),
    Column("created", Float, nullable=False),
    Column("updated", Float, nullable=False),
    Column("report", Text, nullable=True),
    # Figures of the report (see Figures); NULL until the analysis is done, and for a layer
    # that did not run.
    Column("words", Integer, nullable=True),
    Column("techniques", Integer, nullable=True),
    Column("claims", Integer, nullable=True),
    Column("quotes", Integer, nullable=True),
    Column("top_technique", String(64), nullable=True),
    # The name of the token (or proxy user) that first submitted it; NULL for anonymous
    # loopback use and for rows made before access control.
    Column("owner", String(200), nullable=True),
    # Readable by every signed-in user (see Sharing); NULL and false alike mean not.
    Column("shared_with_all", Boolean, nullable=True),
)
Index("ix_analyses_created_id", analyses.c.created, analyses.c.id)


def _names_of_analyses(name: str, column: str) -> Table:
    """A table pairing analyses with user names (``column``), indexed by the name too."""
    table = Table(
        name,
        _metadata,
        Column("analysis_id", String(32), primary_key=True),
        Column(column, String(200), primary_key=True),
    )
    Index(f"ix_{name}_{column}", table.c[column])
    return table


# Who may read an analysis besides an admin: every principal that submitted it (the same
# input submitted twice is one analysis, so it can have several).
analysis_owners = _names_of_analyses("analysis_owners", "owner")
# The users (token names) an analysis's owners shared it with: they may read it as its owners
# do, but neither share nor delete it.
analysis_shares = _names_of_analyses("analysis_shares", "grantee")

# API tokens: only the SHA-256 of the secret is kept.
tokens = Table(
    "tokens",
    _metadata,
    Column("name", String(200), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("created", Float, nullable=False),
    Column("revoked", Float, nullable=True),
)

# Every deletion and sharing change: who, when, which analysis and its title, and for a
# sharing change what changed (``detail``: "user NAME" or "all users").
audit = Table(
    "audit",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("actor", String(200), nullable=True),
    Column("action", String(32), nullable=False),
    Column("analysis_id", String(32), nullable=True),
    Column("title", String(1024), nullable=True),
    Column("detail", String(256), nullable=True),
)

ROLES: Final = ("reader", "analyst", "admin")

_FIGURE_COLUMNS: Final = ("words", "techniques", "claims", "quotes", "top_technique")


@dataclass(frozen=True, slots=True)
class Figures:
    """What the history shows of a finished report: its word count, how many technique,
    claim and quote spans it holds (None for a layer that did not run) and its most frequent
    technique (the report's label, None without any)."""

    words: int
    techniques: int | None
    claims: int | None
    quotes: int | None
    top_technique: str | None

    @property
    def techniques_per_1000_words(self) -> float | None:
        """Technique density, as the report defines it; 0.0 when the layer found none."""
        if self.techniques is None or not self.words:
            return None
        return self.techniques * 1000 / self.words


@dataclass(frozen=True, slots=True)
class Analysis:
    """One row, without the report body (fetched separately: it can be megabytes)."""

    id: str
    input_key: str
    content_hash: str | None
    kind: str
    source: str
    status: str
    error: str | None
    title: str | None
    site: str | None
    url: str | None
    created: float
    updated: float
    words: int | None = None
    techniques: int | None = None
    claims: int | None = None
    quotes: int | None = None
    top_technique: str | None = None
    owner: str | None = None
    shared_with_all: bool | None = None

    @property
    def finished(self) -> bool:
        return self.status != PENDING

    @property
    def figures(self) -> Figures | None:
        """The report's figures; None until done, and for rows done before they were kept."""
        if self.status != DONE or self.words is None:
            return None
        return Figures(self.words, self.techniques, self.claims, self.quotes, self.top_technique)


@dataclass(frozen=True, slots=True)
class Token:
    name: str
    role: str
    secret_hash: str
    created: float
    revoked: float | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: float
    actor: str | None
    action: str
    analysis_id: str | None
    title: str | None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Sharing:
    """Who may read an analysis besides an admin: its ``owners`` (who submitted it), the
    ``users`` it is shared with, and, when ``everyone``, every signed-in user."""

    owners: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    everyone: bool = False

    @property
    def shared(self) -> bool:
        return self.everyone or bool(self.users)

    def as_json(self) -> dict[str, Any]:
        return {"owners": list(self.owners), "users": list(self.users), "everyone": self.everyone}


class UnknownUsers(ValueError):
    """Sharing named users that no live token is called."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        listed = ", ".join(repr(n) for n in names)
        super().__init__(f"no user named {listed}: share with the name of an active token")


EVERYONE_DETAIL: Final = "all users"
MAX_SHARE_ATTEMPTS: Final = 3


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


_SUMMARY_COLUMNS = [c for c in analyses.c if c.name != "report"]


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def engine_url(db_url: str) -> URL:
    """``db_url`` parsed, with a bare PostgreSQL scheme bound to psycopg 3 (SQLAlchemy would
    pick psycopg2, which we do not depend on, and no longer knows ``postgres://``)."""
    url = make_url(db_url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _text(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters (SQLite can): drop them everywhere alike."""
    return value.replace("\x00", "") if value else value


def _engine(db_url: str) -> Engine:
    url = engine_url(db_url)
    if url.get_backend_name() == "sqlite":
        if db_url in ("sqlite://", "sqlite:///:memory:"):
            # One shared connection, or every thread would see its own empty database.
            engine = create_engine(
                url, connect_args={"check_same_thread": False}, poolclass=StaticPool
            )
        else:
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            # WAL lets the worker processes read while the server writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def encode_cursor(created: float, ident: str) -> str:
    raw = json.dumps([created, ident]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[float, str]:
    """The position a cursor names; ValueError when it was not made by :func:`encode_cursor`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created, ident = json.loads(raw)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise ValueError("invalid cursor") from exc
    if not isinstance(created, int | float) or not isinstance(ident, str):
        raise ValueError("invalid cursor")
    return float(created), ident


def _figure_values(figures: Figures | None) -> dict[str, Any]:
    if figures is None:
        return dict.fromkeys(_FIGURE_COLUMNS)
    top = _text(figures.top_technique)
    return {
        "words": figures.words,
        "techniques": figures.techniques,
        "claims": figures.claims,
        "quotes": figures.quotes,
        "top_technique": top[:64] if top else None,
    }


def _add_missing_columns(engine: Engine, *tables: Table) -> None:
    """Give tables made by an earlier version the columns added since (all nullable)."""
    for table in tables:
        present = {c["name"] for c in inspect(engine).get_columns(table.name)}
        for column in [c for c in table.c if c.name not in present]:
            ddl = column.type.compile(dialect=engine.dialect)
            try:
                with engine.begin() as conn:
                    conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {ddl}"))
            except Exception:
                # Another process opening the same database may have added it first.
                again = {c["name"] for c in inspect(engine).get_columns(table.name)}
                if column.name not in again:
                    raise


def _readable_by(name: str) -> Any:
    """The analyses ``name`` may read without being an admin: those it submitted, those
    shared with it and those shared with all users."""
    return or_(
        analyses.c.id.in_(
            select(analysis_owners.c.analysis_id).where(analysis_owners.c.owner == name)
        ),
        analyses.c.id.in_(
            select(analysis_shares.c.analysis_id).where(analysis_shares.c.grantee == name)
        ),
        analyses.c.shared_with_all.is_(True),
    )


def _record(
    conn: Connection,
    *,
    actor: str | None,
    action: str,
    ident: str,
    label: str | None,
    detail: str | None = None,
) -> None:
    """One audit entry, in the caller's transaction."""
    conn.execute(
        insert(audit).values(
            at=time.time(),
            actor=actor,
            action=action,
            analysis_id=ident,
            title=label[:1024] if label else None,
            detail=detail[:256] if detail else None,
        )
    )


def _contains(value: str, *columns: Any) -> Any:
    """Any of ``columns`` contains ``value``, case-insensitively, ``%`` and ``_`` literal."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(*(column.ilike(f"%{escaped}%", escape="\\") for column in columns))


class Store:
    """Thread-safe access to the analyses table (each call uses its own connection)."""

    def __init__(self, db_url: str) -> None:
        self.url = db_url
        self.engine = _engine(db_url)
        # An in-memory database is one shared connection: threads must take turns on it.
        self._shared = isinstance(self.engine.pool, StaticPool)
        self._lock = threading.RLock()
        with self._turn():
            _metadata.create_all(self.engine)  # tables missing from an older database
            _add_missing_columns(self.engine, analyses, audit)

    @contextlib.contextmanager
    def _begin(self) -> Iterator[Connection]:
        with self._turn(), self.engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def _connect(self) -> Iterator[Connection]:
        with self._turn(), self.engine.connect() as conn:
            yield conn

    def _turn(self) -> contextlib.AbstractContextManager[object]:
        return self._lock if self._shared else contextlib.nullcontext()

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ writes

    def claim(self, input_key: str, kind: str, source: str) -> tuple[Analysis, bool]:
        """The analysis for ``input_key``, and whether the caller must queue work for it.

        A new input gets a pending row. A failed one is reset to pending so that a transient
        failure (an unreachable site) can be retried by submitting again.
        """
        now = time.time()
        row = {
            "id": secrets.token_urlsafe(12),
            "input_key": input_key,
            "kind": kind,
            "source": (_text(source) or "")[:2048],
            "status": PENDING,
            "created": now,
            "updated": now,
        }
        try:
            with self._begin() as conn:
                conn.execute(insert(analyses).values(**row))
        except IntegrityError:
            existing = self.by_input_key(input_key)
            if existing is None:  # deleted between the insert and the read
                return self.claim(input_key, kind, source)
            if existing.status not in ERROR_STATUSES:
                return existing, False
            with self._begin() as conn:
                result = conn.execute(
                    update(analyses)
                    .where(analyses.c.id == existing.id, analyses.c.status == existing.status)
                    .values(status=PENDING, error=None, updated=now)
                )
            again = self.get(existing.id)
            if again is None:
                return self.claim(input_key, kind, source)
            # Only the request that flipped the row back to pending queues the retry.
            return again, result.rowcount == 1
        created = self.get(str(row["id"]))
        assert created is not None
        return created, True

    def finish(
        self,
        ident: str,
        *,
        status: str,
        error: str | None = None,
        report_json: str | None = None,
        content_hash: str | None = None,
        title: str | None = None,
        site: str | None = None,
        url: str | None = None,
        figures: Figures | None = None,
    ) -> None:
        # The report is JSON, whose text never holds a raw NUL (json escapes it).
        title, site, url = _text(title), _text(site), _text(url)
        with self._begin() as conn:
            conn.execute(
                update(analyses)
                .where(analyses.c.id == ident)
                .values(
                    status=status,
                    error=_text(error),
                    report=report_json,
                    content_hash=content_hash,
                    title=title[:1024] if title else None,
                    site=site[:512] if site else None,
                    url=url[:2048] if url else None,
                    updated=time.time(),
                    **_figure_values(figures),
                )
            )

    def set_figures(self, ident: str, figures: Figures) -> None:
        """Keep the figures of a finished report (one done before they were kept)."""
        with self._begin() as conn:
            conn.execute(
                update(analyses)
                .where(analyses.c.id == ident, analyses.c.status == DONE)
                .values(**_figure_values(figures))
            )

    def fail_unfinished(self, message: str) -> int:
        """Mark analyses left pending by a previous run as failed; returns how many."""
        with self._begin() as conn:
            result = conn.execute(
                update(analyses)
                .where(analyses.c.status == PENDING)
                .values(status=FAILED, error=_text(message), updated=time.time())
            )
        return result.rowcount or 0

    def delete(self, ident: str, *, actor: str | None = None) -> bool:
        """Delete an analysis and record who did (``actor``: a token name, None for anonymous
        local use) in the audit table, in the same transaction."""
        with self._begin() as conn:
            title = conn.execute(
                select(analyses.c.title, analyses.c.source).where(analyses.c.id == ident)
            ).first()
            result = conn.execute(delete(analyses).where(analyses.c.id == ident))
            conn.execute(delete(analysis_owners).where(analysis_owners.c.analysis_id == ident))
            conn.execute(delete(analysis_shares).where(analysis_shares.c.analysis_id == ident))
            if result.rowcount:
                _record(conn, actor=actor, action="delete", ident=ident,
                        label=(title.title or title.source) if title else None)
        return bool(result.rowcount)

    def add_owner(self, ident: str, owner: str) -> None:
        """Let ``owner`` read analysis ``ident`` (it submitted it); the first such submitter
        is kept as the row's ``owner``."""
        with contextlib.suppress(IntegrityError), self._begin() as conn:
            conn.execute(insert(analysis_owners).values(analysis_id=ident, owner=owner))
        with self._begin() as conn:
            conn.execute(
                update(analyses)
                .where(analyses.c.id == ident, analyses.c.owner.is_(None))
                .values(owner=owner)
            )

    def owns(self, ident: str, owner: str) -> bool:
        with self._connect() as conn:
            return (
                conn.execute(
                    select(analysis_owners.c.owner).where(
                        analysis_owners.c.analysis_id == ident, analysis_owners.c.owner == owner
                    )
                ).first()
                is not None
            )

    def can_read(self, ident: str, name: str) -> bool:
        """Whether the (non-admin) user ``name`` may read analysis ``ident``: it submitted it,
        or it was shared with it or with all users."""
        with self._connect() as conn:
            found = conn.execute(
                select(analyses.c.id).where(analyses.c.id == ident, _readable_by(name))
            ).first()
        return found is not None

    def sharings(self, idents: Iterable[str]) -> dict[str, Sharing]:
        """The :class:`Sharing` of each of ``idents`` that exists."""
        ids = list(dict.fromkeys(idents))
        if not ids:
            return {}
        owners: dict[str, list[str]] = {i: [] for i in ids}
        users: dict[str, list[str]] = {i: [] for i in ids}
        with self._connect() as conn:
            everyone = {
                ident: flag
                for ident, flag in conn.execute(
                    select(analyses.c.id, analyses.c.shared_with_all).where(
                        analyses.c.id.in_(ids)
                    )
                )
            }
            for table, column, into in (
                (analysis_owners, analysis_owners.c.owner, owners),
                (analysis_shares, analysis_shares.c.grantee, users),
            ):
                rows = conn.execute(
                    select(table.c.analysis_id, column)
                    .where(table.c.analysis_id.in_(ids))
                    .order_by(column)
                )
                for ident, name in rows:
                    into[ident].append(name)
        return {
            i: Sharing(tuple(owners[i]), tuple(users[i]), bool(everyone[i]))
            for i in ids
            if i in everyone
        }

    def sharing(self, ident: str) -> Sharing | None:
        """Who may read analysis ``ident``; None when there is no such analysis."""
        return self.sharings([ident]).get(ident)

    def set_sharing(
        self,
        ident: str,
        *,
        users: Iterable[str] | None = None,
        everyone: bool | None = None,
        actor: str | None = None,
    ) -> Sharing | None:
        """Share analysis ``ident`` with exactly ``users`` and, when ``everyone``, with every
        signed-in user; None for either leaves it as it is. Each user added or removed, and
        a change of ``everyone``, is an audit entry of ``actor``'s, in the same transaction.

        Returns the new state, None when there is no such analysis. Raises
        :class:`UnknownUsers`, changing nothing, when a user to add has no live token.
        """
        wanted = (
            None if users is None else list(dict.fromkeys(u.strip() for u in users if u.strip()))
        )
        for attempt in range(MAX_SHARE_ATTEMPTS):
            try:
                with self._begin() as conn:
                    row = conn.execute(
                        select(analyses.c.title, analyses.c.source, analyses.c.shared_with_all)
                        .where(analyses.c.id == ident)
                    ).first()
                    if row is None:
                        return None
                    changes = self._change_users(conn, ident, wanted)
                    if everyone is not None and everyone != bool(row.shared_with_all):
                        # Only the request that flips it records the change.
                        flipped = conn.execute(
                            update(analyses)
                            .where(
                                analyses.c.id == ident,
                                func.coalesce(analyses.c.shared_with_all, False) != everyone,
                            )
                            .values(shared_with_all=everyone)
                        )
                        if flipped.rowcount:
                            changes.append(("share" if everyone else "unshare", EVERYONE_DETAIL))
                    for action, detail in changes:
                        _record(conn, actor=actor, action=action, ident=ident,
                                label=row.title or row.source, detail=detail)
                break
            except IntegrityError:
                # Another request shared with the same user meanwhile: look again.
                if attempt == MAX_SHARE_ATTEMPTS - 1:
                    raise
        return self.sharing(ident)

    @staticmethod
    def _change_users(
        conn: Connection, ident: str, wanted: list[str] | None
    ) -> list[tuple[str, str]]:
        """Make ``wanted`` the users ``ident`` is shared with (None: leave them); the audit
        (action, detail) of each change."""
        if wanted is None:
            return []
        current = set(
            conn.execute(
                select(analysis_shares.c.grantee).where(analysis_shares.c.analysis_id == ident)
            ).scalars()
        )
        added = [u for u in wanted if u not in current]
        removed = sorted(current.difference(wanted))
        if added:
            live = set(
                conn.execute(
                    select(tokens.c.name).where(
                        tokens.c.name.in_(added), tokens.c.revoked.is_(None)
                    )
                ).scalars()
            )
            unknown = [u for u in added if u not in live]
            if unknown:
                raise UnknownUsers(unknown)
            conn.execute(
                insert(analysis_shares), [{"analysis_id": ident, "grantee": u} for u in added]
            )
        changes = [("share", f"user {u}") for u in added]
        for name in removed:
            # One by one, so that a user another request removed meanwhile is not recorded twice.
            gone = conn.execute(
                delete(analysis_shares).where(
                    analysis_shares.c.analysis_id == ident, analysis_shares.c.grantee == name
                )
            )
            if gone.rowcount:
                changes.append(("unshare", f"user {name}"))
        return changes

    # ------------------------------------------------------------------ tokens, audit

    def create_token(self, name: str, role: str) -> str:
        """A new token's secret (shown once; only its SHA-256 is kept). ValueError for an
        unknown role or a name already in use."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        name = name.strip()
        if not name or len(name) > 200 or not name.isprintable():
            raise ValueError("a token name is 1 to 200 printable characters")
        secret = "unspun_" + secrets.token_urlsafe(32)
        try:
            with self._begin() as conn:
                conn.execute(
                    insert(tokens).values(
                        name=name, role=role, secret_hash=hash_secret(secret),
                        created=time.time(), revoked=None,
                    )
                )
        except IntegrityError:
            raise ValueError(f"a token named {name!r} exists already") from None
        return secret

    def token_for_secret(self, secret: str) -> Token | None:
        """The live (not revoked) token whose secret this is."""
        digest = hash_secret(secret)
        with self._connect() as conn:
            row = conn.execute(
                select(tokens).where(tokens.c.secret_hash == digest, tokens.c.revoked.is_(None))
            ).first()
        # The lookup is by hash, so timing reveals nothing of the secret; compare anyway.
        if row is None or not secrets.compare_digest(row.secret_hash, digest):
            return None
        return Token(**row._mapping)

    def token(self, name: str) -> Token | None:
        with self._connect() as conn:
            row = conn.execute(select(tokens).where(tokens.c.name == name)).first()
        return Token(**row._mapping) if row is not None else None

    def list_tokens(self) -> list[Token]:
        with self._connect() as conn:
            rows = conn.execute(select(tokens).order_by(tokens.c.created, tokens.c.name))
            return [Token(**r._mapping) for r in rows]

    def revoke_token(self, name: str) -> bool:
        with self._begin() as conn:
            result = conn.execute(
                update(tokens)
                .where(tokens.c.name == name, tokens.c.revoked.is_(None))
                .values(revoked=time.time())
            )
        return bool(result.rowcount)

    def audit_log(self, limit: int = 1000) -> list[AuditEntry]:
        """The newest ``limit`` audit entries, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                select(audit).order_by(audit.c.at.desc(), audit.c.id.desc()).limit(limit)
            )
            entries = [AuditEntry(**r._mapping) for r in rows]
        return entries[::-1]

    # ------------------------------------------------------------------ reads

    def get(self, ident: str) -> Analysis | None:
        with self._connect() as conn:
            row = conn.execute(select(*_SUMMARY_COLUMNS).where(analyses.c.id == ident)).first()
        return Analysis(**row._mapping) if row is not None else None

    def by_input_key(self, input_key: str) -> Analysis | None:
        with self._connect() as conn:
            row = conn.execute(
                select(*_SUMMARY_COLUMNS).where(analyses.c.input_key == input_key)
            ).first()
        return Analysis(**row._mapping) if row is not None else None

    def report_json(self, ident: str) -> str | None:
        with self._connect() as conn:
            return conn.execute(select(analyses.c.report).where(analyses.c.id == ident)).scalar()

    def report_by_content(self, content_hash: str) -> str | None:
        """A finished report of the same article bytes, if one exists."""
        with self._connect() as conn:
            return conn.execute(
                select(analyses.c.report)
                .where(analyses.c.content_hash == content_hash, analyses.c.status == DONE)
                .limit(1)
            ).scalar()

    def search(
        self,
        *,
        q: str | None = None,
        site: str | None = None,
        hide_failed: bool = False,
        limit: int = 20,
        cursor: str | None = None,
        viewer: str | None = None,
    ) -> tuple[list[Analysis], str | None]:
        """Newest first; ``q`` matches title, site or URL, ``site`` the site or URL host;
        ``hide_failed`` leaves out the analyses that failed (any of :data:`ERROR_STATUSES`);
        ``viewer`` keeps only what that user may read (:meth:`can_read`).

        Returns the page and the cursor of the next one (None on the last page).
        """
        query = select(*_SUMMARY_COLUMNS)
        if viewer is not None:
            query = query.where(_readable_by(viewer))
        if hide_failed:
            query = query.where(not_(analyses.c.status.in_(sorted(ERROR_STATUSES))))
        if q:
            query = query.where(_contains(q, analyses.c.title, analyses.c.site, analyses.c.url))
        if site:
            query = query.where(_contains(site, analyses.c.site, analyses.c.url))
        if cursor:
            created, ident = decode_cursor(cursor)
            query = query.where(
                or_(
                    analyses.c.created < created,
                    (analyses.c.created == created) & (analyses.c.id < ident),
                )
            )
        query = query.order_by(analyses.c.created.desc(), analyses.c.id.desc()).limit(limit + 1)
        with self._connect() as conn:
            rows = [Analysis(**r._mapping) for r in conn.execute(query)]
        if len(rows) > limit:
            last = rows[limit - 1]
            return rows[:limit], encode_cursor(last.created, last.id)
        return rows, None
