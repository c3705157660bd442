"""Scoring a recording against its plan: the detected intervals lined up with the workout's steps."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities.intervals import detect
from calfcoach.activities.synthetic import interval_track
from calfcoach.coach.compliance import flat_steps, score
from calfcoach.coach.workout import workout_of
from calfcoach.domain.compliance import Gait, Interval, StepVerdict, Verdict
from calfcoach.domain.workout import Intensity, WorkoutStep
from tests.coach.test_workout import CATALOG, item, session

RUN_WALK = {"duration_s": 1200, "run_s": 60, "walk_s": 90, "warmup_s": 300}


def run_walk_steps() -> tuple[WorkoutStep, ...]:
    workout = workout_of(session(item("run-walk-intervals", **RUN_WALK)), CATALOG)
    assert workout is not None
    return flat_steps(workout)


def walk_steps(speed_kmh: float = 5.4, grade_pct: float | None = None) -> tuple[WorkoutStep, ...]:
    dose: dict[str, float] = {"duration_s": 1200, "speed_kmh": speed_kmh}
    exercise = "brisk-walk"
    if grade_pct is not None:
        dose["grade_pct"] = grade_pct
        exercise = "uphill-walk"
    workout = workout_of(session(item(exercise, **dose)), CATALOG)
    assert workout is not None
    return flat_steps(workout)


def intervals_of(parts: Sequence[tuple[str, float, float]], seed: int = 3) -> tuple[Interval, ...]:
    return detect(interval_track(parts, seed=seed)).intervals


def test_the_steps_are_unrolled_with_their_gait() -> None:
    steps = run_walk_steps()
    assert len(steps) == 1 + 2 * 8
    assert [s.running for s in steps[:3]] == [False, True, False]


def test_a_run_walk_done_as_planned_scores_every_step_done() -> None:
    parts = [("walk", 300, 1.55), *[("run", 60, 2.5), ("walk", 90, 1.5)] * 8]
    found = score(run_walk_steps(), intervals_of(parts))
    assert found.verdict is Verdict.AS_PRESCRIBED
    assert all(s.verdict is StepVerdict.DONE for s in found.steps)
    assert found.run_planned_s == 480
    assert found.run_done_s == pytest.approx(480, abs=15)
    assert "8 of 8 runs" in found.reason
    assert [s.planned_start_s for s in found.steps[:3]] == [0, 300, 360]


def test_a_run_walk_whose_runs_were_walked_is_far_off_and_runs_nothing() -> None:
    found = score(run_walk_steps(), intervals_of([("walk", 1500, 1.5)]))
    assert found.verdict is Verdict.FAR_OFF
    assert found.run_done_s == 0
    runs = [s for s in found.steps if s.running]
    assert all(s.verdict is StepVerdict.MISSED and s.note == "walked instead" for s in runs)
    assert "walked" in found.reason


def test_runs_held_longer_than_planned_are_followed_not_clocked() -> None:
    # 70 s runs and 80 s walks: each run is found where it was, not where a clock would put it.
    parts = [("walk", 300, 1.55), *[("run", 70, 2.5), ("walk", 80, 1.5)] * 8]
    found = score(run_walk_steps(), intervals_of(parts))
    runs = [s for s in found.steps if s.running]
    assert all(s.verdict is StepVerdict.DONE for s in runs)
    assert runs[-1].start_s == pytest.approx(300 + 7 * 150, abs=10)


def test_half_the_repeats_is_partly_done() -> None:
    parts = [("walk", 300, 1.55), *[("run", 60, 2.5), ("walk", 90, 1.5)] * 5]
    found = score(run_walk_steps(), intervals_of(parts))
    assert found.verdict is Verdict.PARTLY
    assert sum(1 for s in found.steps if s.running and s.verdict is StepVerdict.DONE) == 5
    assert "of 16 steps were not done as planned" in found.reason


def test_a_walk_to_the_start_and_a_warm_up_are_not_the_main_walk_pace() -> None:
    # 5 min stroll at 4 km/h before a 20 min brisk walk at 5.8 km/h: the main speed is the brisk one.
    parts = [("walk", 300, 1.1), ("walk", 1200, 1.6)]
    found = score(walk_steps(5.8), intervals_of(parts))
    assert found.verdict is Verdict.AS_PRESCRIBED
    assert found.main_speed_kmh == pytest.approx(5.76, abs=0.3)


def test_a_stroll_below_the_target_band_is_partly_done_and_said_so() -> None:
    found = score(walk_steps(6.0), intervals_of([("walk", 1200, 1.2)]))
    (step,) = found.steps
    assert step.verdict is StepVerdict.PARTLY
    assert step.note == "slower than the target"
    assert found.verdict is Verdict.PARTLY


def test_a_hill_walk_done_on_the_flat_is_flatter_than_planned() -> None:
    flat = (Interval(start_s=0, end_s=1200, gait=Gait.WALK, distance_m=1800, grade_pct=0.5),)
    (step,) = score(walk_steps(5.4, grade_pct=8), flat).steps
    assert step.done_grade_pct == 0.5
    assert step.verdict is StepVerdict.PARTLY
    assert "flatter than planned" in step.note
    hill = (Interval(start_s=0, end_s=1200, gait=Gait.WALK, distance_m=1800, grade_pct=7.5),)
    assert score(walk_steps(5.4, grade_pct=8), hill).steps[0].verdict is StepVerdict.DONE


def test_an_empty_recording_misses_every_step() -> None:
    found = score(walk_steps(), ())
    assert found.verdict is Verdict.FAR_OFF
    assert found.steps[0].note == "not done"


def test_no_steps_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one planned step"):
        score((), ())


def test_a_stop_inside_a_walk_counts_against_that_step_only() -> None:
    steps = (WorkoutStep(name="Walk", intensity=Intensity.ACTIVE, duration_s=600),)
    intervals = (
        Interval(start_s=0, end_s=300, gait=Gait.WALK, distance_m=450),
        Interval(start_s=300, end_s=420, gait=Gait.STOP),
        Interval(start_s=420, end_s=720, gait=Gait.WALK, distance_m=450),
    )
    (step,) = score(steps, intervals).steps
    assert step.done_s >= 500
    assert step.verdict is StepVerdict.DONE


def exact_intervals(steps: Sequence[WorkoutStep], *, runs_walked: bool = False) -> tuple[Interval, ...]:
    out, clock = [], 0.0
    for s in steps:
        gait = Gait.RUN if s.running and not runs_walked else Gait.WALK
        speed = 9.0 if gait is Gait.RUN else 5.4
        out.append(
            Interval(
                start_s=clock, end_s=clock + s.duration_s, gait=gait, distance_m=speed / 3.6 * s.duration_s
            )
        )
        clock += s.duration_s
    return tuple(out)


@given(
    run_s=st.integers(30, 600),
    walk_s=st.integers(30, 300),
    duration_s=st.integers(300, 3600),
    warmup_s=st.sampled_from([0, 300]),
)
@settings(max_examples=40, deadline=None)
def test_any_run_walk_done_exactly_is_as_prescribed_and_walked_runs_count_no_running(
    run_s: int, walk_s: int, duration_s: int, warmup_s: int
) -> None:
    dose = {"duration_s": duration_s, "run_s": run_s, "walk_s": walk_s, "warmup_s": warmup_s}
    workout = workout_of(session(item("run-walk-intervals", **dose)), CATALOG)
    assert workout is not None
    steps = flat_steps(workout)
    done = score(steps, exact_intervals(steps))
    assert done.verdict is Verdict.AS_PRESCRIBED
    assert all(s.verdict is StepVerdict.DONE for s in done.steps)
    assert done.run_done_s == pytest.approx(done.run_planned_s)
    walked = score(steps, exact_intervals(steps, runs_walked=True))
    assert walked.run_done_s == 0
    assert walked.verdict is Verdict.FAR_OFF
