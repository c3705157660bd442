"""A coach and their clients: invitations, the client list with flags, assigning a program."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from calfcoach.api.deps import Ctx, CurrentUser, RowId
from calfcoach.api.errors import error_responses
from calfcoach.api.links import absolute_url
from calfcoach.i18n import negotiate
from calfcoach.services import coaching_clients, weekly_summary
from calfcoach.services.access import require_own_athlete
from calfcoach.services.mail import mail_settings
from calfcoach.services.views import (
    ClientRow,
    CoachRef,
    InvitationAccepted,
    InvitationView,
    ProgramAssigned,
    WeeklySummarySetting,
)

router = APIRouter(tags=["coach"])


class InvitationCode(BaseModel):
    code: Annotated[str, Field(min_length=1, max_length=200)]


class ProgramChoice(BaseModel):
    program_id: Annotated[str, Field(min_length=1, max_length=100)]


class InvitationRequest(BaseModel):
    email: Annotated[
        str | None,
        Field(
            max_length=320,
            description="the client's address: the link is e-mailed to it when the server sends e-mail",
        ),
    ] = None


@router.post("/coach/invitations", status_code=201, responses=error_responses(403, 422, 429))
def invite(
    user: CurrentUser, ctx: Ctx, request: Request, body: InvitationRequest | None = None
) -> InvitationView:
    """Make an invitation code (and link) for a new client; it works once, for 14 days.

    With an `email`, the link is e-mailed there: `sent` says whether it went out, and `not_sent` why not
    (no SMTP server configured, or it refused); the link works either way. 429 past the hourly limit.
    """

    def link_for(code: str) -> str:
        return absolute_url(request, request.app.url_path_for("join_page") + f"?code={code}")

    if body is not None and body.email is not None:
        return coaching_clients.invite_by_email(
            ctx.store,
            mail_settings(),
            user,
            body.email,
            link_for=link_for,
            now=ctx.clock.now(),
            language=negotiate(request.headers.get("accept-language")),
        )
    code = coaching_clients.invite(ctx.store, user, now=ctx.clock.now())
    return InvitationView(code=code, url=link_for(code))


@router.get("/coach/weekly-summary", responses=error_responses(403))
def weekly_summary_setting(user: CurrentUser, ctx: Ctx) -> WeeklySummarySetting:
    """Whether the coach gets the weekly summary by e-mail (`calfcoach mail weekly-summary` sends it)."""
    return WeeklySummarySetting(enabled=weekly_summary.is_enabled(ctx.store, user))


@router.put("/coach/weekly-summary", responses=error_responses(403))
def switch_weekly_summary(body: WeeklySummarySetting, user: CurrentUser, ctx: Ctx) -> WeeklySummarySetting:
    """Switch the weekly summary by e-mail on or off."""
    weekly_summary.set_enabled(ctx.store, user, body.enabled)
    return WeeklySummarySetting(enabled=body.enabled)


@router.get("/coach/clients", response_model=list[ClientRow], responses=error_responses(403))
def clients(request: Request, user: CurrentUser, ctx: Ctx) -> Response:
    """Return the coach's clients with adherence, pain flags and last activity.

    The pain flags and the safety advice are in the coach's words ("above their usual 1/10") and language:
    their own athlete profile's if they have one, else the request's Accept-Language.
    """
    board = coaching_clients.dashboard(
        ctx.store,
        user,
        now=ctx.clock.now(),
        language=negotiate(request.headers.get("accept-language")),
        cache=ctx.clients,
    )
    # Each row's JSON is kept with the row: the answer is joined, not validated and serialized again.
    return Response(board.json(), media_type="application/json")


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
