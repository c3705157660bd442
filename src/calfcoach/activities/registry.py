"""One reader per format behind a small registry; the format is told by the content, never the name."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from calfcoach.activities.fit import read_fit, sniff_fit
from calfcoach.activities.gpx import read_gpx, sniff_gpx
from calfcoach.activities.model import Activity, ActivityError
from calfcoach.activities.repair import repair_track
from calfcoach.activities.tcx import read_tcx, sniff_tcx

MAX_FILE_BYTES = 256 * 1024 * 1024  # far above a 24-hour 1 Hz recording (about 40 MB of GPX)
MAX_RATIO = 100  # gzip and zip members may not expand more than this (XML compresses about 10:1)
RATIO_FREE_BYTES = 1024 * 1024  # below this size any ratio is allowed (tiny files compress oddly)
_SNIFF_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Reader:
    """A file format: how to recognise it from its first bytes, and how to read it."""

    name: str
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes, str, str], Activity]


def _read_gpx(data: bytes, source: str, sha: str) -> Activity:
    track, meta, warnings = read_gpx(data, source)
    return Activity(
        track=track,
        source=source,
        file_format="gpx",
        content_sha256=sha,
        sport_hint=meta["sport"],
        name=meta["name"],
        device=meta["device"],
        warnings=tuple(warnings),
    )


def _read_tcx(data: bytes, source: str, sha: str) -> Activity:
    track, meta, laps, warnings = read_tcx(data, source)
    return Activity(
        track=track,
        source=source,
        file_format="tcx",
        content_sha256=sha,
        sport_hint=meta["sport"],
        name=meta["name"],
        device=meta["device"],
        serial=meta["serial"],
        laps=laps,
        warnings=tuple(warnings),
    )


def _read_fit(data: bytes, source: str, sha: str) -> Activity:
    track, meta, totals, laps, clock, warnings = read_fit(data, source)
    return Activity(
        track=track,
        source=source,
        file_format="fit",
        content_sha256=sha,
        sport_hint=meta["sport"],
        sub_sport_hint=meta["sub_sport"],
        device=meta["device"],
        serial=meta["serial"],
        laps=laps,
        totals=totals,
        clock_known=clock,
        warnings=tuple(warnings),
    )


READERS: tuple[Reader, ...] = (
    Reader("fit", sniff_fit, _read_fit),
    Reader("tcx", sniff_tcx, _read_tcx),
    Reader("gpx", sniff_gpx, _read_gpx),
)


def detect(data: bytes) -> Reader | None:
    """Return the reader whose format the content matches, or None."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML: sniff its text
        head = head.decode("utf-16", errors="ignore").encode()
    for reader in READERS:
        if reader.sniff(head):
            return reader
    return None


def gunzip_limited(data: bytes, source: str) -> bytes:
    """Decompress gzip data, refusing output over MAX_FILE_BYTES or MAX_RATIO times the input."""
    limit = min(MAX_FILE_BYTES, max(RATIO_FREE_BYTES, MAX_RATIO * len(data)))
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ActivityError(
            f"the gzip data is damaged ({exc})", where=source, hint="copy or download the file again"
        ) from None
    if len(out) > limit:
        raise ActivityError(
            f"the compressed file expands past {limit // (1024 * 1024)} MB (a zip bomb?)",
            where=source,
            hint="refused for safety; a real recording is far smaller",
        )
    if not inflater.eof:
        raise ActivityError(
            "the gzip data is cut short", where=source, hint="copy or download the file again"
        )
    return out


def read_activity(data: bytes, *, source: str) -> Activity:
    """Read one recording (GPX, TCX or FIT, plain or gzipped) and repair what can be repaired."""
    if len(data) > MAX_FILE_BYTES:
        raise ActivityError(
            f"the file is {len(data) // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit",
            where=source,
            hint="a real recording is far smaller; check the file",
        )
    if data.startswith(_GZIP_MAGIC):
        data = gunzip_limited(data, source)
    if not data or data.isspace():  # isspace() looks without copying a large file
        raise ActivityError("the file is empty", where=source, hint="nothing to import")
    reader = detect(data)
    if reader is None:
        raise ActivityError(
            "not a GPX, TCX or FIT activity (judged by its content)",
            where=source,
            hint="export the activity as GPX, TCX or FIT",
        )
    activity = reader.read(data, source, hashlib.sha256(data).hexdigest())
    if len(activity.track) == 0:
        raise ActivityError("the recording has no points", where=source, hint="nothing to import")
    track, warnings = repair_track(activity.track, clock_known=activity.clock_known)
    if len(track) == 0:
        raise ActivityError("no point of the recording could be kept", where=source, hint="nothing to import")
    if not track.has_times:
        warnings.append("the recording has no times: distance and climb only, no duration or pace")
    if not track.has_positions and not track.has_times:
        raise ActivityError(
            "the recording has neither positions nor times", where=source, hint="nothing to import"
        )
    from dataclasses import replace

    return replace(activity, track=track, warnings=activity.warnings + tuple(warnings))
