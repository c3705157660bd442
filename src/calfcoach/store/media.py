"""The repository of coaches' exercise media (links, and the records of uploaded files)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from calfcoach.domain.base import Value
from calfcoach.store.models import CoachClientRow, ExerciseMediaRow

MediaKind = Literal["file", "link"]


class ExerciseMedia(Value):
    """One piece of a coach's media for an exercise: a stored file (file_name) or a link (url)."""

    id: int
    owner_user_id: int
    exercise_id: str
    kind: MediaKind
    title: str
    url: str | None = None
    file_name: str | None = None
    content_type: str | None = None
    size_bytes: int | None = None
    created_at: dt.datetime


def _media(row: ExerciseMediaRow) -> ExerciseMedia:
    return ExerciseMedia(
        id=row.id,
        owner_user_id=row.owner_user_id,
        exercise_id=row.exercise_id,
        kind="file" if row.kind == "file" else "link",
        title=row.title,
        url=row.url,
        file_name=row.file_name,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        created_at=row.created_at,
    )


class ExerciseMediaRepository:
    """Coaches' media for exercises, and who may see it (the owner, the owner's clients)."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(
        self,
        *,
        owner_user_id: int,
        exercise_id: str,
        kind: MediaKind,
        title: str,
        now: dt.datetime,
        url: str | None = None,
        file_name: str | None = None,
        content_type: str | None = None,
        size_bytes: int | None = None,
    ) -> ExerciseMedia:
        """Record a new piece of media and return it with its id."""
        row = ExerciseMediaRow(
            owner_user_id=owner_user_id,
            exercise_id=exercise_id,
            kind=kind,
            title=title,
            url=url,
            file_name=file_name,
            content_type=content_type,
            size_bytes=size_bytes,
            created_at=now,
        )
        self._db.add(row)
        self._db.flush()
        return _media(row)

    def get(self, media_id: int) -> ExerciseMedia | None:
        """Return one piece of media, or None."""
        row = self._db.get(ExerciseMediaRow, media_id)
        return None if row is None else _media(row)

    def for_exercise(
        self, exercise_id: str, *, viewer_user_id: int, athlete_id: int | None, everyone: bool = False
    ) -> list[ExerciseMedia]:
        """Return the exercise's media a viewer may see: their own and their coaches' (all for `everyone`)."""
        query = select(ExerciseMediaRow).where(ExerciseMediaRow.exercise_id == exercise_id)
        if not everyone:
            coaches = select(CoachClientRow.coach_user_id).where(CoachClientRow.athlete_id == athlete_id)
            query = query.where(
                or_(
                    ExerciseMediaRow.owner_user_id == viewer_user_id,
                    ExerciseMediaRow.owner_user_id.in_(coaches),
                )
            )
        rows = self._db.scalars(query.order_by(ExerciseMediaRow.created_at, ExerciseMediaRow.id))
        return [_media(row) for row in rows]

    def count_of(self, owner_user_id: int) -> int:
        """Return how many pieces of media (files and links) an account added."""
        found = select(func.count(ExerciseMediaRow.id)).where(ExerciseMediaRow.owner_user_id == owner_user_id)
        return self._db.scalar(found) or 0

    def files_of(self, owner_user_id: int) -> list[str]:
        """Return the names of the files an account uploaded (in the media folder)."""
        rows = self._db.scalars(
            select(ExerciseMediaRow.file_name).where(
                ExerciseMediaRow.owner_user_id == owner_user_id, ExerciseMediaRow.file_name.is_not(None)
            )
        )
        return [name for name in rows if name is not None]

    def remove(self, media_id: int) -> None:
        """Forget one piece of media (its file is the service's to delete)."""
        row = self._db.get(ExerciseMediaRow, media_id)
        if row is not None:
            self._db.delete(row)
            self._db.flush()
