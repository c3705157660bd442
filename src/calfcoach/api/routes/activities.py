"""Activities: upload a recording (GPX, TCX, FIT or an export zip), list them, one in detail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from starlette.concurrency import run_in_threadpool

from calfcoach.api.deps import Ctx, VisibleAthlete
from calfcoach.services import activities
from calfcoach.services.import_notes import report_in
from calfcoach.services.views import ActivityDetail, ActivityView, ImportReportView

router = APIRouter(prefix="/athletes/{athlete_id}", tags=["activities"])


@router.post("/activities", status_code=201)
async def upload(file: Annotated[UploadFile, File()], athlete: VisibleAthlete, ctx: Ctx) -> ImportReportView:
    """Import a recording; the report says what was added, what was already there, and what was refused.

    The body's size was checked before it was spooled (web/body_limit.py, ACTIVITY_UPLOAD_BYTES); the
    spooled file is read by the importer as a stream, never whole into memory.
    """
    # Parsing a recording takes CPU time: off the event loop, like any sync handler.
    report = await run_in_threadpool(
        activities.import_upload,
        ctx.store,
        athlete.id,
        file.file,
        file.filename or "upload",
        today=ctx.clock_for(athlete).today(),
        on_progress=ctx.on_import,
    )
    # The English stays for clients that read it; the upload page shows what is said in the athlete's
    # language.
    return report_in(report.view(), athlete.profile.language)


@router.get("/activities")
def list_all(athlete: VisibleAthlete, ctx: Ctx) -> list[ActivityView]:
    """Return the athlete's activities, oldest first, without their tracks."""
    return activities.list_activities(ctx.store, athlete.id)


@router.get("/activities/{activity_id}")
def detail(activity_id: str, athlete: VisibleAthlete, ctx: Ctx) -> ActivityDetail:
    """Return one activity: summary, kilometre splits, elevation profile, the session it counted as."""
    return activities.activity_detail(ctx.store, athlete.id, activity_id)
