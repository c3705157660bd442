"""Phase checkpoints: each athlete's replay of the phase gates up to a past day, shared by every server.

A checkpoint read in a snapshot is right for the history of that snapshot: the triggers of revision 0021
delete it in the same transaction as any write dated on or before its day. The program and start date it
was replayed under are named by `inputs_sha256`, compared by the caller (services/today.py).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from calfcoach.coach.phases import PhaseCheckpoint
from calfcoach.store.models import AthleteRow, PhaseCheckpointRow


class PhaseCheckpointRepository:
    def __init__(self, db: Session) -> None:
        self._db = db

    def get(self, athlete_id: int, inputs_sha256: str) -> PhaseCheckpoint | None:
        """The athlete's checkpoint if one is kept for these inputs, else None."""
        row = self._db.get(PhaseCheckpointRow, athlete_id)
        if row is None or row.inputs_sha256 != inputs_sha256:
            return None
        return PhaseCheckpoint(index=row.phase_index, start=row.phase_start, as_of=row.as_of)

    def save(self, athlete_id: int, checkpoint: PhaseCheckpoint, inputs_sha256: str, revision: int) -> bool:
        """Keep a checkpoint replayed from a snapshot in which the athlete had `revision`, replacing theirs.

        Nothing is kept (False) when the athlete's revision has moved on since: a write after that snapshot
        may be dated before the checkpoint's day, and its trigger ran before this row existed. The athlete
        row is read under a share lock, which a writer's trigger waits for (and this read for it), so a
        write either comes before this check or deletes the row this stores.
        """
        current = self._db.scalar(
            select(AthleteRow.revision).where(AthleteRow.id == athlete_id).with_for_update(read=True)
        )
        if current != revision:
            return False
        values = {
            "inputs_sha256": inputs_sha256,
            "phase_index": checkpoint.index,
            "phase_start": checkpoint.start,
            "as_of": checkpoint.as_of,
            "revision": revision,
        }
        # Another server may store one for the same revision at once: either is right, the later stays.
        insert = postgresql_insert if self._db.get_bind().dialect.name == "postgresql" else sqlite_insert
        new = insert(PhaseCheckpointRow).values(athlete_id=athlete_id, **values)
        self._db.execute(
            new.on_conflict_do_update(index_elements=[PhaseCheckpointRow.athlete_id], set_=values)
        )
        return True
