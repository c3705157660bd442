"""Read what was actually done with one exercise in one session out of the logs."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.base import Value
from calfcoach.domain.log import History, PerformedSession


class Performance(Value):
    """One exercise as performed in one session, reduced to the numbers progression rules read."""

    day: dt.date
    exercise_id: str
    phase_id: str
    completed: bool
    session_rpe: float | None
    set_rpe: float | None = None
    pain_during: int
    pain_after: int
    sets: int = 0
    reps_min: int | None = None
    load_kg: float = 0.0
    hold_s: float | None = None
    duration_s: float | None = None
    speed_kmh: float | None = None
    grade_pct: float | None = None
    level: int | None = None
    running_s: float = 0.0


def performance_in(
    session: PerformedSession, exercise_id: str, block: str | None = None
) -> Performance | None:
    """Summarise the exercise in this session (in `block`, when given), or None if it was not done."""
    sets = [
        s
        for s in session.sets
        if s.exercise_id == exercise_id and (block is None or s.block in (None, block))
    ]
    cardio = [
        c
        for c in session.cardio
        if c.exercise_id == exercise_id and (block is None or c.block in (None, block))
    ]
    if not sets and not cardio:
        return None
    reps = [s.reps for s in sets if s.reps is not None]
    set_rpes = [s.rpe for s in sets if s.rpe is not None]
    holds = [s.hold_s for s in sets if s.hold_s is not None]
    # A set per side counts once: sets are numbered, and both sides share the set index.
    set_count = len({s.set_index for s in sets})
    duration = sum(c.duration_s for c in cardio) if cardio else None
    speeds = [(c.speed_kmh, c.duration_s) for c in cardio if c.speed_kmh is not None]
    speed = sum(v * w for v, w in speeds) / sum(w for _, w in speeds) if speeds else None
    grades = [c.grade_pct for c in cardio if c.grade_pct is not None]
    levels = [c.level for c in cardio if c.level is not None]
    return Performance(
        day=session.day,
        exercise_id=exercise_id,
        phase_id=session.phase_id,
        completed=session.completed,
        session_rpe=session.rpe,
        set_rpe=max(set_rpes) if set_rpes else None,
        pain_during=session.pain_during,
        pain_after=session.pain_after,
        sets=set_count,
        reps_min=min(reps) if reps else None,
        load_kg=max((s.load_kg for s in sets), default=0.0),
        hold_s=min(holds) if holds else None,
        duration_s=duration,
        speed_kmh=speed,
        grade_pct=max(grades) if grades else None,
        level=max(levels) if levels else None,
        running_s=sum(c.running_s or 0.0 for c in cardio),
    )


def last_performance(
    history: History, exercise_id: str, before: dt.date, block: str | None = None
) -> Performance | None:
    """The most recent performance of the exercise (in `block`, when given) strictly before `before`."""
    for session in reversed(history.sessions_with(exercise_id, before)):
        found = performance_in(session, exercise_id, block)
        if found is not None:
            return found
    return None


def recent_performances(history: History, exercise_id: str, before: dt.date, count: int) -> list[Performance]:
    """Up to `count` most recent performances strictly before `before`, newest first."""
    found: list[Performance] = []
    for session in reversed(history.sessions_with(exercise_id, before)):
        perf = performance_in(session, exercise_id)
        if perf is not None:
            found.append(perf)
            if len(found) == count:
                break
    return found


def load_stepped_within(
    history: History, exercise_id: str, before: dt.date, days: int, lookback: int = 20
) -> bool:
    """Whether load on the exercise went up (a session done at a higher load than the one before it) on a
    day less than `days` before `before`, looking back over at most `lookback` sessions.

    Read from the newest session back, and no further than the days that could hold such a step: a load
    step is due again once the last one is `days` old, however long ago it was.
    """
    newer: float | None = None
    for seen, session in enumerate(reversed(history.sessions_with(exercise_id, before))):
        if seen == lookback:
            break
        load = max((x.load_kg for x in session.sets if x.exercise_id == exercise_id), default=0.0)
        if newer is not None and newer > load:
            return True
        if (before - session.day).days >= days:
            return False  # a step onto this session or an older one is old enough
        newer = load
    return False


def latest_of(found: list[Performance | None]) -> Performance | None:
    """The most recent of several performances (of exercises of one activity)."""
    present = [p for p in found if p is not None]
    return max(present, key=lambda p: p.day) if present else None
