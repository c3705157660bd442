"""Importing real device recordings into a log, on SQLite and PostgreSQL, and what the coach makes of it."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calfcoach.activities import read_activity, summarize
from calfcoach.activities.classify import Sport
from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Dose
from calfcoach.domain.log import CardioLog, History, PerformedSession, SetLog
from calfcoach.domain.plan import PlannedItem
from calfcoach.domain.profile import Profile
from calfcoach.services.activities import (
    JSON_FIELDS,
    activity_detail,
    import_paths,
    import_upload,
    list_activities,
)
from calfcoach.services.activity_coach import exercise_for, session_id
from calfcoach.services.coaching import session_for
from calfcoach.services.views import ActivityCoachView, ImportedActivity
from calfcoach.store import Store
from tests.activities.helpers import DATA
from tests.activities.test_repair import walk_fit

WALK = DATA / "fit" / "garmin-fenix-5-walk.fit"  # 2017-06-11 14:32 UTC, a Sunday
RUN = DATA / "fit" / "garmin-fenix-5-run.fit"  # the same watch, two minutes later
BROKEN = DATA / "fit" / "invalid" / "activity-filecrc.fit"
NO_TIMES = DATA / "gpx" / "Mojstrovka.gpx"
CYCLING = DATA / "fit" / "sample-activity.fit"
WALK_DAY = dt.date(2017, 6, 11)
MONDAY = dt.date(2017, 6, 12)
NEXT_WALK_DAY = dt.date(2017, 6, 18)
# Mondays and Sundays: this program puts its walk session on Sunday (checked below), strength on Monday.
PROFILE = Profile(start_date=dt.date(2017, 6, 1), weekdays=frozenset({0, 6}))


def add_athlete(store: Store, profile: Profile = PROFILE) -> int:
    """Store an athlete with no account on `profile`; return their id."""
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(profile)
        uow.commit()
    return athlete_id


@pytest.fixture
def athlete(store: Store) -> int:
    return add_athlete(store)


def history_of(store: Store, athlete_id: int) -> History:
    with store.reader() as uow:
        return uow.history(athlete_id)


def walk_item(session: PerformedSession | None) -> CardioLog:
    assert session is not None
    return next(c for c in session.cardio if c.exercise_id == "brisk-walk")


def planned_walk_kmh(history: History, day: dt.date) -> float | None:
    planned = session_for(PROFILE, history, day)
    assert planned is not None
    assert planned.template_id == "walk"
    item = next(i for i in planned.items if i.exercise_id == "brisk-walk" and i.block == "walk")
    return item.dose.speed_kmh


def _coach(entry: ImportedActivity) -> ActivityCoachView:
    """The session an imported activity counted as (the test expects one)."""
    assert entry.coach is not None
    return entry.coach


def test_every_real_file_is_imported_or_reported_and_listed(store: Store, athlete: int) -> None:
    seen: list[tuple[str, str]] = []
    report = import_paths(
        store, athlete, [DATA / "fit"], on_progress=lambda name, status: seen.append((name, status))
    )
    listed = list_activities(store, athlete)
    assert {a.id for a in listed} == {a.id for a in report.imported}
    assert {Path(a.source_file).name for a in report.imported} >= {WALK.name, RUN.name}
    assert any(Path(f.source_file).name == BROKEN.name for f in report.failed)
    outcomes = len(report.imported) + len(report.duplicates) + len(report.failed) + len(report.skipped)
    assert len(seen) == outcomes
    for entry in report.imported:
        written = entry.model_dump(mode="json")
        assert set(JSON_FIELDS) <= set(written)
        assert written["start_time"].endswith("Z")


def test_importing_the_same_files_again_stores_and_logs_nothing_new(store: Store, athlete: int) -> None:
    first = import_paths(store, athlete, [WALK, RUN])
    sessions = len(history_of(store, athlete).sessions)
    again = import_paths(store, athlete, [WALK, RUN])
    assert again.imported == []
    assert sorted(d.id for d in again.duplicates) == sorted(a.id for a in first.imported)
    assert len(list_activities(store, athlete)) == 2
    assert len(history_of(store, athlete).sessions) == sessions == 2


def test_the_same_start_and_device_in_other_bytes_is_a_duplicate(store: Store, athlete: int) -> None:
    first = import_paths(store, athlete, [WALK])
    padded = WALK.read_bytes() + b"\x00" * 16  # other bytes (another hash), same recording
    again = import_upload(store, athlete, io.BytesIO(padded), "walk-copy.fit")
    assert again.imported == []
    assert [d.model_dump() for d in again.duplicates] == [
        {"source_file": "walk-copy.fit", "id": first.imported[0].id}
    ]
    assert len(history_of(store, athlete).sessions) == 1


def test_a_broken_file_among_good_ones_loses_none_of_them(store: Store, athlete: int) -> None:
    report = import_paths(store, athlete, [WALK, BROKEN, RUN])
    assert [Path(a.source_file).name for a in report.imported] == [WALK.name, RUN.name]
    assert len(report.failed) == 1
    failed = report.failed[0]
    assert failed.source_file == str(BROKEN)
    assert "CRC" in failed.error
    assert len(list_activities(store, athlete)) == 2


def test_a_recording_without_clock_times_is_refused_with_the_reason(store: Store, athlete: int) -> None:
    report = import_paths(store, athlete, [NO_TIMES])
    assert report.imported == []
    assert report.processed == 0
    assert "no absolute start time" in report.failed[0].error
    assert list_activities(store, athlete) == []


def test_a_walk_on_the_walk_day_counts_as_the_planned_walk(store: Store, athlete: int) -> None:
    report = import_paths(store, athlete, [WALK])
    activity_id = report.imported[0].id
    with store.reader() as uow:
        session = uow.sessions.get(athlete, session_id(activity_id))
    assert session is not None
    assert (session.day, session.planned_for, session.template_id) == (WALK_DAY, WALK_DAY, "walk")
    log = walk_item(session)
    assert log.block == "walk"
    assert log.activity_id == activity_id
    assert _coach(report.imported[0]).planned is True


def log_monday_strength(store: Store, athlete_id: int) -> None:
    """The Monday session between the two walks, done by hand (no deload for a week off follows)."""
    planned = session_for(PROFILE, history_of(store, athlete_id), MONDAY)
    assert planned is not None
    done = PerformedSession(
        id="monday",
        day=MONDAY,
        program_id=planned.program_id,
        phase_id=planned.phase_id,
        template_id=planned.template_id,
        sets=(SetLog(exercise_id="calf-raise-step", set_index=0, reps=12),),
    )
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, done)
        uow.commit()


def test_the_walk_sets_the_next_prescribed_pace_above_the_pace_walked(store: Store, athlete: int) -> None:
    log_monday_strength(store, athlete)
    before = planned_walk_kmh(history_of(store, athlete), NEXT_WALK_DAY)
    import_paths(store, athlete, [WALK])
    history = history_of(store, athlete)
    walked = walk_item(history.sessions[0]).avg_speed_kmh
    after = planned_walk_kmh(history, NEXT_WALK_DAY)
    summary = summarize(read_activity(WALK.read_bytes(), source=str(WALK)))
    assert summary.gap_speed_mps is not None
    assert walked is not None
    assert before is not None
    # The grade-adjusted pace held in the walk's main part (the recording scored against the plan): this
    # walk is steady, so within a few hundredths of the whole recording's.
    assert walked == pytest.approx(summary.gap_speed_mps * 3.6, abs=0.1)
    assert before == 5.0  # the program's starting pace
    assert after is not None
    assert after > walked > before
    assert after == pytest.approx(min(round(walked, 1) + 0.2, 6.5))  # the pace step, up to the 6.5 ceiling


def test_a_run_on_a_walk_day_is_an_extra_session(store: Store, athlete: int) -> None:
    report = import_paths(store, athlete, [RUN])
    coach = _coach(report.imported[0])
    assert coach.exercise_id == "steady-jog"
    assert coach.planned is False
    assert coach.block is None


def test_a_bike_ride_is_stored_but_not_fed_to_the_coach(store: Store, athlete: int) -> None:
    report = import_paths(store, athlete, [CYCLING])
    assert report.imported[0].sport == "other"
    assert report.imported[0].coach is None
    assert any("not counted" in w.warning for w in report.warnings)
    assert history_of(store, athlete).sessions == ()


def test_an_uploaded_zip_imports_each_member(store: Store, athlete: int) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("walk.fit", WALK.read_bytes())
        archive.writestr("notes.txt", "not an activity")
        archive.writestr("broken.fit", BROKEN.read_bytes())
    buffer.seek(0)  # as the web server hands over a spooled upload
    report = import_upload(store, athlete, buffer, "../../export.zip")
    assert [a.source_file for a in report.imported] == ["export.zip!walk.fit"]
    assert [f.source_file for f in report.failed] == ["export.zip!broken.fit"]
    assert "/tmp" not in report.failed[0].error


class _Watched(io.BytesIO):
    """An uploaded file object that notes every read: how much was asked for at once."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.asked.append(-1 if size is None else size)
        return super().read(size)


