"""Summarise an activity into the figures the coach and the store need, and into a CardioLog."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from calfcoach.activities import metrics as m
from calfcoach.activities.classify import JOG_FROM_MPS, Sport, classify, is_stairs, is_treadmill
from calfcoach.activities.energy import (
    acsm_running_vo2,
    acsm_stepping_vo2,
    acsm_walking_vo2,
    grade_factor,
    kcal_per_kg,
)
from calfcoach.activities.model import Activity, Track
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import CardioLog

STAIR_STEP_HEIGHT_M = 0.17  # a typical stair riser, to turn metres climbed into steps for ACSM stepping
FLOOR_HEIGHT_M = 3.0
MAX_SESSION_S = 24 * 3600.0  # the longest session the coach's log holds (CardioLog.duration_s)


@dataclass(frozen=True)
class ActivitySummary:
    """What one recording amounts to; JSON-ready through as_json()."""

    sport: Sport
    start_time: dt.datetime | None
    distance_m: float
    elapsed_s: float
    moving_s: float
    elevation_gain_m: float
    elevation_loss_m: float
    avg_speed_mps: float | None
    gap_speed_mps: float | None
    points: int
    source_file: str
    file_format: str
    content_sha256: str
    device: str | None
    serial: str | None
    name: str | None
    is_treadmill: bool
    is_stairs: bool
    avg_pace_s_per_km: float | None
    best_km_s: float | None
    avg_uphill_grade_pct: float | None
    max_grade_pct: float | None
    climb_rate_m_per_h: float | None
    running_s: float
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    avg_cadence_spm: float | None
    max_cadence_spm: float | None
    energy_kcal_per_kg: float | None
    device_distance_m: float | None
    splits: tuple[m.Split, ...]
    grade_bands: tuple[m.GradeBand, ...]
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """Return plain JSON types: times as ISO 8601 UTC, infinities as None."""
        out = asdict(self)
        out["sport"] = self.sport.value
        out["start_time"] = self.start_time.isoformat().replace("+00:00", "Z") if self.start_time else None
        out["splits"] = [asdict(s) for s in self.splits]
        out["grade_bands"] = [
            {**asdict(b), "min_pct": _finite(b.min_pct), "max_pct": _finite(b.max_pct)}
            for b in self.grade_bands
        ]
        out["warnings"] = list(self.warnings)
        return out


def _timed_part(track: Track) -> tuple[Track, float]:
    """The timed points, and the distance of the untimed ones among them (0 when all or none are timed).

    Tracks without any time among timed ones (kept whole by the repair step): their distance counts;
    everything timed (moving time, pace, splits, climb) is of the timed points alone.
    """
    untimed = ~np.isfinite(track.time_s)
    if not untimed.any() or untimed.all():
        return track, 0.0
    whole_m = float(m.cumulative_distance_m(track)[-1])
    timed = track.take(~untimed)
    return timed, whole_m - float(m.cumulative_distance_m(timed)[-1])


def track_splits(
    track: Track, *, device_distance_m: float | None, running: bool, split_m: float = 1000.0
) -> tuple[m.Split, ...]:
    """The kilometre (or `split_m`) splits `summarize` gives, from a stored track (which keeps no totals).

    `device_distance_m` is the device's own total where it wrote one (the summary's), `running` whether
    the moving speed reached a jog (which of Minetti's curves grade-adjusts the pace).
    """
    track, _ = _timed_part(track)
    if len(track) < 2 or not np.isfinite(track.time_s).all():
        return ()
    cum = m.cumulative_distance_m(track, device_distance_m)
    climb = m.climb(track)
    profile = m.grade_profile(cum, track.time_s, climb.elevation_m)
    return tuple(
        m.splits(
            cum,
            track.time_s,
            climb.gain_m,
            climb.loss_m,
            track.hr_bpm,
            split_m,
            profile=profile,
            running=running,
        )
    )


def _finite(value: float) -> float | None:
    return value if np.isfinite(value) else None


def summarize(activity: Activity) -> ActivitySummary:
    """Compute the summary of one activity."""
    points = len(activity.track)
    track, untimed_m = _timed_part(activity.track)
    n = len(track)
    device_total = activity.totals.distance_m if activity.totals else None
    cum = m.cumulative_distance_m(track, device_total)
    warnings = activity.warnings
    positions = int((np.isfinite(track.lat_deg) & np.isfinite(track.lon_deg)).sum())
    if positions < 2 and not device_total and np.isfinite(track.distance_m).any():
        origin = m.device_origin_m(track.distance_m)
        if origin > 0:
            warnings += (
                f"the device's distance is already {origin:.0f} m at the first point, more than any step"
                " between points: a resumed or trimmed recording, so the distance counts from the first"
                " point",
            )
    distance = float(cum[-1]) if n else 0.0
    elapsed = m.elapsed_s(track)
    times_ok = n > 1 and bool(np.isfinite(track.time_s).all())
    dt_s = np.diff(track.time_s) if times_ok else np.zeros(max(n - 1, 0))
    moving = m.moving_mask(track, cum) if times_ok else np.zeros(max(n - 1, 0), dtype=bool)
    moving_s = float(dt_s[moving].sum())
    # Records without times (a treadmill writing distance alone): the device's session totals time them.
    device_timing = activity.totals if not track.has_times else None
    if device_timing is not None:
        elapsed = device_timing.elapsed_s or 0.0
        moving_s = device_timing.timer_s or elapsed
    climb = m.climb(track)
    elevation, gain_pts, loss_pts = climb.elevation_m, climb.gain_m, climb.loss_m
    gain, loss = float(gain_pts.sum()), float(loss_pts.sum())
    avg_speed = distance / moving_s if moving_s > 0 and distance > 0 else None
    profile = m.grade_profile(cum, track.time_s, elevation)
    running_curve = avg_speed is not None and avg_speed >= JOG_FROM_MPS
    gap_speed = None
    if avg_speed is not None:
        equivalent_m = float(np.sum(profile.length_m * grade_factor(profile.grade, running=running_curve)))
        gap_speed = equivalent_m / moving_s
    stairs = is_stairs(
        gain_m=gain,
        moving_s=moving_s,
        distance_m=distance,
        hint=activity.sport_hint,
        sub_hint=activity.sub_sport_hint,
    )
    treadmill = is_treadmill(
        has_positions=track.has_positions,
        has_distance=distance > 0,
        hint=activity.sport_hint,
        sub_hint=activity.sub_sport_hint,
    )
    sport = classify(
        hint=activity.sport_hint,
        sub_hint=activity.sub_sport_hint,
        speed_mps=avg_speed,
        gain_m=gain,
        distance_m=distance,
        stairs=stairs,
    )
    step_speed = np.diff(cum) / np.where(dt_s > 0, dt_s, np.inf) if times_ok else np.zeros(0)
    running_s = float(dt_s[moving & (step_speed >= JOG_FROM_MPS)].sum()) if times_ok else 0.0
    up = profile.grade > 0.01
    uphill_grade = (
        float(np.sum(profile.grade[up] * profile.length_m[up]) / profile.length_m[up].sum() * 100.0)
        if up.any()
        else None
    )
    climbing = profile.grade > 0.03
    climb_time = float(profile.duration_s[climbing].sum())
    climb_rate = gain / climb_time * 3600.0 if climb_time > 0 and gain > 0 else None
    if stairs and moving_s > 0:
        climb_rate = gain / moving_s * 3600.0
    avg_hr, max_hr = m.finite_stats(track.hr_bpm)
    cadence = track.cadence_rpm
    avg_cad, max_cad = m.finite_stats(np.where(cadence > 0, cadence, np.nan))
    foot = sport is not Sport.OTHER
    totals = activity.totals
    start = None
    if activity.clock_known and track.has_times:
        first = float(track.time_s[np.isfinite(track.time_s)][0])
        start = dt.datetime.fromtimestamp(first, tz=dt.UTC)
    elif device_timing is not None:
        start = device_timing.start_time
    return ActivitySummary(
        sport=sport,
        start_time=start,
        distance_m=distance + untimed_m,
        elapsed_s=elapsed,
        moving_s=moving_s,
        elevation_gain_m=gain,
        elevation_loss_m=loss,
        avg_speed_mps=avg_speed,
        gap_speed_mps=gap_speed,
        points=points,
        source_file=activity.source,
        file_format=activity.file_format,
        content_sha256=activity.content_sha256,
        device=activity.device,
        serial=activity.serial,
        name=activity.name,
        is_treadmill=treadmill,
        is_stairs=stairs,
        avg_pace_s_per_km=1000.0 / avg_speed if avg_speed else None,
        best_km_s=m.best_window_s(cum, track.time_s) if times_ok else None,
        avg_uphill_grade_pct=uphill_grade,
        max_grade_pct=float(profile.grade.max() * 100.0) if len(profile.grade) else None,
        climb_rate_m_per_h=climb_rate,
        running_s=running_s,
        avg_hr_bpm=avg_hr,
        max_hr_bpm=max_hr,
        avg_cadence_spm=avg_cad * 2 if avg_cad is not None and foot else avg_cad,
        max_cadence_spm=max_cad * 2 if max_cad is not None and foot else max_cad,
        energy_kcal_per_kg=_energy(sport, profile, gain, moving_s) if foot else None,
        device_distance_m=totals.distance_m if totals else None,
        splits=tuple(
            m.splits(
                cum, track.time_s, gain_pts, loss_pts, track.hr_bpm, profile=profile, running=running_curve
            )
        )
        if times_ok
        else (),
        grade_bands=tuple(m.grade_bands(profile)),
        warnings=warnings,
    )


def _energy(sport: Sport, profile: m.GradeProfile, gain_m: float, moving_s: float) -> float | None:
    """Estimate energy (kcal/kg) by the ACSM equations over the moving parts of the grade profile."""
    if sport is Sport.STAIRS:
        if moving_s <= 0 or gain_m <= 0:
            return None
        stair_min = moving_s / 60.0
        steps_per_min = gain_m / STAIR_STEP_HEIGHT_M / stair_min
        return kcal_per_kg(acsm_stepping_vo2(steps_per_min, STAIR_STEP_HEIGHT_M), stair_min)
    ok = profile.duration_s > 0
    if not ok.any():
        return None
    speed = profile.length_m[ok] / profile.duration_s[ok]
    moving = speed >= m.MOVING_SPEED_MPS
    speed_m_min = speed[moving] * 60.0
    grades = profile.grade[ok][moving]
    minutes = profile.duration_s[ok][moving] / 60.0
    running = sport in (Sport.RUN, Sport.JOG)
    vo2 = acsm_running_vo2(speed_m_min, grades) if running else acsm_walking_vo2(speed_m_min, grades)
    return kcal_per_kg(vo2, minutes)


def session_duration_s(summary: ActivitySummary) -> float:
    """Return the duration a session logged from this summary gets: the moving time, else the elapsed."""
    return summary.moving_s if summary.moving_s > 0 else summary.elapsed_s


def to_cardio_log(summary: ActivitySummary, exercise_id: str) -> CardioLog:
    """Turn a summary into the CardioLog the coach reads: pace actually walked, grade actually climbed.

    avg_speed_kmh is the grade-adjusted speed (Minetti 2002), which equals the moving speed on the level:
    the walking pace progression then credits a hill walk with the level pace of the same effort. The
    speed over the ground stays available as distance_m / duration_s, and in the summary.
    """
    duration = session_duration_s(summary)
    if duration <= 0:
        raise InputError(
            "the recording has no times, so it has no duration",
            where=summary.source_file,
            hint="log this session by hand with its duration",
        )
    if duration > MAX_SESSION_S:
        raise InputError(
            f"the recording lasts {duration / 3600:.1f} h, longer than the {MAX_SESSION_S / 3600:.0f} h"
            " of one session",
            where=summary.source_file,
            hint="split the recording on the device or app and import the parts",
        )

    def speed_kmh(mps: float | None) -> float | None:
        return mps * 3.6 if mps is not None and 0 < mps * 3.6 <= 40 else None

    grade = summary.avg_uphill_grade_pct
    avg_hr = round(summary.avg_hr_bpm) if summary.avg_hr_bpm is not None else None
    return CardioLog(
        exercise_id=exercise_id,
        duration_s=duration,
        distance_m=min(summary.distance_m, 500_000.0) if summary.distance_m > 0 else None,
        avg_speed_kmh=speed_kmh(
            summary.gap_speed_mps if summary.gap_speed_mps is not None else summary.avg_speed_mps
        ),
        grade_pct=max(-45.0, min(45.0, grade)) if grade is not None else None,
        floors=round(summary.elevation_gain_m / FLOOR_HEIGHT_M) if summary.is_stairs else None,
        avg_hr_bpm=avg_hr if avg_hr is not None and 25 <= avg_hr <= 250 else None,
        running_s=summary.running_s if summary.sport in (Sport.RUN, Sport.JOG) else None,
        activity_id=summary.content_sha256,
    )
