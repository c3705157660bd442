"""Account pages: setup, register, sign in and out, API tokens, export and deletion, the home redirect."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from calfcoach import i18n
from calfcoach.api.deps import SESSION_COOKIE, Ctx, OptionalUser, RowId, check_csrf, client_host, renew_csrf
from calfcoach.api.links import absolute_url
from calfcoach.api.routes.auth import set_session_cookie
from calfcoach.api.routes.media import folder_of
from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_
from calfcoach.services import accounts, registration
from calfcoach.services.access import COACH_ROLES, own_athlete
from calfcoach.services.erasure import CONFIRMATION_WORD, check_confirmation, delete_own_account, preview
from calfcoach.services.mail import mail_settings
from calfcoach.store.records import Role, User
from calfcoach.web.forms import NOTHING_POSTED, Posted, form_page
from calfcoach.web.language import page_language
from calfcoach.web.templating import PageUser, redirect, render

router = APIRouter()
Text = Annotated[str, Form()]


def _safe_next(target: str) -> str:
    """Only follow a local path after sign-in (never another site)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/")
def home(user: OptionalUser, ctx: Ctx) -> Response:
    """Send each visitor where they belong: setup, sign-in, onboarding, the coach's dashboard or today."""
    if user is None:
        return redirect("/setup" if accounts.needs_setup(ctx.store) else "/login")
    if own_athlete(ctx.store, user) is not None:
        return redirect("/today")
    return redirect("/coach" if user.role in COACH_ROLES and user.role is not Role.ADMIN else "/onboarding")


@router.get("/setup")
def setup_page(request: Request, ctx: Ctx) -> Response:
    if not accounts.needs_setup(ctx.store):
        return redirect("/login")
    return _setup_page(request, NOTHING_POSTED)


@form_page("/setup", refusals=(accounts.AuthError,))
def _setup_page(request: Request, posted: Posted) -> Response:
    return render(request, "setup.html", posted=posted)


@router.post("/setup", dependencies=[Depends(check_csrf)])
def setup(request: Request, ctx: Ctx, email: Text, password: Text) -> Response:
    """Create the first account (admin and athlete), sign it in, go to onboarding."""
    accounts.set_up_first_account(ctx.store, email, password, language=page_language(request))
    return _signed_in(request, ctx, email, password, "/onboarding")


@router.get("/register")
def register_page(request: Request, code: str = "") -> Response:
    return _register_page(request, Posted(action="", errors={}, values={"code": [code]}))


@form_page("/register", refusals=(accounts.AuthError,))
def _register_page(request: Request, posted: Posted) -> Response:
    return _register_form(request, posted)


def _register_form(
    request: Request, posted: Posted, *, sent_to: str | None = None, expired: bool = False
) -> Response:
    code = (posted.values.get("code") or [""])[0]
    can_mail = mail_settings() is not None
    return render(
        request,
        "register.html",
        code=code,
        posted=posted,
        can_mail=can_mail,
        sent_to=sent_to,
        expired=expired,
    )


def _after_registering(role: str, code: str) -> str:
    return "/coach" if role == Role.COACH.value else "/onboarding" + (f"?code={quote(code)}" if code else "")


@router.post("/register", dependencies=[Depends(check_csrf)])
def register(
    request: Request, ctx: Ctx, email: Text, password: Text, role: Text = "athlete", code: Text = ""
) -> Response:
    """Register. With e-mail: "check your e-mail" (a confirmation link, or a notice to the address's owner,
    services/registration). Without: the account is made and signed in; athletes go on to onboarding,
    coaches to their dashboard."""
    if role not in (Role.ATHLETE.value, Role.COACH.value):
        raise InputError(
            N_("unknown role {role}"), where="role", hint=N_("choose athlete or coach"), role=repr(role)
        )
    settings = mail_settings()
    if settings is not None:
        after = quote(_after_registering(role, code), safe="")
        links = registration.Links(
            confirm=lambda token: absolute_url(request, f"/register/confirm?token={token}&next={after}"),
            sign_in=absolute_url(request, "/login"),
            forgot=absolute_url(request, "/password/forgot"),
        )
        address = registration.register_by_email(
            ctx.store,
            settings,
            email,
            password,
            role=Role(role),
            links=links,
            now=ctx.clock.now(),
            language=page_language(request),
            account_language=page_language(request),
        )
        return _register_form(request, NOTHING_POSTED, sent_to=address)
    accounts.register(
        ctx.store,
        email,
        password,
        role=Role(role),
        client=client_host(request),
        now=ctx.clock.now(),
        language=page_language(request),
    )
    return _signed_in(request, ctx, email, password, _after_registering(role, code))


