from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities import (
    Activity,
    Sport,
    Track,
    read_activity,
    summarize,
    to_cardio_log,
    track_from_bytes,
    track_to_bytes,
)
from calfcoach.activities.classify import JOG_FROM_MPS
from calfcoach.activities.model import f64
from calfcoach.activities.summary import track_splits
from calfcoach.activities.synthetic import hike_gpx
from calfcoach.domain.errors import InputError
from tests.activities.helpers import DATA, fit_data, fit_definition, fit_file

REQUIRED = {
    "sport", "start_time", "distance_m", "elapsed_s", "moving_s", "elevation_gain_m", "elevation_loss_m",
    "avg_speed_mps", "gap_speed_mps", "points", "source_file", "content_sha256", "device", "serial",
}  # fmt: skip


def _activity(track: Track, **kwargs: object) -> Activity:
    return Activity(track=track, source="t.gpx", file_format="gpx", content_sha256="ab" * 32, **kwargs)  # type: ignore[arg-type]


def _walk_uphill(n: int = 1801, speed_mps: float = 1.2, grade: float = 0.08) -> Track:
    north = np.arange(n) * speed_mps
    return Track(
        time_s=f64(1_700_000_000.0 + np.arange(n)),
        lat_deg=f64(46.0 + north / 111_140.0),
        lon_deg=np.full(n, 14.0),
        elevation_m=f64(300.0 + north * grade),
        hr_bpm=np.full(n, 125.0),
    )


def test_a_summary_has_every_field_the_store_and_cli_need_as_plain_json() -> None:
    summary = summarize(read_activity(hike_gpx(1200), source="hike.gpx"))
    data = summary.as_json()
    assert set(data) >= REQUIRED
    assert data["start_time"] == "2024-05-04T07:00:00Z"
    json.dumps(data)  # plain types only
    assert data["points"] == 1200
    assert len(data["content_sha256"]) == 64


def test_an_uphill_walk_gets_a_faster_grade_adjusted_speed_and_its_real_grade() -> None:
    summary = summarize(_activity(_walk_uphill()))
    assert summary.sport is Sport.HIKE
    assert summary.avg_speed_mps == pytest.approx(1.2, rel=0.01)
    assert summary.gap_speed_mps is not None
    assert summary.gap_speed_mps > 1.2 * 1.5
    assert summary.avg_uphill_grade_pct == pytest.approx(8.0, abs=0.2)
    assert summary.elevation_gain_m == pytest.approx(0.08 * 1.2 * 1800, rel=0.01)
    assert summary.climb_rate_m_per_h == pytest.approx(0.08 * 1.2 * 3600, rel=0.02)


def test_a_level_walk_has_a_grade_adjusted_speed_equal_to_its_speed() -> None:
    summary = summarize(_activity(_walk_uphill(grade=0.0)))
    assert summary.sport is Sport.WALK
    assert summary.gap_speed_mps == pytest.approx(summary.avg_speed_mps)


def test_energy_of_a_level_walk_follows_the_acsm_walking_equation() -> None:
    summary = summarize(_activity(_walk_uphill(grade=0.0)))
    vo2 = 0.1 * 72.0 + 3.5  # 1.2 m/s = 72 m/min
    assert summary.energy_kcal_per_kg == pytest.approx(vo2 * 30 / 1000 * 5, rel=0.01)


def test_the_cardio_log_carries_the_grade_adjusted_pace_the_grade_climbed_and_the_file_hash() -> None:
    summary = summarize(_activity(_walk_uphill()))
    log = to_cardio_log(summary, "uphill-walk")
    assert log.exercise_id == "uphill-walk"
    assert log.duration_s == pytest.approx(1800)
    assert log.avg_speed_kmh is not None
    assert log.avg_speed_kmh > 1.2 * 3.6 * 1.5  # grade-adjusted: the level pace of the same effort
    assert log.distance_m is not None
    assert log.distance_m / log.duration_s == pytest.approx(1.2, rel=0.01)  # the speed over the ground
    assert log.grade_pct == pytest.approx(8.0, abs=0.2)
    assert log.avg_hr_bpm == 125
    assert log.activity_id == "ab" * 32


def test_a_stair_session_logs_floors() -> None:
    n = 601
    track = Track(
        time_s=f64(1_700_000_000.0 + np.arange(n)),
        elevation_m=f64(10.0 + np.arange(n) * 0.2),  # 12 m a minute, no ground covered
    )
    summary = summarize(_activity(track))
    assert summary.is_stairs
    assert summary.sport is Sport.STAIRS
    assert to_cardio_log(summary, "stairs").floors == 40
    assert summary.energy_kcal_per_kg is not None
    assert summary.energy_kcal_per_kg > 0


def test_a_recording_without_times_cannot_become_a_cardio_log() -> None:
    track = Track(
        time_s=np.full(3, np.nan), lat_deg=np.array([46.0, 46.001, 46.002]), lon_deg=np.full(3, 14.0)
    )
    summary = summarize(_activity(track))
    assert summary.distance_m > 200
    with pytest.raises(InputError, match="no times"):
        to_cardio_log(summary, "walk")


