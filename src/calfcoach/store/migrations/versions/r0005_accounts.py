"""Accounts for the web app: signed-in browsers, API tokens, coach invitations, calendar feeds.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _user_fk(table: str, column: str = "user_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete="CASCADE"
    )


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "login_sessions",
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _user_fk("login_sessions"),
        sa.PrimaryKeyConstraint("token_sha256", name=op.f("pk_login_sessions")),
    )
    op.create_index(op.f("ix_login_sessions_user_id"), "login_sessions", ["user_id"], unique=False)
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        _when("created_at"),
        _when("last_used_at", nullable=True),
        _user_fk("api_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_api_tokens_token_sha256")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    op.create_table(
        "invitations",
        sa.Column("code_sha256", sa.String(64), nullable=False),
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        sa.Column("used_by_athlete_id", sa.Integer(), nullable=True),
        _when("used_at", nullable=True),
        _user_fk("invitations", "coach_user_id"),
        sa.ForeignKeyConstraint(
            ["used_by_athlete_id"],
            ["athletes.id"],
            name=op.f("fk_invitations_used_by_athlete_id_athletes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("code_sha256", name=op.f("pk_invitations")),
    )
    op.create_index(op.f("ix_invitations_coach_user_id"), "invitations", ["coach_user_id"], unique=False)
    op.create_table(
        "calendar_feeds",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_calendar_feeds_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_calendar_feeds_token_sha256")),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("calendar_feeds")
    op.drop_index(op.f("ix_invitations_coach_user_id"), table_name="invitations")
    op.drop_table("invitations")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index(op.f("ix_login_sessions_user_id"), table_name="login_sessions")
    op.drop_table("login_sessions")
