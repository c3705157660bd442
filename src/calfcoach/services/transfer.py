"""Move everything of the local athlete out of and into a database: JSON, or a folder of CSV files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from calfcoach.domain.errors import InputError
from calfcoach.services.athletes import local_athlete_id
from calfcoach.store.csv_exchange import export_csv, import_csv_folder
from calfcoach.store.exchange import export_json_file, import_json_file
from calfcoach.store.store import Store


def csv_folder(path: Path) -> Path:
    """Where `export FILE.csv` writes its tables: the folder FILE (one CSV per kind of record)."""
    return path.with_suffix("")


def export_to(store: Store, path: Path) -> dict[str, Any]:
    """Export the local athlete to FILE.json or FILE.csv (a folder of CSV tables); say what was written."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise InputError(
            f"cannot tell the format from {path.name!r}",
            where=str(path),
            hint="name it FILE.json or FILE.csv",
        )
    athlete_id = local_athlete_id(store)
    if suffix == ".json":
        counts = export_json_file(store, athlete_id, path)
        return {"format": "json", "path": str(path), "files": [str(path)], "counts": counts}
    written = export_csv(store, athlete_id, csv_folder(path))
    return {"format": "csv", "path": str(csv_folder(path)), "files": [str(p) for p in written], "counts": {}}


def import_from(store: Store, path: Path) -> dict[str, Any]:
    """Import an export (FILE.json, or a CSV folder) as the local athlete, in one transaction.

    Into an empty database it becomes the athlete; into one whose athlete has no records yet it fills it;
    otherwise it is refused, so two histories are never mixed.
    """
    with store.reader() as uow:
        existing = uow.athletes.first()
    into = None if existing is None else existing.id
    folder = path if path.is_dir() else csv_folder(path) if path.suffix.lower() == ".csv" else None
    if folder is not None:
        summary = import_csv_folder(store, folder, into=into)
    else:
        summary = import_json_file(store, path, into=into)
    return {"athlete_id": summary.athlete_id, "counts": dict(summary.counts)}
