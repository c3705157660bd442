"""The coach's pages: the dashboard of clients, invitations, a client's logs, and joining a coach."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx, OptionalUser, RowId
from calfcoach.api.links import absolute_url
from calfcoach.domain.errors import NotFoundError
from calfcoach.i18n import N_
from calfcoach.library.translations import programs_in
from calfcoach.services import coaching_clients, weekly_summary
from calfcoach.services.access import profile_and_history, require_coach, visible_athlete
from calfcoach.services.history import history_rows
from calfcoach.services.mail import mail_settings
from calfcoach.services.today import today_view
from calfcoach.services.views import InvitationView
from calfcoach.web.forms import NOTHING_POSTED, Posted, form_page
from calfcoach.web.language import page_language
from calfcoach.web.templating import PageAthlete, PageUser, redirect, render

router = APIRouter()
# English, translated where the page shows them.
FLAG_SOURCES = {
    "checkin": N_("morning check-in"),
    "screening": N_("sign-up screening"),
    "pain": N_("pain reports"),
}


@router.get("/coach")
def dashboard(request: Request, user: PageUser, ctx: Ctx) -> Response:
    return _dashboard(request, NOTHING_POSTED)


@form_page("/coach/invite")
def _dashboard(request: Request, posted: Posted) -> Response:
    return _draw_dashboard(request, posted, None)


def _draw_dashboard(request: Request, posted: Posted, invitation: InvitationView | None) -> Response:
    ctx = request.app.state.context
    clients = coaching_clients.clients_overview(
        ctx.store,
        request.state.user,
        now=ctx.clock.now(),
        language=page_language(request),
        cache=ctx.clients,
    )
    return render(
        request,
        "coach.html",
        clients=clients,
        invitation=invitation,
        can_mail=mail_settings() is not None,
        weekly=weekly_summary.is_enabled(ctx.store, request.state.user),
        posted=posted,
    )


@router.post("/coach/weekly-summary")
def switch_weekly_summary(user: PageUser, ctx: Ctx, enabled: Annotated[bool, Form()]) -> Response:
    """Switch the coach's weekly summary by e-mail on or off."""
    weekly_summary.set_enabled(ctx.store, user, enabled)
    return redirect("/coach")


@router.post("/coach/invite")
def invite(request: Request, user: PageUser, ctx: Ctx, email: Annotated[str, Form()] = "") -> Response:
    """Make an invitation link, e-mail it when an address is given, and show it on the dashboard."""

    def link_for(code: str) -> str:
        return absolute_url(request, request.app.url_path_for("join_page") + f"?code={code}")

    if email.strip():
        invitation = coaching_clients.invite_by_email(
            ctx.store,
            mail_settings(),
            user,
            email,
            link_for=link_for,
            now=ctx.clock.now(),
            language=page_language(request),
        )
    else:
        code = coaching_clients.invite(ctx.store, user, now=ctx.clock.now())
        invitation = InvitationView(code=code, url=link_for(code))
    return _draw_dashboard(request, NOTHING_POSTED, invitation)


@router.get("/coach/clients/{athlete_id}")
def client(request: Request, athlete_id: RowId, user: PageUser, ctx: Ctx) -> Response:
    """A client's today, sessions, check-ins and tests (only for the coach who follows them)."""
    require_coach(user)
    athlete = visible_athlete(ctx.store, user, athlete_id)
    profile, history = profile_and_history(ctx.store, athlete.id)
    day = ctx.clock.today()
    today = today_view(profile, history, day).model_dump(mode="json")
    return render(
        request,
        "client.html",
        athlete=athlete,
        today=today,
        safety=today["safety"],
        clearances=list(reversed(history.clearances)),
        sources=FLAG_SOURCES,
        view=history_rows(history, page_language(request)),
        programs=sorted(programs_in(page_language(request)).values(), key=lambda p: p.name),
        units=profile.preferred_units,  # the client's, as their Today above is written
    )


@router.post("/coach/clients/{athlete_id}/program")
def assign(athlete_id: RowId, user: PageUser, ctx: Ctx, program_id: Annotated[str, Form()]) -> Response:
    coaching_clients.assign_program(ctx.store, user, athlete_id, program_id)
    return redirect(f"/coach/clients/{athlete_id}")


@router.get("/join", name="join_page")
def join_page(request: Request, user: OptionalUser, code: str = "") -> Response:
    """Accept an invitation when signed in; otherwise register (the code comes along) or sign in."""
    request.state.user = user
    return _join_page(request, Posted(action="", errors={}, values={"code": [code]}))


@form_page("/join", refusals=(NotFoundError,))
def _join_page(request: Request, posted: Posted) -> Response:
    return render(request, "join.html", code=(posted.values.get("code") or [""])[0], posted=posted)


@router.post("/join")
def join(athlete: PageAthlete, ctx: Ctx, code: Annotated[str, Form()]) -> Response:
    """Accept a coach's invitation."""
    coaching_clients.accept_invitation(ctx.store, code, athlete.id, now=ctx.clock.now())
    return redirect("/today")