def test_an_upload_is_read_from_its_file_object_in_chunks_never_whole(store: Store, athlete: int) -> None:
    from calfcoach.activities.synthetic import hike_gpx

    gpx = gzip.compress(hike_gpx(4 * 3600, start=SUNDAY_MORNING))  # 3.3 MB inflated
    upload = _Watched(gpx)
    report = import_upload(store, athlete, upload, "hike.gpx.gz")
    assert [a.source_file for a in report.imported] == ["hike.gpx.gz"]
    assert upload.asked
    assert all(0 < size <= 1024 * 1024 for size in upload.asked)


def test_the_detail_has_summary_splits_profile_and_the_session(store: Store, athlete: int) -> None:
    report = import_paths(store, athlete, [DATA / "fit" / "activity-small-fenix2-run.fit"])
    detail = activity_detail(store, athlete, report.imported[0].id).model_dump(mode="json")
    assert len(detail["splits"]) == 10  # 9.02 km
    assert detail["summary"]["avg_hr_bpm"] > 0
    profile = detail["elevation_profile"]
    assert 2 <= len(profile) <= 120
    distances = [p["distance_m"] for p in profile]
    assert distances == sorted(distances)
    assert distances[-1] == pytest.approx(detail["distance_m"], abs=1)
    assert detail["coach"] is None  # 2015: before the program started


