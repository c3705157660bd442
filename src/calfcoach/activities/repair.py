"""Repair what devices get wrong: missing times, time going backwards or repeating, GPS jumps, bad values.

What cannot be repaired into an activity (one point, nothing covered in no time, positions off the earth,
a recording of days) is refused with an ActivityError that says what is wrong and what to do.
"""

from __future__ import annotations

import numpy as np

from calfcoach.activities.geo import step_distances_m
from calfcoach.activities.metrics import cumulative_distance_m, elapsed_s
from calfcoach.activities.model import ActivityError, Track
from calfcoach.activities.notes import counted
from calfcoach.domain.errors import Figure
from calfcoach.i18n import N_

MAX_SPEED_MPS = 100.0  # faster than any walk, run or ride: a jump of the GPS fix, not a movement
HR_RANGE_BPM = (25.0, 250.0)
ELEVATION_RANGE_M = (-500.0, 9000.0)
# Vertical speed: a vertical-kilometre record climbs about 0.6 m/s, a fast runner descends about 1.5 m/s
# and a road cyclist about 2.5 m/s; 5 m/s is beyond all of them, so a faster change is a sensor or decoding
# fault (a barometer upset, a GPS still settling), not a movement.
MAX_VERTICAL_SPEED_MPS = 5.0
# GPS altitude wanders by several metres between fixes: a change this large is allowed on top of the speed.
ELEVATION_NOISE_ALLOWANCE_M = 10.0
# Without times, a change of height over 5 m per metre along (79 degrees) beyond the allowance is not
# terrain on foot, even where sparse points cut the corners of a zigzag path up a steep face.
MAX_CLIMB_GRADE = 5.0
# Beyond this share of impossible elevations, the column is noise throughout: no value of it is trusted.
MAX_BAD_ELEVATION_SHARE = 0.1
# The longest recording that can be one activity: a walking, running or calf program has nothing longer
# than the longest single-stage mountain ultras (UTMB's cut-off is 46.5 h). Longer is a watch left
# recording or several days merged into one file, and its day, distance and climb would mislead the coach.
MAX_ELAPSED_S = 48 * 3600.0


def repair_track(
    track: Track, *, clock_known: bool = True, source: str | None = None
) -> tuple[Track, list[str]]:
    """Return a track whose times strictly increase and whose values are physically possible.

    clock_known is False for devices that count seconds since power-on: any such time is plausible.
    Each kind of repair gives at most one warning, with its count. Raises ActivityError (naming source)
    when what remains is not an activity.
    """
    warnings: list[str] = []
    points_read = len(track)
    track, off_earth = _drop_off_earth_positions(track, warnings)
    track = _drop_null_island(track, warnings)
    if off_earth and not track.has_positions and not np.isfinite(track.distance_m).any():
        raise ActivityError(
            N_("none of its {count} positions is on the earth (latitude -90..90, longitude -180..180)"),
            where=source,
            hint=N_(
                "the file is damaged or was written by a faulty program; export it again from the device"
            ),
            count=off_earth,
        )
    if track.has_times:
        track, untimed = _set_aside_untimed_tracks(track, warnings)
        track = _order_times(track, warnings, earliest_s=EARLIEST_TIME_S if clock_known else 0.0)
        track = _drop_jumps(track, warnings)
        if untimed is not None:
            track = _append(track, untimed)
    track = _clean_heart_rate(track, warnings)
    track = _clean_elevation(track, warnings)
    _check_is_activity(track, points_read, warnings, source)
    return track, warnings


def _set_aside_untimed_tracks(track: Track, warnings: list[str]) -> tuple[Track, Track | None]:
    """Split off the track segments that hold no time at all among timed ones (a GPX track saved without
    times next to the recorded log): they keep their distance and climb, after the timed points as
    segments of their own, instead of being dropped as points without a time."""
    timed = np.isfinite(track.time_s)
    whole = ~np.isin(track.segment, track.segment[timed])
    if not whole.any():
        return track, None
    segments, points = len(np.unique(track.segment[whole])), int(whole.sum())
    warnings.append(
        f"{points} {counted(points, 'point', 'points')} in {segments}"
        f" {counted(segments, 'track segment', 'track segments')} without any time"
        f" {counted(points, 'was', 'were')} kept for the distance and climb;"
        f" {counted(points, 'its', 'their')} duration and pace cannot be known"
    )
    return track.take(~whole), track.take(whole)


