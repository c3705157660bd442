"""Progress charts (the Vega-Lite specs of calfcoach.charts, drawn by vega-embed) and the printable report."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.services.access import profile_and_history
from calfcoach.services.progress import CHART_TITLES, chart_specs, report_view
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()


@router.get("/progress")
def progress(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    profile, history = profile_and_history(ctx.store, athlete.id)
    charts = chart_specs(profile, history, today=ctx.clock.today())
    return render(request, "progress.html", charts=charts, titles=CHART_TITLES)


@router.get("/report")
def report(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    profile, history = profile_and_history(ctx.store, athlete.id)
    return render(
        request,
        "report.html",
        report=report_view(profile, history, today=ctx.clock.today()),
        titles=CHART_TITLES,
    )
