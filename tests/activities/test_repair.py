from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities import ActivityError, Sport, read_activity, summarize, to_cardio_log
from calfcoach.activities.metrics import cumulative_distance_m
from calfcoach.activities.model import Track, f64
from calfcoach.activities.repair import repair_track
from tests.activities.helpers import fit_data, fit_definition, fit_file, gpx_doc, trkpt

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
    if times[1:].max() <= times[0] and len(set(times.tolist())) > 1:  # every later time went back
        with pytest.raises(ActivityError, match=r"any\.fit: the recording has a single point"):
            repair_track(track, source="any.fit")
        return
    repaired, warnings = repair_track(track, source="any.fit")
    if repaired.has_times:
        assert np.all(np.diff(repaired.time_s) > 0)
        assert set(repaired.time_s.tolist()) <= set(times.tolist())
    else:  # one distinct time only: the times are useless and dropped, the points kept
        assert len(repaired) == n
        assert any("times ignored" in w for w in warnings)


# --- Elevation that no person on foot could produce -------------------------------------------------------

FIT_EPOCH_S = 631_065_600.0  # 1989-12-31 00:00 UTC, where FIT timestamps start
SEMICIRCLES_PER_DEG = 2**31 / 180.0
LON_14 = round(14.0 * SEMICIRCLES_PER_DEG)


