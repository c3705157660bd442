"""The guided session player (plain JS, works offline once loaded) and its service worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from calfcoach.api.deps import Ctx
from calfcoach.domain.log import PainSite
from calfcoach.library.catalog import load_catalog
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()
STATIC = Path(__file__).parents[1] / "static"


@router.get("/player")
def player(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    """Today's session (or, when Today offers it, the next one) with each exercise's cues, for the player
    script. Once today's session is logged there is nothing to start: the page says it is done."""
    view = ctx.today.answer(ctx.store, athlete, ctx.clock.today()).data
    session = {"today": view["session"], "next": view["next_session"], None: None}[view["start"]]
    data = player_data(athlete.id, ctx.clock.today(), session, view["pain"])
    # The exercises that may have caused pain, once each, for the finish form's "which exercise" question.
    pain_from = {} if session is None else {i["exercise_id"]: i["exercise_name"] for i in session["items"]}
    return render(
        request,
        "player.html",
        data=data,
        view=view,
        done=view["done"],
        start=view["start"],
        upcoming=view["next_session"],
        safety=view["safety"],
        pain_sites=list(PainSite),
        pain_from=list(pain_from.items()),
    )


def player_data(athlete_id: int, day: dt.date, session: dict[str, Any] | None, pain: Any) -> dict[str, Any]:
    """What the player script reads: the session as `session_view` gives it and each exercise's cues."""
    catalog = load_catalog()
    cues = {}
    if session is not None:
        for item in session["items"]:
            exercise = catalog.get(item["exercise_id"])
            cues[exercise.id] = {
                "summary": exercise.summary,
                "steps": list(exercise.steps),
                "cues": list(exercise.cues),
                "safety": list(exercise.safety),
                "category": exercise.category.value,
            }
    return {"athlete_id": athlete_id, "day": day.isoformat(), "session": session, "cues": cues, "pain": pain}


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, served from the root so its scope covers every page."""
    return FileResponse(STATIC / "sw.js", media_type="text/javascript", headers={"cache-control": "no-cache"})
