"""Rendering pages: the Jinja2 environment, the signed-in account on every page, and error pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from calfcoach import MEDICAL_DISCLAIMER
from calfcoach.api.deps import Ctx, OptionalUser
from calfcoach.api.errors import ErrorDetail
from calfcoach.services.access import own_athlete
from calfcoach.services.accounts import AuthError, needs_setup
from calfcoach.store.records import Athlete, User

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals["disclaimer"] = MEDICAL_DISCLAIMER


def _json_script(value: Any) -> Markup:
    """Serialise a value for a <script type="application/json"> block (no way to close the tag early)."""
    text = json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # safe: <, > and & are escaped above, so the script block cannot be closed


templates.env.filters["json_script"] = _json_script


class SignInRequired(AuthError):
    """A page needs a signed-in account."""


class OnboardingRequired(AuthError):
    """A page needs the account's athlete profile, which onboarding creates."""


def render(request: Request, name: str, *, status: int = 200, **values: Any) -> HTMLResponse:
    """Render a page template with the CSRF token and the signed-in account."""
    context = {"csrf": request.state.csrf, "user": getattr(request.state, "user", None), **values}
    return templates.TemplateResponse(request, name, context, status_code=status)


def redirect(url: str) -> RedirectResponse:
    """Redirect after a form (303, so the browser follows with GET)."""
    return RedirectResponse(url, status_code=303)


def page_user(request: Request, user: OptionalUser) -> User:
    """Return the signed-in account for a page; send others to sign in."""
    if user is None:
        raise SignInRequired("sign in to see this page")
    request.state.user = user
    return user


PageUser = Annotated[User, Depends(page_user)]


def page_athlete(user: PageUser, ctx: Ctx) -> Athlete:
    """Return the signed-in account's athlete profile; send the account to onboarding before it has one."""
    found = own_athlete(ctx.store, user)
    if found is None:
        raise OnboardingRequired("complete your profile first")
    return found


PageAthlete = Annotated[Athlete, Depends(page_athlete)]


def error_page(request: Request, status: int, detail: ErrorDetail, error: Exception) -> Response:
    """Answer a page error: sign-in redirects, an htmx fragment into #errors, or a whole error page."""
    if isinstance(error, OnboardingRequired):
        return redirect("/onboarding")
    if isinstance(error, SignInRequired):
        context = request.app.state.context
        if needs_setup(context.store):
            return redirect("/setup")
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return redirect(f"/login?next={quote(here, safe='/')}")
    if request.headers.get("hx-request") == "true":
        response = templates.TemplateResponse(request, "_error.html", {"error": detail}, status_code=status)
        response.headers["hx-retarget"] = "#errors"
        response.headers["hx-reswap"] = "innerHTML"
        return response
    return render(request, "error.html", status=status, error=detail)