def test_an_unknown_activity_is_not_found(store: Store, athlete: int) -> None:
    with pytest.raises(NotFoundError, match="no activity"):
        activity_detail(store, athlete, "0123456789ab")


WALK_SUMMARY = summarize(read_activity(WALK.read_bytes(), source=str(WALK)))


@pytest.mark.parametrize(
    ("sport", "treadmill", "gain_m", "expected"),
    [
        (Sport.WALK, False, 0.0, "brisk-walk"),
        (Sport.WALK, True, 0.0, "treadmill-walk"),
        (Sport.WALK, False, 10.0, "uphill-walk"),
        (Sport.HIKE, False, 10.0, "uphill-walk"),
        (Sport.JOG, False, 0.0, "steady-jog"),
        (Sport.RUN, True, 0.0, "treadmill-run"),
        (Sport.RUN, False, 10.0, "uphill-jog"),
        (Sport.STAIRS, False, 30.0, "stair-climb"),
        (Sport.OTHER, False, 0.0, None),
    ],
)
def test_each_kind_of_activity_maps_to_its_library_exercise(
    sport: Sport, treadmill: bool, gain_m: float, expected: str | None
) -> None:
    # 68 m walked: 10 m of climb is far past the 50 m per km of a hill.
    summary = replace(WALK_SUMMARY, sport=sport, is_treadmill=treadmill, elevation_gain_m=gain_m)
    assert exercise_for(summary) == expected


def test_the_main_bout_is_chosen_over_the_warm_up() -> None:
    from calfcoach.services.activity_coach import _planned_item

    def item(block: str, minutes: int) -> PlannedItem:
        return PlannedItem(
            exercise_id="brisk-walk", block=block, dose=Dose(duration_s=minutes * 60), reason="plan"
        )

    items = (item("warm-up", 5), item("walk", 20))
    chosen = _planned_item("brisk-walk", WALK_SUMMARY, items, set())
    assert chosen is not None
    assert chosen.block == "walk"
    done = _planned_item("brisk-walk", WALK_SUMMARY, items, {"walk"})
    assert done is not None
    assert done.block == "warm-up"
    assert _planned_item("stair-climb", WALK_SUMMARY, items, set()) is None


SUNDAY_MORNING = dt.datetime(2017, 6, 11, 7, 0, tzinfo=dt.UTC)


def test_a_steep_hike_on_the_walk_day_is_an_extra_uphill_walk(store: Store, athlete: int) -> None:
    from calfcoach.activities.synthetic import hike_gpx

    report = import_upload(store, athlete, io.BytesIO(hike_gpx(1800, start=SUNDAY_MORNING)), "hike.gpx")
    coach = _coach(report.imported[0])
    assert report.imported[0].sport == "hike"
    assert (coach.exercise_id, coach.planned) == ("uphill-walk", False)
    # Its grade-adjusted speed is far past any walking pace: it must not set the next level walk.
    assert (coach.speed_kmh or 0) > 7.2
    assert planned_walk_kmh(history_of(store, athlete), NEXT_WALK_DAY) == 5.0


