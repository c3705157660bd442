from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities import metrics as m
from calfcoach.activities import read_activity
from calfcoach.activities.classify import HIKE_CLIMB_M_PER_KM
from calfcoach.activities.geo import distance_m
from calfcoach.activities.model import Track, f64
from tests.activities.helpers import DATA

T0 = 1_700_000_000.0


def _track(speeds: list[float], elevations: list[float] | None = None, dt_s: float = 1.0) -> Track:
    n = len(speeds) + 1
    north = np.concatenate(([0.0], np.cumsum(np.array(speeds) * dt_s)))
    return Track(
        time_s=f64(T0 + np.arange(n) * dt_s),
        lat_deg=f64(46.0 + north / 111_140.0),
        lon_deg=np.full(n, 14.0),
        elevation_m=np.array(elevations if elevations is not None else [500.0] * n, dtype=float),
    )


def test_one_degree_of_latitude_is_about_111_km_on_the_ellipsoid() -> None:
    assert distance_m(45.5, 14.0, 46.5, 14.0) == pytest.approx(111_141, rel=0.001)


def test_moving_time_leaves_out_a_stop() -> None:
    track = _track([1.5] * 300 + [0.0] * 120 + [1.5] * 300)
    cum = m.cumulative_distance_m(track)
    moving = m.moving_mask(track, cum)
    assert np.diff(track.time_s)[moving].sum() == pytest.approx(600, abs=12)
    assert m.elapsed_s(track) == 720


def test_a_steady_climb_counts_its_full_gain_and_no_loss() -> None:
    n = 601
    track = _track([1.0] * (n - 1), list(np.linspace(100, 160, n)))
    climb = m.climb(track)
    assert climb.gain_m.sum() == pytest.approx(60.0, abs=0.5)
    assert climb.loss_m.sum() == 0


def test_noise_smaller_than_the_threshold_adds_no_climb() -> None:
    rng = np.random.default_rng(1)
    track = _track([1.0] * 999, list(300 + rng.uniform(-0.9, 0.9, 1000)))
    climb = m.climb(track)
    assert climb.gain_m.sum() == 0
    assert climb.loss_m.sum() == 0


def test_the_best_kilometre_is_the_fast_one() -> None:
    track = _track([2.0] * 1000 + [4.0] * 500)
    cum = m.cumulative_distance_m(track)
    assert m.best_window_s(cum, track.time_s) == pytest.approx(250, rel=0.01)


def test_splits_are_whole_kilometres_then_the_rest() -> None:
    track = _track([2.5] * 1000)
    cum = m.cumulative_distance_m(track)
    parts = m.splits(cum, track.time_s, np.zeros(len(track)), np.zeros(len(track)), track.hr_bpm)
    assert [round(p.distance_m) for p in parts] == [1000, 1000, 500]
    assert parts[0].pace_s_per_km == pytest.approx(400, rel=0.01)


def test_grade_bands_place_a_12_percent_ramp_in_steep_uphill() -> None:
    n = 1001
    track = _track([1.0] * (n - 1), list(np.linspace(0, 120, n)))
    cum = m.cumulative_distance_m(track)
    profile = m.grade_profile(cum, track.time_s, m.smoothed_elevation_m(track))
    bands = {b.label: b for b in m.grade_bands(profile)}
    assert bands["steep uphill"].distance_m == pytest.approx(1000, abs=30)
    assert bands["flat"].distance_m < 30


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(min_value=0.0, max_value=6.0), min_size=2, max_size=400),
    st.lists(st.floats(min_value=-3.0, max_value=3.0), min_size=2, max_size=400),
)
def test_invariants_hold_for_any_track(speeds: list[float], climbs: list[float]) -> None:
    n = len(speeds) + 1
    elevation = list(np.cumsum([100.0] + [climbs[i % len(climbs)] for i in range(n - 1)]))
    track = _track(speeds, elevation)
    cum = m.cumulative_distance_m(track)
    moving = m.moving_mask(track, cum)
    moving_s = float(np.diff(track.time_s)[moving].sum())
    climb = m.climb(track)
    gain, loss = climb.gain_m, climb.loss_m
    parts = m.splits(cum, track.time_s, gain, loss, track.hr_bpm)
    assert 0 <= moving_s <= m.elapsed_s(track)
    assert gain.sum() >= 0
    assert loss.sum() >= 0
    assert np.all(np.diff(cum) >= 0)
    if parts:
        assert sum(p.distance_m for p in parts) == pytest.approx(cum[-1], abs=1e-6)
        assert sum(p.duration_s for p in parts) == pytest.approx(m.elapsed_s(track), abs=1e-6)
        assert sum(p.elevation_gain_m for p in parts) == pytest.approx(gain.sum(), abs=1e-6)
    profile = m.grade_profile(cum, track.time_s, m.smoothed_elevation_m(track))
    assert sum(b.distance_m for b in m.grade_bands(profile)) == pytest.approx(cum[-1], abs=1e-6)


