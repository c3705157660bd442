"""Safety: what is open (red flags, a referral), clinicians' clearances, and taking the screening again.

A coach reads a client's safety and clearances; only the athlete records their own clearance or screening
(a coach asking gets 403; anyone else 404, as for every athlete route).
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from calfcoach.api.bodies import Day, ScreeningAnswers
from calfcoach.api.deps import Ctx, CurrentUser, VisibleAthlete
from calfcoach.api.errors import error_responses
from calfcoach.domain.log import Clearance
from calfcoach.i18n import N_
from calfcoach.services import safety
from calfcoach.services.access import require_own_athlete, require_self
from calfcoach.services.views import ClearanceRecorded, Rescreened, SafetyBlock
from calfcoach.store.records import Athlete, ClearanceRecord

router = APIRouter(tags=["safety"])


class Rescreening(BaseModel):
    """The answer to every screening question (true = yes), as at onboarding."""

    screening: ScreeningAnswers


@router.get("/athletes/{athlete_id}/safety")
def safety_of(athlete: VisibleAthlete, ctx: Ctx, day: Day = None) -> SafetyBlock:
    """Return whether the athlete may train today (or on `day`): mode, open flags, advice, last clearance."""
    return safety.safety_view(safety.safety_for(ctx.store, athlete.id, day or ctx.clock_for(athlete).today()))


@router.get("/athletes/{athlete_id}/clearances")
def clearances(athlete: VisibleAthlete, ctx: Ctx) -> list[ClearanceRecord]:
    """Return every clearance the athlete recorded, newest first, with when it was recorded."""
    with ctx.store.reader() as uow:
        found = uow.clearances.records(athlete.id)
    return list(reversed(found))


@router.post("/athletes/{athlete_id}/clearances", status_code=201, responses=error_responses(403))
def record_clearance(
    body: Clearance, athlete: VisibleAthlete, user: CurrentUser, ctx: Ctx
) -> ClearanceRecorded:
    """Record that a clinician saw the athlete and cleared them (the athlete's own account only)."""
    require_self(user, athlete, N_("clearance"))
    return _clear(ctx, athlete, body)


@router.post("/me/clearances", status_code=201, responses=error_responses(404))
def record_own_clearance(body: Clearance, user: CurrentUser, ctx: Ctx) -> ClearanceRecorded:
    """Record that a clinician saw you and cleared you; the answer says what is still open."""
    return _clear(ctx, require_own_athlete(ctx.store, user), body)


@router.post("/athletes/{athlete_id}/screenings", status_code=201, responses=error_responses(403))
def rescreen(body: Rescreening, athlete: VisibleAthlete, user: CurrentUser, ctx: Ctx) -> Rescreened:
    """Take the screening again (the athlete's own account only; every question answered)."""
    require_self(user, athlete, N_("screening"))
    return safety.rescreen(ctx.store, athlete.id, body.screening, now=ctx.clock.now())


@router.post("/me/screening", status_code=201, responses=error_responses(404))
def rescreen_own(body: Rescreening, user: CurrentUser, ctx: Ctx) -> Rescreened:
    """Take the screening again: each "yes" brings its advice and opens its flag until a clearance."""
    athlete = require_own_athlete(ctx.store, user)
    return safety.rescreen(ctx.store, athlete.id, body.screening, now=ctx.clock.now())


def _clear(ctx: Ctx, athlete: Athlete, clearance: Clearance) -> ClearanceRecorded:
    # The instant it is recorded at, whatever the body says, in the athlete's zone (its date is their today).
    moment = ctx.clock_for(athlete).now()
    status = safety.record_clearance(ctx.store, athlete.id, clearance, today=moment.date(), now=moment)
    recorded = clearance.model_copy(update={"recorded_at": moment})
    return ClearanceRecorded(clearance=recorded, safety=safety.safety_view(status))
