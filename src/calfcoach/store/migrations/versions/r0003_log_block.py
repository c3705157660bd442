"""Set and cardio logs name the program block they were prescribed in (warm-up walk vs main walk).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    for table in ("set_logs", "cardio_logs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("block", sa.String(), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    for table in ("set_logs", "cardio_logs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("block")
