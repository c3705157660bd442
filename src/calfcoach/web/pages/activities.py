"""Activities: upload recordings by drag and drop (with progress) and list what was imported."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.services.activities import list_activities
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()


@router.get("/activities")
def activities(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    items = list(reversed(list_activities(ctx.store, athlete.id)))
    return render(request, "activities.html", athlete=athlete, items=items)
