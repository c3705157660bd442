"""Which phase of a program a person is in on a given day, replayed from their history."""

from __future__ import annotations

import datetime as dt

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


def phase_on(
    program: Program,
    history: History,
    day: dt.date,
    start_date: dt.date,
    *,
    resume: PhaseState | None = None,
) -> PhaseState:
    """Replay gate checks on every day something happened, so a phase starts the day its gate opened.

    `resume` is a state computed earlier for the same history up to its `as_of` day; the replay then only
    covers the days after it (a projected plan appends sessions day by day).
    """
    index, phase_start, first = 0, start_date, start_date
    if resume is not None and resume.as_of <= day:
        index, phase_start, first = resume.index, resume.start, resume.as_of + dt.timedelta(days=1)
    events = (
        {s.day for s in history.sessions_between(first, day + dt.timedelta(days=1))}
        | {t.day for t in history.tests if first <= t.day <= day}
        | {c.day for c in history.checkins_between(first, day + dt.timedelta(days=1))}
    )
    for event in sorted(d for d in events | {day} if first <= d <= day):
        while index + 1 < len(program.phases):
            gate = program.phases[index + 1].entry
            if gate is None or not gate_open(gate, history, event, phase_start):
                break
            index, phase_start = index + 1, event
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
