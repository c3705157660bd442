"""The coach's pages: the dashboard of clients, invitations, a client's logs, and joining a coach."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx, OptionalUser, RowId
from calfcoach.api.links import absolute_url
from calfcoach.domain.errors import NotFoundError
from calfcoach.library.programs import load_programs
from calfcoach.services import coaching_clients
from calfcoach.services.access import profile_and_history, require_coach, visible_athlete
from calfcoach.services.history import history_rows
from calfcoach.services.today import today_view
from calfcoach.web.forms import Posted, form_page
from calfcoach.web.templating import PageAthlete, PageUser, redirect, render

router = APIRouter()
FLAG_SOURCES = {"checkin": "morning check-in", "screening": "sign-up screening", "pain": "pain reports"}


@router.get("/coach")
def dashboard(request: Request, user: PageUser, ctx: Ctx) -> Response:
    clients = coaching_clients.clients_overview(ctx.store, user, now=ctx.clock.now())
    return render(request, "coach.html", clients=clients, invitation=None)


@router.post("/coach/invite")
def invite(request: Request, user: PageUser, ctx: Ctx) -> Response:
    """Make an invitation link and show it on the dashboard."""
    code = coaching_clients.invite(ctx.store, user, now=ctx.clock.now())
    clients = coaching_clients.clients_overview(ctx.store, user, now=ctx.clock.now())
    link = absolute_url(request, request.app.url_path_for("join_page") + f"?code={code}")
    return render(request, "coach.html", clients=clients, invitation={"code": code, "link": link})


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
        view=history_rows(history),
        programs=sorted(load_programs().values(), key=lambda p: p.name),
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
