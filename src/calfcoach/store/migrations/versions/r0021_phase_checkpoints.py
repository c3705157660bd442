"""Phase checkpoints: where each athlete's replay of the phase gates stood on a past day, so a cold "today"
replays only the days since instead of the whole history (coach/phases.py, store/replays.py).

A gate checked on a day reads only sessions, check-ins and tests dated on or before it, so a checkpoint
stays right while nothing so dated changes. Triggers rather than application code delete it when a row
dated on or before its `as_of` day is written, changed or deleted, in the same transaction, whichever
process or tool writes (as revision 0007's triggers raise the revision). Set and cardio rows are only ever
written with their session (saving a session replaces it), so the session's trigger covers them.

On PostgreSQL the trigger first locks the athlete row, as the athlete's revision is raised: a server that
stores a checkpoint checks the revision under a share lock on that row (store/replays.py), so a checkpoint
replayed from a snapshot older than a concurrent write is either deleted by it or not stored.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

HISTORY_TABLES = ("performed_sessions", "checkins", "test_results")
PG_FUNCTION = "calfcoach_drop_phase_checkpoint"


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "phase_checkpoints",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("inputs_sha256", sa.String(64), nullable=False),
        sa.Column("phase_index", sa.Integer(), nullable=False),
        sa.Column("phase_start", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_phase_checkpoints_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_phase_checkpoints")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    # SQLite has one writer at a time, so the delete needs no lock.
    drop = "DELETE FROM phase_checkpoints WHERE athlete_id = {row}.athlete_id AND as_of >= {row}.day;"
    for table in HISTORY_TABLES:
        op.execute(
            f"CREATE TRIGGER trg_{table}_insert_checkpoint AFTER INSERT ON {table} "
            f"BEGIN {drop.format(row='NEW')} END"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_update_checkpoint AFTER UPDATE ON {table} "
            f"BEGIN {drop.format(row='OLD')} {drop.format(row='NEW')} END"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_delete_checkpoint AFTER DELETE ON {table} "
            f"BEGIN {drop.format(row='OLD')} END"
        )


def _postgresql_triggers() -> None:
    op.execute(
        f"""
        CREATE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                PERFORM 1 FROM athletes WHERE id = OLD.athlete_id FOR NO KEY UPDATE;
                DELETE FROM phase_checkpoints WHERE athlete_id = OLD.athlete_id AND as_of >= OLD.day;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                PERFORM 1 FROM athletes WHERE id = NEW.athlete_id FOR NO KEY UPDATE;
                DELETE FROM phase_checkpoints WHERE athlete_id = NEW.athlete_id AND as_of >= NEW.day;
            END IF;
            RETURN NULL;
        END $$
        """
    )
    for table in HISTORY_TABLES:
        op.execute(
            f"CREATE TRIGGER trg_{table}_checkpoint AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )


def downgrade() -> None:
    """Undo this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for table in HISTORY_TABLES:
            op.execute(f"DROP TRIGGER trg_{table}_checkpoint ON {table}")
        op.execute(f"DROP FUNCTION {PG_FUNCTION}()")
    else:
        for table in HISTORY_TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER trg_{table}_{event}_checkpoint")
    op.drop_table("phase_checkpoints")
