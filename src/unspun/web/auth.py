"""Who is asking, and what they may do.

Access control is on unless the server listens on loopback only (``unspun serve`` decides;
:func:`create_app` takes ``require_auth``). When it is on, a request is made by one of:

- an API token: ``Authorization: Bearer <secret>`` (created by ``unspun tokens create``);
- a browser session: the same secret typed into ``/login`` sets a signed, HTTP-only
  session cookie (HMAC over the token's name, the expiry and the token's stored hash, so
  revoking the token ends its sessions);
- a reverse proxy that authenticates: from an address in ``trusted_proxies``, the header
  ``auth_header`` (say ``X-Remote-User``) names the user. That user is an *analyst* unless a
  token of the same name gives another role (a revoked one: refused).

Roles: ``reader`` reads the analyses shared with it; ``analyst`` also submits, reads what it
submitted and shares it; ``admin`` reads, shares and deletes any. An analysis is private to
those who submitted it (its owners) unless one of them, or an admin, shares it with named
users (token names) or with every signed-in user: they may then read it, not share or delete
it. With access control off every request is the anonymous local user, who may do everything
(what a single user on their own machine expects).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Final

from fastapi import Depends, Request
from fastapi.responses import Response

from unspun.web import store as st
from unspun.web.errors import ApiError
from unspun.web.limits import Network, client_key, peer_is_trusted

SESSION_COOKIE: Final = "unspun_session"
SESSION_SECONDS: Final = 12 * 3600

_RANK: Final = {"reader": 0, "analyst": 1, "admin": 2}


@dataclass(frozen=True, slots=True)
class Principal:
    name: str | None
    """The token's (or proxy user's) name; None for the anonymous local user."""
    role: str

    def may(self, role: str) -> bool:
        return _RANK[self.role] >= _RANK[role]

    @property
    def sees_all(self) -> bool:
        """Whether every analysis is visible (admin, or the local user), not only its own."""
        return self.role == "admin"

    @property
    def visible_to(self) -> str | None:
        """The user whose readable analyses lists show; None for one who sees all."""
        return None if self.sees_all else (self.name or "")


LOCAL: Final = Principal(None, "admin")


@dataclass(frozen=True, slots=True)
class AuthConfig:
    require_auth: bool = False
    trusted_proxies: tuple[Network, ...] = ()
    auth_header: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    """Signs session cookies and CSRF tokens; random per app unless given (a restart then
    logs browsers out and expires open forms): ``serve`` gives :func:`load_secret`'s."""


SECRET_BYTES: Final = 32


def load_secret(path: Path) -> bytes:
    """The key that signs sessions and CSRF tokens, kept in ``path`` so that a restart does
    not sign everyone out: made with :func:`secrets.token_bytes` on first use, readable and
    writable by its owner only (0600). Two servers starting at once end up with the same
    key: the file appears complete or not at all. A file too short to be one is replaced."""
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    if len(key) >= SECRET_BYTES:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(SECRET_BYTES))
        if key:
            os.replace(draft, path)  # a damaged key: nobody's session can be read anyway
        else:
            # Another server may have made it first: then use theirs.
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    return path.read_bytes()


class LoginRequired(ApiError):
    """401 for an anonymous request; browser pages answer it with a redirect to /login."""

    def __init__(self, message: str = "authentication required: send Authorization: "
                 "Bearer <token>") -> None:
        super().__init__(401, message)


def config_of(request: Request) -> AuthConfig:
    config: AuthConfig = request.app.state.auth
    return config


def sign(secret: bytes, *parts: str) -> str:
    digest = hmac.new(secret, "\0".join(parts).encode("utf-8", "surrogatepass"), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def is_https(request: Request) -> bool:
    """Whether the client reached us over https (directly, or per a trusted proxy)."""
    if request.url.scheme == "https":
        return True
    config = config_of(request)
    return (
        peer_is_trusted(request.scope, config.trusted_proxies)
        and request.headers.get("x-forwarded-proto", "").strip().lower() == "https"
    )


def session_value(config: AuthConfig, token: st.Token, now: float | None = None) -> str:
    expires = str(int((time.time() if now is None else now) + SESSION_SECONDS))
    name = base64.urlsafe_b64encode(token.name.encode()).decode().rstrip("=")
    signature = sign(config.secret, "session", token.name, expires, token.secret_hash)
    return f"{name}.{expires}.{signature}"


def set_session(response: Response, request: Request, token: st.Token) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session_value(config_of(request), token),
        max_age=SESSION_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=is_https(request),
    )


