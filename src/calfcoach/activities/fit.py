"""Read FIT activity files (records, laps, session totals) into a Track, over the fast decoder."""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np

from calfcoach.activities.fitdecode_fast import FIT_EPOCH_S, TIMESTAMP, decode_messages
from calfcoach.activities.model import ActivityError, FloatArray, Totals, Track

FILE_ID, SPORT, SESSION, LAP, RECORD = 0, 12, 18, 19, 20
_FILE_ACTIVITY = 4
_RELATIVE_LIMIT = 0x10000000  # FIT date_time values below this count seconds since the device powered on
_SEMICIRCLE_DEG = 180.0 / 2**31
_WANTED = {
    FILE_ID: frozenset({0, 1, 2, 3, 4}),
    SPORT: frozenset({0, 1}),
    SESSION: frozenset({2, 5, 6, 7, 8, 9, 11, 16, 22, 23, TIMESTAMP}),
    LAP: frozenset({2, 7, 8, 9, 11, 15, 21, 22, TIMESTAMP}),
    RECORD: frozenset({TIMESTAMP, 0, 1, 2, 3, 4, 5, 6, 8, 53, 73, 78}),
}


def sniff_fit(head: bytes) -> bool:
    """Tell whether the start of a file is a FIT header."""
    return len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT"


@cache
def _enum(name: str) -> dict[int, str]:
    """Names from the FIT profile that fitdecode ships (imported only when a name is needed)."""
    from fitdecode import profile

    values: dict[int, str] = profile.FIELD_TYPES[name].enum
    return values


def _first(column: FloatArray | None) -> float | None:
    if column is None:
        return None
    finite = column[np.isfinite(column)]
    return float(finite[0]) if len(finite) else None


def _sum(column: FloatArray | None, scale: float = 1.0) -> float | None:
    if column is None or not np.isfinite(column).any():
        return None
    return float(np.nansum(column)) / scale


def _when(value: float | None) -> dt.datetime | None:
    if value is None or value < _RELATIVE_LIMIT:
        return None
    return dt.datetime.fromtimestamp(value + FIT_EPOCH_S, tz=dt.UTC)


def read_fit(
    data: bytes, source: str
) -> tuple[Track, dict[str, str | None], Totals | None, tuple[Totals, ...], bool, list[str]]:
    """Return the track, metadata, session totals, lap totals, whether times are clock times, and warnings."""
    messages = decode_messages(data, source, _WANTED)
    warnings = messages.warnings
    columns = messages.columns
    file_id = columns.get(FILE_ID, {})
    file_type = _first(file_id.get(0))
    if file_type is not None and int(file_type) != _FILE_ACTIVITY:
        kind = _enum("file").get(int(file_type), f"type {int(file_type)}")
        raise ActivityError(
            f"this FIT file is a '{kind}' file, not an activity", where=source, hint="nothing to import"
        )
    rec = columns.get(RECORD)
    if rec is None or (TIMESTAMP not in rec and 0 not in rec):
        raise ActivityError(
            "the FIT file has no track points (record messages)", where=source, hint="nothing to import"
        )
    n = len(rec[-1])
    nan = np.full(n, np.nan)
    raw_time = rec.get(TIMESTAMP, nan)
    absolute = raw_time >= _RELATIVE_LIMIT
    clock = bool(absolute.any())
    if clock:
        # Records before the clock was set (time since power-on) get no time and are left out later.
        time_s = np.where(absolute, raw_time + FIT_EPOCH_S, np.nan)
    else:
        time_s = raw_time
        if np.isfinite(raw_time).any():
            warnings.append(
                "the device recorded no clock time (only time since power-on): start time unknown"
            )
    altitude = rec.get(78, nan)
    altitude = np.where(np.isnan(altitude), rec.get(2, nan), altitude) / 5.0 - 500.0
    distance = rec.get(5, nan) / 100.0
    speed_distance = messages.raw.get(RECORD, {}).get(8)
    if np.isnan(distance).all() and speed_distance is not None and speed_distance.shape[1] >= 3:
        distance = _accumulated_distance(speed_distance)
    cadence = rec.get(4, nan) + np.nan_to_num(rec.get(53, np.zeros(n)) / 128.0)
    track = Track(
        time_s=time_s,
        lat_deg=rec.get(0, nan) * _SEMICIRCLE_DEG,
        lon_deg=rec.get(1, nan) * _SEMICIRCLE_DEG,
        elevation_m=altitude,
        distance_m=distance,
        hr_bpm=rec.get(3, nan),
        cadence_rpm=cadence,
    )
    session = columns.get(SESSION)
    sport_msg = columns.get(SPORT, {})
    sport_code = _first(session.get(5)) if session else None
    sub_code = _first(session.get(6)) if session else None
    sport_code = sport_code if sport_code is not None else _first(sport_msg.get(0))
    sub_code = sub_code if sub_code is not None else _first(sport_msg.get(1))
    totals = _totals(session, ascent=22, descent=23, hr=16) if session else None
    laps_cols = columns.get(LAP)
    laps: tuple[Totals, ...] = ()
    if laps_cols:
        laps = tuple(
            _totals({k: v[i : i + 1] for k, v in laps_cols.items()}, ascent=21, descent=22, hr=15)
            for i in range(len(laps_cols[-1]))
        )
    manufacturer = _first(file_id.get(1))
    serial = _first(file_id.get(3))
    product = _first(file_id.get(2))
    device = None
    if manufacturer is not None:
        device = _enum("manufacturer").get(int(manufacturer), f"manufacturer {int(manufacturer)}")
        if product is not None:
            device += f" product {int(product)}"
    meta = {
        "sport": _enum("sport").get(int(sport_code)) if sport_code is not None else None,
        "sub_sport": _enum("sub_sport").get(int(sub_code)) if sub_code is not None else None,
        "device": device,
        "serial": str(int(serial)) if serial is not None else None,
    }
    return track, meta, totals, laps, clock, warnings


def _totals(cols: dict[int, FloatArray], *, ascent: int, descent: int, hr: int) -> Totals:
    return Totals(
        start_time=_when(_first(cols.get(2))),
        elapsed_s=_sum(cols.get(7), 1000.0),
        timer_s=_sum(cols.get(8), 1000.0),
        distance_m=_sum(cols.get(9), 100.0),
        ascent_m=_sum(cols.get(ascent)),
        descent_m=_sum(cols.get(descent)),
        calories_kcal=_sum(cols.get(11)),
        avg_hr_bpm=_first(cols.get(hr)),
    )


def _accumulated_distance(raw: np.ndarray) -> FloatArray:
    """Unpack compressed_speed_distance: 12-bit distance in 1/16 m that rolls over, accumulated."""
    b1 = raw[:, 1].astype(np.int64)
    b2 = raw[:, 2].astype(np.int64)
    invalid = (raw[:, 0] == 0xFF) & (raw[:, 1] == 0xFF) & (raw[:, 2] == 0xFF)
    ticks = (b1 >> 4) | (b2 << 4)
    valid_ticks = ticks[~invalid]
    steps = np.diff(valid_ticks, prepend=valid_ticks[:1]) % 4096
    out = np.full(len(raw), np.nan)
    out[~invalid] = (np.cumsum(steps) + (valid_ticks[0] if len(valid_ticks) else 0)) / 16.0
    return out
