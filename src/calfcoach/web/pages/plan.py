"""The plan as a calendar, with a private iCalendar subscription URL."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.api.links import absolute_url
from calfcoach.domain.errors import NotFoundError
from calfcoach.i18n import N_
from calfcoach.services.access import profile_and_history
from calfcoach.services.calendar_feed import athlete_for_feed, calendar_view, ical_feed, new_feed_token
from calfcoach.services.clock import in_zone
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()


@router.get("/plan")
def plan(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    profile, history = profile_and_history(ctx.store, athlete.id)
    view = calendar_view(profile, history, today=ctx.clock_for(athlete).today(), weeks=4)
    return render(request, "plan.html", view=view, feed_url=None)


@router.post("/plan/feed")
def make_feed(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    """Make a new subscription URL and show it (the old one stops working)."""
    token = new_feed_token(ctx.store, athlete.id, now=ctx.clock.now())
    profile, history = profile_and_history(ctx.store, athlete.id)
    view = calendar_view(profile, history, today=ctx.clock_for(athlete).today(), weeks=4)
    feed_url = absolute_url(request, request.app.url_path_for("calendar_feed_ics", token=token))
    return render(request, "plan.html", view=view, feed_url=feed_url)


@router.get("/calendar/{token}.ics", name="calendar_feed_ics")
def feed(token: str, ctx: Ctx) -> Response:
    """The iCalendar feed: the token in the URL is the only key, so it needs no sign-in."""
    athlete_id = athlete_for_feed(ctx.store, token)
    if athlete_id is None:
        raise NotFoundError(N_("no calendar at this address (it may have been replaced)"))
    profile, history = profile_and_history(ctx.store, athlete_id)
    body = ical_feed(
        athlete_id, profile, history, today=in_zone(ctx.clock, profile.zone).today(), now=ctx.clock.now()
    )
    return Response(body, media_type="text/calendar; charset=utf-8")
