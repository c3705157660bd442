"""Read FIT activity files (records, laps, session totals) into tracks, over the fast decoder.

A FIT file may hold several activities: chained FIT files (a walk, then a run) give one each, and a
multisport file (a triathlon) gives one per session, its transitions left out with a note. Chained files
that are not activities (settings, a workout) are skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import numpy.typing as npt

from calfcoach.activities.fitdecode_fast import FIT_EPOCH_S, TIMESTAMP, FitMessages, decode_messages
from calfcoach.activities.model import NOTHING_TO_IMPORT, ActivityError, FloatArray, Totals, Track
from calfcoach.domain.errors import Phrase, phrase_of
from calfcoach.i18n import N_

FILE_ID, SPORT, SESSION, LAP, RECORD = 0, 12, 18, 19, 20
_FILE_ACTIVITY = 4
_RELATIVE_LIMIT = 0x10000000  # FIT date_time values below this count seconds since the device powered on
_SEMICIRCLE_DEG = 180.0 / 2**31
_START_TIME, _SPORT, _SUB_SPORT, _ELAPSED, _FIRST_LAP, _NUM_LAPS = 2, 5, 6, 7, 25, 26
_WANTED = {
    FILE_ID: frozenset({0, 1, 2, 3, 4}),
    SPORT: frozenset({0, 1}),
    SESSION: frozenset({2, 5, 6, 7, 8, 9, 11, 16, 22, 23, 25, 26, TIMESTAMP}),
    LAP: frozenset({2, 7, 8, 9, 11, 15, 21, 22, TIMESTAMP}),
    RECORD: frozenset({TIMESTAMP, 0, 1, 2, 3, 4, 5, 6, 8, 53, 73, 78}),
}
_RECORD_VALUES = (TIMESTAMP, 0, 1, 2, 3, 4, 5, 78)  # time, position, altitude, heart rate, cadence, distance
_SPEED_DISTANCE = 8  # record.compressed_speed_distance: three bytes, kept raw by the decoder
_POSITION = -1  # the decoder's column of each message's byte position in the file
_NOTHING = NOTHING_TO_IMPORT

Columns = dict[int, dict[int, FloatArray]]
Raw = dict[int, dict[int, npt.NDArray[np.uint8]]]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class FitPart:
    """One activity of a FIT file: its track, what the device said about it, and warnings."""

    track: Track
    sport: str | None
    sub_sport: str | None
    device: str | None
    serial: str | None
    totals: Totals | None
    laps: tuple[Totals, ...]
    clock_known: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class _Note:
    """A remark on a left-out piece of the file, told with the activity next to it."""

    text: str


@dataclass(frozen=True)
class _Empty:
    """A chained FIT file without a file_id, records or sessions (data a device appends to an activity)."""

    number: int


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


def read_fit(data: bytes, source: str) -> list[FitPart | ActivityError]:
    """Return the activities of a FIT file in file order, and an ActivityError for each part skipped.

    Raises ActivityError when nothing in the file is an activity, giving the reasons.
    """
    messages = decode_messages(data, source, _WANTED)
    items: list[FitPart | ActivityError | _Note] = []
    count = len(messages.files)
    empty: list[int] = []
    for number, (start, end) in enumerate(messages.files, start=1):
        if count == 1:
            columns, raw, where = messages.columns, messages.raw, Phrase(N_("the FIT file"))
        else:
            columns, raw = _within(messages, start, end)
            where = Phrase(
                N_("chained FIT file {number} of {count} (bytes {start}-{end})"),
                number=number,
                count=count,
                start=start,
                end=end,
            )
        for item in _read_file(columns, raw, where, source, number=number, chained=count > 1):
            if isinstance(item, _Empty):
                empty.append(item.number)
                continue
            if empty:
                items.append(_empty_note(empty, count))
                empty = []
            items.append(item)
    if empty:
        items.append(_empty_note(empty, count))
    parts: list[FitPart | ActivityError] = [i for i in items if not isinstance(i, _Note)]
    activities = [i for i, p in enumerate(parts) if isinstance(p, FitPart)]
    if not activities:
        errors = [p for p in parts if isinstance(p, ActivityError)]
        if len(errors) == 1:
            raise ActivityError(errors[0].template, where=source, hint=_NOTHING, **errors[0].fields)
        if errors:
            reasons: list[object] = [phrase_of(e) for e in errors[:3]]
            raise ActivityError(
                N_("none of the {count} chained FIT files is an activity: {reasons}"),
                where=source,
                hint=_NOTHING,
                count=count,
                reasons=Phrase.joined([*reasons, "..."] if len(errors) > 3 else reasons),
            )
        raise ActivityError(
            N_("the FIT file has no track points (record messages)"), where=source, hint=_NOTHING
        )
    # A note goes with the activity after the piece it is about (or before it, at the end of the file).
    pending: list[str] = []
    index = 0
    notes: dict[int, list[str]] = {}
    for item in items:
        if isinstance(item, _Note):
            pending.append(item.text)
        else:
            if isinstance(item, FitPart) and pending:
                notes.setdefault(index, []).extend(pending)
                pending = []
            index += 1
    if pending:
        notes.setdefault(activities[-1], []).extend(pending)
    # The decoder's warnings are about the end of the data (a cut file, trailing bytes).
    notes.setdefault(activities[-1], []).extend(messages.warnings)
    for i, extra in notes.items():
        part = parts[i]
        if isinstance(part, FitPart):
            parts[i] = replace(part, warnings=tuple(extra) + part.warnings)
    return parts


def _empty_note(numbers: list[int], count: int) -> _Note:
    if len(numbers) == 1:
        return _Note(f"chained FIT file {numbers[0]} of {count} holds no records or sessions: left out")
    listed = ", ".join(str(n) for n in numbers)
    return _Note(f"chained FIT files {listed} of {count} hold no records or sessions: left out")


def _within(messages: FitMessages, start: int, end: int) -> tuple[Columns, Raw]:
    """The messages whose bodies lie in [start, end): those of one FIT file of a chain."""
    columns: Columns = {}
    raw: Raw = {}
    for num, cols in messages.columns.items():
        inside = (cols[_POSITION] >= start) & (cols[_POSITION] < end)
        if inside.any():
            columns[num] = {k: v[inside] for k, v in cols.items()}
            raw[num] = {k: v[inside] for k, v in messages.raw.get(num, {}).items()}
    return columns, raw


def _read_file(
    columns: Columns, raw: Raw, where: Phrase, source: str, *, number: int, chained: bool
) -> list[FitPart | ActivityError | _Note | _Empty]:
    """Read one FIT file (one of a chain, or the whole file): its activities, or why it has none."""
    file_id = columns.get(FILE_ID, {})
    file_type = _first(file_id.get(0))
    if file_type is not None and int(file_type) != _FILE_ACTIVITY:
        kind = _enum("file").get(int(file_type), f"type {int(file_type)}")
        return [
            ActivityError(
                N_("{part} is a '{kind}' file, not an activity"),
                where=source,
                hint=N_("skipped; the file's activities are read") if chained else _NOTHING,
                part=where,
                kind=kind,
            )
        ]
    rec = columns.get(RECORD)
    session = columns.get(SESSION)
    speed_distance = raw.get(RECORD, {}).get(_SPEED_DISTANCE)
    if (
        rec is not None
        and not any(np.isfinite(rec[k]).any() for k in _RECORD_VALUES if k in rec)
        and (speed_distance is None or (speed_distance == 0xFF).all())
    ):
        rec = None  # records that hold nothing we read: as good as none
    if rec is None and session is None:
        if chained and not file_id:
            # Data a device appends to an activity (a chest strap's stored heart rate, for one).
            return [_Empty(number)]
        what = (
            N_("its record messages hold no time, position, altitude, distance, heart rate or cadence")
            if RECORD in columns
            else N_("it has none")
        )
        return [
            ActivityError(
                N_("{part} has no track points (record messages): {what}, and no session totals"),
                where=source,
                hint=_NOTHING,
                part=where,
                what=Phrase(what),
            )
        ]
    device, serial = _device(file_id)
    laps_cols = columns.get(LAP, {})
    n_laps = len(laps_cols[_POSITION]) if laps_cols else 0
    n_sessions = len(session[_POSITION]) if session else 0
    all_records = np.arange(len(rec[_POSITION]) if rec is not None else 0)
    if session is None or n_sessions <= 1:
        plan = [(0, all_records, np.arange(n_laps))]
        notes: list[str] = []
    else:
        plan, notes = _split(rec, session, laps_cols)
    sport_msg = columns.get(SPORT, {})
    out: list[FitPart | ActivityError | _Note | _Empty] = [_Note(n) for n in notes]
    for i, records, laps in plan:
        row = {k: v[i : i + 1] for k, v in session.items()} if session else None
        sport_code = _first(row.get(_SPORT)) if row else None
        sub_code = _first(row.get(_SUB_SPORT)) if row else None
        if row is not None and n_sessions > 1 and _sport_name(sport_code) == "transition":
            out.append(_Note(_transition_note(row)))
            continue
        fallback = i if n_sessions > 1 and sport_msg and len(sport_msg[_POSITION]) == n_sessions else 0
        if sport_code is None and sport_msg:
            sport_code = _first(sport_msg.get(0, np.full(1, np.nan))[fallback : fallback + 1])
            sub_code = _first(sport_msg.get(1, np.full(1, np.nan))[fallback : fallback + 1])
        totals = _totals(row, ascent=22, descent=23, hr=16) if row else None
        track, clock, warnings = _track(rec, raw.get(RECORD, {}), records, totals)
        if track is None:
            label = (
                Phrase(
                    N_("{part}, session {number} ({sport})"),
                    part=where,
                    number=i + 1,
                    sport=_sport_name(sport_code),
                )
                if n_sessions > 1
                else where
            )
            out.append(
                ActivityError(
                    N_("{part} has no track points and no session start time and duration"),
                    where=source,
                    hint=_NOTHING,
                    part=label,
                )
            )
            continue
        lap_totals = tuple(
            _totals({k: v[j : j + 1] for k, v in laps_cols.items()}, ascent=21, descent=22, hr=15)
            for j in laps
        )
        out.append(
            FitPart(
                track=track,
                sport=_sport_name(sport_code),
                sub_sport=_enum("sub_sport").get(int(sub_code)) if sub_code is not None else None,
                device=device,
                serial=serial,
                totals=totals,
                laps=lap_totals,
                clock_known=clock,
                warnings=tuple(warnings),
            )
        )
    return out


def _sport_name(code: float | None) -> str | None:
    return _enum("sport").get(int(code)) if code is not None else None


def _device(file_id: dict[int, FloatArray]) -> tuple[str | None, str | None]:
    manufacturer = _first(file_id.get(1))
    serial = _first(file_id.get(3))
    product = _first(file_id.get(2))
    device = None
    if manufacturer is not None:
        device = _enum("manufacturer").get(int(manufacturer), f"manufacturer {int(manufacturer)}")
        if product is not None:
            device += f" product {int(product)}"
    return device, str(int(serial)) if serial is not None else None


def _transition_note(row: dict[int, FloatArray]) -> str:
    elapsed = _sum(row.get(_ELAPSED), 1000.0)
    distance = _sum(row.get(9), 100.0)
    size = []
    if elapsed is not None:
        size.append(f"{int(elapsed) // 60} min {int(elapsed) % 60} s")
    if distance is not None:
        size.append(f"{distance:.0f} m")
    told = f" ({', '.join(size)})" if size else ""
    return f"a transition between sports{told} was left out: it is not an activity"


def _session_starts(session: dict[int, FloatArray]) -> FloatArray:
    """Each session's start in raw FIT seconds: its start_time, else its end timestamp less its duration."""
    n = len(session[_POSITION])
    start = session.get(_START_TIME, np.full(n, np.nan))
    end = session.get(TIMESTAMP, np.full(n, np.nan)) - session.get(_ELAPSED, np.full(n, np.nan)) / 1000.0
    return np.where(np.isfinite(start), start, end)


