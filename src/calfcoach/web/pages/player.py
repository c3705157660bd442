"""The guided session player (plain JS, works offline once loaded), its service worker and the manifest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from calfcoach.api.deps import Ctx
from calfcoach.coach.guide import guide_for
from calfcoach.domain.exercise import Dose, Tempo
from calfcoach.domain.log import PainSite
from calfcoach.domain.units import METRIC, Units
from calfcoach.i18n import DEFAULT, normalize
from calfcoach.library.translations import catalog_in
from calfcoach.services.render import cardio_target
from calfcoach.web.language import page_language
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()
STATIC = Path(__file__).parents[1] / "static"


@router.get("/player")
def player(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    """Today's session (or, when Today offers it, the next one) with each exercise's cues, for the player
    script. Once today's session is logged there is nothing to start: the page says it is done."""
    view = ctx.today.answer(ctx.store, athlete, ctx.clock_for(athlete).today()).data
    session = {"today": view["session"], "next": view["next_session"], None: None}[view["start"]]
    data = player_data(
        athlete.id,
        ctx.clock_for(athlete).today(),
        session,
        view["pain"],
        athlete.profile.preferred_units,
        language=page_language(request),
    )
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


def player_data(
    athlete_id: int,
    day: dt.date,
    session: dict[str, Any] | None,
    pain: Any,
    units: Units = METRIC,
    *,
    language: str | None = None,
) -> dict[str, Any]:
    """What the player script reads: the session as `session_view` gives it (each dose and tempo said in
    the person's language), each exercise's cues, the timed script of each cardio or hold item (by its
    place in the session), the one the terminal follows, and each timed bout's target in their units; the
    exercises' texts in the person's language."""
    catalog = catalog_in(language)
    cues = {}
    guides: dict[int, Any] = {}
    targets: dict[int, str] = {}
    if session is not None:
        for index, item in enumerate(session["items"]):
            exercise = catalog.get(item["exercise_id"])
            dose = Dose.model_validate(item["dose"])
            target = cardio_target(dose, units, language)
            if target is not None:
                targets[index] = target
            guide = guide_for(dose, exercise, units, language)
            if guide is not None:
                guides[index] = guide.model_dump(mode="json")
            cues[exercise.id] = {
                "summary": exercise.summary,
                "steps": list(exercise.steps),
                "cues": list(exercise.cues),
                "safety": list(exercise.safety),
                "category": exercise.category.value,
            }
    if session is not None and language is not None:
        # A copy: the session belongs to Today's kept answer, shared by every page that reads it.
        session = {**session, "items": [_said_in(item, units, language) for item in session["items"]]}
    demos = (
        []
        if session is None
        else [demo_url(i["exercise_id"], i["tempo"], language) for i in session["items"]]
    )
    return {
        "athlete_id": athlete_id,
        "day": day.isoformat(),
        "session": session,
        "cues": cues,
        "demos": demos,
        "guides": guides,
        "targets": targets,
        "pain": pain,
    }


def _said_in(item: Mapping[str, Any], units: Units, language: str) -> dict[str, Any]:
    """A session item with its dose and tempo texts in `language`."""
    tempo = item.get("tempo")
    return {
        **item,
        "dose_text": Dose.model_validate(item["dose"]).describe(units, language),
        "tempo_text": None if not tempo else Tempo.model_validate(tempo).describe(language),
    }


def demo_url(exercise_id: str, tempo: Mapping[str, float] | None, language: str | None = None) -> str:
    """The address of an exercise's demonstration at the prescribed tempo, in the person's language, one per
    session item.

    The player shows it and the service worker keeps it for offline use, matching the address exactly:
    both read it from here, so the two cannot disagree on how a tempo or a language is written. English has
    no `lang`, so its addresses are the ones kept before demonstrations spoke other languages.
    """
    path = f"/exercises/{quote(exercise_id, safe='')}/demo.svg"
    query = {name: f"{seconds:g}" for name, seconds in (tempo or {}).items()}
    if normalize(language) != DEFAULT:
        query["lang"] = normalize(language)
    return f"{path}?{urlencode(query)}" if query else path


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, served from the root so its scope covers every page."""
    return FileResponse(STATIC / "sw.js", media_type="text/javascript", headers={"cache-control": "no-cache"})


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    """The web app manifest (name, start page, colours of app.css, icons): what makes the app installable.

    From the root, beside the service worker whose scope it shares; under its own media type, which
    StaticFiles does not know on every Python version.
    """
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")
