"""Each athlete's own language for pages (and the CLI): "en", "de", or null for the browser's or machine's.

Existing athletes get null: their browser's Accept-Language (web) or LANG (CLI) decides, as a first visit.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (nullable, no default: no table rebuild), so SQLite keeps revision 0007's triggers.
    op.add_column("athletes", sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild, which would lose revision 0007's triggers.
    op.drop_column("athletes", "language")
