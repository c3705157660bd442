from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities import ActivityError, read_activity, summarize
from calfcoach.activities.fitcrc import crc16, crc16_reference
from calfcoach.activities.fitdecode_fast import FIT_EPOCH_S
from tests.activities.helpers import DATA, fit_data, fit_definition, fit_file

FIT = DATA / "fit"


@pytest.mark.parametrize("name", ["garmin-fenix-5-walk", "garmin-fenix-5-run"])
def test_records_match_the_fit_sdk_own_decoding(name: str) -> None:
    activity = read_activity((FIT / f"{name}.fit").read_bytes(), source=name)
    rows = list(csv.DictReader((FIT / f"{name}-records.csv").open()))
    track = activity.track
    assert len(track) == len(rows)
    for i, row in enumerate(rows):
        when = dt.datetime.strptime(row["timestamp"].replace("PDT ", ""), "%a %b %d %H:%M:%S %Y")
        expected = when.replace(tzinfo=dt.timezone(dt.timedelta(hours=-7))).timestamp()
        assert track.time_s[i] == expected
        assert track.hr_bpm[i] == float(row["heart_rate"])
        assert track.distance_m[i] == pytest.approx(float(row["distance"]))
        assert track.lat_deg[i] == pytest.approx(int(row["position_lat"]) * 180 / 2**31)
        assert track.lon_deg[i] == pytest.approx(int(row["position_long"]) * 180 / 2**31)
        assert track.elevation_m[i] == pytest.approx(float(row["altitude"]))
        assert int(track.cadence_rpm[i]) == int(row["cadence"])


def test_compressed_speed_and_distance_match_the_fit_sdk_and_times_stay_relative() -> None:
    activity = read_activity((FIT / "compressed-speed-distance.fit").read_bytes(), source="c.fit")
    rows = list(csv.DictReader((FIT / "compressed-speed-distance-records.csv").open()))
    assert len(activity.track) == len(rows)
    assert activity.track.distance_m == pytest.approx([float(r["Distance [m]"]) for r in rows])
    assert activity.track.time_s == pytest.approx([float(r["Timestamp"]) for r in rows])
    assert not activity.clock_known
    summary = summarize(activity)
    assert summary.start_time is None
    assert summary.is_treadmill  # no positions, distance from the foot pod


@pytest.mark.parametrize(
    "name",
    [
        "activity-small-fenix2-run.fit",
        "garmin-edge-500-activity.fit",
        "2013-02-06-12-11-14.fit",
        "garmin-fenix-5-walk.fit",
    ],
)
def test_geodesic_distance_is_within_two_percent_of_the_device_session_total(name: str) -> None:
    summary = summarize(read_activity((FIT / name).read_bytes(), source=name))
    assert summary.device_distance_m is not None
    assert summary.distance_m == pytest.approx(summary.device_distance_m, rel=0.02)


def test_device_and_serial_come_from_the_file_id() -> None:
    activity = read_activity((FIT / "garmin-fenix-5-run.fit").read_bytes(), source="r.fit")
    assert activity.device is not None
    assert activity.device.startswith("garmin")
    assert activity.serial == "3945849289"
    assert activity.sport_hint == "running"
    assert summarize(activity).start_time == dt.datetime(2017, 6, 11, 14, 34, 9, tzinfo=dt.UTC)


def test_a_bad_file_crc_is_an_error() -> None:
    with pytest.raises(ActivityError, match="CRC"):
        read_activity((FIT / "invalid" / "activity-filecrc.fit").read_bytes(), source="crc.fit")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("activity-settings-corruptheader.fit", "trailing"),
        ("activity-settings-nodata.fit", "trailing"),
        ("activity-unexpected-eof.fit", "cut short"),
    ],
)
def test_damage_after_the_activity_data_gives_a_warning_and_the_points_before_it(
    name: str, says: str
) -> None:
    activity = read_activity((FIT / "invalid" / name).read_bytes(), source=name)
    assert len(activity.track) == 14
    assert any(says in w for w in activity.warnings)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("MonitoringFile.fit", "monitoring_b"),
        ("Settings.fit", "settings"),
        ("WeightScaleSingleUser.fit", "weight"),
        ("WorkoutIndividualSteps.fit", "workout"),
    ],
)
def test_fit_files_that_are_not_activities_are_refused_naming_their_kind(name: str, kind: str) -> None:
    with pytest.raises(ActivityError, match=f"'{kind}' file, not an activity"):
        read_activity((FIT / "not-activity" / name).read_bytes(), source=name)


