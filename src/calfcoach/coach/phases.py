"""Which phase of a program a person is in on a given day, replayed from their history."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from calfcoach.coach.gates import GateCheck, check_gate, gate_open
from calfcoach.domain.base import Value
from calfcoach.domain.log import History
from calfcoach.domain.program import Phase, Program


class PhaseState(Value):
    index: int
    phase: Phase
    start: dt.date
    as_of: dt.date
    next_gate: GateCheck | None
    next_phase: Phase | None

    def week_on(self, day: dt.date) -> int:
        """1-based week of the phase, the week that schedule rules read."""
        return (day - self.start).days // 7 + 1


class PhaseCheckpoint(Value):
    """Where the replay of the phase gates stands after every day something happened up to `as_of`.

    Unlike a PhaseState, it holds no day on which nothing happened: a phase_on for a later day that resumes
    from it replays exactly the days a replay from the start would (tests/coach/test_phase_checkpoint.py).
    A gate checked on a day reads only what is dated on or before it (coach/gates.py), so the checkpoint
    stays right while nothing dated on or before `as_of`, the program and the start date change.
    """

    index: int
    start: dt.date
    as_of: dt.date


def replay_inputs(program: Program, start_date: dt.date) -> str:
    """A digest of what a replay reads besides the history: the start date, and each phase's id and entry
    criteria in order (not the words of the program). A checkpoint is only resumed under the same digest."""
    phases = [
        [p.id, None if p.entry is None else [c.model_dump(mode="json") for c in p.entry.criteria]]
        for p in program.phases
    ]
    text = json.dumps([start_date.isoformat(), phases], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _event_days(history: History, first: dt.date, last: dt.date) -> set[dt.date]:
    """The days from `first` through `last` on which a session, a test or a check-in is dated."""
    after = last + dt.timedelta(days=1)
    return (
        {s.day for s in history.sessions_between(first, after)}
        | {t.day for t in history.tests_between(first, last)}
        | {c.day for c in history.checkins_between(first, after)}
    )


def _replay(
    program: Program, history: History, days: set[dt.date], index: int, phase_start: dt.date
) -> tuple[int, dt.date]:
    """Check the next phase's gate on each of `days` in order; a phase starts the day its gate opened."""
    for event in sorted(days):
        while index + 1 < len(program.phases):
            gate = program.phases[index + 1].entry
            if gate is None or not gate_open(gate, history, event, phase_start):
                break
            index, phase_start = index + 1, event
    return index, phase_start


def replay_phases(
    program: Program,
    history: History,
    through: dt.date,
    start_date: dt.date,
    *,
    resume: PhaseCheckpoint | None = None,
) -> PhaseCheckpoint:
    """Replay the gates on every day something happened up to `through`, from `resume` when given (it must
    come from the same program, start date and history up to its `as_of`; one from after `through` is
    not used)."""
    index, phase_start, first = 0, start_date, start_date
    if resume is not None and resume.as_of <= through:
        index, phase_start, first = (
            resume.index,
            resume.start,
            max(first, resume.as_of + dt.timedelta(days=1)),
        )
    index, phase_start = _replay(program, history, _event_days(history, first, through), index, phase_start)
    return PhaseCheckpoint(index=index, start=phase_start, as_of=through)


def phase_on(
    program: Program,
    history: History,
    day: dt.date,
    start_date: dt.date,
    *,
    resume: PhaseState | None = None,
    checkpoint: PhaseCheckpoint | None = None,
) -> PhaseState:
    """Replay gate checks on every day something happened, so a phase starts the day its gate opened.

    `resume` is a state computed earlier for the same history up to its `as_of` day; the replay then only
    covers the days after it (a projected plan appends sessions day by day). `checkpoint`
    (replay_phases) does the same for a checkpoint from before `day`: the answer is the full replay's.
    """
    index, phase_start, first = 0, start_date, start_date
    if resume is not None and resume.as_of <= day:
        index, phase_start, first = resume.index, resume.start, resume.as_of + dt.timedelta(days=1)
    elif checkpoint is not None and checkpoint.as_of < day:
        index, phase_start = checkpoint.index, checkpoint.start
        first = max(first, checkpoint.as_of + dt.timedelta(days=1))
    days = {d for d in _event_days(history, first, day) | {day} if first <= d}
    index, phase_start = _replay(program, history, days, index, phase_start)
    following = program.phases[index + 1] if index + 1 < len(program.phases) else None
    pending = (
        check_gate(following.entry, history, day, phase_start)
        if following is not None and following.entry is not None
        else None
    )
    return PhaseState(
        index=index,
        phase=program.phases[index],
        start=phase_start,
        as_of=day,
        next_gate=pending,
        next_phase=following,
    )


def program_end(program: Program, phase: PhaseState) -> dt.date | None:
    """The day a program with an end is over: its last phase's `weeks` after that phase began; else None."""
    last = program.phases[-1]
    if phase.index != len(program.phases) - 1 or last.weeks is None:
        return None
    return phase.start + dt.timedelta(weeks=last.weeks)
