from __future__ import annotations

import numpy as np
import pytest

from calfcoach.activities import ActivityError, read_activity, summarize
from calfcoach.activities.synthetic import hike_tcx
from tests.activities.helpers import DATA


def test_a_real_tcx_activity_gives_points_laps_and_heart_rate() -> None:
    activity = read_activity((DATA / "tcx" / "sup_activity_1.tcx").read_bytes(), source="sup.tcx")
    assert activity.file_format == "tcx"
    assert len(activity.track) > 100
    assert activity.laps[0].distance_m == pytest.approx(1000.0)
    assert activity.laps[0].elapsed_s == pytest.approx(966.796)
    assert np.nanmax(activity.track.hr_bpm) > 80
    assert activity.sport_hint == "Other"


def test_a_tcx_ride_is_classified_as_other() -> None:
    summary = summarize(
        read_activity((DATA / "tcx" / "mapmyride_biking.tcx").read_bytes(), source="ride.tcx")
    )
    assert summary.sport.value == "other"


def test_a_generated_tcx_hike_matches_its_own_distance_column() -> None:
    activity = read_activity(hike_tcx(1800), source="hike.tcx")
    summary = summarize(activity)
    assert summary.distance_m == pytest.approx(float(activity.track.distance_m[-1]), rel=0.005)
    assert np.isfinite(activity.track.cadence_rpm).all()


def test_trackpoints_without_a_position_keep_their_time_and_heart_rate() -> None:
    tcx = b"""<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>2024-01-01T10:00:00Z</Id><Lap StartTime="2024-01-01T10:00:00Z">
<TotalTimeSeconds>20</TotalTimeSeconds><DistanceMeters>60</DistanceMeters><Track>
<Trackpoint><Time>2024-01-01T10:00:00Z</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>
<Trackpoint><Time>2024-01-01T10:00:10Z</Time><DistanceMeters>30</DistanceMeters><HeartRateBpm><Value>130</Value></HeartRateBpm></Trackpoint>
<Trackpoint><Time>2024-01-01T10:00:20Z</Time><DistanceMeters>60</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>"""
    activity = read_activity(tcx, source="treadmill.tcx")
    summary = summarize(activity)
    assert activity.track.hr_bpm.tolist() == [120, 130, 140]
    assert summary.is_treadmill
    assert summary.distance_m == pytest.approx(60.0)
    assert summary.sport.value == "run"


def test_a_tcx_course_without_an_activity_is_refused() -> None:
    course = (
        b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        b"<Courses/></TrainingCenterDatabase>"
    )
    with pytest.raises(ActivityError, match="no activity"):
        read_activity(course, source="course.tcx")


@pytest.mark.parametrize(
    "name", ["sup_activity_1.tcx", "cross-country-skiing_activity_1.tcx", "mapmyride_biking.tcx"]
)
def test_the_fast_tree_walk_reads_exactly_what_xpath_reads(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calfcoach.activities import tcx
    from calfcoach.activities.xmlread import Columns

    data = (DATA / "tcx" / name).read_bytes()
    fast = read_activity(data, source=name).track
    monkeypatch.setattr(tcx, "_walk_past_laps", lambda *args: None)
    monkeypatch.setattr(Columns, "texts_by_tag", lambda self, tag, relative: self.texts(relative))
    slow = read_activity(data, source=name).track
    for column in ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm"):
        np.testing.assert_array_equal(getattr(fast, column), getattr(slow, column))


@pytest.mark.parametrize("name", [*sorted(p.name for p in (DATA / "tcx").glob("*.tcx")), "synthetic"])
def test_tcx_reads_the_same_with_and_without_the_column_converters(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calfcoach.activities import xmlread
    from calfcoach.activities.tcx import read_tcx

    data = hike_tcx(900) if name == "synthetic" else (DATA / "tcx" / name).read_bytes()
    fast, _, _, fast_warnings = read_tcx(data, name)
    monkeypatch.setattr(xmlread, "decimals", lambda texts: None)
    monkeypatch.setattr(xmlread, "iso_times", lambda texts: None)
    exact, _, _, exact_warnings = read_tcx(data, name)
    for column in ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm"):
        got, want = getattr(fast, column), getattr(exact, column)
        assert np.array_equal(np.isnan(got), np.isnan(want))
        assert np.array_equal(got[~np.isnan(got)].view(np.int64), want[~np.isnan(want)].view(np.int64))
    assert fast_warnings == exact_warnings