def _plan_walk_day(
    monkeypatch: pytest.MonkeyPatch, template_id: str, name: str, exercise_id: str, block: str, dose: Dose
) -> None:
    """Make the coach plan one cardio item on the walk day, in the walk-to-run phase."""
    from calfcoach.domain.plan import PlannedSession
    from calfcoach.services import activity_coach

    planned = PlannedSession(
        day=WALK_DAY,
        program_id=PROFILE.program_id,
        phase_id="walk-to-run",
        template_id=template_id,
        name=name,
        minutes=30,
        items=(PlannedItem(exercise_id=exercise_id, block=block, dose=dose, reason="plan"),),
    )
    monkeypatch.setattr(activity_coach, "session_for", lambda profile, history, day: planned)


def test_an_uphill_walk_counts_for_a_planned_one_with_the_grade_climbed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from calfcoach.activities.synthetic import hike_gpx
    from calfcoach.services import activity_coach

    _plan_walk_day(
        monkeypatch,
        "hills",
        "Hills",
        "uphill-walk",
        "hill",
        Dose(duration_s=1200, speed_kmh=4.5, grade_pct=5),
    )
    summary = summarize(read_activity(hike_gpx(1800, start=SUNDAY_MORNING), source="hike.gpx"))
    session = activity_coach.session_from_activity(summary, "abc", PROFILE, History(), dt.UTC)
    assert session is not None
    assert (session.template_id, session.phase_id, session.planned_for) == ("hills", "walk-to-run", WALK_DAY)
    (log,) = session.cardio
    assert (log.exercise_id, log.block, log.activity_id) == ("uphill-walk", "hill", "abc")
    assert summary.avg_uphill_grade_pct is not None
    assert log.grade_pct == pytest.approx(summary.avg_uphill_grade_pct)
    assert summary.avg_uphill_grade_pct > 5  # steeper than planned: the Grade rule carries it over


def test_a_strava_export_is_imported_with_its_names(store: Store, athlete: int, tmp_path: Path) -> None:
    export = tmp_path / "export_123.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "activities.csv",
            "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"
            "1,x,Sunday walk,Walk,activities/1.fit\n2,x,Bad file,Run,activities/2.fit\n",
        )
        archive.writestr("activities/1.fit", WALK.read_bytes())
        archive.writestr("activities/2.fit", BROKEN.read_bytes())
        archive.writestr("media/photo.jpg", b"\xff\xd8")
    report = import_paths(store, athlete, [export])
    assert [(a.name, a.source_file) for a in report.imported] == [
        ("Sunday walk", f"{export}!activities/1.fit")
    ]
    assert [f.source_file for f in report.failed] == [f"{export}!activities/2.fit"]


def level_walk_gpx(start: dt.datetime, minutes: int = 10) -> bytes:
    """A level walk at 1.5 m/s, a point every 5 s, from the helpers' GPX builder."""
    from tests.activities.helpers import gpx_doc, trkpt

    step_deg = 1.5 * 5 / 111_195  # 7.5 m north per point
    points = [
        trkpt(46.0 + i * step_deg, 14.0, ele=300.0, time=(start + dt.timedelta(seconds=5 * i)).isoformat())
        for i in range(minutes * 12 + 1)
    ]
    return gpx_doc(f"<trk><trkseg>{''.join(points)}</trkseg></trk>")


def test_a_second_walk_the_same_day_is_an_extra_session(store: Store, athlete: int) -> None:
    first = import_paths(store, athlete, [WALK])
    second = import_upload(
        store, athlete, io.BytesIO(level_walk_gpx(SUNDAY_MORNING.replace(hour=18))), "evening.gpx"
    )
    assert _coach(first.imported[0]).planned is True
    coach = _coach(second.imported[0])
    assert (coach.exercise_id, coach.block, coach.planned) == ("brisk-walk", None, False)
    assert coach.speed_kmh == pytest.approx(5.4, abs=0.1)
    assert len(history_of(store, athlete).sessions) == 2


@pytest.mark.parametrize(
    ("filename", "stored_as"),
    [
        ("..", "upload"),
        ("../../etc/walk.fit", "walk.fit"),
        ("", "upload"),
        ("a\x00b.fit", "a_b.fit"),
        ("C:\\Users\\me\\walk.fit", "walk.fit"),
    ],
)
def test_an_upload_name_never_leaves_the_upload_folder(
    store: Store, athlete: int, filename: str, stored_as: str
) -> None:
    report = import_upload(store, athlete, io.BytesIO(WALK.read_bytes()), filename)
    assert [a.source_file for a in report.imported] == [stored_as]


