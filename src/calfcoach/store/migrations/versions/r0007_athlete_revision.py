"""A revision number on every athlete, raised by the database whenever what the coach reads of them changes.

The web app keeps each athlete's computed "today" in memory and must know, with one indexed read, whether
it is still right. Triggers rather than application code raise the number, so every writer counts: the
web workers, the CLI, an import, another process, a hand-written SQL fix. Row ids cannot serve: SQLite
reuses them after a delete.

The coach reads the profile (the athletes row) and the history: performed sessions, check-ins and test
results. Set and cardio rows are only ever written with their session (saving a session replaces it), so
the session's trigger covers them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

HISTORY_TABLES = ("performed_sessions", "checkins", "test_results")
PG_FUNCTION = "calfcoach_raise_athlete_revision"
PG_ATHLETE_FUNCTION = "calfcoach_raise_own_revision"


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("athletes") as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    bump = "UPDATE athletes SET revision = revision + 1 WHERE id = {row}.athlete_id;"
    for table in HISTORY_TABLES:
        op.execute(
            f"CREATE TRIGGER trg_{table}_insert_revision AFTER INSERT ON {table} "
            f"BEGIN {bump.format(row='NEW')} END"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_update_revision AFTER UPDATE ON {table} "
            f"BEGIN {bump.format(row='OLD')} {bump.format(row='NEW')} END"
        )
        op.execute(
            f"CREATE TRIGGER trg_{table}_delete_revision AFTER DELETE ON {table} "
            f"BEGIN {bump.format(row='OLD')} END"
        )
    # The WHEN keeps the trigger's own update from counting twice (recursive triggers are off anyway).
    op.execute(
        "CREATE TRIGGER trg_athletes_update_revision AFTER UPDATE ON athletes "
        "WHEN NEW.revision = OLD.revision "
        "BEGIN UPDATE athletes SET revision = OLD.revision + 1 WHERE id = NEW.id; END"
    )


def _postgresql_triggers() -> None:
    op.execute(
        f"""
        CREATE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE athletes SET revision = revision + 1 WHERE id = OLD.athlete_id;
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.athlete_id IS DISTINCT FROM OLD.athlete_id) THEN
                UPDATE athletes SET revision = revision + 1 WHERE id = NEW.athlete_id;
            END IF;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION {PG_ATHLETE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.revision := OLD.revision + 1;
            RETURN NEW;
        END $$
        """
    )
    for table in HISTORY_TABLES:
        op.execute(
            f"CREATE TRIGGER trg_{table}_revision AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )
    op.execute(
        "CREATE TRIGGER trg_athletes_update_revision BEFORE UPDATE ON athletes FOR EACH ROW "
        f"WHEN (NEW.revision = OLD.revision) EXECUTE FUNCTION {PG_ATHLETE_FUNCTION}()"
    )


def downgrade() -> None:
    """Undo this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for table in HISTORY_TABLES:
            op.execute(f"DROP TRIGGER trg_{table}_revision ON {table}")
        op.execute("DROP TRIGGER trg_athletes_update_revision ON athletes")
        op.execute(f"DROP FUNCTION {PG_FUNCTION}()")
        op.execute(f"DROP FUNCTION {PG_ATHLETE_FUNCTION}()")
    else:
        for table in HISTORY_TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER trg_{table}_{event}_revision")
        op.execute("DROP TRIGGER trg_athletes_update_revision")
    with op.batch_alter_table("athletes") as batch_op:
        batch_op.drop_column("revision")
