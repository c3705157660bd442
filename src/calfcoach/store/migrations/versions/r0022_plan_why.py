"""A cardio bout's score reason as a message (its JSON), so the next prescription's "far from its plan" note
is written in its reader's language.

Existing rows get null: their English `plan_reason` is read as before (quoted as said).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (nullable, no default: no table rebuild), so SQLite keeps revision 0007's triggers.
    op.add_column("cardio_logs", sa.Column("plan_why", sa.Text(), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild, which would lose revision 0007's triggers.
    op.drop_column("cardio_logs", "plan_why")