def _append(track: Track, more: Track) -> Track:
    """The points of `more` after those of `track`, its segments numbered after track's own."""
    first = int(track.segment.max()) + 1 if len(track) else 0
    columns = {name: np.concatenate([getattr(track, name), getattr(more, name)]) for name in _NAMES}
    columns["segment"] = np.concatenate([track.segment, more.segment - int(more.segment.min()) + first])
    return Track(**columns)


_HINT_EXPORT_WHOLE = N_("export the whole activity again from the device or app")


def _check_is_activity(track: Track, points_read: int, warnings: list[str], source: str | None) -> None:
    if len(track) < 2:
        went_back = any("went back" in w for w in warnings)
        hint = N_("set the device's clock and record the activity anew") if went_back else _HINT_EXPORT_WHOLE
        if points_read > 1 and warnings:
            # The notes stay in the English the repairs write them in (services/import_notes.py).
            raise ActivityError(
                N_(
                    "the recording has a single point of the {read} read ({notes}): one point is not an"
                    " activity"
                ),
                where=source,
                hint=hint,
                read=points_read,
                notes="; ".join(warnings),
            )
        raise ActivityError(
            N_("the recording has a single point: one point is not an activity"), where=source, hint=hint
        )
    if (np.diff(track.segment) != 0).all() and not np.isfinite(track.distance_m).any():
        raise ActivityError(
            N_(
                "each of its {count} points stands alone in its own track or segment (or after a GPS jump):"
                " no step between two points can be measured, so it is not an activity"
            ),
            where=source,
            hint=_HINT_EXPORT_WHOLE,
            count=len(track),
        )
    positioned = np.flatnonzero(np.isfinite(track.lat_deg) & np.isfinite(track.lon_deg))
    measurable = track.segment[positioned[1:]] == track.segment[positioned[:-1]]
    if len(positioned) > 1 and not measurable.any() and not np.isfinite(track.distance_m).any():
        if warnings:
            raise ActivityError(
                N_(
                    "no step between its {count} positions can be measured: each crosses a break between"
                    " tracks or segments, or a GPS jump ({notes}); nothing valid is left, so it is not an"
                    " activity"
                ),
                where=source,
                hint=_HINT_EXPORT_WHOLE,
                count=len(positioned),
                notes="; ".join(warnings),
            )
        raise ActivityError(
            N_(
                "no step between its {count} positions can be measured: each crosses a break between"
                " tracks or segments, or a GPS jump; nothing valid is left, so it is not an activity"
            ),
            where=source,
            hint=_HINT_EXPORT_WHOLE,
            count=len(positioned),
        )
    elapsed = elapsed_s(track)
    if elapsed > MAX_ELAPSED_S:
        raise ActivityError(
            N_(
                "the recording lasts {hours} h from its first to its last point, over the {most} h one"
                " activity can last"
            ),
            where=source,
            hint=N_(
                "it is a watch left recording or several days in one file: split it in the device's app"
                " and import the parts"
            ),
            hours=Figure(elapsed / 3600, 1),
            most=Figure(MAX_ELAPSED_S / 3600, 0),
        )
    if elapsed == 0 and cumulative_distance_m(track)[-1] == 0:
        raise ActivityError(
            N_("its {count} points cover 0 m in 0 s: not an activity"),
            where=source,
            hint=N_("nothing to import; export the activity again with its times and positions"),
            count=len(track),
        )


def _drop_off_earth_positions(track: Track, warnings: list[str]) -> tuple[Track, int]:
    """Return the track without positions off the earth (both coordinates dropped), and their count."""
    lat, lon = track.lat_deg, track.lon_deg
    with np.errstate(invalid="ignore"):
        # A missing coordinate (NaN) is not judged here; an infinite or out-of-range one is off the earth.
        bad = (~np.isnan(lat) & ~(np.abs(lat) <= 90.0)) | (~np.isnan(lon) & ~(np.abs(lon) <= 180.0))
    count = int(bad.sum())
    if not count:
        return track, 0
    warnings.append(
        f"{count} {counted(count, 'position', 'positions')} outside latitude -90..90 or longitude -180..180"
        f" {counted(count, 'was', 'were')} left out"
    )
    return _with(track, lat_deg=np.where(bad, np.nan, lat), lon_deg=np.where(bad, np.nan, lon)), count


