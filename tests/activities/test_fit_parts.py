"""FIT files that hold several activities (multisport, chained) or records without time or position."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest

from calfcoach.activities import summarize, to_cardio_log
from calfcoach.activities.batch import iter_import_file
from calfcoach.activities.fit import FitPart, read_fit
from calfcoach.activities.fitdecode_fast import FIT_EPOCH_S
from calfcoach.activities.model import ActivityError
from calfcoach.activities.registry import read_activities, read_parts
from tests.activities.helpers import DATA, fit_data, fit_definition, fit_file

BASE = 1_000_000_000  # FIT seconds: 2021-09-08
SEMI = 2**31 / 180.0
FILE_ID_DEF = fit_definition(0, 0, [(0, 1, 0x00), (1, 2, 0x84), (3, 4, 0x8C)])
RECORD_DEF = fit_definition(1, 20, [(253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (5, 4, 0x86), (3, 1, 0x02)])
# timestamp, start_time, total_elapsed_time (ms), total_distance (cm), sport, sub_sport
SESSION_DEF = fit_definition(
    2, 18, [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (9, 4, 0x86), (5, 1, 0x00), (6, 1, 0x00)]
)
LAP_DEF = fit_definition(3, 19, [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (9, 4, 0x86)])
SWIM, TRANSITION, BIKE, RUN, WALK = 5, 3, 2, 1, 11
SETTINGS, ACTIVITY = 2, 4


def _file_id(kind: int = ACTIVITY, serial: int = 777) -> bytes:
    return fit_data(0, "BHI", kind, 1, serial)


def _records(first: int, count: int, speed_mps: float, start_m: float) -> list[bytes]:
    """One record a second, heading north at speed_mps from 46 N 14 E."""
    out = []
    for i in range(count):
        metres = start_m + i * speed_mps
        lat = int((46.0 + metres / 111_195.0) * SEMI)
        out.append(fit_data(1, "IiiIB", first + i, lat, int(14.0 * SEMI), int(metres * 100), 120))
    return out


def _session_and_lap(first: int, count: int, metres: float, sport: int) -> list[bytes]:
    end = first + count
    lap = fit_data(3, "IIII", end, first, count * 1000, int(metres * 100))
    return [lap, fit_data(2, "IIIIBB", end, first, count * 1000, int(metres * 100), sport, 0)]


# A triathlon as a multisport watch writes it: each session (and its lap) written when that sport ends.
LEGS = [(SWIM, 60, 1.0), (TRANSITION, 30, 1.5), (BIKE, 210, 8.0), (TRANSITION, 20, 1.5), (RUN, 100, 3.0)]


def _triathlon(*, sessions_at_end: bool = False, with_times: bool = True) -> bytes:
    messages = [FILE_ID_DEF, _file_id(), RECORD_DEF, SESSION_DEF, LAP_DEF]
    summaries: list[bytes] = []
    t, metres = BASE, 0.0
    for sport, seconds, speed in LEGS:
        records = _records(t, seconds, speed, metres)
        if not with_times:
            untimed = fit_definition(4, 20, [(0, 4, 0x85), (1, 4, 0x85), (5, 4, 0x86)])
            records = [untimed] + [r[:1].replace(b"\x01", b"\x04") + r[5:17] for r in records]
        messages += records
        leg = _session_and_lap(t, seconds, seconds * speed, sport)
        if sessions_at_end:
            summaries += leg
        else:
            messages += leg
        t += seconds
        metres += seconds * speed
    return fit_file(messages + summaries)


def _activities(parts: list[FitPart | ActivityError]) -> list[FitPart]:
    return [p for p in parts if isinstance(p, FitPart)]


@pytest.mark.parametrize("sessions_at_end", [False, True])
def test_a_triathlon_becomes_one_activity_per_sport_and_leaves_the_transitions_out(
    sessions_at_end: bool,
) -> None:
    parts = read_fit(_triathlon(sessions_at_end=sessions_at_end), "tri.fit")
    assert len(parts) == 3
    swim, bike, run = _activities(parts)
    assert [swim.sport, bike.sport, run.sport] == ["swimming", "cycling", "running"]
    assert [len(swim.track), len(bike.track), len(run.track)] == [60, 210, 100]
    assert bike.track.time_s[0] == BASE + 90 + FIT_EPOCH_S
    assert run.track.time_s[-1] == BASE + 419 + FIT_EPOCH_S
    assert [p.totals.distance_m if p.totals else None for p in (swim, bike, run)] == [60.0, 1680.0, 300.0]
    assert bike.totals is not None
    assert bike.totals.start_time == dt.datetime.fromtimestamp(BASE + 90 + FIT_EPOCH_S, tz=dt.UTC)
    assert [[lap.distance_m for lap in p.laps] for p in (swim, bike, run)] == [[60.0], [1680.0], [300.0]]
    assert any("transition between sports (0 min 30 s, 45 m) was left out" in w for w in bike.warnings)
    assert any("transition between sports (0 min 20 s, 30 m)" in w for w in run.warnings)
    assert not swim.warnings


def test_a_triathlon_whose_records_have_no_times_is_split_by_where_each_session_is_written() -> None:
    swim, bike, run = _activities(read_fit(_triathlon(with_times=False), "tri.fit"))
    assert [len(swim.track), len(bike.track), len(run.track)] == [60, 210, 100]
    assert bike.track.distance_m[0] == pytest.approx(60 * 1.0 + 30 * 1.5)


def test_sessions_that_cannot_be_told_apart_are_read_as_one_activity_with_a_warning() -> None:
    parts = _activities(read_fit(_triathlon(sessions_at_end=True, with_times=False), "tri.fit"))
    assert len(parts) == 1
    assert len(parts[0].track) == sum(seconds for _, seconds, _ in LEGS)
    assert any("5 sessions" in w and "one activity" in w for w in parts[0].warnings)


def _single(sport: int, start: int, seconds: int, speed: float, *, serial: int) -> bytes:
    messages = [FILE_ID_DEF, _file_id(serial=serial), RECORD_DEF, SESSION_DEF, LAP_DEF]
    messages += _records(start, seconds, speed, 0.0)
    messages += _session_and_lap(start, seconds, seconds * speed, sport)
    return fit_file(messages)


def test_chained_fit_files_become_one_activity_each() -> None:
    walk = _single(WALK, BASE, 40, 1.4, serial=1)
    run = _single(RUN, BASE + 600, 50, 3.0, serial=1)
    first, second = read_fit(walk + run, "walk-run.fit")
    assert isinstance(first, FitPart)
    assert isinstance(second, FitPart)
    assert (first.sport, len(first.track), first.totals.distance_m if first.totals else None) == (
        "walking",
        40,
        56.0,
    )
    assert (second.sport, len(second.track)) == ("running", 50)
    assert second.track.distance_m[-1] == pytest.approx(49 * 3.0)
    assert second.track.time_s[0] == BASE + 600 + FIT_EPOCH_S


def test_real_chained_walk_and_run_give_the_two_recordings_as_read_alone() -> None:
    walk_bytes = (DATA / "fit" / "garmin-fenix-5-walk.fit").read_bytes()
    run_bytes = (DATA / "fit" / "garmin-fenix-5-run.fit").read_bytes()
    chained = _activities(read_fit(walk_bytes + run_bytes, "both.fit"))
    alone = [_activities(read_fit(walk_bytes, "w.fit"))[0], _activities(read_fit(run_bytes, "r.fit"))[0]]
    assert [p.sport for p in chained] == ["walking", "running"]
    for got, expected in zip(chained, alone, strict=True):
        assert len(got.track) == len(expected.track)
        np.testing.assert_array_equal(got.track.time_s, expected.track.time_s)
        np.testing.assert_array_equal(got.track.lat_deg, expected.track.lat_deg)
        assert got.totals == expected.totals
        assert got.laps == expected.laps


def test_a_settings_file_chained_before_an_activity_is_skipped_with_the_reason() -> None:
    user_profile = [fit_definition(5, 3, [(1, 1, 0x02)]), fit_data(5, "B", 30)]  # gender... a profile field
    settings = fit_file([FILE_ID_DEF, _file_id(SETTINGS), *user_profile])
    parts = read_fit(settings + _single(RUN, BASE, 30, 3.0, serial=2), "s.fit")
    assert len(parts) == 2
    skipped, run = parts
    assert isinstance(skipped, ActivityError)
    assert "chained FIT file 1 of 2" in skipped.message
    assert "'settings' file, not an activity" in skipped.message
    assert isinstance(run, FitPart)
    assert (run.sport, len(run.track)) == ("running", 30)


def test_a_skipped_part_of_a_file_keeps_its_template_so_it_is_said_in_german() -> None:
    # The registry placed a refused part under its own source ('s.fit#1') by rebuilding it from its English
    # text: its fields were gone, so it could be said in English only.
    user_profile = [fit_definition(5, 3, [(1, 1, 0x02)]), fit_data(5, "B", 30)]
    settings = fit_file([FILE_ID_DEF, _file_id(SETTINGS), *user_profile])
    data = settings + _single(RUN, BASE, 30, 3.0, serial=2)
    skipped, _ = read_parts(io.BytesIO(data), source="s.fit")
    assert isinstance(skipped, ActivityError)
    chained = f"chained FIT file 1 of 2 (bytes 14-{len(settings) - 2})"
    assert str(skipped) == (
        f"s.fit#1: {chained} is a 'settings' file, not an activity (skipped; the file's activities are read)"
    )
    assert skipped.text_in("de") == (
        f"s.fit#1: angehängte FIT-Datei 1 von 2 (Bytes 14-{len(settings) - 2}) ist eine Datei vom Typ"
        " 'settings', keine Aktivität (übersprungen; die Aktivitäten der Datei werden gelesen)"
    )


def test_the_reasons_none_of_the_chained_files_is_an_activity_are_said_in_german() -> None:
    settings = fit_file([FILE_ID_DEF, _file_id(SETTINGS)])
    with pytest.raises(ActivityError) as caught:
        read_fit(settings * 4, "s.fit")
    german = caught.value.text_in("de")
    assert german.startswith(
        "s.fit: keine der 4 angehängten FIT-Dateien ist eine Aktivität: angehängte FIT-Datei 1"
    )
    assert german.count("Datei vom Typ 'settings', keine Aktivität") == 3
    assert german.endswith("; ... (nichts zu importieren)")
    assert "chained" not in german
    assert str(caught.value).startswith(
        "s.fit: none of the 4 chained FIT files is an activity: chained FIT file 1"
    )


def test_a_file_of_settings_alone_is_still_refused_naming_its_kind() -> None:
    settings = fit_file([FILE_ID_DEF, _file_id(SETTINGS)])
    with pytest.raises(ActivityError, match="'settings' file, not an activity") as caught:
        read_fit(settings + settings, "s.fit")
    assert caught.value.message.startswith("none of the 2 chained FIT files is an activity")
    assert caught.value.hint == "nothing to import"


def test_the_real_triathlon_with_chained_heart_rate_data_gives_swim_bike_and_run() -> None:
    parts = read_fit((DATA / "fit" / "sample_mulitple_header.fit").read_bytes(), "tri.fit")
    swim, bike, run = _activities(parts)
    assert len(parts) == 3
    assert [swim.sport, bike.sport, run.sport] == ["swimming", "cycling", "running"]
    # fitdecode counts 351, 855 and 518 records from each session's start to its end, a second included.
    assert [len(swim.track), len(bike.track), len(run.track)] == [349, 854, 518]
    assert [p.totals.distance_m if p.totals else None for p in (swim, bike, run)] == [
        1644.71,
        40909.42,
        9805.92,
    ]
    assert any("chained FIT files 2, 3, 4 of 4 hold no records or sessions" in w for w in run.warnings)


def _untimed_records_file(*, with_session: bool) -> bytes:
    """A treadmill recording whose records hold only distance and heart rate."""
    messages = [FILE_ID_DEF, _file_id(), fit_definition(1, 20, [(5, 4, 0x86), (3, 1, 0x02)])]
    messages += [fit_data(1, "IB", i * 250, 130 + i) for i in range(20)]
    if with_session:
        messages += [SESSION_DEF, fit_data(2, "IIIIBB", BASE + 1200, BASE, 1_200_000, 4750, RUN, 1)]
    return fit_file(messages)


def test_records_with_neither_time_nor_position_are_read_with_the_session_totals() -> None:
    (part,) = read_fit(_untimed_records_file(with_session=True), "treadmill.fit")
    assert isinstance(part, FitPart)
    assert len(part.track) == 20
    assert not part.track.has_times
    assert not part.track.has_positions
    assert part.track.distance_m[-1] == 47.5
    assert part.track.hr_bpm.tolist() == [130 + i for i in range(20)]
    assert part.sub_sport == "treadmill"
    assert part.totals is not None
    assert part.totals.start_time == dt.datetime.fromtimestamp(BASE + FIT_EPOCH_S, tz=dt.UTC)
    assert part.totals.elapsed_s == 1200.0
    assert any("records carry no times" in w for w in part.warnings)


def test_records_with_neither_time_nor_position_and_no_session_still_give_the_distance() -> None:
    (part,) = read_fit(_untimed_records_file(with_session=False), "treadmill.fit")
    assert isinstance(part, FitPart)
    assert part.track.distance_m[-1] == 47.5


def test_a_session_without_records_is_read_from_its_totals() -> None:
    summary_only = fit_file(
        [
            FILE_ID_DEF,
            _file_id(),
            SESSION_DEF,
            fit_data(2, "IIIIBB", BASE + 600, BASE, 600_000, 150_000, RUN, 0),
        ]
    )
    (part,) = read_fit(summary_only, "s.fit")
    assert isinstance(part, FitPart)
    assert part.track.time_s.tolist() == [BASE + FIT_EPOCH_S, BASE + FIT_EPOCH_S + 600.0]
    assert part.track.distance_m.tolist() == [0.0, 1500.0]
    assert any("no records" in w for w in part.warnings)


def test_records_that_hold_nothing_and_no_session_are_refused_saying_so() -> None:
    unknown_only = fit_definition(1, 20, [(7, 2, 0x84)])  # power: a field the reader does not use
    empty = fit_file([FILE_ID_DEF, _file_id(), unknown_only, fit_data(1, "H", 200), fit_data(1, "H", 210)])
    with pytest.raises(ActivityError, match="hold no time, position") as caught:
        read_fit(empty, "empty.fit")
    assert caught.value.hint == "nothing to import"


def test_altitude_comes_from_enhanced_altitude_else_altitude_and_spikes_pass_unchanged() -> None:
    definition = fit_definition(1, 20, [(253, 4, 0x86), (78, 4, 0x86), (2, 2, 0x84)])
    metres = [100.0, -400.0, 12_600.0, 250.4]
    records = [fit_data(1, "IIH", BASE + i, round((m + 500) * 5), 0xFFFF) for i, m in enumerate(metres[:3])]
    records.append(fit_data(1, "IIH", BASE + 3, 0xFFFFFFFF, round((metres[3] + 500) * 5)))
    (part,) = read_fit(fit_file([FILE_ID_DEF, _file_id(), definition, *records]), "alt.fit")
    assert isinstance(part, FitPart)
    assert part.track.elevation_m.tolist() == pytest.approx(metres)


def test_a_triathlon_is_imported_as_three_activities_each_named_by_its_place_in_the_file() -> None:
    activities = read_activities(io.BytesIO(_triathlon()), source="tri.fit")
    assert [a.source for a in activities] == ["tri.fit#1", "tri.fit#2", "tri.fit#3"]
    assert [a.sport_hint for a in activities] == ["swimming", "cycling", "running"]
    assert len({a.content_sha256 for a in activities}) == 3
    # Each distance counts its own sport only (one activity gave the whole 2.1 km before).
    distances = [summarize(a).distance_m for a in activities]
    assert distances == pytest.approx([59.0, 1672.0, 297.0], rel=0.01)


def test_the_real_triathlon_bike_and_run_are_within_half_a_percent_of_the_device_totals() -> None:
    data = (DATA / "fit" / "sample_mulitple_header.fit").read_bytes()
    swim, bike, run = (summarize(a) for a in read_activities(io.BytesIO(data), source="tri.fit"))
    assert swim.device_distance_m == 1644.71  # open water: GPS under water wanders, not compared
    for leg in (bike, run):
        assert leg.device_distance_m is not None
        assert leg.distance_m == pytest.approx(leg.device_distance_m, rel=0.005)


def test_an_upload_of_settings_chained_before_a_run_skips_the_settings_and_imports_the_run() -> None:
    settings = fit_file([FILE_ID_DEF, _file_id(SETTINGS)])
    data = settings + _single(RUN, BASE, 30, 3.0, serial=2)
    first, second = iter_import_file(io.BytesIO(data), "both.fit")
    assert first.activity is None
    assert first.skipped is not None
    assert "'settings' file, not an activity" in first.skipped
    assert second.source == "both.fit#2"
    assert second.activity is not None
    assert second.activity.sport_hint == "running"


def test_a_treadmill_run_without_times_or_positions_imports_with_the_session_duration_and_start() -> None:
    (activity,) = read_activities(io.BytesIO(_untimed_records_file(with_session=True)), source="t.fit")
    summary = summarize(activity)
    assert summary.distance_m == 47.5
    assert summary.elapsed_s == 1200.0
    assert summary.start_time == dt.datetime.fromtimestamp(BASE + FIT_EPOCH_S, tz=dt.UTC)
    assert summary.avg_hr_bpm == pytest.approx(139.5)
    assert summary.is_treadmill
    assert not any("no duration" in w for w in activity.warnings)
    log = to_cardio_log(summary, "treadmill_run")
    assert log.duration_s == 1200.0
    assert log.distance_m == 47.5


def _packed(speed_cms: int, distance_m: float) -> tuple[int, int, int]:
    """compressed_speed_distance: 12 bits of speed (cm/s), then 12 bits of distance (1/16 m)."""
    ticks = round(distance_m * 16) & 0xFFF
    return speed_cms & 0xFF, (speed_cms >> 8) & 0x0F | (ticks & 0x0F) << 4, ticks >> 4


def test_records_holding_only_compressed_speed_and_distance_are_read() -> None:
    definition = fit_definition(1, 20, [(8, 3, 0x0D)])
    records = [fit_data(1, "BBB", *_packed(139, 8.0)), fit_data(1, "BBB", *_packed(249, 20.0))]
    (part,) = read_fit(fit_file([definition, *records]), "foot-pod.fit")
    assert isinstance(part, FitPart)
    assert part.track.distance_m.tolist() == [8.0, 20.0]


def test_a_first_distance_field_then_compressed_distances_give_every_record_its_distance() -> None:
    plain = fit_definition(1, 20, [(5, 4, 0x86)])
    packed = fit_definition(2, 20, [(8, 3, 0x0D)])
    records = [
        fit_data(1, "I", 200),
        fit_data(2, "BBB", *_packed(139, 8.0)),
        fit_data(2, "BBB", *_packed(249, 20.0)),
    ]
    (part,) = read_fit(fit_file([plain, packed, *records]), "foot-pod.fit")
    assert isinstance(part, FitPart)
    assert part.track.distance_m.tolist() == [2.0, 8.0, 20.0]


def test_sessions_without_a_start_time_start_at_their_end_less_their_elapsed_time() -> None:
    no_start = fit_definition(2, 18, [(253, 4, 0x86), (7, 4, 0x86), (9, 4, 0x86), (5, 1, 0x00)])
    messages = [FILE_ID_DEF, _file_id(), RECORD_DEF, no_start]
    summaries = []
    t, metres = BASE, 0.0
    for sport, seconds, speed in [(RUN, 100, 3.0), (BIKE, 200, 8.0)]:
        messages += _records(t, seconds, speed, metres)
        summaries.append(fit_data(2, "IIIB", t + seconds, seconds * 1000, int(seconds * speed * 100), sport))
        t += seconds
        metres += seconds * speed
    run, bike = _activities(read_fit(fit_file(messages + summaries), "brick.fit"))
    assert (run.sport, len(run.track), bike.sport, len(bike.track)) == ("running", 100, "cycling", 200)


def _fitdecode_records(data: bytes) -> list[tuple[float, ...]]:
    """Each timed record's time (Unix s), latitude, longitude, altitude and heart rate, read by fitdecode."""
    import fitdecode

    out: list[tuple[float, ...]] = []
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.DISABLED) as reader:
        for frame in reader:
            if not isinstance(frame, fitdecode.FitDataMessage) or frame.name != "record":
                continue
            stamp = frame.get_value("timestamp", fallback=None)
            if not isinstance(stamp, dt.datetime):
                continue
            alt = frame.get_value("enhanced_altitude", fallback=None)
            alt = alt if alt is not None else frame.get_value("altitude", fallback=None)
            values = [frame.get_value(k, fallback=None) for k in ("position_lat", "position_long")]
            degrees = [v * 180 / 2**31 if v is not None else np.nan for v in values]
            hr = frame.get_value("heart_rate", fallback=None)
            out.append(
                (stamp.timestamp(), *degrees, np.nan if alt is None else alt, np.nan if hr is None else hr)
            )
    return out


@pytest.mark.parametrize(
    "name",
    [
        "sample_mulitple_header.fit",
        "activity-small-fenix2-run.fit",
        "2013-02-06-12-11-14.fit",
        "garmin-fenix-5-walk.fit",
    ],
)
def test_every_part_is_a_run_of_the_records_fitdecode_reads(name: str) -> None:
    data = (DATA / "fit" / name).read_bytes()
    theirs = np.array(_fitdecode_records(data))
    parts = _activities(read_fit(data, name))
    for part in parts:
        track = part.track
        first = int(np.flatnonzero(theirs[:, 0] == track.time_s[0])[0])
        expected = theirs[first : first + len(track)]
        ours = np.column_stack([track.time_s, track.lat_deg, track.lon_deg, track.elevation_m, track.hr_bpm])
        np.testing.assert_allclose(ours, expected, atol=1e-9)
    read = sum(len(p.track) for p in parts)
    assert read == len(theirs) if len(parts) == 1 else read < len(theirs)  # a triathlon's transitions go
