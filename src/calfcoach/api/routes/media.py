"""Coaches' own media for an exercise: list, add a link, upload a file, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile
from pydantic import BaseModel, Field

from calfcoach.api.deps import AppContext, Ctx, CurrentUser, RowId
from calfcoach.api.errors import error_responses
from calfcoach.services.exercise_media import (
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    add_link,
    add_upload,
    delete_media,
    get_media,
    media_folder,
    visible_media,
)
from calfcoach.services.views import MediaView
from calfcoach.store.media import ExerciseMedia

router = APIRouter(tags=["media"])


class LinkIn(BaseModel):
    """A link to a video elsewhere (http or https)."""

    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    url: str = Field(min_length=1, max_length=MAX_URL_CHARS)


def folder_of(ctx: AppContext) -> Path:
    """Return the folder uploaded media is kept in."""
    return ctx.media_dir or media_folder(ctx.store)


def as_json(media: ExerciseMedia) -> MediaView:
    """Return media as the API shows it: with the address its file is served at."""
    return MediaView(
        **media.model_dump(exclude={"file_name"}),
        file_url=f"/media/{media.id}" if media.kind == "file" else None,
    )


@router.get("/exercises/{exercise_id}/media")
def list_media(exercise_id: str, user: CurrentUser, ctx: Ctx) -> list[MediaView]:
    """Return the exercise's media this account may see (its own, its coaches', all for admins)."""
    return [as_json(m) for m in visible_media(ctx.store, user, exercise_id)]


@router.post("/exercises/{exercise_id}/media/links", status_code=201, responses=error_responses(403))
def new_link(exercise_id: str, link: LinkIn, user: CurrentUser, ctx: Ctx) -> MediaView:
    """Add a link to an exercise (coaches and admins)."""
    added = add_link(ctx.store, user, exercise_id, title=link.title, url=link.url, now=ctx.clock.now())
    return as_json(added)


@router.post("/exercises/{exercise_id}/media/files", status_code=201, responses=error_responses(403))
def upload(
    exercise_id: str,
    file: Annotated[UploadFile, File()],
    title: Annotated[str, Form(min_length=1, max_length=MAX_TITLE_CHARS)],
    user: CurrentUser,
    ctx: Ctx,
) -> MediaView:
    """Upload a video (MP4, MOV, WebM) or image (GIF, PNG, JPEG) for an exercise; at most 200 MB."""
    added = add_upload(
        ctx.store,
        user,
        exercise_id,
        title=title,
        source=file.file,
        folder=folder_of(ctx),
        now=ctx.clock.now(),
    )
    return as_json(added)


@router.get("/exercises/{exercise_id}/media/{media_id}")
def one(exercise_id: str, media_id: RowId, user: CurrentUser, ctx: Ctx) -> MediaView:
    """Return one piece of media this account may see."""
    return as_json(get_media(ctx.store, user, media_id, exercise_id=exercise_id))


@router.delete("/exercises/{exercise_id}/media/{media_id}", status_code=204)
def remove(exercise_id: str, media_id: RowId, user: CurrentUser, ctx: Ctx) -> Response:
    """Delete a piece of media (its coach or an admin) and its file."""
    delete_media(ctx.store, user, media_id, folder_of(ctx), exercise_id=exercise_id)
    return Response(status_code=204)
