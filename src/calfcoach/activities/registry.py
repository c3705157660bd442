"""One reader per format behind a small registry; the format is told by the content, never the name."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import BinaryIO

import numpy as np

from calfcoach.activities.fit import read_fit, sniff_fit
from calfcoach.activities.gpx import read_gpx, sniff_gpx
from calfcoach.activities.model import NOTHING_TO_IMPORT, Activity, ActivityError
from calfcoach.activities.repair import repair_track
from calfcoach.activities.stream import (
    MAX_FILE_BYTES,
    MAX_RATIO,
    RATIO_FREE_BYTES,
    SNIFF_BYTES,
    Content,
    Readable,
)
from calfcoach.activities.tcx import read_tcx, sniff_tcx
from calfcoach.i18n import N_

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_RATIO",
    "RATIO_FREE_BYTES",
    "READERS",
    "Part",
    "Reader",
    "detect",
    "read_activities",
    "read_activity",
    "read_parts",
]

# A part of a file is an activity, or the reason it is not one (a settings file chained before an activity,
# a TCX activity without points): such a part is skipped with that note when the file holds others.
Part = Activity | ActivityError


@dataclass(frozen=True)
class Reader:
    """A file format: how to recognise it from its first bytes, and how to read it from a stream.

    read(content, source) returns the file's parts in file order; content_sha256 is filled in afterwards
    (the hash covers the whole content, known only once it is read to its end).
    """

    name: str
    sniff: Callable[[bytes], bool]
    read: Callable[[Content, str], list[Part]]


def _read_gpx(content: Content, source: str) -> list[Part]:
    track, meta, warnings = read_gpx(content, source)
    return [
        Activity(
            track=track,
            source=source,
            file_format="gpx",
            content_sha256="",
            sport_hint=meta["sport"],
            name=meta["name"],
            device=meta["device"],
            warnings=tuple(warnings),
        )
    ]


def _read_tcx(content: Content, source: str) -> list[Part]:
    parts: list[Part] = []
    for part in read_tcx(content, source):
        if isinstance(part, ActivityError):
            parts.append(part)
            continue
        track, meta, laps, warnings = part
        parts.append(
            Activity(
                track=track,
                source=source,
                file_format="tcx",
                content_sha256="",
                sport_hint=meta["sport"],
                name=meta["name"],
                device=meta["device"],
                serial=meta["serial"],
                laps=laps,
                warnings=tuple(warnings),
            )
        )
    return parts


def _read_fit(content: Content, source: str) -> list[Part]:
    data = content.read_all()  # FIT files are small (a day at 1 Hz is a few MB); the size cap holds
    return [
        part
        if isinstance(part, ActivityError)
        else Activity(
            track=part.track,
            source=source,
            file_format="fit",
            content_sha256="",
            sport_hint=part.sport,
            sub_sport_hint=part.sub_sport,
            device=part.device,
            serial=part.serial,
            laps=part.laps,
            totals=part.totals,
            clock_known=part.clock_known,
            warnings=part.warnings,
        )
        for part in read_fit(data, source)
    ]


READERS: tuple[Reader, ...] = (
    Reader("fit", sniff_fit, _read_fit),
    Reader("tcx", sniff_tcx, _read_tcx),
    Reader("gpx", sniff_gpx, _read_gpx),
)


def detect(data: bytes) -> Reader | None:
    """Return the reader whose format the content (its first bytes suffice) matches, or None."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML: sniff its text
        head = head.decode("utf-16", errors="ignore").encode()
    for reader in READERS:
        if reader.sniff(head):
            return reader
    return None


def part_source(source: str, index: int, count: int) -> str:
    """The source of the index-th part (from 1) of a file of count parts: 'tri.fit#2', or the file's own."""
    return source if count == 1 else f"{source}#{index}"


def is_later_part(source: str) -> bool:
    """Tell whether a source names the second or a later part of a file ('tri.fit#2'), as part_source does."""
    _, mark, index = source.rpartition("#")
    return bool(mark) and index.isdigit() and int(index) > 1