def _session_principal(request: Request, store: st.Store, value: str) -> Principal | None:
    try:
        encoded, expires, signature = value.split(".")
        name = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        if int(expires) < time.time():
            return None
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    token = store.token(name)
    if token is None or token.revoked is not None:
        return None
    expected = sign(config_of(request).secret, "session", name, expires, token.secret_hash)
    if not secrets.compare_digest(expected.encode(), signature.encode()):
        return None
    return Principal(token.name, token.role)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


def identify(request: Request) -> Principal | None:
    """Who made ``request``; None when nobody (access control on, no credentials). A bad
    token is a 401 at once rather than a fall-back to the session."""
    config = config_of(request)
    if not config.require_auth:
        return LOCAL
    store: st.Store = request.app.state.store
    secret = _bearer(request)
    if secret is not None:
        token = store.token_for_secret(secret)
        if token is None:
            raise ApiError(401, "invalid or revoked token")
        return Principal(token.name, token.role)
    if config.auth_header and peer_is_trusted(request.scope, config.trusted_proxies):
        user = request.headers.get(config.auth_header, "").strip()
        if user:
            named = store.token(user)
            if named is None:
                return Principal(user[:200], "analyst")
            if named.revoked is not None:
                raise ApiError(401, "this user's token is revoked")
            return Principal(named.name, named.role)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        return _session_principal(request, store, cookie)
    return None


def session_user(request: Request, principal: Principal) -> str | None:
    """Whom a browser session (``/login``'s cookie) identifies: the name the page header shows
    beside its sign-out button; None when a token, a proxy or nobody identifies the caller
    (there is no session of ours to end)."""
    config = config_of(request)
    if (
        principal.name is None
        or not request.cookies.get(SESSION_COOKIE)
        or _bearer(request) is not None
        or (config.auth_header and peer_is_trusted(request.scope, config.trusted_proxies)
            and request.headers.get(config.auth_header, "").strip())
    ):
        return None
    return principal.name


def current_principal(request: Request) -> Principal:
    """The caller, or 401 (a dependency of every route that reads or changes analyses)."""
    principal = identify(request)
    if principal is None:
        raise LoginRequired()
    return principal


def queue_key(request: Request, principal: Principal) -> str:
    """Whose share of the job queue a submission counts against: the principal's name when
    it has one (access control on), else the client's address as the rate limit keys it
    (through the trusted proxies, IPv6 by /64)."""
    if principal.name is not None:
        return f"user:{principal.name}"
    return f"address:{client_key(request.scope, config_of(request).trusted_proxies)}"


def needs(principal: Principal, role: str, what: str) -> None:
    """403 unless ``principal`` holds ``role`` or a higher one."""
    if not principal.may(role):
        raise ApiError(403, f"your role ({principal.role}) may not {what}: it needs {role}")


def visible(store: st.Store, principal: Principal, item: st.Analysis | None) -> st.Analysis:
    """``item`` if ``principal`` may see it (submitted it, or it was shared with them or with
    all users); 404 otherwise, as for one that does not exist (so ids of other people's
    analyses cannot be probed)."""
    if item is None or not (
        principal.sees_all
        or (principal.name is not None and store.can_read(item.id, principal.name))
    ):
        raise ApiError(404, "no such analysis")
    return item


def may_manage(store: st.Store, principal: Principal, item: st.Analysis) -> bool:
    """Whether ``principal`` may change who ``item`` is shared with: an admin, or one of its
    owners who may submit (a reader may not share)."""
    if principal.sees_all:
        return True
    return (
        principal.may("analyst")
        and principal.name is not None
        and store.owns(item.id, principal.name)
    )


def shareable(store: st.Store, principal: Principal, ident: str) -> st.Analysis:
    """Analysis ``ident`` if ``principal`` may change its sharing: 404 when they may not see
    it (as :func:`visible`), 403 when they see it but neither own it nor are an admin."""
    item = visible(store, principal, store.get(ident))
    needs(principal, "analyst", "share analyses")
    if not may_manage(store, principal, item):
        raise ApiError(403, "only its owners or an admin may share this analysis")
    return item


def change_sharing(
    store: st.Store,
    principal: Principal,
    ident: str,
    *,
    users: list[str] | None = None,
    everyone: bool | None = None,
) -> st.Sharing:
    """Set who ``ident`` is shared with (None: leave as it is), as ``principal``: the errors of
    :func:`shareable`, 422 for a user name that no live token has."""
    shareable(store, principal, ident)
    try:
        state = store.set_sharing(ident, users=users, everyone=everyone, actor=principal.name)
    except st.UnknownUsers as exc:
        raise ApiError(422, str(exc)) from None
    if state is None:  # deleted meanwhile
        raise ApiError(404, "no such analysis")
    return state


def record_owner(store: st.Store, principal: Principal, item: st.Analysis) -> None:
    """Make ``principal`` an owner of what it just submitted."""
    if principal.name is not None:
        store.add_owner(item.id, principal.name)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
