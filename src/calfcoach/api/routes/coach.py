"""A coach and their clients: invitations, the client list with flags, assigning a program."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from calfcoach.api.deps import Ctx, CurrentUser, RowId
from calfcoach.api.errors import error_responses
from calfcoach.api.links import absolute_url
from calfcoach.services import coaching_clients
from calfcoach.services.access import require_own_athlete
from calfcoach.services.views import (
    ClientRow,
    CoachRef,
    InvitationAccepted,
    InvitationView,
    ProgramAssigned,
)

router = APIRouter(tags=["coach"])


class InvitationCode(BaseModel):
    code: Annotated[str, Field(min_length=1, max_length=200)]


class ProgramChoice(BaseModel):
    program_id: Annotated[str, Field(min_length=1, max_length=100)]


@router.post("/coach/invitations", status_code=201, responses=error_responses(403))
def invite(user: CurrentUser, ctx: Ctx, request: Request) -> InvitationView:
    """Make an invitation code (and link) for a new client; it works once, for 14 days."""
    code = coaching_clients.invite(ctx.store, user, now=ctx.clock.now())
    return InvitationView(
        code=code, url=absolute_url(request, request.app.url_path_for("join_page") + f"?code={code}")
    )


@router.get("/coach/clients", responses=error_responses(403))
def clients(user: CurrentUser, ctx: Ctx) -> list[ClientRow]:
    """Return the coach's clients with adherence, pain flags and last activity."""
    return coaching_clients.clients_overview(ctx.store, user, now=ctx.clock.now())


@router.put("/coach/clients/{athlete_id}/program", responses=error_responses(403))
def assign(athlete_id: RowId, body: ProgramChoice, user: CurrentUser, ctx: Ctx) -> ProgramAssigned:
    """Put a client on a program."""
    coaching_clients.assign_program(ctx.store, user, athlete_id, body.program_id)
    return ProgramAssigned(athlete_id=athlete_id, program_id=body.program_id)


@router.post("/invitations/accept", responses=error_responses(404, 409))
def accept(body: InvitationCode, user: CurrentUser, ctx: Ctx) -> InvitationAccepted:
    """Accept a coach's invitation: that coach then sees your plan, logs, tests and pain."""
    athlete = require_own_athlete(ctx.store, user)
    coach = coaching_clients.accept_invitation(ctx.store, body.code, athlete.id, now=ctx.clock.now())
    return InvitationAccepted(coach=CoachRef(id=coach.id, email=coach.email), athlete_id=athlete.id)