def test_a_fit_header_with_garbage_after_it_is_an_error() -> None:
    with pytest.raises(ActivityError, match="FIT header"):
        read_activity(b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\xff\xff" + bytes(30), source="junk.fit")


def _record_file(*, compressed: bool) -> bytes:
    base = 1_000_000_000  # FIT seconds: 2021-09-08
    messages = [
        fit_definition(0, 0, [(0, 1, 0x00), (1, 2, 0x84), (3, 4, 0x8C)]),
        fit_data(0, "BHI", 4, 1, 12345),
        fit_definition(1, 20, [(253, 4, 0x86), (3, 1, 0x02), (5, 4, 0x86)]),
        fit_data(1, "IBI", base, 100, 0),
    ]
    for i in range(1, 40):
        if compressed:
            messages.append(fit_definition(2, 20, [(3, 1, 0x02), (5, 4, 0x86)]) if i == 1 else b"")
            messages.append(fit_data(2, "BI", 100 + i, i * 300, compressed_offset=(base + i * 3) & 0x1F))
        else:
            messages.append(fit_data(1, "IBI", base + i * 3, 100 + i, i * 300))
    return fit_file(messages)


def test_compressed_timestamp_headers_give_the_same_times_as_full_timestamps() -> None:
    full = read_activity(_record_file(compressed=False), source="full.fit").track
    packed = read_activity(_record_file(compressed=True), source="packed.fit").track
    assert packed.time_s.tolist() == full.time_s.tolist()
    assert packed.hr_bpm.tolist() == full.hr_bpm.tolist()
    assert full.time_s[0] == 1_000_000_000 + FIT_EPOCH_S
    assert np.all(np.diff(full.time_s) == 3)


def test_a_treadmill_file_without_positions_uses_the_device_distance() -> None:
    summary = summarize(read_activity(_record_file(compressed=False), source="t.fit"))
    assert summary.distance_m == pytest.approx(117.0)
    assert summary.is_treadmill
    assert summary.serial == "12345"


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=0, max_size=20_000))
def test_the_vectorised_crc_equals_the_byte_by_byte_crc(data: bytes) -> None:
    assert crc16(data) == crc16_reference(data)


def test_the_vectorised_crc_is_right_on_a_large_real_file() -> None:
    data = (FIT / "garmin-edge-500-activity.fit").read_bytes()
    assert crc16(data) == crc16_reference(data) == 0  # a whole FIT file including its CRC checks to 0


def test_big_endian_messages_decode_like_little_endian_ones() -> None:
    import struct

    definition = struct.pack(">BBBHB", 0x41, 0, 1, 20, 3) + bytes([253, 4, 0x86, 3, 1, 0x02, 0, 4, 0x85])
    records = [
        bytes([0x01]) + struct.pack(">IBi", 1_000_000_000 + i, 90 + i, int(46.0 / 180 * 2**31) + i * 1000)
        for i in range(5)
    ]
    track = read_activity(fit_file([definition, *records]), source="be.fit").track
    assert track.hr_bpm.tolist() == [90, 91, 92, 93, 94]
    assert track.lat_deg[0] == pytest.approx(46.0)
    assert np.all(np.diff(track.time_s) == 1)


def test_records_written_before_the_clock_was_set_are_left_out_with_a_warning() -> None:
    base = 1_000_000_000
    messages = [fit_definition(1, 20, [(253, 4, 0x86), (3, 1, 0x02)])]
    messages += [fit_data(1, "IB", 5_000 + i, 80) for i in range(3)]  # seconds since power-on
    messages += [fit_data(1, "IB", base + i, 90) for i in range(10)]
    activity = read_activity(fit_file(messages), source="clock.fit")
    assert activity.clock_known
    assert len(activity.track) == 10
    assert activity.track.time_s[0] == base + FIT_EPOCH_S
    assert any("without a plausible time" in w for w in activity.warnings)


def test_an_activity_file_without_records_is_refused() -> None:
    empty = fit_file([fit_definition(0, 0, [(0, 1, 0x00)]), fit_data(0, "B", 4)])
    with pytest.raises(ActivityError, match="no track points"):
        read_activity(empty, source="empty.fit")


def test_a_message_using_an_undefined_local_type_is_a_clear_error() -> None:
    broken = fit_file([fit_definition(0, 0, [(0, 1, 0x00)]), fit_data(0, "B", 4), fit_data(5, "B", 1)])
    with pytest.raises(ActivityError, match="before defining it"):
        read_activity(broken, source="broken.fit")
