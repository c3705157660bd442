"""A coach's weekly summary by e-mail: whether it is switched on, and the week (its Monday) last sent, so
that a second run in the same week sends nothing.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "weekly_summaries",
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_week", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coach_user_id"],
            ["users.id"],
            name=op.f("fk_weekly_summaries_coach_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("coach_user_id", name=op.f("pk_weekly_summaries")),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("weekly_summaries")
