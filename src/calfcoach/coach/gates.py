"""Gates: whether a person meets a phase's entry criteria or an item's unlock criteria on a given day."""

from __future__ import annotations

import datetime as dt
import math

from calfcoach.assess.symmetry import limb_symmetry_index
from calfcoach.coach.performance import Performance, recent_performances
from calfcoach.coach.running import continuous_running_s
from calfcoach.domain.base import Value
from calfcoach.domain.log import History, TestKind
from calfcoach.domain.messages import Kind, Message, define, joined
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
from calfcoach.i18n import N_, N_plural

_SESSIONS = define(
    "gate.sessions_completed",
    N_plural(
        "{done} of {needed} session completed in this phase",
        "{done} of {needed} sessions completed in this phase",
    ),
    counted="needed",
    done=Kind.COUNT,
    needed=Kind.COUNT,
)
_WEEKS_IN_PHASE = N_plural(
    "{weeks} week in this phase (at least {needed} needed)",
    "{weeks} weeks in this phase (at least {needed} needed)",
)
_WEEKS = define("gate.weeks_in_phase", _WEEKS_IN_PHASE, counted="weeks", weeks=Kind.COUNT, needed=Kind.COUNT)
# The form for one week had a code of its own before messages had plural forms: plans stored then keep it.
define("gate.weeks_in_phase.one", _WEEKS_IN_PHASE, counted="weeks", weeks=Kind.COUNT, needed=Kind.COUNT)
_NO_SESSION = define(
    "gate.pain_free.no_session",
    N_plural(
        "a session in the last {days} day with pain at {limit}/10 or less",
        "a session in the last {days} days with pain at {limit}/10 or less",
    ),
    counted="days",
    days=Kind.COUNT,
    limit=Kind.COUNT,
)
_PAIN_FREE = define(
    "gate.pain_free",
    N_plural(
        "worst pain in the last {days} day {worst}/10 (limit {limit}/10)",
        "worst pain in the last {days} days {worst}/10 (limit {limit}/10)",
    ),
    counted="days",
    days=Kind.COUNT,
    worst=Kind.COUNT,
    limit=Kind.COUNT,
)
_REPS = define(
    "gate.exercise_reps",
    # TRANSLATORS: {exercise} is the exercise's name.
    N_plural(
        "{reached} of the last {sessions} session of {exercise} reached {reps} reps on every set",
        "{reached} of the last {sessions} sessions of {exercise} reached {reps} reps on every set",
    ),
    counted="sessions",
    reached=Kind.COUNT,
    sessions=Kind.COUNT,
    exercise=Kind.TEXT,
    reps=Kind.COUNT,
)
_RUNNING = define(
    "gate.running_time",
    N_plural(
        "{held} of the last {sessions} session of {exercise} held {time} of running",
        "{held} of the last {sessions} sessions of {exercise} held {time} of running",
    ),
    counted="sessions",
    held=Kind.COUNT,
    sessions=Kind.COUNT,
    exercise=Kind.TEXT,
    time=Kind.DURATION,
)
_CONTINUOUS = define(
    "gate.running_time.continuous",
    N_plural(
        "{held} of the last {sessions} session of {exercise} held {time} of continuous running",
        "{held} of the last {sessions} sessions of {exercise} held {time} of continuous running",
    ),
    counted="sessions",
    held=Kind.COUNT,
    sessions=Kind.COUNT,
    exercise=Kind.TEXT,
    time=Kind.DURATION,
)
TESTS = {
    TestKind.HEEL_RAISE: define(
        "gate.test.heel_raise",
        N_("heel-raise test on {day}: left {left}, right {right} single-leg heel raises"),
        day=Kind.DATE,
        left=Kind.NUMBER,
        right=Kind.NUMBER,
    ),
    TestKind.KNEE_TO_WALL: define(
        "gate.test.knee_to_wall",
        N_("knee-to-wall test on {day}: left {left}, right {right} cm knee-to-wall"),
        day=Kind.DATE,
        left=Kind.NUMBER,
        right=Kind.NUMBER,
    ),
    TestKind.BALANCE: define(
        "gate.test.balance",
        N_("balance test on {day}: left {left}, right {right} s single-leg balance"),
        day=Kind.DATE,
        left=Kind.NUMBER,
        right=Kind.NUMBER,
    ),
    TestKind.HOP_PAIN: define(
        "gate.test.hop_pain",
        # TRANSLATORS: {left} and {right} are pain scores out of 10 felt while hopping on each leg.
        N_("hop-pain test on {day}: left {left}, right {right}/10 pain on hopping"),
        day=Kind.DATE,
        left=Kind.NUMBER,
        right=Kind.NUMBER,
    ),
}
MISSING_TESTS = {
    TestKind.HEEL_RAISE: N_plural(
        "a heel-raise test in the last {days} day is needed",
        "a heel-raise test in the last {days} days is needed",
    ),
    TestKind.KNEE_TO_WALL: N_plural(
        "a knee-to-wall test in the last {days} day is needed",
        "a knee-to-wall test in the last {days} days is needed",
    ),
    TestKind.BALANCE: N_plural(
        "a balance test in the last {days} day is needed", "a balance test in the last {days} days is needed"
    ),
    TestKind.HOP_PAIN: N_plural(
        "a hop-pain test in the last {days} day is needed",
        "a hop-pain test in the last {days} days is needed",
    ),
}
_MISSING = {
    kind: define(f"gate.test.{kind.value}.missing", text, counted="days", days=Kind.COUNT)
    for kind, text in MISSING_TESTS.items()
}
_MIN_EACH = define("gate.test.min_each_side", N_("need {value} or more on each side"), value=Kind.NUMBER)
_MAX_EACH = define("gate.test.max_each_side", N_("need {value} or less on each side"), value=Kind.NUMBER)
_SYMMETRY = define(
    "gate.test.symmetry",
    # TRANSLATORS: limb symmetry: the weaker side as a percentage of the stronger one.
    N_("symmetry {shown} (need {needed})"),
    shown=Kind.PERCENT,
    needed=Kind.PERCENT,
)
_NO_SYMMETRY = define(
    "gate.test.symmetry.none", N_("symmetry n/a (both sides 0) (need {needed})"), needed=Kind.PERCENT
)


