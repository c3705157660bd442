"""Score a recording against its plan: the intervals found in it lined up with the workout's steps (pure).

Lining up: the recording's timeline is cut into one window per planned step, in order, where the windows
may be shorter or longer than planned, empty (a step not done), and may leave time before the first and
after the last step (a walk to the start, a stroll home). The cut is the one of least cost, found by
dynamic programming over candidate cut points (the intervals' boundaries, and the plan's own boundaries
laid from where moving began): each second in a window moving at the wrong gait costs WRONG_GAIT_COST,
each second at the right gait but outside the step's speed band costs OFF_PACE_COST, each second
standing costs STOP_COST, each second a window's moving time is longer or shorter than its
step costs 1, and each second of moving outside every window costs OUTSIDE_COST. A person who runs 70 s
instead of 60 s then has 70 s matched to that run, and the plan's later steps follow them, not a clock.

Each step is then scored: the share of its time done at its gait, its speed against the target's band
(coach/workout.py's ±0.5 km/h), its grade against a hill's; and the session as a whole: done as
prescribed, partly, or far off, with the reason in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from calfcoach.domain.compliance import Gait, Interval, Score, StepScore, StepVerdict, Verdict
from calfcoach.domain.log import History
from calfcoach.domain.messages import Kind, Message, define, joined
from calfcoach.domain.workout import Intensity, Workout, WorkoutRepeat, WorkoutStep
from calfcoach.i18n import N_, N_plural

WRONG_GAIT_COST = 2.0
OFF_PACE_COST = 0.5  # a second at the step's gait but outside its speed band: the stroll is not the walk
STOP_COST = 0.25  # a pause inside a step (a crossing, a shoelace) neither counts nor costs much
OUTSIDE_COST = 0.25  # walking to the start is common and costs little; a whole session outside costs more
DONE_SHARE = 0.85  # a step is done when this share of its time was at its gait (a GPS-found boundary
# is within a few seconds: docs/activities.md, "Scoring a recording against its plan")
PARTLY_SHARE = 0.5
GRADE_SLACK_PCT = 2.0  # a hill step counts on a grade at most this much below the planned one
SESSION_DONE_SHARE = 0.9  # the share of the main part (and of its running) done for "as prescribed"
SESSION_FAR_SHARE = 0.5  # below this share (of the main part, or of its running): far off
_MAIN = (Intensity.ACTIVE, Intensity.RECOVERY)


@dataclass(frozen=True)
class _Planned:
    step: WorkoutStep
    start_s: float


_FAR_OFF = define(
    "compliance.far_off",
    # TRANSLATORS: {reason} is the score's reason (a bout scored before revision 0022 has it in English).
    N_("the recording of {day} was far from its plan: {reason}"),
    day=Kind.DATE,
    reason=Kind.MESSAGE,
)
_FAR_OFF_BARE = define(
    "compliance.far_off.bare", N_("the recording of {day} was far from its plan:"), day=Kind.DATE
)


# A step's notes: what the recording did in the step's place that the plan did not ask for.
_NOT_DONE = define("compliance.step.not_done", N_("not done"))
_INSTEAD = {
    Gait.RUN: define("compliance.step.run_instead", N_("run instead")),
    Gait.WALK: define("compliance.step.walked_instead", N_("walked instead")),
    Gait.STOP: define("compliance.step.stopped_instead", N_("stopped instead")),
}
# TRANSLATORS: a step done in part: "45 s of 90 s", "3 min of 5 min" (the times are written already).
_PART = define("compliance.step.part", N_("{done} of {planned}"), done=Kind.TEXT, planned=Kind.TEXT)
_SLOWER = define("compliance.step.slower", N_("slower than the target"))
_FASTER = define("compliance.step.faster", N_("faster than the target"))
_FLATTER = define("compliance.step.flatter", N_("flatter than planned"))


def far_off_note(history: History, exercise_id: str, day: dt.date) -> Message | None:
    """What the next prescription says when the last bout of this exercise (on `day`, from a scored
    recording) was far from its plan: the day and the reason, kindly; None otherwise."""
    sessions = history.sessions_with(exercise_id, day + dt.timedelta(days=1))
    if not sessions or sessions[-1].day != day:
        return None
    for log in sessions[-1].cardio:
        if log.exercise_id == exercise_id and log.plan_verdict is Verdict.FAR_OFF:
            reason = log.plan_why or log.plan_reason  # the message; an older log's English words as said
            return _FAR_OFF(day=day, reason=reason) if reason else _FAR_OFF_BARE(day=day)
    return None


def flat_steps(workout: Workout) -> tuple[WorkoutStep, ...]:
    """The workout's steps in the order they are done, repeats unrolled."""
    out: list[WorkoutStep] = []
    for step in workout.steps:
        if isinstance(step, WorkoutRepeat):
            for _ in range(step.count):
                out.extend(step.steps)
        else:
            out.append(step)
    return tuple(out)


