"""Import many recordings: files, folders, zips and Strava bulk exports, streamed one file at a time."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from calfcoach.activities.model import Activity, ActivityError
from calfcoach.activities.registry import MAX_FILE_BYTES, MAX_RATIO, RATIO_FREE_BYTES, detect, read_activity

MAX_ZIP_MEMBERS = 100_000
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file: an activity (perhaps with warnings), an error, or a skip with its reason."""

    source: str
    activity: Activity | None = None
    error: str | None = None
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return self.activity is not None


@dataclass(frozen=True)
class _ExportRow:
    name: str | None
    sport: str | None


def _outcome(data: bytes, source: str, row: _ExportRow | None = None) -> ImportOutcome:
    try:
        activity = read_activity(data, source=source)
    except ActivityError as exc:
        return ImportOutcome(source=source, error=exc.render())
    except Exception as exc:  # a reader bug must not end the batch: report it against the file
        return ImportOutcome(
            source=source, error=f"{source}: could not be read ({type(exc).__name__}: {exc})"
        )
    if row is not None:
        activity = replace(
            activity, name=row.name or activity.name, sport_hint=row.sport or activity.sport_hint
        )
    return ImportOutcome(source=source, activity=activity)


def _looks_like_activity(head: bytes) -> bool:
    return head.startswith(_GZIP_MAGIC) or detect(head) is not None


def iter_import(paths: Iterable[Path]) -> Iterator[ImportOutcome]:
    """Yield one outcome per file found under the paths; a bad file never stops the rest."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from _from_file(child, explicit=False)
        elif path.is_file():
            yield from _from_file(path, explicit=True)
        else:
            yield ImportOutcome(source=str(path), error=f"{path}: no such file or folder")


def _from_file(path: Path, *, explicit: bool) -> Iterator[ImportOutcome]:
    source = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        yield ImportOutcome(source=source, error=f"{source}: cannot be read ({exc.strerror})")
        return
    if head.startswith(_ZIP_MAGIC):
        yield from _from_zip(path)
        return
    if not explicit and not _looks_like_activity(head):
        yield ImportOutcome(source=source, skipped="not an activity file")
        return
    if size > MAX_FILE_BYTES:
        yield ImportOutcome(source=source, error=f"{source}: {size // 2**20} MB is over the size limit")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ImportOutcome(source=source, error=f"{source}: cannot be read ({exc.strerror})")
        return
    yield _outcome(data, source)


def _from_zip(path: Path) -> Iterator[ImportOutcome]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield ImportOutcome(source=str(path), error=f"{path}: not a readable zip file ({exc})")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ZIP_MEMBERS:
            yield ImportOutcome(
                source=str(path),
                error=f"{path}: holds {len(members)} files, over the {MAX_ZIP_MEMBERS} limit",
            )
            return
        export = _strava_rows(archive, path)
        for member in members:
            name = PurePosixPath(member.filename)
            source = f"{path}!{member.filename}"
            if export is not None:
                if not (len(name.parts) == 2 and name.parts[0] == "activities"):
                    continue  # an export's other folders (media, routes, clubs) hold no activities
                row = export.get(member.filename)
            else:
                row = None
            ratio_limit = max(RATIO_FREE_BYTES, MAX_RATIO * member.compress_size)
            limit = min(MAX_FILE_BYTES, ratio_limit)
            if member.file_size > limit:
                yield ImportOutcome(source=source, error=_bomb(source, member.file_size))
                continue
            try:
                with archive.open(member) as handle:
                    data = handle.read(limit + 1)  # the header's size may lie: never read past the limit
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                yield ImportOutcome(source=source, error=f"{source}: cannot be unpacked ({exc})")
                continue
            if len(data) > limit:
                yield ImportOutcome(source=source, error=_bomb(source, len(data)))
                continue
            if data.startswith(_ZIP_MAGIC):
                yield ImportOutcome(source=source, skipped="a zip inside a zip is not opened")
                continue
            if export is None and not _looks_like_activity(data[:4096]):
                yield ImportOutcome(source=source, skipped="not an activity file")
                continue
            yield _outcome(data, source, row)


def _bomb(source: str, size: int) -> str:
    return (
        f"{source}: expands to {size // 2**20} MB or more, past the size or compression-ratio limit"
        " (a zip bomb?); refused for safety"
    )


def _strava_rows(archive: zipfile.ZipFile, path: Path) -> dict[str, _ExportRow] | None:
    """Read activities.csv of a Strava bulk export: name and type by file name (first of repeated columns)."""
    try:
        info = archive.getinfo("activities.csv")
    except KeyError:
        return None
    if info.file_size > 64 * 2**20:
        return {}
    with archive.open(info) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text)
        header = next(reader, [])
        first: dict[str, int] = {}
        for i, column in enumerate(header):
            first.setdefault(column.strip(), i)
        rows: dict[str, _ExportRow] = {}
        f_i, n_i, t_i = first.get("Filename"), first.get("Activity Name"), first.get("Activity Type")
        if f_i is None:
            return rows
        for record in reader:
            if len(record) <= f_i or not record[f_i].strip():
                continue  # a manual entry: no file
            rows[record[f_i].strip()] = _ExportRow(
                name=record[n_i].strip() or None if n_i is not None and n_i < len(record) else None,
                sport=record[t_i].strip() or None if t_i is not None and t_i < len(record) else None,
            )
    return rows
