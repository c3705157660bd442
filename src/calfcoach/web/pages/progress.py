"""Progress charts (the Vega-Lite specs of calfcoach.charts, drawn by vega-embed) and the printable report."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx, RowId
from calfcoach.services import coaching_clients
from calfcoach.services.access import (
    COACH_ROLES,
    own_athlete,
    profile_and_history,
    require_coach,
    visible_athlete,
)
from calfcoach.services.progress import CHART_TITLES, chart_specs, report_view
from calfcoach.store.records import Athlete, Role
from calfcoach.web.language import page_language
from calfcoach.web.templating import OnboardingRequired, PageAthlete, PageUser, render

router = APIRouter()


@router.get("/progress")
def progress(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    profile, history = profile_and_history(ctx.store, athlete.id)
    charts = chart_specs(
        profile, history, today=ctx.clock_for(athlete).today(), language=page_language(request)
    )
    return render(request, "progress.html", charts=charts, titles=CHART_TITLES)


@router.get("/report")
def report(request: Request, user: PageUser, ctx: Ctx) -> Response:
    """The account's own report. A coach with no training of their own is told where the clients'
    reports are (onboarding is not what they came for); anyone else without a profile is sent to it."""
    athlete = own_athlete(ctx.store, user)
    if athlete is None:
        if user.role not in COACH_ROLES:
            raise OnboardingRequired("complete your profile first")
        return render(
            request,
            "report_none.html",
            clients=coaching_clients.clients(ctx.store, user),
            may_train=user.role is not Role.COACH,
        )
    request.state.athlete = athlete  # the menu needs to know; saves reading it again
    return _report_page(request, ctx, athlete, back=None)


@router.get("/coach/clients/{athlete_id}/report")
def client_report(request: Request, athlete_id: RowId, user: PageUser, ctx: Ctx) -> Response:
    """A client's printable report, for their coach only: the same checks as the client's page."""
    require_coach(user)
    athlete = visible_athlete(ctx.store, user, athlete_id)
    return _report_page(request, ctx, athlete, back=f"/coach/clients/{athlete.id}")


def _report_page(request: Request, ctx: Ctx, athlete: Athlete, *, back: str | None) -> Response:
    profile, history = profile_and_history(ctx.store, athlete.id)
    return render(
        request,
        "report.html",
        report=report_view(
            profile, history, today=ctx.clock_for(athlete).today(), language=page_language(request)
        ),
        titles=CHART_TITLES,
        back=back,
        units=profile.preferred_units,  # the athlete's, for their coach too, as the charts are
    )