# --- Elevation gain against independent references ------------------------------------------------------
# A surveyed road: a walk at 1.4 m/s, one point a second, along a road climbing steadily from 300 m to
# 500 m over 6 km (the true gain is 200 m, the true loss 0), with GPS-like altitude error added: a wander of
# 3 m standard deviation that decorrelates over 30 s (a first-order autoregressive process) plus 1 m of
# jitter at each fix. Tolerance: the gain within 15% of the true climb, the loss under 10% of it.

ROAD_POINTS = 4286  # 6 km at 1.4 m/s


def _gps_altitude_error(rng: np.random.Generator, n: int) -> np.ndarray:
    keep = np.exp(-1.0 / 30.0)
    shocks = rng.normal(0.0, 3.0 * np.sqrt(1.0 - keep**2), n)
    wander = np.empty(n)
    wander[0] = rng.normal(0.0, 3.0)
    for i in range(1, n):
        wander[i] = keep * wander[i - 1] + shocks[i]
    return wander + rng.normal(0.0, 1.0, n)


def _road(heights: np.ndarray) -> Track:
    return _track([1.4] * (len(heights) - 1), list(heights))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_surveyed_200_m_road_climb_with_gps_noise_gains_within_15_percent(seed: int) -> None:
    true = np.linspace(300.0, 500.0, ROAD_POINTS)
    climb = m.climb(_road(true + _gps_altitude_error(np.random.default_rng(seed), ROAD_POINTS)))
    assert climb.gain_m.sum() == pytest.approx(200.0, rel=0.15)
    assert climb.loss_m.sum() < 20.0


def test_gps_noise_on_a_level_road_never_adds_the_climb_of_a_hike() -> None:
    flat = np.full(ROAD_POINTS, 300.0)
    climb = m.climb(_road(flat + _gps_altitude_error(np.random.default_rng(4), ROAD_POINTS)))
    km = 1.4 * (ROAD_POINTS - 1) / 1000.0
    assert climb.gain_m.sum() < 0.5 * HIKE_CLIMB_M_PER_KM * km


def test_small_real_rises_of_a_barometer_are_counted_within_10_percent() -> None:
    # Rollers 2 m high every 300 m, recorded by a barometer (steps of 0.2 m, 0.1 m of noise).
    ground = np.arange(ROAD_POINTS) * 1.4
    true = 300.0 + 1.0 * np.sin(2 * np.pi * ground / 300.0)
    measured = np.round((true + np.random.default_rng(5).normal(0.0, 0.1, ROAD_POINTS)) / 0.2) * 0.2
    rises = np.diff(true)
    assert m.climb(_road(measured)).gain_m.sum() == pytest.approx(rises[rises > 0].sum(), rel=0.1)


# Real FIT files whose altitude the device measured itself (the Edge 500 with its barometric altimeter, the
# Forerunner 110 from GPS): our gain against the total ascent the device wrote in its session.
@pytest.mark.parametrize(
    "name", ["garmin-edge-500-activity.fit", "sample-activity.fit", "2013-02-06-12-11-14.fit"]
)
def test_gain_is_within_3_percent_of_the_device_total_ascent(name: str) -> None:
    activity = read_activity((DATA / "fit" / name).read_bytes(), source=name)
    assert activity.totals is not None
    assert activity.totals.ascent_m
    gain = m.climb(activity.track).gain_m.sum()
    assert gain == pytest.approx(activity.totals.ascent_m, rel=0.03)


def _device_track(distances: list[float], **columns: list[float]) -> Track:
    n = len(distances)
    values = {name: f64(v) for name, v in columns.items()}
    return Track(time_s=np.full(n, np.nan), distance_m=f64(distances), **values)  # type: ignore[arg-type]


def test_a_first_device_distance_within_the_steps_between_records_counts_from_the_start() -> None:
    # Records every ~1.6 km: the first, at 510 m, was written 510 m after the start (3,200 m before).
    cum = m.cumulative_distance_m(_device_track([510.0, 2080.0, 3710.0]))
    assert cum.tolist() == [510.0, 2080.0, 3710.0]


