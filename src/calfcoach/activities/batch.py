"""Import many recordings: files, folders, zips and Strava bulk exports, streamed one file at a time."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from calfcoach.activities.model import Activity, ActivityError
from calfcoach.activities.registry import detect, read_parts
from calfcoach.activities.stream import (
    GZIP_MAGIC,
    MAX_FILE_BYTES,
    MAX_RATIO,
    RATIO_FREE_BYTES,
    SNIFF_BYTES,
    Readable,
)
from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_

MAX_ZIP_MEMBERS = 100_000
_ZIP_MAGIC = b"PK\x03\x04"
_UNPACK_ERRORS = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error)


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one activity of a file: an activity (perhaps with warnings), an error, or a skip.

    A file that holds several activities gives one outcome each, with sources 'file#1', 'file#2', ...;
    parts that are not activities are skipped with the reason. `error` and `skipped` are English (the
    API's and the logs'); `refusal` is the error they were written from, to be said in a person's language.
    """

    source: str
    activity: Activity | None = None
    error: str | None = None
    skipped: str | None = None
    refusal: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.activity is not None


@dataclass(frozen=True)
class _ExportRow:
    name: str | None
    sport: str | None


class _Prefixed:
    """A stream whose first bytes were already read (to tell zip from the rest): gives them back first."""

    def __init__(self, head: bytes, rest: Readable) -> None:
        self._head = head
        self._rest = rest

    def read(self, n: int = -1) -> bytes:
        if self._head:
            if n < 0:
                out, self._head = self._head + self._rest.read(), b""
                return out
            out, self._head = self._head[:n], self._head[n:]
            return out
        return self._rest.read(n)


class _Member:
    """A zip member's bytes, refused past `limit` (a member's declared size may lie) and with unpacking
    failures (a bad CRC found at its end) reported as the member's error."""

    def __init__(self, handle: IO[bytes], limit: int, source: str) -> None:
        self._handle = handle
        self._limit = limit
        self._source = source
        self._read = 0

    def read(self, n: int = -1) -> bytes:
        try:
            data = self._handle.read(n)
        except _UNPACK_ERRORS as exc:
            raise ActivityError(
                _CANNOT_UNPACK, where=self._source, hint=N_("the zip file is damaged"), problem=str(exc)
            ) from None
        self._read += len(data)
        if self._read > self._limit:
            raise ActivityError(
                N_("expands to {size} MB or more, past the size or compression-ratio limit (a zip bomb?)"),
                where=self._source,
                hint=N_("refused for safety"),
                size=self._read // 2**20,
            )
        return data


def _outcomes(stream: Readable, source: str, row: _ExportRow | None = None) -> Iterator[ImportOutcome]:
    try:
        parts = read_parts(stream, source=source)
    except ActivityError as exc:
        yield _failed(exc, source)
        return
    except Exception as exc:  # a reader bug must not end the batch: report it against the file
        problem = f"{type(exc).__name__}: {exc}"
        yield _failed(
            ActivityError(N_("could not be read ({problem})"), where=source, problem=problem), source
        )
        return
    refusals = [part for part in parts if isinstance(part, ActivityError)]
    if len(refusals) == len(parts):  # no activity in the file: each part fails
        for refusal in refusals:
            yield _failed(refusal, refusal.where or source)
        return
    for part in parts:
        if isinstance(part, ActivityError):
            yield ImportOutcome(source=part.where or source, skipped=part.render(), refusal=part)
            continue
        if row is not None:
            part = replace(part, name=row.name or part.name, sport_hint=row.sport or part.sport_hint)
        yield ImportOutcome(source=part.source, activity=part)


def _failed(refusal: InputError, source: str) -> ImportOutcome:
    """The outcome of a file (or a part of one) refused: its English text and the refusal itself."""
    return ImportOutcome(source=source, error=refusal.render(), refusal=refusal)


_CANNOT_READ = N_("cannot be read ({problem})")
_CANNOT_UNPACK = N_("cannot be unpacked ({problem})")


def _looks_like_activity(head: bytes) -> bool:
    return head.startswith(GZIP_MAGIC) or detect(head) is not None


def iter_import(paths: Iterable[Path]) -> Iterator[ImportOutcome]:
    """Yield the outcomes of every file found under the paths; a bad file never stops the rest."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from _from_file(child, explicit=False)
        elif path.is_file():
            yield from _from_file(path, explicit=True)
        else:
            yield _failed(ActivityError(N_("no such file or folder"), where=str(path)), str(path))


def iter_import_file(handle: BinaryIO, name: str) -> Iterator[ImportOutcome]:
    """Yield the outcomes of one uploaded file object: a recording (plain or gzipped) or a zip of them.

    The file is read as a stream, never whole. A zip needs a seekable file object (an upload spooled to
    disk is); name is the uploaded file's name, used as the outcomes' source.
    """
    yield from _from_handle(handle, name, explicit=True)


def _from_file(path: Path, *, explicit: bool) -> Iterator[ImportOutcome]:
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _failed(ActivityError(_CANNOT_READ, where=source, problem=exc.strerror), source)
        return
    with handle:
        yield from _from_handle(handle, source, explicit=explicit)


def _from_handle(handle: BinaryIO, source: str, *, explicit: bool) -> Iterator[ImportOutcome]:
    try:
        head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        yield _failed(ActivityError(_CANNOT_READ, where=source, problem=exc.strerror), source)
        return
    if head.startswith(_ZIP_MAGIC):
        if not handle.seekable():
            whole = N_("a zip file must be uploaded as a whole file to be opened")
            yield _failed(ActivityError(whole, where=source), source)
            return
        yield from _from_zip(handle, source)
        return
    if not explicit and not _looks_like_activity(head):
        yield ImportOutcome(source=source, skipped="not an activity file")
        return
    yield from _outcomes(_Prefixed(head, handle), source)


def _from_zip(handle: BinaryIO, path: str) -> Iterator[ImportOutcome]:
    try:
        handle.seek(0)
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError) as exc:
        unreadable = ActivityError(N_("not a readable zip file ({problem})"), where=path, problem=str(exc))
        yield _failed(unreadable, path)
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ZIP_MEMBERS:
            many = N_("holds {count} files, over the {most} limit")
            yield _failed(ActivityError(many, where=path, count=len(members), most=MAX_ZIP_MEMBERS), path)
            return
        export = _strava_rows(archive)
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
                yield _failed(_bomb(source, member.file_size), source)
                continue
            try:
                opened = archive.open(member)
            except _UNPACK_ERRORS as exc:
                yield _failed(ActivityError(_CANNOT_UNPACK, where=source, problem=str(exc)), source)
                continue
            with opened:
                stream = _Member(opened, limit, source)  # the header's size may lie: never read past it
                try:
                    head = stream.read(SNIFF_BYTES)
                except ActivityError as exc:
                    yield _failed(exc, source)
                    continue
                if head.startswith(_ZIP_MAGIC):
                    yield ImportOutcome(source=source, skipped="a zip inside a zip is not opened")
                    continue
                if export is None and not _looks_like_activity(head):
                    yield ImportOutcome(source=source, skipped="not an activity file")
                    continue
                yield from _outcomes(_Prefixed(head, stream), source, row)


def _bomb(source: str, size: int) -> ActivityError:
    """A zip member whose declared size is past the limit, refused before it is opened."""
    return ActivityError(
        N_(
            "expands to {size} MB or more, past the size or compression-ratio limit (a zip bomb?); refused"
            " for safety"
        ),
        where=source,
        size=size // 2**20,
    )


def _strava_rows(archive: zipfile.ZipFile) -> dict[str, _ExportRow] | None:
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