def score(steps: Sequence[WorkoutStep], intervals: Sequence[Interval]) -> Score:
    """Score the recording's intervals (calfcoach.activities.intervals.detect) against planned steps."""
    planned: list[_Planned] = []
    clock = 0.0
    for step in steps:
        planned.append(_Planned(step, clock))
        clock += step.duration_s
    if not planned:
        raise ValueError("a score needs at least one planned step")
    timeline = _Timeline(intervals)
    cuts = _cut(planned, timeline)
    scored = tuple(_score_step(p, cuts[i], cuts[i + 1], timeline) for i, p in enumerate(planned))
    return _overall(scored, timeline, cuts)


class _Timeline:
    """Seconds at each gait, and distance, up to any time: sums over the intervals."""

    def __init__(self, intervals: Sequence[Interval]) -> None:
        self.intervals = tuple(sorted(intervals, key=lambda i: i.start_s))
        self.end = self.intervals[-1].end_s if self.intervals else 0.0
        moving = [i for i in self.intervals if i.gait is not Gait.STOP]
        self.first_moving = moving[0].start_s if moving else 0.0

    def seconds(
        self, start: float, end: float, gait: Gait | None = None, band: tuple[float, float] | None = None
    ) -> float:
        """Seconds in [start, end) at `gait` (any moving gait when None), within a speed band if given."""
        total = 0.0
        for i in self.intervals:
            if (gait is None and i.gait is Gait.STOP) or (gait is not None and i.gait is not gait):
                continue
            if band is not None and not band[0] <= i.speed_kmh <= band[1]:
                continue
            total += max(0.0, min(end, i.end_s) - max(start, i.start_s))
        return total

    def gait_at(self, at: float) -> Gait | None:
        """The gait at a moment within the recording (None outside it): what was done instead of a step
        left out there."""
        for i in self.intervals:
            if i.start_s <= at < i.end_s:
                return i.gait
        return None

    def distance(self, start: float, end: float) -> float:
        """Metres in [start, end), each interval's distance spread evenly over its time."""
        total = 0.0
        for i in self.intervals:
            overlap = max(0.0, min(end, i.end_s) - max(start, i.start_s))
            if overlap and i.duration_s > 0:
                total += i.distance_m * overlap / i.duration_s
        return total

    def grade(self, start: float, end: float) -> float | None:
        """The distance-weighted grade of the intervals in [start, end), None where none has one."""
        weight = total = 0.0
        for i in self.intervals:
            overlap = max(0.0, min(end, i.end_s) - max(start, i.start_s))
            if overlap and i.grade_pct is not None and i.duration_s > 0:
                metres = i.distance_m * overlap / i.duration_s
                weight += metres
                total += i.grade_pct * metres
        return total / weight if weight > 0 else None


def _gait(step: WorkoutStep) -> Gait:
    return Gait.RUN if step.running else Gait.WALK


def _band(step: WorkoutStep) -> tuple[float, float] | None:
    if step.speed_low_kmh is None or step.speed_high_kmh is None:
        return None
    return step.speed_low_kmh, step.speed_high_kmh