def _drop_null_island(track: Track, warnings: list[str]) -> Track:
    """Return the track without positions at exactly (0, 0), what devices write when they have no fix.

    (0, 0) is open sea in the Gulf of Guinea: no walk or run passes exactly through it, and a placeholder
    counted as a position would be measured as thousands of kilometres to the real fixes, or (alone) would
    hide the device's own distance.
    """
    null = (track.lat_deg == 0.0) & (track.lon_deg == 0.0)
    count = int(null.sum())
    if not count:
        return track
    warnings.append(
        f"{count} {counted(count, 'position', 'positions')} at exactly (0, 0), a device's placeholder for no"
        f" fix, {counted(count, 'was', 'were')} left out"
    )
    lat, lon = np.where(null, np.nan, track.lat_deg), np.where(null, np.nan, track.lon_deg)
    return _with(track, lat_deg=lat, lon_deg=lon)


def _clean_heart_rate(track: Track, warnings: list[str]) -> Track:
    hr = track.hr_bpm
    # 0 bpm is what a strap or wrist sensor writes when it reads nothing: no reading, not an outlier.
    off = hr == 0
    bad = np.isfinite(hr) & ~off & ((hr < HR_RANGE_BPM[0]) | (hr > HR_RANGE_BPM[1]))
    if not (off.any() or bad.any()):
        return track
    if bad.any():
        n = int(bad.sum())
        warnings.append(
            f"{n} heart-rate {counted(n, 'value', 'values')} outside"
            f" {HR_RANGE_BPM[0]:.0f}-{HR_RANGE_BPM[1]:.0f} bpm {counted(n, 'was', 'were')} left out"
        )
    return _with(track, hr_bpm=np.where(off | bad, np.nan, hr))


def _clean_elevation(track: Track, warnings: list[str]) -> Track:
    ele = track.elevation_m
    finite = np.isfinite(ele)
    if not finite.any():
        return track
    out_of_range = finite & ((ele < ELEVATION_RANGE_M[0]) | (ele > ELEVATION_RANGE_M[1]))
    ele = np.where(out_of_range, np.nan, ele)
    jumped = _elevation_jumps(track, ele)
    too_fast = (
        f"faster than {MAX_VERTICAL_SPEED_MPS:.0f} m/s"
        if np.isfinite(track.time_s).all()
        else f"by over {MAX_CLIMB_GRADE:.0f} m per metre along"
    )
    bad = int(out_of_range.sum()) + int(jumped.sum())
    if bad > MAX_BAD_ELEVATION_SHARE * int(finite.sum()):
        warnings.append(
            f"the elevation is unusable: {bad} of its {int(finite.sum())} values are outside"
            f" {ELEVATION_RANGE_M[0]:.0f}..{ELEVATION_RANGE_M[1]:.0f} m or change {too_fast};"
            " it was left out (no climb counted)"
        )
        return _with(track, elevation_m=np.full(len(track), np.nan))
    if out_of_range.any():
        n = int(out_of_range.sum())
        warnings.append(
            f"{n} elevation {counted(n, 'value', 'values')} outside"
            f" {ELEVATION_RANGE_M[0]:.0f}..{ELEVATION_RANGE_M[1]:.0f} m {counted(n, 'was', 'were')} left out"
        )
    if jumped.any():
        n = int(jumped.sum())
        warnings.append(
            f"{n} elevation {counted(n, 'value', 'values')} changing {too_fast} (a sensor fault, not a climb)"
            f" {counted(n, 'was', 'were')} left out"
        )
    if not (out_of_range.any() or jumped.any()):
        return track
    return _with(track, elevation_m=np.where(jumped, np.nan, ele))


