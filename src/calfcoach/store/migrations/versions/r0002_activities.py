"""Imported activities (watch files), stored once per athlete.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "activities",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sport", sa.String(length=40), nullable=False),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=False),
        sa.Column("elapsed_s", sa.Double(), nullable=False),
        sa.Column("moving_s", sa.Double(), nullable=False),
        sa.Column("elevation_gain_m", sa.Double(), nullable=True),
        sa.Column("elevation_loss_m", sa.Double(), nullable=True),
        sa.Column("avg_speed_mps", sa.Double(), nullable=True),
        sa.Column("gap_speed_mps", sa.Double(), nullable=True),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=500), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("device", sa.String(length=200), nullable=False),
        sa.Column("track_zlib", sa.LargeBinary(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_activities_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", "id", name=op.f("pk_activities")),
        sa.UniqueConstraint(
            "athlete_id", "content_sha256", name=op.f("uq_activities_athlete_id_content_sha256")
        ),
        sa.UniqueConstraint(
            "athlete_id", "start_time", "device", name=op.f("uq_activities_athlete_id_start_time_device")
        ),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("activities")