class GateCheck(Value):
    open: bool
    met: tuple[Message, ...]
    unmet: tuple[Message, ...]


def _check(
    criterion: Criterion, history: History, day: dt.date, phase_start: dt.date
) -> tuple[bool, Message]:
    if isinstance(criterion, SessionsCompleted):
        done = history.completed_between(phase_start, day)
        return done >= criterion.min, _SESSIONS(done=done, needed=criterion.min)
    if isinstance(criterion, WeeksInPhase):
        weeks = max(0, (day - phase_start).days // 7)  # a program starting later has had no week yet
        return weeks >= criterion.min, _WEEKS(weeks=weeks, needed=criterion.min)
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
            return False, _NO_SESSION(days=criterion.days, limit=criterion.max_pain)
        ok = worst <= criterion.max_pain
        return ok, _PAIN_FREE(days=criterion.days, worst=worst, limit=criterion.max_pain)
    if isinstance(criterion, ExerciseReps):
        # Read the raw sets: this runs on every day of a replay, so no per-session objects are built.
        recent = history.sessions_with(criterion.exercise, day)[-criterion.sessions :]
        lowest = [
            min((s.reps or 0 for s in session.sets if s.exercise_id == criterion.exercise), default=0)
            for session in recent
        ]
        reached = sum(1 for reps in lowest if reps >= criterion.reps)
        ok = len(recent) == criterion.sessions and reached == criterion.sessions
        return ok, _REPS(
            reached=reached,
            sessions=criterion.sessions,
            exercise=_name(criterion.exercise),
            reps=criterion.reps,
        )
    if isinstance(criterion, RunningTime):
        perfs = recent_performances(history, criterion.exercise, day, criterion.sessions)
        held = sum(1 for p in perfs if _running_held(p, criterion))
        ok = held == criterion.sessions
        said = _CONTINUOUS if criterion.continuous else _RUNNING
        return ok, said(
            held=held, sessions=criterion.sessions, exercise=_name(criterion.exercise), time=criterion.min_s
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


def _check_test(criterion: TestCriterion, history: History, day: dt.date) -> tuple[bool, Message]:
    since = day - dt.timedelta(days=criterion.within_days)
    tests = [t for t in history.tests_between(since, day) if t.kind is criterion.kind]
    if not tests:
        return False, _MISSING[criterion.kind](days=criterion.within_days)
    test = tests[-1]
    parts = [TESTS[criterion.kind](day=test.day, left=test.left, right=test.right)]
    ok = True
    if criterion.min_each_side is not None:
        ok &= min(test.left, test.right) >= criterion.min_each_side
        parts.append(_MIN_EACH(value=criterion.min_each_side))
    if criterion.max_each_side is not None:
        ok &= max(test.left, test.right) <= criterion.max_each_side
        parts.append(_MAX_EACH(value=criterion.max_each_side))
    if criterion.min_symmetry_pct is not None:
        lsi = limb_symmetry_index(test.left, test.right)
        ok &= lsi is not None and lsi >= criterion.min_symmetry_pct
        # Rounded down, so a 89.6 % side is never shown as meeting a 90 % target it missed.
        needed = criterion.min_symmetry_pct
        parts.append(
            _NO_SYMMETRY(needed=needed) if lsi is None else _SYMMETRY(shown=math.floor(lsi), needed=needed)
        )
    return ok, joined(parts)


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
    met: list[Message] = []
    unmet: list[Message] = []
    for criterion in gate.criteria:
        ok, text = _check(criterion, history, day, phase_start)
        (met if ok else unmet).append(text)
    return GateCheck(open=not unmet, met=tuple(met), unmet=tuple(unmet))
