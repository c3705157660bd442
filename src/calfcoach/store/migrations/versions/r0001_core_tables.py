"""Core tables: accounts, athletes, coaching links, plans, performed sessions, check-ins, tests, notes.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("password_hash", sa.String(length=500), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('athlete', 'coach', 'admin')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("weekdays", sa.JSON(), nullable=False),
        sa.Column("minutes_per_session", sa.Integer(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("goal", sa.String(length=40), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=20), nullable=False),
        sa.Column("weight_kg", sa.Double(), nullable=True),
        sa.Column("program_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_athletes_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athletes")),
        sa.UniqueConstraint("user_id", name=op.f("uq_athletes_user_id")),
    )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("morning_pain", sa.Integer(), nullable=False),
        sa.Column("stiffness", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("morning_pain BETWEEN 0 AND 10", name=op.f("ck_checkins_morning_pain")),
        sa.CheckConstraint("stiffness BETWEEN 0 AND 10", name=op.f("ck_checkins_stiffness")),
        sa.ForeignKeyConstraint(
            ["athlete_id"], ["athletes.id"], name=op.f("fk_checkins_athlete_id_athletes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkins_athlete_id_day"), ["athlete_id", "day"], unique=False)

    op.create_table(
        "coach_clients",
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_coach_clients_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coach_user_id"],
            ["users.id"],
            name=op.f("fk_coach_clients_coach_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("coach_user_id", "athlete_id", name=op.f("pk_coach_clients")),
    )
    with op.batch_alter_table("coach_clients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coach_clients_athlete_id"), ["athlete_id"], unique=False)

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"], ["athletes.id"], name=op.f("fk_notes_athlete_id_athletes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_athlete_id_day"), ["athlete_id", "day"], unique=False)

    op.create_table(
        "performed_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_offset_s", sa.Integer(), nullable=True),
        sa.Column("program_id", sa.String(), nullable=False),
        sa.Column("phase_id", sa.String(), nullable=False),
        sa.Column("template_id", sa.String(), nullable=False),
        sa.Column("planned_for", sa.Date(), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("rpe", sa.Double(), nullable=True),
        sa.Column("pain_during", sa.Integer(), nullable=False),
        sa.Column("pain_after", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name=op.f("ck_performed_sessions_pain_after")),
        sa.CheckConstraint("pain_during BETWEEN 0 AND 10", name=op.f("ck_performed_sessions_pain_during")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_performed_sessions_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_performed_sessions")),
        sa.UniqueConstraint("athlete_id", "uid", name=op.f("uq_performed_sessions_athlete_id_uid")),
    )
    with op.batch_alter_table("performed_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_performed_sessions_athlete_id_day"), ["athlete_id", "day"], unique=False
        )

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.String(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"], ["athletes.id"], name=op.f("fk_plans_athlete_id_athletes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_athlete_id_id"), ["athlete_id", "id"], unique=False)

    op.create_table(
        "test_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("left_value", sa.Double(), nullable=False),
        sa.Column("right_value", sa.Double(), nullable=False),
        sa.Column("eyes_closed", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_test_results_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_results")),
    )
    with op.batch_alter_table("test_results", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_test_results_athlete_id_kind_day"), ["athlete_id", "kind", "day"], unique=False
        )

    op.create_table(
        "cardio_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("duration_s", sa.Double(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=True),
        sa.Column("avg_speed_kmh", sa.Double(), nullable=True),
        sa.Column("grade_pct", sa.Double(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("floors", sa.Integer(), nullable=True),
        sa.Column("avg_hr_bpm", sa.Integer(), nullable=True),
        sa.Column("running_s", sa.Double(), nullable=True),
        sa.Column("activity_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["performed_sessions.id"],
            name=op.f("fk_cardio_logs_session_id_performed_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cardio_logs")),
        sa.UniqueConstraint("session_id", "position", name=op.f("uq_cardio_logs_session_id_position")),
    )
    op.create_table(
        "planned_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("program_id", sa.String(), nullable=False),
        sa.Column("phase_id", sa.String(), nullable=False),
        sa.Column("template_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("minutes", sa.Double(), nullable=False),
        sa.Column("hard", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_planned_sessions_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_sessions")),
    )
    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planned_sessions_plan_id_day"), ["plan_id", "day"], unique=False)

    op.create_table(
        "set_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(), nullable=False),
        sa.Column("set_index", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("hold_s", sa.Double(), nullable=True),
        sa.Column("load_kg", sa.Double(), nullable=False),
        sa.Column("rpe", sa.Double(), nullable=True),
        sa.CheckConstraint("load_kg >= 0", name=op.f("ck_set_logs_load_kg")),
        sa.CheckConstraint("reps >= 0", name=op.f("ck_set_logs_reps")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["performed_sessions.id"],
            name=op.f("fk_set_logs_session_id_performed_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_logs")),
        sa.UniqueConstraint("session_id", "position", name=op.f("uq_set_logs_session_id_position")),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("set_logs")
    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_sessions_plan_id_day"))

    op.drop_table("planned_sessions")
    op.drop_table("cardio_logs")
    with op.batch_alter_table("test_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_test_results_athlete_id_kind_day"))

    op.drop_table("test_results")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_athlete_id_id"))

    op.drop_table("plans")
    with op.batch_alter_table("performed_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_performed_sessions_athlete_id_day"))

    op.drop_table("performed_sessions")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_athlete_id_day"))

    op.drop_table("notes")
    with op.batch_alter_table("coach_clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coach_clients_athlete_id"))

    op.drop_table("coach_clients")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkins_athlete_id_day"))

    op.drop_table("checkins")
    op.drop_table("athletes")
    op.drop_table("users")
