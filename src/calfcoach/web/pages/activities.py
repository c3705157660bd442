"""Activities: upload recordings by drag and drop (with progress), list them, and a page for each one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx, RowId
from calfcoach.charts.track import tiles_under
from calfcoach.domain import upload_limits
from calfcoach.i18n import N_
from calfcoach.services.access import visible_athlete
from calfcoach.services.activities import list_activities
from calfcoach.services.activity_page import ActivityPage, activity_page
from calfcoach.web.body_limit import ACTIVITY_UPLOAD
from calfcoach.web.map_tiles import MapTiles
from calfcoach.web.templating import PageAthlete, PageUser, render

router = APIRouter()


@router.get("/activities")
def activities(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    items = list(reversed(list_activities(ctx.store, athlete.id)))
    # The page refuses a file over the limit before sending it, in the words the server would use.
    allowed = ACTIVITY_UPLOAD.limit()
    limit = {"bytes": allowed, "text": upload_limits.megabytes(allowed), "hint": ACTIVITY_UPLOAD.hint}
    return render(request, "activities.html", athlete=athlete, items=items, limit=limit)


@router.get("/activities/{activity_id}")
def activity(request: Request, activity_id: str, athlete: PageAthlete, ctx: Ctx) -> Response:
    """One of the person's own activities (another person's id is not found)."""
    page = activity_page(ctx.store, athlete.id, activity_id)
    back = ("/activities", N_("Activities"))
    return render(request, "activity.html", page=page, map=_map(request, page), back=back, units=page.units)


@router.get("/coach/clients/{athlete_id}/activities/{activity_id}")
def client_activity(
    request: Request, athlete_id: RowId, activity_id: str, user: PageUser, ctx: Ctx
) -> Response:
    """A client's activity, for the coach who follows them (as the API allows); anyone else gets not found."""
    athlete = visible_athlete(ctx.store, user, athlete_id)
    page = activity_page(ctx.store, athlete.id, activity_id)
    back = (f"/coach/clients/{athlete.id}", athlete.profile.name)
    return render(
        request,
        "activity.html",
        page=page,
        map=_map(request, page),
        back=back,
        client=athlete,
        units=page.units,
    )


def _map(request: Request, page: ActivityPage) -> dict[str, Any] | None:
    """The tiles under the route and their credit, when a tile server is configured (web/map_tiles.py)."""
    tiles: MapTiles | None = request.app.state.map_tiles
    if tiles is None or page.track is None:
        return None
    placed = [{"url": tiles.url(t), "place": t} for t in tiles_under(page.track)]
    return {"tiles": placed, "attribution": tiles.attribution}
