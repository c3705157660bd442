"""The screening repository: answers to the sign-up questions, newest last."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from calfcoach.domain.screening import ScreeningOutcome
from calfcoach.store.logbook import require_athlete
from calfcoach.store.models import ScreeningRow


class ScreeningRepository:
    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, outcome: ScreeningOutcome, *, taken_at: dt.datetime) -> None:
        """Keep this screening; earlier ones stay as a record."""
        require_athlete(self._db, athlete_id)
        self._db.add(
            ScreeningRow(
                athlete_id=athlete_id,
                taken_at=taken_at,
                answers=dict(outcome.answers),
                flagged=list(outcome.flagged),
                urgent=outcome.urgent,
            )
        )

    def latest(self, athlete_id: int) -> tuple[dt.datetime, dict[str, bool]] | None:
        """When the latest screening was taken and its answers, or None if never."""
        row = self._db.scalars(
            select(ScreeningRow)
            .where(ScreeningRow.athlete_id == athlete_id)
            .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc())
            .limit(1)
        ).first()
        return None if row is None else (row.taken_at, {k: bool(v) for k, v in row.answers.items()})
