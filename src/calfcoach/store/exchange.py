"""Export everything recorded for an athlete as one versioned JSON document, and import it back losslessly.

Format "calfcoach-export", version 1 (docs/storage.md describes it). An import is validated in full
before anything is written, and then written in one transaction: a bad file changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, ValidationError

from calfcoach.domain.base import Value
from calfcoach.domain.errors import InputError, NotFoundError, Words, at, input_error
from calfcoach.domain.log import CheckIn, PerformedSession, TestResult
from calfcoach.domain.plan import Plan
from calfcoach.domain.profile import Profile
from calfcoach.i18n import N_
from calfcoach.store.records import Activity, ClearanceRecord, Note, Screening
from calfcoach.store.uow import UnitOfWork

if TYPE_CHECKING:
    from calfcoach.store.store import Store

FORMAT = "calfcoach-export"
VERSION = 1
NOT_AN_EXPORT_HINT = N_("import a file made by `calfcoach export`")


class ExportedPlan(Value):
    created_at: dt.datetime
    plan: Plan


class ExportedActivity(Value):
    """An activity with its track as base64 of the zlib-compressed bytes (as stored)."""

    id: str
    sport: str
    start_time: dt.datetime
    distance_m: float
    elapsed_s: float
    moving_s: float
    elevation_gain_m: float | None = None
    elevation_loss_m: float | None = None
    avg_speed_mps: float | None = None
    gap_speed_mps: float | None = None
    points: int
    source_file: str = ""
    content_sha256: str
    device: str = ""
    track_zlib_base64: str = ""
    summary: dict[str, Any] = Field(default_factory=dict)

    def to_activity(self) -> Activity:
        """Return the stored form, checking the track decodes."""
        data = self.model_dump(exclude={"track_zlib_base64"})
        raw = zlib.decompress(base64.b64decode(self.track_zlib_base64, validate=True))
        return Activity(track=raw, **data)


class ExportDocument(Value):
    """Everything recorded for one athlete (accounts and passwords are never exported)."""

    format: Literal["calfcoach-export"]
    version: Literal[1]
    profile: Profile
    sessions: tuple[PerformedSession, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    tests: tuple[TestResult, ...] = ()
    notes: tuple[Note, ...] = ()
    plans: tuple[ExportedPlan, ...] = ()
    activities: tuple[ExportedActivity, ...] = ()
    screenings: tuple[Screening, ...] = ()
    clearances: tuple[ClearanceRecord, ...] = ()


class ImportSummary(Value):
    athlete_id: int
    counts: Annotated[dict[str, int], Field(description="rows imported, by kind")]
    duplicates: Annotated[
        dict[str, int], Field(description="records not stored because they were already there, by kind")
    ] = Field(default_factory=dict)


def export_athlete(uow: UnitOfWork, athlete_id: int) -> dict[str, Any]:
    """Return the JSON-ready export document for one athlete (deterministic: same data, same document)."""
    profile = uow.athletes.profile(athlete_id)
    document = ExportDocument(
        format=FORMAT,
        version=VERSION,
        profile=profile,
        sessions=tuple(uow.sessions.since(athlete_id)),
        checkins=tuple(uow.checkins.since(athlete_id)),
        tests=tuple(uow.tests.since(athlete_id)),
        notes=tuple(uow.notes.since(athlete_id)),
        plans=tuple(ExportedPlan(created_at=p.created_at, plan=p.plan) for p in uow.plans.all(athlete_id)),
        activities=tuple(
            ExportedActivity(
                **a.model_dump(exclude={"track"}),
                track_zlib_base64=base64.b64encode(zlib.compress(a.track, 6)).decode("ascii"),
            )
            for a in uow.activities.since(athlete_id, with_track=True)
        ),
        screenings=tuple(uow.screenings.all(athlete_id)),
        clearances=tuple(uow.clearances.records(athlete_id)),
    )
    dumped = document.model_dump(mode="json")
    # Sets serialise in hash order, which changes between runs; sort them so exports compare equal.
    dumped["profile"]["weekdays"] = sorted(dumped["profile"]["weekdays"])
    dumped["profile"]["equipment"] = sorted(dumped["profile"]["equipment"])
    return dumped


def dumps(document: dict[str, Any]) -> str:
    """Render an export document as JSON text."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_document(data: str | bytes, *, source: str = "import file") -> ExportDocument:
    """Validate an export document; a problem is an InputError naming the file and the place in it."""
    try:
        raw = json.loads(data)
    except RecursionError:
        raise InputError(
            N_("the JSON is nested too deeply to be an export"), where=source, hint=NOT_AN_EXPORT_HINT
        ) from None
    except json.JSONDecodeError as error:
        raise InputError(
            N_("not valid JSON: {detail}"),
            where=at(
                N_("{file}, line {line} column {column}"), file=source, line=error.lineno, column=error.colno
            ),
            hint=NOT_AN_EXPORT_HINT,
            detail=error.msg,
        ) from None
    except UnicodeDecodeError as error:
        raise InputError(N_("not UTF-8 text ({detail})"), where=source, detail=error.reason) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InputError(
            N_('not a CalfCoach export (expected "format": "{format}")'),
            where=source,
            hint=NOT_AN_EXPORT_HINT,
            format=FORMAT,
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(
            N_("the export version is missing or not a number: {version}"),
            where=f"{source}: version",
            version=repr(version),
        )
    if version > VERSION:
        raise InputError(
            N_("export format version {version} is newer than this CalfCoach reads ({known})"),
            where=f"{source}: version",
            hint=N_("upgrade CalfCoach to import it"),
            version=version,
            known=VERSION,
        )
    try:
        document = ExportDocument.model_validate(raw)
    except ValidationError as error:
        raise input_error(error, where=source) from None
    for index, activity in enumerate(document.activities):
        try:
            activity.to_activity()
        except ValidationError as error:
            raise input_error(error, where=source, within=("activities", index)) from None
        except (ValueError, zlib.error) as error:
            where = f"{source}: activities[{index}].track_zlib_base64"
            raise InputError(
                N_("the track does not decode ({detail})"), where=where, detail=str(error)
            ) from None
    return document


def _has_records(uow: UnitOfWork, athlete_id: int) -> bool:
    return bool(
        uow.sessions.count(athlete_id)
        or uow.checkins.latest(athlete_id)
        or uow.tests.since(athlete_id)
        or uow.notes.since(athlete_id)
        or uow.plans.current(athlete_id)
        or uow.activities.count(athlete_id)
        or uow.screenings.all(athlete_id)
        or uow.clearances.all(athlete_id)
    )


def import_document(uow: UnitOfWork, document: ExportDocument, *, into: int | None = None) -> ImportSummary:
    """Write a validated document: as a new athlete, or into an existing athlete that has no records yet.

    The caller commits; on any error nothing of the document stays written.
    """
    if into is None:
        athlete_id = uow.athletes.add(document.profile)
    else:
        if uow.athletes.get(into) is None:
            raise NotFoundError(N_("no athlete with id {id} in this database"), id=into)
        if _has_records(uow, into):
            raise InputError(
                N_("this athlete already has records; importing would mix two histories"),
                where=at(N_("athlete {id}"), id=into),
                hint=N_("import into an empty database, or as a new athlete"),
            )
        uow.athletes.update(into, document.profile)
        athlete_id = into
    uow.sessions.add_many(athlete_id, document.sessions)
    for checkin in document.checkins:
        uow.checkins.add(athlete_id, checkin)
    for result in document.tests:
        uow.tests.add(athlete_id, result)
    for note in document.notes:
        uow.notes.add(athlete_id, note)
    for stored in document.plans:
        uow.plans.save(athlete_id, stored.plan, created_at=stored.created_at)
    activities = 0
    for activity in document.activities:
        # The same recording twice (same content, or same start on the same device) is stored once.
        activities += uow.activities.add(athlete_id, activity.to_activity()).created
    for screening in document.screenings:
        uow.screenings.add_record(athlete_id, screening)
    for clearance in document.clearances:
        uow.clearances.add_record(athlete_id, clearance)
    return ImportSummary(
        athlete_id=athlete_id,
        counts={
            "sessions": len(document.sessions),
            "sets": sum(len(s.sets) for s in document.sessions),
            "cardio": sum(len(s.cardio) for s in document.sessions),
            "checkins": len(document.checkins),
            "tests": len(document.tests),
            "notes": len(document.notes),
            "plans": len(document.plans),
            "activities": activities,
            "screenings": len(document.screenings),
            "clearances": len(document.clearances),
        },
        duplicates={"activities": len(document.activities) - activities},
    )


def write_text_atomically(path: Path, content: str) -> None:
    """Write a file so that it is either the old one or the complete new one, never half of it.

    A place that cannot be written (no such folder and none can be made, no permission, a full disk) is an
    InputError naming the file, with nothing left behind.
    """
    write_bytes_atomically(path, content.encode("utf-8"))


def write_bytes_atomically(path: Path, content: bytes) -> None:
    """`write_text_atomically` for bytes (a FIT file, a zip)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from None
        raise


def _cannot_write(path: Path, error: OSError) -> InputError:
    why = error.strerror or str(error)
    if isinstance(error, FileExistsError | NotADirectoryError):
        why = Words(N_("a part of its path is a file, not a folder"))
    return InputError(
        N_("cannot write the file ({detail}); nothing was written"),
        where=str(path),
        hint=N_("choose a file in a folder you can write to"),
        detail=why,
    )


def read_document(path: Path) -> ExportDocument:
    """Read and validate an export file; a missing or unreadable file is an InputError naming it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            N_("cannot read the file ({detail})"), where=str(path), detail=error.strerror
        ) from None
    return parse_document(data, source=str(path))


def export_json_file(store: Store, athlete_id: int, path: Path) -> dict[str, int]:
    """Write an athlete's export document to `path` (atomically); return how many of each kind it holds."""
    with store.reader() as uow:
        document = export_athlete(uow, athlete_id)
    write_text_atomically(path, dumps(document))
    return record_counts(document)


def record_counts(document: dict[str, Any]) -> dict[str, int]:
    """How many records of each kind an export document holds (sessions, check-ins, ...)."""
    return {key: len(value) for key, value in document.items() if isinstance(value, list)}


def import_json_file(store: Store, path: Path, *, into: int | None = None) -> ImportSummary:
    """Validate an export file, then import it in one transaction (a bad file writes nothing)."""
    document = read_document(path)
    with store.unit_of_work() as uow:
        summary = import_document(uow, document, into=into)
        uow.commit()
    return summary
