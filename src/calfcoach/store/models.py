"""The tables, as typed SQLAlchemy 2 models. Only the store sees these; repositories return domain types.

Portable SQL only: the same models run on SQLite and PostgreSQL. Every time is an aware UTC instant
(`UTCDateTime`); days are plain dates. The migrations in `migrations/versions` build exactly this schema
(a test compares them on both backends).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from calfcoach.store.types import UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The declarative base: one metadata with stable constraint names (migrations rely on them)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        dt.datetime: UTCDateTime(),
        dt.date: Date(),
        float: Double(),
        str: String(),  # unbounded: the domain does not limit ids, and both backends must agree
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime]
    # The account's own language ("en", "de") for the pages and e-mails of a person without an athlete
    # profile (a coach, an admin); a profile's language comes first. None: the browser's or the server's.
    language: Mapped[str | None] = mapped_column(String(8))


class AthleteRow(Base):
    """The person being coached, with the fields of `domain.profile.Profile`."""

    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True, nullable=True
    )
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[dt.date]
    weekdays: Mapped[list[Any]]
    minutes_per_session: Mapped[int]
    equipment: Mapped[list[Any]]
    level: Mapped[str] = mapped_column(String(20))
    goal: Mapped[str] = mapped_column(String(40))
    birth_year: Mapped[int | None]
    sex: Mapped[str] = mapped_column(String(20))
    weight_kg: Mapped[float | None]
    program_id: Mapped[str]
    units: Mapped[str] = mapped_column(String(10), server_default="metric")
    load_units: Mapped[str | None] = mapped_column(String(2))
    time_zone: Mapped[str | None] = mapped_column(String(64))  # IANA name; None: the machine's zone
    language: Mapped[str | None] = mapped_column(String(8))  # "en", "de"; None: the browser's or machine's
    created_at: Mapped[dt.datetime]
    # Raised by triggers (revision 0007) on every change to what the coach reads: a cache key.
    revision: Mapped[int] = mapped_column(Integer, server_default="0")


class CoachClientRow(Base):
    """A coach (a user) follows an athlete."""

    __tablename__ = "coach_clients"

    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime]


class PlanRow(Base):
    """A stored snapshot of a generated plan; the newest one for an athlete is the current plan."""

    __tablename__ = "plans"
    __table_args__ = (Index(None, "athlete_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    program_id: Mapped[str]
    notes: Mapped[list[Any]]
    created_at: Mapped[dt.datetime]


class PlannedSessionRow(Base):
    __tablename__ = "planned_sessions"
    __table_args__ = (Index(None, "plan_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    position: Mapped[int]
    day: Mapped[dt.date]
    program_id: Mapped[str]
    phase_id: Mapped[str]
    template_id: Mapped[str]
    name: Mapped[str]
    items: Mapped[list[Any]]
    minutes: Mapped[float]
    hard: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[list[Any]]


class PerformedSessionRow(Base):
    """A session as it was done; `uid` is the domain id, unique per athlete."""

    __tablename__ = "performed_sessions"
    __table_args__ = (
        UniqueConstraint("athlete_id", "uid"),
        Index(None, "athlete_id", "day"),
        CheckConstraint("pain_during BETWEEN 0 AND 10", name="pain_during"),
        CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    uid: Mapped[str]
    day: Mapped[dt.date]
    started_at: Mapped[dt.datetime | None]
    # The UTC offset the person was in, so a session read back shows its local time again.
    started_offset_s: Mapped[int | None]
    program_id: Mapped[str]
    phase_id: Mapped[str]
    template_id: Mapped[str]
    planned_for: Mapped[dt.date | None]
    completed: Mapped[bool] = mapped_column(Boolean)
    rpe: Mapped[float | None]
    pain_during: Mapped[int]
    pain_after: Mapped[int]
    # The exercises that caused the pain (empty: every exercise but the stretches) and where it hurt.
    pain_from: Mapped[list[Any]] = mapped_column(server_default="[]")
    pain_site: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text)


class SetLogRow(Base):
    __tablename__ = "set_logs"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        CheckConstraint("reps >= 0", name="reps"),
        CheckConstraint("load_kg >= 0", name="load_kg"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("performed_sessions.id", ondelete="CASCADE"))
    position: Mapped[int]
    exercise_id: Mapped[str]
    block: Mapped[str | None]
    set_index: Mapped[int]
    side: Mapped[str] = mapped_column(String(8))
    reps: Mapped[int | None]
    hold_s: Mapped[float | None]
    load_kg: Mapped[float]
    rpe: Mapped[float | None]


class CardioLogRow(Base):
    __tablename__ = "cardio_logs"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("performed_sessions.id", ondelete="CASCADE"))
    position: Mapped[int]
    exercise_id: Mapped[str]
    block: Mapped[str | None]
    duration_s: Mapped[float]
    distance_m: Mapped[float | None]
    avg_speed_kmh: Mapped[float | None]
    grade_pct: Mapped[float | None]
    level: Mapped[int | None]
    floors: Mapped[int | None]
    avg_hr_bpm: Mapped[int | None]
    running_s: Mapped[float | None]
    # A soft reference: the activity may be imported later or deleted without touching the log.
    activity_id: Mapped[str | None]
    # A recording scored against its plan (revision 0017): 'as-prescribed', 'partly' or 'far-off'.
    plan_verdict: Mapped[str | None] = mapped_column(String(16))
    plan_reason: Mapped[str | None] = mapped_column(Text)
    # The reason as a message, its JSON (revision 0022): the next prescription says it in its reader's
    # language.
    plan_why: Mapped[str | None] = mapped_column(Text)


# The check-ins that reported a symptom (a red flag): few, and read however old (revision 0018).
_REPORTED_SYMPTOM = text("json_array_length(symptoms) > 0")


class CheckInRow(Base):
    __tablename__ = "checkins"
    __table_args__ = (
        Index(None, "athlete_id", "day"),
        Index(
            "ix_checkins_flagged_athlete_id_day",
            "athlete_id",
            "day",
            postgresql_where=_REPORTED_SYMPTOM,
            sqlite_where=_REPORTED_SYMPTOM,
        ),
        CheckConstraint("morning_pain BETWEEN 0 AND 10", name="morning_pain"),
        CheckConstraint("stiffness BETWEEN 0 AND 10", name="stiffness"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[dt.date]
    morning_pain: Mapped[int]
    stiffness: Mapped[int]
    # Ids of the check-in symptom questions answered "yes" (library/screening.yaml, `checkin`).
    symptoms: Mapped[list[Any]] = mapped_column(server_default="[]")
    notes: Mapped[str] = mapped_column(Text)
    # When it was written (null before revision 0010): orders it against a clearance recorded the same day.
    recorded_at: Mapped[dt.datetime | None]


class TestResultRow(Base):
    __tablename__ = "test_results"
    __table_args__ = (Index(None, "athlete_id", "kind", "day"),)
    __test__ = False  # not a pytest class

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(20))
    left_value: Mapped[float]
    right_value: Mapped[float]
    eyes_closed: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str] = mapped_column(Text)


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = (Index(None, "athlete_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[dt.date]
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class ActivityRow(Base):
    """An imported recording (watch file), stored once per athlete: by content hash and by start + device."""

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("athlete_id", "content_sha256"),
        UniqueConstraint("athlete_id", "start_time", "device"),
    )

    # The id is the athlete's own (a file's activity id or a UUID), so the key includes the athlete.
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sport: Mapped[str] = mapped_column(String(40))
    start_time: Mapped[dt.datetime]
    distance_m: Mapped[float]
    elapsed_s: Mapped[float]
    moving_s: Mapped[float]
    elevation_gain_m: Mapped[float | None]
    elevation_loss_m: Mapped[float | None]
    avg_speed_mps: Mapped[float | None]
    gap_speed_mps: Mapped[float | None]
    points: Mapped[int]
    source_file: Mapped[str] = mapped_column(String(500))
    content_sha256: Mapped[str] = mapped_column(String(64))
    # '' when the file names no device, so (start_time, device) still deduplicates.
    device: Mapped[str] = mapped_column(String(200))
    track_zlib: Mapped[bytes] = mapped_column(LargeBinary)
    summary: Mapped[dict[str, Any]]


class ScreeningRow(Base):
    """A screening (at sign-up, or taken again): every answer, which were "yes", and if one is urgent."""

    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[dt.datetime]
    # The UTC offset it was taken in (null: UTC), so its day is the person's own day.
    taken_offset_s: Mapped[int | None]
    answers: Mapped[dict[str, Any]]
    flagged: Mapped[list[Any]]
    urgent: Mapped[bool]


class ClearanceRow(Base):
    """A person's record that a clinician saw them and cleared them to train (closes earlier flags)."""

    __tablename__ = "clearances"
    __table_args__ = (Index(None, "athlete_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[dt.date]
    by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime]


class LoginSessionRow(Base):
    """A signed-in browser: only the SHA-256 of the cookie's random token is kept."""

    __tablename__ = "login_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]


class PasswordResetRow(Base):
    """A password-reset link sent by e-mail: only the SHA-256 of its token; it works once, until it ends."""

    __tablename__ = "password_resets"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]


