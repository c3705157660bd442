"""Build a dated plan by projecting prescriptions forward, as if each session were done as prescribed."""

from __future__ import annotations

import datetime as dt

from calfcoach.coach.phases import phase_on
from calfcoach.coach.prescribe import Coach, prescribe
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CardioLog, History, PerformedSession, SetLog
from calfcoach.domain.plan import Plan, PlannedSession

# What a projected session is assumed to feel like: moderate effort, no pain. Real logs replace it.
PROJECTED_RPE = 5.0


def as_prescribed(planned: PlannedSession, running_ids: frozenset[str]) -> PerformedSession:
    """The session done exactly as prescribed, at moderate effort and without pain."""
    sets: list[SetLog] = []
    cardio: list[CardioLog] = []
    for item in planned.items:
        dose = item.dose
        if dose.is_cardio and dose.duration_s:
            running_s = 0.0
            if dose.run_s and dose.walk_s:
                running_s = dose.duration_s * dose.run_s / (dose.run_s + dose.walk_s)
            elif item.exercise_id in running_ids:
                running_s = float(dose.duration_s)
            cardio.append(
                CardioLog(
                    exercise_id=item.exercise_id,
                    block=item.block,
                    duration_s=dose.duration_s,
                    avg_speed_kmh=dose.speed_kmh,
                    grade_pct=dose.grade_pct,
                    level=dose.level,
                    running_s=running_s or None,
                )
            )
            continue
        sides = (Side.LEFT, Side.RIGHT) if dose.per_side else (Side.BOTH,)
        for index in range(dose.sets or 1):
            for side in sides:
                sets.append(
                    SetLog(
                        exercise_id=item.exercise_id,
                        block=item.block,
                        set_index=index,
                        side=side,
                        reps=dose.reps,
                        hold_s=dose.hold_s,
                        load_kg=dose.load_kg,
                    )
                )
    return PerformedSession(
        id=f"projected-{planned.day.isoformat()}",
        day=planned.day,
        program_id=planned.program_id,
        phase_id=planned.phase_id,
        template_id=planned.template_id,
        planned_for=planned.day,
        sets=tuple(sets),
        cardio=tuple(cardio),
        completed=True,
        rpe=PROJECTED_RPE,
    )


def build_plan(coach: Coach, history: History, start: dt.date, weeks: int) -> Plan:
    """Sessions from `start` for `weeks` weeks; later doses assume earlier sessions go as prescribed.

    Gates that need a test (the heel-rise test before running) cannot be projected: the plan stays in the
    current phase and says what the next phase needs.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    running_ids = frozenset(
        item.exercise
        for phase in coach.program.phases
        for session in phase.sessions
        for block in session.blocks
        for item in block.items
        if coach.catalog.get(item.exercise).running
    ) | frozenset(
        e.id
        for e in (
            coach.catalog.get(item.otherwise)
            for phase in coach.program.phases
            for session in phase.sessions
            for block in session.blocks
            for item in block.items
            if item.otherwise
        )
        if e.running
    )
    projected = history
    sessions: list[PlannedSession] = []
    first = max(start, coach.profile.start_date)
    for offset in range(weeks * 7):
        day = first + dt.timedelta(days=offset)
        planned = prescribe(day, coach, projected)
        if planned is None:
            continue
        sessions.append(planned)
        projected = History(
            sessions=(*projected.sessions, as_prescribed(planned, running_ids)),
            checkins=projected.checkins,
            tests=projected.tests,
        )
    notes: list[str] = []
    end = first + dt.timedelta(days=weeks * 7)
    state = phase_on(coach.program, projected, end, coach.profile.start_date)
    if state.next_gate is not None and state.next_phase is not None and not state.next_gate.open:
        notes.append(f"Next phase, {state.next_phase.name}, opens when: " + "; ".join(state.next_gate.unmet))
    return Plan(program_id=coach.program.id, sessions=tuple(sessions), notes=tuple(notes))