def _owners(
    times: FloatArray, positions: FloatArray, starts: FloatArray, session_positions: FloatArray
) -> IntArray | None:
    """The session each message belongs to: by time when both have times, else by file position.

    A multisport device writes each session's message when that session ends, so a message without a
    time belongs to the first session written after it. None when that cannot tell them apart.
    """
    n = len(starts)
    timed = np.isfinite(times)
    if np.isfinite(starts).all() and timed.any():
        order = np.argsort(starts, kind="stable")
        slot = np.searchsorted(starts[order], times[timed], side="right") - 1
        owner = np.full(len(times), -1, dtype=np.int64)
        owner[timed] = order[np.clip(slot, 0, n - 1)]
        if not timed.all():  # an untimed message goes with the timed one before it (or after, at the start)
            index = np.where(timed, np.arange(len(times)), -1)
            before = np.maximum.accumulate(index)
            first = int(np.flatnonzero(timed)[0])
            owner = owner[np.where(before >= 0, before, first)]
        return owner
    owner = np.minimum(np.searchsorted(session_positions, positions, side="left"), n - 1).astype(np.int64)
    if len(positions) > 1 and (owner == owner[0]).all():
        return None
    return owner


def _split(
    rec: dict[int, FloatArray] | None, session: dict[int, FloatArray], laps: dict[int, FloatArray]
) -> tuple[list[tuple[int, IntArray, IntArray]], list[str]]:
    """Which records and laps belong to each session of a multisport file, sessions in time order."""
    n = len(session[_POSITION])
    starts = _session_starts(session)
    notes: list[str] = []
    if rec is not None:
        owner = _owners(
            rec.get(TIMESTAMP, np.full(len(rec[_POSITION]), np.nan)),
            rec[_POSITION],
            starts,
            session[_POSITION],
        )
        if owner is None:
            notes.append(
                f"the file has {n} sessions, but its records carry no times to tell them apart:"
                " read as one activity"
            )
            return [
                (0, np.arange(len(rec[_POSITION])), np.arange(len(laps[_POSITION]) if laps else 0))
            ], notes
    else:
        owner = np.empty(0, dtype=np.int64)
    lap_owner = _lap_owners(session, laps, starts)
    order = np.argsort(starts, kind="stable") if np.isfinite(starts).all() else np.arange(n)
    return [(int(i), np.flatnonzero(owner == i), np.flatnonzero(lap_owner == i)) for i in order], notes


