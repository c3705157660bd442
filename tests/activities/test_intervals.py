"""Interval detection: synthetic recordings with known intervals (a seeded grid), and real device files."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import numpy as np
import pytest

from calfcoach.activities import read_activities
from calfcoach.activities.intervals import LAP_SNAP_S, detect, lap_starts_s, speed_threshold
from calfcoach.activities.model import Activity, Totals, Track
from calfcoach.activities.synthetic import interval_track, track_gpx
from calfcoach.domain.compliance import Gait
from tests.activities.helpers import DATA

Part = tuple[str, float, float]

# The programs' run/walk doses (library/programs): run seconds, walk seconds, repeats.
DOSES = ((60, 90, 8), (90, 90, 6), (120, 90, 5), (300, 90, 3), (600, 60, 2))
# (run, walk) speeds in m/s: a jog at 9 km/h and a walk at 5.4 km/h; a runner at 10.8 km/h and a stroll.
SPEEDS = ((2.5, 1.5), (3.0, 1.4))
BOUNDARY_S = 8.0  # measured: at most 8 s away (median 1-2 s) by speed; exact by cadence (docs/activities.md)


def run_walk(run_s: float, walk_s: float, reps: int, run_mps: float, walk_mps: float) -> list[Part]:
    return [("walk", 300, walk_mps), *[("run", run_s, run_mps), ("walk", walk_s, walk_mps)] * reps]


def truth(parts: list[Part]) -> np.ndarray:
    return np.cumsum([seconds for _, seconds, _ in parts])[:-1]


def near_dropout(track: Track, at: float, margin: float = 5.0) -> bool:
    rel = track.time_s - track.time_s[0]
    gaps = np.flatnonzero(np.diff(rel) > 1.5)
    return any(rel[g] - margin <= at <= rel[g + 1] + margin for g in gaps)


GRID = list(itertools.product(DOSES, SPEEDS, (False, True), (0, 3), range(2)))


@pytest.mark.parametrize(("dose", "speeds", "cadence", "dropouts", "seed"), GRID)
def test_counts_are_exact_and_boundaries_close_over_a_seeded_grid(
    dose: tuple[int, int, int], speeds: tuple[float, float], cadence: bool, dropouts: int, seed: int
) -> None:
    parts = run_walk(*dose, *speeds)
    track = interval_track(parts, seed=seed, dropouts=dropouts, cadence=cadence)
    found = detect(track).intervals
    assert [i.gait.value for i in found] == [gait for gait, _, _ in parts]
    for expected, interval in zip(truth(parts), found[1:], strict=True):
        if near_dropout(track, float(expected)):
            continue  # a boundary inside a lost stretch is unknowable; measured apart in the docs
        limit = 0.0 if cadence else BOUNDARY_S
        assert abs(interval.start_s - expected) <= limit


def test_a_steady_walk_with_gps_noise_is_one_walk() -> None:
    found = detect(interval_track([("walk", 1800, 1.6)], seed=2, dropouts=4)).intervals
    assert [i.gait for i in found] == [Gait.WALK]
    assert found[0].speed_kmh == pytest.approx(5.76, abs=0.3)


def test_a_steady_slow_jog_is_one_run_even_near_the_walking_speed() -> None:
    # 7.6 km/h hovers near the 7.2 km/h walk-run threshold: one mode of speed is one gait.
    found = detect(interval_track([("run", 1200, 2.1)], seed=5)).intervals
    assert [i.gait for i in found] == [Gait.RUN]


def test_a_stop_at_a_crossing_is_its_own_interval() -> None:
    parts: list[Part] = [("walk", 300, 1.5), ("stop", 45, 0.0), ("walk", 300, 1.5)]
    found = detect(interval_track(parts, seed=1)).intervals
    assert [i.gait for i in found] == [Gait.WALK, Gait.STOP, Gait.WALK]
    assert found[1].duration_s == pytest.approx(45, abs=8)


def test_a_stumble_shorter_than_the_minimum_is_merged_into_the_walk() -> None:
    parts: list[Part] = [("walk", 300, 1.5), ("run", 6, 3.0), ("walk", 300, 1.5)]
    assert [i.gait for i in detect(interval_track(parts, seed=1)).intervals] == [Gait.WALK]


def test_cadence_decides_where_speed_cannot_walkers_fast_and_runners_slow() -> None:
    # A 7.6 km/h jog between 5.8 km/h walks: too close for speed under GPS noise, plain from the steps.
    parts = run_walk(90, 90, 4, 2.1, 1.6)
    found = detect(interval_track(parts, seed=3, cadence=True)).intervals
    assert [i.gait.value for i in found] == [gait for gait, _, _ in parts]
    assert all(i.cadence_spm is not None and i.cadence_spm > 150 for i in found if i.gait is Gait.RUN)


def test_boundaries_snap_to_the_laps_a_watch_recorded() -> None:
    parts = run_walk(60, 90, 3, 2.5, 1.5)
    track = interval_track(parts, seed=4)
    t0 = float(track.time_s[0])
    laps = [t0, *(t0 + float(b) for b in truth(parts))]
    found = detect(track, laps).intervals
    assert [i.start_s for i in found[1:]] == [float(b) for b in truth(parts)]


def test_a_lap_far_from_any_boundary_moves_nothing() -> None:
    parts = run_walk(60, 90, 2, 2.5, 1.5)
    track = interval_track(parts, seed=4)
    t0 = float(track.time_s[0])
    assert detect(track, [t0, t0 + 200]).intervals == detect(track).intervals
    assert LAP_SNAP_S < 100


def test_lap_starts_come_from_the_devices_laps_when_there_are_several() -> None:
    start = dt.datetime(2024, 5, 4, 7, 0, tzinfo=dt.UTC)
    laps = tuple(Totals(start_time=start + dt.timedelta(seconds=60 * k)) for k in range(3))
    activity = Activity(track=Track(), source="x", file_format="fit", content_sha256="0" * 64, laps=laps)
    assert lap_starts_s(activity) == tuple(start.timestamp() + 60 * k for k in range(3))
    one = Activity(track=Track(), source="x", file_format="fit", content_sha256="0" * 64, laps=laps[:1])
    assert lap_starts_s(one) == ()


def test_a_track_too_short_or_without_times_has_no_intervals() -> None:
    assert detect(Track()).intervals == ()
    assert detect(Track(time_s=np.full(50, np.nan))).intervals == ()


def test_the_speed_threshold_is_none_for_one_mode_and_between_two() -> None:
    rng = np.random.default_rng(1)
    assert speed_threshold(1.5 + rng.normal(0, 0.1, 600)) is None
    two = np.concatenate((1.5 + rng.normal(0, 0.1, 600), 2.6 + rng.normal(0, 0.1, 300)))
    threshold = speed_threshold(two)
    assert threshold is not None
    assert 1.9 < threshold < 2.2


def _real(name: str) -> Activity:
    with (DATA / name).open("rb") as handle:
        return read_activities(handle, source=name)[0]


def test_the_real_fenix_walk_is_one_walk_and_the_fenix_run_runs() -> None:
    walk = detect(_real("fit/garmin-fenix-5-walk.fit").track).intervals
    assert [i.gait for i in walk] == [Gait.WALK]
    assert walk[0].cadence_spm is not None
    assert walk[0].cadence_spm < 130
    run = detect(_real("fit/garmin-fenix-5-run.fit").track).intervals
    assert [i.gait for i in run] == [Gait.RUN]


def test_the_real_fenix2_run_finds_its_walk_breaks_by_cadence() -> None:
    activity = _real("fit/activity-small-fenix2-run.fit")
    found = detect(activity.track, lap_starts_s(activity)).intervals
    runs = [i for i in found if i.gait is Gait.RUN]
    walks = [i for i in found if i.gait is Gait.WALK]
    assert runs
    assert walks
    assert all(i.cadence_spm is not None and i.cadence_spm >= 140 for i in runs)
    assert all(i.cadence_spm is None or i.cadence_spm < 140 for i in walks)
    assert sum(i.duration_s for i in runs) > 3 * sum(i.duration_s for i in walks)


def test_a_synthetic_recording_written_as_gpx_reads_back_to_the_same_intervals() -> None:
    parts = run_walk(60, 90, 3, 2.5, 1.5)
    track = interval_track(parts, seed=6, cadence=True)
    (activity,) = read_activities(io.BytesIO(track_gpx(track)), source="intervals.gpx")
    assert [i.gait for i in detect(activity.track).intervals] == [i.gait for i in detect(track).intervals]


def test_a_steady_pace_between_a_walk_and_a_jog_without_cadence_leaves_the_gait_unknown() -> None:
    assert not detect(interval_track([("walk", 1200, 1.9)], seed=1)).gait_known
    assert detect(interval_track([("walk", 1200, 1.9)], seed=1, cadence=True)).gait_known
    assert detect(interval_track([("walk", 1200, 1.5)], seed=1)).gait_known
    assert detect(interval_track(run_walk(60, 90, 4, 2.5, 1.5), seed=1)).gait_known


def test_a_real_uneven_run_without_cadence_calls_its_slow_stretches_walks() -> None:
    # A 44-minute run at 7-8 km/h with stops, no cadence: split by pace, each part is called by its speed.
    found = detect(_real("fit/2013-02-06-12-11-14.fit").track).intervals
    assert all(i.speed_kmh >= 6.1 for i in found if i.gait is Gait.RUN)
    assert all(i.speed_kmh < 7.2 for i in found if i.gait is Gait.WALK)
    assert sum(i.duration_s for i in found if i.gait is Gait.RUN) > 0
