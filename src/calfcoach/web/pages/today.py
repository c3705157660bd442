"""Today: the prescription with its reasons, the phase, pain advice and the disclaimer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()


@router.get("/today")
def today(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    view = ctx.today.answer(ctx.store, athlete, ctx.clock.today()).view
    return render(request, "today.html", view=view, athlete=athlete)
