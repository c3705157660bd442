"""A clinic's database, made up: coaches with their clients, each client with years of training history.

50 coaches with 40 clients each (2,000 athletes) and two years of history by default: three sessions a
week (9 in 10 done; strength sessions with calf raises, toe raises, bent-knee raises and stretches, and
walks), a morning check-in after each, a heel-rise test every four weeks and a knee-to-wall test every
eight, a watch recording for one walk in three of every fourth client, a sign-up screening, and, for one
client in ten, pain above the limit in the last ten days (an open pain flag on the dashboard). One client
in a hundred reported a swollen calf a year ago and was cleared by a physiotherapist a week later.

Rows go straight into the store's tables by PostgreSQL COPY (the schema made by the store's migrations),
with triggers and foreign-key checks off for the load (`session_replication_role = replica`); the
revision numbers the triggers would have raised are set once at the end. Every athlete and coach gets an
API token, `clinic-athlete-N` and `clinic-coach-N`, for the load test.

    .venv/bin/python benchmarks/clinic_data.py [--coaches 50] [--clients 40] [--days 730] [--keep]
                                               [--postgres postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find `benchmarks`

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "calfcoach_clinic_bench"
PROGRAM = "calf-foundations-to-running"
SESSION_HOUR_UTC = 18
# The foundations phase of the program: (exercise, block, reps or None, hold_s or None) of each set.
Item = tuple[str, str, int | None, float | None]
STRENGTH_A: list[Item] = [
    ("toe-raise-ledge", "calves", 15, None),
    ("calf-raise-step", "calves", 12, None),
    ("bent-knee-calf-raise", "calves", 12, None),
]
STRENGTH_B: list[Item] = [
    ("calf-raise-step", "calves", 12, None),
    ("knee-bends", "calves", 12, None),
    ("toe-raise-ledge", "calves", 15, None),
]
STRETCHES: list[Item] = [
    ("seated-forward-reach-stretch", "stretch", None, 30.0),
    ("wall-calf-stretch-bent", "stretch", None, 30.0),
]
TEMPLATES = ("strength-a", "walk", "strength-b")


def athlete_token(index: int) -> str:
    """The API token the generator gives athlete number `index` (0-based)."""
    return f"clinic-athlete-{index}"


def coach_token(index: int) -> str:
    """The API token the generator gives coach number `index` (0-based)."""
    return f"clinic-coach-{index}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Shape:
    """What to make: coaches, clients of each, days of history ending yesterday."""

    coaches: int = 50
    clients: int = 40
    days: int = 730

    @property
    def athletes(self) -> int:
        return self.coaches * self.clients


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


class _Rows:
    """The rows of every table, with the ids the database would give, collected before one COPY each."""

    def __init__(self) -> None:
        self.tables: dict[str, tuple[Sequence[str], list[tuple[Any, ...]]]] = {}
        self.ids: dict[str, int] = {}

    def add(self, table: str, columns: Sequence[str], values: tuple[Any, ...]) -> int:
        """Add a row to `table` (its id column first when the table has one) and return that id."""
        _, rows = self.tables.setdefault(table, (columns, []))
        rows.append(values)
        return len(rows)

    def next_id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]


USER = ("id", "email", "password_hash", "role", "created_at")
ATHLETE = (
    "id",
    "user_id",
    "name",
    "start_date",
    "weekdays",
    "minutes_per_session",
    "equipment",
    "level",
    "goal",
    "birth_year",
    "sex",
    "weight_kg",
    "program_id",
    "units",
    "load_units",
    "time_zone",
    "created_at",
    "revision",
)
COACH_CLIENT = ("coach_user_id", "athlete_id", "created_at")
TOKEN = ("id", "user_id", "name", "token_sha256", "created_at", "last_used_at")
SESSION = (
    "id",
    "athlete_id",
    "uid",
    "day",
    "started_at",
    "started_offset_s",
    "program_id",
    "phase_id",
    "template_id",
    "planned_for",
    "completed",
    "rpe",
    "pain_during",
    "pain_after",
    "pain_from",
    "pain_site",
    "notes",
)
SET = (
    "id",
    "session_id",
    "position",
    "exercise_id",
    "block",
    "set_index",
    "side",
    "reps",
    "hold_s",
    "load_kg",
    "rpe",
)
CARDIO = (
    "id",
    "session_id",
    "position",
    "exercise_id",
    "block",
    "duration_s",
    "distance_m",
    "avg_speed_kmh",
    "grade_pct",
    "level",
    "floors",
    "avg_hr_bpm",
    "running_s",
    "activity_id",
)
CHECKIN = ("id", "athlete_id", "day", "morning_pain", "stiffness", "symptoms", "notes", "recorded_at")
TEST = ("id", "athlete_id", "day", "kind", "left_value", "right_value", "eyes_closed", "notes")
SCREENING = ("id", "athlete_id", "taken_at", "taken_offset_s", "answers", "flagged", "urgent")
CLEARANCE = ("id", "athlete_id", "day", "by", "note", "recorded_at")
ACTIVITY = (
    "athlete_id",
    "id",
    "sport",
    "start_time",
    "distance_m",
    "elapsed_s",
    "moving_s",
    "elevation_gain_m",
    "elevation_loss_m",
    "avg_speed_mps",
    "gap_speed_mps",
    "points",
    "source_file",
    "content_sha256",
    "device",
    "track_zlib",
    "summary",
)
# A 20-minute walk's track as the store keeps it (zlib of float64 columns, ~1,200 points): its size matters
# to any query that reads whole activity rows.
_TRACK = zlib.compress(
    b"".join(
        (i * 1.0).hex().encode() + (52.5 + i * 1e-5).hex().encode() + (13.4 + i * 1e-5).hex().encode()
        for i in range(1200)
    )
)


def _athlete_rows(rows: _Rows, shape: Shape, index: int, today: dt.date, questions: Sequence[str]) -> None:
    """Every row of one athlete: account, profile, coach link, token, screening and two years of logs."""
    chance = random.Random(index)
    start = today - dt.timedelta(days=shape.days)
    joined = _at(start, 9)
    user_id = shape.coaches + index + 1
    rows.add("users", USER, (user_id, f"athlete{index}@clinic.example.org", None, "athlete", joined))
    athlete_id = index + 1
    weekdays = [0, 2, 4] if index % 2 == 0 else [1, 3, 5]
    rows.add(
        "athletes",
        ATHLETE,
        (
            athlete_id,
            user_id,
            f"Client {index}",
            start,
            json.dumps(weekdays),
            30,
            json.dumps(["chair", "step", "wall"]),
            "beginner",
            "start_running",
            1950 + index % 50,
            ("female", "male", "unspecified")[index % 3],
            60.0 + index % 40,
            PROGRAM,
            "metric",
            None,
            "Europe/Berlin" if index % 5 == 0 else None,
            joined,
            1,
        ),
    )
    rows.add("coach_clients", COACH_CLIENT, (index // shape.clients + 1, athlete_id, joined))
    rows.add(
        "api_tokens",
        TOKEN,
        (rows.next_id("api_tokens"), user_id, "clinic", _digest(athlete_token(index)), joined, None),
    )
    answers = json.dumps(dict.fromkeys(questions, False))
    rows.add(
        "screenings", SCREENING, (rows.next_id("screenings"), athlete_id, joined, 0, answers, "[]", False)
    )
    in_pain = index % 10 == 3  # an open pain flag: sessions above the limit in the last ten days
    records = index % 4 == 1  # wears a watch on walks
    swelling = start + dt.timedelta(days=shape.days // 2) if index % 100 == 7 else None
    load_kg = 0.0
    done = 0
    for offset in range(shape.days):
        day = start + dt.timedelta(days=offset)
        if swelling is not None and day == swelling:
            rows.add(
                "checkins",
                CHECKIN,
                (rows.next_id("checkins"), athlete_id, day, 2, 2, '["calf-swelling"]', "", _at(day, 7)),
            )
            cleared = day + dt.timedelta(days=7)
            rows.add(
                "clearances",
                CLEARANCE,
                (rows.next_id("clearances"), athlete_id, cleared, "Dr Physio", "no clot", _at(cleared, 12)),
            )
        if offset % 28 == 27:
            rows.add(
                "test_results",
                TEST,
                (
                    rows.next_id("test_results"),
                    athlete_id,
                    day,
                    "heel_raise",
                    18.0 + offset // 56,
                    17.0 + offset // 60,
                    False,
                    "",
                ),
            )
        if offset % 56 == 55:
            rows.add(
                "test_results",
                TEST,
                (rows.next_id("test_results"), athlete_id, day, "knee_to_wall", 9.5, 10.0, False, ""),
            )
        if day.weekday() not in weekdays or chance.random() > 0.9:
            continue
        template = TEMPLATES[done % 3]
        done += 1
        recent = (today - day).days <= 10
        pain = chance.choice((6, 7)) if in_pain and recent else chance.choice((0, 0, 1, 1, 2, 3))
        session_id = rows.next_id("performed_sessions")
        rows.add(
            "performed_sessions",
            SESSION,
            (
                session_id,
                athlete_id,
                f"clinic-{index}-{offset}",
                day,
                _at(day, SESSION_HOUR_UTC),
                0,
                PROGRAM,
                "foundations",
                template,
                day,
                True,
                float(chance.randint(4, 7)),
                pain,
                max(0, pain - 1),
                "[]",
                None,
                "",
            ),
        )
        cardio_position = 0
        if template == "walk":
            activity_id = f"walk-{index}-{offset}" if records and done % 3 == 2 else None
            if activity_id is not None:
                rows.add(
                    "activities",
                    ACTIVITY,
                    (
                        athlete_id,
                        activity_id,
                        "walking",
                        _at(day, SESSION_HOUR_UTC),
                        1850.0,
                        1260.0,
                        1200.0,
                        12.0,
                        11.0,
                        1.54,
                        1.55,
                        1200,
                        f"{activity_id}.fit",
                        _digest(activity_id),
                        "",
                        _TRACK,
                        "{}",
                    ),
                )
            rows.add(
                "cardio_logs",
                CARDIO,
                (
                    rows.next_id("cardio_logs"),
                    session_id,
                    cardio_position,
                    "brisk-walk",
                    "walk",
                    1200.0,
                    1850.0,
                    5.55,
                    None,
                    None,
                    None,
                    None,
                    None,
                    activity_id,
                ),
            )
            exercises: list[Item] = STRETCHES
        else:
            rows.add(
                "cardio_logs",
                CARDIO,
                (
                    rows.next_id("cardio_logs"),
                    session_id,
                    cardio_position,
                    "brisk-walk",
                    "warm-up",
                    300.0,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
            )
            load_kg = min(20.0, load_kg + (0.5 if done % 6 == 0 else 0.0))
            exercises = (STRENGTH_A if template == "strength-a" else STRENGTH_B) + STRETCHES
        position = 0
        for exercise, block, reps, hold in exercises:
            for set_index in range(3 if reps is not None else 1):
                rows.add(
                    "set_logs",
                    SET,
                    (
                        rows.next_id("set_logs"),
                        session_id,
                        position,
                        exercise,
                        block,
                        set_index,
                        "both",
                        reps,
                        hold,
                        load_kg if exercise == "calf-raise-step" else 0.0,
                        None,
                    ),
                )
                position += 1
        morning = day + dt.timedelta(days=1)
        if morning < today:
            rows.add(
                "checkins",
                CHECKIN,
                (
                    rows.next_id("checkins"),
                    athlete_id,
                    morning,
                    min(10, max(0, pain - 1 + chance.randint(-1, 1))),
                    chance.randint(0, 3),
                    "[]",
                    "",
                    _at(morning, 7),
                ),
            )


def _coach_rows(rows: _Rows, shape: Shape, today: dt.date) -> None:
    opened = _at(today - dt.timedelta(days=shape.days + 7), 9)
    for index in range(shape.coaches):
        user_id = index + 1
        rows.add("users", USER, (user_id, f"coach{index}@clinic.example.org", None, "coach", opened))
        rows.add(
            "api_tokens",
            TOKEN,
            (rows.next_id("api_tokens"), user_id, "clinic", _digest(coach_token(index)), opened, None),
        )


def _questions() -> list[str]:
    from calfcoach.library.screening import load_questionnaire

    return [question.id for question in load_questionnaire().questions]


# In the order foreign keys need (they are not checked during the load, but the order is the readable one).
TABLE_ORDER = (
    "users",
    "athletes",
    "coach_clients",
    "api_tokens",
    "screenings",
    "performed_sessions",
    "set_logs",
    "activities",
    "cardio_logs",
    "checkins",
    "test_results",
    "clearances",
)
SERIAL_TABLES = (
    "users",
    "athletes",
    "api_tokens",
    "screenings",
    "performed_sessions",
    "set_logs",
    "cardio_logs",
    "checkins",
    "test_results",
    "clearances",
)


def fill(url: str, shape: Shape, today: dt.date) -> dict[str, int]:
    """Create the schema in the (empty) database at `url` and fill it; return the rows written per table.

    Rows are made and copied in batches of 100 athletes, so memory stays flat whatever the size.
    """
    from calfcoach.store import open_store

    open_store(url).close()  # the schema, by the store's own migrations
    questions = _questions()
    written: dict[str, int] = {}
    ids: dict[str, int] = {}
    with psycopg.connect(_plain(url)) as connection:
        connection.execute("SET session_replication_role = replica")  # no triggers, no FK checks: bulk load
        batch = _Rows()
        _coach_rows(batch, shape, today)
        for index in range(shape.athletes):
            _athlete_rows(batch, shape, index, today, questions)
            if index % 100 == 99 or index == shape.athletes - 1:
                _copy(connection, batch, written)
                ids = batch.ids
                batch = _Rows()
                batch.ids = ids
        # What the revision triggers (store revision 0007) would have counted: one change per row written.
        connection.execute(
            "UPDATE athletes SET revision = 1"
            " + (SELECT count(*) FROM performed_sessions s WHERE s.athlete_id = athletes.id)"
            " + (SELECT count(*) FROM checkins c WHERE c.athlete_id = athletes.id)"
        )
        for table in SERIAL_TABLES:
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )
        connection.commit()
    with psycopg.connect(_plain(url), autocommit=True) as connection:
        connection.execute("ANALYZE")
    return written


def _copy(connection: psycopg.Connection[Any], rows: _Rows, written: dict[str, int]) -> None:
    with connection.cursor() as cursor:
        for table in TABLE_ORDER:
            if table not in rows.tables:
                continue
            columns, values = rows.tables[table]
            names = ", ".join(f'"{c}"' for c in columns)
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            written[table] = written.get(table, 0) + len(values)


def _plain(url: str) -> str:
    """A libpq URL from an SQLAlchemy one (no `+psycopg`)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def database_url(admin_url: str, name: str) -> str:
    """The URL of database `name` on the server of `admin_url`."""
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def clinic_database(admin_url: str, name: str, *, keep: bool) -> Iterator[str]:
    """Create database `name` (dropping one an earlier run left); yield its URL; drop it after unless kept."""
    with psycopg.connect(_plain(admin_url), autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(admin_url, name)
    finally:
        if not keep:
            with psycopg.connect(_plain(admin_url), autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_clinic(url: str, shape: Shape, today: dt.date) -> dict[str, int]:
    """Fill the database at `url` and print what was written and how long it took."""
    started = time.perf_counter()
    written = fill(url, shape, today)
    seconds = time.perf_counter() - started
    total = sum(written.values())
    print(
        f"{shape.coaches} coaches x {shape.clients} clients, {shape.days} days of history: {total:,} rows in "
        f"{seconds:.0f} s ({total / seconds:,.0f} rows/s)"
    )
    print("  " + ", ".join(f"{table} {count:,}" for table, count in written.items()))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coaches", type=int, default=Shape.coaches)
    parser.add_argument("--clients", type=int, default=Shape.clients, help="clients per coach")
    parser.add_argument("--days", type=int, default=Shape.days, help="days of history, ending yesterday")
    parser.add_argument("--postgres", default=POSTGRES_ADMIN, help="admin URL of the PostgreSQL server")
    parser.add_argument(
        "--database", default=DATABASE, help="the database to create (an existing one is dropped)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database after (default: drop it)")
    options = parser.parse_args()
    shape = Shape(options.coaches, options.clients, options.days)
    with clinic_database(options.postgres, options.database, keep=options.keep) as url:
        make_clinic(url, shape, dt.date.today())
        if options.keep:
            print(f"kept: {url}")


if __name__ == "__main__":
    main()