def test_a_walk_with_running_counts_for_planned_run_walk_intervals_with_its_running_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from calfcoach.services import activity_coach

    _plan_walk_day(
        monkeypatch,
        "run-outdoors",
        "Run/walk",
        "run-walk-intervals",
        "run",
        Dose(duration_s=1200, run_s=60, walk_s=90),
    )
    run_walk = replace(WALK_SUMMARY, running_s=120.0)
    session = activity_coach.session_from_activity(run_walk, "abc", PROFILE, History(), dt.UTC)
    assert session is not None
    (log,) = session.cardio
    assert (log.exercise_id, log.block, log.running_s) == ("run-walk-intervals", "run", 120.0)
    walk_only = activity_coach.session_from_activity(WALK_SUMMARY, "abc", PROFILE, History(), dt.UTC)
    assert walk_only is not None
    assert walk_only.planned_for is None


def test_the_file_count_for_the_progress_bar_matches_the_files_imported(tmp_path: Path) -> None:
    from calfcoach.activities import iter_import
    from calfcoach.services.activities import count_files

    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("activities.csv", "Filename\nactivities/1.fit\n")
        archive.writestr("activities/1.fit", WALK.read_bytes())
        archive.writestr("media/photo.jpg", b"\xff\xd8")
    paths = [DATA / "fit", export, tmp_path / "missing.gpx"]
    from calfcoach.activities.registry import is_later_part

    outcomes = list(iter_import(paths))
    assert len(outcomes) > count_files(paths)  # the triathlon gives three activities
    assert count_files(paths) == sum(1 for o in outcomes if not is_later_part(o.source))


def test_an_activity_is_found_by_a_unique_start_of_its_id(store: Store, athlete: int) -> None:
    imported = import_paths(store, athlete, [WALK, RUN]).imported
    for entry in imported:
        assert activity_detail(store, athlete, entry.id[:6]).id == entry.id
    with pytest.raises(NotFoundError):
        activity_detail(store, athlete, imported[0].id[:3])  # too short to be taken as a prefix


def test_a_prefix_shared_by_two_activities_asks_for_more(
    store: Store, athlete: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calfcoach.domain.errors import InputError
    from calfcoach.services import activities as service

    other = DATA / "fit" / "invalid" / "activity-settings-corruptheader.fit"
    ids = [a.id for a in import_paths(store, athlete, [WALK, other]).imported]
    assert [i[0] for i in ids] == ["1", "1"]  # 1a3e05a7379e and 12c9b5bff880
    monkeypatch.setattr(service, "MIN_PREFIX", 1)  # content hashes rarely share four characters
    with pytest.raises(InputError, match="type more"):
        activity_detail(store, athlete, "1")


FILES = [WALK, RUN, BROKEN, CYCLING, DATA / "fit" / "activity-small-fenix2-run.fit"]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.lists(st.sampled_from(FILES), max_size=5),
    second=st.lists(st.sampled_from(FILES), max_size=5),
)
def test_however_files_are_imported_each_recording_is_stored_and_logged_once(
    tmp_path: Path, first: list[Path], second: list[Path]
) -> None:
    from calfcoach.store import open_store

    opened = open_store(f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}")
    try:
        with opened.unit_of_work() as uow:
            athlete_id = uow.athletes.add(PROFILE)
            uow.commit()
        reports = [import_paths(opened, athlete_id, batch) for batch in (first, second)]
        readable = {p for p in first + second if p != BROKEN}
        assert len(list_activities(opened, athlete_id)) == len(readable)
        assert sum(len(r.imported) for r in reports) == len(readable)
        fed = {WALK, RUN} & readable  # the others are broken, a bike ride, or before the program's start
        assert len(history_of(opened, athlete_id).sessions) == len(fed)
    finally:
        opened.close()


def test_a_fit_file_whose_altitude_jumps_between_minus_400_and_12600_m_imports_as_a_walk(
    store: Store, athlete: int
) -> None:
    altitude = np.random.default_rng(7).uniform(-400.0, 12_600.0, 1200)
    report = import_upload(store, athlete, io.BytesIO(walk_fit(altitude)), "spikes.fit")
    assert report.failed == []
    [imported] = report.imported
    assert imported.sport == "walk"
    assert imported.elevation_gain_m == 0
    notes = [w.warning for w in report.warnings if "elevation" in w.warning]
    assert len(notes) == 1
    assert "unusable" in notes[0]


