"""The plan repository: snapshots of generated plans; the newest snapshot is an athlete's current plan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from calfcoach.domain.base import Value
from calfcoach.domain.plan import Plan, PlannedItem, PlannedSession
from calfcoach.store.logbook import require_athlete
from calfcoach.store.models import PlannedSessionRow, PlanRow


class StoredPlan(Value):
    """A plan as stored: its id, when it was made, and the plan itself."""

    id: int
    created_at: dt.datetime
    plan: Plan


def _planned(row: PlannedSessionRow) -> PlannedSession:
    return PlannedSession(
        day=row.day,
        program_id=row.program_id,
        phase_id=row.phase_id,
        template_id=row.template_id,
        name=row.name,
        items=tuple(PlannedItem.model_validate(item) for item in row.items),
        minutes=row.minutes,
        hard=row.hard,
        notes=tuple(row.notes),
    )


class PlanRepository:
    """Generated plans, kept as snapshots so a plan shown yesterday can be shown again unchanged."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def save(self, athlete_id: int, plan: Plan, *, created_at: dt.datetime | None = None) -> int:
        """Store a plan as the athlete's current one and return its id."""
        require_athlete(self._db, athlete_id)
        row = PlanRow(
            athlete_id=athlete_id,
            program_id=plan.program_id,
            notes=[note.model_dump(mode="json") for note in plan.notes],
            created_at=created_at or dt.datetime.now(dt.UTC),
        )
        self._db.add(row)
        self._db.flush()
        if plan.sessions:
            self._db.execute(
                insert(PlannedSessionRow),
                [
                    {
                        "plan_id": row.id,
                        "position": i,
                        "day": s.day,
                        "program_id": s.program_id,
                        "phase_id": s.phase_id,
                        "template_id": s.template_id,
                        "name": s.name,
                        "items": [item.model_dump(mode="json") for item in s.items],
                        "minutes": s.minutes,
                        "hard": s.hard,
                        "notes": [note.model_dump(mode="json") for note in s.notes],
                    }
                    for i, s in enumerate(plan.sessions)
                ],
            )
        return row.id

    def current(self, athlete_id: int) -> Plan | None:
        """Return the newest plan, or None when none was made yet."""
        newest = self._db.scalars(
            select(PlanRow).where(PlanRow.athlete_id == athlete_id).order_by(PlanRow.id.desc()).limit(1)
        ).first()
        return None if newest is None else self._plan(newest)

    def get(self, athlete_id: int, plan_id: int) -> Plan | None:
        """Return one of the athlete's plans by id, or None."""
        row = self._db.get(PlanRow, plan_id)
        return None if row is None or row.athlete_id != athlete_id else self._plan(row)

    def all(self, athlete_id: int) -> list[StoredPlan]:
        """Return every plan of the athlete, oldest first."""
        rows = self._db.scalars(select(PlanRow).where(PlanRow.athlete_id == athlete_id).order_by(PlanRow.id))
        return [StoredPlan(id=r.id, created_at=r.created_at, plan=self._plan(r)) for r in rows]

    def sessions_between(self, athlete_id: int, first: dt.date, last: dt.date) -> list[PlannedSession]:
        """Return the current plan's sessions from `first` to `last` (both included)."""
        newest = self._db.scalar(
            select(PlanRow.id).where(PlanRow.athlete_id == athlete_id).order_by(PlanRow.id.desc()).limit(1)
        )
        if newest is None:
            return []
        rows = self._db.scalars(
            select(PlannedSessionRow)
            .where(
                PlannedSessionRow.plan_id == newest,
                PlannedSessionRow.day >= first,
                PlannedSessionRow.day <= last,
            )
            .order_by(PlannedSessionRow.day, PlannedSessionRow.position)
        )
        return [_planned(r) for r in rows]

    def _plan(self, row: PlanRow) -> Plan:
        sessions = self._db.scalars(
            select(PlannedSessionRow)
            .where(PlannedSessionRow.plan_id == row.id)
            .order_by(PlannedSessionRow.position)
        )
        return Plan(
            program_id=row.program_id, sessions=tuple(_planned(s) for s in sessions), notes=tuple(row.notes)
        )
