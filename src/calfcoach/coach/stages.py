"""Run/walk stages replayed from the history: move on only after good sessions done at the full stage.

Couch to 5K's advice is to repeat a week that felt too hard; here a stage moves on after
`sessions_per_stage` sessions in a row that were completed at the stage's full running time, at an
effort of at most the rule's `max_rpe`, with pain in the safe zone and settled by the next morning.
A session above the acceptable pain level steps back one stage, and so does a break (two stages after
a long one), as repeating a week after time off does; after a break or relative rest the good sessions
are counted again from none, at the first stage too.
Stages belong to the block, not the venue: an outdoor and a treadmill run/walk in blocks of the same
id move the person through one shared sequence.
"""

from __future__ import annotations

import datetime as dt

from calfcoach.coach.activity import is_stretch
from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.pain import Action, activity_status, pain_pointed, worst_pain
from calfcoach.coach.phases import PhaseState
from calfcoach.coach.running import is_running, planned_running_s
from calfcoach.coach.schedule import break_days
from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Exercise
from calfcoach.domain.log import CardioLog, History, PerformedSession
from calfcoach.domain.messages import EMPTY, Kind, Message, define
from calfcoach.domain.program import Program, Stages
from calfcoach.i18n import N_, N_plural

RELATIVE_REST = "relative-rest"  # the template id of a relative-rest session (coach/prescribe.py)
FULL_DOSE_SHARE = 0.95  # a session counts at 95 % of the stage's running (watch files round and pause)


# The words of the stages. The invariants (tests/coach/test_invariants.py) read "stage N of M" and
# "after N good sessions" back from the English text.
_STAGE = define("stages.stage", N_("stage {stage} of {total}"), stage=Kind.COUNT, total=Kind.COUNT)
_STAGE_EVENT = define(
    "stages.stage.event",
    # TRANSLATORS: {event} says what last moved the person through the stages ("moved on after 3 good
    # sessions").
    N_("stage {stage} of {total}: {event}"),
    stage=Kind.COUNT,
    total=Kind.COUNT,
    event=Kind.MESSAGE,
)
_BELOW = define(
    "stages.below",
    N_("stage {stage} of {total} for today, below stage {current} until the last session's findings settle"),
    stage=Kind.COUNT,
    total=Kind.COUNT,
    current=Kind.COUNT,
)
_AFTER_BREAK = define(
    "stages.after_break",
    N_plural("after {days} day without training", "after {days} days without training"),
    counted="days",
    days=Kind.COUNT,
)
_AGAIN_AFTER_BREAK = define(
    "stages.again_after_break",
    N_plural(
        "this stage again after {days} day without training",
        "this stage again after {days} days without training",
    ),
    counted="days",
    days=Kind.COUNT,
)
_AGAIN_AFTER_REST = define("stages.again_after_rest", N_("this stage again after relative rest"))()
_AFTER_PAIN = define(
    "stages.after_pain", N_("after pain {worst}/10 on {day}"), worst=Kind.COUNT, day=Kind.DATE
)
_AGAIN = define(
    "stages.again",
    N_("this stage again: the session of {day} did not count toward moving on"),
    day=Kind.DATE,
)
_GOOD = define(
    "stages.good_sessions",
    N_plural(
        "{count} of {needed} good session at this stage", "{count} of {needed} good sessions at this stage"
    ),
    counted="needed",
    count=Kind.COUNT,
    needed=Kind.COUNT,
)
_MOVED_ON = define(
    "stages.moved_on",
    N_plural("moved on after {sessions} good session", "moved on after {sessions} good sessions"),
    counted="sessions",
    sessions=Kind.COUNT,
)
_BACK = define(
    "stages.back",
    # TRANSLATORS: {why} is "after 10 days without training" or "after pain 6/10 on 2026-03-02".
    N_("back from stage {stage} to stage {to} {why}"),
    stage=Kind.COUNT,
    to=Kind.COUNT,
    why=Kind.MESSAGE,
)


class StageState(Value):
    """Where the person stands in the stages today, and what last moved them (in words)."""

    index: int
    total: int
    event: Message = EMPTY
    last_done: int | None = None

    def prescribed(self, reduce: bool, hold: bool) -> int:
        """The stage to do today: the current one, but at most one above the stage last done; no higher
        than the one last done while holding; one below that when the last session calls for less."""
        done = self.index if self.last_done is None else min(self.index, self.last_done)
        if reduce:
            return max(0, done - 1)
        # Back up from a stage done lower one stage at a time, never two at once.
        return done if hold else min(self.index, done + 1)

    def describe(self, prescribed: int) -> Message:
        if prescribed < self.index:
            return _BELOW(stage=prescribed + 1, total=self.total, current=self.index + 1)
        if self.event:
            return _STAGE_EVENT(stage=prescribed + 1, total=self.total, event=self.event)
        return _STAGE(stage=prescribed + 1, total=self.total)