def _lap_owners(session: dict[int, FloatArray], laps: dict[int, FloatArray], starts: FloatArray) -> IntArray:
    if not laps:
        return np.empty(0, dtype=np.int64)
    count = len(laps[_POSITION])
    first, num = session.get(_FIRST_LAP), session.get(_NUM_LAPS)
    if first is not None and num is not None and np.isfinite(first).all() and np.isfinite(num).all():
        owner = np.full(count, -1, dtype=np.int64)
        if first.min() >= 0 and (first + num).max() <= count:
            for i, (f, k) in enumerate(zip(first.astype(int), num.astype(int), strict=True)):
                owner[f : f + k] = i
            return owner
    lap_times = laps.get(_START_TIME, np.full(count, np.nan))
    lap_times = np.where(np.isfinite(lap_times), lap_times, laps.get(TIMESTAMP, np.full(count, np.nan)))
    owner_or_none = _owners(lap_times, laps[_POSITION], starts, session[_POSITION])
    return owner_or_none if owner_or_none is not None else np.zeros(count, dtype=np.int64)


def _track(
    rec: dict[int, FloatArray] | None,
    raw: dict[int, npt.NDArray[np.uint8]],
    index: IntArray,
    totals: Totals | None,
) -> tuple[Track | None, bool, list[str]]:
    """The track of the records at index; without records, the session's start and end as two points."""
    warnings: list[str] = []
    n = len(index)
    if rec is None or n == 0:
        return _totals_track(totals, warnings)
    whole = n == len(rec[_POSITION])
    cols = rec if whole else {k: v[index] for k, v in rec.items()}
    nan = np.full(n, np.nan)
    raw_time = cols.get(TIMESTAMP, nan)
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
        elif totals is not None and totals.start_time is not None:
            warnings.append(
                "the records carry no times: the start time and duration are the session's own totals"
            )
    altitude = cols.get(78, nan)
    altitude = np.where(np.isnan(altitude), cols.get(2, nan), altitude) / 5.0 - 500.0
    distance = cols.get(5, nan) / 100.0
    speed_distance = raw.get(_SPEED_DISTANCE)
    if np.isnan(distance).any() and speed_distance is not None and speed_distance.shape[1] >= 3:
        # Records without a distance field may carry it packed (a foot pod's compressed speed/distance).
        packed = _accumulated_distance(speed_distance if whole else speed_distance[index])
        distance = np.where(np.isnan(distance), packed, distance)
    cadence = cols.get(4, nan) + np.nan_to_num(cols.get(53, np.zeros(n)) / 128.0)
    track = Track(
        time_s=time_s,
        lat_deg=cols.get(0, nan) * _SEMICIRCLE_DEG,
        lon_deg=cols.get(1, nan) * _SEMICIRCLE_DEG,
        elevation_m=altitude,
        distance_m=distance,
        hr_bpm=cols.get(3, nan),
        cadence_rpm=cadence,
    )
    return track, clock, warnings


def _totals_track(totals: Totals | None, warnings: list[str]) -> tuple[Track | None, bool, list[str]]:
    """Two points, at the start and the end of a session that has no records: its totals, nothing more."""
    if totals is None or totals.start_time is None or not totals.elapsed_s:
        return None, True, warnings
    start = totals.start_time.timestamp()
    distance = totals.distance_m if totals.distance_m is not None else np.nan
    warnings.append("the session has no records: read from its totals (start, duration, distance) only")
    track = Track(time_s=np.array([start, start + totals.elapsed_s]), distance_m=np.array([0.0, distance]))
    return track, True, warnings


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
