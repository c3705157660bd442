"""Small builders for histories, so tests read as the situation they describe."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CardioLog, CheckIn, History, PerformedSession, SetLog

DAY = dt.date(2026, 3, 2)  # a Monday


def strength_session(
    day: dt.date,
    exercise_id: str = "calf-raise-step",
    *,
    sets: int = 2,
    reps: int = 10,
    load_kg: float = 0.0,
    rpe: float | None = 5,
    pain_during: int = 0,
    pain_after: int = 0,
    completed: bool = True,
    per_side: bool = False,
) -> PerformedSession:
    sides = (Side.LEFT, Side.RIGHT) if per_side else (Side.BOTH,)
    return PerformedSession(
        id=f"s-{day.isoformat()}-{exercise_id}",
        day=day,
        program_id="p",
        phase_id="x",
        template_id="t",
        sets=tuple(
            SetLog(exercise_id=exercise_id, set_index=i, side=side, reps=reps, load_kg=load_kg)
            for i in range(sets)
            for side in sides
        ),
        completed=completed,
        rpe=rpe,
        pain_during=pain_during,
        pain_after=pain_after,
    )


def cardio_session(
    day: dt.date,
    exercise_id: str = "brisk-walk",
    *,
    duration_s: float = 1200,
    speed_kmh: float | None = 5.0,
    running_s: float | None = None,
    grade_pct: float | None = None,
    rpe: float | None = 4,
    pain_during: int = 0,
    pain_after: int = 0,
) -> PerformedSession:
    return PerformedSession(
        id=f"c-{day.isoformat()}-{exercise_id}",
        day=day,
        program_id="p",
        phase_id="x",
        template_id="t",
        cardio=(
            CardioLog(
                exercise_id=exercise_id,
                duration_s=duration_s,
                avg_speed_kmh=speed_kmh,
                running_s=running_s,
                grade_pct=grade_pct,
            ),
        ),
        rpe=rpe,
        pain_during=pain_during,
        pain_after=pain_after,
    )


def history(*sessions: PerformedSession, checkins: tuple[CheckIn, ...] = ()) -> History:
    return History(sessions=sessions, checkins=checkins)