@router.get("/register/confirm")
def confirm_registration(request: Request, ctx: Ctx, token: str = "", next: str = "/") -> Response:
    """Make the account of a confirmation link, then ask to sign in with its password (the link alone
    signs nobody in: whoever registered chose the password)."""
    try:
        registration.confirm(ctx.store, token, now=ctx.clock.now())
    except InputError:
        return _register_form(request, NOTHING_POSTED, expired=True)
    return redirect(f"/login?confirmed=1&next={quote(_safe_next(next), safe='')}")


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return _login_page(request, Posted(action="", errors={}, values={"next": [next]}))


@form_page("/login", refusals=(accounts.AuthError,))
def _login_page(request: Request, posted: Posted) -> Response:
    return render(
        request, "login.html", next=_safe_next((posted.values.get("next") or ["/"])[0]), posted=posted
    )


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(request: Request, ctx: Ctx, email: Text, password: Text, next: Text = "/") -> Response:
    return _signed_in(request, ctx, email, password, _safe_next(next))


def _signed_in(request: Request, ctx: Ctx, email: str, password: str, target: str) -> Response:
    _, token = accounts.sign_in(ctx.store, email, password, now=ctx.clock.now(), client=client_host(request))
    response = redirect(target)
    set_session_cookie(request, response, token)
    renew_csrf(request, response)
    return response


@router.post("/logout")
def logout(request: Request, user: PageUser, ctx: Ctx) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        accounts.sign_out(ctx.store, cookie)
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    renew_csrf(request, response)
    return response


@router.get("/settings/tokens")
def tokens_page(request: Request, user: PageUser) -> Response:
    return _tokens_page(request, NOTHING_POSTED)


@form_page("/settings/tokens")
def _tokens_page(request: Request, posted: Posted) -> Response:
    store = request.app.state.context.store
    tokens = accounts.api_tokens(store, request.state.user)
    return render(request, "tokens.html", tokens=tokens, new_token=None, posted=posted)


@router.post("/settings/tokens")
def create_token(request: Request, user: PageUser, ctx: Ctx, name: Text) -> Response:
    """Make an API token and show it once."""
    _, secret = accounts.create_api_token(ctx.store, user, name, now=ctx.clock.now())
    return render(request, "tokens.html", tokens=accounts.api_tokens(ctx.store, user), new_token=secret)


@router.post("/settings/tokens/{token_id}/revoke")
def revoke_token(token_id: RowId, user: PageUser, ctx: Ctx) -> Response:
    accounts.revoke_api_token(ctx.store, user, token_id)
    return redirect("/settings/tokens")


@router.get("/settings/account")
def account_page(request: Request, user: PageUser) -> Response:
    """The account: download everything recorded, or delete the account and all of it."""
    return _account_page(request, NOTHING_POSTED)


# A throttled password is said on the form too: elsewhere it answers a sign-in.
@form_page("/settings/account/delete", "/settings/language", refusals=(accounts.ThrottledError,))
def _account_page(request: Request, posted: Posted) -> Response:
    store = request.app.state.context.store
    user: User = request.state.user
    return render(
        request,
        "account.html",
        has_profile=own_athlete(store, user) is not None,
        erasure=preview(store, user.email),
        word=CONFIRMATION_WORD,
        languages=list(i18n.NAMES.items()),
        posted=posted,
    )


@router.post("/settings/language")
def choose_language(ctx: Ctx, user: PageUser, language: Text) -> Response:
    """Keep the language the person reads pages and e-mails in (their account's, and their profile's when
    they have one); the account page follows at once."""
    accounts.choose_language(ctx.store, user, language)
    return redirect("/settings/account")


@router.post("/settings/account/delete")
def delete_account(
    request: Request, user: PageUser, ctx: Ctx, password: Text, confirm: Text = ""
) -> Response:
    """Delete the account after the confirmation word and the password; a mistake comes back by its field."""
    check_confirmation(confirm)
    erased = delete_own_account(
        ctx.store,
        user,
        password=password,
        media_dir=folder_of(ctx),
        now=ctx.clock.now(),
        client=client_host(request),
    )
    if erased.athlete_id is not None:
        ctx.today.forget(erased.athlete_id)
        ctx.clients.forget(erased.athlete_id)
    request.state.user = None  # the page after is a signed-out one
    response = render(request, "account_deleted.html", email=erased.email)
    response.delete_cookie(SESSION_COOKIE, path="/")
    renew_csrf(request, response)
    return response
