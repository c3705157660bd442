"""Metrics over a track: distance, moving time, pace, splits, elevation, grades, heart rate, cadence."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calfcoach.activities.energy import grade_factor
from calfcoach.activities.geo import step_distances_m
from calfcoach.activities.model import FloatArray, Track

MOVING_SPEED_MPS = 0.3  # slower than this over the surrounding window counts as stopped (1.1 km/h)
MOVING_WINDOW_S = (
    10.0  # the window the moving speed is measured over, so GPS jitter at a stop is not movement
)
# Elevation comes from a barometer (steps of 0.2 m, noise about 0.1 m) or from GPS (noise of metres that
# wanders over tens of seconds). The track's own noise is measured and the smoothing follows it: a
# barometric track is counted almost as recorded (averaging it only cuts real small rises), a GPS track is
# averaged over up to a minute and needs a larger turn before a change of direction counts.
ELEVATION_WINDOW_S_PER_NOISE_M = 40.0  # seconds of centred moving average per metre of noise
ELEVATION_MAX_WINDOW_S = 60.0
ELEVATION_HYSTERESIS_PER_NOISE = 5.0  # a change of direction counts after this many times the noise
ELEVATION_MIN_HYSTERESIS_M = 1.0  # and never below this (a barometer's steps and drift)
GRADE_STEP_M = 25.0  # grades are measured over this much horizontal distance


@dataclass(frozen=True)
class Split:
    """One kilometre (the last one may be shorter)."""

    index: int
    distance_m: float
    duration_s: float
    pace_s_per_km: float
    elevation_gain_m: float
    elevation_loss_m: float
    avg_hr_bpm: float | None
    gap_pace_s_per_km: float | None = None  # grade-adjusted (Minetti 2002); None without a grade profile


@dataclass(frozen=True)
class GradeBand:
    """Time and distance spent in a range of gradients (percent)."""

    label: str
    min_pct: float
    max_pct: float
    distance_m: float
    duration_s: float


GRADE_BANDS = (
    ("steep downhill", -np.inf, -10.0),
    ("downhill", -10.0, -3.0),
    ("flat", -3.0, 3.0),
    ("uphill", 3.0, 10.0),
    ("steep uphill", 10.0, 20.0),
    ("very steep uphill", 20.0, np.inf),
)


def cumulative_distance_m(track: Track, device_total_m: float | None = None) -> FloatArray:
    """Return the distance travelled up to each point: geodesic from positions, else the device's own.

    Positions missing on some points are bridged from the last known one; no distance is counted across
    a segment break (a new track segment, or a GPS jump the repair step cut). With fewer than two
    positions there is nothing to measure, and the device's distance is used (device_cumulative_m).
    """
    n = len(track)
    steps = np.zeros(n)
    idx = np.flatnonzero(np.isfinite(track.lat_deg) & np.isfinite(track.lon_deg))
    if len(idx) > 1:
        d = step_distances_m(track.lat_deg[idx], track.lon_deg[idx])
        same = track.segment[idx[1:]] == track.segment[idx[:-1]]
        # Across a gap in positions (tunnel, lost fix) the straight line is short of the path: where the
        # device's own odometer covers the gap, its longer figure is used.
        gap = np.diff(idx) > 1
        if gap.any() and np.isfinite(track.distance_m).any():
            device = track.distance_m[idx[1:]] - track.distance_m[idx[:-1]]
            d = np.where(gap & np.isfinite(device), np.fmax(d, device), d)
        steps[idx[1:]] = np.where(same, d, 0.0)
    elif np.isfinite(track.distance_m).any():
        return device_cumulative_m(track.distance_m, device_total_m)
    return np.cumsum(steps)


def device_cumulative_m(device_m: FloatArray, device_total_m: float | None = None) -> FloatArray:
    """Return the distance up to each point from the device's own cumulative distance (NaN where absent).

    A device counts its distance from the activity's start, so a first value above 0 is ground covered
    before the first point was written (records written every few hundred metres): it counts, when it is
    no larger than the largest step between later values. A larger first value (5 km, then steps of 3 m)
    carries a part that is not in the file (a resumed or trimmed recording): distance then counts from the
    first point. The device's own total for the session (device_total_m), where it wrote one, is its final
    figure for the whole activity: the distances are scaled to end at it.
    """
    ok = np.isfinite(device_m)
    origin = device_origin_m(device_m)
    filled = np.fmax.accumulate(np.where(ok, device_m, -np.inf))
    # Points before the first value are at the start, where the distance is still the origin.
    cum = np.maximum(np.where(np.isfinite(filled), filled, origin), origin) - origin
    if device_total_m is not None and device_total_m > 0 and cum[-1] > 0:
        scaled: FloatArray = cum * (device_total_m / cum[-1])
        return scaled
    return cum


def device_origin_m(device_m: FloatArray) -> float:
    """Return the device distance the activity's distance counts from (device_cumulative_m's rule).

    0 when the first value is no larger than the largest step between later values, else the first value
    (a resumed or trimmed recording: the ground before it is not in the file).
    """
    values = np.maximum.accumulate(device_m[np.isfinite(device_m)])
    if not len(values):
        return 0.0
    first = max(float(values[0]), 0.0)
    largest_step = float(np.diff(values).max()) if len(values) > 1 else 0.0
    return 0.0 if first <= largest_step else first


def elapsed_s(track: Track) -> float:
    """Return the time from the first to the last point (0 without times)."""
    t = track.time_s[np.isfinite(track.time_s)]
    return float(t[-1] - t[0]) if len(t) > 1 else 0.0


def moving_mask(track: Track, cum_m: FloatArray) -> np.ndarray:
    """Return, per step (n - 1), whether it was spent moving.

    A step is moving when the horizontal speed over the MOVING_WINDOW_S around it reaches
    MOVING_SPEED_MPS, or (stairs, treadmill with no distance) the vertical speed reaches 0.05 m/s; a track
    with neither distance nor elevation counts as moving throughout.
    """
    t = track.time_s
    n = len(t)
    if n < 2 or not np.isfinite(t).all():
        return np.zeros(max(n - 1, 0), dtype=bool)
    has_distance = cum_m[-1] > 0
    ele = smoothed_elevation_m(track)
    has_elevation = np.isfinite(ele).any()
    if not has_distance and not has_elevation:
        return np.ones(n - 1, dtype=bool)
    mid = (t[1:] + t[:-1]) / 2.0
    lo = np.clip(np.searchsorted(t, mid - MOVING_WINDOW_S / 2, side="right") - 1, 0, n - 1)
    hi = np.clip(np.searchsorted(t, mid + MOVING_WINDOW_S / 2, side="left"), 0, n - 1)
    hi = np.maximum(hi, np.arange(1, n))
    lo = np.minimum(lo, np.arange(0, n - 1))
    span = t[hi] - t[lo]
    moving = (cum_m[hi] - cum_m[lo]) / span >= MOVING_SPEED_MPS
    if has_elevation:
        filled = _fill(ele)
        moving |= np.abs(filled[hi] - filled[lo]) / span >= 0.05
    return np.asarray(moving, dtype=bool)


def _fill(values: FloatArray) -> FloatArray:
    """Fill NaN gaps by linear interpolation (ends held), so windows over gaps stay defined."""
    ok = np.isfinite(values)
    if ok.all() or not ok.any():
        return values
    x = np.arange(len(values))
    return np.interp(x, x[ok], values[ok])


@dataclass(frozen=True)
class Climb:
    """Elevation as climb is counted: the smoothed profile, per-point gain and loss, and the choices made."""

    elevation_m: FloatArray
    gain_m: FloatArray
    loss_m: FloatArray
    noise_m: float
    window_s: float
    hysteresis_m: float


def climb(track: Track) -> Climb:
    """Smooth the elevation as its noise requires, then count gain and loss by hysteresis."""
    noise = elevation_noise_m(track.elevation_m)
    window = smoothing_window_s(noise) if len(track) and np.isfinite(track.time_s).all() else 0.0
    hysteresis = max(ELEVATION_MIN_HYSTERESIS_M, ELEVATION_HYSTERESIS_PER_NOISE * noise)
    elevation = smoothed_elevation_m(track, window)
    gain, loss = climb_steps_m(elevation, hysteresis)
    return Climb(elevation, gain, loss, noise, window, hysteresis)


def elevation_noise_m(elevation_m: FloatArray) -> float:
    """Return the point-to-point noise of an elevation series (a standard deviation, metres).

    Estimated from second differences, which a steady climb or descent does not move, and by their median
    absolute deviation, which a few real changes of slope do not move: for white noise of deviation s the
    second differences have deviation s * sqrt(6).
    """
    e = elevation_m[np.isfinite(elevation_m)]
    if len(e) < 3:
        return 0.0
    second = e[2:] - 2.0 * e[1:-1] + e[:-2]
    mad = float(np.median(np.abs(second - np.median(second))))
    return 1.4826 * mad / float(np.sqrt(6.0))


def smoothing_window_s(noise_m: float) -> float:
    """Return the moving-average window (seconds) for elevation of this noise."""
    return min(ELEVATION_MAX_WINDOW_S, ELEVATION_WINDOW_S_PER_NOISE_M * noise_m)


def smoothed_elevation_m(track: Track, window_s: float | None = None) -> FloatArray:
    """Return elevation smoothed by a centred moving average over window_s seconds (NaN where none).

    window_s defaults to the one the track's noise calls for. Gaps are bridged by interpolation before
    smoothing and put back afterwards; near the ends the window shrinks evenly on both sides, so a steady
    climb keeps its first and last heights. Without times there is no window: the elevation is as recorded.
    """
    ele = track.elevation_m
    ok = np.isfinite(ele)
    if not ok.any():
        return np.full(len(ele), np.nan)
    if window_s is None:
        window_s = smoothing_window_s(elevation_noise_m(ele))
    t = track.time_s
    if window_s <= 0 or len(ele) < 3 or not np.isfinite(t).all():
        return np.where(ok, ele, np.nan)
    filled = _fill(ele)
    half = np.minimum(window_s / 2.0, np.minimum(t - t[0], t[-1] - t))
    lo = np.searchsorted(t, t - half, side="left")
    hi = np.searchsorted(t, t + half, side="right")
    base = float(filled[0])  # sums of differences from the first height keep full precision
    sums = np.concatenate(([0.0], np.cumsum(filled - base)))
    return np.where(ok, base + (sums[hi] - sums[lo]) / (hi - lo), np.nan)


def climb_steps_m(
    elevation_m: FloatArray, hysteresis_m: float = ELEVATION_MIN_HYSTERESIS_M
) -> tuple[FloatArray, FloatArray]:
    """Return per-point gain and loss (both >= 0) by hysteresis over a smoothed elevation.

    Once climbing, every further rise counts at once; a turn to descending counts only when the drop from
    the last high reaches hysteresis_m (and the same the other way), so noise does not add up. Each counted
    rise (or drop) is placed on the points that made it, in proportion to their own rises, so a climb's
    metres fall in the kilometres where it was climbed.
    """
    n = len(elevation_m)
    gain = np.zeros(n)
    loss = np.zeros(n)
    finite = np.flatnonzero(np.isfinite(elevation_m))
    if len(finite) < 2:
        return gain, loss
    # Within a monotone run the outcome depends only on its end, so only turning points (and the ends)
    # need the loop: the same totals, a fraction of the Python steps.
    e = elevation_m[finite]
    slope = np.sign(np.diff(e))
    nonzero = np.flatnonzero(slope)
    turning = np.zeros(len(e), dtype=bool)
    turning[0] = turning[-1] = True
    if len(nonzero) > 1:
        changes = nonzero[1:][slope[nonzero[1:]] != slope[nonzero[:-1]]]
        turning[changes] = True  # the point where the previous run ended
    at = np.flatnonzero(turning)  # positions in e of the turning points
    values = e[turning].tolist()
    anchor = values[0]
    anchor_k = 0
    direction = 0
    threshold = hysteresis_m
    per_point_e = np.zeros(len(e))
    counted: list[tuple[int, int, float]] = []  # (from turning point, to turning point, signed amount)
    for k, v in enumerate(values):
        rise = v - anchor
        if rise >= threshold or (direction > 0 and rise > 0):
            counted.append((anchor_k, k, rise))
            anchor, anchor_k, direction = v, k, 1
        elif -rise >= threshold or (direction < 0 and rise < 0):
            counted.append((anchor_k, k, rise))
            anchor, anchor_k, direction = v, k, -1
    for first, last, amount in counted:
        lo, hi = int(at[first]), int(at[last])
        steps = np.diff(e[lo : hi + 1])
        share = np.maximum(steps, 0.0) if amount > 0 else np.maximum(-steps, 0.0)
        total = float(share.sum())
        if total > 0:
            per_point_e[lo + 1 : hi + 1] += amount * share / total
        else:
            per_point_e[hi] += amount
    gain[finite] = np.maximum(per_point_e, 0.0)
    loss[finite] = np.maximum(-per_point_e, 0.0)
    return gain, loss


def best_window_s(cum_m: FloatArray, time_s: FloatArray, window_m: float = 1000.0) -> float | None:
    """Return the shortest time over any stretch of window_m (None if the track is shorter)."""
    if len(cum_m) < 2 or cum_m[-1] < window_m or not np.isfinite(time_s).all():
        return None
    starts = cum_m[cum_m <= cum_m[-1] - window_m]
    t_start = np.interp(starts, cum_m, time_s)
    t_end = np.interp(starts + window_m, cum_m, time_s)
    return float(np.min(t_end - t_start))


def splits(
    cum_m: FloatArray,
    time_s: FloatArray,
    gain: FloatArray,
    loss: FloatArray,
    hr_bpm: FloatArray,
    split_m: float = 1000.0,
    *,
    profile: GradeProfile | None = None,
    running: bool = False,
) -> list[Split]:
    """Return per-kilometre splits; gain, loss and points are assigned to the split they fall in.

    With the grade profile over the same distances, each split also gets its grade-adjusted pace: its time
    over the level distance of the same effort (Minetti's walking or running curve, as `running` says).
    """
    total = float(cum_m[-1]) if len(cum_m) else 0.0
    if total <= 0 or not np.isfinite(time_s).all():
        return []
    edges = np.append(np.arange(0.0, total, split_m), total)
    if len(edges) > 2 and edges[-1] - edges[-2] < 1e-6:
        edges = edges[:-1]
    t_edges = np.interp(edges, cum_m, time_s)
    t_edges[0], t_edges[-1] = time_s[0], time_s[-1]  # stops before the first metre and after the last count
    which = np.clip(np.searchsorted(edges, cum_m, side="left") - 1, 0, len(edges) - 2)
    count = len(edges) - 1
    gains = np.bincount(which, weights=gain, minlength=count)
    losses = np.bincount(which, weights=loss, minlength=count)
    hr_ok = np.isfinite(hr_bpm)
    hr_sum = np.bincount(which[hr_ok], weights=hr_bpm[hr_ok], minlength=count)
    hr_n = np.bincount(which[hr_ok], minlength=count)
    level_m = None
    if profile is not None and len(profile.start_m):
        step_split = np.clip(np.searchsorted(edges, profile.start_m, side="right") - 1, 0, count - 1)
        equivalent = profile.length_m * grade_factor(profile.grade, running=running)
        level_m = np.bincount(step_split, weights=equivalent, minlength=count)
    out = []
    for i in range(count):
        dist = float(edges[i + 1] - edges[i])
        dur = float(t_edges[i + 1] - t_edges[i])
        out.append(
            Split(
                index=i + 1,
                distance_m=dist,
                duration_s=dur,
                pace_s_per_km=dur / dist * 1000.0 if dist > 0 else 0.0,
                elevation_gain_m=float(gains[i]),
                elevation_loss_m=float(losses[i]),
                avg_hr_bpm=float(hr_sum[i] / hr_n[i]) if hr_n[i] else None,
                gap_pace_s_per_km=(
                    dur / float(level_m[i]) * 1000.0 if level_m is not None and level_m[i] > 0 else None
                ),
            )
        )
    return out


@dataclass(frozen=True)
class GradeProfile:
    """Gradients over fixed horizontal steps: where each step starts, its grade and the time it took."""

    start_m: FloatArray
    length_m: FloatArray
    grade: FloatArray
    duration_s: FloatArray


def grade_profile(cum_m: FloatArray, time_s: FloatArray, elevation_m: FloatArray) -> GradeProfile:
    """Resample the smoothed elevation every GRADE_STEP_M of distance and take the gradient of each step."""
    total = float(cum_m[-1]) if len(cum_m) else 0.0
    if total <= 0:
        empty = np.empty(0)
        return GradeProfile(empty, empty, empty, empty)
    edges = np.append(np.arange(0.0, total, GRADE_STEP_M), total)
    length = np.diff(edges)
    keep = length > 1e-9
    ok = np.isfinite(elevation_m)
    if ok.sum() >= 2:
        ele = np.interp(edges, cum_m[ok], elevation_m[ok])
        grade = np.diff(ele) / np.where(length > 0, length, 1.0)
    else:
        grade = np.zeros(len(length))
    if np.isfinite(time_s).all() and len(time_s):
        t_edges = np.interp(edges, cum_m, time_s)
        t_edges[0], t_edges[-1] = time_s[0], time_s[-1]
        duration = np.diff(t_edges)
    else:
        duration = np.zeros(len(length))
    return GradeProfile(edges[:-1][keep], length[keep], grade[keep], duration[keep])


def grade_bands(profile: GradeProfile) -> list[GradeBand]:
    """Return the distance and time spent in each band of GRADE_BANDS."""
    pct = profile.grade * 100.0
    out = []
    for label, lo, hi in GRADE_BANDS:
        inside = (pct >= lo) & (pct < hi)
        out.append(
            GradeBand(
                label=label,
                min_pct=float(lo),
                max_pct=float(hi),
                distance_m=float(profile.length_m[inside].sum()),
                duration_s=float(profile.duration_s[inside].sum()),
            )
        )
    return out


def finite_stats(values: FloatArray) -> tuple[float | None, float | None]:
    """Return the mean and maximum of the finite values (None, None when there are none)."""
    ok = values[np.isfinite(values)]
    if not len(ok):
        return None, None
    return float(ok.mean()), float(ok.max())