def _relevant(
    session: PerformedSession, exercise_id: str, block_id: str, catalog: ExerciseSource
) -> list[CardioLog]:
    """The runs of this block in the session (a walk given instead of a run is not a run/walk session)."""
    return [
        c
        for c in session.cardio
        if (c.block == block_id or (c.block is None and c.exercise_id == exercise_id))
        and is_running(catalog, c.exercise_id)
    ]


def _stage_done(logs: list[CardioLog], stage: Stages, index: int, exercise: Exercise) -> int:
    """The stage a session was done at: the one whose running time is nearest to the running logged (a
    stage stepped back for pain is done below the current one); the current one when none was logged."""
    logged = [c.running_s for c in logs if c.running_s is not None]
    if not logged:
        return index
    ran = sum(logged)
    return min(range(index + 1), key=lambda k: (abs(planned_running_s(stage.stages[k], exercise) - ran), -k))


def _full_dose(logs: list[CardioLog], stage: Stages, index: int, exercise: Exercise) -> bool:
    planned = stage.stages[index]
    duration = sum(c.duration_s for c in logs)
    logged_running = [c.running_s for c in logs if c.running_s is not None]
    if logged_running:
        return sum(logged_running) >= FULL_DOSE_SHARE * planned_running_s(planned, exercise)
    return planned.duration_s is None or duration >= FULL_DOSE_SHARE * planned.duration_s


def _break_back(gap: int | None, program: Program, weekdays: frozenset[int]) -> int:
    if gap is None:
        return 0
    after, long_after = break_days(program.deload.after_days, program.deload.long_after_days, weekdays)
    if gap >= long_after:
        return 2
    if gap >= after:
        return 1
    return 0


def stage_state(
    rule: Stages,
    history: History,
    exercise: Exercise,
    block_id: str,
    phase: PhaseState,
    day: dt.date,
    program: Program,
    catalog: ExerciseSource,
    weekdays: frozenset[int] = frozenset(range(7)),
) -> StageState:
    """Replay the stages of this block from the start of the phase up to `day`."""
    index = count = 0
    rebase = False
    last_done: int | None = None
    event = EMPTY
    before = history.last_session_before(phase.start)
    previous = before.day if before else None
    limits = program.pain
    last = len(rule.stages) - 1
    for session in history.sessions_between(phase.start, day):
        back = _break_back(None if previous is None else (session.day - previous).days, program, weekdays)
        if back:
            # The count starts over after a break at every stage, the first included: good sessions
            # before time off do not carry a person on to more running after it.
            gap = (session.day - previous).days if previous else 0
            event = (
                _stepped_back(index, back, _AFTER_BREAK(days=gap)) if index else _AGAIN_AFTER_BREAK(days=gap)
            )
            index, count, rebase = max(0, index - back), 0, True
        previous = session.day
        if session.template_id == RELATIVE_REST:
            # After relative rest the stage is earned again from the start.
            count = 0
            event = _AGAIN_AFTER_REST
            continue
        logs = _relevant(session, exercise.id, block_id, catalog)
        if not logs:
            continue
        last_done = _stage_done(logs, rule, index, exercise)
        if rebase:
            # After pain or a break stepped back, the stage the person next does is where they stand.
            index, rebase = min(index, last_done), False
        hurt = pain_pointed(session, {c.exercise_id for c in logs}, lambda x: is_stretch(catalog, x))
        worst, _ = worst_pain(session) if hurt else (0, "")
        if worst > limits.acceptable_max:
            # One stage below the stage that hurt (which may already be below the current one).
            stepped = max(0, min(index, last_done) - 1)
            if index:
                event = _stepped_back(index, index - stepped, _AFTER_PAIN(worst=worst, day=session.day))
            index, count, rebase = stepped, 0, True
            continue
        settled = (
            activity_status(history, day, limits, session if hurt else None, EMPTY).action is Action.PROGRESS
        )
        good = (
            session.completed
            and settled
            and (session.rpe is None or session.rpe <= rule.max_rpe)
            and last_done == index
            and _full_dose(logs, rule, index, exercise)
        )
        if not good:
            # Repeat the stage, as Couch to 5K repeats a week that felt too hard: the count starts again;
            # a session done lower leaves the person at most one stage above it.
            index, count = min(index, last_done + 1), 0
            event = _AGAIN(day=session.day)
            continue
        count += 1
        event = _GOOD(count=count, needed=rule.sessions_per_stage)
        if count >= rule.sessions_per_stage and index < last:
            index, count = index + 1, 0
            event = _MOVED_ON(sessions=rule.sessions_per_stage)
    back = _break_back(None if previous is None else (day - previous).days, program, weekdays)
    if back and index and previous is not None:
        event = _stepped_back(index, back, _AFTER_BREAK(days=(day - previous).days))
        index = max(0, index - back)
    return StageState(index=index, total=len(rule.stages), event=event, last_done=last_done)


def _stepped_back(index: int, back: int, why: Message) -> Message:
    """'back from stage 3 to stage 2 after 10 days without training' (the real number of stages)."""
    return _BACK(stage=index + 1, to=max(0, index - back) + 1, why=why)
