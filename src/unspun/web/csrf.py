"""CSRF protection of the browser forms.

A random session id lives in a strict same-site, HTTP-only cookie; every form carries, in a
hidden field, the HMAC of that id under the server's secret (double submit, signed). A
cookie planted by a sibling subdomain is useless without the matching signature, which only
this server can make. Every form post must also come from this site: a ``Sec-Fetch-Site``
other than ``same-origin``/``none``, or an ``Origin`` whose host is not ours, is refused.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from unspun.web.auth import config_of, is_https, sign

CSRF_COOKIE = "unspun_csrf"

_EXPIRED = "this form has expired or did not come from this site: reload the page and submit again"


@dataclass(frozen=True, slots=True)
class CsrfToken:
    value: str
    """What the forms carry: the session id's signature."""
    session: str
    """The session id, kept in the cookie."""
    new: bool
    """Whether the client has no such cookie yet (so the response must set it)."""
    secure: bool = False

    def set_cookie(self, response: Response) -> None:
        """Give the client the cookie when it is new."""
        if self.new:
            response.set_cookie(
                CSRF_COOKIE,
                self.session,
                httponly=True,
                samesite="strict",
                secure=self.secure,
                path="/",
                max_age=86400 * 7,
            )


def form_token(request: Request, session: str) -> str:
    return sign(config_of(request).secret, "csrf", session)


def current_token(request: Request) -> CsrfToken:
    """The client's CSRF token, or a new one (a dependency of the pages that hold forms)."""
    session = request.cookies.get(CSRF_COOKIE, "")
    new = not (len(session) >= 32 and session.isascii())
    if new:
        session = secrets.token_urlsafe(32)
    return CsrfToken(form_token(request, session), session, new=new, secure=is_https(request))


def _same_site(request: Request) -> bool:
    """Whether a form post came from one of our pages. ``Sec-Fetch-Site`` (every current
    browser sends it) decides when present; otherwise an ``Origin`` naming another host is
    refused. ``Origin: null`` is what our own ``Referrer-Policy: no-referrer`` makes some
    browsers send, so it passes here and the signed token alone decides."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin.strip() == "null":
        return True
    host = request.headers.get("host", "")
    return bool(host) and urlsplit(origin.strip()).netloc.lower() == host.lower()


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse (403) a form from another site, or whose token is missing or was not made for
    the client's session cookie."""
    session = request.cookies.get(CSRF_COOKIE, "")
    if (
        not _same_site(request)
        or not session
        or not submitted
        or not secrets.compare_digest(
            form_token(request, session).encode(), submitted.encode("utf-8", "surrogatepass")
        )
    ):
        raise HTTPException(403, _EXPIRED)