def walk_fit(altitude_m: np.ndarray) -> bytes:
    """A FIT walk at 1.4 m/s, one record a second, with the given altitude per record (raw value clipped)."""
    base = 1_000_000_000  # 2021-09-08 in FIT seconds
    messages = [
        fit_definition(0, 0, [(0, 1, 0x00)]),
        fit_data(0, "B", 4),  # file_id: an activity
        fit_definition(1, 20, [(253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (2, 2, 0x84), (3, 1, 0x02)]),
    ]
    for i, alt in enumerate(altitude_m):
        lat = 46.0 + i * 1.4 / 111_140.0
        raw_alt = int(np.clip(round((alt + 500.0) * 5.0), 0, 65_534))
        messages.append(
            fit_data(
                1,
                "IiiHB",
                base + i,
                round(lat * SEMICIRCLES_PER_DEG),
                LON_14,
                raw_alt,
                110,
            )
        )
    return fit_file(messages)


def test_a_fit_file_whose_altitude_jumps_between_minus_400_and_12600_m_counts_no_climb() -> None:
    rng = np.random.default_rng(7)
    activity = read_activity(walk_fit(rng.uniform(-400.0, 12_600.0, 1200)), source="spikes.fit")
    summary = summarize(activity)
    assert summary.elevation_gain_m == 0
    assert summary.sport is Sport.WALK
    assert not summary.is_stairs
    assert sum("elevation" in w for w in activity.warnings) == 1
    assert any("elevation is unusable" in w for w in activity.warnings)
    to_cardio_log(summary, "brisk-walk")  # a log the coach can take (it was refused: floors over 10,000)


def test_a_one_second_altitude_spike_is_left_out_and_the_climb_is_the_real_one() -> None:
    altitude = np.linspace(300.0, 330.0, 900)
    altitude[400:403] = 387.0  # three seconds 87 m up and back, as a wrist barometer wrote
    activity = read_activity(walk_fit(altitude), source="spike.fit")
    assert np.isnan(activity.track.elevation_m[400:403]).all()
    assert summarize(activity).elevation_gain_m == pytest.approx(30.0, abs=1.0)
    assert any("3 elevation values" in w for w in activity.warnings)


def test_gps_altitude_still_settling_at_the_start_is_left_out_not_the_rest() -> None:
    # A GPS starting up: 1,257 m, then 1,913, 2,032 ... before it settles at the real 2,250 m.
    start = [1257.6, 1913.2, 2032.2, 2144.6, 2201.0]
    track = _line(300)
    ele = np.concatenate((start, np.linspace(2229.0, 2240.0, 295)))
    repaired, warnings = repair_track(
        Track(time_s=track.time_s, lat_deg=track.lat_deg, lon_deg=track.lon_deg, elevation_m=ele)
    )
    assert np.isnan(repaired.elevation_m[:5]).all()
    assert np.isfinite(repaired.elevation_m[5:]).all()
    assert any("5 elevation values" in w for w in warnings)


def test_a_steep_real_climb_keeps_every_elevation() -> None:
    # A vertical-kilometre pace (0.6 m/s up) and a fast descent (1.5 m/s) are well within reach on foot.
    track = _line(1200)
    ele = np.concatenate((np.linspace(500, 860, 600), np.linspace(860, 500, 240), np.full(360, 500.0)))
    repaired, warnings = repair_track(
        Track(time_s=track.time_s, lat_deg=track.lat_deg, lon_deg=track.lon_deg, elevation_m=ele)
    )
    assert repaired.elevation_m.tolist() == ele.tolist()
    assert warnings == []


def test_without_times_an_elevation_step_steeper_than_any_path_is_left_out() -> None:
    n = 50
    lat = 46.0 + np.arange(n) * 20 / 111_140.0  # a point every 20 m
    ele = np.linspace(400.0, 410.0, n)
    ele[20] = 900.0
    track = Track(time_s=np.full(n, np.nan), lat_deg=lat, lon_deg=np.full(n, 14.0), elevation_m=ele)
    repaired, warnings = repair_track(track)
    assert np.isnan(repaired.elevation_m[20])
    assert np.isfinite(np.delete(repaired.elevation_m, 20)).all()
    assert any(w.startswith("1 elevation value changing") and w.endswith("was left out") for w in warnings)


# --- Heart rate: 0 is a sensor not worn, and each kind of warning is one line -----------------------------


def test_a_heart_rate_of_zero_is_no_reading_without_any_warning() -> None:
    track = _line(5000)
    hr = np.full(5000, 0.0)
    hr[:100] = 120.0
    repaired, warnings = repair_track(
        Track(time_s=track.time_s, lat_deg=track.lat_deg, lon_deg=track.lon_deg, hr_bpm=hr)
    )
    assert np.isnan(repaired.hr_bpm[100:]).all()
    assert repaired.hr_bpm[:100].tolist() == [120.0] * 100
    assert warnings == []


def test_many_impossible_values_of_one_kind_give_one_warning_with_their_count() -> None:
    track = _line(3000)
    hr = np.where(np.arange(3000) % 2 == 0, 0.0, 300.0)
    ele = np.where(np.arange(3000) % 3 == 0, 20_000.0, 400.0)
    repaired, warnings = repair_track(
        Track(time_s=track.time_s, lat_deg=track.lat_deg, lon_deg=track.lon_deg, hr_bpm=hr, elevation_m=ele)
    )
    heart = [w for w in warnings if "heart-rate" in w]
    assert heart == ["1500 heart-rate values outside 25-250 bpm were left out"]
    assert sum("elevation" in w for w in warnings) == 1
    assert np.isnan(repaired.hr_bpm).all()


# --- Recordings that are not activities -----------------------------------------------------------------


def test_latitudes_outside_the_earth_are_left_out_with_one_warning() -> None:
    track = _line(20)
    lat = track.lat_deg.copy()
    lat[[3, 7]] = 1e300
    repaired, warnings = repair_track(Track(time_s=track.time_s, lat_deg=lat, lon_deg=track.lon_deg))
    assert np.isnan(repaired.lat_deg[[3, 7]]).all()
    assert np.isnan(repaired.lon_deg[[3, 7]]).all()
    assert cumulative_distance_m(repaired)[-1] == pytest.approx(19 * 1.11, rel=0.02)
    assert warnings == ["2 positions outside latitude -90..90 or longitude -180..180 were left out"]


def test_a_file_whose_every_position_is_outside_the_earth_is_refused() -> None:
    data = gpx_doc(
        "<trk><trkseg>"
        + "".join(trkpt(1e300, 14.0, time=f"2024-05-01T08:00:{s:02d}Z") for s in range(10))
        + "</trkseg></trk>"
    )
    with pytest.raises(ActivityError, match=r"far\.gpx: none of its 10 positions is on the earth"):
        read_activity(data, source="far.gpx")


def test_a_single_point_is_not_an_activity() -> None:
    data = gpx_doc("<trk><trkseg>" + trkpt(46.0, 14.0, time="2024-05-01T08:00:00Z") + "</trkseg></trk>")
    with pytest.raises(ActivityError, match=r"one\.gpx: the recording has a single point") as caught:
        read_activity(data, source="one.gpx")
    assert caught.value.hint


def test_a_file_whose_times_all_run_backwards_is_refused_saying_why() -> None:
    points = "".join(trkpt(46.0 + i * 1e-4, 14.0, time=f"2024-05-01T08:00:{59 - i:02d}Z") for i in range(30))
    with pytest.raises(ActivityError, match=r"back\.gpx: .*single point.*time went back"):
        read_activity(gpx_doc(f"<trk><trkseg>{points}</trkseg></trk>"), source="back.gpx")


def test_tracks_of_one_point_each_are_not_an_activity() -> None:
    one = "<trk><trkseg>{}</trkseg></trk>"
    data = gpx_doc(
        one.format(trkpt(46.0, 14.0, time="2024-05-01T08:00:00Z"))
        + one.format(trkpt(46.001, 14.0, time="2024-05-01T08:05:00Z"))
    )
    with pytest.raises(ActivityError, match=r"two\.gpx: each of its 2 points stands alone"):
        read_activity(data, source="two.gpx")


def test_points_that_never_move_in_no_time_are_not_an_activity() -> None:
    points = trkpt(46.0, 14.0) * 5  # five untimed points at one place: 0 m, 0 s
    with pytest.raises(ActivityError, match=r"still\.gpx: .*0 m in 0 s"):
        read_activity(gpx_doc(f"<trk><trkseg>{points}</trkseg></trk>"), source="still.gpx")


def test_a_recording_over_48_hours_is_refused_with_what_to_do() -> None:
    n = 180
    track = Track(
        time_s=f64(T0 + np.arange(n) * 3600.0),  # one point an hour for 179 hours (a watch never stopped)
        lat_deg=f64(46.0 + np.arange(n) * 1e-3),
        lon_deg=np.full(n, 14.0),
    )
    with pytest.raises(ActivityError, match=r"week\.fit: the recording lasts 179\.0 h.*48 h") as caught:
        repair_track(track, source="week.fit")
    assert "split" in (caught.value.hint or "")
    # In German with its decimal comma (the English f-string wrote 179.0 on the German page too).
    assert caught.value.said("de") == (
        "die Aufzeichnung dauert vom ersten bis zum letzten Punkt 179,0 h, mehr als die 48 h, die eine"
        " Aktivität dauern kann"
    )


def test_a_48_hour_ultra_is_still_an_activity() -> None:
    n = 48 * 60 + 1
    track = Track(
        time_s=f64(T0 + np.arange(n) * 60.0),
        lat_deg=f64(46.0 + np.arange(n) * 5e-4),
        lon_deg=np.full(n, 14.0),
    )
    repaired, _ = repair_track(track, source="ultra.fit")
    assert len(repaired) == n


def test_points_whose_every_step_crosses_a_break_or_a_gps_jump_are_refused() -> None:
    # multi_segment.gpx in miniature: a 14 km jump in 1 s, then a point alone in its own segment. Nothing
    # valid is left (it was kept before as a 0 m, 30-minute activity).
    first = trkpt(37.0, -122.0, time="2026-01-05T08:00:00Z") + trkpt(
        37.1, -122.1, time="2026-01-05T08:00:01Z"
    )
    second = trkpt(37.2, -122.2, time="2026-01-05T08:30:00Z")
    data = gpx_doc(f"<trk><trkseg>{first}</trkseg><trkseg>{second}</trkseg></trk>")
    with pytest.raises(ActivityError, match="no step between its 2 positions can be measured") as caught:
        read_activity(data, source="jump.gpx")
    assert "jumped faster than 100 m/s" in str(caught.value)
    assert caught.value.hint == "export the whole activity again from the device or app"


def test_two_segments_with_a_step_each_are_still_an_activity() -> None:
    pts = [trkpt(46.0 + i * 1e-5, 14.0, time=f"2026-01-05T08:00:0{i}Z") for i in range(4)]
    data = gpx_doc(f"<trk><trkseg>{pts[0]}{pts[1]}</trkseg><trkseg>{pts[2]}{pts[3]}</trkseg></trk>")
    assert summarize(read_activity(data, source="two.gpx")).distance_m == pytest.approx(2.22, rel=0.005)


def test_positions_at_exactly_0_0_are_left_out_as_no_fix_with_one_warning() -> None:
    track = Track(
        time_s=f64([0.0, 1.0, 2.0, 3.0]) + 1.7e9,
        lat_deg=f64([0.0, 46.0, 0.0, 46.00002]),
        lon_deg=f64([0.0, 14.0, 0.0, 14.0]),
    )
    repaired, warnings = repair_track(track)
    assert np.isnan(repaired.lat_deg[[0, 2]]).all()
    assert np.isnan(repaired.lon_deg[[0, 2]]).all()
    assert repaired.lat_deg[[1, 3]].tolist() == [46.0, 46.00002]
    assert warnings == ["2 positions at exactly (0, 0), a device's placeholder for no fix, were left out"]
    assert cumulative_distance_m(repaired)[-1] == pytest.approx(2.22, rel=0.005)


def test_a_position_on_the_equator_or_the_meridian_alone_is_kept() -> None:
    track = Track(time_s=f64([1.7e9, 1.7e9 + 60]), lat_deg=f64([0.0, 1e-4]), lon_deg=f64([1e-4, 0.0]))
    repaired, warnings = repair_track(track)
    assert repaired.lat_deg.tolist() == [0.0, 1e-4]
    assert repaired.lon_deg.tolist() == [1e-4, 0.0]
    assert warnings == []
