"""A planned session's cardio as a structured workout for a watch (pure: a session in, steps out)."""

from __future__ import annotations

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.domain.exercise import Category, Dose, Equipment, Exercise
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.workout import Intensity, Sport, Workout, WorkoutRepeat, WorkoutStep

# The band a watch holds a pace to. A wrist GPS's speed over a few seconds wanders by about ±0.3-0.5 km/h at
# walking and easy-running speeds, and the coach raises a pace 0.2 km/h at a time: a narrower band would
# beep at noise, a wider one would let a stroll pass for the brisk walk the step asks for.
SPEED_TOLERANCE_KMH = 0.5
# Blocks whose walk only prepares for the session: a strength day's five-minute walk is not a workout.
WARM_UP_BLOCKS = frozenset({"warm-up", "warmup"})


def workout_of(session: PlannedSession, catalog: ExerciseSource) -> Workout | None:
    """The session's cardio items as watch steps, in order; None when its only cardio is a warm-up.

    Strength work and stretches are left out of the file (a watch cannot count reps or time holds from a
    workout file) and named in `left_out`. A run/walk dose becomes a repeat of a run step and a walk step;
    the seconds that do not fill a whole run + walk are walked as a cool-down, so the file never asks for
    more running than the coach planned (the weekly running cap counts the planned share).
    """
    steps: list[WorkoutStep | WorkoutRepeat] = []
    main: list[Exercise] = []
    left_out: list[str] = []
    for item in session.items:
        exercise = catalog.get(item.exercise_id)
        if exercise.category is not Category.CARDIO or item.dose.duration_s is None:
            left_out.append(exercise.name)
            continue
        if item.block in WARM_UP_BLOCKS:
            name = exercise.name if exercise.running else "Warm-up walk"
            steps.append(
                _timed(name, Intensity.WARMUP, item.dose.duration_s, item.dose, running=exercise.running)
            )
            continue
        main.append(exercise)
        steps.extend(_cardio_steps(item, exercise))
    if not main:
        return None
    return Workout(
        day=session.day,
        name=session.name,
        sport=_sport(main),
        treadmill=all(Equipment.TREADMILL in exercise.equipment for exercise in main),
        steps=tuple(steps),
        left_out=tuple(dict.fromkeys(left_out)),
    )


def speed_band(speed_kmh: float) -> tuple[float, float]:
    """The low and high speed a watch accepts for a target speed."""
    return max(0.1, round(speed_kmh - SPEED_TOLERANCE_KMH, 2)), round(speed_kmh + SPEED_TOLERANCE_KMH, 2)


def _cardio_steps(item: PlannedItem, exercise: Exercise) -> list[WorkoutStep | WorkoutRepeat]:
    dose = item.dose
    assert dose.duration_s is not None  # checked by the caller
    steps: list[WorkoutStep | WorkoutRepeat] = []
    if dose.warmup_s:
        steps.append(WorkoutStep(name="Warm-up walk", intensity=Intensity.WARMUP, duration_s=dose.warmup_s))
    if dose.run_s is None or dose.walk_s is None:
        steps.append(
            _timed(
                _main_name(exercise, dose), Intensity.ACTIVE, dose.duration_s, dose, running=exercise.running
            )
        )
        return steps
    cycle = dose.run_s + dose.walk_s
    count, rest = divmod(dose.duration_s, cycle)
    if count == 0:
        # Shorter than one run and walk: run what fits, walk the rest.
        run_s = min(dose.run_s, dose.duration_s)
        steps.append(_timed("Run", Intensity.ACTIVE, run_s, dose, running=True))
        if dose.duration_s > run_s:
            steps.append(_timed("Walk", Intensity.RECOVERY, dose.duration_s - run_s, dose, speed=False))
        return steps
    run = _timed("Run", Intensity.ACTIVE, dose.run_s, dose, running=True)
    walk = _timed("Walk", Intensity.RECOVERY, dose.walk_s, dose, speed=False)
    steps.append(WorkoutRepeat(count=count, steps=(run, walk)))
    if rest:
        steps.append(WorkoutStep(name="Cool-down walk", intensity=Intensity.COOLDOWN, duration_s=rest))
    return steps


def _timed(
    name: str, intensity: Intensity, seconds: int, dose: Dose, *, speed: bool = True, running: bool = False
) -> WorkoutStep:
    target = dose.speed_kmh if speed else None
    low, high = speed_band(target) if target is not None else (None, None)
    return WorkoutStep(
        name=name,
        intensity=intensity,
        duration_s=seconds,
        speed_kmh=target,
        speed_low_kmh=low,
        speed_high_kmh=high,
        notes=_notes(dose, speed=speed),
        running=running,
        grade_pct=dose.grade_pct or None,
    )


def _main_name(exercise: Exercise, dose: Dose) -> str:
    if dose.level is not None:
        return f"{exercise.name}, level {dose.level}"
    if dose.grade_pct:
        place = "incline" if Equipment.TREADMILL in exercise.equipment else "grade"
        return f"{exercise.name}, {dose.grade_pct:g}% {place}"
    return exercise.name


def _notes(dose: Dose, *, speed: bool) -> str:
    """What the watch cannot hold the person to: the machine's incline or level, said in words."""
    parts = []
    if speed and dose.speed_kmh is not None:
        parts.append(f"{dose.speed_kmh:.1f} km/h")
    if dose.grade_pct:
        parts.append(f"{dose.grade_pct:g}% grade")
    if dose.level is not None:
        parts.append(f"level {dose.level}")
    return ", ".join(parts)


def _sport(main: list[Exercise]) -> Sport:
    if any(exercise.running for exercise in main):
        return Sport.RUNNING
    if all(Equipment.STAIR_CLIMBER in exercise.equipment for exercise in main):
        return Sport.STAIR_CLIMBING
    return Sport.WALKING
