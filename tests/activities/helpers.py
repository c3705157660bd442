"""Shared test helpers: where the real device files are, and small GPX and FIT builders."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

from calfcoach.activities.fitcrc import crc16_reference


def _shared_data() -> Path:
    # ../shared sits beside the checkout: beside /work/main, and two levels up from a worktree in /work/wt.
    for folder in Path(__file__).resolve().parents[2].parents:
        candidate = folder / "shared" / "data" / "activities"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[2].parent / "shared" / "data" / "activities"


DATA = _shared_data()
GPX_NS = "http://www.topografix.com/GPX/1/1"
TPX_V1 = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def gpx_doc(body: str, *, ns: str = GPX_NS, extra: str = "") -> bytes:
    """Wrap track XML in a GPX root."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="{ns}"'
        f' xmlns:gpxtpx="{TPX_V1}" {extra}>{body}</gpx>'
    ).encode()


def trkpt(
    lat: float, lon: float, *, ele: float | None = None, time: str | None = None, hr: int | None = None
) -> str:
    """One GPX track point."""
    inner = ""
    if ele is not None:
        inner += f"<ele>{ele}</ele>"
    if time is not None:
        inner += f"<time>{time}</time>"
    if hr is not None:
        inner += (
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
            "</gpxtpx:TrackPointExtension></extensions>"
        )
    return f'<trkpt lat="{lat}" lon="{lon}">{inner}</trkpt>'


def fit_file(messages: Sequence[bytes], *, header_size: int = 14) -> bytes:
    """Build a FIT file from raw message bytes, with correct header and file CRCs."""
    body = b"".join(messages)
    header = struct.pack("<BBHI4s", header_size, 0x20, 2100, len(body), b".FIT")
    if header_size == 14:
        header += struct.pack("<H", crc16_reference(header))
    data = header + body
    return data + struct.pack("<H", crc16_reference(data))


def fit_definition(local: int, global_num: int, fields: Sequence[tuple[int, int, int]]) -> bytes:
    """A little-endian definition message: fields as (number, size, base type byte)."""
    out = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
    return out + b"".join(struct.pack("BBB", *f) for f in fields)


def fit_data(local: int, fmt: str, *values: int, compressed_offset: int | None = None) -> bytes:
    """A data message (normal header, or compressed-timestamp header with a 5-bit time offset)."""
    if compressed_offset is None:
        head = bytes([local & 0x0F])
    else:
        head = bytes([0x80 | (local & 0x03) << 5 | (compressed_offset & 0x1F)])
    return head + struct.pack("<" + fmt, *values)