def _cut(planned: list[_Planned], timeline: _Timeline) -> list[float]:
    """The least-cost cut points c[0] <= ... <= c[n] (see the module's docstring)."""
    points = {0.0, timeline.end}
    for interval in timeline.intervals:
        points.update((interval.start_s, interval.end_s))
    for p in planned:
        for at in (p.start_s, p.start_s + p.step.duration_s):
            points.add(min(timeline.end, timeline.first_moving + at))
    candidates = sorted(points)
    k = len(candidates)
    n = len(planned)
    inf = float("inf")
    upto = {g: [timeline.seconds(0.0, c, g) for c in candidates] for g in (Gait.RUN, Gait.WALK)}
    moving = [timeline.seconds(0.0, c) for c in candidates]
    cost = [OUTSIDE_COST * m for m in moving]
    back: list[list[int]] = []
    for p in planned:
        at_gait = upto[_gait(p.step)]
        band = _band(p.step)
        in_band = [timeline.seconds(0.0, c, _gait(p.step), band) for c in candidates] if band else at_gait
        new = [inf] * k
        choice = [0] * k
        for j in range(k):
            end = candidates[j]
            for i in range(j + 1):
                if cost[i] == inf:
                    continue
                length = end - candidates[i]
                moved = moving[j] - moving[i]
                wrong = moved - (at_gait[j] - at_gait[i])
                off_pace = (at_gait[j] - at_gait[i]) - (in_band[j] - in_band[i])
                c = (
                    cost[i]
                    + WRONG_GAIT_COST * wrong
                    + OFF_PACE_COST * off_pace
                    + STOP_COST * (length - moved)
                    + abs(moved - p.step.duration_s)
                )
                if c < new[j]:
                    new[j], choice[j] = c, i
        back.append(choice)
        cost = new
    final = [cost[j] + OUTSIDE_COST * (moving[-1] - moving[j]) for j in range(k)]
    j = min(range(k), key=lambda x: final[x])
    cuts = [candidates[j]]
    for step in range(n - 1, -1, -1):
        j = back[step][j]
        cuts.append(candidates[j])
    return cuts[::-1]


def _score_step(p: _Planned, start: float, end: float, timeline: _Timeline) -> StepScore:
    step = p.step
    gait = _gait(step)
    length = end - start
    done = timeline.seconds(start, end, gait)
    moving = timeline.seconds(start, end)
    speed = timeline.distance(start, end) / moving * 3.6 if moving > 0 else None
    grade = timeline.grade(start, end)
    by_gait = {g: timeline.seconds(start, end, g) for g in Gait}
    gait_done = max(by_gait, key=lambda g: by_gait[g]) if length > 0 else timeline.gait_at(start)
    share = min(done, step.duration_s) / step.duration_s
    notes: list[Message] = []
    verdict = StepVerdict.DONE if share >= DONE_SHARE else StepVerdict.PARTLY
    if share < PARTLY_SHARE:
        verdict = StepVerdict.MISSED
    if gait_done is None:
        notes.append(_NOT_DONE())
    elif gait_done is not gait:
        notes.append(_INSTEAD[gait_done]())
    elif share < DONE_SHARE:
        notes.append(_PART(done=_minutes(done), planned=_minutes(step.duration_s)))
    if step.speed_low_kmh is not None and speed is not None and verdict is not StepVerdict.MISSED:
        if speed < step.speed_low_kmh:
            notes.append(_SLOWER())
            verdict = StepVerdict.PARTLY
        elif step.speed_high_kmh is not None and speed > step.speed_high_kmh:
            notes.append(_FASTER())
    hill = step.grade_pct is not None and step.grade_pct > 0
    if hill and grade is not None and verdict is not StepVerdict.MISSED:
        assert step.grade_pct is not None
        if grade < step.grade_pct - GRADE_SLACK_PCT:
            notes.append(_FLATTER())
            verdict = StepVerdict.PARTLY
    return StepScore(
        name=step.name,
        intensity=step.intensity,
        running=step.running,
        planned_start_s=p.start_s,
        planned_s=step.duration_s,
        speed_low_kmh=step.speed_low_kmh,
        speed_high_kmh=step.speed_high_kmh,
        grade_pct=step.grade_pct,
        start_s=start if length > 0 else None,
        done_s=round(done, 1),
        speed_kmh=round(speed, 2) if speed is not None else None,
        done_grade_pct=round(grade, 1) if grade is not None else None,
        gait_done=gait_done,
        verdict=verdict,
        note=", ".join(str(note) for note in notes),
        notes=tuple(notes),
    )


