"""Coaches' media on the exercise page: the upload and link form, deleting, and serving files (with Range)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import FileResponse, Response

from calfcoach.api.deps import Ctx, RowId
from calfcoach.api.routes.media import folder_of
from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_
from calfcoach.services.exercise_media import add_link, add_upload, delete_media, media_file
from calfcoach.web.templating import PageUser, redirect

router = APIRouter()


@router.post("/exercises/{exercise_id}/media")
def add(
    exercise_id: str,
    user: PageUser,
    ctx: Ctx,
    title: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Add the coach's link, or uploaded file, to the exercise; back to the exercise page."""
    if file is not None and file.filename:
        add_upload(
            ctx.store,
            user,
            exercise_id,
            title=title,
            source=file.file,
            folder=folder_of(ctx),
            now=ctx.clock.now(),
        )
    elif url.strip():
        add_link(ctx.store, user, exercise_id, title=title, url=url, now=ctx.clock.now())
    else:
        raise InputError(
            N_("give a file to upload or a link"),
            where="file",
            hint=N_("choose a video file or paste a link"),
        )
    return redirect(f"/exercises/{exercise_id}")


@router.post("/media/{media_id}/delete")
def delete(media_id: RowId, user: PageUser, ctx: Ctx) -> Response:
    """Delete the coach's media and its file; back to the exercise page."""
    exercise_id = delete_media(ctx.store, user, media_id, folder_of(ctx))
    return redirect(f"/exercises/{exercise_id}")


@router.get("/media/{media_id}")
def serve(media_id: RowId, user: PageUser, ctx: Ctx) -> Response:
    """Serve an uploaded file to those who may see it; FileResponse answers Range requests with 206."""
    found, path = media_file(ctx.store, user, media_id, folder_of(ctx))
    return FileResponse(
        path,
        media_type=found.content_type,
        headers={"cache-control": "private, max-age=3600", "x-content-type-options": "nosniff"},
        content_disposition_type="inline",
    )
