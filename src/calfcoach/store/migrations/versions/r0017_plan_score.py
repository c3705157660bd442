"""A cardio bout's score against its plan, from a recording: the verdict and its reason in words.

Existing logs get null (hand-logged, or imported before recordings were scored), which the coach reads as
it always has.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (nullable, no default: no table rebuild), so SQLite keeps revision 0007's triggers.
    op.add_column("cardio_logs", sa.Column("plan_verdict", sa.String(16), nullable=True))
    op.add_column("cardio_logs", sa.Column("plan_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild, which would lose revision 0007's triggers.
    op.drop_column("cardio_logs", "plan_reason")
    op.drop_column("cardio_logs", "plan_verdict")