class SignInThrottleRow(Base):
    """A count of sign-in attempts that failed, for one client, one account, or one client on one account.

    Shared by every worker and process. Keys and accounts are SHA-256 digests (of the client address and the
    normalised e-mail address): what people type as their address (sometimes their password) is not stored.
    `account_sha256` is set on the rows of an account, so a password reset finds them; `succeeded_at` on a
    client-and-account row marks that client as one the account signs in from.
    """

    __tablename__ = "sign_in_throttle"

    key_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    succeeded_at: Mapped[dt.datetime | None]


class ApiTokenRow(Base):
    """A token a script sends as `Authorization: Bearer ...`; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    last_used_at: Mapped[dt.datetime | None]


class InvitationRow(Base):
    """A coach's invitation code; an athlete who redeems it becomes the coach's client."""

    __tablename__ = "invitations"

    code_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    used_by_athlete_id: Mapped[int | None] = mapped_column(ForeignKey("athletes.id", ondelete="SET NULL"))
    used_at: Mapped[dt.datetime | None]
    emailed_at: Mapped[dt.datetime | None]  # sent by e-mail (its address is not kept): counts towards a limit


class WeeklySummaryRow(Base):
    """A coach's weekly summary by e-mail: whether it is on, and the week (its Monday) last sent."""

    __tablename__ = "weekly_summaries"

    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    last_week: Mapped[dt.date | None]