def _minutes(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


def _overall(steps: tuple[StepScore, ...], timeline: _Timeline, cuts: list[float]) -> Score:
    main = [s for s in steps if s.intensity in _MAIN] or list(steps)
    planned = sum(s.planned_s for s in main)
    credit = {StepVerdict.DONE: 1.0, StepVerdict.PARTLY: 0.5, StepVerdict.MISSED: 0.0}
    share = sum(s.planned_s * credit[s.verdict] for s in main) / planned
    runs = [s for s in main if s.running]
    run_planned = sum(s.planned_s for s in runs)
    run_done = sum(min(s.done_s, s.planned_s) for s in runs)
    run_share = run_done / run_planned if run_planned else 1.0
    active = [(cuts[i], cuts[i + 1]) for i, s in enumerate(steps) if s.intensity is Intensity.ACTIVE]
    moving = sum(timeline.seconds(a, b) for a, b in active)
    metres = sum(timeline.distance(a, b) for a, b in active)
    main_speed = round(metres / moving * 3.6, 2) if moving > 0 and metres > 0 else None
    if share >= SESSION_DONE_SHARE and run_share >= SESSION_DONE_SHARE:
        verdict = Verdict.AS_PRESCRIBED
    elif share < SESSION_FAR_SHARE or run_share < SESSION_FAR_SHARE:
        verdict = Verdict.FAR_OFF
    else:
        verdict = Verdict.PARTLY
    why = _reason(verdict, main, runs, run_share)
    return Score(
        steps=steps,
        verdict=verdict,
        reason=str(why),
        why=why,
        run_planned_s=run_planned,
        run_done_s=round(run_done, 1),
        main_speed_kmh=main_speed,
    )


_ALL_RUNS = define(
    "compliance.as_prescribed.runs",
    N_plural(
        "{ran} of {runs} run run as planned, and the walks around it walked.",
        "{ran} of {runs} runs run as planned, and the walks between them walked.",
    ),
    counted="runs",
    ran=Kind.COUNT,
    runs=Kind.COUNT,
)
_HELD = define("compliance.as_prescribed.held", N_("The time and the pace of the plan were held."))
_RUNS_WALKED = define(
    "compliance.runs_walked",
    N_(
        "Most of the run intervals were walked ({ran} of {runs} run as planned). Walking is a fine choice on"
        " a day that calls for it; this stage is done again before the running goes up."
    ),
    ran=Kind.COUNT,
    runs=Kind.COUNT,
)
# TRANSLATORS: {step} is the plan's name for the step ("Brisk walk", "Run 3"), {note} what was off.
_STEP_DETAIL = define("compliance.step.detail", N_("{step}: {note}"), step=Kind.TEXT, note=Kind.MESSAGE)
_ONE_STEP = define("compliance.one_step", N_("{detail}."), detail=Kind.MESSAGE)
_SOME_STEPS = define(
    "compliance.some_steps",
    N_plural(
        "{short} of {steps} step was not done as planned ({detail}).",
        "{short} of {steps} steps were not done as planned ({detail}).",
    ),
    counted="steps",
    short=Kind.COUNT,
    steps=Kind.COUNT,
    detail=Kind.MESSAGE,
)
_KEPT = define(
    "compliance.far_off.kept", N_("The coach counts what was done and keeps the next step where it is.")
)
_VERDICT_WORDS = {
    StepVerdict.PARTLY: define("compliance.step.partly", N_("partly")),
    StepVerdict.MISSED: define("compliance.step.missed", N_("missed")),
}


def _reason(verdict: Verdict, main: list[StepScore], runs: list[StepScore], run_share: float) -> Message:
    ran = sum(1 for s in runs if s.verdict is StepVerdict.DONE)
    if verdict is Verdict.AS_PRESCRIBED:
        return _ALL_RUNS(ran=ran, runs=len(runs)) if runs else _HELD()
    if runs and run_share < SESSION_FAR_SHARE:
        return _RUNS_WALKED(ran=ran, runs=len(runs))
    short = [s for s in main if s.verdict is not StepVerdict.DONE]
    details: dict[str, Message] = {}
    for step in short[:3]:
        note = joined(step.notes, ", ") if step.notes else _VERDICT_WORDS[step.verdict]()
        detail = _STEP_DETAIL(step=step.name, note=note)
        details.setdefault(str(detail).lower(), detail)  # the same words for two steps are said once
    detail_list = joined(details.values())
    said = (
        _ONE_STEP(detail=detail_list)
        if len(main) == 1
        else _SOME_STEPS(short=len(short), steps=len(main), detail=detail_list)
    )
    return joined([said, _KEPT()], " ") if verdict is Verdict.FAR_OFF else said
