"""An athlete's profile, today's prescription, the plan and its calendar, charts and the report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from calfcoach.api.bodies import Day
from calfcoach.api.deps import Ctx, VisibleAthlete
from calfcoach.api.links import absolute_url
from calfcoach.domain.profile import Profile
from calfcoach.library.translations import catalog_in
from calfcoach.services.access import history_of
from calfcoach.services.athletes import update_profile
from calfcoach.services.calendar_feed import calendar_view, new_feed_token
from calfcoach.services.coaching import plan_for
from calfcoach.services.progress import chart_specs, report_view
from calfcoach.services.render import plan_view
from calfcoach.services.views import (
    CalendarView,
    Charts,
    FeedLink,
    PlanView,
    ProfileView,
    ReportView,
    TodayView,
)

router = APIRouter(prefix="/athletes/{athlete_id}", tags=["athletes"])

Weeks = Annotated[int, Query(ge=1, le=26)]


@router.get("")
def profile(athlete: VisibleAthlete) -> ProfileView:
    """Return the athlete's profile."""
    return ProfileView(id=athlete.id, profile=athlete.profile)


@router.put("")
def change_profile(body: Profile, athlete: VisibleAthlete, ctx: Ctx) -> ProfileView:
    """Replace the athlete's profile (program, training days, equipment...)."""
    update_profile(ctx.store, athlete.id, body)
    return ProfileView(id=athlete.id, profile=body)


@router.get("/today", response_model=TodayView)
async def today(athlete: VisibleAthlete, ctx: Ctx, day: Day = None) -> Response:
    """Return what to do today (or on `day`): the session with reasons, the phase, pain advice."""
    # A kept answer is sent from the event loop; computing one replays the history, in a thread.
    when = day or ctx.clock_for(athlete).today()
    answer = ctx.today.kept(athlete, when)
    if answer is None:
        answer = await run_in_threadpool(ctx.today.answer, ctx.store, athlete, when)
    return Response(answer.body, media_type="application/json")


@router.get("/plan")
def plan(athlete: VisibleAthlete, ctx: Ctx, weeks: Weeks = 4, start: Day = None) -> PlanView:
    """Return the plan for the coming weeks."""
    found, history = athlete.profile, history_of(ctx.store, athlete.id)
    chosen = plan_for(found, history, weeks=weeks, start=start or ctx.clock_for(athlete).today())
    return plan_view(chosen, catalog_in(found.language), found.preferred_units, found.language)


@router.get("/calendar")
def calendar(athlete: VisibleAthlete, ctx: Ctx, weeks: Weeks = 4) -> CalendarView:
    """Return the plan as weeks of days from this Monday."""
    found, history = athlete.profile, history_of(ctx.store, athlete.id)
    return calendar_view(found, history, today=ctx.clock_for(athlete).today(), weeks=weeks)


@router.post("/calendar-feed", status_code=201)
def calendar_feed(athlete: VisibleAthlete, ctx: Ctx, request: Request) -> FeedLink:
    """Make a new private iCalendar subscription URL (the previous one stops working)."""
    token = new_feed_token(ctx.store, athlete.id, now=ctx.clock.now())
    return FeedLink(url=absolute_url(request, request.app.url_path_for("calendar_feed_ics", token=token)))


@router.get("/charts")
def charts(athlete: VisibleAthlete, ctx: Ctx) -> Charts:
    """Return the progress charts as Vega-Lite specifications, by name."""
    found, history = athlete.profile, history_of(ctx.store, athlete.id)
    return Charts(chart_specs(found, history, today=ctx.clock_for(athlete).today()))


@router.get("/report")
def report(athlete: VisibleAthlete, ctx: Ctx) -> ReportView:
    """Return the progress report (the printable page's content)."""
    found, history = athlete.profile, history_of(ctx.store, athlete.id)
    return report_view(found, history, today=ctx.clock_for(athlete).today())