def read_parts(source_stream: Readable, *, source: str) -> list[Part]:
    """Read every part of one file (plain or gzipped) from a stream, each activity repaired.

    Raises ActivityError when the file as a whole cannot be read (unknown format, damaged, too big).
    Each activity's content_sha256 is the SHA-256 of the decompressed file; a file with several parts
    salts it for the second and later ones, so each part is de-duplicated on its own.
    """
    content = Content(source_stream, source)
    if not content.head.strip() and len(content.head) < SNIFF_BYTES:  # nothing, or blanks only
        raise ActivityError(N_("the file is empty"), where=source, hint=NOTHING_TO_IMPORT)
    reader = detect(content.head)
    if reader is None:
        raise ActivityError(
            N_("not a GPX, TCX or FIT activity (judged by its content)"),
            where=source,
            hint=N_("export the activity as GPX, TCX or FIT"),
        )
    parts = reader.read(content, source)
    content.drain()
    sha = content.hexdigest()
    out: list[Part] = []
    for index, part in enumerate(parts, start=1):
        where = part_source(source, index, len(parts))
        if isinstance(part, ActivityError):
            # The refusal keeps its template and fields, so that it is still said in the reader's language.
            out.append(ActivityError(part.template, where=where, hint=part.hint_template, **part.fields))
            continue
        salted = sha if index == 1 else hashlib.sha256(f"{sha}#{index}".encode()).hexdigest()
        try:
            out.append(_finish(replace(part, source=where, content_sha256=salted)))
        except ActivityError as exc:
            out.append(exc)
    return out


def read_activities(source_stream: BinaryIO, *, source: str) -> list[Activity]:
    """Read every activity of one recording (GPX, TCX or FIT, plain or gzipped) from a binary stream.

    A file may hold several (a TCX with several <Activity>, a multisport or chained FIT file): each comes
    back with its own source ('file#2'). Parts that are not activities are left out; when nothing in the
    file is an activity, the (first) reason is raised as ActivityError.
    """
    parts = read_parts(source_stream, source=source)
    activities = [p for p in parts if isinstance(p, Activity)]
    if not activities:
        errors = [p for p in parts if isinstance(p, ActivityError)]
        if errors:
            raise errors[0]
        raise ActivityError(N_("the file holds no activity"), where=source, hint=NOTHING_TO_IMPORT)
    return activities


def read_activity(data: bytes, *, source: str) -> Activity:
    """Read a recording that holds one activity, from bytes (a wrapper over read_activities)."""
    activities = read_activities(io.BytesIO(data), source=source)
    if len(activities) > 1:
        raise ActivityError(
            N_("the file holds {count} activities, not one"),
            where=source,
            hint=N_("import it as a file (calfcoach import) to get one activity per part"),
            count=len(activities),
        )
    return activities[0]


def _finish(activity: Activity) -> Activity:
    source = activity.source
    if len(activity.track) == 0:
        raise ActivityError(N_("the recording has no points"), where=source, hint=NOTHING_TO_IMPORT)
    track, warnings = repair_track(activity.track, clock_known=activity.clock_known, source=source)
    if len(track) == 0:
        raise ActivityError(
            N_("no point of the recording could be kept"), where=source, hint=NOTHING_TO_IMPORT
        )
    timed_by_device = activity.totals is not None and bool(activity.totals.elapsed_s)
    if not track.has_times and not timed_by_device:
        warnings.append("the recording has no times: distance and climb only, no duration or pace")
    # A treadmill may record distance alone; its device totals then give the duration.
    has_distance = bool(np.isfinite(track.distance_m).any())
    if not track.has_positions and not track.has_times and not has_distance:
        raise ActivityError(
            N_("the recording has neither positions, times nor distances"),
            where=source,
            hint=NOTHING_TO_IMPORT,
        )
    return replace(activity, track=track, warnings=activity.warnings + tuple(warnings))