def test_a_first_device_distance_far_beyond_the_steps_is_counted_from_the_first_record() -> None:
    # 5 km, then steps of 3 m: a resumed or trimmed recording whose first part is not in the file.
    cum = m.cumulative_distance_m(_device_track([5000.0, 5003.0, 5006.0]))
    assert cum.tolist() == [0.0, 3.0, 6.0]


def test_points_before_the_first_device_distance_are_at_the_start() -> None:
    cum = m.cumulative_distance_m(_device_track([np.nan, 4.0, 9.0, np.nan, 15.0]))
    assert cum.tolist() == [0.0, 4.0, 9.0, 9.0, 15.0]


def test_the_device_session_total_is_the_final_distance_and_the_points_scale_to_it() -> None:
    cum = m.cumulative_distance_m(_device_track([0.0, 250.0, 500.0]), device_total_m=450.0)
    assert cum.tolist() == pytest.approx([0.0, 225.0, 450.0])


def test_the_device_total_does_not_replace_measured_positions() -> None:
    n = 11
    track = Track(
        time_s=f64(np.arange(n, dtype=float)),
        lat_deg=f64(46.0 + np.arange(n) * 10.0 / 111_195.0),
        lon_deg=np.full(n, 14.0),
        distance_m=f64(np.arange(n) * 12.0),
    )
    assert m.cumulative_distance_m(track, device_total_m=500.0)[-1] == pytest.approx(100.0, rel=0.005)


def test_a_single_position_among_records_with_the_device_distance_leaves_the_device_distance() -> None:
    # One fix is no track to measure (0 m before): the device's odometer is the distance.
    track = _device_track(
        [0.0, 1.0, 2.0, 3.0], lat_deg=[46.0, np.nan, np.nan, np.nan], lon_deg=[14.0, np.nan, np.nan, np.nan]
    )
    assert m.cumulative_distance_m(track)[-1] == 3.0


def test_a_steady_climb_is_split_among_the_kilometres_it_was_climbed_in() -> None:
    # 3 km climbing 30 m per kilometre: each split climbed 30 m (the whole gain used to land on the last).
    n = 3001
    track = _track([1.0] * (n - 1), list(np.linspace(100, 190, n)))
    cum = m.cumulative_distance_m(track)
    climb = m.climb(track)
    parts = m.splits(cum, track.time_s, climb.gain_m, climb.loss_m, track.hr_bpm)
    assert [round(p.elevation_gain_m) for p in parts[:3]] == [30, 30, 30]  # then a few metres more
    assert sum(p.elevation_gain_m for p in parts) == pytest.approx(climb.gain_m.sum())
    assert all(p.elevation_loss_m == 0 for p in parts)


def test_a_climb_then_a_descent_fall_in_their_own_kilometres() -> None:
    n = 2001
    up_then_down = np.concatenate((np.linspace(100, 150, 1001), np.linspace(150, 110, 1001)[1:]))
    track = _track([1.0] * (n - 1), list(up_then_down))
    cum = m.cumulative_distance_m(track)
    climb = m.climb(track)
    parts = m.splits(cum, track.time_s, climb.gain_m, climb.loss_m, track.hr_bpm)
    assert [round(p.elevation_gain_m) for p in parts[:2]] == [50, 0]
    assert [round(p.elevation_loss_m) for p in parts[:2]] == [0, 40]


def test_splits_carry_the_grade_adjusted_pace_of_their_own_ground() -> None:
    # 1 km level, then 1 km at 10%: the same time each, so the climbing kilometre is the faster effort.
    n = 2001
    elevation = np.concatenate((np.full(1001, 100.0), np.linspace(100, 200, 1001)[1:]))
    track = _track([1.0] * (n - 1), list(elevation))
    cum = m.cumulative_distance_m(track)
    climb = m.climb(track)
    profile = m.grade_profile(cum, track.time_s, climb.elevation_m)
    parts = m.splits(
        cum, track.time_s, climb.gain_m, climb.loss_m, track.hr_bpm, profile=profile, running=False
    )
    level, uphill = parts[:2]
    assert level.gap_pace_s_per_km == pytest.approx(level.pace_s_per_km, rel=0.03)
    assert uphill.gap_pace_s_per_km is not None
    assert uphill.gap_pace_s_per_km < uphill.pace_s_per_km / 1.5
    without = m.splits(cum, track.time_s, climb.gain_m, climb.loss_m, track.hr_bpm)
    assert all(p.gap_pace_s_per_km is None for p in without)
