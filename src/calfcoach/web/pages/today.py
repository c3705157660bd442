"""Today: the prescription with its reasons, the phase, pain advice and the disclaimer.

When a red flag or a pain referral is open, the page leads with it: a stop ("do not train today") or
relative rest ("see a physiotherapist"), with a form to record that a clinician has cleared the person.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.domain.log import Clearance
from calfcoach.services import safety
from calfcoach.web.forms import NOTHING_POSTED, Posted, form_page, validated
from calfcoach.web.templating import PageAthlete, redirect, render

router = APIRouter()


@router.get("/today")
def today(request: Request, athlete: PageAthlete) -> Response:
    return _today_page(request, NOTHING_POSTED)


@form_page("/today/cleared")
def _today_page(request: Request, posted: Posted) -> Response:
    """Today; after a refused clearance, its form open as it was sent, each problem by its field."""
    ctx = request.app.state.context
    athlete = request.state.athlete
    day = ctx.clock_for(athlete).today()
    view = ctx.today.answer(ctx.store, athlete, day).data
    found = view["safety"]
    shown = None if found["mode"] == "train" else found
    return render(
        request,
        "today.html",
        view=view,
        athlete=athlete,
        safety=shown,
        cleared_today=found.get("cleared_on") == day.isoformat(),
        today=day.isoformat(),
        posted=posted,
    )


@router.post("/today/cleared")
def cleared(
    athlete: PageAthlete,
    ctx: Ctx,
    day: Annotated[str, Form()],
    by: Annotated[str, Form(max_length=100)],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Record that a clinician saw the person and cleared them to train; Today then prescribes again."""
    clearance = validated(Clearance, {"day": day, "by": by.strip(), "note": note.strip()})
    safety.record_clearance(
        ctx.store, athlete.id, clearance, today=ctx.clock_for(athlete).today(), now=ctx.clock.now()
    )
    return redirect("/today")
