"""Check-ins keep the instant they were recorded, so a clearance orders against a check-in on its own day.

A clearance closes the flags raised before its day, and on its day only those recorded at or before it: a
symptom reported in a check-in after a morning's clearance stops training at once (coach/redflags.py).
Clearances have kept `recorded_at` since revision 0009. Existing check-ins get null (no instant known): a
clearance on their day still closes their flags, as before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (nullable, no default: no table rebuild), so SQLite keeps revision 0007's triggers.
    op.add_column("checkins", sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild, which would lose revision 0007's triggers.
    op.drop_column("checkins", "recorded_at")
