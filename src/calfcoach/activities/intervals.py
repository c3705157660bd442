"""Find the intervals of a recording: where the person ran, walked or stood, from speed and cadence (pure).

The track is put on a one-second grid (GPS drop-outs bridged at the speed across them), the speed is
measured over a few seconds and median-filtered so that a GPS jump does not read as a sprint, each second
is called run, walk or stop (by cadence where the watch recorded it, by speed otherwise, with hysteresis so
a speed hovering at the threshold does not flicker), intervals shorter than MIN_INTERVAL_S are merged into
their neighbours, and boundaries within LAP_SNAP_S of a lap the watch recorded are moved onto it (a watch
following a structured workout starts a lap at every step, to the second).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from calfcoach.activities.classify import JOG_FROM_MPS
from calfcoach.activities.metrics import cumulative_distance_m, smoothed_elevation_m
from calfcoach.activities.model import Activity, FloatArray, Track
from calfcoach.domain.compliance import Gait, Interval

# Walking turns into running at about 2.0 m/s (7.2 km/h): the preferred walk-run transition speed
# (Hreljac 1993, Med Sci Sports Exerc 25:1158); the same threshold the classifier uses for a jog.
RUN_FROM_MPS = JOG_FROM_MPS
# Hysteresis: a second counts as running from RUN_FROM_MPS + this, and stops counting below RUN_FROM_MPS -
# this. A wrist GPS's speed over a few seconds wanders by about ±0.1-0.15 m/s at these speeds (the same
# noise coach/workout.py sets its ±0.5 km/h band by), so a steady pace at the threshold keeps one gait.
SPEED_HYSTERESIS_MPS = 0.15
# Running cadence is above about 140 steps a minute even at a slow jog, walking below about 130 even when
# brisk (Tudor-Locke et al. 2018, Br J Sports Med 52:776: 130 spm is a vigorous walk); cadence decides the
# gait where it was recorded, as it does not suffer from GPS noise.
RUN_FROM_SPM = 140.0
CADENCE_HYSTERESIS_SPM = 5.0
# Slower than 1.8 km/h is standing: a wrist GPS drifts by up to about 0.4 m/s over a few seconds while the
# person stands (metrics' 0.3 m/s over 10 s counts moving time generously; an interval needs a clear stop).
STOP_BELOW_MPS = 0.5
SPEED_WINDOW_S = 8  # speed over 8 s: GPS positions (±3 m) would make a one-second speed meaningless
MEDIAN_WINDOW_S = 9  # then a 9 s running median removes single jumps and drop-out artefacts
REFINE_S = 12  # a boundary found by speed is looked for again within this many seconds each side
MIN_INTERVAL_S = 15.0  # shorter intervals are noise or a stumble; the programs plan none under 60 s
LAP_SNAP_S = 8.0
# A change of pace within a gait: 0.3 m/s is 1.1 km/h, twice the ±0.5 km/h band a watch holds a pace to
# (coach/workout.py), held for at least a minute on each side.
PACE_CHANGE_MPS = 0.3
MIN_PACE_PART_S = 60
PACE_SEARCH_STEP_S = 5
MIN_GRADE_DISTANCE_M = 20.0  # below this a grade from elevation is mostly noise
MIN_POINTS = 10
MIN_MODE_S = 20  # a speed mode holds at least this many seconds (one short run in a walk still counts)
BIMODAL_D = 3.0
MIN_MODE_GAP_MPS = 0.6  # a brisk walk (5.4 km/h) and the slowest jog (7.6 km/h) are 0.6 m/s apart
MAX_THRESHOLD_SHIFT_MPS = 0.4  # a recording's own threshold stays within 5.8-9.4 km/h
SLOWEST_JOG_BELOW_MPS = 0.1  # the faster mode is a jog from 6.8 km/h (else both modes are walks)
CLEAR_OF_THRESHOLD_MPS = 0.3  # one mode of speed this far from 2.0 m/s is a walk (6.1 km/h) or a jog (8.3)
MIN_WALK_MPS = 0.8  # slower than 2.9 km/h is standing with GPS drift or a dawdle, left out of the modes
POSITION_SMOOTHING_POINTS = 5  # positions are averaged over 5 points: GPS jitter adds distance
MAX_SMOOTH_GAP_S = 3.0


@dataclass(frozen=True, eq=False)
class Detection:
    """The intervals of a recording and the one-second series they were found on (for charts)."""

    intervals: tuple[Interval, ...]
    time_s: FloatArray  # seconds from the recording's first point, one a second
    speed_mps: FloatArray  # the smoothed speed at each second
    gait: npt.NDArray[np.int8]  # 0 stop, 1 walk, 2 run at each second
    distance_m: FloatArray  # cumulative distance at each second
    # Whether run and walk could be told apart: by cadence, by two modes of speed, or by one mode clearly
    # on one side of the walk-run speed. A steady 6-8 km/h without cadence is a brisk walk or a slow jog.
    gait_known: bool = True


_GAITS = (Gait.STOP, Gait.WALK, Gait.RUN)
STOP, WALK, RUN = 0, 1, 2


def lap_starts_s(activity: Activity) -> tuple[float, ...]:
    """The start times (Unix seconds) of the laps the device recorded, when it recorded more than one."""
    starts = [lap.start_time.timestamp() for lap in activity.laps if lap.start_time is not None]
    return tuple(starts) if len(starts) > 1 else ()


def detect(track: Track, laps_s: Sequence[float] = (), *, run_from_mps: float = RUN_FROM_MPS) -> Detection:
    """Find the run, walk and stop intervals of a track (see the module's docstring).

    `laps_s` are lap start times in Unix seconds (lap_starts_s). A track with fewer than MIN_POINTS timed
    points has no intervals.
    """
    timed = np.isfinite(track.time_s)
    if int(timed.sum()) < MIN_POINTS:
        return _empty()
    track = track.take(np.flatnonzero(timed))
    order = np.argsort(track.time_s, kind="stable")
    track = track.take(order)
    t0 = float(track.time_s[0])
    rel = track.time_s - t0
    total = int(np.floor(rel[-1]))
    if total < MIN_INTERVAL_S:
        return _empty()
    grid = np.arange(total + 1, dtype=np.float64)
    cum = _interp(grid, rel, cumulative_distance_m(_smoothed_positions(track)))
    speed = _speed(cum)
    cadence = _interp(grid, rel, track.cadence_rpm * 2.0, max_gap_s=10.0)
    labels, by_cadence = _label(speed, cadence, run_from_mps)
    moving = speed[speed >= MIN_WALK_MPS]
    gait_known = (
        by_cadence
        or speed_threshold(speed, run_from_mps) is not None
        or not len(moving)
        or abs(float(np.median(moving)) - run_from_mps) >= CLEAR_OF_THRESHOLD_MPS
    )
    bounds = _merge_short(_runs(labels))
    if not by_cadence:
        bounds = _refine(bounds, cum)
    bounds = _snap(bounds, [s - t0 for s in laps_s], total)
    bounds = _split_paces(bounds, cum)
    if not by_cadence:
        threshold = speed_threshold(speed, run_from_mps)
        if threshold is None:
            # One mode of speed: only a part clearly on the other side of the walk-run speed changes gait.
            bounds = _relabel(
                bounds, cum, run_from_mps - CLEAR_OF_THRESHOLD_MPS, run_from_mps + CLEAR_OF_THRESHOLD_MPS
            )
        else:
            bounds = _relabel(bounds, cum, threshold, threshold)
    elevation = _interp(grid, rel, smoothed_elevation_m(track))
    intervals = tuple(
        _interval(start, end, gait, cum, cadence, elevation) for start, end, gait in bounds if end > start
    )
    return Detection(
        intervals=intervals, time_s=grid, speed_mps=speed, gait=labels, distance_m=cum, gait_known=gait_known
    )


def _empty() -> Detection:
    none = np.empty(0, dtype=np.float64)
    return Detection((), none, none, np.empty(0, dtype=np.int8), none)


def _smoothed_positions(track: Track) -> Track:
    """The track with its positions averaged over POSITION_SMOOTHING_POINTS (within each segment): the
    jitter of a wrist GPS otherwise lengthens a walk by several per cent and moves a person standing still."""
    ok = np.flatnonzero(np.isfinite(track.lat_deg) & np.isfinite(track.lon_deg))
    if len(ok) < POSITION_SMOOTHING_POINTS:
        return track
    lat, lon = track.lat_deg.copy(), track.lon_deg.copy()
    # A drop-out (no point for over MAX_SMOOTH_GAP_S) breaks the averaging as a new segment does.
    breaks = np.cumsum(np.concatenate(([0], np.diff(track.time_s[ok]) > MAX_SMOOTH_GAP_S)))
    for start, end in _segments(track.segment[ok] * (len(ok) + 1) + breaks):
        index = ok[start:end]
        if len(index) >= POSITION_SMOOTHING_POINTS:
            lat[index] = _moving_mean(track.lat_deg[index], POSITION_SMOOTHING_POINTS)
            lon[index] = _moving_mean(track.lon_deg[index], POSITION_SMOOTHING_POINTS)
    return Track(
        time_s=track.time_s,
        lat_deg=lat,
        lon_deg=lon,
        elevation_m=track.elevation_m,
        distance_m=track.distance_m,
        hr_bpm=track.hr_bpm,
        cadence_rpm=track.cadence_rpm,
        segment=track.segment,
    )


def _segments(segment: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    change = np.flatnonzero(np.diff(segment)) + 1
    edges = [0, *change.tolist(), len(segment)]
    return list(itertools.pairwise(edges))


def _moving_mean(values: FloatArray, window: int) -> FloatArray:
    """A centred moving mean whose window shrinks evenly at the ends (the first and last points stay)."""
    half = window // 2
    n = len(values)
    sums = np.concatenate(([0.0], np.cumsum(values - values[0])))
    idx = np.arange(n)
    reach = np.minimum(half, np.minimum(idx, n - 1 - idx))
    lo, hi = idx - reach, idx + reach + 1
    return np.asarray(values[0] + (sums[hi] - sums[lo]) / (hi - lo), dtype=np.float64)


def _interp(
    grid: FloatArray, rel: FloatArray, values: FloatArray, max_gap_s: float | None = None
) -> FloatArray:
    """Values on the grid, linearly between known points; NaN where none is known (or, with max_gap_s,
    across a gap longer than that, as a cadence is not bridged the way a distance is)."""
    ok = np.isfinite(values)
    if int(ok.sum()) < 2:
        return np.full(len(grid), np.nan)
    known_t, known_v = rel[ok], values[ok]
    out = np.interp(grid, known_t, known_v, left=np.nan, right=np.nan)
    if max_gap_s is not None:
        after = np.clip(np.searchsorted(known_t, grid, side="left"), 1, len(known_t) - 1)
        gap = known_t[after] - known_t[after - 1]
        out[gap > max_gap_s] = np.nan
    return out


def _speed(cum: FloatArray) -> FloatArray:
    """Speed (m/s) at each second: distance over SPEED_WINDOW_S around it, then a running median."""
    filled = cum.copy()
    ok = np.isfinite(filled)
    if not ok.any():
        return np.zeros(len(cum))
    filled[~ok] = np.interp(np.flatnonzero(~ok), np.flatnonzero(ok), filled[ok])
    n = len(filled)
    half = SPEED_WINDOW_S // 2
    idx = np.arange(n)
    lo, hi = np.clip(idx - half, 0, n - 1), np.clip(idx + half, 0, n - 1)
    raw = (filled[hi] - filled[lo]) / np.maximum(hi - lo, 1)
    return _running_median(np.maximum(raw, 0.0), MEDIAN_WINDOW_S)


def _running_median(values: FloatArray, window: int) -> FloatArray:
    if len(values) < window:
        return values
    half = window // 2
    padded = np.pad(values, half, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, window)
    return np.asarray(np.median(windows, axis=1), dtype=np.float64)


def _hysteresis(values: FloatArray, up: float, down: float, start: bool) -> npt.NDArray[np.bool_]:
    """True from where values reach `up` until they fall to `down` (NaN keeps the state)."""
    state = np.full(len(values), -1, dtype=np.int8)
    state[values >= up] = 1
    state[values <= down] = 0
    known = np.flatnonzero(state >= 0)
    if len(known) == 0:
        return np.full(len(values), start)
    last = np.maximum.accumulate(np.where(state >= 0, np.arange(len(values)), -1))
    out = np.where(last >= 0, state[np.maximum(last, 0)], 1 if start else 0)
    return np.asarray(out == 1)


def speed_threshold(speed: FloatArray, run_from_mps: float = RUN_FROM_MPS) -> float | None:
    """The speed between walking and running in this recording, or None when its moving speeds have one
    mode (a steady walk or a steady jog: no intervals to find by speed).

    Run/walk intervals give two clusters of speeds; a slow jogger's runs (7-8 km/h) and brisk walks (6 km/h)
    sit either side of a threshold of their own rather than the textbook 7.2 km/h. Two means are found, and
    the split is kept when the speeds are bimodal: the means at least MIN_MODE_GAP_MPS apart, Ashman's D
    (Ashman et al. 1994) at least BIMODAL_D, and the smaller cluster at least MIN_MODE_S seconds long.
    Ashman's D is 2 for two normal modes just told apart; a hard split of a single normal mode already
    gives 2.7, hence 3 here.
    """
    moving = speed[np.isfinite(speed) & (speed >= MIN_WALK_MPS)]
    if len(moving) < 2 * MIN_MODE_S:
        return None
    low, high = float(np.percentile(moving, 25)), float(np.percentile(moving, 75))
    for _ in range(20):
        split = (low + high) / 2
        slow, fast = moving[moving < split], moving[moving >= split]
        if len(slow) < MIN_MODE_S or len(fast) < MIN_MODE_S:
            return None
        low, high = float(slow.mean()), float(fast.mean())
    spread = float(np.sqrt(slow.var() + fast.var()))
    ashman = np.sqrt(2.0) * (high - low) / spread if spread > 0 else np.inf
    if ashman < BIMODAL_D or high - low < MIN_MODE_GAP_MPS or high < run_from_mps - SLOWEST_JOG_BELOW_MPS:
        return None
    return float(np.clip((low + high) / 2, run_from_mps - MAX_THRESHOLD_SHIFT_MPS, run_from_mps + 0.6))


def _label(speed: FloatArray, cadence: FloatArray, run_from_mps: float) -> tuple[npt.NDArray[np.int8], bool]:
    """The gait of each second, and whether cadence decided it."""
    threshold = speed_threshold(speed, run_from_mps)
    if threshold is None:
        # One mode: the whole recording is one gait, the one of its typical moving speed.
        moving = speed[speed >= STOP_BELOW_MPS]
        steady = bool(len(moving)) and float(np.median(moving)) >= run_from_mps
        by_speed = np.full(len(speed), steady)
    else:
        by_speed = _hysteresis(
            speed, threshold + SPEED_HYSTERESIS_MPS, threshold - SPEED_HYSTERESIS_MPS, False
        )
    has_cadence = np.isfinite(cadence) & (cadence > 0)
    running = by_speed
    if has_cadence.mean() >= 0.5:
        smooth_cadence = _running_median(np.where(has_cadence, cadence, np.nan), MEDIAN_WINDOW_S)
        by_cadence = _hysteresis(
            smooth_cadence,
            RUN_FROM_SPM + CADENCE_HYSTERESIS_SPM,
            RUN_FROM_SPM - CADENCE_HYSTERESIS_SPM,
            False,
        )
        running = np.where(np.isfinite(smooth_cadence), by_cadence, by_speed)
    labels = np.where(running, RUN, WALK).astype(np.int8)
    stopped = speed < STOP_BELOW_MPS
    if has_cadence.mean() >= 0.5:
        stopped &= ~(has_cadence & (cadence >= RUN_FROM_SPM))  # running on the spot at a crossing
    labels[stopped] = STOP
    return labels, bool(has_cadence.mean() >= 0.5)


def _refine(runs: list[tuple[int, int, int]], cum: FloatArray) -> list[tuple[int, int, int]]:
    """Move each boundary to where the distance curve bends: a continuous two-slope line fitted to the
    cumulative distance within REFINE_S each side (distance integrates the speed, so its noise is far
    below that of the smoothed speed, whose median filter blurs a change by a few seconds)."""
    if len(runs) < 2 or not np.isfinite(cum).all():
        return runs
    edges = [runs[0][0], *(end for _, end, _ in runs[:-1]), runs[-1][1]]
    for k in range(1, len(edges) - 1):
        lo = max(edges[k - 1] + 1, edges[k] - REFINE_S)
        hi = min(edges[k + 1] - 1, edges[k] + REFINE_S)
        left, right = max(edges[k - 1], edges[k] - 2 * REFINE_S), min(edges[k + 1], edges[k] + 2 * REFINE_S)
        if hi <= lo or right - left < 4:
            continue
        t = np.arange(left, right, dtype=np.float64)
        y = cum[left:right]
        best, best_err = edges[k], np.inf
        for b in range(lo, hi + 1):
            design = np.column_stack((np.ones_like(t), np.minimum(t, b) - b, np.maximum(t, b) - b))
            coef, *_ = np.linalg.lstsq(design, y, rcond=None)
            err = float(np.sum((design @ coef - y) ** 2))
            if err < best_err:
                best, best_err = b, err
        edges[k] = best
    return [(edges[i], edges[i + 1], runs[i][2]) for i in range(len(runs))]


def _runs(labels: npt.NDArray[np.int8]) -> list[tuple[int, int, int]]:
    """(start, end, label) of each run of equal labels; end is exclusive."""
    change = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [len(labels)]))
    return [(int(s), int(e), int(labels[s])) for s, e in zip(starts, ends, strict=True)]


def _merge_short(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Merge intervals shorter than MIN_INTERVAL_S into a neighbour, shortest first: into the one of the
    same gait on both sides, else the longer neighbour."""
    runs = list(runs)
    while len(runs) > 1:
        lengths = [end - start for start, end, _ in runs]
        shortest = min(range(len(runs)), key=lambda i: lengths[i])
        if lengths[shortest] >= MIN_INTERVAL_S:
            break
        left = runs[shortest - 1] if shortest > 0 else None
        right = runs[shortest + 1] if shortest + 1 < len(runs) else None
        if left is not None and right is not None and left[2] == right[2]:
            gait = left[2]
        elif left is None or (right is not None and right[1] - right[0] > left[1] - left[0]):
            gait = right[2] if right is not None else runs[shortest][2]
        else:
            gait = left[2]
        start, end, _ = runs[shortest]
        runs[shortest] = (start, end, gait)
        runs = _join(runs)
    return runs


def _join(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    joined: list[tuple[int, int, int]] = []
    for start, end, gait in runs:
        if joined and joined[-1][2] == gait:
            joined[-1] = (joined[-1][0], end, gait)
        else:
            joined.append((start, end, gait))
    return joined


def _split_paces(runs: list[tuple[int, int, int]], cum: FloatArray) -> list[tuple[int, int, int]]:
    """Split a walk or run where its pace changes for good: a stroll to the start then a brisk walk is
    two walks, so the brisk one can be matched to the plan's step. A split is kept when the two paces
    differ by PACE_CHANGE_MPS and each part lasts MIN_PACE_PART_S (wander within a pace stays one)."""
    if not np.isfinite(cum).all():
        return runs
    out: list[tuple[int, int, int]] = []
    pending = list(runs)
    while pending:
        start, end, gait = pending.pop(0)
        cut = _pace_change(cum, start, end) if gait != STOP else None
        if cut is None:
            out.append((start, end, gait))
        else:
            pending[:0] = [(start, cut, gait), (cut, end, gait)]
    return out


def _relabel(
    runs: list[tuple[int, int, int]], cum: FloatArray, walk_below: float, run_from: float
) -> list[tuple[int, int, int]]:
    """Call each part of a pace split run or walk by its own mean speed (gait told by speed alone): a
    run that slowed to 4 km/h for two minutes was a walk for those two minutes. Between `walk_below` and
    `run_from` a part keeps its gait."""
    out = []
    for start, end, gait in runs:
        last = min(end, len(cum) - 1)
        if gait != STOP and last > start and np.isfinite(cum[last]) and np.isfinite(cum[start]):
            mean = (cum[last] - cum[start]) / (last - start)
            if mean < walk_below:
                gait = WALK
            elif mean >= run_from:
                gait = RUN
        out.append((start, end, gait))
    return out


def _pace_change(cum: FloatArray, start: int, end: int) -> int | None:
    if end - start < 2 * MIN_PACE_PART_S:
        return None
    t = np.arange(start, min(end + 1, len(cum)), dtype=np.float64)
    y = cum[start : start + len(t)]
    best, best_err, slopes = None, np.inf, (0.0, 0.0)
    for b in range(start + MIN_PACE_PART_S, end - MIN_PACE_PART_S + 1, PACE_SEARCH_STEP_S):
        design = np.column_stack((np.ones_like(t), np.minimum(t, b) - b, np.maximum(t, b) - b))
        coef, *_ = np.linalg.lstsq(design, y, rcond=None)
        err = float(np.sum((design @ coef - y) ** 2))
        if err < best_err:
            best, best_err, slopes = b, err, (float(coef[1]), float(coef[2]))
    if best is None or abs(slopes[0] - slopes[1]) < PACE_CHANGE_MPS:
        return None
    return best


def _snap(runs: list[tuple[int, int, int]], laps: list[float], total: int) -> list[tuple[int, int, int]]:
    """Move each boundary onto a lap start within LAP_SNAP_S of it."""
    if not laps or len(runs) < 2:
        return runs
    lap_at = np.asarray(sorted(laps))
    snapped = [runs[0][0]]
    for _, end, _ in runs[:-1]:
        nearest = float(lap_at[np.argmin(np.abs(lap_at - end))])
        moved = round(nearest) if abs(nearest - end) <= LAP_SNAP_S else end
        snapped.append(min(max(moved, snapped[-1]), total))
    snapped.append(runs[-1][1])
    return [(snapped[i], snapped[i + 1], runs[i][2]) for i in range(len(runs))]


def _interval(
    start: int, end: int, gait: int, cum: FloatArray, cadence: FloatArray, elevation: FloatArray
) -> Interval:
    last = min(end, len(cum) - 1)
    distance = float(cum[last] - cum[start]) if np.isfinite(cum[last]) and np.isfinite(cum[start]) else 0.0
    steps = cadence[start:end]
    steps = steps[np.isfinite(steps) & (steps > 0)]
    grade = None
    if distance >= MIN_GRADE_DISTANCE_M and np.isfinite(elevation[start]) and np.isfinite(elevation[last]):
        grade = round(float(elevation[last] - elevation[start]) / distance * 100.0, 1)
    return Interval(
        start_s=float(start),
        end_s=float(last if end >= len(cum) else end),
        gait=_GAITS[gait],
        distance_m=round(max(distance, 0.0), 1),
        cadence_spm=round(float(steps.mean())) if len(steps) else None,
        grade_pct=grade,
    )
