"""The export as CSV: a folder with one file per kind of record, for spreadsheets, and read back losslessly.

Columns are the fields of the JSON export (docs/storage.md); an empty cell means "no value" (the
field's default); lists and objects (a profile's weekdays, a planned session's items, an activity's
summary) are JSON text in their cell. Reading validates every row before anything is written, and a
problem names the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from calfcoach.domain.errors import InputError, Where, at, input_error
from calfcoach.domain.log import CardioLog, CheckIn, PerformedSession, SetLog, TestResult
from calfcoach.domain.plan import Plan, PlannedSession
from calfcoach.domain.profile import Profile
from calfcoach.i18n import N_
from calfcoach.store.exchange import (
    FORMAT,
    VERSION,
    ExportDocument,
    ExportedActivity,
    ExportedPlan,
    ImportSummary,
    export_athlete,
    import_document,
    write_text_atomically,
)
from calfcoach.store.records import ClearanceRecord, Note, Screening
from calfcoach.store.store import Store

Model = TypeVar("Model", bound=BaseModel)
LINE = N_("{file}, line {line}")
COLUMN = N_("{place}, column {column}")

_SESSION_FIELDS = tuple(f for f in PerformedSession.model_fields if f not in ("sets", "cardio"))
# name -> (columns, columns holding JSON text)
TABLES: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "export.csv": (("format", "version"), frozenset()),
    "profile.csv": (("field", "value"), frozenset()),
    "sessions.csv": (_SESSION_FIELDS, frozenset({"pain_from"})),
    "sets.csv": (("session_id", "day", *SetLog.model_fields), frozenset()),
    "cardio.csv": (("session_id", "day", *CardioLog.model_fields), frozenset()),
    "checkins.csv": (tuple(CheckIn.model_fields), frozenset({"symptoms"})),
    "tests.csv": (tuple(TestResult.model_fields), frozenset()),
    "notes.csv": (tuple(Note.model_fields), frozenset()),
    "plans.csv": (("plan", "created_at", "program_id", "notes"), frozenset({"notes"})),
    "planned_sessions.csv": (("plan", *PlannedSession.model_fields), frozenset({"items", "notes"})),
    "activities.csv": (tuple(ExportedActivity.model_fields), frozenset({"summary"})),
    "screenings.csv": (tuple(Screening.model_fields), frozenset({"answers", "flagged"})),
    "clearances.csv": (tuple(ClearanceRecord.model_fields), frozenset()),
}
_PROFILE_JSON = frozenset({"weekdays", "equipment"})
# An activity's track is one (large) cell; the csv module's default limit is 128 KiB.
_CELL_LIMIT = 256 * 1024 * 1024


_BOOL_WORDS = {"true": True, "false": False}


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
    rows: dict[str, Iterable[dict[str, Any]]] = {
        "export.csv": [{"format": document["format"], "version": document["version"]}],
        "profile.csv": ({"field": k, "value": v} for k, v in document["profile"].items()),
        "sessions.csv": sessions,
        "sets.csv": ({"session_id": s["id"], "day": s["day"], **row} for s in sessions for row in s["sets"]),
        "cardio.csv": (
            {"session_id": s["id"], "day": s["day"], **row} for s in sessions for row in s["cardio"]
        ),
        "checkins.csv": document["checkins"],
        "tests.csv": document["tests"],
        "notes.csv": document["notes"],
        "plans.csv": (
            {"plan": n, "created_at": p["created_at"], **p["plan"]}
            for n, p in enumerate(document["plans"], 1)
        ),
        "planned_sessions.csv": (
            {"plan": n, **planned}
            for n, p in enumerate(document["plans"], 1)
            for planned in p["plan"]["sessions"]
        ),
        "activities.csv": document["activities"],
        "screenings.csv": document["screenings"],
        "clearances.csv": document["clearances"],
    }
    return {name: _table(TABLES[name][0], rows[name]) for name in TABLES}


def export_csv(store: Store, athlete_id: int, folder: Path) -> list[Path]:
    """Write one CSV file per kind of record into `folder` (created if needed); return the files."""
    with store.reader() as uow:
        document = export_athlete(uow, athlete_id)
    return write_csv(document, folder)


def write_csv(document: dict[str, Any], folder: Path) -> list[Path]:
    """Write an export document as one CSV file per kind of record into `folder`; return the files."""
    written: list[Path] = []
    for name, content in csv_tables(document).items():
        target = folder / name
        write_text_atomically(target, content)
        written.append(target)
    return written


def _json(text: str, where: Where) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(N_("not valid JSON ({detail})"), where=where, detail=error.msg) from None
    except RecursionError:
        raise InputError(N_("the JSON is nested too deeply"), where=where) from None


def _rows(folder: Path, name: str, *, required: bool = False) -> list[tuple[Where, dict[str, Any]]]:
    """Read a file as (place, values) pairs; empty cells are left out, JSON cells decoded."""
    path = folder / name
    columns, json_columns = TABLES[name]
    if not path.is_file():
        if required:
            raise InputError(
                N_("the file is missing"), where=str(path), hint=N_("export again with `calfcoach export`")
            )
        return []
    found: list[tuple[Where, dict[str, Any]]] = []
    csv.field_size_limit(max(csv.field_size_limit(), min(_CELL_LIMIT, sys.maxsize)))
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            unknown = [c for c in reader.fieldnames or () if c not in columns]
            if unknown:
                raise InputError(
                    N_("unknown column {column}"),
                    where=at(LINE, file=str(path), line=1),
                    hint=N_("columns: {columns}"),
                    column=repr(unknown[0]),
                    columns=", ".join(columns),
                )
            for row in reader:
                place = at(LINE, file=str(path), line=reader.line_num)
                if None in row:
                    raise InputError(N_("more cells than columns"), where=place)
                values: dict[str, Any] = {}
                for key, cell in row.items():
                    if cell in (None, ""):
                        continue
                    values[key] = (
                        _json(cell, at(COLUMN, place=place, column=key)) if key in json_columns else cell
                    )
                found.append((place, values))
    except UnicodeDecodeError as error:
        raise InputError(N_("not UTF-8 text ({detail})"), where=str(path), detail=error.reason) from None
    except csv.Error as error:
        raise InputError(N_("not readable as CSV ({detail})"), where=str(path), detail=str(error)) from None
    return found


def _valid(model: type[Model], values: dict[str, Any], place: Where) -> Model:
    # A CSV cell is text; the models take only real booleans, so the words `_cell` writes become them
    # here (anything else is left for the model to refuse, naming the column).
    for name, spec in model.model_fields.items():
        if spec.annotation is bool and values.get(name) in _BOOL_WORDS:
            values = values | {name: _BOOL_WORDS[values[name]]}
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise input_error(error, where=place) from None  # place: file and line; then the column


def _grouped(
    folder: Path, name: str, key: str, model: type[Model], known: set[str], *, drop: tuple[str, ...] = ()
) -> dict[str, list[Model]]:
    groups: dict[str, list[Model]] = defaultdict(list)
    for place, values in _rows(folder, name):
        owner = str(values.pop(key, ""))
        for column in drop:  # convenience columns for spreadsheets, repeated from the owning row
            values.pop(column, None)
        if owner not in known:
            raise InputError(
                N_("{key} {owner} matches no row of the owning file"),
                where=at(COLUMN, place=place, column=key),
                key=key,
                owner=repr(owner),
            )
        groups[owner].append(_valid(model, values, place))
    return groups


def read_csv_folder(folder: Path) -> ExportDocument:
    """Read and validate a folder written by `export_csv`; a problem names the file, line and column."""
    for place, values in _rows(folder, "export.csv"):
        if values.get("format") != FORMAT or values.get("version") != str(VERSION):
            raise InputError(
                N_("expected format {format} version {version}"),
                where=place,
                hint=N_("upgrade CalfCoach if newer"),
                format=repr(FORMAT),
                version=VERSION,
            )
    profile_values: dict[str, Any] = {}
    for place, values in _rows(folder, "profile.csv", required=True):
        field, value = values.get("field", ""), values.get("value")
        if field in _PROFILE_JSON and value:
            value = _json(str(value), at(COLUMN, place=place, column="value"))
        profile_values[field] = value
    profile = _valid(
        Profile, {k: v for k, v in profile_values.items() if v is not None}, str(folder / "profile.csv")
    )

    session_rows = _rows(folder, "sessions.csv")
    ids = {str(values.get("id", "")) for _, values in session_rows}
    sets = _grouped(folder, "sets.csv", "session_id", SetLog, ids, drop=("day",))
    cardio = _grouped(folder, "cardio.csv", "session_id", CardioLog, ids, drop=("day",))
    sessions = [
        _valid(
            PerformedSession,
            {
                **values,
                "sets": sets.get(values.get("id", ""), []),
                "cardio": cardio.get(values.get("id", ""), []),
            },
            place,
        )
        for place, values in session_rows
    ]
    plan_rows = _rows(folder, "plans.csv")
    numbers = {str(values.get("plan", "")) for _, values in plan_rows}
    planned = _grouped(folder, "planned_sessions.csv", "plan", PlannedSession, numbers)
    plans = []
    for place, values in plan_rows:
        number = str(values.pop("plan", ""))
        created_at = values.pop("created_at", None)
        plan = _valid(Plan, {**values, "sessions": planned.get(number, [])}, place)
        plans.append(_valid(ExportedPlan, {"created_at": created_at, "plan": plan}, place))
    activities = []
    for place, values in _rows(folder, "activities.csv"):
        activity = _valid(ExportedActivity, values, place)
        try:
            activity.to_activity()
        except (ValueError, zlib.error) as error:
            raise InputError(
                N_("the activity does not decode ({detail})"), where=place, detail=str(error)
            ) from None
        activities.append(activity)
    return ExportDocument(
        format=FORMAT,
        version=VERSION,
        profile=profile,
        sessions=tuple(sessions),
        checkins=tuple(_valid(CheckIn, v, p) for p, v in _rows(folder, "checkins.csv")),
        tests=tuple(_valid(TestResult, v, p) for p, v in _rows(folder, "tests.csv")),
        notes=tuple(_valid(Note, v, p) for p, v in _rows(folder, "notes.csv")),
        plans=tuple(plans),
        activities=tuple(activities),
        screenings=tuple(_valid(Screening, v, p) for p, v in _rows(folder, "screenings.csv")),
        clearances=tuple(_valid(ClearanceRecord, v, p) for p, v in _rows(folder, "clearances.csv")),
    )


def import_csv_folder(store: Store, folder: Path, *, into: int | None = None) -> ImportSummary:
    """Validate a CSV export folder, then import it in one transaction (a bad file writes nothing)."""
    if not folder.is_dir():
        raise InputError(
            N_("not a folder of CSV files"), where=str(folder), hint=N_("give the folder `export` wrote")
        )
    document = read_csv_folder(folder)
    with store.unit_of_work() as uow:
        summary = import_document(uow, document, into=into)
        uow.commit()
    return summary
