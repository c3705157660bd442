"""Build a dated plan by projecting prescriptions forward, as if each session were done as prescribed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.phases import PhaseState, phase_on
from calfcoach.coach.prescribe import Coach, prescribe
from calfcoach.coach.running import planned_running_s
from calfcoach.domain.exercise import Dose, Side
from calfcoach.domain.log import CardioLog, History, PerformedSession, SetLog
from calfcoach.domain.messages import Kind, Message, define, joined
from calfcoach.domain.plan import Plan, PlannedSession
from calfcoach.i18n import N_

_NEXT_PHASE = define(
    "plan.next_phase",
    # TRANSLATORS: {phase} is the next phase's name; {unmet} lists its entry criteria not met yet.
    N_("Next phase, {phase}, opens when: {unmet}"),
    phase=Kind.TEXT,
    unmet=Kind.MESSAGE,
)

# What a projected session is assumed to feel like: moderate effort, no pain. Real logs replace it.
PROJECTED_RPE = 5.0


def as_prescribed(
    planned: PlannedSession,
    catalog: ExerciseSource,
    *,
    reps_of: Callable[[Dose], int | None] = lambda dose: dose.reps,
    rpe: float = PROJECTED_RPE,
    pain_during: int = 0,
    pain_after: int = 0,
) -> PerformedSession:
    """The session done as prescribed (reps as `reps_of` says), at the given effort and pain."""
    sets: list[SetLog] = []
    cardio: list[CardioLog] = []
    for item in planned.items:
        dose = item.dose
        if dose.is_cardio and dose.duration_s:
            running_s = planned_running_s(dose, catalog.get(item.exercise_id))
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
        sets += [
            SetLog(
                exercise_id=item.exercise_id,
                block=item.block,
                set_index=index,
                side=side,
                reps=reps_of(dose),
                hold_s=dose.hold_s,
                load_kg=dose.load_kg,
            )
            for index in range(dose.sets or 1)
            for side in sides
        ]
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
        rpe=rpe,
        pain_during=pain_during,
        pain_after=pain_after,
    )


def build_plan(coach: Coach, history: History, start: dt.date, weeks: int) -> Plan:
    """Sessions from `start` for `weeks` weeks; later doses assume earlier sessions go as prescribed.

    Gates that need a test (the heel-rise test before running) cannot be projected: the plan stays in the
    current phase and says what the next phase needs.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    projected = history
    sessions: list[PlannedSession] = []
    first = max(start, coach.profile.start_date)
    state: PhaseState | None = None
    for offset in range(weeks * 7):
        day = first + dt.timedelta(days=offset)
        # The history only grows after `day`, so the replay up to the day before stays valid.
        state = (
            phase_on(
                coach.program, projected, day - dt.timedelta(days=1), coach.profile.start_date, resume=state
            )
            if day > coach.profile.start_date
            else None
        )
        planned = prescribe(day, coach, projected, phase=state)
        if planned is None:
            continue
        sessions.append(planned)
        projected = History(
            sessions=(*projected.sessions, as_prescribed(planned, coach.catalog)),
            checkins=projected.checkins,
            tests=projected.tests,
        )
    notes: list[Message] = []
    end = first + dt.timedelta(days=weeks * 7)
    state = phase_on(coach.program, projected, end, coach.profile.start_date)
    if state.next_gate is not None and state.next_phase is not None and not state.next_gate.open:
        notes.append(_NEXT_PHASE(phase=state.next_phase.name, unmet=joined(state.next_gate.unmet)))
    return Plan(program_id=coach.program.id, sessions=tuple(sessions), notes=tuple(notes))
