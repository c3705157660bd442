from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities.metrics import cumulative_distance_m
from calfcoach.activities.model import Track, f64
from calfcoach.activities.repair import repair_track

T0 = 1_700_000_000.0


def _line(n: int, step_deg: float = 1e-5) -> Track:
    return Track(
        time_s=f64(T0 + np.arange(n, dtype=float)),
        lat_deg=f64(46.0 + np.arange(n) * step_deg),
        lon_deg=np.full(n, 14.0),
        hr_bpm=np.full(n, 120.0),
    )


def test_points_whose_time_goes_back_are_left_out_with_a_warning() -> None:
    track = _line(6)
    times = track.time_s.copy()
    times[3] = T0 - 50
    repaired, warnings = repair_track(Track(time_s=times, lat_deg=track.lat_deg, lon_deg=track.lon_deg))
    assert len(repaired) == 5
    assert any("went back" in w for w in warnings)


def test_points_that_repeat_a_time_are_merged_keeping_every_recorded_value() -> None:
    times = T0 + np.array([0.0, 1.0, 1.0, 2.0])
    track = Track(
        time_s=times,
        lat_deg=np.array([46.0, 46.00001, np.nan, 46.00002]),
        lon_deg=np.array([14.0, 14.0, np.nan, 14.0]),
        hr_bpm=np.array([np.nan, np.nan, 130.0, 131.0]),
    )
    repaired, warnings = repair_track(track)
    assert repaired.time_s.tolist() == [T0, T0 + 1, T0 + 2]
    assert repaired.lat_deg[1] == 46.00001
    assert repaired.hr_bpm[1] == 130.0
    assert any("merged" in w for w in warnings)


def test_a_gps_spike_faster_than_100_m_per_s_loses_its_position() -> None:
    track = _line(10)
    lat = track.lat_deg.copy()
    lat[5] += 0.05  # 5.5 km away for one second
    repaired, warnings = repair_track(Track(time_s=track.time_s, lat_deg=lat, lon_deg=track.lon_deg))
    assert np.isnan(repaired.lat_deg[5])
    assert cumulative_distance_m(repaired)[-1] < 12
    assert any("jumped" in w for w in warnings)


def test_a_lasting_gps_jump_starts_a_new_segment_and_adds_no_distance() -> None:
    track = _line(10)
    lat = track.lat_deg.copy()
    lat[5:] += 0.05
    repaired, warnings = repair_track(Track(time_s=track.time_s, lat_deg=lat, lon_deg=track.lon_deg))
    assert repaired.segment.tolist() == [0] * 5 + [1] * 5
    assert cumulative_distance_m(repaired)[-1] < 12
    assert any("not counted" in w for w in warnings)


def test_a_point_days_away_from_the_rest_is_left_out() -> None:
    track = _line(10)
    times = track.time_s.copy()
    times[-1] += 400 * 86400
    repaired, warnings = repair_track(Track(time_s=times, lat_deg=track.lat_deg, lon_deg=track.lon_deg))
    assert len(repaired) == 9
    assert any("days" in w for w in warnings)


def test_impossible_heart_rates_are_left_out() -> None:
    track = _line(4)
    repaired, warnings = repair_track(
        Track(
            time_s=track.time_s,
            lat_deg=track.lat_deg,
            lon_deg=track.lon_deg,
            hr_bpm=np.array([80, 0, 300, 90.0]),
        )
    )
    assert np.isnan(repaired.hr_bpm[[1, 2]]).all()
    assert repaired.hr_bpm[[0, 3]].tolist() == [80, 90]
    assert warnings


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-5, max_value=30), min_size=2, max_size=60))
def test_after_repair_times_strictly_increase_whatever_the_device_wrote(offsets: list[int]) -> None:
    times = T0 + np.cumsum(np.array(offsets, dtype=float))
    n = len(times)
    track = Track(time_s=times, lat_deg=f64(46 + np.arange(n) * 1e-5), lon_deg=np.full(n, 14.0))
    repaired, warnings = repair_track(track)
    if repaired.has_times:
        assert np.all(np.diff(repaired.time_s) > 0)
        assert set(repaired.time_s.tolist()) <= set(times.tolist())
    else:  # one distinct time only: the times are useless and dropped, the points kept
        assert len(repaired) == n
        assert any("times ignored" in w for w in warnings)
