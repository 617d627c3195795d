"""The web app: ``create_app`` assembles a FastAPI application over the core Analyzer, and
``serve()`` runs it for the CLI.

    browser / API client ─▶ GuardMiddleware (limits.py: rate limit, body cap, headers)
        ─▶ routes/api.py      (/healthz, /api/v1/…: JSON)
           routes/browser.py  (/, /docs, /analyses…: HTML from pages.py, csrf.py)
             │  Depends(get_store / get_jobs / get_limits)  (deps.py)
             ▼
        app.state: store (store.py, SQLAlchemy) · jobs (jobs.py) · limits
                     ▲                              │ submit
                     │                              ▼
                     └──── finish(result) ◀── worker pool (worker.py, Analyzer per worker)

        errors raised anywhere ─▶ handlers of errors.py (JSON for the API, HTML for pages)

API routes are plain ``def`` functions: FastAPI runs them in its thread pool, so database
calls never block the event loop, and analysis never runs on it at all.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from unspun import __version__
from unspun.bounded import JobLimits
from unspun.web import pages
from unspun.web import store as st
from unspun.web.auth import AuthConfig, LoginRequired, load_secret
from unspun.web.errors import install_error_handlers
from unspun.web.jobs import Jobs, PoolKind
from unspun.web.limits import (
    DEFAULT_MAX_QUEUED_PER_CLIENT,
    GuardMiddleware,
    Limits,
    parse_networks,
)
from unspun.web.routes import api, browser
from unspun.web.worker import AnalyzerFactory

log = logging.getLogger("unspun.web")


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "unspun" / "analyses.db"


def db_url_for(db: str | None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as is, anything else a SQLite file path."""
    if db and "://" in db:
        return db
    path = Path(db).expanduser() if db else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return st.sqlite_url(path)


def session_key_path(db_url: str) -> Path:
    """Where the key that signs sessions lives: beside a SQLite file (``analyses.db.key``),
    else in the user's data directory. Servers that share a database should share it."""
    url = st.engine_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).with_name(Path(str(url.database)).name + ".key")
    return default_db_path().with_name("session.key")


LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (what ``unspun serve --host`` got) is reachable from this machine
    only: then access control may stay off."""
    host = host.strip().lower()
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


async def _login_required(request: Request, exc: Exception) -> Response:
    """401 for the API (with ``WWW-Authenticate``); the login page for a browser's GET."""
    message = exc.message if isinstance(exc, LoginRequired) else "authentication required"
    path = request.url.path
    if path.startswith("/api/") or path == "/healthz":
        return JSONResponse(
            {"error": message}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    if request.method == "GET":
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return pages.error_page(401, "sign in first: your session has expired").response(401)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    jobs: Jobs = app.state.jobs
    store: st.Store = app.state.store
    jobs.warm_up()
    try:
        yield
    finally:
        jobs.shutdown()
        store.close()


def create_app(
    db_url: str | None = None,
    *,
    analyzer_factory: AnalyzerFactory | None = None,
    workers: int = 1,
    pool: PoolKind = "thread",
    allow_private_network: bool = False,
    limits: Limits | None = None,
    layers: Sequence[str] | str | None = None,
    models: str | None = None,
    require_auth: bool = False,
    auth_header: str | None = None,
    secret: bytes | None = None,
    job_limits: JobLimits | None = None,
) -> FastAPI:
    """The app. ``db_url`` is a SQLAlchemy URL (default: the SQLite file under the user's data
    directory). ``analyzer_factory`` builds one Analyzer per worker (it must be picklable for
    a process pool). ``allow_private_network`` lifts the SSRF guard and is meant only for an
    operator's local use; it applies to the default factory, and so do ``layers`` (the
    layers to run, default all) and ``models`` (a model directory, default the shipped one).

    ``require_auth`` turns access control on (auth.py): API tokens, roles and private
    analyses. Off (the default here), every request is the local user, who may do anything;
    ``serve`` turns it on unless it listens on loopback only. ``auth_header`` names the
    header by which a reverse proxy in ``limits.trusted_proxies`` tells the user it
    authenticated; ``secret`` signs sessions and CSRF tokens (default: random per process).

    ``job_limits`` bounds each analysis (default :class:`~unspun.bounded.JobLimits`: 60 s,
    1.5 GB): enforced in a process pool; a thread pool can only fail a job that ran past
    its deadline once it ends (see jobs.py).

    The routers find the store, the job pool, the limits and the auth settings on
    ``app.state`` (see deps.py).
    """
    limits = limits or Limits()
    url = db_url or db_url_for(None)
    if pool == "process" and url in ("sqlite://", "sqlite:///:memory:"):
        pool = "thread"  # worker processes cannot see an in-memory database
    if analyzer_factory is None:
        from unspun.analyzer import analyzer_factory as make_factory

        analyzer_factory = make_factory(
            layers, models=models, allow_private_network=allow_private_network
        )
    store = st.Store(url)
    interrupted = store.fail_unfinished("interrupted by a server restart; submit it again")
    if interrupted:
        log.warning("%d analyses left pending by a previous run marked failed", interrupted)
    jobs = Jobs(
        store,
        analyzer_factory,
        workers=workers,
        pool=pool,
        max_pending=limits.max_pending,
        limits=job_limits,
        max_queued_per_client=limits.max_queued_per_client,
    )

    app = FastAPI(
        title="unspun",
        version=__version__,
        description="Analyse news articles: how they are built to persuade.",
        # Swagger UI and ReDoc load scripts from a CDN, which our CSP forbids: /docs is our
        # own page listing the operations, and /openapi.json the machine-readable schema.
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.jobs = jobs
    app.state.limits = limits
    # The URL check at submission follows the server's guard; with a custom analyzer factory
    # it is what the caller said, not what the factory's settings hold.
    app.state.allow_private_network = allow_private_network
    auth = AuthConfig(
        require_auth=require_auth,
        trusted_proxies=parse_networks(limits.trusted_proxies),
        auth_header=auth_header,
    )
    app.state.auth = auth if secret is None else AuthConfig(
        auth.require_auth, auth.trusted_proxies, auth.auth_header, secret
    )
    app.add_middleware(GuardMiddleware, limits=limits)
    install_error_handlers(app)
    app.exception_handler(LoginRequired)(_login_required)
    app.include_router(api.router)
    app.include_router(browser.router)
    return app


def serve(
    host: str,
    port: int,
    db: str | None,
    *,
    workers: int = 1,
    allow_private_network: bool = False,
    log_level: str = "info",
    layers: Sequence[str] | str | None = None,
    models: str | None = None,
    trusted_proxies: Sequence[str] = (),
    auth_header: str | None = None,
    job_limits: JobLimits | None = None,
    max_queued_per_client: int | None = None,
) -> None:
    """Run the server until interrupted (what ``unspun serve`` calls).

    Access control is on unless ``host`` is a loopback address and no reverse proxy is
    configured (``trusted_proxies``/``auth_header``): a proxy on this machine that forwards
    to loopback would otherwise open the whole service to everyone it serves.

    ``db`` is a SQLite file path or a SQLAlchemy URL (postgresql://…); None uses the file under
    the user's data directory. Analyses run in ``workers`` worker processes, each one under
    ``job_limits`` (default :class:`~unspun.bounded.JobLimits`); one client may have
    ``max_queued_per_client`` of them waiting or running (default 20; 0: no limit).
    """
    import uvicorn

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    require_auth = not is_loopback(host) or bool(trusted_proxies) or auth_header is not None
    url = db_url_for(db)
    app = create_app(
        url,
        workers=workers,
        pool="process",
        allow_private_network=allow_private_network,
        layers=layers,
        models=models,
        limits=Limits(
            trusted_proxies=tuple(trusted_proxies),
            max_queued_per_client=(
                DEFAULT_MAX_QUEUED_PER_CLIENT
                if max_queued_per_client is None
                else max_queued_per_client
            ),
        ),
        require_auth=require_auth,
        auth_header=auth_header,
        job_limits=job_limits,
        secret=load_secret(session_key_path(url)),
    )
    if require_auth:
        log.info("access control is on: clients need a token (unspun tokens create)")
    else:
        log.warning("access control is OFF: listening on loopback, every local user is admin")
    bounds = job_limits or JobLimits()
    log.info(
        "each analysis is stopped after %s and above %s of memory",
        "no time limit" if bounds.deadline_s is None else f"{bounds.deadline_s:g} s",
        "no limit" if bounds.max_rss_mb is None else f"{bounds.max_rss_mb} MB",
    )
    if allow_private_network:
        log.warning("the URL guard is OFF: this server will fetch private and loopback addresses")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        proxy_headers=False,  # the rate limit keys on the socket's peer, which cannot be forged
        server_header=False,
        timeout_graceful_shutdown=5,
    )


__all__ = ["Limits", "create_app", "db_url_for", "is_loopback", "serve"]
