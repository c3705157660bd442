"""The activity repository: imported recordings, stored once however many times the same file comes in."""

from __future__ import annotations

import datetime as dt
import zlib

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_
from calfcoach.store.logbook import require_athlete
from calfcoach.store.models import ActivityRow
from calfcoach.store.records import Activity, AddedActivity


def _activity(row: ActivityRow, *, with_track: bool) -> Activity:
    return Activity(
        id=row.id,
        sport=row.sport,
        start_time=row.start_time,
        distance_m=row.distance_m,
        elapsed_s=row.elapsed_s,
        moving_s=row.moving_s,
        elevation_gain_m=row.elevation_gain_m,
        elevation_loss_m=row.elevation_loss_m,
        avg_speed_mps=row.avg_speed_mps,
        gap_speed_mps=row.gap_speed_mps,
        points=row.points,
        source_file=row.source_file,
        content_sha256=row.content_sha256,
        device=row.device,
        track=zlib.decompress(row.track_zlib) if with_track else b"",
        summary=row.summary,
    )


class ActivityRepository:
    """Activities of an athlete. The same recording (same bytes, or same start and device) is kept once."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, activity: Activity) -> AddedActivity:
        """Store an activity unless it is already there; say which id it is stored under."""
        require_athlete(self._db, athlete_id)
        existing = self._duplicate_of(athlete_id, activity)
        if existing is not None:
            return AddedActivity(id=existing, created=False)
        if self._db.get(ActivityRow, (athlete_id, activity.id)) is not None:
            raise InputError(
                N_("another activity is already stored with id {id}"),
                where="activity id",
                hint=N_("give this recording a new id"),
                id=repr(activity.id),
            )
        row = ActivityRow(
            athlete_id=athlete_id,
            track_zlib=zlib.compress(activity.track, 6),
            **activity.model_dump(exclude={"track"}),
        )
        try:
            # A savepoint, so losing a race with another importer leaves the rest of the transaction intact.
            with self._db.begin_nested():
                self._db.add(row)
        except IntegrityError:
            existing = self._duplicate_of(athlete_id, activity)
            if existing is None:
                raise
            return AddedActivity(id=existing, created=False)
        return AddedActivity(id=row.id, created=True)

    def get(self, athlete_id: int, activity_id: str) -> Activity | None:
        """Return one activity with its track, or None."""
        row = self._db.get(ActivityRow, (athlete_id, activity_id))
        return None if row is None else _activity(row, with_track=True)

    def since(
        self, athlete_id: int, first: dt.datetime | None = None, *, with_track: bool = False
    ) -> list[Activity]:
        """Return activities started at or after `first` (or all), oldest first; tracks only if asked."""
        query = select(ActivityRow).where(ActivityRow.athlete_id == athlete_id)
        if first is not None:
            query = query.where(ActivityRow.start_time >= first)
        rows = self._db.scalars(query.order_by(ActivityRow.start_time, ActivityRow.id))
        return [_activity(r, with_track=with_track) for r in rows]

    def count(self, athlete_id: int) -> int:
        """Return how many activities the athlete has."""
        return (
            self._db.scalar(select(func.count(ActivityRow.id)).where(ActivityRow.athlete_id == athlete_id))
            or 0
        )

    def delete(self, athlete_id: int, activity_id: str) -> bool:
        """Remove an activity; return whether there was one."""
        found = self._db.execute(
            delete(ActivityRow).where(ActivityRow.athlete_id == athlete_id, ActivityRow.id == activity_id)
        )
        return bool(getattr(found, "rowcount", 0))

    def _duplicate_of(self, athlete_id: int, activity: Activity) -> str | None:
        return self._db.scalar(
            select(ActivityRow.id)
            .where(
                ActivityRow.athlete_id == athlete_id,
                or_(
                    ActivityRow.content_sha256 == activity.content_sha256,
                    (ActivityRow.start_time == activity.start_time) & (ActivityRow.device == activity.device),
                ),
            )
            .limit(1)
        )
