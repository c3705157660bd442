"""The signed-in account: who it is, its athlete profile (onboarding), the screening questions."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from calfcoach.api.bodies import ScreeningAnswers
from calfcoach.api.deps import Ctx, CurrentUser
from calfcoach.api.errors import error_responses
from calfcoach.api.routes.auth import user_json
from calfcoach.domain.errors import ConflictError
from calfcoach.domain.profile import Profile
from calfcoach.domain.screening import Questionnaire
from calfcoach.services.access import own_athlete
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.services.views import Me, Onboarded

router = APIRouter(tags=["profile"])


class Onboarding(BaseModel):
    """A new athlete profile with the answers to every screening question (true = yes)."""

    profile: Profile
    screening: ScreeningAnswers


@router.get("/me")
def me(user: CurrentUser, ctx: Ctx) -> Me:
    """Return the account and its athlete id (null before onboarding)."""
    found = own_athlete(ctx.store, user)
    return Me(user=user_json(user), athlete_id=None if found is None else found.id)


@router.get("/screening")
def screening() -> Questionnaire:
    """Return the screening questions asked before anyone starts."""
    return questionnaire()


@router.post("/me/athlete", status_code=201, responses=error_responses(409))
def onboard(body: Onboarding, user: CurrentUser, ctx: Ctx) -> Onboarded:
    """Create this account's athlete profile with its screening; the advice for each "yes" comes back."""
    if own_athlete(ctx.store, user) is not None:
        raise ConflictError(
            "this account already has an athlete profile", hint="change it with PUT /athletes/{id}"
        )
    athlete_id, outcome = create_athlete(
        ctx.store, body.profile, body.screening, now=ctx.clock.now(), user_id=user.id
    )
    return Onboarded(athlete_id=athlete_id, screening=outcome)
