"""Safety: check-in symptoms, what caused a session's pain and where, and clinicians' clearances.

`checkins.symptoms` holds the ids of the check-in questions answered "yes" (library/screening.yaml);
`performed_sessions.pain_from` the exercises that caused the session's pain (empty: all but stretches) and
`pain_site` where it hurt. A clearance is a person's record that a clinician saw them and cleared them to
train; it closes every flag raised on or before its day. Existing rows get empty lists.

`screenings.taken_offset_s` keeps the UTC offset a screening was taken in (as `started_offset_s` does for
sessions), so its flags open on the person's own day: an evening screening west of Greenwich falls on the
next UTC day, and a flag raised "tomorrow" would not stop today's session. Older rows (null) read as UTC.

Clearances and screenings now change what the coach prescribes (red flags stop training until cleared), so
their inserts, updates and deletes raise the athlete's revision as sessions and check-ins do (revision 0007),
and the web app's kept "today" is recomputed.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Revision 0007's trigger function (PostgreSQL) raises the revision of the row's athlete_id.
PG_FUNCTION = "calfcoach_raise_athlete_revision"
REVISED_TABLES = ("screenings", "clearances")


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (a constant default, no table rebuild): SQLite keeps revision 0007's triggers.
    op.add_column("checkins", sa.Column("symptoms", sa.JSON(), server_default="[]", nullable=False))
    op.add_column(
        "performed_sessions", sa.Column("pain_from", sa.JSON(), server_default="[]", nullable=False)
    )
    op.add_column("performed_sessions", sa.Column("pain_site", sa.String(20), nullable=True))
    op.add_column("screenings", sa.Column("taken_offset_s", sa.Integer(), nullable=True))
    op.create_table(
        "clearances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_clearances_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearances")),
    )
    op.create_index(op.f("ix_clearances_athlete_id_day"), "clearances", ["athlete_id", "day"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table in REVISED_TABLES:
            op.execute(
                f"CREATE TRIGGER trg_{table}_revision AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
            )
    else:
        bump = "UPDATE athletes SET revision = revision + 1 WHERE id = {row}.athlete_id;"
        for table in REVISED_TABLES:
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


def downgrade() -> None:
    """Undo this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for table in REVISED_TABLES:
            op.execute(f"DROP TRIGGER trg_{table}_revision ON {table}")
    else:
        for table in REVISED_TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER trg_{table}_{event}_revision")
    op.drop_index(op.f("ix_clearances_athlete_id_day"), table_name="clearances")
    op.drop_table("clearances")
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild, which would lose revision 0007's triggers.
    op.drop_column("performed_sessions", "pain_site")
    op.drop_column("performed_sessions", "pain_from")
    op.drop_column("checkins", "symptoms")
    op.drop_column("screenings", "taken_offset_s")
