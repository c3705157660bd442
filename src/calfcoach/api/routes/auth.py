"""Accounts over the API: first-run setup, register, log in and out, API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from calfcoach.api.bodies import Language
from calfcoach.api.deps import (
    SESSION_COOKIE,
    Ctx,
    CurrentUser,
    RowId,
    check_csrf,
    client_host,
    renew_csrf,
)
from calfcoach.api.errors import error_responses
from calfcoach.api.links import absolute_url
from calfcoach.domain.errors import NotFoundError
from calfcoach.i18n import N_, negotiate
from calfcoach.services import accounts, registration
from calfcoach.services.mail import mail_settings
from calfcoach.services.views import NewToken, RegistrationPending, SignedIn, TokenView, UserView
from calfcoach.store.records import Role, User

router = APIRouter(tags=["auth"])


class Credentials(BaseModel):
    email: Annotated[str, Field(min_length=3, max_length=320)]
    password: Annotated[str, Field(min_length=1, max_length=accounts.MAX_PASSWORD_CHARS)]


class Registration(Credentials):
    # The schemas state the service's rules (a new password's length, no admin by registration), which
    # the service checks with its own messages.
    password: Annotated[
        str,
        Field(
            min_length=1,
            max_length=accounts.MAX_PASSWORD_CHARS,
            json_schema_extra={"minLength": accounts.MIN_PASSWORD_CHARS},
        ),
    ]
    role: Annotated[Role, Field(json_schema_extra={"enum": [Role.ATHLETE.value, Role.COACH.value]})] = (
        Role.ATHLETE
    )
    # The new account's own language; null: pages follow the browser, e-mails the server.
    language: Language = None


class TokenRequest(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=accounts.TOKEN_NAME_CHARS)]


def user_json(user: User) -> UserView:
    """Return an account as the API shows it (never its password hash)."""
    return UserView(
        id=user.id,
        email=user.email,
        role=user.role.value,
        created_at=user.created_at,
        language=user.language,
    )


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """Set the sign-in cookie: HttpOnly, SameSite=Lax, Secure when the site is served over https."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(dt.timedelta(days=accounts.SESSION_DAYS).total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


@router.post(
    "/auth/setup", status_code=201, dependencies=[Depends(check_csrf)], responses=error_responses(409)
)
def set_up(body: Credentials, ctx: Ctx) -> UserView:
    """Create the first account (an admin) on a new install; 409 once any account exists."""
    return user_json(accounts.set_up_first_account(ctx.store, body.email, body.password))


@router.post(
    "/auth/register",
    status_code=201,
    response_model=UserView,
    responses={
        202: {
            "model": RegistrationPending,
            "description": "the server sends e-mail: a link to confirm the address is on its way (or, for "
            "an address that has an account, a notice to its owner); the same answer either way",
        },
        **error_responses(401, 422, 429),
    },
)
def register(body: Registration, request: Request, ctx: Ctx) -> UserView | JSONResponse:
    """Create an athlete or coach account.

    On a server that sends e-mail the answer is 202 whether or not the address has an account: a new one
    gets a confirmation link (the account is made when it is opened; sign in then), a registered one a
    notice. Without e-mail the account is made at once (201; an address already registered: see
    accounts.register).
    """
    settings = mail_settings()
    if settings is not None:
        links = registration.Links(
            confirm=lambda token: absolute_url(request, f"/register/confirm?token={token}"),
            sign_in=absolute_url(request, "/login"),
            forgot=absolute_url(request, "/password/forgot"),
        )
        address = registration.register_by_email(
            ctx.store,
            settings,
            body.email,
            body.password,
            role=body.role,
            links=links,
            now=ctx.clock.now(),
            language=body.language or negotiate(request.headers.get("accept-language")),
            account_language=body.language,
        )
        # Its own response: the operation's model (201) is the account made at once, without e-mail.
        return JSONResponse(RegistrationPending(email=address).model_dump(mode="json"), status_code=202)
    user = accounts.register(
        ctx.store,
        body.email,
        body.password,
        role=body.role,
        client=client_host(request),
        now=ctx.clock.now(),
        language=body.language,
    )
    return user_json(user)


@router.post("/auth/login", responses=error_responses(401, 429))
def log_in(body: Credentials, request: Request, response: Response, ctx: Ctx) -> SignedIn:
    """Sign in: sets the session cookie and a new CSRF token; scripts should prefer an API token."""
    user, token = accounts.sign_in(
        ctx.store, body.email, body.password, now=ctx.clock.now(), client=client_host(request)
    )
    set_session_cookie(request, response, token)
    return SignedIn(user=user_json(user), csrf_token=renew_csrf(request, response))


@router.post("/auth/logout", status_code=204)
def log_out(request: Request, response: Response, user: CurrentUser, ctx: Ctx) -> None:
    """Sign this browser out (its CSRF token is replaced too)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        accounts.sign_out(ctx.store, cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")
    renew_csrf(request, response)


@router.get("/auth/tokens")
def list_tokens(user: CurrentUser, ctx: Ctx) -> list[TokenView]:
    """List this account's API tokens (names and dates only)."""
    return [TokenView.model_validate(t.model_dump()) for t in accounts.api_tokens(ctx.store, user)]


@router.post("/auth/tokens", status_code=201)
def create_token(body: TokenRequest, user: CurrentUser, ctx: Ctx) -> NewToken:
    """Make an API token; the token is in this answer only, keep it safe."""
    token, secret = accounts.create_api_token(ctx.store, user, body.name, now=ctx.clock.now())
    return NewToken(**token.model_dump(), token=secret)


@router.delete("/auth/tokens/{token_id}", status_code=204)
def revoke_token(token_id: RowId, user: CurrentUser, ctx: Ctx) -> None:
    """Revoke one of this account's API tokens."""
    if not accounts.revoke_api_token(ctx.store, user, token_id):
        raise NotFoundError(N_("no API token with id {id}"), id=token_id)
