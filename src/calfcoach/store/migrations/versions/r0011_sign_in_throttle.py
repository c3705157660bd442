"""Sign-in throttling per client, per account and per client on an account, replacing the count per address.

One row per key with its count of failures (revision 0008 kept one row per failure, for the address
only). The old failures are dropped: they only ever delayed sign-ins for 15 minutes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.drop_index(op.f("ix_sign_in_failures_failed_at"), table_name="sign_in_failures")
    op.drop_index(op.f("ix_sign_in_failures_address_sha256_failed_at"), table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    op.create_table(
        "sign_in_throttle",
        sa.Column("key_sha256", sa.String(64), nullable=False),
        sa.Column("account_sha256", sa.String(64), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("succeeded_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_sha256", name=op.f("pk_sign_in_throttle")),
    )
    op.create_index(
        op.f("ix_sign_in_throttle_account_sha256"), "sign_in_throttle", ["account_sha256"], unique=False
    )
    op.create_index(
        op.f("ix_sign_in_throttle_last_failed_at"), "sign_in_throttle", ["last_failed_at"], unique=False
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(op.f("ix_sign_in_throttle_last_failed_at"), table_name="sign_in_throttle")
    op.drop_index(op.f("ix_sign_in_throttle_account_sha256"), table_name="sign_in_throttle")
    op.drop_table("sign_in_throttle")
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address_sha256", sa.String(64), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    op.create_index(
        op.f("ix_sign_in_failures_address_sha256_failed_at"),
        "sign_in_failures",
        ["address_sha256", "failed_at"],
        unique=False,
    )
    op.create_index(op.f("ix_sign_in_failures_failed_at"), "sign_in_failures", ["failed_at"], unique=False)
