"""Registration by e-mail: the confirmation links sent to a new address (with the password hash chosen; the
account is made when the link is opened) and the notices sent to the owner of an address already registered.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "registration_mails",
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_sha256", name=op.f("pk_registration_mails")),
    )
    op.create_index(op.f("ix_registration_mails_email"), "registration_mails", ["email"], unique=False)
    op.create_index(
        op.f("ix_registration_mails_expires_at"), "registration_mails", ["expires_at"], unique=False
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(op.f("ix_registration_mails_expires_at"), table_name="registration_mails")
    op.drop_index(op.f("ix_registration_mails_email"), table_name="registration_mails")
    op.drop_table("registration_mails")
