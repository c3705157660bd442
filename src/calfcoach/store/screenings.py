"""The screening repository: answers to the screening questions (at sign-up, or taken again), newest last."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from calfcoach.domain.log import ScreeningAnswers
from calfcoach.domain.screening import ScreeningOutcome
from calfcoach.store.logbook import local_time, offset_seconds, require_athlete, screening_answers
from calfcoach.store.models import ScreeningRow
from calfcoach.store.records import Screening


class ScreeningRepository:
    """Screenings of an athlete; every one is kept, and each one's flags stay open until a clearance."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, outcome: ScreeningOutcome, *, taken_at: dt.datetime) -> None:
        """Keep this screening; earlier ones stay as a record."""
        self.add_record(
            athlete_id,
            Screening(
                taken_at=taken_at, answers=outcome.answers, flagged=outcome.flagged, urgent=outcome.urgent
            ),
        )

    def add_record(self, athlete_id: int, screening: Screening) -> None:
        """Keep a screening as exported (import); its UTC offset is kept, so its day is the person's."""
        require_athlete(self._db, athlete_id)
        self._db.add(
            ScreeningRow(
                athlete_id=athlete_id,
                taken_at=screening.taken_at,
                taken_offset_s=offset_seconds(screening.taken_at),
                answers=dict(screening.answers),
                flagged=list(screening.flagged),
                urgent=screening.urgent,
            )
        )
        self._db.flush()

    def all(self, athlete_id: int) -> list[Screening]:
        """Return every screening of the athlete, oldest first, each time in the offset it was taken in."""
        rows = self._db.scalars(
            select(ScreeningRow)
            .where(ScreeningRow.athlete_id == athlete_id)
            .order_by(ScreeningRow.taken_at, ScreeningRow.id)
        )
        return [
            Screening(
                taken_at=local_time(r.taken_at, r.taken_offset_s),
                answers={k: bool(v) for k, v in r.answers.items()},
                flagged=tuple(r.flagged),
                urgent=r.urgent,
            )
            for r in rows
        ]

    def answers(self, athlete_id: int) -> list[ScreeningAnswers]:
        """Return every screening as the engine reads it (the day taken, the "yes" ids), oldest first."""
        return screening_answers(self._db, athlete_id)

    def latest(self, athlete_id: int) -> tuple[dt.datetime, dict[str, bool]] | None:
        """When the latest screening was taken and its answers, or None if never."""
        row = self._db.scalars(
            select(ScreeningRow)
            .where(ScreeningRow.athlete_id == athlete_id)
            .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        return local_time(row.taken_at, row.taken_offset_s), {k: bool(v) for k, v in row.answers.items()}
