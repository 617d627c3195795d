"""CSRF protection of the browser forms: a random token in a strict same-site, HTTP-only
cookie, which every form echoes in a hidden field (double submit)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

CSRF_COOKIE = "unspun_csrf"


@dataclass(frozen=True, slots=True)
class CsrfToken:
    value: str
    new: bool
    """Whether the client has no such cookie yet (so the response must set it)."""

    def set_cookie(self, response: Response) -> None:
        """Give the client the cookie when it is new."""
        if self.new:
            response.set_cookie(
                CSRF_COOKIE,
                self.value,
                httponly=True,
                samesite="strict",
                path="/",
                max_age=86400 * 7,
            )


def current_token(request: Request) -> CsrfToken:
    """The client's CSRF token, or a new one (a dependency of the pages that hold forms)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) >= 32 and token.isascii():
        return CsrfToken(token, new=False)
    return CsrfToken(secrets.token_urlsafe(32), new=True)


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse (403) a form whose token is missing or differs from the cookie's."""
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
