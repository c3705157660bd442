"""Move everything of the local athlete out of and into a database: JSON, or a folder of CSV files.

An import is read and checked in full before the database is opened: the same checks `log`, `checkin`,
`test`, `cleared` and the API make on each record, so an import cannot store what they refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from calfcoach.domain.errors import InputError, NotFoundError, Said
from calfcoach.i18n import N_
from calfcoach.library.programs import get_program
from calfcoach.services.athletes import local_athlete, local_athlete_id
from calfcoach.services.days import check_day
from calfcoach.services.logbook import check_session
from calfcoach.services.safety import check_symptoms
from calfcoach.services.views import Exported, Imported
from calfcoach.store.csv_exchange import read_csv_folder, write_csv
from calfcoach.store.exchange import (
    ExportDocument,
    dumps,
    export_athlete,
    export_json_file,
    import_document,
    read_document,
    record_counts,
)
from calfcoach.store.store import Store

# An activity's id is the start of the SHA-256 of the file it was read from (services/activities.py).
ACTIVITY_ID_HEX_CHARS = 12
NOTHING_IMPORTED = N_("{problem}; nothing was imported")


def csv_folder(path: Path) -> Path:
    """Where `export FILE.csv` writes its tables: the folder FILE (one CSV per kind of record)."""
    return path.with_suffix("")


def export_to(store: Store, path: Path) -> Exported:
    """Export the local athlete to FILE.json or FILE.csv (a folder of CSV tables); say what was written."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise InputError(
            N_("cannot tell the format from {name}"),
            where=str(path),
            hint=N_("name it FILE.json or FILE.csv"),
            name=repr(path.name),
        )
    athlete_id = local_athlete_id(store)
    if suffix == ".json":
        counts = export_json_file(store, athlete_id, path)
        return Exported(format="json", path=str(path), files=[str(path)], counts=counts)
    with store.reader() as uow:
        document = export_athlete(uow, athlete_id)
    written = write_csv(document, csv_folder(path))
    return Exported(
        format="csv",
        path=str(csv_folder(path)),
        files=[str(p) for p in written],
        counts=record_counts(document),
    )


def export_json(store: Store, athlete_id: int) -> str:
    """Return an athlete's export document as JSON text (what the web and the API offer to download)."""
    with store.reader() as uow:
        return dumps(export_athlete(uow, athlete_id))


def _folder_of(path: Path) -> Path | None:
    return path if path.is_dir() else csv_folder(path) if path.suffix.lower() == ".csv" else None


def read_export(path: Path, *, today: dt.date) -> ExportDocument:
    """Read an export (FILE.json, or a CSV folder) and check every record; nothing is opened or written."""
    folder = _folder_of(path)
    if folder is not None:
        if not folder.is_dir():
            raise InputError(
                N_("not a folder of CSV files"), where=str(folder), hint=N_("give the folder `export` wrote")
            )
        document = read_csv_folder(folder)
    else:
        document = read_document(path)
    check_export(document, today=today, source=str(folder or path))
    return document


@contextmanager
def _in_record(source: str, place: str) -> Iterator[None]:
    """Name the file and the record in a check's error (the check itself names the field)."""
    try:
        yield
    except InputError as error:
        inner = f"{place}.{error.where}" if error.where else place
        # The check's own fields go along: its hint is a template of them, said in the reader's language.
        raise InputError(
            NOTHING_IMPORTED,
            where=f"{source}: {inner}",
            hint=error.hint_template,
            **{**error.fields, "problem": Said(error.said)},
        ) from None
    except NotFoundError as error:
        raise InputError(NOTHING_IMPORTED, where=f"{source}: {place}", problem=Said(error.text_in)) from None


def check_export(document: ExportDocument, *, today: dt.date, source: str) -> None:
    """Refuse what `log`, `checkin`, `test`, `cleared` and the API refuse, naming the record."""
    with _in_record(source, "profile.program_id"):
        get_program(document.profile.program_id)
    for index, session in enumerate(document.sessions):
        with _in_record(source, f"sessions[{index}] (id {session.id!r})"):
            check_session(session, today)
    for index, checkin in enumerate(document.checkins):
        with _in_record(source, f"checkins[{index}]"):
            check_day(checkin.day, today, N_("the check-in"))
            check_symptoms(checkin.symptoms)
    for index, result in enumerate(document.tests):
        with _in_record(source, f"tests[{index}]"):
            check_day(result.day, today, N_("the test"))
    for index, note in enumerate(document.notes):
        with _in_record(source, f"notes[{index}]"):
            check_day(note.day, today, N_("the note"))
    for index, clearance in enumerate(document.clearances):
        with _in_record(source, f"clearances[{index}]"):
            check_day(clearance.day, today, N_("the clearance"))
    for index, screening in enumerate(document.screenings):
        with _in_record(source, f"screenings[{index}]"):
            check_day(screening.taken_at.date(), today, N_("the screening"))
    for index, activity in enumerate(document.activities):
        with _in_record(source, f"activities[{index}] (id {activity.id!r})"):
            check_day(activity.start_time.date(), today, N_("the activity"))
            if activity.id != activity.content_sha256[:ACTIVITY_ID_HEX_CHARS]:
                raise InputError(
                    N_(
                        "the content hash {hash}... does not match the activity's id (the id is the start "
                        "of the hash of the file it was read from)"
                    ),
                    where="content_sha256",
                    hint=N_("import the recording's file itself with `calfcoach activities import`"),
                    hash=activity.content_sha256[:ACTIVITY_ID_HEX_CHARS],
                )


def import_from(store: Store, document: ExportDocument) -> Imported:
    """Import a checked export as the local athlete, in one transaction; say truly what was stored.

    Into an empty database it becomes the athlete; into one whose athlete (the one chosen, when there are
    several) has no records yet it fills it; otherwise it is refused, so two histories are never mixed.
    """
    with store.unit_of_work() as uow:
        into = None if uow.athletes.count() == 0 else local_athlete(uow).id
        summary = import_document(uow, document, into=into)
        uow.commit()
    return Imported(
        athlete_id=summary.athlete_id, counts=dict(summary.counts), duplicates=dict(summary.duplicates)
    )