def test_an_impossible_distance_is_written_as_a_number_not_in_scientific_notation(
    store: Store, athlete: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: the import wrote its own figures ('distance m 1.23457e+06'); domain/errors.py does."""

    def impossible(*_: object, **__: object) -> tuple[PerformedSession, None]:
        CardioLog(exercise_id="brisk-walk", duration_s=600.0, distance_m=1_234_567.5)
        raise AssertionError("CardioLog took 1,234 km")

    monkeypatch.setattr("calfcoach.services.activities.logged_activity", impossible)
    report = import_upload(store, athlete, io.BytesIO(WALK.read_bytes()), "walk.fit")
    [failed] = report.failed
    assert failed.error.startswith(
        "walk.fit: the recording gives distance m 1234567.5, which must be at most 500000; its data"
    )


def test_a_value_the_log_cannot_hold_fails_the_import_in_plain_words(
    store: Store, athlete: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def impossible(*_: object, **__: object) -> tuple[PerformedSession, None]:
        CardioLog(exercise_id="stair-climb", duration_s=600.0, floors=47_333)
        raise AssertionError("CardioLog took 47,333 floors")

    monkeypatch.setattr("calfcoach.services.activities.logged_activity", impossible)
    report = import_upload(store, athlete, io.BytesIO(WALK.read_bytes()), "walk.fit")
    [failed] = report.failed
    assert failed.error == (
        "walk.fit: the recording gives floors 47333, which must be at most 10000; its data are probably"
        " faulty and nothing was imported (check the file, or log the session by hand)"
    )
    # The German page said it in English.
    assert failed.said_in("de") == (
        "walk.fit: die Aufzeichnung nennt floors 47333, der höchstens 10000 sein muss; ihre Daten sind"
        " wahrscheinlich fehlerhaft, und nichts wurde importiert (prüfen Sie die Datei, oder tragen Sie die"
        " Einheit von Hand ein)"
    )
    assert list_activities(store, athlete) == []


def test_a_walk_and_a_run_chained_in_one_fit_upload_are_two_activities(store: Store, athlete: int) -> None:
    chained = WALK.read_bytes() + RUN.read_bytes()
    report = import_upload(store, athlete, io.BytesIO(chained), "watch.fit")
    assert [a.source_file for a in report.imported] == ["watch.fit#1", "watch.fit#2"]
    assert [a.sport for a in report.imported] == ["walk", "run"]
    # The same recordings imported as separate files are the ones already stored (same start, same watch).
    again = import_paths(store, athlete, [WALK, RUN])
    assert again.imported == []
    assert sorted(d.id for d in again.duplicates) == sorted(a.id for a in report.imported)


def test_a_recording_with_over_a_day_of_moving_time_is_stored_but_not_counted_saying_why(
    store: Store, athlete: int
) -> None:
    # 25 h of walking (within the 48 h a recording may last): the import failed before, since one
    # session can last at most 24 h.
    report = import_upload(
        store, athlete, io.BytesIO(level_walk_gpx(SUNDAY_MORNING, minutes=25 * 60)), "ultra.gpx"
    )
    assert report.failed == []
    assert len(report.imported) == 1
    assert report.imported[0].coach is None
    (warning,) = [w.warning for w in report.warnings if w.source_file == "ultra.gpx"]
    assert warning.startswith(
        "25.0 h of moving time, over the 24 h one session can last: stored, not counted"
    )
    assert len(list_activities(store, athlete)) == 1
    assert history_of(store, athlete).sessions == ()


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("Europe/London", WALK_DAY),  # 15:32 on Sunday
        ("Pacific/Auckland", MONDAY),  # 02:32 on Monday: the walk was Monday's there
        ("America/Los_Angeles", WALK_DAY),  # 07:32 on Sunday
    ],
)
def test_a_recording_counts_for_the_day_it_was_where_the_person_lives(
    store: Store, zone: str, day: dt.date
) -> None:
    athlete_id = add_athlete(store, PROFILE.model_copy(update={"time_zone": zone}))
    report = import_paths(store, athlete_id, [WALK], today=NEXT_WALK_DAY)
    assert len(report.imported) == 1, report.failed
    assert [s.day for s in history_of(store, athlete_id).sessions] == [day]
