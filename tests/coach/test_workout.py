"""A planned session's cardio as watch steps: checked against the prescription it comes from."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.coach.running import planned_running_s
from calfcoach.coach.workout import SPEED_TOLERANCE_KMH, speed_band, workout_of
from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.workout import Intensity, Sport, WorkoutRepeat, WorkoutStep
from calfcoach.library.catalog import load_catalog

CATALOG = load_catalog()
DAY = dt.date(2026, 3, 4)


def item(exercise_id: str, block: str = "main", /, **dose: float) -> PlannedItem:
    return PlannedItem(exercise_id=exercise_id, block=block, dose=Dose.model_validate(dose), reason="r")


def session(*items: PlannedItem, name: str = "Session") -> PlannedSession:
    return PlannedSession(
        day=DAY, program_id="p", phase_id="x", template_id="t", name=name, items=items, minutes=30
    )


def test_a_brisk_walk_is_one_step_held_to_its_pace() -> None:
    found = workout_of(session(item("brisk-walk", duration_s=1200, speed_kmh=5.4)), CATALOG)
    assert found is not None
    assert found.sport is Sport.WALKING
    assert not found.treadmill
    assert found.steps == (
        WorkoutStep(
            name="Brisk walk",
            intensity=Intensity.ACTIVE,
            duration_s=1200,
            speed_kmh=5.4,
            speed_low_kmh=4.9,
            speed_high_kmh=5.9,
            notes="5.4 km/h",
        ),
    )


def test_run_walk_intervals_are_a_warm_up_then_an_exact_repeat() -> None:
    dose = {"duration_s": 1200, "run_s": 60, "walk_s": 90, "warmup_s": 300}
    found = workout_of(session(item("run-walk-intervals", **dose)), CATALOG)
    assert found is not None
    assert found.sport is Sport.RUNNING
    warm_up, repeat = found.steps
    assert warm_up == WorkoutStep(name="Warm-up walk", intensity=Intensity.WARMUP, duration_s=300)
    assert isinstance(repeat, WorkoutRepeat)
    assert repeat.count == 8
    assert [(s.name, s.intensity, s.duration_s) for s in repeat.steps] == [
        ("Run", Intensity.ACTIVE, 60),
        ("Walk", Intensity.RECOVERY, 90),
    ]
    assert found.duration_s == 1500


def test_seconds_that_do_not_fill_a_run_and_walk_are_walked_as_a_cool_down() -> None:
    # The program's 1200 s of run 90 s / walk 90 s: six whole cycles, then 120 s.
    dose = {"duration_s": 1200, "run_s": 90, "walk_s": 90, "warmup_s": 300}
    found = workout_of(session(item("run-walk-intervals", **dose)), CATALOG)
    assert found is not None
    repeat, cool_down = found.steps[1:]
    assert isinstance(repeat, WorkoutRepeat)
    assert repeat.count == 6
    assert cool_down == WorkoutStep(name="Cool-down walk", intensity=Intensity.COOLDOWN, duration_s=120)


def test_a_treadmill_walk_says_its_incline_and_holds_the_belt_speed() -> None:
    found = workout_of(session(item("treadmill-walk", duration_s=900, speed_kmh=5.0, grade_pct=4)), CATALOG)
    assert found is not None
    assert found.treadmill
    (step,) = found.steps
    assert isinstance(step, WorkoutStep)
    assert step.name == "Treadmill walk, 4% incline"
    assert (step.speed_low_kmh, step.speed_kmh, step.speed_high_kmh) == (4.5, 5.0, 5.5)
    assert step.notes == "5.0 km/h, 4% grade"


def test_the_stair_climber_is_timed_at_its_level_without_a_speed() -> None:
    found = workout_of(session(item("stair-climber", duration_s=600, level=4)), CATALOG)
    assert found is not None
    assert found.sport is Sport.STAIR_CLIMBING
    assert found.steps == (
        WorkoutStep(
            name="Stair climber, level 4", intensity=Intensity.ACTIVE, duration_s=600, notes="level 4"
        ),
    )


def test_strength_work_is_left_out_and_named() -> None:
    found = workout_of(
        session(
            item("brisk-walk", "warm-up", duration_s=300),
            item("uphill-walk", "hill", duration_s=1200, grade_pct=5),
            item("calf-raise-step", "calves", sets=2, reps=10),
            item("wall-calf-stretch-straight", "stretch", sets=1, hold_s=30),
        ),
        CATALOG,
    )
    assert found is not None
    assert [s.name for s in found.steps if isinstance(s, WorkoutStep)] == [
        "Warm-up walk",
        "Uphill walk, 5% grade",
    ]
    assert [s.intensity for s in found.steps if isinstance(s, WorkoutStep)] == [
        Intensity.WARMUP,
        Intensity.ACTIVE,
    ]
    assert found.left_out == ("Calf raise on a step", "Wall calf stretch, straight knee")


def test_a_strength_day_whose_only_walk_is_its_warm_up_has_no_workout() -> None:
    strength_day = session(
        item("brisk-walk", "warm-up", duration_s=300), item("calf-raise-step", "calves", sets=2, reps=10)
    )
    assert workout_of(strength_day, CATALOG) is None


@pytest.mark.parametrize(("speed", "band"), [(5.0, (4.5, 5.5)), (0.4, (0.1, 0.9))])
def test_the_speed_band_is_the_tolerance_either_side_never_zero(
    speed: float, band: tuple[float, float]
) -> None:
    assert speed_band(speed) == band
    assert band[1] - speed == pytest.approx(SPEED_TOLERANCE_KMH)


intervals = st.fixed_dictionaries(
    {
        "duration_s": st.integers(60, 3 * 3600),
        "run_s": st.integers(1, 900),
        "walk_s": st.integers(1, 900),
        "warmup_s": st.integers(0, 1800),
    }
)


@given(intervals)
def test_run_walk_steps_last_the_prescribed_time_with_exact_repeats_and_no_extra_running(
    dose_fields: dict[str, int],
) -> None:
    planned = item("run-walk-intervals", **dose_fields)
    found = workout_of(session(planned), CATALOG)
    assert found is not None
    assert found.duration_s == dose_fields["duration_s"] + dose_fields["warmup_s"]
    cycle = dose_fields["run_s"] + dose_fields["walk_s"]
    repeats = [s for s in found.steps if isinstance(s, WorkoutRepeat)]
    count = dose_fields["duration_s"] // cycle
    assert [r.count for r in repeats] == ([count] if count else [])
    runs = sum(
        (step.count if isinstance(step, WorkoutRepeat) else 1) * inner.duration_s
        for step in found.steps
        for inner in (step.steps if isinstance(step, WorkoutRepeat) else (step,))
        if inner.name == "Run"
    )
    assert runs <= max(
        planned_running_s(planned.dose, CATALOG.get("run-walk-intervals")), dose_fields["run_s"]
    )
    if count:
        assert runs <= planned_running_s(planned.dose, CATALOG.get("run-walk-intervals"))


cardio = st.sampled_from(
    ["brisk-walk", "ankle-weight-walk", "treadmill-walk", "treadmill-run", "uphill-walk", "steady-jog"]
)


@given(
    st.lists(
        st.tuples(cardio, st.integers(60, 3600), st.floats(3.0, 12.0), st.integers(0, 600)),
        min_size=1,
        max_size=3,
    )
)
def test_steady_cardio_steps_sum_to_the_session_and_hold_each_pace(
    bouts: list[tuple[str, int, float, int]],
) -> None:
    items = [
        item(exercise, f"b{i}", duration_s=seconds, speed_kmh=round(speed, 1), warmup_s=warm)
        for i, (exercise, seconds, speed, warm) in enumerate(bouts)
    ]
    found = workout_of(session(*items), CATALOG)
    assert found is not None
    assert found.duration_s == sum(seconds + warm for _, seconds, _, warm in bouts)
    active = [s for s in found.steps if isinstance(s, WorkoutStep) and s.intensity is Intensity.ACTIVE]
    assert [s.speed_kmh for s in active] == [round(speed, 1) for _, _, speed, _ in bouts]
    running = any(CATALOG.get(exercise).running for exercise, *_ in bouts)
    assert (found.sport is Sport.RUNNING) == running
