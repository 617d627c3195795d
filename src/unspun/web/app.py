"""The web app: a FastAPI application over the core Analyzer, and ``serve()`` for the CLI.

    browser / API client ─▶ GuardMiddleware (rate limit, body cap, headers)
        ─▶ routes ─▶ Store (SQLAlchemy)       ─▶ worker pool (Analyzer per worker)
                        ▲                                        │
                        └──────────── finish(result) ◀───────────┘

Routes are plain ``def`` functions: FastAPI runs them in its thread pool, so database calls
never block the event loop, and analysis never runs on it at all.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException

from unspun import __version__
from unspun.ingest import is_url
from unspun.web import pages
from unspun.web import store as st
from unspun.web.limits import GuardMiddleware, Limits
from unspun.web.worker import AnalyzerFactory, Job, JobKind, JobResult, init_worker, run_job

log = logging.getLogger("unspun.web")

CSRF_COOKIE = "unspun_csrf"
PoolKind = Literal["thread", "process"]


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


class SubmitRequest(BaseModel):
    """Exactly one of ``url``, ``text`` or ``html``."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, description="An http(s) URL to fetch (public addresses only).")
    text: str | None = Field(None, description="The article as plain text.")
    html: str | None = Field(None, description="The article page as HTML.")


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _input_key(kind: str, payload: str | bytes) -> str:
    data = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
    return hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()


class Service:
    """The store plus the worker pool; what the routes call."""

    def __init__(
        self,
        store: st.Store,
        factory: AnalyzerFactory,
        workers: int,
        pool: PoolKind,
        limits: Limits,
    ) -> None:
        self.store = store
        self.factory = factory
        self.workers = max(1, workers)
        self.pool = pool
        self.limits = limits
        self._pending = 0
        self._lock = threading.Lock()
        self._executor = self._new_executor()

    def _new_executor(self) -> cf.Executor:
        if self.pool == "process":
            # spawn, not fork: the server process has threads, and forking those is unsafe.
            return cf.ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=init_worker,
                initargs=(self.factory, self.store.url),
            )
        return cf.ThreadPoolExecutor(
            self.workers,
            thread_name_prefix="unspun-analyze",
            initializer=init_worker,
            initargs=(self.factory, self.store.report_by_content),
        )

    def warm_up(self) -> None:
        """Start the workers (and load their models) before the first request needs them."""
        from unspun.web.worker import warm_up

        for _ in range(self.workers):
            self._executor.submit(warm_up)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self.store.close()

    def submit(
        self, kind: JobKind, payload: str | bytes, source: str, name: str | None = None
    ) -> tuple[st.Analysis, bool]:
        """The analysis for this input and whether it is new work; queues it when needed."""
        key = _input_key("text" if kind == "file" else kind, payload)
        existing = self.store.by_input_key(key)
        if existing is not None and existing.status not in st.ERROR_STATUSES:
            return existing, False
        with self._lock:
            if self._pending >= self.limits.max_pending:
                raise ApiError(503, "the server is busy: too many analyses queued, retry later")
            self._pending += 1
        queued = False
        try:
            item, fresh = self.store.claim(key, kind, source)
            if fresh:
                self._queue(Job(item.id, kind, payload, name))
                queued = True
            return item, fresh
        finally:
            if not queued:
                with self._lock:
                    self._pending -= 1

    def _queue(self, job: Job) -> None:
        try:
            future = self._executor.submit(run_job, job)
        except cf.BrokenExecutor:
            # A worker process died (killed for memory, say): start a fresh pool once.
            log.error("worker pool broken; restarting it")
            self._executor = self._new_executor()
            future = self._executor.submit(run_job, job)
        future.add_done_callback(functools.partial(self._finished, job.id))

    def _finished(self, ident: str, future: cf.Future[JobResult]) -> None:
        with self._lock:
            self._pending -= 1
        try:
            result = future.result()
        except BaseException:  # a dead worker or a cancelled job; never a client's business
            log.exception("analysis %s did not complete", ident)
            result = JobResult(ident, st.FAILED, error="the analysis did not complete")
        try:
            self.store.finish(
                ident,
                status=result.status,
                error=result.error,
                report_json=result.report_json,
                content_hash=result.content_hash,
                title=result.title,
                site=result.site,
                url=result.url,
            )
        except Exception:
            log.exception("could not store analysis %s", ident)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def _html(page: pages.HtmlPage, status: int = 200, token: str | None = None) -> HTMLResponse:
    response = HTMLResponse(page.body, status_code=status)
    response.headers["Content-Security-Policy"] = page.csp
    response.headers["Cache-Control"] = "no-store"
    if token is not None:
        _set_csrf_cookie(response, token)
    return response


def _set_csrf_cookie(response: Response, token: str) -> None:
    response.set_cookie(
        CSRF_COOKIE, token, httponly=True, samesite="strict", path="/", max_age=86400 * 7
    )


