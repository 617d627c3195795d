"""The JSON API: ``/healthz`` and ``/api/v1/analyses`` (submit, get, list, delete), and
``/api/v1/analyses/{id}/sharing`` (who an analysis is shared with: get, set).

Routes are plain ``def`` functions: FastAPI runs them in its thread pool, so database calls
never block the event loop.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, ValidationError

from unspun import __version__
from unspun.errors import RefusedURLError
from unspun.ingest import check_url_early
from unspun.settings import Settings
from unspun.web import store as st
from unspun.web.auth import (
    PrincipalDep,
    change_sharing,
    needs,
    queue_key,
    record_owner,
    shareable,
    visible,
)
from unspun.web.deps import JobsDep, StoreDep
from unspun.web.errors import ApiError
from unspun.web.jobs import Jobs, invalid_published, published_date

router = APIRouter()


class SubmitRequest(BaseModel):
    """Exactly one of ``url``, ``text`` or ``html``; optionally ``published``."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, description="An http(s) URL to fetch (public addresses only).")
    text: str | None = Field(None, description="The article as plain text.")
    html: str | None = Field(None, description="The article page as HTML.")
    published: str | None = Field(
        None,
        description=(
            "The publication date, YYYY-MM-DD, used when the article states none (no page"
            " metadata, no dateline): relative dates such as \"last week\" resolve against it."
        ),
        json_schema_extra={"format": "date"},
    )


class SharingRequest(BaseModel):
    """Who an analysis is shared with; a field left out keeps its current value."""

    model_config = ConfigDict(extra="forbid")

    users: list[Annotated[str, StringConstraints(max_length=200)]] | None = Field(
        None,
        max_length=500,
        description=(
            "Exactly the users (token names) to share it with: names not listed stop seeing"
            " it, [] shares it with nobody by name."
        ),
    )
    everyone: StrictBool | None = Field(
        None, description="Whether every signed-in user may read it."
    )


def _sharing(ident: str, state: st.Sharing) -> dict[str, Any]:
    return {"id": ident, **state.as_json(), "links": {"analysis": f"/api/v1/analyses/{ident}"}}


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
        "owner": item.owner,
        "links": {"self": f"/api/v1/analyses/{item.id}", "html": f"/analyses/{item.id}"},
    }
    if item.status in st.ERROR_STATUSES:
        out["error"] = item.error
    return out


def _private_network_allowed(request: Request, jobs: Jobs) -> bool:
    """Whether this server's guard is off: ``app.state.allow_private_network`` when the app
    records it, else what the default analyzer factory's settings say (a custom factory
    keeps the guard on)."""
    recorded = getattr(request.app.state, "allow_private_network", None)
    if recorded is not None:
        return bool(recorded)
    settings = [a for a in getattr(jobs.factory, "args", ()) if isinstance(a, Settings)]
    return bool(settings) and settings[0].ingest.allow_private_network


def refuse_url_early(request: Request, jobs: Jobs, url: str) -> None:
    """Answer 400 with the command line's words for a URL the worker would refuse without a
    DNS lookup: another scheme than http(s), or a private, loopback or link-local address
    written as the host. Host names are still checked by the worker's guard, hop by hop."""
    try:
        check_url_early(url, allow_private_network=_private_network_allowed(request, jobs))
    except RefusedURLError as exc:
        raise ApiError(400, str(exc)) from None


async def _raw_body(request: Request) -> bytes:
    """The request body, read on the event loop for a ``def`` route (which cannot await)."""
    return await request.body()


