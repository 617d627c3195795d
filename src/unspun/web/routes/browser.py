"""The browser routes: the submission form (``/``), the API's page (``/docs``), the
analyses' history, permalinks, downloads, sharing and deletion under ``/analyses``, and the
comparison of two analyses (``/compare``). Left out of the OpenAPI schema; their HTML comes
from :mod:`unspun.web.pages`, the downloads from :mod:`unspun.web.downloads`.

Every page that holds a form gets the client's CSRF token (:func:`.csrf.current_token`), and
every form post is checked against it (:func:`.csrf.check_csrf`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from unspun.report import Report
from unspun.web import pages
from unspun.web import store as st
from unspun.web.auth import (
    SESSION_COOKIE,
    Principal,
    PrincipalDep,
    change_sharing,
    config_of,
    may_manage,
    needs,
    queue_key,
    record_owner,
    session_user,
    set_session,
    shareable,
    visible,
)
from unspun.web.csrf import CsrfToken, check_csrf, current_token
from unspun.web.deps import JobsDep, LimitsDep, StoreDep
from unspun.web.downloads import FORMATS, download, file_stem
from unspun.web.errors import ApiError
from unspun.web.figures import with_figures
from unspun.web.jobs import published_date
from unspun.web.limits import Limits
from unspun.web.routes.api import refuse_url_early

router = APIRouter(include_in_schema=False)

CsrfDep = Annotated[CsrfToken, Depends(current_token)]


def _page(page: pages.HtmlPage, token: CsrfToken, status: int = 200) -> HTMLResponse:
    response = page.response(status)
    token.set_cookie(response)
    return response


def _access(
    request: Request,
    store: st.Store,
    principal: Principal,
    items: Iterable[st.Analysis],
    *,
    manage: bool = False,
) -> pages.Access | None:
    """What the page shows of the sharing of ``items``; None with access control off."""
    if not config_of(request).require_auth:
        return None
    return pages.Access(
        principal.name, store.sharings(i.id for i in items), manage, principal.sees_all
    )


def _limits_text(limits: Limits) -> str:
    return f"up to {limits.max_upload_bytes / (1024 * 1024):g} MB"


@router.get("/")
def home(
    request: Request,
    token: CsrfDep,
    store: StoreDep,
    limits: LimitsDep,
    principal: PrincipalDep,
) -> HTMLResponse:
    recent, _ = store.search(limit=10, viewer=principal.visible_to)
    recent = with_figures(store, recent)
    page = pages.home_page(token.value, recent, _limits_text(limits),
                           user=session_user(request, principal),
                           access=_access(request, store, principal, recent))
    return _page(page, token)


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    return pages.docs_page(request.app.openapi()).response()


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@router.get("/login")
def login_form(token: CsrfDep, next: str = "/") -> HTMLResponse:
    return _page(pages.login_page(token.value, _safe_next(next)), token)


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    token: CsrfDep,
    csrf_token: Annotated[str | None, Form()] = None,
    secret: Annotated[str | None, Form(alias="token")] = None,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """Exchange an API token for a browser session (a signed, HTTP-only cookie)."""
    check_csrf(request, csrf_token)
    found = store.token_for_secret(secret.strip()) if secret else None
    if found is None:
        page = pages.login_page(token.value, _safe_next(next), "that token is not valid")
        return _page(page, token, status=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session(response, request, found)
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    check_csrf(request, csrf_token)
    response = RedirectResponse("/login" if config_of(request).require_auth else "/",
                                status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/analyses")
async def form_submit(
    request: Request,
    jobs: JobsDep,
    limits: LimitsDep,
    principal: PrincipalDep,
    csrf_token: Annotated[str | None, Form()] = None,
    url: Annotated[str | None, Form()] = None,
    text: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
    published: Annotated[str | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf_token)
    needs(principal, "analyst", "submit analyses")
    date = published_date(published)
    client = queue_key(request, principal)
    item: st.Analysis
    if file is not None and file.filename:
        data = await file.read(limits.max_upload_bytes + 1)
        if len(data) > limits.max_upload_bytes:
            raise ApiError(413, f"the file is larger than {_limits_text(limits)}")
        if not data:
            raise ApiError(400, "the uploaded file is empty")
        name = Path(file.filename).name[:200]
        item = await run_in_threadpool(
            jobs.submit, "file", data, name, name, published=date, client=client
        )
    elif url:
        refuse_url_early(request, jobs, url)
        item = await run_in_threadpool(jobs.submit_input, "url", url, date, client=client)
    elif text:
        if len(text.encode("utf-8", "surrogatepass")) > limits.max_upload_bytes:
            raise ApiError(413, f"the text is larger than {_limits_text(limits)}")
        item = await run_in_threadpool(jobs.submit_input, "text", text, date, client=client)
    else:
        raise ApiError(400, "give a URL, some text or a file to analyse")
    await run_in_threadpool(record_owner, jobs.store, principal, item)
    return RedirectResponse(f"/analyses/{item.id}", status_code=303)


@router.get("/analyses")
def history(
    request: Request,
    token: CsrfDep,
    store: StoreDep,
    principal: PrincipalDep,
    q: Annotated[str, Query(max_length=200)] = "",
    site: Annotated[str, Query(max_length=200)] = "",
    hide_failed: bool = False,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    try:
        items, next_cursor = store.search(
            q=q or None,
            site=site or None,
            hide_failed=hide_failed,
            limit=25,
            cursor=cursor,
            viewer=principal.visible_to,
        )
    except ValueError:
        raise ApiError(400, "invalid cursor") from None
    items = with_figures(store, items)
    page = pages.history_page(token.value, items, q, site, next_cursor, hide_failed=hide_failed,
                              user=session_user(request, principal),
                              access=_access(request, store, principal, items))
    return _page(page, token)


def _finished_report(
    store: st.Store, principal: Principal, ident: str, unfinished: int = 409
) -> tuple[st.Analysis, Report]:
    """A done analysis and its report: 404 when there is no such analysis (or not one
    ``principal`` may see), ``unfinished`` while it is pending or when it failed (there is no
    report to give)."""
    item = visible(store, principal, store.get(ident))
    raw = store.report_json(ident) if item.status == st.DONE else None
    if raw is None:
        state = "is still being analysed" if item.status == st.PENDING else "failed"
        raise ApiError(unfinished, f"analysis {ident} {state}: it has no report")
    try:
        return item, Report.model_validate_json(raw)
    except ValidationError:
        raise ApiError(500, "the stored report of this analysis cannot be read") from None


@router.get("/compare")
def compare(
    store: StoreDep,
    principal: PrincipalDep,
    ident: Annotated[list[str] | None, Query(alias="id")] = None
) -> HTMLResponse:
    """Two finished analyses side by side (``/compare?id=A&id=B``): 400 unless exactly two
    different ones are picked and both are done, 404 for an unknown one."""
    picked = list(dict.fromkeys(ident or []))
    if len(picked) != 2:
        raise ApiError(400, "pick two different analyses to compare, no more, no fewer")
    first, second = (
        _finished_report(store, principal, one, unfinished=400) for one in picked
    )
    return pages.compare_page((first, second)).response()


@router.get("/analyses/{ident}")
def analysis(
    request: Request,
    ident: str,
    token: CsrfDep,
    store: StoreDep,
    jobs: JobsDep,
    principal: PrincipalDep,
) -> HTMLResponse:
    item = visible(store, principal, store.get(ident))
    report = store.report_json(ident) if item.status == st.DONE else None
    progress = jobs.progress(item) if item.status == st.PENDING else None
    access = _access(request, store, principal, [item],
                     manage=may_manage(store, principal, item))
    page = pages.analysis_page(item, token.value, report, progress,
                               user=session_user(request, principal), access=access)
    return _page(page, token)


@router.post("/analyses/{ident}/sharing")
def form_sharing(
    request: Request,
    ident: str,
    store: StoreDep,
    principal: PrincipalDep,
    action: Annotated[Literal["share", "unshare", "stop"], Form()],
    csrf_token: Annotated[str | None, Form()] = None,
    user: Annotated[str | None, Form(max_length=200)] = None,
    everyone: Annotated[bool, Form()] = False,
) -> Response:
    """The analysis page's sharing forms: ``share`` or ``unshare`` one ``user`` or
    ``everyone``; ``stop`` sharing it with anybody."""
    check_csrf(request, csrf_token)
    shareable(store, principal, ident)
    state = store.sharing(ident)
    if state is None:
        raise ApiError(404, "no such analysis")
    name = (user or "").strip()
    users: list[str] | None = None
    flag: bool | None = None
    if action == "stop":
        users, flag = [], False
    elif everyone:
        flag = action == "share"
    elif not name:
        raise ApiError(400, "name the user to share with, or choose all users")
    elif action == "share":
        users = [*state.users, name]
    else:
        users = [u for u in state.users if u != name]
    change_sharing(store, principal, ident, users=users, everyone=flag)
    return RedirectResponse(f"/analyses/{ident}", status_code=303)


@router.get("/analyses/{ident}/download/{fmt}")
def analysis_download(
    ident: str, fmt: str, store: StoreDep, principal: PrincipalDep
) -> Response:
    """The report as a file: ``html``, ``md``, ``json`` or ``csv``."""
    kind = FORMATS.get(fmt)
    if kind is None:
        raise ApiError(404, f"no such download: choose one of {', '.join(FORMATS)}")
    item, report = _finished_report(store, principal, ident)
    return download(report, kind, file_stem(item.title, f"unspun-{item.id}"))


@router.post("/analyses/{ident}/delete")
def form_delete(
    request: Request,
    ident: str,
    store: StoreDep,
    principal: PrincipalDep,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf_token)
    needs(principal, "admin", "delete analyses")
    if not store.delete(ident, actor=principal.name):
        raise ApiError(404, "no such analysis")
    return RedirectResponse("/analyses", status_code=303)