def _elevation_jumps(track: Track, ele: np.ndarray) -> np.ndarray:
    """Return a mask of the elevations that no movement could reach from their trusted neighbours.

    Two elevations are compatible when they differ by at most ELEVATION_NOISE_ALLOWANCE_M plus what
    MAX_VERTICAL_SPEED_MPS covers in the time between them (without times: MAX_CLIMB_GRADE times the ground
    between them). The longest stretch of compatible neighbours is trusted; from it each later (and each
    earlier) value is kept when compatible with the last value kept, so a spike or a sensor still settling
    is dropped whichever end it is at, and a lasting shift is followed once enough time has passed.
    """
    n = len(ele)
    jumped = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(np.isfinite(ele))
    if len(idx) < 2:
        return jumped
    e = ele[idx]
    reach = _vertical_reach_m(track)[idx]
    steps = np.flatnonzero(np.abs(np.diff(e)) > ELEVATION_NOISE_ALLOWANCE_M + np.diff(reach))
    if not len(steps):
        return jumped
    if len(steps) > MAX_BAD_ELEVATION_SHARE * len(e):
        jumped[idx] = True  # noise throughout: the caller drops the column, so no stretch need be found
        return jumped
    bounds = np.concatenate(([0], steps + 1, [len(e)]))
    best = int(np.argmax(np.diff(bounds)))
    keep = np.zeros(len(e), dtype=bool)
    keep[bounds[best] : bounds[best + 1]] = True
    # Within a stretch every value is compatible with the one before, so once a value of a stretch is
    # kept, the rest of it is too: the loops run once per stretch, not per point.
    last = int(bounds[best + 1]) - 1
    for r in range(best + 1, len(bounds) - 1):
        lo, hi = int(bounds[r]), int(bounds[r + 1])
        ok = np.abs(e[lo:hi] - e[last]) <= ELEVATION_NOISE_ALLOWANCE_M + reach[lo:hi] - reach[last]
        if ok.any():
            keep[lo + int(np.argmax(ok)) : hi] = True
            last = hi - 1
    first = int(bounds[best])
    for r in range(best - 1, -1, -1):
        lo, hi = int(bounds[r]), int(bounds[r + 1])
        ok = np.abs(e[lo:hi] - e[first]) <= ELEVATION_NOISE_ALLOWANCE_M + reach[first] - reach[lo:hi]
        if ok.any():
            keep[lo : lo + len(ok) - int(np.argmax(ok[::-1]))] = True
            first = lo
    jumped[idx[~keep]] = True
    return jumped


def _vertical_reach_m(track: Track) -> np.ndarray:
    """Per point, a non-decreasing measure whose difference bounds a real change of elevation (metres)."""
    n = len(track)
    t = track.time_s
    if n and np.isfinite(t).all():
        by_time: np.ndarray = MAX_VERTICAL_SPEED_MPS * (t - t[0])
        return by_time
    positioned = np.isfinite(track.lat_deg) & np.isfinite(track.lon_deg)
    ground = np.zeros(n)
    idx = np.flatnonzero(positioned)
    if len(idx) > 1:
        ground[idx[1:]] = np.cumsum(step_distances_m(track.lat_deg[idx], track.lon_deg[idx]))
    # Points without a position take the ground covered up to the last one that had one.
    reach: np.ndarray = MAX_CLIMB_GRADE * np.maximum.accumulate(ground)
    return reach


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
        n = int((~timed).sum())
        warnings.append(
            f"{n} {counted(n, 'point', 'points')} without a plausible time"
            f" {counted(n, 'was', 'were')} left out"
        )
        track = _with(track, time_s=t).take(timed)
        t = track.time_s
    gaps = np.flatnonzero(np.abs(np.diff(t)) > MAX_GAP_S)
    if len(gaps):
        # Days between two points: a corrupt tail or a stray clock, not a pause. Keep the longest run.
        bounds = np.concatenate(([0], gaps + 1, [len(t)]))
        best = int(np.argmax(np.diff(bounds)))
        keep = np.zeros(len(t), dtype=bool)
        keep[bounds[best] : bounds[best + 1]] = True
        n = int((~keep).sum())
        warnings.append(
            f"{n} {counted(n, 'point', 'points')} over {MAX_GAP_S / 86400:.0f} days from the rest"
            f" {counted(n, 'was', 'were')} left out"
        )
        track = track.take(keep)
        t = track.time_s
    # A point earlier than one before it is dropped; points sharing a time are merged into one.
    running_max = np.maximum.accumulate(t)
    back = np.zeros(len(t), dtype=bool)
    back[1:] = t[1:] < running_max[:-1]
    if back.any():
        n = int(back.sum())
        warnings.append(
            f"{n} {counted(n, 'point', 'points')} left out because"
            f" {counted(n, 'its', 'their')} time went back"
        )
        track = track.take(~back)
        t = track.time_s
    starts = np.flatnonzero(np.concatenate(([True], np.diff(t) > 0)))
    if len(starts) < len(t):
        n = len(t) - len(starts)
        warnings.append(
            f"{n} {counted(n, 'point', 'points')} sharing a time with the one before"
            f" {counted(n, 'was', 'were')} merged into it"
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
            f"{spikes} GPS {counted(spikes, 'position', 'positions')} jumped faster than"
            f" {MAX_SPEED_MPS:.0f} m/s and {counted(spikes, 'was', 'were')} left out"
        )
    if teleports:
        warnings.append(
            f"{teleports} GPS {counted(teleports, 'jump', 'jumps')} faster than {MAX_SPEED_MPS:.0f} m/s"
            f" {counted(teleports, 'was', 'were')} not counted as distance"
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
