"""Each account's own language ("en", "de", or null), for the pages and e-mails of a person without an athlete
profile (a coach, an admin); and the language of the page a pending registration was made on, which the
account made from its confirmation link keeps.

Existing accounts and pending registrations get null: a profile's language, else the browser's
Accept-Language (pages) or the server's LANG (e-mails) decides, as before.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (nullable, no default: no table rebuild), as revision 0015 did for athletes.
    op.add_column("users", sa.Column("language", sa.String(8), nullable=True))
    op.add_column("registration_mails", sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    """Undo this revision."""
    # Plain DROP COLUMN (SQLite 3.35+), as revision 0015's: a batch rebuild would copy whole tables.
    op.drop_column("registration_mails", "language")
    op.drop_column("users", "language")
