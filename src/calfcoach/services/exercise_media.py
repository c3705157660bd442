"""Coaches' own media for exercises: links and uploaded files, checked, stored and shown to their clients.

Files are recognised by their first bytes (never by name or the browser's content type), copied to the
media folder in chunks while counting (a file over the limit is refused and nothing is left behind), and
stored under a generated name. Who sees a piece of media: the coach who added it, their clients, admins;
everyone else is told it does not exist.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from calfcoach.domain import upload_limits
from calfcoach.domain.database_url import default_database_path
from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.upload_limits import TooLargeError, megabytes
from calfcoach.i18n import N_
from calfcoach.library.catalog import load_catalog
from calfcoach.services.access import require_coach
from calfcoach.store.media import ExerciseMedia
from calfcoach.store.records import Role, User
from calfcoach.store.store import Store

CHUNK_BYTES = 1024 * 1024
MAX_TITLE_CHARS = 200
MAX_URL_CHARS = 2000
TOO_LARGE_HINT = N_("shorten or compress the video, or add it as a link")
SUFFIXES = {
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "video/webm": ".webm",
    "image/gif": ".gif",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}


# Several app servers on one PostgreSQL must see the same uploaded files: point them all at one shared
# folder (a network file system or a mounted bucket), as docs/deploy.md shows.
ENV_MEDIA_DIR = "CALFCOACH_MEDIA_DIR"


def media_folder(store: Store) -> Path:
    """Return the media folder: CALFCOACH_MEDIA_DIR when set (a folder every server of a clinic shares),
    else the folder next to the database (the data folder when the database is a server)."""
    configured = os.environ.get(ENV_MEDIA_DIR, "").strip()
    if configured:
        return Path(configured)
    database = store.sqlite_file or default_database_path()
    return database.parent / "media"


def sniff(head: bytes) -> str | None:
    """Return the content type the first bytes of a file show (MP4/MOV, WebM, GIF, PNG, JPEG), or None."""
    # An ISO media file opens with its small `ftyp` box: a 4-byte size (under 64 KiB, so two zero bytes).
    if head[:2] == b"\x00\x00" and head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:10] == b"qt" else "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # the EBML header of WebM and Matroska
        return "video/webm"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def _require_exercise(exercise_id: str) -> None:
    if exercise_id not in load_catalog():
        raise NotFoundError(N_("no exercise {id} in the library"), id=repr(exercise_id))


def _title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned or len(cleaned) > MAX_TITLE_CHARS:
        raise InputError(
            N_("the title must have 1 to {most} characters"),
            where="title",
            hint=N_("name the media"),
            most=MAX_TITLE_CHARS,
        )
    return cleaned


def add_link(
    store: Store, user: User, exercise_id: str, *, title: str, url: str, now: dt.datetime
) -> ExerciseMedia:
    """Add a coach's link (http or https only) to an exercise."""
    require_coach(user)
    _require_exercise(exercise_id)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > MAX_URL_CHARS:
        raise InputError(
            N_("{url} is not a web address"),
            where="url",
            hint=N_("give a full http:// or https:// address"),
            url=repr(url[:80]),
        )
    with store.unit_of_work() as uow:
        added = uow.media.add(
            owner_user_id=user.id,
            exercise_id=exercise_id,
            kind="link",
            title=_title(title),
            url=url.strip(),
            now=now,
        )
        uow.commit()
    return added


def _copy_limited(source: BinaryIO, target: Path, first: bytes, max_bytes: int) -> int:
    size = len(first)
    with target.open("xb") as out:
        out.write(first)
        while chunk := source.read(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise TooLargeError(
                    N_("the file is larger than {limit}"),
                    where="file",
                    hint=TOO_LARGE_HINT,
                    limit=megabytes(max_bytes),
                )
            out.write(chunk)
    return size


def add_upload(
    store: Store,
    user: User,
    exercise_id: str,
    *,
    title: str,
    source: BinaryIO,
    folder: Path,
    now: dt.datetime,
    max_bytes: int | None = None,
) -> ExerciseMedia:
    """Check and store a coach's uploaded file for an exercise; nothing stays behind if it is refused."""
    require_coach(user)
    _require_exercise(exercise_id)
    limit = upload_limits.MEDIA_UPLOAD_BYTES if max_bytes is None else max_bytes  # read now: tests lower it
    clean_title = _title(title)
    head = source.read(16)
    content_type = sniff(head)
    if content_type is None:
        raise InputError(
            N_("the file is not a video (MP4, MOV, WebM) or an image (GIF, PNG, JPEG)"),
            where="file",
            hint=N_("upload the video file itself, or add it as a link"),
        )
    if len(head) > limit:
        raise TooLargeError(
            N_("the file is larger than {limit}"), where="file", hint=TOO_LARGE_HINT, limit=megabytes(limit)
        )
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + SUFFIXES[content_type]
    target = folder / name
    try:
        size = _copy_limited(source, target, head, limit)
        with store.unit_of_work() as uow:
            added = uow.media.add(
                owner_user_id=user.id,
                exercise_id=exercise_id,
                kind="file",
                title=clean_title,
                file_name=name,
                content_type=content_type,
                size_bytes=size,
                now=now,
            )
            uow.commit()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return added


def _may_see(store: Store, user: User, media: ExerciseMedia) -> bool:
    if user.role is Role.ADMIN or media.owner_user_id == user.id:
        return True
    with store.reader() as uow:
        athlete = uow.athletes.by_user(user.id)
        return athlete is not None and uow.coaching.follows(media.owner_user_id, athlete.id)


def visible_media(store: Store, user: User, exercise_id: str) -> list[ExerciseMedia]:
    """Return the exercise's media this account may see, oldest first."""
    with store.reader() as uow:
        athlete = uow.athletes.by_user(user.id)
        return uow.media.for_exercise(
            exercise_id,
            viewer_user_id=user.id,
            athlete_id=None if athlete is None else athlete.id,
            everyone=user.role is Role.ADMIN,
        )


def get_media(store: Store, user: User, media_id: int, *, exercise_id: str | None = None) -> ExerciseMedia:
    """Return one piece of media this account may see (of this exercise, if given); else not found."""
    with store.reader() as uow:
        found = uow.media.get(media_id)
    if (
        found is None
        or (exercise_id is not None and found.exercise_id != exercise_id)
        or not _may_see(store, user, found)
    ):
        raise NotFoundError(N_("no media with id {id}"), id=media_id)
    return found


def media_file(store: Store, user: User, media_id: int, folder: Path) -> tuple[ExerciseMedia, Path]:
    """Return an uploaded file this account may see, and where it is stored."""
    found = get_media(store, user, media_id)
    if found.file_name is None:
        raise NotFoundError(N_("media {id} is a link, not a file"), id=media_id)
    path = folder / found.file_name
    if not path.is_file():
        raise NotFoundError(
            N_("the file of media {id} is missing from {folder}"), id=media_id, folder=str(folder)
        )
    return found, path


def delete_media(
    store: Store, user: User, media_id: int, folder: Path, *, exercise_id: str | None = None
) -> str:
    """Delete a piece of media (its owner or an admin) and its file; return its exercise's id."""
    found = get_media(store, user, media_id, exercise_id=exercise_id)
    if found.owner_user_id != user.id and user.role is not Role.ADMIN:
        raise NotFoundError(N_("no media with id {id} of yours"), id=media_id)
    with store.unit_of_work() as uow:
        uow.media.remove(media_id)
        uow.commit()
    if found.file_name is not None:
        (folder / found.file_name).unlink(missing_ok=True)
    return found.exercise_id
