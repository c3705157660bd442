"""A forgotten password: ask for a link by e-mail, then choose a new password with it (services/recovery)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx, check_csrf
from calfcoach.api.links import absolute_url
from calfcoach.services.mail import mail_settings
from calfcoach.services.recovery import MailUnavailableError, link_is_usable, reset_with_link, send_reset_link
from calfcoach.web.forms import NOTHING_POSTED, Posted, form_page
from calfcoach.web.language import page_language
from calfcoach.web.templating import redirect, render

router = APIRouter()
Text = Annotated[str, Form()]


@router.get("/password/forgot")
def forgot_page(request: Request) -> Response:
    return _forgot_page(request, NOTHING_POSTED)


@form_page("/password/forgot", refusals=(MailUnavailableError,))
def _forgot_page(request: Request, posted: Posted) -> Response:
    return _forgot(request, posted, sent=False)


def _forgot(request: Request, posted: Posted, *, sent: bool) -> Response:
    can_mail = mail_settings() is not None
    return render(request, "password_forgot.html", posted=posted, sent=sent, can_mail=can_mail)


@router.post("/password/forgot", dependencies=[Depends(check_csrf)])
def forgot(request: Request, ctx: Ctx, email: Text) -> Response:
    """Send a reset link if the address has an account; say the same either way."""
    send_reset_link(
        ctx.store,
        mail_settings(),
        email,
        link_for=lambda token: absolute_url(request, f"/password/reset?token={token}"),
        now=ctx.clock.now(),
        language=page_language(request),
    )
    return _forgot(request, NOTHING_POSTED, sent=True)


@router.get("/password/reset")
def reset_page(request: Request, ctx: Ctx, token: str = "") -> Response:
    return _reset_page(request, Posted(action="", errors={}, values={"token": [token]}))


@form_page("/password/reset")
def _reset_page(request: Request, posted: Posted) -> Response:
    token = (posted.values.get("token") or [""])[0]
    ctx = request.app.state.context
    usable = bool(token) and link_is_usable(ctx.store, token, now=ctx.clock.now())
    return render(request, "password_reset.html", posted=posted, token=token, usable=usable)


@router.post("/password/reset", dependencies=[Depends(check_csrf)])
def reset(ctx: Ctx, token: Text, password: Text) -> Response:
    """Set the new password (signing the account out everywhere), then ask to sign in with it."""
    reset_with_link(ctx.store, token, password, now=ctx.clock.now())
    return redirect("/login?reset=1")
