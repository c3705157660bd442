"""Export an athlete's records as CSV files in a folder, one file per kind, for spreadsheets.

Columns are the JSON export's fields; nested values (a planned session's items, an activity summary)
are JSON text in their cell. The JSON export is the one to import back; CSV is for reading.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from calfcoach.store.exchange import export_athlete, write_text_atomically
from calfcoach.store.store import Store

SESSION_COLUMNS = (
    "id", "day", "started_at", "program_id", "phase_id", "template_id", "planned_for",
    "completed", "rpe", "pain_during", "pain_after", "notes",
)  # fmt: skip
SET_COLUMNS = (
    "session_id",
    "day",
    "exercise_id",
    "block",
    "set_index",
    "side",
    "reps",
    "hold_s",
    "load_kg",
    "rpe",
)
CARDIO_COLUMNS = (
    "session_id", "day", "exercise_id", "block", "duration_s", "distance_m", "avg_speed_kmh", "grade_pct",
    "level", "floors", "avg_hr_bpm", "running_s", "activity_id",
)  # fmt: skip
CHECKIN_COLUMNS = ("day", "morning_pain", "stiffness", "notes")
TEST_COLUMNS = ("day", "kind", "left", "right", "eyes_closed", "notes")
NOTE_COLUMNS = ("day", "created_at", "text")
PLANNED_COLUMNS = (
    "plan_created_at", "day", "program_id", "phase_id", "template_id", "name", "minutes", "hard",
    "items", "notes",
)  # fmt: skip
ACTIVITY_COLUMNS = (
    "id", "sport", "start_time", "distance_m", "elapsed_s", "moving_s", "elevation_gain_m",
    "elevation_loss_m", "avg_speed_mps", "gap_speed_mps", "points", "source_file", "content_sha256",
    "device", "summary",
)  # fmt: skip


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _table(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return out.getvalue()


def csv_tables(document: dict[str, Any]) -> dict[str, str]:
    """Return the CSV files (name -> text) for an export document."""
    sessions = document["sessions"]
    profile = document["profile"]
    return {
        "profile.csv": _table(("field", "value"), ({"field": k, "value": v} for k, v in profile.items())),
        "sessions.csv": _table(SESSION_COLUMNS, sessions),
        "sets.csv": _table(
            SET_COLUMNS,
            ({"session_id": s["id"], "day": s["day"], **row} for s in sessions for row in s["sets"]),
        ),
        "cardio.csv": _table(
            CARDIO_COLUMNS,
            ({"session_id": s["id"], "day": s["day"], **row} for s in sessions for row in s["cardio"]),
        ),
        "checkins.csv": _table(CHECKIN_COLUMNS, document["checkins"]),
        "tests.csv": _table(TEST_COLUMNS, document["tests"]),
        "notes.csv": _table(NOTE_COLUMNS, document["notes"]),
        "planned_sessions.csv": _table(
            PLANNED_COLUMNS,
            (
                {"plan_created_at": p["created_at"], **planned}
                for p in document["plans"]
                for planned in p["plan"]["sessions"]
            ),
        ),
        "activities.csv": _table(ACTIVITY_COLUMNS, document["activities"]),
    }


def export_csv(store: Store, athlete_id: int, folder: Path) -> list[Path]:
    """Write one CSV file per kind of record into `folder` (created if needed); return the files."""
    with store.reader() as uow:
        document = export_athlete(uow, athlete_id)
    written: list[Path] = []
    for name, content in csv_tables(document).items():
        target = folder / name
        write_text_atomically(target, content)
        written.append(target)
    return written
