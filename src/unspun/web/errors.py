"""API errors and the exception handlers: JSON ``{"error": ...}`` on ``/api/`` and
``/healthz``, our HTML error page everywhere else."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from unspun.web import pages

log = logging.getLogger("unspun.web")


class ApiError(Exception):
    """A request the server refuses, with the status and the message the client sees."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def _error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """JSON with ``headers`` for API clients; our HTML error page (without them) otherwise."""
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    return pages.error_page(status, message).response(status)


async def _api_error(request: Request, exc: ApiError) -> Response:
    return _error(request, exc.status, exc.message)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = "not found"
    return _error(request, exc.status_code, message, exc.headers)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
        for e in exc.errors()[:5]
    )
    return _error(request, 400, f"invalid request: {problems}")


async def _crash(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _error(request, 500, "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error in the shape its client reads: JSON for the API, HTML for pages."""
    app.exception_handler(ApiError)(_api_error)
    app.exception_handler(HTTPException)(_http_error)
    app.exception_handler(RequestValidationError)(_invalid)
    app.exception_handler(Exception)(_crash)
