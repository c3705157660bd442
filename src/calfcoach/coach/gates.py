"""Gates: whether a person meets a phase's entry criteria or an item's unlock criteria on a given day."""

from __future__ import annotations

import datetime as dt
import math

from calfcoach.assess.symmetry import limb_symmetry_index
from calfcoach.coach.performance import Performance, recent_performances
from calfcoach.coach.running import continuous_running_s
from calfcoach.domain.base import Value
from calfcoach.domain.log import History, TestKind
from calfcoach.domain.program import (
    Criterion,
    ExerciseReps,
    Gate,
    PainFree,
    RunningTime,
    SessionsCompleted,
    TestCriterion,
    WeeksInPhase,
)

UNITS = {
    TestKind.HEEL_RAISE: " single-leg heel raises",
    TestKind.KNEE_TO_WALL: " cm knee-to-wall",
    TestKind.BALANCE: " s single-leg balance",
    TestKind.HOP_PAIN: "/10 pain on hopping",
}


class GateCheck(Value):
    open: bool
    met: tuple[str, ...]
    unmet: tuple[str, ...]


def _check(criterion: Criterion, history: History, day: dt.date, phase_start: dt.date) -> tuple[bool, str]:
    if isinstance(criterion, SessionsCompleted):
        done = history.completed_between(phase_start, day)
        return done >= criterion.min, f"{done} of {criterion.min} sessions completed in this phase"
    if isinstance(criterion, WeeksInPhase):
        weeks = max(0, (day - phase_start).days // 7)  # a program starting later has had no week yet
        unit = "week" if weeks == 1 else "weeks"
        return weeks >= criterion.min, f"{weeks} {unit} in this phase (at least {criterion.min} needed)"
    if isinstance(criterion, TestCriterion):
        return _check_test(criterion, history, day)
    if isinstance(criterion, PainFree):
        since = day - dt.timedelta(days=criterion.days)
        sessions = history.sessions_between(since, day)
        worst = max(
            [max(s.pain_during, s.pain_after) for s in sessions]
            + [c.morning_pain for c in history.checkins_between(since, day + dt.timedelta(days=1))],
            default=0,
        )
        if not sessions:
            return (
                False,
                f"a session in the last {criterion.days} days with pain at {criterion.max_pain}/10 or less",
            )
        ok = worst <= criterion.max_pain
        return ok, f"worst pain in the last {criterion.days} days {worst}/10 (limit {criterion.max_pain}/10)"
    if isinstance(criterion, ExerciseReps):
        # Read the raw sets: this runs on every day of a replay, so no per-session objects are built.
        recent = history.sessions_with(criterion.exercise, day)[-criterion.sessions :]
        lowest = [
            min((s.reps or 0 for s in session.sets if s.exercise_id == criterion.exercise), default=0)
            for session in recent
        ]
        reached = sum(1 for reps in lowest if reps >= criterion.reps)
        ok = len(recent) == criterion.sessions and reached == criterion.sessions
        return ok, (
            f"{reached} of the last {criterion.sessions} sessions of {_name(criterion.exercise)} "
            f"reached {criterion.reps} reps on every set"
        )
    if isinstance(criterion, RunningTime):
        perfs = recent_performances(history, criterion.exercise, day, criterion.sessions)
        held = sum(1 for p in perfs if _running_held(p, criterion))
        ok = held == criterion.sessions
        how = "continuous running" if criterion.continuous else "running"
        return ok, (
            f"{held} of the last {criterion.sessions} sessions of {_name(criterion.exercise)} "
            f"held {criterion.min_s / 60:g} min of {how}"
        )
    raise AssertionError(f"unhandled criterion {criterion!r}")


def _name(exercise_id: str) -> str:
    """An exercise's name for a gate's words (its id if the library lacks it)."""
    from calfcoach.library.catalog import load_catalog  # the engine's own library, read once per process

    catalog = load_catalog()
    return catalog.get(exercise_id).name if exercise_id in catalog else exercise_id


def _running_held(perf: Performance, criterion: RunningTime) -> bool:
    """Running time held in one session; when continuous, only running that filled the session counts."""
    if not criterion.continuous:
        return perf.running_s >= criterion.min_s
    continuous = continuous_running_s(perf.duration_s or 0.0, perf.running_s, running=True)
    return continuous >= criterion.min_s


def _check_test(criterion: TestCriterion, history: History, day: dt.date) -> tuple[bool, str]:
    since = day - dt.timedelta(days=criterion.within_days)
    tests = [t for t in history.tests if t.kind is criterion.kind and since <= t.day <= day]
    unit = UNITS[criterion.kind]
    name = criterion.kind.value.replace("_", "-")
    if not tests:
        return False, f"a {name} test in the last {criterion.within_days} days is needed"
    test = tests[-1]
    parts = [f"{name} test on {test.day.isoformat()}: left {test.left:g}, right {test.right:g}{unit}"]
    ok = True
    if criterion.min_each_side is not None:
        ok &= min(test.left, test.right) >= criterion.min_each_side
        parts.append(f"need {criterion.min_each_side:g} or more on each side")
    if criterion.max_each_side is not None:
        ok &= max(test.left, test.right) <= criterion.max_each_side
        parts.append(f"need {criterion.max_each_side:g} or less on each side")
    if criterion.min_symmetry_pct is not None:
        lsi = limb_symmetry_index(test.left, test.right)
        ok &= lsi is not None and lsi >= criterion.min_symmetry_pct
        # Rounded down, so a 89.6 % side is never shown as meeting a 90 % target it missed.
        shown = "n/a (both sides 0)" if lsi is None else f"{math.floor(lsi)}%"
        parts.append(f"symmetry {shown} (need {criterion.min_symmetry_pct:g}%)")
    return ok, "; ".join(parts)


_CHEAP_FIRST: dict[type, int] = {
    TestCriterion: 0,
    WeeksInPhase: 1,
    SessionsCompleted: 2,
    PainFree: 3,
    ExerciseReps: 4,
    RunningTime: 5,
}


def gate_open(gate: Gate, history: History, day: dt.date, phase_start: dt.date) -> bool:
    """Whether every criterion holds, checking the cheap ones first and stopping at the first miss."""
    ordered = sorted(gate.criteria, key=lambda c: _CHEAP_FIRST[type(c)])
    return all(_check(c, history, day, phase_start)[0] for c in ordered)


def check_gate(gate: Gate, history: History, day: dt.date, phase_start: dt.date) -> GateCheck:
    """Evaluate every criterion, so the person sees all that is met and all that is missing."""
    met: list[str] = []
    unmet: list[str] = []
    for criterion in gate.criteria:
        ok, text = _check(criterion, history, day, phase_start)
        (met if ok else unmet).append(text)
    return GateCheck(open=not unmet, met=tuple(met), unmet=tuple(unmet))