def _csrf_token(request: Request) -> tuple[str, bool]:
    """The client's CSRF token, and whether it is new (and so must be set as a cookie)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) >= 32 and token.isascii():
        return token, False
    return secrets.token_urlsafe(32), True


def _check_csrf(request: Request, submitted: str | None) -> None:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if (
        not cookie
        or not submitted
        or not secrets.compare_digest(cookie.encode(), submitted.encode())
    ):
        raise HTTPException(
            403,
            "this form has expired or did not come from this site: reload "
            "the page and submit again",
        )


def _summary(item: st.Analysis) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "status": item.status,
        "source": item.source,
        "kind": item.kind,
        "title": item.title,
        "site": item.site,
        "url": item.url,
        "content_hash": item.content_hash,
        "created": item.created,
        "links": {"self": f"/api/v1/analyses/{item.id}", "html": f"/analyses/{item.id}"},
    }
    if item.status in st.ERROR_STATUSES:
        out["error"] = item.error
    return out


def _limits_text(limits: Limits) -> str:
    return f"up to {limits.max_upload_bytes / (1024 * 1024):g} MB"


def _raw_body() -> Any:
    async def read(request: Request) -> bytes:
        return await request.body()

    return Depends(read)


def create_app(
    db_url: str | None = None,
    *,
    analyzer_factory: AnalyzerFactory | None = None,
    workers: int = 1,
    pool: PoolKind = "thread",
    allow_private_network: bool = False,
    limits: Limits | None = None,
) -> FastAPI:
    """The app. ``db_url`` is a SQLAlchemy URL (default: the SQLite file under the user's data
    directory). ``analyzer_factory`` builds one Analyzer per worker (it must be picklable for
    a process pool). ``allow_private_network`` lifts the SSRF guard and is meant only for an
    operator's local use; it applies to the default factory."""
    limits = limits or Limits()
    url = db_url or db_url_for(None)
    if pool == "process" and url in ("sqlite://", "sqlite:///:memory:"):
        pool = "thread"  # worker processes cannot see an in-memory database
    if analyzer_factory is None:
        from unspun.analyzer import Analyzer

        analyzer_factory = functools.partial(Analyzer, allow_private_network=allow_private_network)
    store = st.Store(url)
    interrupted = store.fail_unfinished("interrupted by a server restart; submit it again")
    if interrupted:
        log.warning("%d analyses left pending by a previous run marked failed", interrupted)
    service = Service(store, analyzer_factory, workers, pool, limits)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        service.warm_up()
        try:
            yield
        finally:
            service.shutdown()

    app = FastAPI(
        title="unspun",
        version=__version__,
        description="Analyse news articles: how they are built to persuade.",
        # Swagger UI and ReDoc load scripts from a CDN, which our CSP forbids: /docs is our
        # own page listing the operations, and /openapi.json the machine-readable schema.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.add_middleware(GuardMiddleware, limits=limits)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ errors

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        return _html(pages.error_page(exc.status, exc.message), exc.status)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = "not found"
        if _wants_json(request):
            return JSONResponse(
                {"error": message}, status_code=exc.status_code, headers=exc.headers
            )
        return _html(pages.error_page(exc.status_code, message), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()[:5]
        )
        message = f"invalid request: {problems}"
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=400)
        return _html(pages.error_page(400, message), 400)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        if _wants_json(request):
            return JSONResponse({"error": "internal server error"}, status_code=500)
        return _html(pages.error_page(500, "internal server error"), 500)

    # ------------------------------------------------------------------ JSON API

    @app.get("/healthz", summary="Liveness check")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post(
        "/api/v1/analyses",
        summary="Submit a URL, text or HTML for analysis",
        status_code=202,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": SubmitRequest.model_json_schema()}},
            }
        },
    )
    def api_submit(request: Request, body: bytes = _raw_body()) -> JSONResponse:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            raise ApiError(415, "send the analysis request as application/json")
        try:
            submitted = SubmitRequest.model_validate_json(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise ApiError(
                400, f"invalid JSON body: {where + ': ' if where else ''}{first.get('msg')}"
            ) from None
        given = [(k, v) for k, v in submitted.model_dump().items() if v is not None]
        if len(given) != 1:
            raise ApiError(400, 'give exactly one of "url", "text" or "html"')
        kind, value = given[0]
        item, _ = _submit(kind, value)
        return JSONResponse(
            {"id": item.id, "status": item.status},
            status_code=202 if item.status == st.PENDING else 200,
            headers={"Location": f"/api/v1/analyses/{item.id}"},
        )

    def _submit(kind: str, value: str) -> tuple[st.Analysis, bool]:
        if kind == "url":
            value = value.strip()
            if not is_url(value):
                raise ApiError(400, "url must be an absolute http:// or https:// URL")
            return service.submit("url", value, value)
        if not value.strip():
            raise ApiError(400, f"{kind} is empty")
        if kind == "text":
            return service.submit("text", value, "<pasted text>")
        return service.submit("html", value, "<pasted HTML>")

    @app.get("/api/v1/analyses/{ident}", summary="Status of an analysis, and its report")
    def api_get(ident: str) -> Response:
        item = service.store.get(ident)
        if item is None:
            raise ApiError(404, "no such analysis")
        meta = json.dumps(_summary(item))
        report = service.store.report_json(ident) if item.status == st.DONE else None
        if report is None:
            return Response(meta, media_type="application/json")
        # The stored report is already schema-valid JSON: splice it in rather than re-encode.
        return Response(f'{meta[:-1]},"report":{report}}}', media_type="application/json")

    @app.get("/api/v1/analyses", summary="Past analyses, newest first (cursor pagination)")
    def api_list(
        site: Annotated[str | None, Query(max_length=200)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        cursor: Annotated[str | None, Query(max_length=200)] = None,
    ) -> dict[str, Any]:
        try:
            items, next_cursor = service.store.search(q=q, site=site, limit=limit, cursor=cursor)
        except ValueError:
            raise ApiError(400, "invalid cursor") from None
        return {"items": [_summary(i) for i in items], "next_cursor": next_cursor}

    @app.delete("/api/v1/analyses/{ident}", summary="Delete an analysis", status_code=204)
    def api_delete(ident: str) -> Response:
        if not service.store.delete(ident):
            raise ApiError(404, "no such analysis")
        return Response(status_code=204)

    # ------------------------------------------------------------------ HTML pages

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        token, new = _csrf_token(request)
        recent, _ = service.store.search(limit=10)
        page = pages.home_page(token, recent, _limits_text(limits))
        return _html(page, token=token if new else None)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return _html(pages.docs_page(app.openapi()))

    @app.post("/analyses", include_in_schema=False)
    async def form_submit(
        request: Request,
        csrf_token: Annotated[str | None, Form()] = None,
        url: Annotated[str | None, Form()] = None,
        text: Annotated[str | None, Form()] = None,
        file: Annotated[UploadFile | None, File()] = None,
    ) -> Response:
        _check_csrf(request, csrf_token)
        from starlette.concurrency import run_in_threadpool

        if file is not None and file.filename:
            data = await file.read(limits.max_upload_bytes + 1)
            if len(data) > limits.max_upload_bytes:
                raise ApiError(413, f"the file is larger than {_limits_text(limits)}")
            if not data:
                raise ApiError(400, "the uploaded file is empty")
            name = Path(file.filename).name[:200]
            item, _ = await run_in_threadpool(service.submit, "file", data, name, name)
        elif url:
            item, _ = await run_in_threadpool(_submit, "url", url)
        elif text:
            if len(text.encode("utf-8", "surrogatepass")) > limits.max_upload_bytes:
                raise ApiError(413, f"the text is larger than {_limits_text(limits)}")
            item, _ = await run_in_threadpool(_submit, "text", text)
        else:
            raise ApiError(400, "give a URL, some text or a file to analyse")
        return RedirectResponse(f"/analyses/{item.id}", status_code=303)

    @app.get("/analyses", include_in_schema=False)
    def history(
        request: Request,
        q: Annotated[str, Query(max_length=200)] = "",
        site: Annotated[str, Query(max_length=200)] = "",
        cursor: Annotated[str | None, Query(max_length=200)] = None,
    ) -> HTMLResponse:
        token, new = _csrf_token(request)
        try:
            items, next_cursor = service.store.search(
                q=q or None, site=site or None, limit=25, cursor=cursor
            )
        except ValueError:
            raise ApiError(400, "invalid cursor") from None
        page = pages.history_page(token, items, q, site, next_cursor)
        return _html(page, token=token if new else None)

    @app.get("/analyses/{ident}", include_in_schema=False)
    def analysis(request: Request, ident: str) -> HTMLResponse:
        item = service.store.get(ident)
        if item is None:
            raise ApiError(404, "no such analysis")
        token, new = _csrf_token(request)
        report = service.store.report_json(ident) if item.status == st.DONE else None
        page = pages.analysis_page(item, token, report)
        return _html(page, token=token if new else None)

    @app.post("/analyses/{ident}/delete", include_in_schema=False)
    def form_delete(
        request: Request, ident: str, csrf_token: Annotated[str | None, Form()] = None
    ) -> Response:
        _check_csrf(request, csrf_token)
        if not service.store.delete(ident):
            raise ApiError(404, "no such analysis")
        return RedirectResponse("/analyses", status_code=303)

    return app


def serve(
    host: str,
    port: int,
    db: str | None,
    *,
    workers: int = 1,
    allow_private_network: bool = False,
    log_level: str = "info",
) -> None:
    """Run the server until interrupted (what ``unspun serve`` calls).

    ``db`` is a SQLite file path or a SQLAlchemy URL (postgresql://…); None uses the file under
    the user's data directory. Analyses run in ``workers`` worker processes.
    """
    import uvicorn

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    app = create_app(
        db_url_for(db),
        workers=workers,
        pool="process",
        allow_private_network=allow_private_network,
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


__all__ = ["Limits", "create_app", "db_url_for", "serve"]
