"""Each athlete reads and types figures in their own units: metric or imperial, and loads in kg or lb.

`units` is metric for everyone so far (what every page showed); `load_units` null means loads follow it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (a constant default, no table rebuild), so SQLite keeps revision 0007's triggers.
    op.add_column("athletes", sa.Column("units", sa.String(10), server_default="metric", nullable=False))
    op.add_column("athletes", sa.Column("load_units", sa.String(2), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild, which would lose revision 0007's triggers.
    op.drop_column("athletes", "load_units")
    op.drop_column("athletes", "units")
