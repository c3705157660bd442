"""Each athlete's own time zone, which decides their "today", the day a walk counts for and the calendar.

Existing athletes get null: the zone of the machine running the coach, as before.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (nullable, no default: no table rebuild), so SQLite keeps revision 0007's triggers.
    op.add_column("athletes", sa.Column("time_zone", sa.String(64), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild, which would lose revision 0007's triggers.
    op.drop_column("athletes", "time_zone")
