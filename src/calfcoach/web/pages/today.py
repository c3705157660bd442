"""Today: the prescription with its reasons, the phase, pain advice and the disclaimer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.services.access import profile_and_history
from calfcoach.services.today import today_view
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()


@router.get("/today")
def today(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    profile, history = profile_and_history(ctx.store, athlete.id)
    return render(
        request, "today.html", view=today_view(profile, history, ctx.clock.today()), athlete=athlete
    )
