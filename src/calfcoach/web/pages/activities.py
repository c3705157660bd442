"""Activities: upload recordings by drag and drop (with progress) and list what was imported."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.api.deps import Ctx
from calfcoach.domain import upload_limits
from calfcoach.services.activities import list_activities
from calfcoach.web.body_limit import ACTIVITY_UPLOAD
from calfcoach.web.templating import PageAthlete, render

router = APIRouter()


@router.get("/activities")
def activities(request: Request, athlete: PageAthlete, ctx: Ctx) -> Response:
    items = list(reversed(list_activities(ctx.store, athlete.id)))
    # The page refuses a file over the limit before sending it, in the words the server would use.
    allowed = ACTIVITY_UPLOAD.limit()
    limit = {"bytes": allowed, "text": upload_limits.megabytes(allowed), "hint": ACTIVITY_UPLOAD.hint}
    return render(request, "activities.html", athlete=athlete, items=items, limit=limit)