@router.get("/healthz", summary="Liveness check")
def healthz() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.post(
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
def api_submit(
    request: Request,
    jobs: JobsDep,
    principal: PrincipalDep,
    body: Annotated[bytes, Depends(_raw_body)],
) -> JSONResponse:
    needs(principal, "analyst", "submit analyses")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise ApiError(415, "send the analysis request as application/json")
    try:
        submitted = SubmitRequest.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        if where == "published":  # not a string: the same answer as a malformed date
            raise invalid_published(first.get("input")) from None
        raise ApiError(
            400, f"invalid JSON body: {where + ': ' if where else ''}{first.get('msg')}"
        ) from None
    published = published_date(submitted.published)
    given = [(k, v) for k, v in submitted.model_dump(exclude={"published"}).items()
             if v is not None]
    if len(given) != 1:
        raise ApiError(400, 'give exactly one of "url", "text" or "html"')
    kind, value = given[0]
    if kind == "url":
        refuse_url_early(request, jobs, value)
    item = jobs.submit_input(kind, value, published, client=queue_key(request, principal))
    record_owner(jobs.store, principal, item)
    return JSONResponse(
        {"id": item.id, "status": item.status},
        status_code=202 if item.status == st.PENDING else 200,
        headers={"Location": f"/api/v1/analyses/{item.id}"},
    )


@router.get(
    "/api/v1/analyses/{ident}",
    summary="Status of an analysis, and its report",
    description=(
        "A pending analysis has `progress`: `queue_position` (0 while it is being analysed,"
        " n while it waits as the n-th in line, null when this server did not queue it) and"
        " `elapsed_seconds` since it was queued. A finished one has `report`."
    ),
)
def api_get(ident: str, store: StoreDep, jobs: JobsDep, principal: PrincipalDep) -> Response:
    item = visible(store, principal, store.get(ident))
    summary = _summary(item)
    if item.status == st.PENDING:
        summary["progress"] = jobs.progress(item).as_json()
    meta = json.dumps(summary)
    report = store.report_json(ident) if item.status == st.DONE else None
    if report is None:
        return Response(meta, media_type="application/json")
    # The stored report is already schema-valid JSON: splice it in rather than re-encode.
    return Response(f'{meta[:-1]},"report":{report}}}', media_type="application/json")


@router.get("/api/v1/analyses", summary="Past analyses, newest first (cursor pagination)")
def api_list(
    store: StoreDep,
    principal: PrincipalDep,
    site: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    try:
        items, next_cursor = store.search(
            q=q, site=site, limit=limit, cursor=cursor, viewer=principal.visible_to
        )
    except ValueError:
        raise ApiError(400, "invalid cursor") from None
    return {"items": [_summary(i) for i in items], "next_cursor": next_cursor}


@router.delete("/api/v1/analyses/{ident}", summary="Delete an analysis", status_code=204)
def api_delete(ident: str, store: StoreDep, principal: PrincipalDep) -> Response:
    needs(principal, "admin", "delete analyses")
    if not store.delete(ident, actor=principal.name):
        raise ApiError(404, "no such analysis")
    return Response(status_code=204)


_SHARING_DOC = (
    "`owners` submitted it; `users` (token names) and, when `everyone` is true, every"
    " signed-in user may read it too, but neither share nor delete it. Only its owners (not"
    " readers) and admins may see or change this: 404 for an analysis you cannot read, 403 for"
    " one you read but do not own."
)


@router.get(
    "/api/v1/analyses/{ident}/sharing",
    summary="Who an analysis is shared with",
    description=_SHARING_DOC,
)
def api_sharing(ident: str, store: StoreDep, principal: PrincipalDep) -> dict[str, Any]:
    shareable(store, principal, ident)
    state = store.sharing(ident)
    if state is None:
        raise ApiError(404, "no such analysis")
    return _sharing(ident, state)


@router.put(
    "/api/v1/analyses/{ident}/sharing",
    summary="Share an analysis with users or with everyone, or stop sharing it",
    description=_SHARING_DOC + " 422 names a user no active token has. Every change is in"
    " the audit log.",
)
def api_share(
    ident: str, body: SharingRequest, store: StoreDep, principal: PrincipalDep
) -> dict[str, Any]:
    state = change_sharing(store, principal, ident, users=body.users, everyone=body.everyone)
    return _sharing(ident, state)
