from __future__ import annotations

from typing import Any

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
    from calfcoach.activities.xmlread import Columns

    data = (DATA / "tcx" / name).read_bytes()
    fast = read_activity(data, source=name).track
    monkeypatch.setattr(Columns, "texts_by_tag", lambda self, tag, relative: self.texts(relative))
    slow = read_activity(data, source=name).track
    for column in ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm"):
        np.testing.assert_array_equal(getattr(fast, column), getattr(slow, column))


def _only(parts: list[Any]) -> Any:
    (part,) = parts
    assert not isinstance(part, ActivityError)
    return part


@pytest.mark.parametrize("name", [*sorted(p.name for p in (DATA / "tcx").glob("*.tcx")), "synthetic"])
def test_tcx_reads_the_same_with_and_without_the_column_converters(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calfcoach.activities import xmlread
    from calfcoach.activities.tcx import read_tcx

    data = hike_tcx(900) if name == "synthetic" else (DATA / "tcx" / name).read_bytes()
    fast, _, _, fast_warnings = _only(read_tcx(data, name))
    monkeypatch.setattr(xmlread, "decimals", lambda texts: None)
    monkeypatch.setattr(xmlread, "iso_times", lambda texts: None)
    exact, _, _, exact_warnings = _only(read_tcx(data, name))
    for column in ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm"):
        got, want = getattr(fast, column), getattr(exact, column)
        assert np.array_equal(np.isnan(got), np.isnan(want))
        assert np.array_equal(got[~np.isnan(got)].view(np.int64), want[~np.isnan(want)].view(np.int64))
    assert fast_warnings == exact_warnings


def _split_laps(tcx: bytes, at: list[int], pause_s: int = 0) -> bytes:
    """Start a new lap (a new <Lap> and <Track>) before the given trackpoints, optionally after a pause."""
    text = tcx.decode()
    points = text.split("     <Trackpoint>")
    out = points[0]
    for i, body in enumerate(points[1:]):
        if i in at:
            out += '    </Track>\n   </Lap>\n   <Lap StartTime="x">\n    <Track>\n'
        out += "     <Trackpoint>" + body
    if pause_s:
        import re

        shift = iter(range(len(points)))

        def later(match: re.Match[str]) -> str:
            index = next(shift)
            stamp = np.datetime64(match.group(1)) + np.timedelta64(pause_s if index >= at[0] else 0, "s")
            return f"<Time>{stamp}Z</Time>"

        out = re.sub(r"<Time>([^<Z]+)Z</Time>", later, out)
    return out.encode()


def test_a_lap_change_is_no_break_in_the_distance() -> None:
    one_lap = summarize(read_activity(hike_tcx(900), source="one.tcx")).distance_m
    laps = summarize(read_activity(_split_laps(hike_tcx(900), [300, 600]), source="laps.tcx"))
    assert laps.distance_m == pytest.approx(one_lap, rel=1e-9)


def test_a_long_pause_between_two_tcx_tracks_stays_a_break() -> None:
    data = _split_laps(hike_tcx(900), [450], pause_s=600)
    track = read_activity(data, source="paused.tcx").track
    assert track.segment[449] == 0
    assert track.segment[450] == 1


def _two_activities() -> bytes:
    text = hike_tcx(300).decode()
    start, end = text.index("  <Activity "), text.index(" </Activities>")
    second = text[start:end].replace('Sport="Other"', 'Sport="Running"')
    return (text[:end] + second + text[end:]).encode()


def test_each_tcx_activity_is_read_not_only_the_first() -> None:
    import hashlib
    import io

    from calfcoach.activities.registry import read_activities

    data = _two_activities()
    first, second = read_activities(io.BytesIO(data), source="two.tcx")
    assert (first.source, second.source) == ("two.tcx#1", "two.tcx#2")
    assert (first.sport_hint, second.sport_hint) == ("Other", "Running")
    assert len(first.track) == len(second.track) == 300
    assert first.content_sha256 == hashlib.sha256(data).hexdigest()
    assert second.content_sha256 != first.content_sha256
    with pytest.raises(ActivityError, match="holds 2 activities"):
        read_activity(data, source="two.tcx")


def test_a_tcx_activity_without_points_is_skipped_and_the_others_kept() -> None:
    import io

    from calfcoach.activities.registry import read_parts

    text = _two_activities().decode()
    empty = '  <Activity Sport="Biking">\n   <Id>2024-05-04T07:00:00Z</Id>\n  </Activity>\n'
    data = text.replace(" </Activities>", empty + " </Activities>").encode()
    parts = read_parts(io.BytesIO(data), source="three.tcx")
    assert [type(p).__name__ for p in parts] == ["Activity", "Activity", "ActivityError"]
    assert "three.tcx#3: the TCX activity has no track points" in str(parts[2])
