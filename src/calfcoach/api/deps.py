"""Request dependencies: the store and clock of the app, the signed-in account, CSRF checks, access."""

from __future__ import annotations

import hmac
import pathlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Path, Request, Response

from calfcoach.i18n import N_
from calfcoach.services.access import athlete_for_api_token, session_access, visible_in
from calfcoach.services.accounts import AuthError, user_for_api_token, user_for_session
from calfcoach.services.clock import Clock, in_zone
from calfcoach.services.coaching_clients import ClientRowCache
from calfcoach.services.today import TodayCache
from calfcoach.store.records import Athlete, User
from calfcoach.store.store import Store

SESSION_COOKIE = "calfcoach_session"
CSRF_COOKIE = "calfcoach_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SIGN_IN_FIRST = N_("sign in first (a session cookie, or an `Authorization: Bearer` API token)")
MAX_ID = 2**31 - 1  # the largest integer key both SQLite and PostgreSQL (INTEGER) store

RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="a database id")]


@dataclass(frozen=True)
class AppContext:
    """What every request works with: the store, the clock (fixed in tests), the folder of uploaded media,
    the public URL of the server."""

    store: Store
    clock: Clock
    media_dir: pathlib.Path | None = None  # None: the `media` folder next to the database
    public_url: str | None = None  # where links start (api/links.py); None: the address listened on
    today: TodayCache = field(default_factory=TodayCache)
    clients: ClientRowCache = field(default_factory=ClientRowCache)
    # Told what became of each uploaded recording (the metrics count them); None: nobody listens.
    on_import: Callable[[str, str], None] | None = None

    def clock_for(self, athlete: Athlete) -> Clock:
        """The clock as the athlete lives it: their "today" is the day in their own time zone."""
        return in_zone(self.clock, athlete.profile.zone)


class CsrfError(AuthError):
    """A form or script request signed in by cookie came without the matching CSRF token."""


async def context(request: Request) -> AppContext:
    """Return the app's store and clock."""
    found: AppContext = request.app.state.context
    return found


Ctx = Annotated[AppContext, Depends(context)]


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose CSRF token (header or form field) does not match the cookie."""
    if request.method in SAFE_METHODS:
        return
    expected = request.cookies.get(CSRF_COOKIE, "")
    given = request.headers.get(CSRF_HEADER, "")
    if not given and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(CSRF_FIELD, "")
        given = field if isinstance(field, str) else ""
    if not expected or not hmac.compare_digest(expected.encode(), given.encode()):
        raise CsrfError(N_("the form has expired or came from another site; reload the page and try again"))


def renew_csrf(request: Request, response: Response) -> str:
    """Give the browser a new CSRF token (cookie) and return it; pages rendered for this request show it.

    Called whenever a session starts or ends: a token someone planted before the sign-in (a shared
    computer, a cookie set by a neighbouring subdomain) must not keep working for the signed-in session.
    """
    value = secrets.token_urlsafe(32)
    response.set_cookie(
        CSRF_COOKIE, value, httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/"
    )
    request.state.csrf = value
    return value


def client_host(request: Request) -> str | None:
    """Return the address of the client (behind a trusted proxy, the one it forwarded), for sign-in counts."""
    return request.client.host if request.client else None


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def optional_user(request: Request, ctx: Ctx) -> User | None:
    """Return the account behind the request (API token, else session cookie), or None."""
    token = _bearer(request)
    if token is not None:
        user = user_for_api_token(ctx.store, token)
        if user is None:
            raise AuthError(N_("this API token is not valid (revoked or mistyped)"))
        return user
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    user = user_for_session(ctx.store, cookie, now=ctx.clock.now())
    if user is not None:
        await check_csrf(request)
    return user


async def current_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    """Return the signed-in account; 401 when nobody is signed in."""
    if user is None:
        raise AuthError(SIGN_IN_FIRST)
    return user


CurrentUser = Annotated[User, Depends(current_user)]
OptionalUser = Annotated[User | None, Depends(optional_user)]


async def athlete(athlete_id: RowId, request: Request, ctx: Ctx) -> Athlete:
    """Return the athlete in the path if the signed-in account may see it; else 404 (401 if nobody).

    Async on purpose: one indexed read (~0.3 ms) costs less on the event loop than a hop to a thread.
    """
    token = _bearer(request)
    if token is not None:  # a script: the token's owner and the athlete in one query
        found = athlete_for_api_token(ctx.store, token, athlete_id)
        if found is None:
            raise AuthError(N_("this API token is not valid (revoked or mistyped)"))
        return found
    cookie = request.cookies.get(SESSION_COOKIE)
    access = session_access(ctx.store, cookie, athlete_id, now=ctx.clock.now()) if cookie else None
    if access is None:
        raise AuthError(SIGN_IN_FIRST)
    await check_csrf(request)
    return visible_in(access, athlete_id)


VisibleAthlete = Annotated[Athlete, Depends(athlete)]
