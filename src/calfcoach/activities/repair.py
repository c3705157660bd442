"""Repair what devices get wrong: missing times, time going backwards or repeating, GPS jumps, bad values."""

from __future__ import annotations

import numpy as np

from calfcoach.activities.geo import step_distances_m
from calfcoach.activities.model import Track

MAX_SPEED_MPS = 100.0  # faster than any walk, run or ride: a jump of the GPS fix, not a movement
HR_RANGE_BPM = (25.0, 250.0)
ELEVATION_RANGE_M = (-500.0, 9000.0)


def repair_track(track: Track, *, clock_known: bool = True) -> tuple[Track, list[str]]:
    """Return a track whose times strictly increase and whose positions have no impossible jumps.

    clock_known is False for devices that count seconds since power-on: any such time is plausible.
    """
    warnings: list[str] = []
    if track.has_times:
        track = _order_times(track, warnings, earliest_s=EARLIEST_TIME_S if clock_known else 0.0)
        track = _drop_jumps(track, warnings)
    hr = track.hr_bpm
    bad_hr = np.isfinite(hr) & ((hr < HR_RANGE_BPM[0]) | (hr > HR_RANGE_BPM[1]))
    ele = track.elevation_m
    bad_ele = np.isfinite(ele) & ((ele < ELEVATION_RANGE_M[0]) | (ele > ELEVATION_RANGE_M[1]))
    if bad_hr.any() or bad_ele.any():
        cols = {
            name: getattr(track, name)
            for name in ("time_s", "lat_deg", "lon_deg", "distance_m", "cadence_rpm")
        }
        track = Track(
            **cols,
            hr_bpm=np.where(bad_hr, np.nan, hr),
            elevation_m=np.where(bad_ele, np.nan, ele),
            segment=track.segment,
        )
        if bad_hr.any():
            warnings.append(f"{int(bad_hr.sum())} heart-rate value(s) outside 25-250 bpm were left out")
        if bad_ele.any():
            warnings.append(f"{int(bad_ele.sum())} elevation value(s) outside -500..9000 m were left out")
    return track, warnings


def _order_times(track: Track, warnings: list[str], *, earliest_s: float) -> Track:
    t = track.time_s
    steps = np.diff(t)
    if len(t) and t[0] >= earliest_s and (steps > 0).all() and (steps <= MAX_GAP_S).all():
        return track  # the usual case: every time plausible, strictly increasing, no gap of days
    t = np.where(track.time_s >= earliest_s, track.time_s, np.nan)
    timed = np.isfinite(t)
    if timed.sum() * 2 < len(t) or len(np.unique(t[timed])) < 2:
        warnings.append(
            f"only {len(np.unique(t[timed]))} of {len(t)} points have a distinct, plausible time:"
            " times ignored (distance and climb only)"
        )
        return _with(track, time_s=np.full(len(t), np.nan))
    if not timed.all():
        warnings.append(f"{int((~timed).sum())} point(s) without a plausible time were left out")
        track = _with(track, time_s=t).take(timed)
        t = track.time_s
    gaps = np.flatnonzero(np.abs(np.diff(t)) > MAX_GAP_S)
    if len(gaps):
        # Days between two points: a corrupt tail or a stray clock, not a pause. Keep the longest run.
        bounds = np.concatenate(([0], gaps + 1, [len(t)]))
        best = int(np.argmax(np.diff(bounds)))
        keep = np.zeros(len(t), dtype=bool)
        keep[bounds[best] : bounds[best + 1]] = True
        warnings.append(
            f"{int((~keep).sum())} point(s) over {MAX_GAP_S / 86400:.0f} days from the rest were left out"
        )
        track = track.take(keep)
        t = track.time_s
    # A point earlier than one before it is dropped; points sharing a time are merged into one.
    running_max = np.maximum.accumulate(t)
    back = np.zeros(len(t), dtype=bool)
    back[1:] = t[1:] < running_max[:-1]
    if back.any():
        warnings.append(f"{int(back.sum())} point(s) left out because their time went back")
        track = track.take(~back)
        t = track.time_s
    starts = np.flatnonzero(np.concatenate(([True], np.diff(t) > 0)))
    if len(starts) < len(t):
        warnings.append(
            f"{len(t) - len(starts)} point(s) sharing a time with the one before were merged into it"
        )
        track = _merge_groups(track, starts)
    return track


MAX_GAP_S = 2 * 86400.0
EARLIEST_TIME_S = 315_964_800.0  # 1980-01-06, the GPS epoch: earlier times are placeholders, not clock times


def _with(track: Track, **columns: np.ndarray) -> Track:
    values = {name: getattr(track, name) for name in _NAMES}
    values.update(columns)
    return Track(**values)


_NAMES = ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm", "segment")


def _merge_groups(track: Track, starts: np.ndarray) -> Track:
    """Merge runs of points into one each, taking each column's first recorded value in the run."""
    n = len(track)
    big = np.iinfo(np.int64).max
    merged = {}
    for name in _NAMES:
        values = getattr(track, name)
        if name == "segment":
            merged[name] = values[starts]
            continue
        where = np.where(np.isfinite(values), np.arange(n), big)
        first = np.minimum.reduceat(where, starts)
        found = first < big
        out = np.full(len(starts), np.nan)
        out[found] = values[first[found]]
        merged[name] = out
    return Track(**merged)


def _drop_jumps(track: Track, warnings: list[str]) -> Track:
    lat, lon, t = track.lat_deg, track.lon_deg, track.time_s
    positioned = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    if len(positioned) < 2:
        return track
    steps = step_distances_m(lat[positioned], lon[positioned])
    speeds = steps / np.diff(t[positioned])
    if not (speeds > MAX_SPEED_MPS).any():
        return track
    # A spike (out and straight back) loses its position; a lasting jump (the fix moved for good,
    # e.g. after a tunnel) starts a new segment so the jump adds no distance.
    lat, lon, segment = lat.copy(), lon.copy(), track.segment.copy()
    spikes = teleports = 0
    last = positioned[0]
    for k in range(1, len(positioned)):
        i = positioned[k]
        if _speed(lat, lon, t, last, i) <= MAX_SPEED_MPS:
            last = i
            continue
        nxt = positioned[k + 1] if k + 1 < len(positioned) else None
        if nxt is not None and _speed(lat, lon, t, last, nxt) <= MAX_SPEED_MPS:
            lat[i] = lon[i] = np.nan
            spikes += 1
        else:
            segment[i:] += 1
            teleports += 1
            last = i
    if spikes:
        warnings.append(
            f"{spikes} GPS position(s) jumped faster than {MAX_SPEED_MPS:.0f} m/s and were left out"
        )
    if teleports:
        warnings.append(
            f"{teleports} GPS jump(s) faster than {MAX_SPEED_MPS:.0f} m/s were not counted as distance"
        )
    return Track(
        time_s=t,
        lat_deg=lat,
        lon_deg=lon,
        elevation_m=track.elevation_m,
        distance_m=track.distance_m,
        hr_bpm=track.hr_bpm,
        cadence_rpm=track.cadence_rpm,
        segment=segment,
    )


def _speed(lat: np.ndarray, lon: np.ndarray, t: np.ndarray, a: int, b: int) -> float:
    d = float(step_distances_m(lat[[a, b]], lon[[a, b]])[0])
    return d / max(float(t[b] - t[a]), 1e-9)
