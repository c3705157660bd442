"""Coaches' own media for library exercises: uploaded files (kept in the data folder) and links.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "exercise_media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("file_name", sa.String(100), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('file', 'link')", name=op.f("ck_exercise_media_kind")),
        sa.ForeignKeyConstraint(
            ["owner_user_id"],
            ["users.id"],
            name=op.f("fk_exercise_media_owner_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_media")),
    )
    op.create_index(
        op.f("ix_exercise_media_owner_user_id"), "exercise_media", ["owner_user_id"], unique=False
    )
    op.create_index(
        op.f("ix_exercise_media_exercise_id_owner_user_id"),
        "exercise_media",
        ["exercise_id", "owner_user_id"],
        unique=False,
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(op.f("ix_exercise_media_exercise_id_owner_user_id"), table_name="exercise_media")
    op.drop_index(op.f("ix_exercise_media_owner_user_id"), table_name="exercise_media")
    op.drop_table("exercise_media")
