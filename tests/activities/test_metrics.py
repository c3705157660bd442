from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities import metrics as m
from calfcoach.activities.geo import distance_m
from calfcoach.activities.model import Track, f64

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
    gain, loss = m.climb_steps_m(m.smoothed_elevation_m(track))
    assert gain.sum() == pytest.approx(60.0, abs=0.5)
    assert loss.sum() == 0


def test_noise_smaller_than_the_threshold_adds_no_climb() -> None:
    rng = np.random.default_rng(1)
    track = _track([1.0] * 999, list(300 + rng.uniform(-0.9, 0.9, 1000)))
    gain, loss = m.climb_steps_m(m.smoothed_elevation_m(track))
    assert gain.sum() == 0
    assert loss.sum() == 0


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
    gain, loss = m.climb_steps_m(m.smoothed_elevation_m(track))
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
