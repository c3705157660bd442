"""A partial index of the check-ins that reported a symptom, by athlete and day.

A history read from a day on must still hold every earlier check-in with a symptom (a red flag stays open
until a clearance). Without this index, finding those few meant reading every check-in of the athlete:
years of them for the coach's dashboard, for every client, on every view.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

NAME = "ix_checkins_flagged_athlete_id_day"
REPORTED_SYMPTOM = "json_array_length(symptoms) > 0"


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        NAME,
        "checkins",
        ["athlete_id", "day"],
        unique=False,
        postgresql_where=sa.text(REPORTED_SYMPTOM),
        sqlite_where=sa.text(REPORTED_SYMPTOM),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(NAME, table_name="checkins")
