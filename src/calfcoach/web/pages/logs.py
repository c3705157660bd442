"""Logging forms (a session by hand, a morning check-in, a test) and the history."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.domain.errors import Figure, InputError, Phrase
from calfcoach.domain.log import CardioLog, CheckIn, PainSite, PerformedSession, SetLog, TestKind, TestResult
from calfcoach.domain.units import LoadUnit, Units, kg_to_lb, load_kg_of, speed_kmh_of, speed_number
from calfcoach.i18n import N_
from calfcoach.library.screening import questionnaire_in
from calfcoach.library.translations import catalog_in
from calfcoach.services import logbook
from calfcoach.services.access import profile_and_history
from calfcoach.services.history import history_rows
from calfcoach.web.forms import NOTHING_POSTED, FormInvalid, Posted, form_page, validated
from calfcoach.web.language import page_language
from calfcoach.web.templating import PageAthlete, redirect, render

router = APIRouter()
WEB_CLEARANCE_HINT = N_(
    "nothing was written; see a doctor today, and when they have cleared you, record it on the Today page "
    '("I have been seen and cleared")'
)
Score = Annotated[int, Form(ge=0, le=10)]
MAX_LOAD_KG = 300.0  # within what a set may store (domain.log.SetLog), said in the person's unit
MAX_SPEED_KMH = 40.0  # what a cardio log may store (domain.log.CardioLog)


@router.get("/log")
def log_page(request: Request, athlete: PageAthlete) -> Response:
    return _log_page(request, NOTHING_POSTED)


@form_page("/log/session", "/log/checkin", "/log/test")
def _log_page(request: Request, posted: Posted) -> Response:
    """The three logging forms; after a refused post, that form as it was sent, each problem by its field."""
    catalog = catalog_in(page_language(request))
    return render(
        request,
        "log.html",
        today=request.app.state.context.clock_for(request.state.athlete).today().isoformat(),
        posted=posted,
        exercises=sorted(catalog, key=lambda e: e.name),
        kinds=list(TestKind),
        symptoms=questionnaire_in(page_language(request)).checkin,
        pain_sites=list(PainSite),
    )


@router.post("/log/session")
def log_session(
    athlete: PageAthlete,
    ctx: Ctx,
    day: Annotated[str, Form()],
    exercise_id: Annotated[str, Form()],
    sets: Annotated[int, Form(ge=0, le=20)] = 0,
    reps: Annotated[int, Form(ge=0, le=500)] = 0,
    load: Annotated[float, Form(ge=0, le=1000)] = 0,
    minutes: Annotated[float, Form(ge=0, le=24 * 60)] = 0,
    speed: Annotated[str, Form(max_length=20)] = "",
    pain_during: Score = 0,
    pain_after: Score = 0,
    pain_site: Annotated[PainSite | Literal[""], Form()] = "",
    notes: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Log a session done without the player: one exercise, sets of reps (with a load) and/or minutes of
    cardio (at a speed); the load and speed are typed in the person's units and stored in kg and km/h."""
    profile, _ = profile_and_history(ctx.store, athlete.id)
    units = profile.preferred_units
    load_kg = load_kg_of(load, units.load)
    speed_kmh = _speed_kmh(speed, units)
    if load_kg > MAX_LOAD_KG:
        top = MAX_LOAD_KG if units.load is LoadUnit.KG else round(kg_to_lb(MAX_LOAD_KG))
        said = Phrase(N_("Enter {top} {unit} or less."), top=Figure(top), unit=units.load.value)
        raise FormInvalid([("load", said)])
    cardio = {"duration_s": minutes * 60, **({} if speed_kmh is None else {"avg_speed_kmh": speed_kmh})}
    session = validated(
        PerformedSession,
        {
            "id": f"web-{uuid.uuid4()}",
            "day": day,
            "program_id": profile.program_id,
            "phase_id": "logged",
            "template_id": "logged",
            "sets": [
                SetLog(exercise_id=exercise_id, set_index=i, reps=reps, load_kg=load_kg) for i in range(sets)
            ],
            "cardio": [CardioLog(exercise_id=exercise_id, **cardio)] if minutes else [],
            "pain_during": pain_during,
            "pain_after": pain_after,
            "pain_site": pain_site or None,
            "notes": notes,
        },
    )
    try:
        logbook.log_session(ctx.store, athlete.id, session, today=ctx.clock_for(athlete).today())
    except InputError as error:
        if error.where != "safety":
            raise
        # The service's hint names the command; on the web, the clearance is recorded on the Today page.
        raise InputError(error.template, where="safety", hint=WEB_CLEARANCE_HINT, **error.fields) from None
    return redirect("/history")


def _speed_kmh(typed: str, units: Units) -> float | None:
    """The speed typed in the person's unit (blank: none) in km/h, or the form back with what is wrong."""
    text = typed.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        said = Phrase(N_("Enter a number of {unit}, or leave it blank."), unit=units.speed_unit)
        raise FormInvalid([("speed", said)]) from None
    top = speed_number(MAX_SPEED_KMH, units)
    if not 0 < number <= top:
        said = Phrase(
            N_("Enter more than 0 and at most {top} {unit}."), top=Figure(top), unit=units.speed_unit
        )
        raise FormInvalid([("speed", said)])
    return speed_kmh_of(number, "mph" if units.imperial else "kmh")


@router.post("/log/checkin")
def check_in(
    athlete: PageAthlete,
    ctx: Ctx,
    day: Annotated[str, Form()],
    morning_pain: Score,
    stiffness: Score = 0,
    symptoms: Annotated[list[str] | None, Form()] = None,
    notes: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Store the morning check-in; a symptom ticked sends the person to Today, which says what to do."""
    checkin = validated(
        CheckIn,
        {
            "day": day,
            "morning_pain": morning_pain,
            "stiffness": stiffness,
            "symptoms": list(dict.fromkeys(symptoms or ())),  # the service refuses unknown ids
            "notes": notes,
        },
    )
    moment = ctx.clock_for(athlete).now()  # the instant it is recorded, on the person's own day
    logbook.check_in(ctx.store, athlete.id, checkin, today=moment.date(), now=moment)
    return redirect("/today" if checkin.symptoms else "/history")


@router.post("/log/test")
def record_test(
    athlete: PageAthlete,
    ctx: Ctx,
    day: Annotated[str, Form()],
    kind: Annotated[TestKind, Form()],
    left: Annotated[float, Form(ge=0, le=1000)],
    right: Annotated[float, Form(ge=0, le=1000)],
    notes: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    result = validated(TestResult, {"day": day, "kind": kind, "left": left, "right": right, "notes": notes})
    logbook.record_test(ctx.store, athlete.id, result, today=ctx.clock_for(athlete).today())
    return redirect("/history")


@router.get("/history")
def history(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    _, found = profile_and_history(ctx.store, athlete.id)
    return render(request, "history.html", view=history_rows(found, page_language(request)))
