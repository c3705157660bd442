"""The onboarding wizard: 1 profile and screening; 2 advice for any "yes", a baseline heel-raise test."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.domain.exercise import Equipment
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.domain.profile import Goal, Level, Profile, Sex, time_zone_names
from calfcoach.domain.units import UnitSystem
from calfcoach.i18n import N_, NAMES
from calfcoach.library.catalog import equipment_label
from calfcoach.library.programs import load_programs
from calfcoach.library.screening import questionnaire_in
from calfcoach.library.translations import programs_in
from calfcoach.services import logbook
from calfcoach.services.access import own_athlete
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.services.coaching_clients import accept_invitation
from calfcoach.web.forms import NOTHING_POSTED, FormInvalid, Posted, form_page, validated
from calfcoach.web.language import page_language
from calfcoach.web.templating import PageAthlete, PageUser, redirect, render

router = APIRouter()


@router.get("/onboarding")
def profile_step(request: Request, user: PageUser, ctx: Ctx, code: str = "") -> Response:
    if own_athlete(ctx.store, user) is not None:
        return redirect("/today")
    return _profile_page(request, Posted(action="", errors={}, values={"code": [code]}))


@form_page("/onboarding")
def _profile_page(request: Request, posted: Posted) -> Response:
    """Step 1, empty or as it was sent with each field's problem (`posted`)."""
    ctx = request.app.state.context
    return render(
        request,
        "onboarding.html",
        today=ctx.clock.today().isoformat(),
        code=(posted.values.get("code") or [""])[0],
        posted=posted,
        time_zones=time_zone_names(),
        questions=questionnaire_in(page_language(request)).questions,
        equipment=[(e.value, equipment_label(e)) for e in Equipment],
        levels=list(Level),
        goals=list(Goal),
        sexes=list(Sex),
        programs=sorted(programs_in(page_language(request)).values(), key=lambda p: p.name),
        languages=list(NAMES.items()),
    )


@router.post("/onboarding")
async def create_profile(request: Request, user: PageUser, ctx: Ctx) -> Response:
    """Store the profile with the screening answers, accept a coach's code if one came, go to step 2."""
    form = await request.form()
    profile = validated(
        Profile,
        {
            "name": form.get("name") or "me",
            "start_date": form.get("start_date"),
            "weekdays": form.getlist("weekdays"),
            "minutes_per_session": form.get("minutes_per_session") or 30,
            "equipment": form.getlist("equipment"),
            "level": form.get("level") or Level.BEGINNER.value,
            "goal": form.get("goal") or Goal.START_RUNNING.value,
            "birth_year": form.get("birth_year") or None,
            "sex": form.get("sex") or Sex.UNSPECIFIED.value,
            "weight_kg": form.get("weight_kg") or None,
            "program_id": form.get("program_id") or Profile.model_fields["program_id"].default,
            "units": form.get("units") or UnitSystem.METRIC.value,
            "load_units": form.get("load_units") or None,
            "time_zone": str(form.get("time_zone") or "").strip() or None,
            "language": form.get("language") or None,
        },
    )
    if profile.program_id not in load_programs():  # a page left open while the server's programs changed
        raise FormInvalid([("program_id", N_("Choose a program from the list."))])
    questions = questionnaire().questions
    unanswered = [q.id for q in questions if form.get(f"q-{q.id}") not in ("yes", "no")]
    if unanswered:  # each question says so itself (the service would name them by their ids)
        raise FormInvalid([(f"q-{id}", N_("Answer yes or no.")) for id in unanswered])
    answers = {q.id: form.get(f"q-{q.id}") == "yes" for q in questions}
    athlete_id, _ = create_athlete(ctx.store, profile, answers, now=ctx.clock.now(), user_id=user.id)
    code = str(form.get("code") or "").strip()
    if code:
        accept_invitation(ctx.store, code, athlete_id, now=ctx.clock.now())
    return redirect("/onboarding/baseline")


@router.get("/onboarding/baseline")
def baseline_step(request: Request, athlete: PageAthlete) -> Response:
    return _baseline_page(request, NOTHING_POSTED)


@form_page("/onboarding/baseline")
def _baseline_page(request: Request, posted: Posted) -> Response:
    """Show the advice for every "yes" of the screening, then offer the baseline heel-raise test."""
    ctx = request.app.state.context
    with ctx.store.reader() as uow:
        latest = uow.screenings.latest(request.state.athlete.id)
    answers = latest[1] if latest else {}
    advice = [q for q in questionnaire_in(page_language(request)).questions if answers.get(q.id)]
    today = ctx.clock_for(request.state.athlete).today()
    return render(request, "baseline.html", advice=advice, today=today.isoformat(), posted=posted)


@router.post("/onboarding/baseline")
def record_baseline(
    athlete: PageAthlete,
    ctx: Ctx,
    left: Annotated[float, Form(ge=0, le=1000)],
    right: Annotated[float, Form(ge=0, le=1000)],
) -> Response:
    """Record the baseline single-leg heel-raise test."""
    today = ctx.clock_for(athlete).today()
    result = TestResult(day=today, kind=TestKind.HEEL_RAISE, left=left, right=right, notes="baseline")
    logbook.record_test(ctx.store, athlete.id, result, today=today)
    return redirect("/today")