def test_start_time_is_timezone_aware_utc() -> None:
    summary = summarize(_activity(_walk_uphill()))
    assert summary.start_time == dt.datetime.fromtimestamp(1_700_000_000, tz=dt.UTC)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(min_value=0.0, max_value=5.0), min_size=3, max_size=300),
    st.floats(min_value=-0.3, max_value=0.3),
)
def test_any_summary_keeps_its_invariants(speeds: list[float], grade: float) -> None:
    n = len(speeds) + 1
    north = np.concatenate(([0.0], np.cumsum(speeds)))
    track = Track(
        time_s=f64(1_700_000_000.0 + np.arange(n)),
        lat_deg=f64(46.0 + north / 111_140.0),
        lon_deg=np.full(n, 14.0),
        elevation_m=f64(500.0 + north * grade),
    )
    summary = summarize(_activity(track))
    assert 0 <= summary.moving_s <= summary.elapsed_s
    assert summary.elevation_gain_m >= 0
    assert summary.elevation_loss_m >= 0
    assert sum(s.distance_m for s in summary.splits) == pytest.approx(summary.distance_m, abs=1e-6)
    assert sum(b.distance_m for b in summary.grade_bands) == pytest.approx(summary.distance_m, abs=1e-6)
    if summary.gap_speed_mps is not None and summary.avg_speed_mps is not None and abs(grade) < 0.005:
        assert summary.gap_speed_mps == pytest.approx(summary.avg_speed_mps, rel=0.05)


def test_on_the_level_the_cardio_log_speed_is_the_speed_walked() -> None:
    log = to_cardio_log(summarize(_activity(_walk_uphill(grade=0.0))), "brisk-walk")
    assert log.avg_speed_kmh == pytest.approx(1.2 * 3.6, rel=0.01)


FIT_BASE = 1_000_000_000  # FIT seconds: 2021-09-08
NO_COORD = 0x7FFFFFFF  # FIT's invalid sint32


def _fit_activity(data: bytes, source: str = "made-up.fit") -> Activity:
    return read_activity(data, source=source)


def test_fit_records_without_time_or_position_count_their_first_distance_from_the_start() -> None:
    # DeveloperData.fit in miniature: sparse records at 510, 2,080 and 3,710 m (3,200 m before).
    definition = fit_definition(1, 20, [(5, 4, 0x86), (3, 1, 0x02)])
    records = [fit_data(1, "IB", metres * 100, 140) for metres in (510, 2080, 3710)]
    activity = _fit_activity(
        fit_file([fit_definition(0, 0, [(0, 1, 0x00)]), fit_data(0, "B", 4), definition, *records])
    )
    assert summarize(activity).distance_m == 3710.0


def test_a_fit_session_total_is_the_distance_when_the_records_carry_only_the_device_distance() -> None:
    # 20 records up to 47.5 m; the session (a treadmill calibrated at the end) says 50 m (47.5 m before).
    records = [fit_definition(1, 20, [(253, 4, 0x86), (5, 4, 0x86)])]
    records += [fit_data(1, "II", FIT_BASE + i, i * 250) for i in range(20)]
    session = fit_definition(2, 18, [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (9, 4, 0x86), (5, 1, 0x00)])
    messages = [fit_definition(0, 0, [(0, 1, 0x00)]), fit_data(0, "B", 4), *records, session]
    messages.append(fit_data(2, "IIIIB", FIT_BASE + 19, FIT_BASE, 19_000, 5000, 1))
    summary = summarize(_fit_activity(fit_file(messages)))
    assert summary.distance_m == pytest.approx(50.0)
    assert summary.device_distance_m == 50.0


def test_a_fit_position_at_0_0_is_no_fix_and_the_device_distance_stays() -> None:
    # fit_file_dev_data_missing_field_description.fit in miniature: (0, 0) on the first of four records,
    # the device's distance 0-3 m (0 m before: the one position made the track be measured by positions).
    definition = fit_definition(1, 20, [(253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (5, 4, 0x86)])
    records = [fit_data(1, "IiiI", FIT_BASE, 0, 0, 0)]
    records += [fit_data(1, "IiiI", FIT_BASE + i, NO_COORD, NO_COORD, i * 100) for i in range(1, 4)]
    activity = _fit_activity(
        fit_file([fit_definition(0, 0, [(0, 1, 0x00)]), fit_data(0, "B", 4), definition, *records])
    )
    summary = summarize(activity)
    assert summary.distance_m == 3.0
    assert any("(0, 0)" in w and "no fix" in w for w in summary.warnings)


def test_a_resumed_recording_counts_from_its_first_record_and_says_so() -> None:
    # The device's distance is 5 km at the first record, then 3 m a second: the first part is elsewhere.
    n = 11
    track = Track(time_s=f64(1.7e9 + np.arange(n)), distance_m=f64(5000.0 + 3.0 * np.arange(n)))
    summary = summarize(_activity(track))
    assert summary.distance_m == 30.0
    told = "the device's distance is already 5000 m at the first point"
    assert any(w.startswith(told) for w in summary.warnings)


def test_a_device_distance_counted_from_the_start_gives_no_warning() -> None:
    n = 11
    track = Track(time_s=f64(1.7e9 + np.arange(n)), distance_m=f64(2.0 + 3.0 * np.arange(n)))
    summary = summarize(_activity(track))
    assert summary.distance_m == 32.0
    assert summary.warnings == ()


@pytest.mark.parametrize(
    "path",
    [
        "gpx/korita-zbevnica.gpx",
        "fit/garmin-fenix-5-walk.fit",
        "fit/garmin-fenix-5-run.fit",
        "fit/activity-small-fenix2-run.fit",
        "tcx/sup_activity_1.tcx",
    ],
)
def test_splits_measured_again_from_the_stored_track_are_those_of_the_summary(path: str) -> None:
    activity = read_activity((DATA / path).read_bytes(), source=path)
    summary = summarize(activity)
    running = summary.avg_speed_mps is not None and summary.avg_speed_mps >= JOG_FROM_MPS
    again = track_splits(
        track_from_bytes(track_to_bytes(activity.track)),
        device_distance_m=summary.device_distance_m,
        running=running,
    )
    assert summary.splits
    assert again == summary.splits
    assert all(s.gap_pace_s_per_km is not None for s in again)