class RegistrationMailRow(Base):
    """An e-mail sent to an address someone registered with: a confirmation link (with the password hash
    chosen, the account is made when the link is opened), or, for an address that has an account, a notice
    to its owner (no hash; kept to send at most one every few minutes). Only the SHA-256 of a link's token
    is kept; rows expire within a day and go when used, on the next registration, or with the account.
    """

    __tablename__ = "registration_mails"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
    language: Mapped[str | None] = mapped_column(String(8))  # the registration page's: the new account's


class CalendarFeedRow(Base):
    """The private iCalendar subscription of an athlete: the SHA-256 of the token in the feed's URL."""

    __tablename__ = "calendar_feeds"

    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]


class PhaseCheckpointRow(Base):
    """Where an athlete's replay of the phase gates stood after every logged day up to `as_of`, so the next
    "today" replays only the days since (coach/phases.py, PhaseCheckpoint; store/replays.py).

    Triggers (revision 0021) delete it when anything dated on or before `as_of` is written, changed or
    deleted; `inputs_sha256` names the program and start date it was replayed under.
    """

    __tablename__ = "phase_checkpoints"

    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True)
    inputs_sha256: Mapped[str] = mapped_column(String(64))
    phase_index: Mapped[int]
    phase_start: Mapped[dt.date]
    as_of: Mapped[dt.date]
    # The athlete's revision in the snapshot it was replayed from (store/replays.py, save).
    revision: Mapped[int]


class ExerciseMediaRow(Base):
    """A coach's own media for a library exercise: an uploaded video or image file, or a link."""

    __tablename__ = "exercise_media"
    __table_args__ = (
        CheckConstraint("kind IN ('file', 'link')", name="kind"),
        Index("ix_exercise_media_exercise_id_owner_user_id", "exercise_id", "owner_user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    file_name: Mapped[str | None] = mapped_column(String(100))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime]
