"""Decode the messages of a FIT file into numpy columns: a struct walk over headers, numpy over the bodies.

The walk visits each message header once in Python (no object per message); the message bodies of one
definition are then gathered with a single fancy index and viewed through a structured dtype, so every
field of every record becomes a numpy column at once. Checks the header and file CRCs, follows chained
FIT files, resolves compressed-timestamp headers, and keeps what was complete in a truncated file.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from calfcoach.activities.fitcrc import crc16
from calfcoach.activities.model import ActivityError, FloatArray
from calfcoach.activities.notes import counted
from calfcoach.i18n import N_

FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z, the FIT epoch, as Unix seconds
TIMESTAMP = 253
# Base type number (low 5 bits) -> numpy kind, size in bytes, the profile's "invalid" value.
_BASE: dict[int, tuple[str, int, float]] = {
    0: ("u1", 1, 0xFF),
    1: ("i1", 1, 0x7F),
    2: ("u1", 1, 0xFF),
    3: ("i2", 2, 0x7FFF),
    4: ("u2", 2, 0xFFFF),
    5: ("i4", 4, 0x7FFFFFFF),
    6: ("u4", 4, 0xFFFFFFFF),
    8: ("f4", 4, np.nan),
    9: ("f8", 8, np.nan),
    10: ("u1", 1, 0),
    11: ("u2", 2, 0),
    12: ("u4", 4, 0),
    13: ("u1", 1, 0xFF),
    14: ("i8", 8, 0x7FFFFFFFFFFFFFFF),
    15: ("u8", 8, 0xFFFFFFFFFFFFFFFF),
    16: ("u8", 8, 0),
}
_HINT = N_("the file is damaged; copy it from the device again")


@dataclass
class _Definition:
    global_num: int
    size: int
    big_endian: bool
    fields: list[tuple[int, int, int, int]]  # field number, offset in the body, size, base type
    offsets: list[int] = field(default_factory=list)  # where each data message body starts in the file


@dataclass
class FitMessages:
    """Decoded messages by global number: one dict of field number -> float column per message kind."""

    columns: dict[int, dict[int, FloatArray]]
    raw: dict[int, dict[int, npt.NDArray[np.uint8]]]
    warnings: list[str]
    # Byte range [start, end) of the data of each FIT file read, in order (several when files are chained);
    # a message belongs to the file whose range holds its position (column -1).
    files: list[tuple[int, int]] = field(default_factory=list)


def decode_messages(data: bytes, source: str, wanted: dict[int, frozenset[int]]) -> FitMessages:
    """Decode the wanted fields of the wanted messages; raise ActivityError on a corrupt file."""
    warnings: list[str] = []
    definitions: list[_Definition] = []
    compressed: list[tuple[int, int]] = []  # (body offset, time offset) of compressed-timestamp messages
    files_read: list[tuple[int, int]] = []
    pos = 0
    files = 0
    while pos < len(data):
        header = _header(data, pos, source, first=files == 0, warnings=warnings)
        if header is None:
            break
        header_size, data_size = header
        start, end = pos + header_size, pos + header_size + data_size
        if end + 2 > len(data):
            kept, stop = _walk(
                data, start, min(end, len(data)), definitions, compressed, truncated=True, source=source
            )
            if kept:
                files_read.append((start, stop))
            if files and not kept:
                extra = len(data) - pos
                warnings.append(
                    f"ignored {extra} trailing {counted(extra, 'byte', 'bytes')} after the FIT data"
                    " (an empty, cut file)"
                )
            else:
                warnings.append(
                    f"the file is cut short (it has {len(data)} of {end + 2} bytes) and unreadable from byte"
                    f" {stop}: kept the {kept} {counted(kept, 'message', 'messages')} before;"
                    " its CRC could not be checked"
                )
            files += 1
            break
        stored_crc = struct.unpack_from("<H", data, end)[0]
        if crc16(memoryview(data)[pos:end]) != stored_crc:
            if files == 0:
                raise ActivityError(
                    N_("the FIT file's CRC does not match its contents"), where=source, hint=_HINT
                )
            warnings.append(f"ignored a chained FIT file at byte {pos} whose CRC does not match")
            break
        _walk(data, start, end, definitions, compressed, truncated=False, source=source)
        files_read.append((start, end))
        files += 1
        pos = end + 2
    columns, raw = _decode(data, definitions, wanted)
    if compressed:
        _resolve_compressed_times(data, definitions, compressed, columns, wanted)
    return FitMessages(columns=columns, raw=raw, warnings=warnings, files=files_read)


def _header(
    data: bytes, pos: int, source: str, *, first: bool, warnings: list[str]
) -> tuple[int, int] | None:
    size = data[pos]
    problem = None
    if len(data) - pos < 12 or size not in (12, 14) or data[pos + 8 : pos + 12] != b".FIT":
        problem = "not a FIT header"
    elif size == 14 and len(data) - pos >= 14:
        header_crc = struct.unpack_from("<H", data, pos + 12)[0]
        if header_crc and crc16(data[pos : pos + 12]) != header_crc:
            problem = "a FIT header whose CRC does not match"
    if problem is None:
        return size, struct.unpack_from("<I", data, pos + 4)[0]
    if first:
        # A whole sentence for each: the problem's words take another case after "with" in German.
        starts = (
            N_("the file starts with not a FIT header")
            if problem == "not a FIT header"
            else N_("the file starts with a FIT header whose CRC does not match")
        )
        raise ActivityError(starts, where=source, hint=_HINT)
    extra = len(data) - pos
    warnings.append(
        f"ignored {extra} trailing {counted(extra, 'byte', 'bytes')} after the FIT data ({problem})"
    )
    return None


def _walk(
    data: bytes,
    pos: int,
    end: int,
    definitions: list[_Definition],
    compressed: list[tuple[int, int]],
    *,
    truncated: bool,
    source: str,
) -> tuple[int, int]:
    """Walk message headers from pos to end, filing each data message under its definition."""
    local: list[_Definition | None] = [None] * 16
    count = 0
    while pos < end:
        head = data[pos]
        if head & 0x80:  # compressed timestamp header: local type in bits 5-6, time offset in bits 0-4
            d = local[(head >> 5) & 0x03]
            if d is None or pos + 1 + d.size > end:
                break
            d.offsets.append(pos + 1)
            compressed.append((pos + 1, head & 0x1F))
            pos += 1 + d.size
        elif head & 0x40:  # definition message
            if pos + 6 > end:
                break
            big = data[pos + 2] == 1
            global_num = struct.unpack_from(">H" if big else "<H", data, pos + 3)[0]
            n_fields = data[pos + 5]
            field_end = pos + 6 + 3 * n_fields
            if field_end > end:
                break
            fields = []
            offset = 0
            for i in range(pos + 6, field_end, 3):
                fields.append((data[i], offset, data[i + 1], data[i + 2] & 0x1F))
                offset += data[i + 1]
            pos = field_end
            if head & 0x20:  # developer fields: skipped, but their bytes count
                if pos + 1 > end:
                    break
                n_dev = data[pos]
                dev_end = pos + 1 + 3 * n_dev
                if dev_end > end:
                    break
                offset += sum(data[i + 1] for i in range(pos + 1, dev_end, 3))
                pos = dev_end
            d = _Definition(global_num, offset, big, fields)
            definitions.append(d)
            local[head & 0x0F] = d
        else:
            d = local[head & 0x0F]
            if d is None:
                if truncated:
                    break
                raise ActivityError(
                    N_("corrupt FIT data at byte {at}: a message uses local type {local} before defining it"),
                    where=source,
                    hint=_HINT,
                    at=pos,
                    local=head & 0x0F,
                )
            if pos + 1 + d.size > end:
                break
            d.offsets.append(pos + 1)
            pos += 1 + d.size
        count += 1
    return count, pos


def _decode(
    data: bytes, definitions: list[_Definition], wanted: dict[int, frozenset[int]]
) -> tuple[dict[int, dict[int, FloatArray]], dict[int, dict[int, npt.NDArray[np.uint8]]]]:
    buf = np.frombuffer(data, dtype=np.uint8)
    parts: dict[
        int, list[tuple[npt.NDArray[np.int64], dict[int, FloatArray], dict[int, npt.NDArray[np.uint8]]]]
    ]
    parts = {}
    for d in definitions:
        if d.global_num not in wanted or not d.offsets or d.size == 0:
            continue
        starts = np.asarray(d.offsets, dtype=np.int64)
        bodies = buf[starts[:, None] + np.arange(d.size)]
        cols: dict[int, FloatArray] = {}
        raws: dict[int, npt.NDArray[np.uint8]] = {}
        for num, offset, size, base in d.fields:
            if num not in wanted[d.global_num] or base not in _BASE:
                continue
            kind, base_size, invalid = _BASE[base]
            chunk = np.ascontiguousarray(bodies[:, offset : offset + size])
            if base == 13 or size != base_size:  # byte arrays and multi-value fields stay raw
                raws[num] = chunk
                continue
            values = chunk.view(np.dtype(kind).newbyteorder(">" if d.big_endian else "<")).ravel()
            as_float = values.astype(np.float64)
            if not np.isnan(invalid):
                as_float[values == invalid] = np.nan
            cols[num] = as_float
        parts.setdefault(d.global_num, []).append((starts, cols, raws))
    columns: dict[int, dict[int, FloatArray]] = {}
    raw: dict[int, dict[int, npt.NDArray[np.uint8]]] = {}
    for num, pieces in parts.items():
        starts = np.concatenate([p[0] for p in pieces])
        order = np.argsort(starts, kind="stable")
        names = {k for p in pieces for k in p[1]}
        columns[num] = {
            k: np.concatenate([p[1].get(k, np.full(len(p[0]), np.nan)) for p in pieces])[order] for k in names
        }
        columns[num][-1] = starts[order].astype(np.float64)  # file position, to order across kinds
        raw_names = {k for p in pieces for k in p[2]}
        raw[num] = {}
        for k in raw_names:
            widths = {p[2][k].shape[1] for p in pieces if k in p[2]}
            width = max(widths)
            stacked = [
                np.pad(p[2][k], ((0, 0), (0, width - p[2][k].shape[1])))
                if k in p[2]
                else np.full((len(p[0]), width), 0xFF, dtype=np.uint8)
                for p in pieces
            ]
            raw[num][k] = np.concatenate(stacked)[order]
    return columns, raw


def _resolve_compressed_times(
    data: bytes,
    definitions: list[_Definition],
    compressed: list[tuple[int, int]],
    columns: dict[int, dict[int, FloatArray]],
    wanted: dict[int, frozenset[int]],
) -> None:
    """Fill the timestamps of compressed-header messages from the last full timestamp before each."""
    full: list[tuple[int, int]] = []
    for d in definitions:
        for num, offset, size, _base in d.fields:
            if num == TIMESTAMP and size == 4:
                fmt = ">I" if d.big_endian else "<I"
                full.extend((start, struct.unpack_from(fmt, data, start + offset)[0]) for start in d.offsets)
    events = sorted([(p, t, False) for p, t in full] + [(p, o, True) for p, o in compressed])
    resolved: dict[int, int] = {}
    last: int | None = None
    for position, value, is_offset in events:
        if not is_offset:
            last = value
        elif last is not None:
            last = last + ((value - last) & 0x1F)
            resolved[position] = last
    for num, cols in columns.items():
        if TIMESTAMP not in wanted.get(num, frozenset()):
            continue
        positions = cols[-1].astype(np.int64)
        times = cols.get(TIMESTAMP, np.full(len(positions), np.nan))
        fill = np.array([resolved.get(int(p), np.nan) for p in positions], dtype=np.float64)
        cols[TIMESTAMP] = np.where(np.isnan(times), fill, times)
